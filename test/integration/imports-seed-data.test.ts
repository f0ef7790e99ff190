// The source projects' own CSV files (../shared/seed-data), imported as they are, faults included: what cannot be used
// is reported (row, column, value, why) and what can is imported; importing them again creates nothing new.
//
// Order: seed 000's doctors, then patients, then the appointments that name both; seed 001's staff, then doctor.csv
// and adminstaff.csv (which name staff ids), then the rooms. All into Kampala General (country UG).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '@shared/contract';
import { startTestApp, type TestApp } from '../support/app';

const SEEDS = resolve(import.meta.dirname, '../../../shared/seed-data');
const S000 = '000_2de930d3db3a21b7';
const S001 = '001_61d6cebc3ddbd386';
const file = (path: string) => readFileSync(resolve(SEEDS, path), 'utf8');

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

type Kind = Input<'import.preview'>['kind'];
const input = (kind: Kind, path: string, more: Partial<Input<'import.preview'>> = {}): Input<'import.preview'> => ({
  hospitalId: app.hospitalId,
  kind,
  csv: file(path),
  fileName: path.split('/').pop()!,
  ...more,
});
const preview = (kind: Kind, path: string, more: Partial<Input<'import.preview'>> = {}) => app.admin.ok('import.preview', input(kind, path, more));
const commit = (kind: Kind, path: string, more: Partial<Input<'import.preview'>> = {}) => app.admin.ok('import.commit', input(kind, path, more));
const lines = (p: Output<'import.preview'>) => p.problems.map((x) => `${x.severity} row ${x.row} ${x.column}=${x.value}: ${x.message}`);
const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);

const UG_PHONE = 'Not a valid number for UG; expected 0772123456 or +256772123456.';

