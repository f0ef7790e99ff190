// Dates outside 1900–2199 are refused at the boundary with VALIDATION on the field, on every kind of date input:
// calendar dates, instants and months. Year 9999 used to pass and end in INTERNAL (calendar arithmetic past 9999).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '@shared/contract';
import { IsoDate, IsoInstant, IsoMonth } from '@shared/contract/channel';
import { startTestApp, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let everyone: Desk;
beforeAll(async () => {
  app = await startTestApp();
  everyone = await app.signedIn(['front_desk', 'doctor', 'nurse', 'billing', 'hr', 'manager', 'admin'], { allHospitals: true });
});
afterAll(async () => app?.close());

describe('the date range', () => {
  it('is 1900-01-01 to 2199-12-31 for dates, instants and months', () => {
    for (const ok of ['1900-01-01', '2026-02-28', '2199-12-31']) expect(IsoDate.safeParse(ok).success).toBe(true);
    for (const bad of ['1899-12-31', '2200-01-01', '9999-12-31', '0001-01-01', '2026-02-30']) expect(IsoDate.safeParse(bad).success).toBe(false);
    for (const ok of ['1900-01-01T00:00:00Z', '2199-12-31T23:59:59.999Z', '2026-06-01T08:00:00+03:00']) expect(IsoInstant.safeParse(ok).success).toBe(true);
    for (const bad of ['9999-12-31T23:00:00Z', '2199-12-31T23:00:00-05:00', '1899-12-31T23:59:59Z', '0000-01-01T00:00:00Z']) {
      expect(IsoInstant.safeParse(bad).success).toBe(false);
    }
    for (const ok of ['1900-01', '2199-12']) expect(IsoMonth.safeParse(ok).success).toBe(true);
    for (const bad of ['1899-12', '2200-01', '9999-12', '2026-13']) expect(IsoMonth.safeParse(bad).success).toBe(false);
  });

  it('refuses year-9999 dates with VALIDATION on every channel that takes a date, and writes nothing', async () => {
    const h = app.hospitalId;
    const far = '9999-12-31';
    const farInstant = '9999-12-31T23:00:00Z';
    const calls: [ChannelName, Record<string, unknown>, string][] = [
      ['appointments.freeSlots', { doctorId: 1, date: far }, 'date'],
      ['appointments.departmentSlots', { hospitalId: h, date: far }, 'date'],
      ['appointments.nextFree', { doctorId: 1, after: farInstant }, 'after'],
      ['appointments.book', { patientId: 1, doctorId: 1, start: farInstant }, 'start'],
      ['appointments.reschedule', { id: 1, version: 1, start: farInstant }, 'start'],
      ['appointments.daySchedule', { hospitalId: h, date: far }, 'date'],
      ['appointments.forDoctor', { doctorId: 1, from: far, days: 7 }, 'from'],
      ['shifts.assign', { staffId: 1, date: far, shiftTypeId: 1, departmentId: 1 }, 'date'],
      ['shifts.rota', { departmentId: 1, weekStart: '9999-12-27' }, 'weekStart'],
      ['shifts.forStaff', { staffId: 1, from: far, days: 62 }, 'from'],
      ['leave.record', { staffId: 1, kind: 'annual', startDate: '2026-01-05', endDate: far }, 'endDate'],
      ['leave.list', { hospitalId: h, from: '2026-01-01', to: far }, 'to'],
      ['audit.list', { from: far }, 'from'],
      ['beds.book', { bedId: 1, patientId: 1, from: '2026-01-01', to: far }, 'to'],
      ['theatres.book', { roomId: 1, patientId: 1, start: '2026-01-01T08:00:00Z', end: farInstant, procedure: 'Appendectomy' }, 'end'],
      ['theatres.schedule', { hospitalId: h, date: far }, 'date'],
      ['occupancy.board', { hospitalId: h, date: far }, 'date'],
      ['occupancy.timeline', { hospitalId: h, from: far, days: 31 }, 'from'],
      ['charges.add', { patientId: 1, catalogItemId: 1, serviceDate: far }, 'serviceDate'],
      ['invoices.list', { hospitalId: h, to: far }, 'to'],
      ['payroll.finalize', { runId: 1, version: 1, paidOn: far }, 'paidOn'],
      ['payroll.oneOffs', { hospitalId: h, month: '9999-12' }, 'month'],
      ['patients.findDuplicates', { hospitalId: h, firstName: 'Old', lastName: 'Timer', dateOfBirth: '1066-10-14', phone: '+256 772 123456' }, 'dateOfBirth'],
      ['reports.schedulingTrends', { from: '2026-01-01', to: far, granularity: 'month' }, 'to'],
    ];
    const before = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    for (const [channel, input, field] of calls) {
      const r = await everyone.call(channel, input as never);
      expect(r.ok ? 'ok' : r.error.code, `${channel} ${JSON.stringify(input)}`).toBe('VALIDATION');
      if (!r.ok) expect(Object.keys(r.error.fields ?? {}), channel).toContain(field);
    }
    const after = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });
});
