// Payroll on MariaDB: a nurse's March slip line by line against a hand calculation, pro-rata for a joiner and a
// leaver, unpaid leave, a raise from mid-month, year to date, finalized runs refusing every change, one run per
// hospital and month, two HR desks finalizing at once, roles, and another hospital's ids.
// The clock stands on Saturday 20 February 2027 in Kampala (UTC+3, no daylight saving); March 2027 starts on a Monday.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import type { SalarySlip, SlipLine } from '@shared/contract/payroll';
import { DEMO_DEDUCTION_RULES } from '@shared/domain/payroll';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let ward: Output<'departments.create'>;
let day: Output<'shifts.createType'>;
let night: Output<'shifts.createType'>;
let serial = 0;

async function member(over: { firstName?: string; hireDate?: string; contractedHours?: number; userId?: number | null; hospitalId?: number; departmentId?: number | null } = {}): Promise<Output<'staff.create'>> {
  serial++;
  return hr.ok('staff.create', {
    hospitalId: over.hospitalId ?? app.hospitalId,
    firstName: over.firstName ?? `Pay${serial}`,
    lastName: `Person${serial}`,
    staffRole: 'nurse',
    departmentId: over.departmentId === undefined ? ward.id : over.departmentId,
    hireDate: over.hireDate ?? '2020-01-06',
    contractedHours: over.contractedHours ?? 40,
    userId: over.userId ?? null,
  });
}

const salaried = (staffId: number, monthlyBase: number, validFrom = '2026-01-01') => hr.ok('payroll.setStructure', { staffId, validFrom, basis: 'salaried', monthlyBase });
const line = (lines: SlipLine[], code: string): SlipLine | undefined => lines.find((l) => l.code === code);
const slipOf = async (run: Output<'payroll.startRun'>, staffId: number): Promise<SalarySlip> => hr.ok('payroll.slip', { slipId: run.slips.find((s) => s.staffId === staffId)!.id });

let nurseDesk: Desk & { userId: number };
let nurse: Output<'staff.create'>;
let joiner: Output<'staff.create'>;
let leaver: Output<'staff.create'>;
let unpaid: Output<'staff.create'>;
let raised: Output<'staff.create'>;
let owl: Output<'staff.create'>;
let march: Output<'payroll.startRun'>;
let april: Output<'payroll.startRun'>;

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-02-20T09:00:00+03:00'));
  hr = await app.signedIn(['hr'], { allHospitals: true });
  ward = await department(app.admin, app.hospitalId, 'Payroll Ward');
  day = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Day', code: 'D', start: '07:00', end: '15:00' });
  night = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Night', code: 'N', start: '23:00', end: '07:00', payMultiplierBp: 12500 });
  await hr.ok('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...DEMO_DEDUCTION_RULES.UG });
  await hr.ok('payroll.setHolidays', { hospitalId: app.hospitalId, year: 2027, holidays: [{ date: '2027-03-08', name: "Women's Day" }, { date: '2027-10-09', name: 'Independence Day' }] });
});
afterAll(async () => app?.close());