describe('seed 000: a MySQL hospital in Uganda', () => {
  it('doctors_data.csv: 15 doctors; the 3 departments it names are created when asked; 10 doctors share one phone (a warning)', async () => {
    const p = await preview('doctors', `${S000}/doctors_data.csv`);
    expect(p.mappingSource).toBe('proposed');
    expect(p.mapping).toEqual({
      externalId: 'DoctorID', firstName: 'FirstName', lastName: 'LastName', specialization: 'Specialization', department: 'Department', phone: 'Phone',
      email: null, licenceNumber: null, consultationFee: null, hireDate: null,
    });
    expect(p.unusedColumns).toEqual([{ column: 'Gender', reason: 'a staff record keeps no sex' }]);
    expect(p.missing).toEqual({ departments: ['Internal Medicine', 'Surgery', 'Childrens Health'], specializations: ['Cardiology', 'Orthopedics', 'Pediatrics'], floors: [] });
    // Without "create missing": every row naming a missing department or specialization is an error.
    expect(p.errorCount).toBe(30);
    expect(lines(p)[0]).toBe('error row 2 Department=Internal Medicine: Kampala General has no department "Internal Medicine": tick "create missing departments" to create it.');
    expect(p.canCommit).toBe(false);
    await app.admin.fails('import.commit', input('doctors', `${S000}/doctors_data.csv`), 'VALIDATION');

    const ok = await preview('doctors', `${S000}/doctors_data.csv`, { createMissing: true });
    expect(ok.errorCount).toBe(0);
    expect(ok.summary).toEqual({ create: 15, alreadyImported: 0, duplicatesInFile: 0, duplicatesInDatabase: 0, sharedPhones: [{ phone: '+256787621328', rows: 10 }] });
    expect(lines(ok)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16].map((r) => `warning row ${r} Phone=+256787621328: 10 rows share this phone number (first on row 7).`));
    expect(ok.assumptions).toEqual([
      "No licence number column: each doctor gets a placeholder licence number 'IMPORT-<hospital>-<staff id>' to be replaced in Staff.",
      'No consultation fee (minor units) column: the consultation fee is 0.',
      'No hire date column: the hire date is the day of the import.',
    ]);
    expect(ok.sample[0]).toMatchObject({ row: 2, externalId: 'HMS/DOC/001', firstName: 'Alice', lastName: 'Heart', specialization: 'Cardiology', department: 'Internal Medicine', phone: '+256774324354' });

    const done = await commit('doctors', `${S000}/doctors_data.csv`, { createMissing: true });
    expect(done).toMatchObject({ kind: 'doctors', created: { departments: 3, staff: 15, doctors: 15 }, alreadyImported: 0, warningCount: 9 });
    const [alice] = await app.db.sql<{ specialization: string; licence_number: string; department: string; phone: string }>(
      "SELECT d.specialization, d.licence_number, dep.name AS department, s.phone FROM staff s JOIN doctors d ON d.staff_id = s.id JOIN departments dep ON dep.id = s.department_id WHERE s.last_name = 'Heart'",
    );
    expect(alice).toEqual({ specialization: 'Cardiology', licence_number: expect.stringMatching(/^IMPORT-\d+-\d+$/), department: 'Internal Medicine', phone: '+256774324354' });
  });

  it('patients_data.csv: 56 patients; 50 share one phone, which registration would question: imported once confirmed', async () => {
    const p = await preview('patients', `${S000}/patients_data.csv`);
    expect(p.mapping).toEqual({
      externalId: 'PatientID', firstName: 'FirstName', middleName: null, lastName: 'LastName', dateOfBirth: 'DateOfBirth', sex: 'Gender', phone: 'Phone',
      email: null, addressLine: null, city: null, region: null, nationalId: null,
    });
    expect(p.dateFormat).toBe('YYYY-MM-DD');
    expect(p.dateFormatsPossible).toEqual(['YYYY-MM-DD']);
    expect(p.unusedColumns).toEqual([]);
    expect(p.summary).toEqual({ create: 7, alreadyImported: 0, duplicatesInFile: 49, duplicatesInDatabase: 0, sharedPhones: [{ phone: '+256787621328', rows: 50 }] });
    expect(p.errorCount).toBe(49);
    const lead = 'Possible duplicate of row 8, Jared Pruitt (same phone).';
    expect(lines(p)).toEqual(Array.from({ length: 49 }, (_, k) => `error row ${k + 9} Phone=+256787621328: ${lead} Registration would ask whether this is a different person: confirm that these are different people to import.`));

    const confirmed = await preview('patients', `${S000}/patients_data.csv`, { acknowledgeDuplicates: true });
    expect(confirmed.errorCount).toBe(0);
    expect(confirmed.warningCount).toBe(49);
    expect(confirmed.summary.create).toBe(56);
    expect(confirmed.sample[0]).toEqual({ row: 2, externalId: 'HMS/001', firstName: 'Senwa', middleName: null, lastName: 'David', dateOfBirth: '1980-05-15', sex: 'male', phone: '+256774123456', email: null, addressLine: null, city: null, region: null, nationalId: null });
    const done = await commit('patients', `${S000}/patients_data.csv`, { acknowledgeDuplicates: true });
    expect(done.created).toEqual({ patients: 56 });
    expect(await count('SELECT COUNT(*) AS n FROM patients')).toBe(56);
  });

  it('appointments_data.csv: 19 past visits known by their day, naming patients and doctors by their ids', async () => {
    const p = await preview('appointments', `${S000}/appointments_data.csv`);
    expect(p.mapping).toEqual({ externalId: 'AppointmentID', patientRef: 'PatientID', doctorRef: 'DoctorID', date: 'AppointmentDate', time: null, status: 'AppointmentStatus', reason: null });
    expect(p.errorCount).toBe(0);
    expect(p.summary.create).toBe(19);
    expect(p.assumptions).toEqual([
      'No time column: visits are kept as visits of that day, without a time (they take no slot).',
      '4 visits are still "scheduled" on a past day: kept as booked (the outcome is not in the file).',
    ]);
    const done = await commit('appointments', `${S000}/appointments_data.csv`);
    expect(done.created).toEqual({ appointments: 19 });
    const rows = await app.db.sql<{ status: string; n: number; day_only: number }>('SELECT status, day_only, COUNT(*) AS n FROM appointments GROUP BY status, day_only ORDER BY status');
    expect(rows.map((r) => [r.status, Number(r.day_only), Number(r.n)])).toEqual([
      ['booked', 1, 4],
      ['completed', 1, 7],
      ['cancelled', 1, 8],
    ]);
    // HMS/APPT/007: HMS/054 (Charles Bates) with HMS/DOC/013 (Thomas Salinas) on 2024-12-18, Scheduled.
    const [a7] = await app.db.sql<{ first_name: string; doctor: string; local_date: string; status: string; starts_at: Date; ends_at: Date }>(
      `SELECT p.first_name, s.last_name AS doctor, DATE_FORMAT(a.local_date, '%Y-%m-%d') AS local_date, a.status, a.starts_at, a.ends_at
         FROM import_refs r JOIN appointments a ON a.id = r.record_id JOIN patients p ON p.id = a.patient_id JOIN staff s ON s.id = a.doctor_id
        WHERE r.record_kind = 'appointment' AND r.external_id = 'HMS/APPT/007'`,
    );
    expect(a7).toMatchObject({ first_name: 'Charles', doctor: 'Salinas', local_date: '2024-12-18', status: 'booked' });
    // Local midnight in Kampala (UTC+3), lasting no time: no slot of the doctor is taken.
    expect(new Date(a7.starts_at).toISOString()).toBe('2024-12-17T21:00:00.000Z');
    expect(new Date(a7.ends_at).getTime()).toBe(new Date(a7.starts_at).getTime());
    const [ref] = await app.db.sql<{ record_id: number }>("SELECT record_id FROM import_refs WHERE record_kind = 'appointment' AND external_id = 'HMS/APPT/007'");
    const view = await app.admin.ok('appointments.get', { id: Number(ref.record_id) });
    expect(view).toMatchObject({ date: '2024-12-18', status: 'booked', dayOnly: true, patientName: 'Charles Bates', doctorName: expect.stringContaining('Salinas') });
  });

  it('importing the three files again creates nothing new', async () => {
    const before = await count('SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM staff) + (SELECT COUNT(*) FROM appointments) + (SELECT COUNT(*) FROM departments) AS n');
    for (const [kind, path, n] of [['doctors', 'doctors_data.csv', 15], ['patients', 'patients_data.csv', 56], ['appointments', 'appointments_data.csv', 19]] as const) {
      const p = await preview(kind, `${S000}/${path}`);
      expect(p.mappingSource).toBe('remembered');
      expect(p.errorCount).toBe(0);
      expect(p.summary).toMatchObject({ create: 0, alreadyImported: n });
      const again = await commit(kind, `${S000}/${path}`);
      expect(again).toMatchObject({ created: {}, alreadyImported: n });
    }
    expect(await count('SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM staff) + (SELECT COUNT(*) FROM appointments) + (SELECT COUNT(*) FROM departments) AS n')).toBe(before);
  });
});

