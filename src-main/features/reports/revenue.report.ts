// Revenue and receivables, per currency (never converted): invoices issued on a local day of the period, payments
// taken on one (by method), and what was owed at the end of the period's last day by its age since issue.
import type { AgeingRow, CollectedRow, InvoicedRow, Revenue } from '@shared/contract/reports';
import { AGEING_BUCKETS, ageingBucketOf } from '@shared/domain/reports';
import type { PaymentMethod } from '@shared/domain/billing';
import { PAYMENT_METHODS } from '@shared/domain/billing';
import type { CallContext } from '../../platform/context';
import { raw, reportScope, sql, type ReportFilterInput } from './report-scope';

export async function revenue(ctx: CallContext, filter: ReportFilterInput): Promise<Revenue> {
  const s = await reportScope(ctx, filter);
  const invoicedQ = sql`SELECT i.currency, i.status = 'void' AS voided, COUNT(*) AS n, SUM(i.total) AS total, SUM(i.insurance_share) AS insurance
    FROM invoices i WHERE i.hospital_id IN (${s.ids}) AND i.issue_date BETWEEN ${s.from} AND ${s.to} AND i.status <> 'draft'
    GROUP BY i.currency, voided`;
  const payDay = s.localDaySql('p.paid_at', 'p.hospital_id');
  // Each payment's currency is its invoice's, read from the narrow (id, currency) index rather than the invoice's row.
  const collectedQ = sql`SELECT i.currency, p.method, COUNT(*) AS n, SUM(p.amount) AS amount
    FROM payments p JOIN invoices i FORCE INDEX (ix_invoices_currency) ON i.id = p.invoice_id
    WHERE p.hospital_id IN (${s.ids}) AND p.paid_at >= ${s.startAt} AND p.paid_at < ${s.endAt} AND ${payDay} BETWEEN ${s.from} AND ${s.to}
    GROUP BY i.currency, p.method`;
  // Owed now by invoices still open, issued by the period's end …
  const ageExpr = sql`DATEDIFF(${s.to}, i.issue_date)`;
  const bucketExpr = raw(`CASE ${AGEING_BUCKETS.filter((b) => b.to !== null).map((b) => `WHEN age <= ${b.to} THEN '${b.key}'`).join(' ')} ELSE '${AGEING_BUCKETS[AGEING_BUCKETS.length - 1].key}' END`);
  const openQ = sql`SELECT currency, ${bucketExpr} AS bucket, COUNT(*) AS n, SUM(owed) AS owed FROM (
      SELECT i.currency, ${ageExpr} AS age, i.total - i.paid AS owed FROM invoices i
       WHERE i.hospital_id IN (${s.ids}) AND i.issue_date <= ${s.to} AND i.status IN ('issued', 'partially_paid') AND i.total > i.paid
    ) x GROUP BY currency, bucket`;
  // … plus what was paid after the period's end, which was still owed on its last day.
  const laterQ = sql`SELECT i.id, i.currency, ${ageExpr} AS age, i.total, i.paid, i.status, SUM(p.amount) AS later
    FROM payments p JOIN invoices i ON i.id = p.invoice_id
    WHERE p.hospital_id IN (${s.ids}) AND p.paid_at >= ${new Date(s.endAt.getTime() - 2 * 86_400_000)} AND ${payDay} > ${s.to} AND i.issue_date <= ${s.to} AND i.status <> 'void'
    GROUP BY i.id, i.currency, age, i.total, i.paid, i.status`;

  const invoicedRows: { currency: string; voided: number | string; n: number | string; total: number | string | null; insurance: number | string | null }[] = await s.reader.query(invoicedQ.sql, invoicedQ.args);
  const collectedRows: { currency: string; method: PaymentMethod; n: number | string; amount: number | string }[] = await s.reader.query(collectedQ.sql, collectedQ.args);
  const openRows: { currency: string; bucket: string; n: number | string; owed: number | string }[] = await s.reader.query(openQ.sql, openQ.args);
  const laterRows: { id: number; currency: string; age: number | string; total: number | string; paid: number | string; status: string; later: number | string }[] = await s.reader.query(laterQ.sql, laterQ.args);

  const invoiced = new Map<string, InvoicedRow>();
  for (const r of invoicedRows) {
    let row = invoiced.get(r.currency);
    if (!row) invoiced.set(r.currency, (row = { currency: r.currency, invoices: 0, invoiced: 0, insuranceShare: 0, patientShare: 0, voided: 0 }));
    if (Number(r.voided)) {
      row.voided += Number(r.n);
      continue;
    }
    row.invoices += Number(r.n);
    row.invoiced += Number(r.total ?? 0);
    row.insuranceShare += Number(r.insurance ?? 0);
    row.patientShare = row.invoiced - row.insuranceShare;
  }

  const methodOrder = new Map(PAYMENT_METHODS.map((m, i) => [m, i]));
  const collected: CollectedRow[] = collectedRows
    .map((r) => ({ currency: r.currency, method: r.method, payments: Number(r.n), amount: Number(r.amount) }))
    .sort((a, b) => a.currency.localeCompare(b.currency) || (methodOrder.get(a.method) ?? 0) - (methodOrder.get(b.method) ?? 0));

  const ageing = new Map<string, AgeingRow>();
  const ageRow = (currency: string, bucket: string) => {
    const key = `${currency}|${bucket}`;
    let row = ageing.get(key);
    if (!row) {
      const b = AGEING_BUCKETS.find((x) => x.key === bucket) ?? AGEING_BUCKETS[0];
      ageing.set(key, (row = { currency, bucket: b.key, label: b.label, invoices: 0, outstanding: 0 }));
    }
    return row;
  };
  for (const r of openRows) {
    const row = ageRow(r.currency, r.bucket);
    row.invoices += Number(r.n);
    row.outstanding += Number(r.owed);
  }
  for (const r of laterRows) {
    const row = ageRow(r.currency, ageingBucketOf(Number(r.age)).key);
    const stillOpen = (r.status === 'issued' || r.status === 'partially_paid') && Number(r.total) > Number(r.paid);
    if (!stillOpen) row.invoices += 1;
    row.outstanding += Number(r.later);
  }
  const currencies = [...new Set([...invoiced.keys(), ...[...ageing.values()].map((a) => a.currency), ...collected.map((c) => c.currency)])].sort();
  const outstanding: AgeingRow[] = [];
  for (const c of currencies) for (const b of AGEING_BUCKETS) outstanding.push(ageing.get(`${c}|${b.key}`) ?? { currency: c, bucket: b.key, label: b.label, invoices: 0, outstanding: 0 });

  return {
    ...s.head,
    invoiced: [...invoiced.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    collected,
    outstanding,
  };
}
