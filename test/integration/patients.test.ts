import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '@shared/contract';
import type { QueryRunner } from 'typeorm';
import { SearchNameLetters1765900000000 } from '../../src-main/db/migrations/1765900000000-SearchNameLetters';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let desk: Desk;
let indiaId: number;
let usId: number;

beforeAll(async () => {
  app = await startTestApp();
  desk = await app.signedIn(['front_desk']);
  indiaId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'DEL', name: 'Delhi Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', patientNumberFormat: 'DEL-{yyyy}-{seq:5}' })).id;
  usId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })).id;
});
afterAll(async () => app?.close());

let n = 0;
/** A new person each time: unique names, birth dates and phones keep the duplicate check quiet. */
function person(over: Partial<Input<'patients.register'>> = {}): Input<'patients.register'> {
  n++;
  return {
    hospitalId: app.hospitalId,
    firstName: `Given${String.fromCharCode(97 + (n % 26))}${n}`,
    lastName: `Family${n}`,
    dateOfBirth: `19${50 + (n % 49)}-0${1 + (n % 9)}-1${n % 9}`,
    sex: 'female',
    phone: `0772${String(100000 + n).padStart(6, '0')}`,
    ...over,
  };
}

const FULL: Partial<Input<'patients.register'>> = {
  firstName: 'Nakato',
  middleName: 'Grace',
  lastName: 'Ssebunya',
  dateOfBirth: '1990-04-12',
  sex: 'female',
  phone: '0772 123 456',
  email: 'nakato@example.ug',
  addressLine: 'Plot 12, Kira Road',
  city: 'Kampala',
  region: 'Central',
  postalCode: '00256',
  nationalId: 'CM90012345ABCD',
  nextOfKinName: 'Mukasa Ssebunya',
  nextOfKinRelationship: 'brother',
  nextOfKinPhone: '+256 701 234 567',
  bloodGroup: 'O+',
  allergies: 'Penicillin',
  chronicConditions: 'Asthma',
  insuranceProvider: 'Jubilee Health',
  insurancePolicyNumber: 'JH-2026-0042',
  insuranceCoveragePercent: 80,
  insuranceValidUntil: '2027-12-31',
};

