// Transfers and the room-days they leave behind (issue 17): the transfer dialog is offered only the beds the transfer
// itself would take (a bed reserved for another patient over the stay's nights is left out, though it shows free on
// today's board), and a few hours in intensive care before a transfer the same day are charged, never lost.
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

  it('offers for the transfer only the beds the transfer takes: not one reserved for another patient over the stay’s nights', async () => {
    const p = await patient(desk, app.hospitalId);
    stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: bed(icu, 'A'), attendingDoctorId: dr.id, reason: 'Chest pain, monitoring', expectedDischarge: '2027-02-06' });
    // 101-B is reserved from tomorrow, while the patient is expected; 101-C only after they are expected to leave;
    // 101-D is out of service.
    const [q, r] = [await patient(desk, app.hospitalId), await patient(desk, app.hospitalId)];
    await desk.ok('beds.book', { bedId: bed(ward, 'B'), patientId: q.id, from: '2027-02-05', to: '2027-02-08' });
    await desk.ok('beds.book', { bedId: bed(ward, 'C'), patientId: r.id, from: '2027-02-06', to: '2027-02-09' });
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'D'), state: 'out_of_service', note: 'Broken rail' });

    // Today's board calls 101-B free: the reservation begins tomorrow.
    const board = await nurse.ok('occupancy.board', { hospitalId: app.hospitalId });
    const wardBeds = board.floors[0].rooms.find((room) => room.number === '101')!.beds;
    expect(wardBeds.map((b) => [b.label, b.status])).toEqual([
      ['A', 'free'],
      ['B', 'free'],
      ['C', 'free'],
      ['D', 'out_of_service'],
    ]);

    const offered = await nurse.ok('admissions.transferBeds', { stayId: stay.id });
    expect(offered).toEqual([bed(ward, 'A'), bed(ward, 'C'), bed(icu, 'B')]);
    // The rule is the transfer's own: the bed left out is refused, the ones offered are taken.
    const refused = await nurse.fails('admissions.transfer', { stayId: stay.id, toBedId: bed(ward, 'B') }, 'CONFLICT');
    expect(refused.message).toMatch(/^Bed 101-B is reserved for .* from 5 Feb 2027/);
    // Only nurses move patients, so only they are asked which beds they may move one to.
    await desk.fails('admissions.transferBeds', { stayId: stay.id }, 'FORBIDDEN');
  });

  it('charges the hours in intensive care before a transfer the same day as that day in intensive care, and the night after on the ward', async () => {
    await at(kla('2027-02-04', '10:00'));
    await nurse.ok('admissions.transfer', { stayId: stay.id, toBedId: bed(ward, 'C'), reason: 'Stable' });
    // The bed left is being cleaned: not offered; the ICU's other bed is.
    expect(await nurse.ok('admissions.transferBeds', { stayId: stay.id })).toEqual([bed(ward, 'A'), bed(icu, 'B')]);

    await at(kla('2027-02-06', '09:00'));
    const out = await nurse.ok('admissions.discharge', { stayId: stay.id, note: 'Recovered' });
    expect(out.charges.map((c) => [c.description, c.quantity, c.unitPrice, c.amount])).toEqual([
      ['Room ICU-1 (ICU), bed A: 1 night from 4 Feb 2027', 1, 400_000, 400_000],
      ['Room 101 (General ward), bed C: 1 night from 5 Feb 2027', 1, 50_000, 50_000],
    ]);
    expect((await nurse.fails('admissions.transferBeds', { stayId: stay.id }, 'CONFLICT')).message).toMatch(/discharged/);
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
