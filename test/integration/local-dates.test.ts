// Dates where a hospital's own clock belongs, not UTC's: around midnight in Kampala (UTC+3) and New York (UTC−5) the
// UTC date is another day. The clock stands at 3 December 2026, 22:30 UTC: 4 December, 01:30 in Kampala and still
// 3 December, 17:30 in New York. The test process runs in UTC, as a server might.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor } from '../support/scheduling';

let app: TestApp;
let usId: number;
let desk: Desk;
let nurse: Desk;

beforeAll(async () => {
  app = await startTestApp();
  usId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })).id;
  await app.setClock(new Date('2026-12-03T22:30:00Z'));
  desk = await app.signedIn(['front_desk'], { hospitalIds: [app.hospitalId, usId] });
  nurse = await app.signedIn(['nurse']);
});
afterAll(async () => app?.close());

describe('dates at the hospital’s clock', () => {
  it('dates an exported file by the day at the hospital the list is of', async () => {
    const kampala = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Nobody', hospitalId: app.hospitalId } } });
    // A file of that name from an earlier run gets a number: "patients-2026-12-04 (2).csv".
    expect(kampala.fileName).toMatch(/^patients-2026-12-04( \(\d+\))?\.csv$/);
    const newYork = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Nobody', hospitalId: usId } } });
    expect(newYork.fileName).toMatch(/^patients-2026-12-03( \(\d+\))?\.csv$/);
    // No hospital named: the caller's first (Kampala).
    expect((await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Nobody' } } })).fileName).toMatch(/^patients-2026-12-04( \(\d+\))?\.csv$/);
  });

  it('names the day a stay ended at its hospital when it is discharged again', async () => {
    const hr = await app.signedIn(['hr']);
    const dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello' });
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 1 });
    const p = await desk.ok('patients.register', { hospitalId: app.hospitalId, firstName: 'Nakato', lastName: 'Ssebunya', dateOfBirth: '1990-04-12', sex: 'female', phone: '0772123456' });
    const stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation', expectedDischarge: null });
    await nurse.ok('admissions.discharge', { stayId: stay.id, note: null });
    // Discharged at 01:30 on the 4th in Kampala (22:30 on the 3rd in UTC).
    const again = await nurse.fails('admissions.discharge', { stayId: stay.id, note: null }, 'CONFLICT');
    expect(again.message).toBe('This stay ended on 4 Dec 2026: the patient has been discharged.');
  });
});
