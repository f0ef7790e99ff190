// Billing through the handler pipeline: issuing (number, PDF, SHA-256, store) one invoice at a time, a batch PDF of
// 1,000 invoices (time and memory), and the first page of a month's invoice list with 100,000 invoices in it.
// Prints a table; the budgets are reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchReport, count, must, timed } from '../support/bench';
import mysql from 'mysql2/promise';
import { localDate } from '@shared/domain/dates';
import { lineAmounts, invoiceNumber } from '@shared/domain/billing';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const MONTH_INVOICES = Number(process.env.HMS_BENCH_INVOICES ?? 100_000);
const ISSUES = 200;
const BATCH = 1_000;

const report = new BenchReport('operation');

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
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  /** Drafts of three lines each (two tax rates), for patients of the hospital, made through the pipeline. */
  async function drafts(n: number): Promise<number[]> {
    const items = [
      must(await cashier.call('catalog.create', { hospitalId, code: `MED-${n}`, description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', price: 12_500, taxRateBp: 1800 })),
      must(await cashier.call('catalog.create', { hospitalId, code: `LAB-${n}`, description: 'Full blood count', category: 'test', price: 25_000, taxRateBp: 0 })),
    ];
    const patients = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE hospital_id = ? ORDER BY id LIMIT ?', [hospitalId, n]);
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
    for (const id of ids) {
      const r = await timed(() => cashier.call('invoices.issue', { id }));
      must(r.result);
      samples.push(r.ms);
    }
    report.add({ operation: 'issue + render + store one invoice', samples, budgetMs: 30 });
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
    const r = await timed(() => cashier.call('invoices.batchPdf', { hospitalId, issueDate: '2020-01-15', jobId: 'bench' }));
    clearInterval(sampler);
    const pdf = must(r.result);
    expect(pdf.pages).toBeGreaterThanOrEqual(BATCH);
    report.add({ operation: `batch PDF of ${count(BATCH)} invoices`, samples: [r.ms], budgetMs: 5000, note: `${count(pdf.pages)} pages, ${(Buffer.from(pdf.pdfBase64, 'base64').length / 1e6).toFixed(1)} MB` });
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
    for (let i = 0; i < 100; i++) {
      const r = await timed(() => cashier.call('invoices.list', { hospitalId, from: '2021-03-01', to: '2021-03-31', limit: 50 }));
      const page = must(r.result);
      samples.push(r.ms);
      if (i < 20) paging.push((await timed(() => cashier.call('invoices.list', { hospitalId, from: '2021-03-01', to: '2021-03-31', limit: 50, cursor: page.nextCursor }))).ms);
    }
    report.add({ operation: `invoice list of a month, first page (${count(MONTH_INVOICES)} invoices)`, samples, budgetMs: 50 });
    report.add({ operation: 'invoice list, next page', samples: paging, budgetMs: null });
    const open: number[] = [];
    for (let i = 0; i < 20; i++) open.push((await timed(() => cashier.call('invoices.list', { hospitalId, status: 'open', from: '2021-03-01', to: '2021-03-31', limit: 50 }))).ms);
    report.add({ operation: 'invoice list, open invoices of the month', samples: open, budgetMs: null });
  });
});