describe('registration', () => {
  it('registers a patient with every field and a number from the hospital format', async () => {
    const p = await desk.ok('patients.register', person(FULL));
    expect(p).toMatchObject({
      patientNumber: 'HMS/000001',
      firstName: 'Nakato',
      middleName: 'Grace',
      lastName: 'Ssebunya',
      dateOfBirth: '1990-04-12',
      phone: '+256772123456',
      nextOfKinPhone: '+256701234567',
      nationalIdMasked: '••••ABCD',
      bloodGroup: 'O+',
      insuranceCoveragePercent: 80,
      insuranceValidUntil: '2027-12-31',
      version: 1,
    });
    expect(JSON.stringify(p)).not.toContain('CM90012345');
    const [row] = await app.db.sql<{ national_id: string }>('SELECT national_id FROM patients WHERE id = ?', [p.id]);
    expect(row.national_id).toBe('CM90012345ABCD');
    const audit = await app.db.sql<{ action: string; changes: string }>("SELECT action, changes FROM audit_log WHERE entity = 'patient' AND entity_id = ?", [String(p.id)]);
    expect(audit.map((a) => a.action)).toEqual(['patient.register']);
    expect(audit[0].changes).not.toContain('CM90012345');
  });

  it('validates phones for the hospital country: Uganda, India, United States', async () => {
    const india = await desk.fails('patients.register', person({ hospitalId: indiaId, phone: '0772123456' }), 'FORBIDDEN');
    expect(india.message).toMatch(/do not work at/);
    const chain = await app.signedIn(['front_desk'], { allHospitals: true });
    const okIn = await chain.ok('patients.register', person({ hospitalId: indiaId, phone: '98765 43210', firstName: 'अनन्या', lastName: 'शर्मा' }));
    expect(okIn.phone).toBe('+919876543210');
    expect(okIn.patientNumber).toMatch(/^DEL-\d{4}-00001$/);
    expect(okIn.firstName).toBe('अनन्या');
    const badIn = await chain.fails('patients.register', person({ hospitalId: indiaId, phone: '5555555555' }), 'VALIDATION');
    expect(badIn.fields?.phone).toMatch(/9876543210/);
    const okUs = await chain.ok('patients.register', person({ hospitalId: usId, phone: '(202) 456-1111' }));
    expect(okUs.phone).toBe('+12024561111');
    expect(okUs.patientNumber).toBe('NYC0000001');
    const badUs = await chain.fails('patients.register', person({ hospitalId: usId, phone: '0772123' }), 'VALIDATION');
    expect(badUs.fields).toHaveProperty('phone');
    const badUg = await desk.fails('patients.register', person({ phone: '07721' }), 'VALIDATION');
    expect(badUg.fields?.phone).toMatch(/0772123456/);
  });

  it.each([
    ['firstName', undefined, 'firstName'],
    ['firstName', '', 'firstName'],
    ['firstName', '   ', 'firstName'],
    ['firstName', 42, 'firstName'],
    ['firstName', 'x'.repeat(101), 'firstName'],
    ['lastName', null, 'lastName'],
    ['dateOfBirth', '2023-02-30', 'dateOfBirth'],
    ['dateOfBirth', '12/04/1990', 'dateOfBirth'],
    ['dateOfBirth', '2999-01-01', 'dateOfBirth'],
    ['dateOfBirth', '1850-01-01', 'dateOfBirth'],
    ['sex', 'f', 'sex'],
    ['phone', '', 'phone'],
    ['phone', '+256 772 123 456 789 012 345 678 901 234', 'phone'],
    ['email', 'not-an-email', 'email'],
    ['email', `${'a'.repeat(250)}@x.ug`, 'email'],
    ['bloodGroup', 'Z+', 'bloodGroup'],
    ['allergies', 'x'.repeat(2001), 'allergies'],
    ['allergies', 'bad\u0000byte', 'allergies'],
    ['insuranceCoveragePercent', 101, 'insuranceCoveragePercent'],
    ['insuranceCoveragePercent', '80', 'insuranceCoveragePercent'],
    ['insuranceValidUntil', '2026-13-01', 'insuranceValidUntil'],
    ['hospitalId', 'HMS', 'hospitalId'],
    ['nationalId', 'x'.repeat(41), 'nationalId'],
    ['nextOfKinPhone', '12', 'nextOfKinPhone'],
  ])('refuses %s = %j with a field error and writes nothing', async (field, value, errorField) => {
    const before = await app.db.sql<{ n: number }>('SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM audit_log) AS n');
    const input = { ...person(), [field]: value } as Record<string, unknown>;
    if (value === undefined) delete input[field];
    const err = await desk.fails('patients.register', input, 'VALIDATION');
    expect(Object.keys(err.fields ?? {})).toContain(errorField);
    const after = await app.db.sql<{ n: number }>('SELECT (SELECT COUNT(*) FROM patients) + (SELECT COUNT(*) FROM audit_log) AS n');
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses input that is not an object at all', async () => {
    for (const bad of [null, 'patient', 42, [], { hospitalId: app.hospitalId }]) await desk.fails('patients.register', bad, 'VALIDATION');
  });

  it('stores SQL-looking and unusual text verbatim', async () => {
    const nasty = {
      firstName: "Robert'); DROP TABLE patients;--",
      lastName: "O'Brien-Łukasz \\ % _",
      allergies: 'SELECT * FROM users WHERE 1=1; -- 😷',
      addressLine: '<script>alert(1)</script>',
    };
    const p = await desk.ok('patients.register', person(nasty));
    const back = await desk.ok('patients.get', { id: p.id });
    expect(back).toMatchObject(nasty);
    expect((await desk.ok('patients.search', { query: "O'Brien-Łukasz \\ %" })).items.map((i) => i.id)).toEqual([p.id]);
    expect((await desk.ok('patients.search', { query: '%' })).items).toEqual([]);
  });

  it('warns of a likely duplicate: same phone, or same birth date with a similar name', async () => {
    const first = await desk.ok('patients.register', person({ firstName: 'Achieng', lastName: 'Otieno', dateOfBirth: '1985-06-01', phone: '0752000111' }));
    const samePhone = await desk.fails('patients.register', person({ firstName: 'Other', lastName: 'Person', phone: '+256752000111' }), 'CONFLICT');
    expect(samePhone.details).toMatchObject({ duplicates: [{ id: first.id, reason: 'same phone' }] });
    const similar = await desk.fails('patients.register', person({ firstName: 'ACHIENG', lastName: 'Otienno', dateOfBirth: '1985-06-01' }), 'CONFLICT');
    expect(similar.message).toContain(first.patientNumber);
    expect(similar.details).toMatchObject({ duplicates: [{ id: first.id, reason: 'same date of birth and similar name' }] });
    const probe = await desk.ok('patients.findDuplicates', { hospitalId: app.hospitalId, firstName: 'Otieno', lastName: 'Achieng', dateOfBirth: '1985-06-01', phone: '0772999999' });
    expect(probe.map((d) => d.id)).toEqual([first.id]);
    // Different person, same birthday: no warning.
    await desk.ok('patients.register', person({ firstName: 'Wanjiru', lastName: 'Kamau', dateOfBirth: '1985-06-01' }));
    // The desk saw the warning and confirms a different person.
    const twin = await desk.ok('patients.register', person({ firstName: 'Achieng', lastName: 'Otieno', dateOfBirth: '1985-06-01', acknowledgeDuplicates: true }));
    expect(twin.patientNumber).not.toBe(first.patientNumber);
  });

  it('registers the same new patient once when ten desks send it at once: the other nine get the duplicate warning', async () => {
    const user = desk as Desk & { username: string; password: string };
    const windows = [desk];
    for (let i = 1; i < 10; i++) {
      const w = app.desk();
      await w.ok('auth.login', { username: user.username, password: user.password });
      windows.push(w);
    }
    const same = person({ firstName: 'Nakato', lastName: 'Ssempala', dateOfBirth: '1991-11-23', phone: '0701555123' });
    const results = await Promise.all(windows.map((w) => w.call('patients.register', same)));
    const created = results.flatMap((r) => (r.ok ? [r.data] : []));
    expect(created).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', details: { duplicates: [{ id: created[0].id }] } });
    }
    expect(await app.db.sql('SELECT id FROM patients WHERE phone = ? OR (last_name = ? AND date_of_birth = ?)', ['+256701555123', 'Ssempala', '1991-11-23'])).toHaveLength(1);
    // The same person typed a little differently at the same moment is caught too (same birth date, similar name).
    const variants = ['Nakato Ssempala', 'NAKATO Ssempalla', 'Nakatto Ssempala'].map((name, i) =>
      person({ firstName: name.split(' ')[0], lastName: name.split(' ')[1], dateOfBirth: '1993-02-14', phone: `070200000${i}` }),
    );
    const more = await Promise.all(variants.map((v, i) => windows[i].call('patients.register', v)));
    expect(more.filter((r) => r.ok)).toHaveLength(1);
  });

  it('gives 50 workstations registering at once 50 distinct, consecutive numbers', async () => {
    const desks = await Promise.all(Array.from({ length: 5 }, () => app.signedIn(['front_desk'])));
    const fmt = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PAR', name: 'Parallel', patientNumberFormat: 'PAR/{seq:4}' });
    await app.admin.ok('users.update', { ...(await app.admin.ok('users.list', { query: desks[0].username })).items[0], hospitalIds: [app.hospitalId, fmt.id] });
    const windows = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const d = app.desk();
        await d.ok('auth.login', { username: desks[0].username, password: desks[0].password });
        return { d, i };
      }),
    );
    const results = await Promise.all(windows.map(({ d }) => d.call('patients.register', person({ hospitalId: fmt.id }))));
    const failures = results.filter((r) => !r.ok);
    expect(failures).toEqual([]);
    const numbers = results.map((r) => (r.ok ? r.data.patientNumber : '')).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `PAR/${String(i + 1).padStart(4, '0')}`));
    const [{ audits }] = await app.db.sql<{ audits: number }>("SELECT COUNT(*) AS audits FROM audit_log WHERE action = 'patient.register' AND hospital_id = ?", [fmt.id]);
    expect(Number(audits)).toBe(50);
    expect((await app.admin.ok('audit.verify')).ok).toBe(true);
  });

  it('returns the record exactly as it is stored, with defaults and empty fields filled in', async () => {
    const created = await desk.ok('patients.register', person());
    expect(created.bloodGroup).toBe('unknown');
    expect(created.email).toBeNull();
    expect(await desk.ok('patients.get', { id: created.id })).toEqual(created);
  });

  it('skips numbers already in use by imported records, and never hands one out twice', async () => {
    const h = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'IMP', name: 'Imported', patientNumberFormat: 'IMP{seq:3}' });
    const importer = await app.signedIn(['front_desk'], { hospitalIds: [h.id] });
    // Two records arrived with numbers 1 and 2 from an old system, behind the counter's back.
    const first = await importer.ok('patients.register', person({ hospitalId: h.id }));
    await app.db.sql('UPDATE patients SET patient_number = ? WHERE id = ?', ['IMP002', first.id]);
    await app.db.sql('UPDATE number_sequences SET next_value = 1 WHERE scope_key = ?', ['patient:IMP{seq:3}:all']);
    await app.db.sql(`INSERT INTO patients (patient_number, hospital_id, first_name, last_name, name_key, name_key_rev, date_of_birth, sex, phone)
      VALUES ('IMP001', ?, 'Old', 'Record', 'Record Old', 'Old Record', '1960-01-01', 'male', '+256772999001')`, [h.id]);
    const next = await importer.ok('patients.register', person({ hospitalId: h.id }));
    expect(next.patientNumber).toBe('IMP003');
    expect((await importer.ok('patients.register', person({ hospitalId: h.id }))).patientNumber).toBe('IMP004');
  });

  it('starts a counter nobody prepared (a new year) once, even when desks race to it', async () => {
    await app.db.sql("DELETE FROM number_sequences WHERE scope_key LIKE 'patient:DEL-{yyyy}-{seq:5}:%'");
    const indian = await app.signedIn(['front_desk'], { hospitalIds: [indiaId] });
    const results = await Promise.all(Array.from({ length: 8 }, () => indian.call('patients.register', person({ hospitalId: indiaId, phone: `98${String(10000000 + n).slice(-8)}` }))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const year = new Date().getUTCFullYear();
    const numbers = results.map((r) => (r.ok ? r.data.patientNumber : '')).sort();
    // Consecutive from where the existing records end (the restarted counter skips the numbers already given).
    const seqs = numbers.map((x) => Number(x.slice(-5)));
    expect(seqs).toEqual(Array.from({ length: 8 }, (_, i) => seqs[0] + i));
    const [{ taken }] = await app.db.sql<{ taken: number }>("SELECT COUNT(*) AS taken FROM patients WHERE patient_number LIKE 'DEL-%'");
    expect(seqs[0]).toBe(Number(taken) - 8 + 1);
    expect(numbers.every((x) => x.includes(`-${year}-`) || x.includes(`-${year + 1}-`))).toBe(true);
  });
});

