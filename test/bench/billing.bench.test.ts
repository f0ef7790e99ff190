// Billing through the handler pipeline: issuing (number, PDF, SHA-256, store) one invoice at a time, a batch PDF of
// 1,000 invoices (time and memory), and the first page of a month's invoice list with 100,000 invoices in it, each
// beside its floor (the same SQL work written by hand; a floor does not draw PDFs). Prints a table; the budgets are
// reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchReport, count, floorOf, must, timed, traced, type Sql } from '../support/bench';
import mysql from 'mysql2/promise';
import { localDate } from '@shared/domain/dates';
import { lineAmounts, invoiceNumber } from '@shared/domain/billing';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const MONTH_INVOICES = Number(process.env.HMS_BENCH_INVOICES ?? 100_000);
const ISSUES = 200;
const BATCH = 1_000;

const report = new BenchReport('operation');
const FLOOR_ISSUES = 100;

/** An audit row as a hand-written program writes it (to a copy of audit_log: the app's hash chain is left alone). */
const audit = (sql: Sql, action: string, entityId: number, hospitalId: number, changes: unknown) =>
  sql(
    `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
     VALUES (NOW(3), NULL, 'floor', 'invoices.issue', ?, 'invoice', ?, ?, ?, ?, ?)`,
    [action, String(entityId), hospitalId, JSON.stringify(changes), '0'.repeat(64), '0'.repeat(64)],
  );

/** The invoices of the list with their patients, newest first: the one SELECT of a page. */
const INVOICE_PAGE = `SELECT i.id, i.number, i.status, i.currency, i.total, i.paid, i.issue_date, i.patient_id, p.patient_number, p.first_name, p.last_name
  FROM invoices i JOIN patients p ON p.id = i.patient_id
  WHERE i.hospital_id = ? AND i.issue_date >= ? AND i.issue_date <= ? AND i.archived_at IS NULL`;

