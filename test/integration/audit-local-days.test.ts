// The audit trail's From/To filter counts the hospitals' own days, as the trail shows each entry at its hospital's
// clock. The clock stands at 3 December 2026, 22:30 UTC: 4 December, 01:30 in Kampala and 17:30 on the 3rd in New
// York. The test process runs in UTC, as a server might.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let usId: number;
let desk: Desk;
let kampalaPatient: string;
let newYorkPatient: string;

beforeAll(async () => {
  app = await startTestApp();
  usId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })).id;
  await app.setClock(new Date('2026-12-03T22:30:00Z'));
  desk = await app.signedIn(['front_desk'], { hospitalIds: [app.hospitalId, usId] });
  const register = (hospitalId: number, firstName: string, phone: string) =>
    desk.ok('patients.register', { hospitalId, firstName, lastName: 'Ssebunya', dateOfBirth: '1990-04-12', sex: 'female', phone, acknowledgeDuplicates: true });
  kampalaPatient = String((await register(app.hospitalId, 'Nakato', '0772123456')).id);
  newYorkPatient = String((await register(usId, 'Grace', '(202) 555-0123')).id);
});
afterAll(async () => app?.close());

const patientIds = async (input: { from: string; to: string; hospitalId?: number }) =>
  (await app.admin.ok('audit.list', { entity: 'patient', limit: 200, ...input })).items.map((e) => e.entityId);

describe('the audit filter by day', () => {
  it('counts each entry on the day at its own hospital', async () => {
    // Kampala's registration is on the 4th there (the 3rd in UTC); New York's on the 3rd.
    expect(await patientIds({ from: '2026-12-04', to: '2026-12-04' })).toEqual([kampalaPatient]);
    expect(await patientIds({ from: '2026-12-03', to: '2026-12-03' })).toEqual([newYorkPatient]);
    expect(await patientIds({ from: '2026-12-03', to: '2026-12-04' })).toEqual(expect.arrayContaining([kampalaPatient, newYorkPatient]));
    expect(await patientIds({ from: '2026-12-05', to: '2026-12-05' })).toEqual([]);
    // Only one bound.
    expect(await patientIds({ from: '2026-12-04', to: '2026-12-31' })).toEqual([kampalaPatient]);
  });

  it("counts an entry of no hospital (a sign-in) on the day at the desk's hospital", async () => {
    const signIns = async (input: { from: string; to: string; hospitalId?: number }) =>
      (await app.admin.ok('audit.list', { limit: 200, ...input })).items.filter((e) => e.hospitalId === null && e.at.startsWith('2026-12-03T22:3'));
    expect(await signIns({ from: '2026-12-04', to: '2026-12-04', hospitalId: app.hospitalId })).not.toEqual([]);
    expect(await signIns({ from: '2026-12-03', to: '2026-12-03', hospitalId: app.hospitalId })).toEqual([]);
    expect(await signIns({ from: '2026-12-03', to: '2026-12-03', hospitalId: usId })).not.toEqual([]);
    // No desk hospital named: UTC's day.
    expect(await signIns({ from: '2026-12-03', to: '2026-12-03' })).not.toEqual([]);
  });
});