describe('search', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {};
    for (const [first, last, dob, phone] of [
      ['Zawadi', 'Zulu', '2001-01-01', '0783111222'],
      ['Zaina', 'Zulu', '2002-02-02', '0783111333'],
      ['Zuberi', 'Zuma', '2003-03-03', '0783222444'],
      ['Zoe', 'Zanzibari', '2004-04-04', '0783333555'],
    ]) {
      ids[first] = (await desk.ok('patients.register', person({ firstName: first, lastName: last, dateOfBirth: dob, phone }))).id;
    }
  });

  it('finds by surname prefix, by given name first, ignoring case', async () => {
    expect((await desk.ok('patients.search', { query: 'zul' })).items.map((i) => i.firstName)).toEqual(['Zaina', 'Zawadi']);
    expect((await desk.ok('patients.search', { query: 'ZUBERI' })).items.map((i) => i.id)).toEqual([ids.Zuberi]);
    expect((await desk.ok('patients.search', { query: 'zawadi zu' })).items.map((i) => i.id)).toEqual([ids.Zawadi]);
    expect((await desk.ok('patients.search', { query: 'zulu zai' })).items.map((i) => i.id)).toEqual([ids.Zaina]);
  });

  it('finds by phone in local or international form, by patient number, by date of birth', async () => {
    expect((await desk.ok('patients.search', { query: '0783 111 222' })).items.map((i) => i.id)).toEqual([ids.Zawadi]);
    expect((await desk.ok('patients.search', { query: '+256783111' })).items.map((i) => i.id).sort()).toEqual([ids.Zawadi, ids.Zaina].sort());
    const p = await desk.ok('patients.get', { id: ids.Zoe });
    expect((await desk.ok('patients.search', { query: p.patientNumber.toLowerCase() })).items.map((i) => i.id)).toEqual([ids.Zoe]);
    expect((await desk.ok('patients.search', { query: '03/03/2003' })).items.map((i) => i.id)).toEqual([ids.Zuberi]);
    expect((await desk.ok('patients.search', { query: '2003-03-03' })).items.map((i) => i.id)).toEqual([ids.Zuberi]);
  });

  it('finds a name by its plain letters: ł, ø, ß, ŋ, ɔ … are typed as l, o, ss, n, o', async () => {
    const lukasz = (await desk.ok('patients.register', person({ firstName: 'Łukasz', lastName: 'Wójcik' }))).id;
    const soren = (await desk.ok('patients.register', person({ firstName: 'Søren', lastName: 'Großmann' }))).id;
    const akosua = (await desk.ok('patients.register', person({ firstName: 'Akosua', lastName: 'Ɔdɔŋkɔ' }))).id;
    const found = async (query: string) => (await desk.ok('patients.search', { query })).items.map((i) => i.id);
    for (const q of ['lukasz', 'Łukasz', 'LUKASZ W', 'wojcik l', 'Wójcik Łuk']) expect(await found(q), q).toEqual([lukasz]);
    for (const q of ['soren', 'grossmann', 'Großmann S', 'soren gross']) expect(await found(q), q).toEqual([soren]);
    for (const q of ['odonko', 'Ɔdɔŋkɔ', 'akosua odon']) expect(await found(q), q).toEqual([akosua]);
  });

  it('recomputes the keys of names registered before the letters were folded (migration)', async () => {
    const id = (await desk.ok('patients.register', person({ firstName: 'Đorđe', lastName: 'Łysiak' }))).id;
    // The keys as they were written before: the name as typed.
    await app.db.sql("UPDATE patients SET name_key = CONCAT(last_name, ' ', first_name), name_key_rev = CONCAT(first_name, ' ', last_name) WHERE id = ?", [id]);
    expect((await desk.ok('patients.search', { query: 'lysiak' })).items).toEqual([]);
    await new SearchNameLetters1765900000000().up({ query: (sql: string) => app.db.sql(sql) } as unknown as QueryRunner);
    expect((await desk.ok('patients.search', { query: 'lysiak dor' })).items.map((i) => i.id)).toEqual([id]);
    expect((await desk.ok('patients.search', { query: 'dorde lys' })).items.map((i) => i.id)).toEqual([id]);
    expect(await app.db.sql('SELECT name_key, name_key_rev FROM patients WHERE id = ?', [id])).toEqual([{ name_key: 'Lysiak Dorde', name_key_rev: 'Dorde Lysiak' }]);
  });

  it('reads a typed date in the order of the hospital the desk works for: 03/14/1911 at a US hospital', async () => {
    const both = await app.signedIn(['front_desk'], { hospitalIds: [app.hospitalId, usId] });
    const born = async (dateOfBirth: string, phone: string) => (await both.ok('patients.register', person({ hospitalId: usId, dateOfBirth, phone }))).id;
    const [mar14, dec3, mar12] = [await born('1911-03-14', '+16175550111'), await born('1911-12-03', '+16175550112'), await born('1911-03-12', '+16175550113')];
    const found = async (query: string, hospitalId?: number) => (await both.ok('patients.search', { query, hospitalId })).items.map((i) => i.id);
    expect(await found('03/14/1911', usId)).toEqual([mar14]);
    expect(await found('3/14/1911', usId)).toEqual([mar14]);
    expect(await found('14/03/1911', app.hospitalId)).toEqual([mar14]);
    // The same text is another day at each hospital.
    expect(await found('12/03/1911', usId)).toEqual([dec3]);
    expect(await found('12/03/1911', app.hospitalId)).toEqual([mar12]);
    expect(await found('1911-12-03', usId)).toEqual([dec3]);
    // Without a hospital named, the caller's first hospital (Kampala) reads it.
    expect(await found('12/03/1911')).toEqual([mar12]);
    // The export reads the query the same way.
    expect((await both.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: '12/03/1911', hospitalId: usId } } })).rows).toBe(1);
    await both.fails('patients.search', { query: '03/14/1911', hospitalId: indiaId }, 'FORBIDDEN');
  });

  it('pages with a cursor without repeating or skipping anyone', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } = await desk.ok('patients.search', { query: 'z', limit: 1, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(Object.values(ids).sort());
    await desk.fails('patients.search', { query: 'z', cursor: 'garbage' }, 'VALIDATION');
    await desk.fails('patients.search', { query: 'z', limit: 100000 }, 'VALIDATION');
  });
});