describe('pay structures and settings', () => {
  it('keeps a structure with its history and the bank account masked; rules and holidays per hospital', async () => {
    const p = await member();
    await salaried(p.id, 1_000_000, '2026-01-01');
    const pay = await hr.ok('payroll.setStructure', {
      staffId: p.id,
      validFrom: '2027-01-01',
      basis: 'salaried',
      monthlyBase: 1_200_000,
      allowances: [{ name: 'Transport', monthly: 50_000 }],
      night: { kind: 'percent', rateBp: 2500 },
      bankName: 'Stanbic',
      bankAccount: '9030 0123 4821',
    });
    expect(pay.history.map((h) => [h.validFrom, h.monthlyBase])).toEqual([
      ['2027-01-01', 1_200_000],
      ['2026-01-01', 1_000_000],
    ]);
    expect(pay.current).toMatchObject({ monthlyBase: 1_200_000, currency: 'UGX', allowances: [{ name: 'Transport', monthly: 50_000 }], night: { kind: 'percent', rateBp: 2500 } });
    expect(pay.bankAccountMasked).toBe('•••• 4821');
    expect(JSON.stringify(pay)).not.toContain('0123');
    // A future structure is in the history but not current.
    const later = await salaried(p.id, 1_300_000, '2027-06-01');
    expect(later.current?.monthlyBase).toBe(1_200_000);
    expect(later.history).toHaveLength(3);
    expect(later.bankAccountMasked).toBe('•••• 4821');

    const rules = await hr.ok('payroll.getDeductionRules', { hospitalId: app.hospitalId });
    expect(rules).toMatchObject({ hospitalId: app.hospitalId, currency: 'UGX', tax: { taxFreeThreshold: 235_000 }, pension: { name: 'NSSF', employeeBp: 500, employerBp: 1000 } });
    expect(await hr.ok('payroll.holidays', { hospitalId: app.hospitalId, year: 2027 })).toEqual([
      { date: '2027-03-08', name: "Women's Day" },
      { date: '2027-10-09', name: 'Independence Day' },
    ]);
    await hr.fails('payroll.setHolidays', { hospitalId: app.hospitalId, year: 2027, holidays: [{ date: '2028-01-01', name: 'Wrong year' }] }, 'VALIDATION');
    await hr.fails('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'hourly' }, 'VALIDATION');

    // Every write is in the audit trail under its kind; the account number never is.
    const audited = await app.db.sql<{ channel: string; entity: string; changes: string }>("SELECT channel, entity, changes FROM audit_log WHERE channel LIKE 'payroll.%' ORDER BY id");
    expect(new Set(audited.map((a) => `${a.channel} ${a.entity}`))).toEqual(new Set(['payroll.setDeductionRules payroll_settings', 'payroll.setHolidays payroll_settings', 'payroll.setStructure pay_structure']));
    expect(audited.map((a) => a.changes).join()).not.toContain('0123');
  });
});

describe('the March 2027 run', () => {
  beforeAll(async () => {
    nurseDesk = await app.signedIn(['nurse']);
    // Part-time nurse: 60 % of 1,950,000 a month, 24 contracted hours a week.
    nurse = await member({ firstName: 'Harriet', contractedHours: 24, userId: nurseDesk.userId });
    await hr.ok('payroll.setStructure', {
      staffId: nurse.id,
      validFrom: '2026-07-01',
      basis: 'salaried',
      monthlyBase: 1_950_000,
      employmentPercent: 60,
      allowances: [{ name: 'Housing', monthly: 150_000 }],
      night: { kind: 'percent', rateBp: 2500 },
      weekend: { kind: 'percent', rateBp: 5000 },
      holiday: { kind: 'percent', rateBp: 10000 },
      overtime: { kind: 'percent', rateBp: 5000 },
      bankName: 'Centenary',
      bankAccount: '3100456789',
    });
    const shifts: [string, Output<'shifts.createType'>][] = [
      ['2027-03-01', day],
      ['2027-03-02', day],
      ['2027-03-03', night],
      ['2027-03-04', night],
      ['2027-03-07', day], // Sunday
      ['2027-03-08', day], // Women's Day
      ['2027-03-09', day],
      ['2027-03-10', night],
      ['2027-03-11', night],
      ['2027-03-15', day],
      ['2027-03-16', day],
      ['2027-03-17', day],
      ['2027-03-18', day],
      ['2027-03-19', day],
    ];
    for (const [date, type] of shifts) await hr.ok('shifts.assign', { staffId: nurse.id, date, shiftTypeId: type.id, departmentId: ward.id });
    // A night starting on the last day of February belongs to February; one starting on 31 March to March — but the
    // nurse has neither, so only these 14 count.
    await hr.ok('payroll.addOneOff', { staffId: nurse.id, month: '2027-03', label: 'Salary advance', amount: 100_000 });

    joiner = await member({ hireDate: '2027-03-17' });
    await salaried(joiner.id, 3_100_000, '2027-03-17');
    leaver = await member();
    await salaried(leaver.id, 3_100_000);
    const l = await hr.ok('staff.get', { id: leaver.id });
    await hr.ok('staff.terminate', { id: leaver.id, version: l.version, terminatedOn: '2027-03-09', reason: 'Moved away' });
    unpaid = await member();
    await salaried(unpaid.id, 2_200_000);
    await hr.ok('leave.record', { staffId: unpaid.id, kind: 'unpaid', startDate: '2027-03-22', endDate: '2027-03-24' });
    raised = await member();
    await salaried(raised.id, 3_100_000, '2026-01-01');
    await salaried(raised.id, 4_650_000, '2027-03-16');

    // Hourly, 10,000 an hour: a night starting Sunday 28 February (February's) and one starting Wednesday 31 March
    // (March's, though it ends on 1 April).
    owl = await member({ firstName: 'Owl' });
    await hr.ok('payroll.setStructure', { staffId: owl.id, validFrom: '2026-01-01', basis: 'hourly', hourlyRate: 10_000 });
    await hr.ok('shifts.assign', { staffId: owl.id, date: '2027-02-28', shiftTypeId: night.id, departmentId: ward.id });
    await hr.ok('shifts.assign', { staffId: owl.id, date: '2027-03-31', shiftTypeId: night.id, departmentId: ward.id });

    await member({ firstName: 'Unpaid' }); // no pay structure: not on the run

    march = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-03' });
  });

  it("pays the nurse's four nights, a Sunday, a public holiday and overtime exactly as by hand", async () => {
    const slip = await slipOf(march, nurse.id);
    // Working days of March 2027: 23 weekdays less Women's Day (Monday 8th) = 22; all paid.
    expect(slip).toMatchObject({ month: '2027-03', status: 'draft', currency: 'UGX', workingDays: 22, paidDays: 22, periodStart: '2027-03-01', periodEnd: '2027-03-31' });
    expect(slip).toMatchObject({ department: 'Payroll Ward', designation: 'nurse', employeeNumber: nurse.employeeNumber, bankAccountMasked: '•••• 6789', paidOn: null, sha256: null });
    // Hourly rate (salaried): full-time yearly 1,950,000 × 12 = 23,400,000 / 1,950 h = 12,000 an hour.
    // BASE: 1,950,000 × 60 % = 1,170,000 for all 31 days.
    // Housing: 150,000 (a fixed monthly allowance, all 31 days).
    // Worked: 14 shifts × 480 min = 6,720 min. Contracted: 24 h × 60 × 22 paid working days / 5 = 6,336 min.
    // OVERTIME: 6,720 − 6,336 = 384 min = 6.4 h at 12,000 + 50 % = 18,000 → 6.4 × 18,000 = 115,200.
    // NIGHT: 4 nights 23:00–07:00, 23:00–06:00 in the 22–06 window = 420 min each = 1,680 min = 28 h at 25 % of
    //   12,000 = 3,000 → 84,000.
    // WEEKEND: Sunday 7th 07:00–15:00 = 8 h at 50 % = 6,000 → 48,000 (no night touches a weekend).
    // HOLIDAY: Monday 8th 07:00–15:00 = 8 h at 100 % = 12,000 → 96,000.
    // Gross = 1,170,000 + 150,000 + 115,200 + 84,000 + 48,000 + 96,000 = 1,663,200.
    expect(slip.earnings.map((l) => [l.code, l.quantity, l.rate, l.amount, l.ytd])).toEqual([
      ['BASE', 31, null, 1_170_000, 1_170_000],
      ['ALLOWANCE:Housing', null, null, 150_000, 150_000],
      ['OVERTIME', 6.4, 18_000, 115_200, 115_200],
      ['NIGHT', 28, 3_000, 84_000, 84_000],
      ['WEEKEND', 8, 6_000, 48_000, 48_000],
      ['HOLIDAY', 8, 12_000, 96_000, 96_000],
    ]);
    expect(slip.gross).toBe(1_663_200);
    // PAYE (monthly bands, rounded down to the shilling): 0 to 235,000; 10 % of 100,000 (to 335,000) = 10,000;
    //   20 % of 75,000 (to 410,000) = 15,000; 30 % of 1,663,200 − 410,000 = 1,253,200 → 375,960. Tax = 400,960.
    // NSSF employee 5 % of 1,663,200 = 83,160; employer 10 % = 166,320.
    // Salary advance 100,000.
    // Total deductions = 400,960 + 83,160 + 100,000 = 584,120; net = 1,663,200 − 584,120 = 1,079,080.
    // Employer cost = 1,663,200 + 166,320 = 1,829,520.
    expect(slip.deductions.map((l) => [l.code, l.amount])).toEqual([
      ['TAX', 400_960],
      ['PENSION', 83_160],
      ['ONE_OFF:Salary advance', 100_000],
    ]);
    expect(slip.employer.map((l) => [l.code, l.amount])).toEqual([['PENSION_EMPLOYER', 166_320]]);
    expect(slip).toMatchObject({ totalDeductions: 584_120, net: 1_079_080, employerCost: 1_829_520, ytdGross: 1_663_200, ytdNet: 1_079_080 });
    expect(slip.netInWords).toMatch(/^Uganda Shillings one million seventy[- ]nine thousand (and )?eighty only$/);
  });

  it('pays a joiner on the 17th and a leaver on the 9th for their calendar days', async () => {
    // 3,100,000 / 31 days = 100,000 a day: the joiner 17th–31st = 15 days, the leaver 1st–9th = 9 days.
    const j = await slipOf(march, joiner.id);
    expect(j).toMatchObject({ periodStart: '2027-03-17', periodEnd: '2027-03-31' });
    expect(line(j.earnings, 'BASE')).toMatchObject({ quantity: 15, amount: 1_500_000 });
    const l = await slipOf(march, leaver.id);
    expect(l).toMatchObject({ periodStart: '2027-03-01', periodEnd: '2027-03-09' });
    expect(line(l.earnings, 'BASE')).toMatchObject({ quantity: 9, amount: 900_000 });
  });

  it('deducts unpaid leave by working days', async () => {
    // 2,200,000 / 22 working days = 100,000 a day × 3 (Mon 22nd – Wed 24th) = 300,000.
    const s = await slipOf(march, unpaid.id);
    expect(s.paidDays).toBe(19);
    expect(line(s.earnings, 'UNPAID_LEAVE')).toMatchObject({ quantity: 3, rate: 100_000, amount: -300_000 });
    expect(s.gross).toBe(1_900_000);
  });

  it('splits a raise from the 16th by calendar days', async () => {
    // 1st–15th at 3,100,000 / 31 = 100,000 a day = 1,500,000; 16th–31st at 4,650,000 / 31 = 150,000 a day = 2,400,000.
    const s = await slipOf(march, raised.id);
    expect(line(s.earnings, 'BASE')?.amount).toBe(3_900_000);
  });

  it('lists the run with totals and by department; recompute picks up new inputs and checks the version', async () => {
    const run = await hr.ok('payroll.getRun', { runId: march.id });
    expect(run.totals.count).toBe(run.slips.length);
    expect(run.totals.net).toBe(run.slips.reduce((n, s) => n + s.net, 0));
    expect(run.byDepartment.find((d) => d.department === 'Payroll Ward')?.count).toBeGreaterThanOrEqual(5);
    const list = await hr.ok('payroll.runs', { hospitalId: app.hospitalId, year: 2027 });
    expect(list[0]).toMatchObject({ id: march.id, month: '2027-03', status: 'draft', count: run.slips.length, net: run.totals.net, currency: 'UGX' });

    await hr.ok('payroll.addOneOff', { staffId: joiner.id, month: '2027-03', label: 'Uniform', amount: 25_000 });
    const again = await hr.ok('payroll.recompute', { runId: march.id, version: run.version });
    expect(again.version).toBe(run.version + 1);
    expect(line((await slipOf(again, joiner.id)).deductions, 'ONE_OFF:Uniform')?.amount).toBe(25_000);
    await hr.fails('payroll.recompute', { runId: march.id, version: run.version }, 'CONFLICT');
    march = again;
  });

  it('allows one run per hospital and month, also when two desks start it at once', async () => {
    await hr.fails('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-03' }, 'CONFLICT');
    const other = await app.signedIn(['hr']);
    const both = await Promise.all([hr.call('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-02' }), other.call('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-02' })]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
  });

  it('counts a night in the month of the local day it starts on', async () => {
    // March: the night of the 31st, 8 h × 10,000 = 80,000 (no differentials set).
    expect((await slipOf(march, owl.id)).earnings.map((l) => [l.code, l.quantity, l.amount])).toEqual([['HOURS', 8, 80_000]]);
    const feb = await hr.ok('payroll.getRun', { runId: (await hr.ok('payroll.runs', { hospitalId: app.hospitalId })).find((r) => r.month === '2027-02')!.id });
    expect((await slipOf(feb, owl.id)).earnings.map((l) => [l.code, l.quantity, l.amount])).toEqual([['HOURS', 8, 80_000]]);
  });

  it('finalizes once: the run and its slips never change after', async () => {
    const done = await hr.ok('payroll.finalize', { runId: march.id, version: march.version, paidOn: '2027-03-31' });
    expect(done).toMatchObject({ status: 'finalized', paidOn: '2027-03-31' });
    expect(done.finalizedAt).not.toBeNull();
    const slip = await slipOf(done, nurse.id);
    expect(slip).toMatchObject({ status: 'finalized', paidOn: '2027-03-31', net: 1_079_080 });
    // Each slip stored as a PDF at finalize; reprints are the stored bytes.
    expect(slip.sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdf = await hr.ok('payroll.slipPdf', { slipId: slip.id });
    expect(pdf.sha256).toBe(slip.sha256);
    expect((await hr.ok('payroll.slipPdf', { slipId: slip.id })).pdfBase64).toBe(pdf.pdfBase64);
    const [{ c }] = await app.db.sql<{ c: number }>('SELECT COUNT(*) AS c FROM salary_slip_documents d JOIN salary_slips s ON s.id = d.slip_id WHERE s.run_id = ?', [march.id]);
    expect(Number(c)).toBe(done.slips.length);
    const csv = await hr.ok('payroll.bankCsv', { runId: march.id });
    expect(csv.csv).toContain('•••• 6789');
    expect(csv.csv).not.toContain('3100456789');

    await hr.fails('payroll.recompute', { runId: march.id, version: done.version }, 'CONFLICT');
    await hr.fails('payroll.finalize', { runId: march.id, version: done.version, paidOn: '2027-04-01' }, 'CONFLICT');
    await hr.fails('payroll.addOneOff', { staffId: nurse.id, month: '2027-03', label: 'Late', amount: 1_000 }, 'CONFLICT');
    const [advance] = await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2027-03' });
    await hr.fails('payroll.removeOneOff', { id: advance.id }, 'CONFLICT');
    await hr.fails('payroll.setStructure', { staffId: nurse.id, validFrom: '2027-03-20', basis: 'salaried', monthlyBase: 2_000_000 }, 'CONFLICT');
    await hr.fails('payroll.setHolidays', { hospitalId: app.hospitalId, year: 2027, holidays: [{ date: '2027-03-09', name: 'Moved' }] }, 'CONFLICT');
    // Holidays after the finalized month may still change.
    await hr.ok('payroll.setHolidays', { hospitalId: app.hospitalId, year: 2027, holidays: [{ date: '2027-03-08', name: "Women's Day" }, { date: '2027-10-09', name: 'Independence Day' }, { date: '2027-12-25', name: 'Christmas Day' }] });
    expect(await slipOf(done, nurse.id)).toEqual(slip);
  });

  it('corrects finalized March with an earning adjustment on the April slip; March and its stored PDF stay as they are', async () => {
    const marchSlip = await slipOf(march, nurse.id);
    const marchPdf = await hr.ok('payroll.slipPdf', { slipId: marchSlip.id });
    // 3 night hours missed in March at 3,000 an hour (25 % of 12,000) = 9,000, paid back in April.
    const fix = await hr.ok('payroll.addOneOff', { staffId: nurse.id, month: '2027-04', label: 'Night hours missed in March', kind: 'earning', amount: 9_000, correctsMonth: '2027-03' });
    expect(fix).toMatchObject({ staffId: nurse.id, month: '2027-04', label: 'Night hours missed in March', kind: 'earning', amount: 9_000, correctsMonth: '2027-03' });
    // A plain deduction still defaults to its kind, correcting nothing.
    const plain = await hr.ok('payroll.addOneOff', { staffId: joiner.id, month: '2027-04', label: 'Canteen', amount: 2_000 });
    expect(plain).toMatchObject({ kind: 'deduction', correctsMonth: null });
    await hr.ok('payroll.removeOneOff', { id: plain.id });
    // The corrected month must come before the slip's month and be finalized at this hospital.
    await hr.fails('payroll.addOneOff', { staffId: nurse.id, month: '2027-04', label: 'X', kind: 'earning', amount: 1, correctsMonth: '2027-04' }, 'VALIDATION');
    await hr.fails('payroll.addOneOff', { staffId: nurse.id, month: '2027-04', label: 'X', kind: 'earning', amount: 1, correctsMonth: '2027-05' }, 'VALIDATION');
    await hr.fails('payroll.addOneOff', { staffId: nurse.id, month: '2027-04', label: 'X', kind: 'earning', amount: 1, correctsMonth: '2027-01' }, 'VALIDATION');
    // Nor may it go on the finalized month itself.
    await hr.fails('payroll.addOneOff', { staffId: nurse.id, month: '2027-03', label: 'X', kind: 'earning', amount: 1 }, 'CONFLICT');
    expect(await hr.ok('payroll.oneOffs', { hospitalId: app.hospitalId, month: '2027-04' })).toEqual([fix]);

    april = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-04' });
    const a = await slipOf(april, nurse.id);
    // April: no shifts; base 1,170,000 + housing 150,000 + the adjustment 9,000 = gross 1,329,000 (taxable too).
    expect(a.earnings.map((l) => [l.code, l.label, l.amount])).toEqual([
      ['BASE', 'Base pay', 1_170_000],
      ['ALLOWANCE:Housing', 'Housing', 150_000],
      ['ADJUSTMENT:Night hours missed in March', 'Night hours missed in March', 9_000],
    ]);
    // PAYE 25,000 + 30 % × (1,329,000 − 410,000 = 919,000) = 275,700 → 300,700; NSSF 5 % = 66,450.
    expect(a.gross).toBe(1_329_000);
    expect(a.deductions.map((l) => [l.code, l.amount])).toEqual([
      ['TAX', 300_700],
      ['PENSION', 66_450],
    ]);
    expect(a.net).toBe(1_329_000 - 300_700 - 66_450);
    // March never changes: the same slip, the same stored bytes.
    expect(await slipOf(march, nurse.id)).toEqual(marchSlip);
    const again = await hr.ok('payroll.slipPdf', { slipId: marchSlip.id });
    expect(again.sha256).toBe(marchPdf.sha256);
    expect(again.pdfBase64).toBe(marchPdf.pdfBase64);
    const [{ sha }] = await app.db.sql<{ sha: string }>('SELECT sha256 AS sha FROM salary_slip_documents WHERE slip_id = ?', [marchSlip.id]);
    expect(sha).toBe(marchSlip.sha256);
  });

  it('carries year to date into April; of two HR desks finalizing April at once one wins', async () => {
    expect(april.slips.some((s) => s.staffId === leaver.id)).toBe(false);
    const r = await slipOf(april, raised.id);
    // April: 4,650,000; YTD BASE = March 3,900,000 + April 4,650,000 = 8,550,000.
    expect(line(r.earnings, 'BASE')).toMatchObject({ amount: 4_650_000, ytd: 8_550_000 });
    expect(march.slips.some((s) => s.name.startsWith('Unpaid '))).toBe(false);
    const marchSlip = await slipOf(march, raised.id);
    expect(r.ytdGross).toBe(marchSlip.gross + r.gross);
    expect(r.ytdNet).toBe(marchSlip.net + r.net);
    expect(line(r.deductions, 'TAX')?.ytd).toBe(line(marchSlip.deductions, 'TAX')!.amount + line(r.deductions, 'TAX')!.amount);

    const other = await app.signedIn(['hr']);
    const both = await Promise.all([
      hr.call('payroll.finalize', { runId: april.id, version: april.version, paidOn: '2027-04-30' }),
      other.call('payroll.finalize', { runId: april.id, version: april.version, paidOn: '2027-04-29' }),
    ]);
    expect(both.filter((x) => x.ok)).toHaveLength(1);
    expect(both.filter((x) => !x.ok).map((x) => !x.ok && x.error.code)).toEqual(['CONFLICT']);
    const final = await hr.ok('payroll.getRun', { runId: april.id });
    expect(final.status).toBe('finalized');
    expect(final.version).toBe(april.version + 1);

    // A new year starts its year to date afresh.
    const january = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2028-01' });
    const j = await slipOf(january, raised.id);
    expect(line(j.earnings, 'BASE')).toMatchObject({ amount: 4_650_000, ytd: 4_650_000 });
    expect(j).toMatchObject({ ytdGross: j.gross, ytdNet: j.net });
  });

  it('lets billing read but not run payroll, and a nurse see only her own finalized slips', async () => {
    const billing = await app.signedIn(['billing']);
    await billing.fails('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-05' }, 'FORBIDDEN');
    await billing.fails('payroll.setStructure', { staffId: nurse.id, validFrom: '2027-05-01', basis: 'salaried', monthlyBase: 1 }, 'FORBIDDEN');
    await billing.fails('payroll.getStructure', { staffId: nurse.id }, 'FORBIDDEN');
    expect((await billing.ok('payroll.getRun', { runId: march.id })).status).toBe('finalized');
    const mine = await nurseDesk.ok('payroll.mySlips', {});
    expect(mine.map((s) => [s.month, s.staffId])).toEqual([
      ['2027-04', nurse.id],
      ['2027-03', nurse.id],
    ]);
    expect(mine[1].net).toBe(1_079_080);
    await nurseDesk.fails('payroll.slip', { slipId: mine[1].id }, 'FORBIDDEN');
    expect((await nurseDesk.ok('payroll.mySlipPdf', { slipId: mine[1].id })).sha256).toBe(mine[1].sha256);
    const someoneElse = march.slips.find((s) => s.staffId === joiner.id)!.id;
    await nurseDesk.fails('payroll.mySlipPdf', { slipId: someoneElse }, 'FORBIDDEN');
    await nurseDesk.fails('payroll.slipPdf', { slipId: someoneElse }, 'FORBIDDEN');
    expect((await billing.ok('payroll.slipPdf', { slipId: someoneElse })).pages).toBeGreaterThanOrEqual(1);
    await nurseDesk.fails('payroll.getRun', { runId: march.id }, 'FORBIDDEN');
    const stranger = await app.signedIn(['nurse']);
    expect(await stranger.ok('payroll.mySlips', {})).toEqual([]);
  });

  it('pays the hours of a night that run into a public holiday as holiday hours', async () => {
    // Friday 8 October 23:00 to Saturday 9 October (Independence Day) 07:00 Kampala time: 8 h worked, of which
    // 00:00–07:00 = 7 h on the holiday. Hourly 10,000: HOURS 80,000; HOLIDAY 7 h at 100 % = 70,000.
    const p = await member({ firstName: 'Holly' });
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2026-01-01', basis: 'hourly', hourlyRate: 10_000, holiday: { kind: 'percent', rateBp: 10000 } });
    await hr.ok('shifts.assign', { staffId: p.id, date: '2027-10-08', shiftTypeId: night.id, departmentId: ward.id });
    const october = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-10' });
    const slip = await slipOf(october, p.id);
    expect(slip.earnings.map((l) => [l.code, l.quantity, l.amount])).toEqual([
      ['HOURS', 8, 80_000],
      ['HOLIDAY', 7, 70_000],
    ]);
    // October 2027: 21 weekdays; Independence Day falls on a Saturday, so all 21 are working days.
    expect(slip.workingDays).toBe(21);
  });

  it("refuses another hospital's ids", async () => {
    const nyc = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PAY', name: 'Hudson Pay Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'PAY{seq:7}' })).id;
    const there = await member({ hospitalId: nyc, departmentId: null });
    await hr.ok('payroll.setStructure', { staffId: there.id, validFrom: '2027-01-01', basis: 'hourly', hourlyRate: 3_000 });
    await hr.ok('payroll.setDeductionRules', { hospitalId: nyc, ...DEMO_DEDUCTION_RULES.US });
    const oneOff = await hr.ok('payroll.addOneOff', { staffId: there.id, month: '2027-03', label: 'Loan', amount: 5_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: nyc, month: '2027-03' });
    expect(run.currency).toBe('USD');
    const slipId = run.slips[0].id;

    const local = await app.signedIn(['hr']);
    await local.fails('payroll.getStructure', { staffId: there.id }, 'FORBIDDEN');
    await local.fails('payroll.setStructure', { staffId: there.id, validFrom: '2027-05-01', basis: 'hourly', hourlyRate: 1 }, 'FORBIDDEN');
    await local.fails('payroll.getDeductionRules', { hospitalId: nyc }, 'FORBIDDEN');
    await local.fails('payroll.setDeductionRules', { hospitalId: nyc, ...DEMO_DEDUCTION_RULES.UG }, 'FORBIDDEN');
    await local.fails('payroll.setHolidays', { hospitalId: nyc, year: 2027, holidays: [] }, 'FORBIDDEN');
    await local.fails('payroll.holidays', { hospitalId: nyc, year: 2027 }, 'FORBIDDEN');
    await local.fails('payroll.addOneOff', { staffId: there.id, month: '2027-04', label: 'X', amount: 1 }, 'FORBIDDEN');
    await local.fails('payroll.removeOneOff', { id: oneOff.id }, 'FORBIDDEN');
    await local.fails('payroll.oneOffs', { hospitalId: nyc, month: '2027-03' }, 'FORBIDDEN');
    await local.fails('payroll.startRun', { hospitalId: nyc, month: '2027-04' }, 'FORBIDDEN');
    await local.fails('payroll.runs', { hospitalId: nyc }, 'FORBIDDEN');
    await local.fails('payroll.getRun', { runId: run.id }, 'FORBIDDEN');
    await local.fails('payroll.recompute', { runId: run.id, version: run.version }, 'FORBIDDEN');
    await local.fails('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2027-03-31' }, 'FORBIDDEN');
    await local.fails('payroll.slip', { slipId }, 'FORBIDDEN');
    expect((await local.ok('payroll.runs', { hospitalId: app.hospitalId })).every((r) => r.currency === 'UGX')).toBe(true);
    await local.fails('payroll.getRun', { runId: 999_999 }, 'NOT_FOUND');
  });
});

