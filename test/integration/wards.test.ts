// Floors, rooms and beds; admission, transfer and discharge with their bed history and room-day charges; bed and
// theatre bookings; the occupancy board, timeline and census; many desks at one bed. The clock starts on Saturday
// 30 January 2027, 10:00 in Kampala, and moves forward through the stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';
import { pdfInfo, pdfText } from '../support/pdf';

let app: TestApp;
let nurse: Desk;
let desk: Desk;
let dr: Output<'staff.create'>;
let ward: Output<'rooms.createRoom'>;
let privateRoom: Output<'rooms.createRoom'>;
let theatre: Output<'rooms.createRoom'>;
let nycId: number;

/** An instant given as Kampala wall-clock time (UTC+3). */
const kla = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`);

/** Moves the clock and signs fresh desks in (a jump of hours idle-locks the windows that were open). */
async function at(instant: Date): Promise<void> {
  await app.setClock(instant);
  nurse = await app.signedIn(['nurse'], { allHospitals: true });
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
}

beforeAll(async () => {
  app = await startTestApp();
  await at(kla('2027-01-30', '10:00'));
  const hr = await app.signedIn(['hr']);
  dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello' });
  const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
  ward = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 4 });
  privateRoom = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '102', roomType: 'private', dailyRate: 150_000, beds: 1 });
  const surgery = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Surgery', level: 2 });
  theatre = await app.admin.ok('rooms.createRoom', { floorId: surgery.id, number: 'OT-1', roomType: 'operating_theatre', dailyRate: 0, beds: 0 });
  nycId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })).id;
});
afterAll(async () => app?.close());

const bed = (room: Output<'rooms.createRoom'>, label: string) => room.beds.find((b) => b.label === label)!.id;

describe('describing the wards', () => {
  it('creates floors, rooms with beds A, B, … and theatres; refuses duplicates, beds in a theatre, and other roles', async () => {
    expect(ward.beds.map((b) => b.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(ward).toMatchObject({ roomType: 'general_ward', dailyRate: 50_000, currency: 'UGX', state: 'available' });
    expect((await app.admin.fails('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 3 }, 'CONFLICT')).fields).toEqual({ name: 'This hospital already has a floor with that name.' });
    expect((await app.admin.fails('rooms.createRoom', { floorId: ward.floorId, number: '101', roomType: 'private', dailyRate: 1, beds: 1 }, 'CONFLICT')).fields).toEqual({ number: 'A room with that number already exists in this hospital.' });
    expect((await app.admin.fails('rooms.createRoom', { floorId: ward.floorId, number: 'OT-2', roomType: 'operating_theatre', dailyRate: 0, beds: 2 }, 'VALIDATION')).fields?.beds).toBe('An operating theatre has no beds.');
    await nurse.fails('rooms.createRoom', { floorId: ward.floorId, number: '103', roomType: 'private', dailyRate: 1, beds: 1 }, 'FORBIDDEN');
    await app.admin.fails('rooms.createRoom', { floorId: ward.floorId, number: '103', roomType: 'private', dailyRate: -5, beds: 1 }, 'VALIDATION');
    const layout = await desk.ok('rooms.list', { hospitalId: app.hospitalId });
    expect(layout.floors.map((f) => [f.name, f.rooms.map((r) => r.number)])).toEqual([
      ['Ward block', ['101', '102']],
      ['Surgery', ['OT-1']],
    ]);
  });
});

describe('admission, transfer and discharge (tests run in order: each continues the stay of the one before)', () => {
  let p: Output<'patients.register'>;
  let stay: Output<'admissions.admit'>;

  it('admits a patient to a free bed; the board shows who, since when, until when and under whom', async () => {
    p = await patient(desk, app.hospitalId, { firstName: 'Nakato', lastName: 'Ssebunya' });
    const events: unknown[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'records.changed' && events.push(payload));
    stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: bed(ward, 'A'), attendingDoctorId: dr.id, reason: 'Malaria, severe', expectedDischarge: '2027-02-03' });
    off();
    expect(stay).toMatchObject({ status: 'admitted', roomNumber: '101', bedLabel: 'A', attendingDoctorName: 'Dr Jane Okello', expectedDischarge: '2027-02-03' });
    expect(Date.parse(stay.admittedAt) - kla('2027-01-30', '10:00').getTime()).toBeLessThan(60_000);
    expect(events).toContainEqual({ entity: 'stay', ids: [String(stay.id)], hospitalIds: [app.hospitalId] });
    expect(events).toContainEqual({ entity: 'bed', ids: [], hospitalIds: [app.hospitalId] });
    const board = await desk.ok('occupancy.board', { hospitalId: app.hospitalId });
    const a = board.floors[0].rooms[0].beds[0];
    expect(a).toMatchObject({ label: 'A', status: 'occupied', occupant: { patientName: 'Nakato Ssebunya', expectedDischarge: '2027-02-03', attendingDoctorName: 'Dr Jane Okello' } });
    expect(board.floors[0].counts).toMatchObject({ beds: 5, usable: 5, occupied: 1, free: 4, percent: 20 });
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'stay' AND entity_id = ?", [String(stay.id)]);
    expect(audit.map((x) => x.action)).toEqual(['stay.admit']);
  });

  it('refuses a second bed for the same patient, a taken bed, a bed being cleaned or out of service, and a discharge date in the past', async () => {
    const again = await nurse.fails('admissions.admit', { patientId: p.id, bedId: bed(ward, 'B'), attendingDoctorId: dr.id, reason: 'x' }, 'CONFLICT');
    expect(again.message).toBe('Nakato Ssebunya is already admitted, in bed 101-A: transfer them instead.');
    const other = await patient(desk, app.hospitalId);
    const taken = await nurse.fails('admissions.admit', { patientId: other.id, bedId: bed(ward, 'A'), attendingDoctorId: dr.id, reason: 'x' }, 'CONFLICT');
    expect(taken.message).toMatch(/^Bed 101-A is occupied by Nakato Ssebunya/);
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'D'), state: 'out_of_service', note: 'Broken rail' });
    expect((await nurse.fails('admissions.admit', { patientId: other.id, bedId: bed(ward, 'D'), attendingDoctorId: dr.id, reason: 'x' }, 'CONFLICT')).message).toBe('Bed 101-D is out of service.');
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'C'), state: 'cleaning' });
    expect((await nurse.fails('admissions.admit', { patientId: other.id, bedId: bed(ward, 'C'), attendingDoctorId: dr.id, reason: 'x' }, 'CONFLICT')).message).toMatch(/is cleaning: release it when it is ready/);
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'C'), state: 'available' });
    const past = await nurse.fails('admissions.admit', { patientId: other.id, bedId: bed(ward, 'C'), attendingDoctorId: dr.id, reason: 'x', expectedDischarge: '2027-01-01' }, 'VALIDATION');
    expect(past.fields?.expectedDischarge).toBe('Must not be before today.');
    expect((await nurse.fails('rooms.setState', { bedId: bed(ward, 'A'), state: 'out_of_service' }, 'CONFLICT')).message).toMatch(/occupied by Nakato Ssebunya .*transfer or discharge the patient first/);
    await desk.fails('admissions.admit', { patientId: other.id, bedId: bed(ward, 'C'), attendingDoctorId: dr.id, reason: 'x' }, 'FORBIDDEN');
  });

  it('transfers the patient: the history keeps both beds and the bed left behind goes to cleaning until released', async () => {
    await at(kla('2027-02-01', '15:00'));
    const moved = await nurse.ok('admissions.transfer', { stayId: stay.id, toBedId: bed(privateRoom, 'A'), reason: 'Needs isolation from noise' });
    expect(moved).toMatchObject({ roomNumber: '102', bedLabel: 'A', version: stay.version + 1 });
    expect(moved.history.map((h) => [h.roomNumber, h.bedLabel, h.to === null])).toEqual([
      ['101', 'A', false],
      ['102', 'A', true],
    ]);
    const board = await desk.ok('occupancy.board', { hospitalId: app.hospitalId });
    expect(board.floors[0].rooms[0].beds[0].status).toBe('cleaning');
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'A'), state: 'available' });
    expect((await desk.ok('occupancy.board', { hospitalId: app.hospitalId })).floors[0].rooms[0].beds[0].status).toBe('free');
    await nurse.fails('admissions.transfer', { stayId: stay.id, toBedId: bed(privateRoom, 'A') }, 'VALIDATION');
  });

  it('discharges: room-days are charged per bed as local nights across the month end, the bed goes to cleaning, the stay is closed', async () => {
    await at(kla('2027-02-03', '09:00'));
    const done = await nurse.ok('admissions.discharge', { stayId: stay.id, note: 'Recovered' });
    expect(done.status).toBe('discharged');
    expect(Date.parse(done.dischargedAt!) - kla('2027-02-03', '09:00').getTime()).toBeLessThan(60_000);
    expect(done.charges.map((c) => [c.quantity, c.unitPrice, c.amount, c.currency])).toEqual([
      [2, 50_000, 100_000, 'UGX'],
      [2, 150_000, 300_000, 'UGX'],
    ]);
    expect(done.charges[0].description).toBe('Room 101 (General ward), bed A: 2 nights from 30 Jan 2027');
    const rows = await app.db.sql<{ category: string; amount: number; invoice_id: number | null; service_date: string }>('SELECT category, amount, invoice_id, service_date FROM charges WHERE patient_id = ?', [p.id]);
    expect(rows).toEqual([
      { category: 'room', amount: 100_000, invoice_id: null, service_date: '2027-02-03' },
      { category: 'room', amount: 300_000, invoice_id: null, service_date: '2027-02-03' },
    ]);
    const board = await desk.ok('occupancy.board', { hospitalId: app.hospitalId });
    expect(board.floors[0].rooms[1].beds[0].status).toBe('cleaning');
    await nurse.fails('admissions.discharge', { stayId: stay.id }, 'CONFLICT');
    // Nothing in between: the patient can be admitted again, and the stay is in their history.
    expect((await nurse.ok('admissions.forPatient', { patientId: p.id })).items.map((s) => s.status)).toEqual(['discharged']);
    // The patient is the chain's, the stay this hospital's: a nurse of another hospital does not see it.
    const elsewhere = await app.signedIn(['nurse'], { hospitalIds: [nycId] });
    expect((await elsewhere.ok('admissions.forPatient', { patientId: p.id })).items).toEqual([]);
  });

  it('charges one night for a stay shorter than a night', async () => {
    const q = await patient(desk, app.hospitalId);
    const s = await nurse.ok('admissions.admit', { patientId: q.id, bedId: bed(ward, 'B'), attendingDoctorId: dr.id, reason: 'Observation' });
    const out = await nurse.ok('admissions.discharge', { stayId: s.id });
    expect(out.charges.map((c) => c.quantity)).toEqual([1]);
    await nurse.ok('rooms.setState', { bedId: bed(ward, 'B'), state: 'available' });
  });
});

describe('bed reservations (on the beds of ward 101 as the admissions above left them)', () => {
  it('reserves nights of a bed; overlapping reservations are refused, a cancelled one frees the nights', async () => {
    const [p1, p2] = [await patient(desk, app.hospitalId), await patient(desk, app.hospitalId)];
    const r = await desk.ok('beds.book', { bedId: bed(ward, 'C'), patientId: p1.id, from: '2027-02-10', to: '2027-02-14', reason: 'Elective hernia repair' });
    expect(r).toMatchObject({ status: 'reserved', roomNumber: '101', bedLabel: 'C', from: '2027-02-10', to: '2027-02-14' });
    const clash = await desk.fails('beds.book', { bedId: bed(ward, 'C'), patientId: p2.id, from: '2027-02-13', to: '2027-02-16' }, 'CONFLICT');
    expect(clash.message).toMatch(/^Bed 101-C is already reserved for .* from 10 Feb 2027 to 14 Feb 2027\.$/);
    await desk.ok('beds.book', { bedId: bed(ward, 'C'), patientId: p2.id, from: '2027-02-14', to: '2027-02-16' });
    await desk.fails('beds.book', { bedId: bed(ward, 'C'), patientId: p2.id, from: '2027-02-12', to: '2027-02-12' }, 'VALIDATION');
    await desk.fails('beds.book', { bedId: bed(ward, 'C'), patientId: p2.id, from: '2027-01-02', to: '2027-01-05' }, 'VALIDATION');
    const cancelled = await desk.ok('beds.cancelBooking', { id: r.id, reason: 'Surgery postponed' });
    expect(cancelled.status).toBe('cancelled');
    await desk.ok('beds.book', { bedId: bed(ward, 'C'), patientId: p2.id, from: '2027-02-10', to: '2027-02-13' });
  });

  it("turns into the admission when the patient arrives, and keeps the bed from other patients on its nights", async () => {
    const [booked, walkIn] = [await patient(desk, app.hospitalId), await patient(desk, app.hospitalId)];
    const r = await desk.ok('beds.book', { bedId: bed(ward, 'B'), patientId: booked.id, from: '2027-02-05', to: '2027-02-08' });
    const board = await desk.ok('occupancy.board', { hospitalId: app.hospitalId, date: '2027-02-06' });
    expect(board.floors[0].rooms[0].beds[1]).toMatchObject({ status: 'reserved', reservation: { bookingId: r.id, from: '2027-02-05' } });
    const early = await nurse.fails('admissions.admit', { patientId: walkIn.id, bedId: bed(ward, 'B'), attendingDoctorId: dr.id, reason: 'x', expectedDischarge: '2027-02-07' }, 'CONFLICT');
    expect(early.message).toMatch(/is reserved for .* from 5 Feb 2027: admit to another bed/);
    await at(kla('2027-02-05', '08:00'));
    const s = await nurse.ok('admissions.admit', { patientId: booked.id, bedId: bed(ward, 'B'), attendingDoctorId: dr.id, reason: 'Planned' });
    const [row] = await app.db.sql<{ status: string; stay_id: number }>('SELECT status, stay_id FROM bed_bookings WHERE id = ?', [r.id]);
    expect(row).toEqual({ status: 'admitted', stay_id: s.id });
    await desk.fails('beds.cancelBooking', { id: r.id, reason: 'x' }, 'CONFLICT');
    const occupied = await desk.fails('beds.book', { bedId: bed(ward, 'B'), patientId: walkIn.id, from: '2027-02-06', to: '2027-02-09' }, 'CONFLICT');
    expect(occupied.message).toMatch(/is occupied by .* with no expected discharge yet/);
  });
});

describe('operating theatres', () => {
  it('books a theatre for a time range; overlaps are refused, the next slot is fine, a cancelled one frees it', async () => {
    const [p1, p2] = [await patient(desk, app.hospitalId), await patient(desk, app.hospitalId)];
    const t = await desk.ok('theatres.book', { roomId: theatre.id, patientId: p1.id, start: kla('2027-02-08', '08:00').toISOString(), end: kla('2027-02-08', '10:30').toISOString(), procedure: 'Appendectomy', surgeonId: dr.id });
    expect(t).toMatchObject({ roomNumber: 'OT-1', surgeonName: 'Dr Jane Okello', status: 'booked' });
    const clash = await desk.fails('theatres.book', { roomId: theatre.id, patientId: p2.id, start: kla('2027-02-08', '10:00').toISOString(), end: kla('2027-02-08', '11:00').toISOString(), procedure: 'Hernia repair' }, 'CONFLICT');
    expect(clash.message).toBe('Theatre OT-1 is booked from 08:00 to 10:30 (Appendectomy) on 8 Feb 2027.');
    await desk.ok('theatres.book', { roomId: theatre.id, patientId: p2.id, start: kla('2027-02-08', '10:30').toISOString(), end: kla('2027-02-08', '11:30').toISOString(), procedure: 'Hernia repair' });
    await desk.fails('theatres.book', { roomId: ward.id, patientId: p2.id, start: kla('2027-02-09', '10:30').toISOString(), end: kla('2027-02-09', '11:30').toISOString(), procedure: 'x' }, 'VALIDATION');
    await desk.ok('theatres.cancel', { id: t.id, reason: 'Patient unfit' });
    expect((await desk.ok('theatres.schedule', { hospitalId: app.hospitalId, date: '2027-02-08' })).map((x) => [x.procedure, x.status])).toEqual([
      ['Appendectomy', 'cancelled'],
      ['Hernia repair', 'booked'],
    ]);
  });
});

describe('many desks at one bed (bed 101-C as the reservations above left it)', () => {
  it('twenty nurses admitting twenty patients into one free bed at once: one admission, nineteen conflicts', async () => {
    const patients: Output<'patients.register'>[] = [];
    for (let i = 0; i < 20; i++) patients.push(await patient(desk, app.hospitalId));
    const n = await app.signedIn(['nurse']);
    const windows = await Promise.all(
      patients.map(async (_p, i) => {
        const w = app.desk(`ward-${i}`);
        await w.ok('auth.login', { username: n.username, password: n.password });
        return w;
      }),
    );
    const results = await Promise.all(windows.map((w, i) => w.call('admissions.admit', { patientId: patients[i].id, bedId: bed(ward, 'C'), attendingDoctorId: dr.id, reason: 'Emergency', expectedDischarge: '2027-02-08' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(19);
    for (const r of refused) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    expect(await app.db.sql('SELECT id FROM bed_stays WHERE occupied_bed_id = ?', [bed(ward, 'C')])).toHaveLength(1);
  });

  it('twenty desks reserving overlapping nights of one bed at once: one reservation', async () => {
    const patients: Output<'patients.register'>[] = [];
    for (let i = 0; i < 20; i++) patients.push(await patient(desk, app.hospitalId));
    const results = await Promise.all(patients.map((p, i) => app.signedIn(['front_desk']).then((d) => d.call('beds.book', { bedId: bed(privateRoom, 'A'), patientId: p.id, from: `2027-03-${String(1 + (i % 3)).padStart(2, '0')}`, to: '2027-03-06' }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await app.db.sql("SELECT id FROM bed_bookings WHERE bed_id = ? AND status = 'reserved' AND to_date > '2027-03-01'", [bed(privateRoom, 'A')])).toHaveLength(1);
  });
});

describe('the board, the timeline and the census (read the beds, stays and reservations the tests above left)', () => {
  it('counts occupancy per floor, per room type and for the hospital; out-of-service beds do not count as usable', async () => {
    const board = await desk.ok('occupancy.board', { hospitalId: app.hospitalId });
    const statuses = board.floors[0].rooms.flatMap((r) => r.beds.map((b) => `${r.number}-${b.label}:${b.status}`));
    expect(statuses).toEqual(['101-A:free', '101-B:occupied', '101-C:occupied', '101-D:out_of_service', '102-A:cleaning']);
    expect(board.total).toEqual({ beds: 5, usable: 4, occupied: 2, reserved: 0, free: 1, cleaning: 1, outOfService: 1, percent: 50 });
    expect(board.byRoomType.map((t) => [t.roomType, t.counts.occupied, t.counts.usable])).toEqual([
      ['general_ward', 2, 3],
      ['private', 0, 1],
    ]);
  });

  it('lays out the coming fortnight per bed: stays until their expected discharge, and reservations', async () => {
    const t = await desk.ok('occupancy.timeline', { hospitalId: app.hospitalId });
    expect(t).toMatchObject({ from: '2027-02-05', days: 14 });
    const c = t.beds.find((b) => b.bedId === bed(ward, 'C'))!;
    expect(c.segments.map((s) => [s.kind, s.from, s.to])).toEqual([
      ['stay', '2027-02-05', '2027-02-08'],
      ['booking', '2027-02-10', '2027-02-13'],
      ['booking', '2027-02-14', '2027-02-16'],
    ]);
    // Without an expected discharge a stay runs to the end of the window.
    expect(t.beds.find((b) => b.bedId === bed(ward, 'B'))!.segments.map((s) => [s.kind, s.to])).toEqual([['stay', '2027-02-19']]);
    const privateBed = t.beds.find((b) => b.bedId === bed(privateRoom, 'A'))!;
    expect(privateBed.segments).toEqual([]);
  });

  it("lists today's occupants by ward for the census", async () => {
    const census = await desk.ok('occupancy.census', { hospitalId: app.hospitalId });
    expect(census).toMatchObject({ date: '2027-02-05', hospitalName: 'Kampala General', timeZone: 'Africa/Kampala' });
    expect(census.rows.map((r) => [r.roomNumber, r.bedLabel, r.nights])).toEqual([
      ['101', 'B', 0],
      ['101', 'C', 0],
    ]);
  });
});

describe('the census PDF (prints the occupants the tests above admitted)', () => {
  it('prints today\'s occupants of the hospital, on A4 or US Letter, and the print is audited', async () => {
    const census = await desk.ok('occupancy.census', { hospitalId: app.hospitalId });
    for (const paper of ['A4', 'Letter'] as const) {
      const pdf = await desk.ok('occupancy.censusPdf', { hospitalId: app.hospitalId, paper });
      expect(pdf.fileName).toBe('bed-census-HMS-2027-02-05.pdf');
      const bytes = Buffer.from(pdf.pdfBase64, 'base64');
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(bytes);
      for (const r of census.rows) expect(text).toContain(r.patientName);
      expect(text).toContain('Kampala General');
      const { width, height } = pdfInfo(bytes);
      expect(`${Math.floor(width)} x ${Math.floor(height)}`).toBe(paper === 'A4' ? '595 x 841' : '612 x 792');
    }
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE action = 'census.print'");
    expect(audit).toHaveLength(2);
  });
});

describe('daylight saving', () => {
  it('a New York stay from Saturday night to Monday morning across the clock change is two nights', async () => {
    await at(new Date('2027-03-13T22:00:00-05:00'));
    const hr = await app.signedIn(['hr'], { allHospitals: true });
    const nyDoctor = await doctor(hr, nycId, { firstName: 'Ann', lastName: 'Smith' });
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: nycId, name: '4 West', level: 4 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '4W-12', roomType: 'semi_private', dailyRate: 95_000, beds: 2 });
    const p = await patient(desk, app.hospitalId);
    const s = await nurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: nyDoctor.id, reason: 'Chest pain' });
    await at(new Date('2027-03-15T09:00:00-04:00'));
    const out = await nurse.ok('admissions.discharge', { stayId: s.id });
    expect(out.charges.map((c) => [c.quantity, c.amount, c.currency, c.serviceDate])).toEqual([[2, 190_000, 'USD', '2027-03-15']]);
  });
});