describe('the patient record', () => {
  it('logs every read, and every reveal of the national ID', async () => {
    const p = await desk.ok('patients.register', person({ nationalId: 'NIN-7788' }));
    await desk.ok('patients.get', { id: p.id });
    expect(await desk.ok('patients.revealNationalId', { id: p.id })).toEqual({ nationalId: 'NIN-7788' });
    const audit = await app.db.sql<{ action: string; user_id: number }>("SELECT action, user_id FROM audit_log WHERE entity = 'patient' AND entity_id = ? ORDER BY id", [String(p.id)]);
    expect(audit.map((a) => a.action)).toEqual(['patient.register', 'patient.read', 'patient.national_id_revealed']);
    await desk.fails('patients.get', { id: 999999 }, 'NOT_FOUND');
    const nurse = await app.signedIn(['nurse']);
    await nurse.fails('patients.revealNationalId', { id: p.id }, 'FORBIDDEN');
  });

  it('saves an edit with the current version and records what changed', async () => {
    const p = await desk.ok('patients.register', person());
    const u = await desk.ok('patients.update', { id: p.id, version: p.version, lastName: 'Renamed', phone: '0701 999 888', allergies: 'Latex' });
    expect(u).toMatchObject({ lastName: 'Renamed', phone: '+256701999888', allergies: 'Latex', version: 2 });
    expect((await desk.ok('patients.search', { query: 'renamed' })).items.map((i) => i.id)).toContain(p.id);
    const [entry] = await app.db.sql<{ changes: string }>("SELECT changes FROM audit_log WHERE action = 'patient.update' AND entity_id = ?", [String(p.id)]);
    expect(JSON.parse(entry.changes)).toEqual({ lastName: [p.lastName, 'Renamed'], phone: [p.phone, '+256701999888'], allergies: [null, 'Latex'] });
  });

  it('refuses the second of two desks editing the same version, loses nothing, and writes no audit entry', async () => {
    const p = await desk.ok('patients.register', person());
    const other = await app.signedIn(['front_desk']);
    await other.ok('patients.update', { id: p.id, version: 1, city: 'Entebbe' });
    const auditBefore = await app.db.sql("SELECT id FROM audit_log WHERE action = 'patient.update' AND entity_id = ?", [String(p.id)]);
    const err = await desk.fails('patients.update', { id: p.id, version: 1, city: 'Jinja', email: 'x@y.ug' }, 'CONFLICT');
    expect(err.message).toMatch(/changed at another desk/);
    expect(err.details).toMatchObject({ current: { city: 'Entebbe', version: 2 } });
    const now = await desk.ok('patients.get', { id: p.id });
    expect(now).toMatchObject({ city: 'Entebbe', email: null, version: 2 });
    const auditAfter = await app.db.sql("SELECT id FROM audit_log WHERE action = 'patient.update' AND entity_id = ?", [String(p.id)]);
    expect(auditAfter).toHaveLength(auditBefore.length);
    expect((await desk.ok('patients.update', { id: p.id, version: 2, city: 'Jinja' })).version).toBe(3);
  });

  it('lets exactly one of two simultaneous edits of one version through', async () => {
    const p = await desk.ok('patients.register', person());
    const other = await app.signedIn(['front_desk']);
    const results = await Promise.all([desk.call('patients.update', { id: p.id, version: 1, city: 'A' }), other.call('patients.update', { id: p.id, version: 1, city: 'B' })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
  });
});

describe('who may do what', () => {
  it('refuses unauthenticated and wrong-role calls', async () => {
    const anon = app.desk();
    await anon.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
    await anon.fails('patients.register', person(), 'UNAUTHENTICATED');
    const hr = await app.signedIn(['hr']);
    await hr.fails('patients.search', { query: '' }, 'FORBIDDEN');
    await hr.fails('patients.get', { id: 1 }, 'FORBIDDEN');
    const billing = await app.signedIn(['billing']);
    await billing.ok('patients.search', { query: '' });
    await billing.fails('patients.register', person(), 'FORBIDDEN');
    await billing.fails('patients.update', { id: 1, version: 1, city: 'X' }, 'FORBIDDEN');
    const manager = await app.signedIn(['manager']);
    await manager.ok('patients.get', { id: 1 });
    await manager.fails('audit.list', {}, 'FORBIDDEN');
  });

  it('sees patients chain-wide but registers only at own hospitals', async () => {
    const chain = await app.signedIn(['front_desk'], { allHospitals: true });
    const inDelhi = await chain.ok('patients.register', person({ hospitalId: indiaId, phone: '9123456780' }));
    expect((await desk.ok('patients.get', { id: inDelhi.id })).hospitalId).toBe(indiaId);
    await desk.fails('patients.register', person({ hospitalId: indiaId, phone: '9123456781' }), 'FORBIDDEN');
    await desk.fails('patients.register', person({ hospitalId: 424242 }), 'FORBIDDEN');
  });
});
