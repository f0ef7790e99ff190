// A patient with a very long name of many parts (two middle names, a triple-barrelled surname): every ward answer names
// them whole, middle names included, and the printed census wraps the name between words and after hyphens, never
// inside a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { addDays, localDate } from '@shared/domain/dates';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { pdfText } from '../support/pdf';
import { doctor } from '../support/scheduling';

const LONG = { firstName: 'Nakato', middleName: 'Nalubega Christine', lastName: 'Ssekandi-Nsubuga-Kiwanuka-Namirembe' };
const FULL = 'Nakato Nalubega Christine Ssekandi-Nsubuga-Kiwanuka-Namirembe';

let app: TestApp;
let desk: Desk;
let nurse: Desk;
let room: Output<'rooms.createRoom'>;
let stay: Output<'admissions.admit'>;
let booking: Output<'beds.book'>;

beforeAll(async () => {
  app = await startTestApp();
  desk = await app.signedIn(['front_desk']);
  nurse = await app.signedIn(['nurse']);
  const hr = await app.signedIn(['hr']);
  const dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello' });
  const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
  room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 2 });
  const p = await desk.ok('patients.register', { hospitalId: app.hospitalId, ...LONG, dateOfBirth: '1990-03-03', sex: 'female', phone: '0772123456' });
  stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation', expectedDischarge: null });
  // A namesake with a middle name too holds the other bed from today.
  const q = await desk.ok('patients.register', { hospitalId: app.hospitalId, firstName: 'Achieng', middleName: 'Grace Auma', lastName: 'Odongo', dateOfBirth: '1985-06-01', sex: 'female', phone: '0772654321' });
  const today = localDate(new Date(), 'Africa/Kampala');
  booking = await desk.ok('beds.book', { patientId: q.id, bedId: room.beds[1].id, from: today, to: addDays(today, 2) });
});
afterAll(async () => app?.close());

describe('a long name of many parts', () => {
  it('is named whole, middle names included, by the board, the timeline and the census', async () => {
    expect(stay.patientName).toBe(FULL);
    const board = await nurse.ok('occupancy.board', { hospitalId: app.hospitalId });
    expect(board.floors[0].rooms[0].beds[0].occupant?.patientName).toBe(FULL);
    expect(booking.patientName).toBe('Achieng Grace Auma Odongo');
    expect(board.floors[0].rooms[0].beds[1].reservation?.patientName).toBe('Achieng Grace Auma Odongo');
    const timeline = await nurse.ok('occupancy.timeline', { hospitalId: app.hospitalId });
    expect(timeline.beds.flatMap((b) => b.segments.map((s) => s.patientName)).sort()).toEqual(['Achieng Grace Auma Odongo', FULL]);
    const census = await nurse.ok('occupancy.census', { hospitalId: app.hospitalId });
    expect(census.rows.map((r) => r.patientName)).toEqual([FULL]);
  });

  it('wraps in the printed census between words and after hyphens, never inside a name', async () => {
    for (const paper of ['A4', 'Letter'] as const) {
      const pdf = await nurse.ok('occupancy.censusPdf', { hospitalId: app.hospitalId, paper });
      const text = pdfText(pdf.pdfBase64);
      for (const part of FULL.split(/[ -]/)) expect(text, `${paper}: ${part}`).toMatch(new RegExp(`(^|[\\s-])${part}([\\s-]|$)`));
    }
  });
});
