// Reports under attack: malformed and hostile filters, another hospital reached through every door (ids, a department,
// the PDF export's inner input), roles that may not read a report, and nothing written by a report call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CHANNELS } from '@shared/domain/reports';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department } from '../support/scheduling';

let app: TestApp;
let bos: number;
let bosDepartment: number;
let manager: Desk;
const PERIOD = { from: '2027-01-01', to: '2027-01-31' };

beforeAll(async () => {
  app = await startTestApp();
  bos = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
  bosDepartment = (await department(app.admin, bos, 'Cardiology')).id;
  manager = await app.signedIn(['manager'], { hospitalIds: [app.hospitalId] });
});
afterAll(async () => app?.close());

describe('hostile filters', () => {
  it('refuses ids that are not ids, text where dates go, and too many hospitals', async () => {
    for (const channel of REPORT_CHANNELS) {
      await manager.fails(channel, { ...PERIOD, hospitalIds: ['1 OR 1=1'] }, 'VALIDATION');
      await manager.fails(channel, { ...PERIOD, hospitalIds: [1.5] }, 'VALIDATION');
      await manager.fails(channel, { ...PERIOD, hospitalIds: Array.from({ length: 201 }, (_, i) => i + 1) }, 'VALIDATION');
      await manager.fails(channel, { from: "2027-01-01' OR '1'='1", to: '2027-01-31' }, 'VALIDATION');
      await manager.fails(channel, { ...PERIOD, departmentId: -1 }, 'VALIDATION');
      await manager.fails(channel, null, 'VALIDATION');
      await manager.fails(channel, [], 'VALIDATION');
    }
  });

  it('answers a period with nothing in it with empty figures, not an error', async () => {
    const r = await manager.ok('reports.revenue', { from: '1900-01-01', to: '1900-12-31' });
    expect(r.invoiced).toEqual([]);
    const o = await manager.ok('reports.occupancy', { from: '2099-01-01', to: '2099-01-02' });
    expect(o.total.patientDays).toBe(0);
  });
});

describe('another hospital', () => {
  it('is refused by id, by department and inside the PDF export, while the caller\'s own hospital answers', async () => {
    for (const channel of REPORT_CHANNELS) {
      await manager.fails(channel, { ...PERIOD, hospitalIds: [bos] }, 'FORBIDDEN');
      await manager.fails(channel, { ...PERIOD, hospitalIds: [app.hospitalId, bos] }, 'FORBIDDEN');
      await manager.fails('reports.exportPdf', { report: channel, input: { ...PERIOD, hospitalIds: [bos] } }, 'FORBIDDEN');
      const own = (await manager.ok(channel, { ...PERIOD, hospitalIds: [app.hospitalId] })) as { hospitals: { id: number }[] };
      expect(own.hospitals.map((h) => h.id)).toEqual([app.hospitalId]);
    }
    for (const channel of ['reports.appointmentsByDepartment', 'reports.departmentPerformance', 'reports.schedulingTrends', 'reports.demographics', 'reports.staffHours'] as const) {
      await manager.fails(channel, { ...PERIOD, departmentId: bosDepartment }, 'FORBIDDEN');
    }
    // A department that does not exist says so; an id beyond any hospital is not found, not a leak of others.
    await manager.fails('reports.staffHours', { ...PERIOD, departmentId: 987_654 }, 'NOT_FOUND');
    await manager.fails('reports.staffHours', { ...PERIOD, hospitalIds: [987_654] }, 'FORBIDDEN');
  });

  it('is never shown to a user whose scope is one hospital, whatever the filter leaves out', async () => {
    const r = await manager.ok('reports.appointmentsByDepartment', { ...PERIOD, hospitalIds: [] });
    expect(r.hospitals.map((h) => h.id)).toEqual([app.hospitalId]);
  });
});

describe('roles', () => {
  it('keeps each report to its readers, the PDF export included', async () => {
    const nurse = await app.signedIn(['nurse']);
    const pharmacist = await app.signedIn(['pharmacist']);
    for (const d of [nurse, pharmacist]) {
      for (const channel of REPORT_CHANNELS) {
        await d.fails(channel, PERIOD, 'FORBIDDEN');
        await d.fails('reports.exportPdf', { report: channel, input: PERIOD }, 'FORBIDDEN');
      }
    }
    const hr = await app.signedIn(['hr']);
    await hr.ok('reports.exportPdf', { report: 'reports.staffHours', input: PERIOD });
    for (const channel of REPORT_CHANNELS.filter((c) => c !== 'reports.staffHours')) await hr.fails('reports.exportPdf', { report: channel, input: PERIOD }, 'FORBIDDEN');
  });
});

describe('read only', () => {
  it('leaves the audit trail and the data as they were', async () => {
    const [before] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    for (const channel of REPORT_CHANNELS) await manager.ok(channel, PERIOD);
    await manager.ok('reports.exportPdf', { report: 'reports.occupancy', input: PERIOD });
    const [after] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
