// CSV import through the pipeline on MariaDB: each kind, each date format, duplicates in the file and against the
// database, all-or-nothing (an error anywhere, a failure halfway), importing again, remembered mappings, progress and
// cancel, scope and roles, and input that is no CSV at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '@shared/contract';
import { startTestApp, UGANDA, type TestApp } from '../support/app';
import { patient } from '../support/scheduling';

let app: TestApp;
let hospitalId: number;
beforeAll(async () => {
  app = await startTestApp();
  hospitalId = app.hospitalId;
});
afterAll(async () => app?.close());

type ImportIn = Input<'import.preview'>;
const preview = (csv: string, more: Partial<ImportIn> = {}) => app.admin.ok('import.preview', { hospitalId, kind: 'patients', csv, ...more });
const commit = (csv: string, more: Partial<ImportIn> = {}) => app.admin.ok('import.commit', { hospitalId, kind: 'patients', csv, ...more });
const lines = (p: Output<'import.preview'>) => p.problems.map((x) => `${x.severity} row ${x.row} ${x.column}=${x.value}: ${x.message}`);
const count = async (table: string) => Number((await app.db.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

/** Names nobody would take for one another (registration's similarity rule stays quiet). */
function name(i: number, salt: number): string {
  let x = (i * 7919 + salt * 104729) % 2147483647;
  let s = '';
  for (let k = 0; k < 8; k++) {
    x = (x * 48271) % 2147483647;
    s += String.fromCharCode(97 + (x % 26));
  }
  return s[0].toUpperCase() + s.slice(1);
}
const isoDay = (i: number) => new Date(Date.UTC(1950, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10);

/** n patients with their own phone, birth date and names; `tag` keeps files apart. */
function patientsCsv(n: number, tag: string, row: (i: number) => Partial<Record<'first' | 'dob' | 'phone', string>> = () => ({})): string {
  const out = ['PatientID,FirstName,LastName,DateOfBirth,Gender,Phone'];
  for (let i = 0; i < n; i++) {
    const r = row(i);
    out.push(`${tag}/${i},${r.first ?? name(i, tag.length * 31 + tag.charCodeAt(0))},${name(i, 7 + tag.charCodeAt(tag.length - 1))},${r.dob ?? isoDay(i)},${i % 2 ? 'Female' : 'Male'},${r.phone ?? `075${String(i).padStart(7, '0')}`}`);
  }
  return out.join('\r\n');
}

describe('patients', () => {
  it('each declared date format; a 13 in the month position is an error, and an ambiguous file must be declared', async () => {
    const dmy = 'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone\nD/1,Achieng,Odhiambo,25/12/1990,F,0772000101\nD/2,Mugisha,Ssali,03/04/1985,M,0772000102\n';
    const p1 = await preview(dmy);
    expect(p1).toMatchObject({ dateFormat: 'DD/MM/YYYY', dateFormatDetected: true, dateFormatsPossible: ['DD/MM/YYYY'], errorCount: 0 });
    expect(p1.sample.map((r) => r.dateOfBirth)).toEqual(['1990-12-25', '1985-04-03']);

    const mdy = 'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone\nM/1,Nakato,Babirye,12/25/1990,F,0772000201\nM/2,Okot,Opio,04/03/1985,M,0772000202\n';
    const p2 = await preview(mdy);
    expect(p2).toMatchObject({ dateFormat: 'MM/DD/YYYY', errorCount: 0 });
    expect(p2.sample.map((r) => r.dateOfBirth)).toEqual(['1990-12-25', '1985-04-03']);
    // Declared otherwise, the 25 in the month position is an error on its row, not a guess.
    const wrong = await preview(mdy, { dateFormat: 'DD/MM/YYYY' });
    expect(lines(wrong)).toEqual(['error row 2 DateOfBirth=12/25/1990: 25 is not a month: dates are declared DD/MM/YYYY, which puts the month second.']);
    const thirteen = await preview('FirstName,LastName,DateOfBirth,Phone\nAma,Kato,13/01/2000,0772000301\n', { dateFormat: 'MM/DD/YYYY' });
    expect(lines(thirteen)).toEqual(['error row 2 DateOfBirth=13/01/2000: 13 is not a month: dates are declared MM/DD/YYYY, which puts the month first.']);

    const ambiguous = 'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone\nA/1,Apio,Auma,03/04/1990,F,0772000401\n';
    const p3 = await preview(ambiguous);
    expect(p3).toMatchObject({ dateFormat: null, dateFormatsPossible: ['DD/MM/YYYY', 'MM/DD/YYYY'], canCommit: false });
    expect(lines(p3)[0]).toBe('error row 0 DateOfBirth=03/04/1990: Every date of the file reads as DD/MM/YYYY and as MM/DD/YYYY: declare the file\'s date format.');
    expect((await preview(ambiguous, { dateFormat: 'MM/DD/YYYY' })).sample[0].dateOfBirth).toBe('1990-03-04');

    const iso = 'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone\nI/1,Wasswa,Kizza,1990-02-29,M,0772000501\nI/2,Nambi,Kyomu,2990-01-01,F,0772000502\n';
    expect(lines(await preview(iso))).toEqual([
      'error row 2 DateOfBirth=1990-02-29: No such date: February 1990 has no day 29.',
      'error row 3 DateOfBirth=2990-01-01: The date of birth is in the future.',
    ]);

    expect((await commit(dmy)).created).toEqual({ patients: 2 });
    expect((await commit(mdy)).created).toEqual({ patients: 2 });
  });

  it('phones are normalised for the hospital country and every row with every problem is listed', async () => {
    const csv = [
      'PatientID;FirstName;LastName;DateOfBirth;Gender;Phone;Email',
      'P/1;Sarah;Namutebi;1991-01-02;female;0772 123 400;sarah@example.com',
      'P/2;;Okello;1991-01-03;male;+256 772 123 401;',
      'P/3;Joseph;Kiggundu;1991-01-04;robot;12345;not-an-email',
    ].join('\n');
    const p = await preview(csv);
    expect(p.delimiter).toBe(';');
    expect(lines(p)).toEqual([
      'error row 3 FirstName=: First name is required.',
      'error row 4 Gender=robot: "robot" is not a known sex: expected one of female, male, other, unknown, or give it a meaning.',
      'error row 4 Phone=12345: Not a valid number for UG; expected 0772123456 or +256772123456.',
      'error row 4 Email=not-an-email: Not an e-mail address.',
    ]);
    expect(p.sample).toEqual([expect.objectContaining({ row: 2, phone: '+256772123400', sex: 'female', email: 'sarah@example.com' })]);
    expect(p.unknownValues).toEqual([{ field: 'sex', column: 'Gender', values: ['robot'] }]);
    // A file with any error imports nothing.
    const before = await count('patients');
    const refused = await app.admin.fails('import.commit', { hospitalId, kind: 'patients', csv }, 'VALIDATION');
    expect(refused.message).toBe('The file has 4 problems to fix: nothing was imported.');
    expect((refused.details as { preview: Output<'import.preview'> }).preview.errorCount).toBe(4);
    expect(await count('patients')).toBe(before);
  });

  it('duplicates: in the file and against registered patients, by the rules registration uses', async () => {
    const registered = await patient(await app.signedIn(['front_desk']), hospitalId, { firstName: 'Grace', lastName: 'Akello', dateOfBirth: '1977-07-07', phone: '0772555001' });
    const csv = [
      'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone',
      'Q/1,Grace,Akelo,1977-07-07,F,0772555999', // similar name, same birth date as the registered patient
      'Q/2,Peter,Mukasa,1980-01-01,M,0772555001', // the registered patient's phone
      'Q/3,Rose,Nabukenya,1985-05-05,F,0772555100',
      'Q/4,Rosa,Nabukenya,1985-05-05,F,0772555101', // like row 4, same birth date
      'Q/5,Tom,Odongo,1990-09-09,M,0772555100', // row 4's phone
    ].join('\n');
    const p = await preview(csv);
    expect(p.summary).toMatchObject({ create: 1, duplicatesInFile: 2, duplicatesInDatabase: 2 });
    const tail = ' Registration would ask whether this is a different person: confirm that these are different people to import.';
    expect(lines(p)).toEqual([
      `error row 2 DateOfBirth=1977-07-07: Possible duplicate of the registered patient Grace Akello (same date of birth and similar name).${tail}`,
      `error row 3 Phone=+256772555001: Possible duplicate of the registered patient ${registered.firstName} ${registered.lastName} (same phone).${tail}`,
      `error row 5 DateOfBirth=1985-05-05: Possible duplicate of row 4, Rose Nabukenya (same date of birth and similar name).${tail}`,
      `error row 6 Phone=+256772555100: Possible duplicate of row 4, Rose Nabukenya (same phone).${tail}`,
    ]);
    const ok = await preview(csv, { acknowledgeDuplicates: true });
    expect(ok).toMatchObject({ errorCount: 0, warningCount: 4, summary: { create: 5 } });
    expect((await commit(csv, { acknowledgeDuplicates: true })).created).toEqual({ patients: 5 });
    // The same id twice in one file is an error.
    expect(lines(await preview('PatientID,FirstName,LastName,DateOfBirth,Phone\nZ/1,Ann,Obbo,1970-01-01,0772555201\nz/1,Ben,Ojok,1971-01-01,0772555202\n'))).toEqual([
      'error row 3 PatientID=z/1: The id z/1 is also on row 2.',
    ]);
  });

  it('importing the same file again creates nothing new; the mapping is remembered for the file shape', async () => {
    const csv = 'Ref No|Given|Family|Born|Sex|Mobile\nR/1|Irene|Atim|1960-03-03|F|0772666001\nR/2|Paul|Lubega|1961-04-04|M|0772666002\n';
    const proposed = await preview(csv);
    expect(proposed).toMatchObject({ delimiter: '|', mappingSource: 'proposed' });
    expect(proposed.mapping).toMatchObject({ externalId: 'Ref No', firstName: 'Given', lastName: 'Family', dateOfBirth: 'Born', sex: 'Sex', phone: 'Mobile' });
    // The administrator maps the names the other way round.
    const mapping = { ...proposed.mapping, firstName: 'Family', lastName: 'Given' };
    const done = await commit(csv, { mapping, fileName: 'ref.csv' });
    expect(done.created).toEqual({ patients: 2 });
    const again = await preview(csv);
    expect(again).toMatchObject({ mappingSource: 'remembered', mapping: { firstName: 'Family', lastName: 'Given' }, summary: { create: 0, alreadyImported: 2 } });
    const before = await count('patients');
    expect(await commit(csv)).toMatchObject({ created: {}, alreadyImported: 2 });
    expect(await count('patients')).toBe(before);
    const history = await app.admin.ok('import.history', { hospitalId });
    expect(history.items[1]).toMatchObject({ kind: 'patients', fileName: 'ref.csv', rows: 2, created: 2, alreadyImported: 0, importedBy: 'admin' });
    expect(history.items[0]).toMatchObject({ created: 0, alreadyImported: 2 });
    const [p] = await app.db.sql<{ first_name: string; last_name: string }>("SELECT p.first_name, p.last_name FROM import_refs r JOIN patients p ON p.id = r.record_id WHERE r.external_id = 'R/1'");
    expect(p).toEqual({ first_name: 'Atim', last_name: 'Irene' });
  });
});

describe('staff, doctors, rooms and appointments', () => {
  it('staff: departments the hospital lacks are errors until the administrator asks to create them', async () => {
    const csv = 'EmployeeID,First Name,Last Name,Job Title,Department,Hire Date,Hours\nE/1,Ruth,Nansubuga,Receptionist,Front Office,2020-01-06,40\nE/2,Ivan,Mwesigwa,Porter,Front Office,2019-02-01,45\nE/3,Dan,Kato,Astronaut,,2019-02-01,90\n';
    const p = await app.admin.ok('import.preview', { hospitalId, kind: 'staff', csv });
    expect(p.missing.departments).toEqual(['Front Office']);
    expect(lines(p)).toEqual([
      'error row 2 Department=Front Office: Kampala General has no department "Front Office": tick "create missing departments" to create it.',
      'error row 3 Department=Front Office: Kampala General has no department "Front Office": tick "create missing departments" to create it.',
      'error row 4 Job Title=Astronaut: "Astronaut" is not a known role: expected one of doctor, nurse, front_desk, billing, hr, manager, admin, technician, pharmacist, support, or give it a meaning.',
    ]);
    const csv2 = csv.replace('E/3,Dan,Kato,Astronaut,,2019-02-01,90\n', '');
    const done = await app.admin.ok('import.commit', { hospitalId, kind: 'staff', csv: csv2, createMissing: true });
    expect(done.created).toEqual({ departments: 1, staff: 2 });
    const staff = await app.db.sql<{ staff_role: string; department: string; hire_date: string; contracted_hours: number; employee_number: string }>(
      "SELECT s.staff_role, d.name AS department, DATE_FORMAT(s.hire_date, '%Y-%m-%d') AS hire_date, s.contracted_hours, s.employee_number FROM import_refs r JOIN staff s ON s.id = r.record_id JOIN departments d ON d.id = s.department_id WHERE r.record_kind = 'staff' AND r.external_id LIKE 'E/%' ORDER BY r.external_id",
    );
    expect(staff).toEqual([
      { staff_role: 'front_desk', department: 'Front Office', hire_date: '2020-01-06', contracted_hours: 40, employee_number: expect.stringMatching(/^HMS-\d{5}$/) },
      { staff_role: 'support', department: 'Front Office', hire_date: '2019-02-01', contracted_hours: 45, employee_number: expect.stringMatching(/^HMS-\d{5}$/) },
    ]);
  });

  it('rooms and beds with floors, bed counts and availability', async () => {
    const csv = 'Room No,Type,Floor,Beds,Rate,Available\nW-101,General ward,First floor,4,40000,yes\nW-102,Private room,First floor,1,90000,no\nOT-1,Theatre,Second floor,0,0,yes\nW-103,ICU,First floor,0,1,yes\n';
    const p = await app.admin.ok('import.preview', { hospitalId, kind: 'rooms', csv, createMissing: true });
    expect(p.mapping).toMatchObject({ number: 'Room No', roomType: 'Type', floor: 'Floor', beds: 'Beds', dailyRate: 'Rate', state: 'Available' });
    expect(lines(p)).toEqual(['error row 5 Beds=0: A ward room needs at least one bed.']);
    const done = await app.admin.ok('import.commit', { hospitalId, kind: 'rooms', csv: csv.replace('W-103,ICU,First floor,0,1,yes\n', ''), createMissing: true });
    expect(done.created).toEqual({ floors: 2, rooms: 3, beds: 5 });
    const layout = await app.admin.ok('rooms.list', { hospitalId });
    const rooms = layout.floors.flatMap((f) => f.rooms.map((r) => ({ floor: f.name, number: r.number, type: r.roomType, state: r.state, beds: r.beds.map((b) => b.label).join('') })));
    expect(rooms.filter((r) => r.number !== undefined && /^(W-|OT-)/.test(r.number))).toEqual([
      { floor: 'First floor', number: 'W-101', type: 'general_ward', state: 'available', beds: 'ABCD' },
      { floor: 'First floor', number: 'W-102', type: 'private', state: 'out_of_service', beds: 'A' },
      { floor: 'Second floor', number: 'OT-1', type: 'operating_theatre', state: 'available', beds: '' },
    ]);
    // Room numbers are unique in the hospital.
    expect(lines(await app.admin.ok('import.preview', { hospitalId, kind: 'rooms', csv: 'Room No,Type\nW-101,private\n' }))).toEqual(['error row 2 Room No=W-101: Kampala General already has a room W-101.']);
  });

  it('doctors and past appointments, with and without a time; a future date and unknown references are errors', async () => {
    await app.admin.ok('import.commit', {
      hospitalId,
      kind: 'doctors',
      csv: 'DoctorID,FirstName,LastName,Specialization,Department,Licence No,Fee\nT/D1,Moses,Ochieng,Family Medicine,Outpatients,UMDPC-T1,30000\n',
      createMissing: true,
    });
    const twice = await app.admin.ok('import.preview', {
      hospitalId,
      kind: 'doctors',
      csv: 'DoctorID,FirstName,LastName,Specialization,Licence No\nT/D2,Ann,Apio,Family Medicine,UMDPC-T1\nT/D3,Bo,Okot,Family Medicine,UMDPC-T3\nT/D4,Cy,Odoi,Family Medicine,umdpc-t3\n',
    });
    expect(lines(twice)).toEqual([
      'error row 2 Licence No=UMDPC-T1: Another doctor already has that licence number.',
      'error row 4 Licence No=umdpc-t3: The licence number is also on row 3.',
    ]);
    await commit('PatientID,FirstName,LastName,DateOfBirth,Phone\nT/P1,Joan,Nalwoga,1988-08-08,0772777001\n');
    const csv = [
      'VisitID,PatientID,DoctorID,Date,Time,Status,Reason',
      'T/A1,T/P1,T/D1,15/03/2024,10:30,Completed,Review',
      'T/A2,T/P1,T/D1,16/03/2024,,No show,',
      'T/A3,T/P9,T/D1,17/03/2024,,Completed,',
      'T/A4,T/P1,T/D9,18/03/2024,,Completed,',
      'T/A5,T/P1,T/D1,01/01/2999,,Scheduled,',
    ].join('\n');
    const p = await app.admin.ok('import.preview', { hospitalId, kind: 'appointments', csv, dateFormat: 'DD/MM/YYYY' });
    expect(p.mapping).toMatchObject({ externalId: 'VisitID', patientRef: 'PatientID', doctorRef: 'DoctorID', date: 'Date', time: 'Time', status: 'Status', reason: 'Reason' });
    expect(lines(p)).toEqual([
      'error row 4 PatientID=T/P9: No patient was imported under the id T/P9 and no patient has that number: import the patients file first.',
      'error row 5 DoctorID=T/D9: No doctor was imported under the id T/D9: import the doctors file first.',
      expect.stringMatching(/^error row 6 Date=2999-01-01: After today \(\d{4}-\d{2}-\d{2}\): only past appointments are imported; book future ones in Appointments\.$/),
    ]);
    const good = csv.split('\n').slice(0, 3).join('\n');
    const done = await app.admin.ok('import.commit', { hospitalId, kind: 'appointments', csv: good, dateFormat: 'DD/MM/YYYY' });
    expect(done.created).toEqual({ appointments: 2 });
    const rows = await app.db.sql<{ status: string; day_only: number; starts_at: Date; ends_at: Date; reason: string | null; department: string }>(
      `SELECT a.status, a.day_only, a.starts_at, a.ends_at, a.reason, d.name AS department FROM import_refs r JOIN appointments a ON a.id = r.record_id
         JOIN departments d ON d.id = a.department_id WHERE r.record_kind = 'appointment' AND r.external_id LIKE 'T/A%' ORDER BY r.external_id`,
    );
    expect(rows.map((r) => ({ ...r, starts_at: new Date(r.starts_at).toISOString(), ends_at: new Date(r.ends_at).toISOString() }))).toEqual([
      // 10:30 in Kampala (UTC+3) for the doctor's slot length (15 minutes).
      { status: 'completed', day_only: 0, starts_at: '2024-03-15T07:30:00.000Z', ends_at: '2024-03-15T07:45:00.000Z', reason: 'Review', department: 'Outpatients' },
      { status: 'no_show', day_only: 1, starts_at: '2024-03-15T21:00:00.000Z', ends_at: '2024-03-15T21:00:00.000Z', reason: null, department: 'Outpatients' },
    ]);
  });
});

describe('the dry run and the commit', () => {
  it('the commit checks the file again when a patient was registered at another desk after the preview', async () => {
    const csv = 'PatientID,FirstName,LastName,DateOfBirth,Phone\nX/1,Harriet,Kemigisha,1969-06-06,0772999101\n';
    expect((await preview(csv)).canCommit).toBe(true);
    const desk = await app.signedIn(['front_desk']);
    await patient(desk, hospitalId, { firstName: 'Harriet', lastName: 'Kemigisha', dateOfBirth: '1969-06-06', phone: '0772999102' });
    const refused = await app.admin.fails('import.commit', { hospitalId, kind: 'patients', csv }, 'VALIDATION');
    expect((refused.details as { preview: Output<'import.preview'> }).preview.summary.duplicatesInDatabase).toBe(1);
    // Previewed again with nothing changed since, the commit imports.
    expect((await preview(csv, { acknowledgeDuplicates: true })).canCommit).toBe(true);
    expect((await commit(csv, { acknowledgeDuplicates: true })).created).toEqual({ patients: 1 });
  });
});

describe('all or nothing', () => {
  it('a failure halfway through the writing rolls everything back', async () => {
    const before = { patients: await count('patients'), refs: await count('import_refs'), batches: await count('import_batches') };
    const [seq] = await app.db.sql<{ next_value: number }>("SELECT next_value FROM number_sequences WHERE scope_key LIKE 'patient:%'");
    await app.db.sql("CREATE TRIGGER boom BEFORE INSERT ON patients FOR EACH ROW BEGIN IF NEW.first_name = 'Boom' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END");
    try {
      // 2,500 rows are written 1,000 at a time: the third statement fails after two succeeded.
      const csv = patientsCsv(2500, 'BOOM', (i) => (i === 2400 ? { first: 'Boom' } : {}));
      expect((await preview(csv)).errorCount).toBe(0);
      const failed = await app.admin.fails('import.commit', { hospitalId, kind: 'patients', csv }, 'INTERNAL');
      expect(failed.message).toMatch(/not completed/);
    } finally {
      await app.db.sql('DROP TRIGGER boom');
    }
    expect({ patients: await count('patients'), refs: await count('import_refs'), batches: await count('import_batches') }).toEqual(before);
    const [after] = await app.db.sql<{ next_value: number }>("SELECT next_value FROM number_sequences WHERE scope_key LIKE 'patient:%'");
    expect(Number(after.next_value)).toBe(Number(seq.next_value));
  });
});

describe('big files: progress and cancel', () => {
  it('reports progress while checking and writing, and a cancel before the commit ends writes nothing', async () => {
    const csv = patientsCsv(12_000, 'BIG');
    const events: { jobId: string; phase: string; done: number; total: number }[] = [];
    let cancelAsked: Promise<unknown> | null = null;
    const stop = app.runtime.events.subscribe((name, payload) => {
      if (name !== 'import.progress') return;
      const e = payload as (typeof events)[number];
      events.push(e);
      if (e.jobId === 'job-cancel' && e.phase === 'writing' && e.done >= 3000 && !cancelAsked) cancelAsked = app.admin.ok('import.cancel', { jobId: 'job-cancel' });
    });
    try {
      const p = await preview(csv, { jobId: 'job-preview' });
      expect(p.summary.create).toBe(12_000);
      const checking = events.filter((e) => e.jobId === 'job-preview');
      expect(checking[0]).toEqual({ jobId: 'job-preview', phase: 'checking', done: 0, total: 12_000 });
      expect(checking.at(-1)).toEqual({ jobId: 'job-preview', phase: 'checking', done: 12_000, total: 12_000 });

      const before = await count('patients');
      const refused = await app.admin.fails('import.commit', { hospitalId, kind: 'patients', csv, jobId: 'job-cancel' }, 'CONFLICT');
      expect(refused.message).toBe('The import was cancelled: nothing was imported.');
      expect(await cancelAsked).toEqual({ cancelled: true });
      expect(await count('patients')).toBe(before);
      // Nobody else's job, and no job that has ended, can be cancelled.
      expect(await app.admin.ok('import.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: false });

      // A Cancel that overtakes its commit (a big file is still on its way to main) stops the commit when it begins.
      expect(await app.admin.ok('import.cancel', { jobId: 'job-early' })).toEqual({ cancelled: true });
      const early = await app.admin.fails('import.commit', { hospitalId, kind: 'patients', csv, jobId: 'job-early' }, 'CONFLICT');
      expect(early.message).toBe('The import was cancelled: nothing was imported.');
      expect(await count('patients')).toBe(before);
      // Another user's early cancel of a job id is not the owner's: the owner's commit of that id goes on.
      const other = await app.signedIn(['admin'], { hospitalIds: [hospitalId] });
      expect(await other.ok('import.cancel', { jobId: 'job-commit' })).toEqual({ cancelled: true });

      const done = await commit(csv, { jobId: 'job-commit' });
      expect(done.created).toEqual({ patients: 12_000 });
      const writing = events.filter((e) => e.jobId === 'job-commit' && e.phase === 'writing');
      expect(writing.at(-1)).toEqual({ jobId: 'job-commit', phase: 'writing', done: 12_000, total: 12_000 });
      expect(writing.length).toBeGreaterThan(10);
    } finally {
      stop();
    }
  });
});

describe('who may import, and what', () => {
  it('only administrators; only at hospitals in their scope', async () => {
    const desk = await app.signedIn(['front_desk', 'manager']);
    await desk.fails('import.preview', { hospitalId, kind: 'patients', csv: 'a\n1' }, 'FORBIDDEN');
    await desk.fails('import.commit', { hospitalId, kind: 'patients', csv: 'a\n1' }, 'FORBIDDEN');
    await desk.fails('import.history', {}, 'FORBIDDEN');
    const boston = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD' });
    const kampalaAdmin = await app.signedIn(['admin'], { hospitalIds: [hospitalId] });
    const csv = 'PatientID,FirstName,LastName,DateOfBirth,Phone\nS/1,Ann,Obbo,1970-01-01,0772888001\n';
    await kampalaAdmin.fails('import.preview', { hospitalId: boston.id, kind: 'patients', csv }, 'FORBIDDEN');
    await kampalaAdmin.fails('import.commit', { hospitalId: boston.id, kind: 'patients', csv }, 'FORBIDDEN');
    await kampalaAdmin.fails('import.history', { hospitalId: boston.id }, 'FORBIDDEN');
    // Ids are kept per hospital: the same file at Boston is new there, and its phones are read as American.
    const atBoston = await app.admin.ok('import.preview', { hospitalId: boston.id, kind: 'patients', csv: csv.replace('0772888001', '(617) 555-0142') });
    expect(atBoston).toMatchObject({ errorCount: 0, summary: { create: 1, alreadyImported: 0 } });
    expect(atBoston.sample[0].phone).toBe('+16175550142');
    expect((await kampalaAdmin.ok('import.history', {})).items.every((b) => b.hospitalId === hospitalId)).toBe(true);
  });

  it('refuses input that is no CSV, empty, oversized or malformed, without a crash', async () => {
    await app.admin.fails('import.preview', { hospitalId, kind: 'patients', csv: '' }, 'VALIDATION');
    await app.admin.fails('import.preview', { hospitalId, kind: 'invoices', csv: 'a' }, 'VALIDATION');
    await app.admin.fails('import.preview', { hospitalId, kind: 'patients', csv: 'x'.repeat(40_000_001) }, 'VALIDATION');
    await app.admin.fails('import.preview', { hospitalId, kind: 'patients', csv: 'a\n1', mapping: { firstName: 'x'.repeat(500) } }, 'VALIDATION');
    await app.admin.fails('import.preview', { hospitalId: 999_999, kind: 'patients', csv: 'a\n1' }, 'NOT_FOUND');

    const garbage = await preview('\u0000\u0001\u0002PK\u0003\u0004\u0014\u0000\u0008\u0000"never closed\n\u00ff\u00fe');
    expect(garbage.canCommit).toBe(false);
    expect(garbage.errorCount).toBeGreaterThan(0);
    const headerOnly = await preview('PatientID,FirstName,LastName,DateOfBirth,Phone\r\n');
    expect(headerOnly).toMatchObject({ rows: 0, errorCount: 0, summary: { create: 0 } });
    expect(lines(await preview('FirstName,LastName,DateOfBirth,Phone\nAnn,Obbo,1970-01-01\nBen,Ojok,1971-01-01,0772888101,extra\n'))).toEqual([
      'error row 2 null=null: The row has 3 fields but the header names 4 columns.',
      'error row 3 null=null: The row has 5 fields but the header names 4 columns.',
    ]);
    expect(lines(await preview('Shoe size,Hat\n42,big\n'))).toEqual([
      'error row 0 null=null: No column is mapped to first name, which patients need.',
      'error row 0 null=null: No column is mapped to last name, which patients need.',
      'error row 0 null=null: No column is mapped to date of birth, which patients need.',
      'error row 0 null=null: No column is mapped to phone, which patients need.',
    ]);
    expect(lines(await preview('FirstName,LastName\nAnn,Obbo\n', { mapping: { firstName: 'FirstName', lastName: 'Nope', height: 'FirstName' } }))).toContain(
      'error row 0 Nope=null: The file has no column "Nope" (mapped to lastName).',
    );
  });
});