describe('a night across a daylight-saving change', () => {
  it('pays the hours really worked: 22:00–06:00 is 9 h on the night clocks go back and 7 h on the night they go forward', async () => {
    const bos = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'DST', name: 'Harbor Night Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'DST{seq:7}' })).id;
    const unit = await department(app.admin, bos, 'Night Unit');
    const late = await hr.ok('shifts.createType', { hospitalId: bos, name: 'Late night', code: 'LN', start: '22:00', end: '06:00' });
    await hr.ok('payroll.setDeductionRules', { hospitalId: bos, ...DEMO_DEDUCTION_RULES.US });
    const p = await member({ hospitalId: bos, departmentId: unit.id, firstName: 'Dusk' });
    // $25.00 an hour (2,500 cents).
    await hr.ok('payroll.setStructure', { staffId: p.id, validFrom: '2027-01-01', basis: 'hourly', hourlyRate: 2_500 });
    // Saturday 6 November 2027: at 02:00 on Sunday the clocks go back to 01:00 — 22:00 to 06:00 lasts 9 hours.
    await hr.ok('shifts.assign', { staffId: p.id, date: '2027-11-06', shiftTypeId: late.id, departmentId: unit.id });
    // Saturday 13 March 2027: at 02:00 on Sunday the clocks go forward to 03:00 — the same shift lasts 7 hours.
    await hr.ok('shifts.assign', { staffId: p.id, date: '2027-03-13', shiftTypeId: late.id, departmentId: unit.id });
    const november = await hr.ok('payroll.startRun', { hospitalId: bos, month: '2027-11' });
    const nov = await slipOf(november, p.id);
    // 9 h × 2,500 = 22,500 cents.
    expect(line(nov.earnings, 'HOURS')).toMatchObject({ quantity: 9, amount: 22_500 });
    const march = await hr.ok('payroll.startRun', { hospitalId: bos, month: '2027-03' });
    const mar = await slipOf(march, p.id);
    // 7 h × 2,500 = 17,500 cents.
    expect(line(mar.earnings, 'HOURS')).toMatchObject({ quantity: 7, amount: 17_500 });
  });
});
