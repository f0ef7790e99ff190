// Attacks on payroll through the channels: bad input, roles, another's slip, and races (two recomputes at once,
// recompute vs finalize, a one-off vs finalize). Each would fail if the hole existed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { DEMO_DEDUCTION_RULES } from '@shared/domain/payroll';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let ward: Output<'departments.create'>;
let serial = 0;

async function member(): Promise<Output<'staff.create'>> {
  serial++;
  return hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: `Atk${serial}`, lastName: 'Person', staffRole: 'nurse', departmentId: ward.id, hireDate: '2020-01-06', contractedHours: 40, userId: null });
}

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-02-20T09:00:00+03:00'));
  hr = await app.signedIn(['hr'], { allHospitals: true });
  ward = await department(app.admin, app.hospitalId, 'Attack Ward');
  await hr.ok('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...DEMO_DEDUCTION_RULES.UG });
});
afterAll(async () => app?.close());

describe('payroll attacks', () => {
  it('refuses bad input and writes nothing', async () => {
    const p = await member();
    await hr.fails('payroll.startRun', { hospitalId: app.hospitalId, month: '2026-13' }, 'VALIDATION');
    await hr.fails('payroll.startRun', { hospitalId: app.hospitalId, month: '2026-00' }, 'VALIDATION');
    for (const amount of [-1, 1.5, Number.NaN, Infinity]) {
      await hr.fails('payroll.addOneOff', { staffId: p.id, month: '2027-03', label: 'Loan', amount }, 'VALIDATION');
      await hr.fails('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: amount }, 'VALIDATION');
    }
    await hr.fails('payroll.addOneOff', { staffId: p.id, month: '2027-03', label: 'x'.repeat(10_000), amount: 1 }, 'VALIDATION');
    await hr.fails('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 1, allowances: [{ name: 'y'.repeat(10_000), monthly: 1 }] }, 'VALIDATION');
    const ug = DEMO_DEDUCTION_RULES.UG;
    await hr.fails('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...ug, tax: { ...ug.tax, bands: [{ upTo: 500, rateBp: 1000 }, { upTo: 400, rateBp: 2000 }, { upTo: null, rateBp: 3000 }] } }, 'VALIDATION');
    await hr.fails('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...ug, tax: { ...ug.tax, bands: [{ upTo: null, rateBp: 1000 }, { upTo: 400, rateBp: 2000 }] } }, 'VALIDATION');
    expect(await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2027-03' })).toEqual([]);
    expect((await hr.ok('payroll.getStructure', { staffId: p.id })).history).toEqual([]);
    expect(await hr.ok('payroll.runs', { hospitalId: app.hospitalId })).toEqual([]);
  });

  it('refuses writes to billing, manager and nurse', async () => {
    const p = await member();
    for (const role of ['billing', 'manager', 'nurse'] as const) {
      const d = await app.signedIn([role]);
      await d.fails('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 1 }, 'FORBIDDEN');
      await d.fails('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...DEMO_DEDUCTION_RULES.UG }, 'FORBIDDEN');
      await d.fails('payroll.setHolidays', { hospitalId: app.hospitalId, year: 2027, holidays: [] }, 'FORBIDDEN');
      await d.fails('payroll.addOneOff', { staffId: p.id, month: '2027-06', label: 'X', amount: 1 }, 'FORBIDDEN');
      await d.fails('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-06' }, 'FORBIDDEN');
    }
    expect(await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2027-06' })).toEqual([]);
  });

  it('two recomputes at once: one wins; recompute vs finalize: one wins', async () => {
    const p = await member();
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_000_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-07' });
    const other = await app.signedIn(['hr']);
    const two = await Promise.all([hr.call('payroll.recompute', { runId: run.id, version: run.version }), other.call('payroll.recompute', { runId: run.id, version: run.version })]);
    expect(two.filter((r) => r.ok)).toHaveLength(1);
    const now = await hr.ok('payroll.getRun', { runId: run.id });
    expect(now.slips.filter((s) => s.staffId === p.id)).toHaveLength(1);
    const rf = await Promise.all([hr.call('payroll.recompute', { runId: run.id, version: now.version }), other.call('payroll.finalize', { runId: run.id, version: now.version, paidOn: '2027-07-30' })]);
    expect(rf.filter((r) => r.ok)).toHaveLength(1);
  });

  it('a one-off raced against finalize either lands on the finalized slip or is refused', async () => {
    const p = await member();
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_000_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-08' });
    const other = await app.signedIn(['hr']);
    const [add, fin] = await Promise.all([
      hr.call('payroll.addOneOff', { staffId: p.id, month: '2027-08', label: 'Advance', amount: 10_000 }),
      other.call('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2027-08-30' }),
    ]);
    const final = await hr.ok('payroll.getRun', { runId: run.id });
    const slip = await hr.ok('payroll.slip', { slipId: final.slips.find((s) => s.staffId === p.id)!.id });
    const onSlip = slip.deductions.some((l) => l.label.includes('Advance'));
    const stored = await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2027-08' });
    if (fin.ok) expect(stored.length).toBe(onSlip ? 1 : 0);
    expect(add.ok || fin.ok).toBe(true);
  });

  it('a one-off entered after the draft was computed never goes missing from the finalized month', async () => {
    const p = await member();
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_000_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-09' });
    await hr.ok('payroll.addOneOff', { staffId: p.id, month: '2027-09', label: 'Advance', amount: 10_000 });
    const fin = await hr.call('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2027-09-30' });
    const final = await hr.ok('payroll.getRun', { runId: run.id });
    const slip = await hr.ok('payroll.slip', { slipId: final.slips.find((s) => s.staffId === p.id)!.id });
    // Finalizing the stale draft would pay a slip without the advance while the advance stays entered for that month.
    expect(fin.ok ? 'ok' : fin.error.code).toBe('CONFLICT');
    expect(final.status).toBe('draft');
    expect(slip.deductions.some((l) => l.label.includes('Advance'))).toBe(false);
    const again = await hr.ok('payroll.recompute', { runId: run.id, version: run.version });
    const done = await hr.ok('payroll.finalize', { runId: run.id, version: again.version, paidOn: '2027-09-30' });
    const paid = await hr.ok('payroll.slip', { slipId: done.slips.find((s) => s.staffId === p.id)!.id });
    expect(paid.deductions.find((l) => l.label.includes('Advance'))?.amount).toBe(10_000);
  });

  it("refuses another hospital's run and slip on the print channels", async () => {
    const other = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'ATK', name: 'Attack Clinic', patientNumberFormat: 'ATK{seq:7}' })).id;
    const there = await hr.ok('staff.create', { hospitalId: other, firstName: 'Far', lastName: 'Away', staffRole: 'nurse', departmentId: null, hireDate: '2020-01-06', contractedHours: 40, userId: null });
    await hr.ok('payroll.setStructure', { staffId: there.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 500_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: other, month: '2027-03' });
    const done = await hr.ok('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2027-03-31' });
    const slipId = done.slips[0].id;
    const billing = await app.signedIn(['billing']);
    const local = await app.signedIn(['hr']);
    for (const d of [billing, local]) {
      await d.fails('payroll.slipPdf', { slipId }, 'FORBIDDEN');
      await d.fails('payroll.batchPdf', { runId: run.id }, 'FORBIDDEN');
      await d.fails('payroll.bankCsv', { runId: run.id }, 'FORBIDDEN');
    }
    const nurse = await app.signedIn(['nurse']);
    await nurse.fails('payroll.mySlipPdf', { slipId }, 'FORBIDDEN');
  });

  it('refuses a structure starting after employment ended', async () => {
    const p = await member();
    await hr.ok('staff.terminate', { id: p.id, version: p.version, terminatedOn: '2027-01-31', reason: 'Moved away' });
    await hr.fails('payroll.setStructure', { staffId: p.id, validFrom: '2027-02-01', basis: 'salaried', monthlyBase: 1 }, 'VALIDATION');
    expect((await hr.ok('payroll.getStructure', { staffId: p.id })).history).toEqual([]);
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 1 });
  });

  it('a one-off needs a slip to land on: refused for someone unpaid that month, and finalize refuses one left without a slip', async () => {
    const noPay = await member();
    await hr.fails('payroll.addOneOff', { staffId: noPay.id, month: '2028-03', label: 'Advance', amount: 5_000 }, 'VALIDATION');
    const left = await member();
    await hr.ok('payroll.setStructure', { staffId: left.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_000_000 });
    await hr.ok('staff.terminate', { id: left.id, version: left.version, terminatedOn: '2028-02-29', reason: 'Retired' });
    await hr.fails('payroll.addOneOff', { staffId: left.id, month: '2028-03', label: 'Advance', amount: 5_000 }, 'VALIDATION');
    expect(await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2028-03' })).toEqual([]);

    // Entered while employed; the person then leaves before the month and the recomputed draft has no slip for them.
    const leaving = await member();
    await hr.ok('payroll.setStructure', { staffId: leaving.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_000_000 });
    await hr.ok('payroll.addOneOff', { staffId: leaving.id, month: '2028-04', label: 'Loan instalment', amount: 7_000 });
    await hr.ok('staff.terminate', { id: leaving.id, version: leaving.version, terminatedOn: '2028-03-15', reason: 'Moved away' });
    const run = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2028-04' });
    expect(run.slips.some((x) => x.staffId === leaving.id)).toBe(false);
    const refused = await hr.fails('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2028-04-28' }, 'CONFLICT');
    expect(refused.message).toContain('no slip in this run');
    expect((await hr.ok('payroll.getRun', { runId: run.id })).status).toBe('draft');
  });
});
