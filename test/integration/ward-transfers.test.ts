// Transfers and the room-days they leave behind (issue 17): a few hours in intensive care before a transfer the same day
// are charged, never lost.
// The clock starts on Thursday 4 February 2027 just after midnight in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

let app: TestApp;
let nurse: Desk;
let desk: Desk;
let dr: Output<'staff.create'>;
let ward: Output<'rooms.createRoom'>;
let icu: Output<'rooms.createRoom'>;

/** An instant given as Kampala wall-clock time (UTC+3). */
const kla = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`);

/** Moves the clock and signs fresh desks in (a jump of hours idle-locks the windows that were open). */
async function at(instant: Date): Promise<void> {
  await app.setClock(instant);
  nurse = await app.signedIn(['nurse']);
  desk = await app.signedIn(['front_desk']);
}

const bed = (room: Output<'rooms.createRoom'>, label: string) => room.beds.find((b) => b.label === label)!.id;

beforeAll(async () => {
  app = await startTestApp();
  await at(kla('2027-02-04', '00:29'));
  dr = await doctor(await app.signedIn(['hr']), app.hospitalId, { firstName: 'Jane', lastName: 'Okello' });
  const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
  ward = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 4 });
  icu = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: 'ICU-1', roomType: 'icu', dailyRate: 400_000, beds: 2 });
});
afterAll(async () => app?.close());

describe('transferring out of intensive care (tests run in order: each continues the stay of the one before)', () => {
  let stay: Output<'admissions.admit'>;

  it('admits to intensive care just after midnight', async () => {
    const p = await patient(desk, app.hospitalId);
    stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: bed(icu, 'A'), attendingDoctorId: dr.id, reason: 'Chest pain, monitoring', expectedDischarge: '2027-02-06' });
  });

  it('charges the hours in intensive care before a transfer the same day as that day in intensive care, and the night after on the ward', async () => {
    await at(kla('2027-02-04', '10:00'));
    await nurse.ok('admissions.transfer', { stayId: stay.id, toBedId: bed(ward, 'C'), reason: 'Stable' });

    await at(kla('2027-02-06', '09:00'));
    const out = await nurse.ok('admissions.discharge', { stayId: stay.id, note: 'Recovered' });
    expect(out.charges.map((c) => [c.description, c.quantity, c.unitPrice, c.amount])).toEqual([
      ['Room ICU-1 (ICU), bed A: 1 night from 4 Feb 2027', 1, 400_000, 400_000],
      ['Room 101 (General ward), bed C: 1 night from 5 Feb 2027', 1, 50_000, 50_000],
    ]);
  });

  it('charges a stay of one day with a morning in intensive care as one day in intensive care', async () => {
    await at(kla('2027-02-07', '01:00'));
    await nurse.ok('rooms.setState', { bedId: bed(icu, 'A'), state: 'available' });
    const p = await patient(desk, app.hospitalId);
    const s = await nurse.ok('admissions.admit', { patientId: p.id, bedId: bed(icu, 'A'), attendingDoctorId: dr.id, reason: 'Overdose, observation' });
    await at(kla('2027-02-07', '06:00'));
    await nurse.ok('admissions.transfer', { stayId: s.id, toBedId: bed(ward, 'A') });
    await at(kla('2027-02-07', '18:00'));
    const out = await nurse.ok('admissions.discharge', { stayId: s.id });
    expect(out.charges.map((c) => [c.description, c.amount])).toEqual([['Room ICU-1 (ICU), bed A: 1 night from 7 Feb 2027', 400_000]]);
  });
});