describe('seed 001: the Chirona schema', () => {
  it('staff.csv: 20 staff; their 11-digit phones are not numbers of Uganda, and date of birth and sex have no place on a staff record', async () => {
    const p = await preview('staff', `${S001}/staff.csv`);
    expect(p.mapping).toEqual({
      externalId: 'StaffId', firstName: 'StaffFirstName', lastName: 'StaffLastName', staffRole: 'StaffRole', department: null, specialization: null,
      phone: 'StaffTelNo', email: 'StaffEmail', hireDate: null, contractedHours: null,
    });
    expect(p.unusedColumns).toEqual([
      { column: 'StaffDOB', reason: 'a staff record keeps no date of birth' },
      { column: 'StaffGender', reason: 'a staff record keeps no sex' },
    ]);
    expect(p.errorCount).toBe(20);
    expect(lines(p)).toEqual(Array.from({ length: 20 }, (_, k) => `error row ${k + 2} StaffTelNo=123456789${String(k + 1).padStart(2, '0')}: ${UG_PHONE}`));
    expect(p.summary.create).toBe(0);

    // Left out, the phone column is reported as such, and the rest imports ("LabScientist" reads as technician).
    const mapping = { ...p.mapping, phone: null };
    const ok = await preview('staff', `${S001}/staff.csv`, { mapping });
    expect(ok.errorCount).toBe(0);
    expect(ok.unusedColumns).toContainEqual({ column: 'StaffTelNo', reason: 'left out by you' });
    expect(ok.assumptions).toEqual([
      'No hire date column: the hire date is the day of the import.',
      'No contracted hours a week column: 40 contracted hours a week.',
      '4 doctors have no specialization in this file: recorded as "Not given" until a doctors file gives it.',
      `Doctors get a placeholder licence number "IMPORT-${app.hospitalId}-<staff id>" and a consultation fee of 0, to be completed in Staff.`,
    ]);
    const done = await commit('staff', `${S001}/staff.csv`, { mapping });
    expect(done.created).toEqual({ staff: 20, doctors: 4 });
    const roles = await app.db.sql<{ staff_role: string; n: number }>(
      "SELECT s.staff_role, COUNT(*) AS n FROM import_refs r JOIN staff s ON s.id = r.record_id WHERE r.record_kind = 'staff' GROUP BY s.staff_role ORDER BY s.staff_role",
    );
    expect(Object.fromEntries(roles.map((r) => [r.staff_role, Number(r.n)]))).toEqual({ doctor: 4, nurse: 5, admin: 4, technician: 3, pharmacist: 4 });
  });

  it('doctor.csv gives the four doctors imported with staff.csv their specialization (Neurology is new to the hospital)', async () => {
    const p = await preview('doctors', `${S001}/doctor.csv`);
    expect(p.mapping).toMatchObject({ externalId: 'DoctorId', specialization: 'Specialization', firstName: null, lastName: null });
    expect(p.missing.specializations).toEqual(['Neurology']);
    expect(lines(p)).toEqual(['error row 3 Specialization=Neurology: Kampala General has no doctor with the specialization "Neurology": tick "create missing departments and specializations" to create it.']);
    const done = await commit('doctors', `${S001}/doctor.csv`, { createMissing: true });
    expect(done).toMatchObject({ created: {}, updated: 4 });
    const specs = await app.db.sql<{ first_name: string; specialization: string }>(
      "SELECT s.first_name, d.specialization FROM import_refs r JOIN doctors d ON d.staff_id = r.record_id JOIN staff s ON s.id = d.staff_id WHERE r.record_kind = 'staff' ORDER BY s.id",
    );
    expect(specs.map((r) => `${r.first_name}: ${r.specialization}`)).toEqual(['John: Cardiology', 'Lisa: Neurology', 'Patricia: Pediatrics', 'William: Orthopedics']);
  });

  it('adminstaff.csv names staff imported before: nothing new; its user names are reported as not imported', async () => {
    const p = await preview('staff', `${S001}/adminstaff.csv`);
    expect(p.mapping.externalId).toBe('AdminId');
    expect(p.unusedColumns).toEqual([{ column: 'UserName', reason: 'sign-in accounts are not created by an import: create them under Users' }]);
    expect(p.summary).toMatchObject({ create: 0, alreadyImported: 4 });
    expect(p.problems).toEqual([]);
    expect(await commit('staff', `${S001}/adminstaff.csv`)).toMatchObject({ created: {}, alreadyImported: 4 });
  });

  it('room.csv: no availability column (rooms import available, and the preview says so); "specialized units" is no room type until given a meaning', async () => {
    const p = await preview('rooms', `${S001}/room.csv`);
    expect(p.mapping).toEqual({ externalId: 'RoomId', number: null, roomType: 'RoomType', floor: null, dailyRate: null, beds: null, state: null });
    expect(p.assumptions).toContain('No availability column: rooms and their beds are imported as available.');
    expect(p.unknownValues).toEqual([{ field: 'roomType', column: 'RoomType', values: ['specialized units'] }]);
    expect(lines(p)).toEqual(
      [5, 9, 13, 17, 21].map((r) => `error row ${r} RoomType=specialized units: "specialized units" is not a known room type: expected one of general_ward, semi_private, private, icu, isolation, operating_theatre, or give it a meaning.`),
    );
    const values = { roomType: { 'specialized units': 'icu' } };
    const ok = await preview('rooms', `${S001}/room.csv`, { values });
    expect(ok.errorCount).toBe(0);
    expect(ok.missing.floors).toEqual(['Ground floor']);
    expect(ok.assumptions).toEqual([
      "No room number column: the room number is the file's room id.",
      "No floor column: rooms go to the hospital's lowest floor (a floor 'Ground floor' is created when it has none).",
      'No daily rate (minor units) column: the daily rate is 0.',
      'No beds column: each room gets one bed (an operating theatre none).',
      'No availability column: rooms and their beds are imported as available.',
    ]);
    const done = await commit('rooms', `${S001}/room.csv`, { values });
    expect(done.created).toEqual({ floors: 1, rooms: 20, beds: 20 });
    const layout = await app.admin.ok('rooms.list', { hospitalId: app.hospitalId });
    const rooms = layout.floors.flatMap((f) => f.rooms);
    expect(rooms.map((r) => r.roomType).filter((t) => t === 'icu')).toHaveLength(5);
    expect(rooms.every((r) => r.state === 'available')).toBe(true);
    // The remembered mapping brings the value translation with it.
    const again = await preview('rooms', `${S001}/room.csv`);
    expect(again).toMatchObject({ mappingSource: 'remembered', errorCount: 0, summary: { create: 0, alreadyImported: 20 } });
  });
});