describe('billing', () => {
  let app: SeededApp;
  let cashier: Desk;
  let hospitalId: number;
  let today: string;

  beforeAll(async () => {
    today = localDate(new Date(), 'Africa/Kampala');
    app = await startSeededApp({ patients: 20_000, appointments: 0, beds: 0, seed: 5, asOf: today, poolSize: 10 });
    hospitalId = app.hospitalId('KLA');
    cashier = await app.signIn('billing.kla');
    await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  /** Drafts of three lines each (two tax rates), for patients of the hospital, made through the pipeline. */
  async function drafts(n: number, skip = 0): Promise<number[]> {
    const items = [
      must(await cashier.call('catalog.create', { hospitalId, code: `MED-${n}-${skip}`, description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', price: 12_500, taxRateBp: 1800 })),
      must(await cashier.call('catalog.create', { hospitalId, code: `LAB-${n}-${skip}`, description: 'Full blood count', category: 'test', price: 25_000, taxRateBp: 0 })),
    ];
    const patients = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE hospital_id = ? ORDER BY id LIMIT ? OFFSET ?', [hospitalId, n, skip]);
    const out: number[] = [];
    for (const p of patients) {
      const ids = [];
      for (const [item, q] of [[items[0], 2], [items[1], 1], [items[0], 1]] as const) ids.push(must(await cashier.call('charges.add', { patientId: Number(p.id), catalogItemId: item.id, quantity: q })).id);
      out.push(must(await cashier.call('invoices.createDraft', { patientId: Number(p.id), chargeIds: ids })).id);
    }
    return out;
  }

  it('issue one invoice: number, PDF, SHA-256, stored', async () => {
    const ids = await drafts(ISSUES);
    const samples: number[] = [];
    const { sent } = await traced(async () => {
      for (const id of ids) {
        const r = await timed(() => cashier.call('invoices.issue', { id }));
        must(r.result);
        samples.push(r.ms);
      }
    }, () => samples);
    // The floor issues other drafts: the stored PDF is the bytes of one the app made (a floor does not draw).
    const others = await drafts(FLOOR_ISSUES + 3, ISSUES);
    const [doc] = await app.db.sql<{ pdf: Buffer; sha256: string; pages: number }>('SELECT pdf, sha256, pages FROM invoice_documents WHERE invoice_id = ?', [ids[0]]);
    const floor = await floorOf(app.runtime, 'lock the draft with its lines, the number from the counter, UPDATE the invoice, INSERT its PDF and an audit row, in one transaction', FLOOR_ISSUES, (c, i) =>
      c.transaction(async (sql) => {
        const id = others[i];
        await sql('SELECT i.id, i.status, i.version, l.id AS line_id, l.total FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id WHERE i.id = ? FOR UPDATE', [id]);
        const counter = await sql<{ insertId: number }>(
          'INSERT INTO number_sequences (scope_key, next_value) VALUES (?, 2) ON DUPLICATE KEY UPDATE next_value = LAST_INSERT_ID(next_value + 1)',
          [`floor:invoice:${hospitalId}`],
        );
        await sql("UPDATE invoices SET number = ?, status = 'issued', issued_at = NOW(3), issue_date = ?, version = version + 1 WHERE id = ?", [`FLR-${counter.insertId || 1}`, today, id]);
        await sql('INSERT INTO invoice_documents (invoice_id, pdf, sha256, pages) VALUES (?, ?, ?, ?)', [id, doc.pdf, doc.sha256, doc.pages]);
        await audit(sql, 'invoice.issue', id, hospitalId, { number: `FLR-${counter.insertId}` });
      }),
    );
    report.add({ operation: 'issue + render + store one invoice', samples, budgetMs: 30, floor, sent });
  });

  it(`a batch PDF of ${count(BATCH)} invoices`, async () => {
    // Issued invoices made the quick way: rows and lines written directly, as issuing would leave them.
    const conn = await mysql.createConnection({ ...app.db.target, database: app.db.target.database, timezone: 'Z' });
    try {
      const patients = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE hospital_id = ? ORDER BY id DESC LIMIT ?', [hospitalId, BATCH]);
      const day = '2020-01-15';
      const lines = [
        { description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', quantity: 2, unitPrice: 12_500, taxRateBp: 1800 },
        { description: 'Full blood count', category: 'test', quantity: 1, unitPrice: 25_000, taxRateBp: 0 },
        { description: 'Consultation, Dr Jane Okello (General Practice)', category: 'consultation', quantity: 1, unitPrice: 50_000, taxRateBp: 0 },
      ];
      const amounts = lines.map((l) => lineAmounts(l.quantity, l.unitPrice, l.taxRateBp));
      const subtotal = amounts.reduce((a, x) => a + x.net, 0);
      const tax = amounts.reduce((a, x) => a + x.tax, 0);
      const [res] = (await conn.query(
        `INSERT INTO invoices (hospital_id, patient_id, number, status, currency, subtotal, tax, total, paid, issued_at, issue_date, version) VALUES ${patients.map(() => '(?,?,?,?,?,?,?,?,?,?,?,1)').join(',')}`,
        patients.flatMap((p, i) => [hospitalId, p.id, invoiceNumber(2020, i + 1), 'issued', 'UGX', subtotal, tax, subtotal + tax, 0, new Date(`${day}T08:00:00Z`), day]),
      )) as [{ insertId: number }, unknown];
      const first = Number(res.insertId);
      await conn.query(
        `INSERT INTO invoice_lines (invoice_id, position, description, category, quantity, unit_price, tax_rate_bp, net, tax, total) VALUES ${patients.flatMap(() => lines.map(() => '(?,?,?,?,?,?,?,?,?,?)')).join(',')}`,
        patients.flatMap((_p, i) => lines.flatMap((l, k) => [first + i, k + 1, l.description, l.category, l.quantity, l.unitPrice, l.taxRateBp, amounts[k].net, amounts[k].tax, amounts[k].total])),
      );
    } finally {
      await conn.end();
    }
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const took: number[] = [];
    const { value: r, sent } = await traced(async () => {
      const call = await timed(() => cashier.call('invoices.batchPdf', { hospitalId, issueDate: '2020-01-15', jobId: 'bench' }));
      took.push(call.ms);
      return call;
    }, () => took);
    clearInterval(sampler);
    const pdf = must(r.result);
    expect(pdf.pages).toBeGreaterThanOrEqual(BATCH);
    const floor = await floorOf(app.runtime, "the day's invoices with their patients, and their lines: two SELECTs", 3, async (c) => {
      await c.sql('SELECT i.*, p.patient_number, p.first_name, p.last_name FROM invoices i JOIN patients p ON p.id = i.patient_id WHERE i.hospital_id = ? AND i.issue_date = ? ORDER BY i.number', [hospitalId, '2020-01-15']);
      await c.sql('SELECT l.* FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.hospital_id = ? AND i.issue_date = ? ORDER BY l.invoice_id, l.position', [hospitalId, '2020-01-15']);
    });
    report.add({ operation: `batch PDF of ${count(BATCH)} invoices`, samples: [r.ms], budgetMs: 5000, note: `${count(pdf.pages)} pages, ${(Buffer.from(pdf.pdfBase64, 'base64').length / 1e6).toFixed(1)} MB`, floor, sent });
    report.fact(`batch PDF memory: process RSS ${count(before / 1e6)} MB before, peak ${count(peak / 1e6)} MB (+${count((peak - before) / 1e6)} MB); budget ≤ 300 MB`);
  });

  it(`the first page of a month's invoice list with ${count(MONTH_INVOICES)} invoices`, async () => {
    const conn = await mysql.createConnection({ ...app.db.target, database: app.db.target.database, timezone: 'Z' });
    const started = performance.now();
    try {
      const patients = (await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE hospital_id = ? LIMIT 5000', [hospitalId])).map((p) => Number(p.id));
      for (let done = 0; done < MONTH_INVOICES; done += 5000) {
        const rows: unknown[] = [];
        for (let i = done; i < Math.min(done + 5000, MONTH_INVOICES); i++) {
          const dayOfMonth = 1 + (i % 28);
          const status = ['issued', 'paid', 'partially_paid', 'paid', 'void'][i % 5];
          rows.push(hospitalId, patients[i % patients.length], invoiceNumber(2021, i + 1), status, 'UGX', 100_000, 18_000, 118_000, status === 'paid' ? 118_000 : 0, new Date(`2021-03-${String(dayOfMonth).padStart(2, '0')}T09:00:00Z`), `2021-03-${String(dayOfMonth).padStart(2, '0')}`);
        }
        await conn.query(`INSERT INTO invoices (hospital_id, patient_id, number, status, currency, subtotal, tax, total, paid, issued_at, issue_date, version) VALUES ${Array.from({ length: rows.length / 11 }, () => '(?,?,?,?,?,?,?,?,?,?,?,1)').join(',')}`, rows);
      }
      await conn.query('ANALYZE TABLE invoices');
    } finally {
      await conn.end();
    }
    report.fact(`${count(MONTH_INVOICES)} invoices of March 2021 written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const samples: number[] = [];
    const paging: number[] = [];
    const { sent } = await traced(async () => {
      for (let i = 0; i < 100; i++) {
        const r = await timed(() => cashier.call('invoices.list', { hospitalId, from: '2021-03-01', to: '2021-03-31', limit: 50 }));
        const page = must(r.result);
        samples.push(r.ms);
        if (i < 20) paging.push((await timed(() => cashier.call('invoices.list', { hospitalId, from: '2021-03-01', to: '2021-03-31', limit: 50, cursor: page.nextCursor }))).ms);
      }
    }, () => [...samples, ...paging]);
    const newestFirst = 'ORDER BY i.issue_date DESC, i.id DESC LIMIT 51';
    const first = await floorOf(app.runtime, 'one SELECT of the page, newest first', 100, (c) => c.sql(`${INVOICE_PAGE} ${newestFirst}`, [hospitalId, '2021-03-01', '2021-03-31']));
    const [mid] = await app.db.sql<{ issue_date: string; id: number }>(`${INVOICE_PAGE.replace(/SELECT .* FROM/s, 'SELECT i.issue_date, i.id FROM')} ${newestFirst.replace('51', '1 OFFSET 50')}`, [hospitalId, '2021-03-01', '2021-03-31']);
    const next = await floorOf(app.runtime, 'one SELECT of the page after a marker, newest first', 20, (c) =>
      c.sql(`${INVOICE_PAGE} AND (i.issue_date < ? OR (i.issue_date = ? AND i.id < ?)) ${newestFirst}`, [hospitalId, '2021-03-01', '2021-03-31', mid.issue_date, mid.issue_date, mid.id]),
    );
    report.add({ operation: `invoice list of a month, first page (${count(MONTH_INVOICES)} invoices)`, samples, budgetMs: 50, floor: first, sent });
    report.add({ operation: 'invoice list, next page', samples: paging, budgetMs: null, floor: next, tracedWith: `invoice list of a month, first page (${count(MONTH_INVOICES)} invoices)` });
    const open: number[] = [];
    const openSent = await traced(async () => {
      for (let i = 0; i < 20; i++) open.push((await timed(() => cashier.call('invoices.list', { hospitalId, status: 'open', from: '2021-03-01', to: '2021-03-31', limit: 50 }))).ms);
    }, () => open);
    const openFloor = await floorOf(app.runtime, 'one SELECT of the open invoices, newest first', 20, (c) =>
      c.sql(`${INVOICE_PAGE} AND i.status IN ('issued', 'partially_paid') ${newestFirst}`, [hospitalId, '2021-03-01', '2021-03-31']),
    );
    report.add({ operation: 'invoice list, open invoices of the month', samples: open, budgetMs: null, floor: openFloor, sent: openSent.sent });
  });
});
