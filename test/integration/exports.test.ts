// reports.exportCsv on MariaDB: every page of a filtered list to a file (BOM, CRLF, any script, defused formulas),
// under the source channel's own access rule and scope, with progress events and the audit entries of a read.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Events } from '@shared/contract';
import type { PatientSummary } from '@shared/contract/patients';
import { csvLine } from '@shared/domain/csv';
import { personName } from '@shared/domain/format';
import { formatPhone } from '@shared/domain/phone';
import { classifyQuery, searchPatients, searchPatientsForExport } from '../../src-main/features/patients/patients.search';
import { EXPORT_PAGE_SIZE } from '../../src-main/features/reports/exports.service';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let dir: string;
let desk: Desk & { username: string };
let bostonId: number;

/** Patients whose surname starts "Exportson": more than two export pages of them, and some others. */
const MANY = EXPORT_PAGE_SIZE * 2 + 345;
const SPECIAL: [first: string, last: string][] = [
  ['王小明', 'Exportson'],
  ['Ωμέγα', 'Exportson'],
  ['محمد', 'Exportson'],
  ['Zoë', 'Exportsonová'],
  ['=HYPERLINK("http://evil.example")', 'Exportson'],
  ['Ann "Jo", Jr', 'Exportson'],
];

async function insertPatients(rows: [first: string, last: string, dob: string][], prefix: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await app.db.sql(
      `INSERT INTO patients (patient_number, hospital_id, first_name, last_name, name_key, name_key_rev, date_of_birth, sex, phone) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap(([first, last, dob], j) => [`${prefix}${String(i + j).padStart(6, '0')}`, app.hospitalId, first, last, `${last} ${first}`, `${first} ${last}`, dob, 'female', `+2567720${String(i + j).padStart(5, '0')}`]),
    );
  }
}

const read = async (path: string) => {
  const bytes = await readFile(path);
  const text = bytes.toString('utf8');
  return { bytes, text, lines: text.slice(1).split('\r\n').slice(0, -1) };
};

beforeAll(async () => {
  app = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'hms-exports-'));
  app.runtime.exportsDir = dir;
  desk = await app.signedIn(['front_desk']);
  bostonId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
  const many: [string, string, string][] = Array.from({ length: MANY - SPECIAL.length }, (_, i) => [`Given${i}`, 'Exportson', `19${50 + (i % 49)}-0${1 + (i % 9)}-1${i % 9}`]);
  await insertPatients([...many, ...SPECIAL.map(([f, l]) => [f, l, '1980-02-03'] as [string, string, string])], 'EXP');
  await insertPatients(Array.from({ length: 40 }, (_, i) => [`Other${i}`, 'Otherfamily', '1970-01-01']), 'OTH');
}, 120_000);
afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a list, every page', () => {
  it('writes every row the filter shows, page after page, as UTF-8 with BOM and CRLF, with the screen’s headers', async () => {
    const events: Events['reports.exportProgress'][] = [];
    const off = app.runtime.events.subscribe((name, payload) => {
      if (name === 'reports.exportProgress') events.push(payload as Events['reports.exportProgress']);
    });
    const out = await desk.ok('reports.exportCsv', { jobId: 'job-1', source: { kind: 'list', channel: 'patients.search', input: { query: 'Exportson', limit: 50 } }, name: 'patients' });
    off();
    expect(out.rows).toBe(MANY);
    expect(out.fileName).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(out.path).toBe(join(dir, out.fileName));
    const { bytes, text, lines } = await read(out.path);
    expect(out.bytes).toBe(bytes.length);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines[0]).toBe('Patient ID,Name,Date of birth,Sex,Phone');
    expect(lines.length).toBe(MANY + 1);
    // Every matching patient once, nobody else.
    const numbers = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    expect(numbers.size).toBe(MANY);
    expect([...numbers].every((n) => n.startsWith('EXP'))).toBe(true);
    // Names in any script as they are; a phone as the screen shows it.
    for (const script of ['王小明 Exportson', 'Ωμέγα Exportson', 'محمد Exportson', 'Zoë Exportsonová']) expect(text).toContain(`,${script},`);
    expect(lines.slice(1).every((l) => /,\+256 [\d ]+$/.test(l))).toBe(true);
    // A formula is defused, quotes and commas are quoted.
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"") Exportson",`);
    expect(text).toContain(`,"Ann ""Jo"", Jr Exportson",`);
    // Progress: rising, one event a page, the last one with the total.
    expect(events.length).toBe(Math.ceil(MANY / EXPORT_PAGE_SIZE));
    expect(events.every((e) => e.jobId === 'job-1')).toBe(true);
    expect(events.map((e) => e.done)).toEqual([...events.map((e) => e.done)].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual({ jobId: 'job-1', done: MANY, total: MANY });
    expect(events[0].total).toBeNull();
  }, 60_000);

  it('never overwrites: a second export of the same list gets a name of its own', async () => {
    const a = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Otherfamily' } }, name: 'others' });
    const b = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Otherfamily' } }, name: 'others' });
    expect(a.rows).toBe(40);
    expect(b.fileName).toBe(a.fileName.replace(/\.csv$/, ' (2).csv'));
    expect((await read(a.path)).text).toBe((await read(b.path)).text);
  });

  it('leaves an audit entry of the read: who exported which patients, with the filter and the count', async () => {
    const [entry] = await app.db.sql<{ username: string; channel: string; entity: string; changes: string }>(
      "SELECT username, channel, entity, changes FROM audit_log WHERE action = 'export.csv' ORDER BY id LIMIT 1",
    );
    expect(entry.username).toBe(desk.username);
    expect(entry.channel).toBe('reports.exportCsv');
    expect(entry.entity).toBe('patient');
    const changes = typeof entry.changes === 'string' ? JSON.parse(entry.changes) : entry.changes;
    expect(changes).toMatchObject({ source: 'patients.search', filter: { query: 'Exportson' }, rows: MANY });
    expect(changes.file).toMatch(/^patients-/);
  });

  it('leaves the entries the source channel leaves: a patient’s appointments read is recorded once, as the screen’s read is', async () => {
    const [{ id: patientId }] = await app.db.sql<{ id: number }>("SELECT id FROM patients WHERE patient_number = 'EXP000000'");
    const out = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'appointments.forPatient', input: { patientId, when: 'past' } } });
    expect(out.rows).toBe(0);
    expect((await read(out.path)).lines).toEqual(['Date,Time,Doctor,Department,Reason,Status']);
    const entries = await app.db.sql<{ action: string; entity_id: string; channel: string }>(
      "SELECT action, entity_id, channel FROM audit_log WHERE channel = 'reports.exportCsv' AND id > (SELECT MAX(id) FROM audit_log WHERE action = 'export.csv' AND changes LIKE '%patients.search%') ORDER BY id",
    );
    expect(entries.map((e) => e.action)).toEqual(['patient.appointments_read', 'export.csv']);
    expect(entries[0].entity_id).toBe(String(patientId));
  });

  it('exports a list without registered columns by flattening its rows', async () => {
    const out = await app.admin.ok('reports.exportCsv', { source: { kind: 'list', channel: 'hospitals.list' } });
    const { lines } = await read(out.path);
    expect(out.fileName).toMatch(/^hospitals-list-/);
    const header = lines[0].split(',');
    expect(header).toContain('code');
    expect(header).toContain('name');
    expect(lines.slice(1).some((l) => l.includes('Boston Harbor'))).toBe(true);
    expect(out.rows).toBe(2);
  });
});

describe('the patient search’s export pages', () => {
  type Reader = typeof searchPatients;
  /** Every page of a search as one list, with each page's marker. */
  async function walk(read: Reader, query: string, limit: number): Promise<{ rows: PatientSummary[]; cursors: (string | null)[] }> {
    const em = (await app.runtime.db.dataSource()).manager;
    const mode = classifyQuery(query, 'UG');
    const rows: PatientSummary[] = [];
    const cursors: (string | null)[] = [];
    let cursor: string | null = null;
    do {
      const page = await read(em, mode, limit, cursor);
      rows.push(...page.items);
      cursors.push(page.nextCursor);
      cursor = page.nextCursor;
    } while (cursor);
    return { rows, cursors };
  }

  it('reads the same rows, in the same order, with the same page markers, as the screen’s search', async () => {
    // A name that is 9 surnames and 9 given names: the search's two phases (surname-first, then given-name-first).
    await insertPatients([...Array.from({ length: 9 }, (_, i) => [`Ann${i}`, 'Crossphase', '1990-01-01'] as [string, string, string]), ...Array.from({ length: 9 }, (_, i) => ['Crossphase', `Zed${i}`, '1990-01-01'] as [string, string, string])], 'CRS');
    // Every kind of query: all, a surname, both phases, a given name only, a phone prefix, a patient number prefix, a
    // date of birth.
    for (const query of ['', 'Exportson', 'Crossphase', 'Ωμέγα', 'Other', '+2567720001', 'EXP0001', '1980-02-03']) {
      const screen = await walk(searchPatients, query, 200);
      expect(screen.rows.length, query).toBeGreaterThan(0);
      expect(await walk(searchPatientsForExport, query, 200), query).toEqual(screen);
      const small = query === '' ? 997 : 7;
      expect(await walk(searchPatientsForExport, query, small), query).toEqual(await walk(searchPatients, query, small));
      expect((await walk(searchPatientsForExport, query, EXPORT_PAGE_SIZE)).rows, query).toEqual(screen.rows);
    }
  }, 120_000);

  it('writes, byte for byte, the file made from the screen’s own pages with the screen’s phone format', async () => {
    for (const query of ['', 'Exportson']) {
      const { rows } = await walk(searchPatients, query, 200);
      const expected = '\ufeff' + csvLine(['Patient ID', 'Name', 'Date of birth', 'Sex', 'Phone']) + rows.map((p) => csvLine([p.patientNumber, personName(p), p.dateOfBirth, p.sex, formatPhone(p.phone)])).join('');
      const out = await desk.ok('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query } }, name: 'byte-check' });
      expect(out.rows).toBe(rows.length);
      expect((await read(out.path)).text).toBe(expected);
    }
  }, 120_000);
});

describe('the source channel’s rules', () => {
  it('refuses a role the source refuses (the audit trail is for administrators)', async () => {
    const e = await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'audit.list', input: {} } }, 'FORBIDDEN');
    expect(e.message).toMatch(/admin/);
    const billing = await app.signedIn(['billing']);
    await billing.ok('reports.exportCsv', { source: { kind: 'list', channel: 'catalog.list', input: { hospitalId: app.hospitalId } } });
    const hr = await app.signedIn(['hr']);
    await hr.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: '' } } }, 'FORBIDDEN');
    // The administrator may.
    const audit = await app.admin.ok('reports.exportCsv', { source: { kind: 'list', channel: 'audit.list', input: {} } });
    expect((await read(audit.path)).lines[0]).toBe('Entry,Time,User,What happened,Record,In words,Channel,Action,Entity,ID,Hospital ID,Changes');
  });

  it('keeps to the caller’s hospitals: another hospital’s list is refused, and its rows never appear', async () => {
    await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'CONS', description: 'Consultation Kampala', category: 'consultation', price: 50_000 });
    await app.admin.ok('catalog.create', { hospitalId: bostonId, code: 'CONS', description: 'Consultation Boston', category: 'consultation', price: 12_000 });
    const kampala = await app.signedIn(['billing'], { hospitalIds: [app.hospitalId] });
    await kampala.fails('reports.exportCsv', { source: { kind: 'list', channel: 'catalog.list', input: { hospitalId: bostonId } } }, 'FORBIDDEN');
    const own = await kampala.ok('reports.exportCsv', { source: { kind: 'list', channel: 'catalog.list', input: { hospitalId: app.hospitalId } } });
    const { text, lines } = await read(own.path);
    expect(lines[0]).toBe('Code,Description,Category,Price,Currency,Tax,In use');
    expect(text).toContain('Consultation Kampala');
    expect(text).not.toContain('Boston');
    expect(own.fileName).toMatch(/^charge-catalog-/);
  });

  it('refuses write channels, unknown names, the export itself, and answers that are not lists', async () => {
    const before = await readdir(dir);
    const write = await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.register', input: {} } }, 'VALIDATION');
    expect(write.fields?.['source.channel']).toMatch(/not a list/);
    const unknown = await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.nothing' } }, 'VALIDATION');
    expect(unknown.fields?.['source.channel']).toMatch(/no channel/);
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'reports.exportCsv', input: {} } }, 'VALIDATION');
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: '__proto__.x' } }, 'VALIDATION');
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'toString' } }, 'VALIDATION');
    // One record is not a list: refused, and its read is not recorded either.
    const [{ id: patientId }] = await app.db.sql<{ id: number }>("SELECT id FROM patients WHERE patient_number = 'OTH000000'");
    const reads = async () => (await app.db.sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'patient.read'"))[0].n;
    const readsBefore = await reads();
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.get', input: { id: patientId } } }, 'VALIDATION');
    expect(await reads()).toBe(readsBefore);
    expect(await readdir(dir)).toEqual(before);
  });

  it('checks the filter with the source’s own schema: the page size stays within what the screens may ask', async () => {
    const e = await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'x', limit: 5000 } } }, 'VALIDATION');
    expect(Object.keys(e.fields ?? {})).toEqual(['source.input.limit']);
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'catalog.list', input: { hospitalId: 'one' } } }, 'VALIDATION');
    await desk.fails('reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: {} }, name: '../../etc/passwd' }, 'VALIDATION');
    // Nobody signed in: nothing at all.
    await app.desk().fails('reports.exportCsv', { source: { kind: 'list', channel: 'hospitals.list' } }, 'UNAUTHENTICATED');
  });
});

describe('a report’s table', () => {
  const period = { from: '2026-01-01', to: '2026-03-31' };

  it('writes the chosen table of a report with its headers, for the roles the report allows', async () => {
    const manager = await app.signedIn(['manager']);
    const first = await manager.ok('reports.exportCsv', { source: { kind: 'report', report: 'reports.appointmentsByDepartment', input: period } });
    expect(first.fileName).toMatch(/^appointments-by-department-\d{4}/);
    expect((await read(first.path)).lines[0]).toBe('Hospital,Department,Booked,Checked in,Completed,Cancelled,No-show,Total');
    const doctors = await manager.ok('reports.exportCsv', { source: { kind: 'report', report: 'reports.appointmentsByDepartment', input: period, table: 'doctors' }, name: 'by-doctor' });
    expect(doctors.fileName).toMatch(/^by-doctor-/);
    expect((await read(doctors.path)).lines[0]).toBe('Hospital,Doctor,Department,Booked,Checked in,Completed,Cancelled,No-show,Total');
    const e = await manager.fails('reports.exportCsv', { source: { kind: 'report', report: 'reports.appointmentsByDepartment', input: period, table: 'nope' } }, 'VALIDATION');
    expect(e.fields?.['source.table']).toBeTruthy();
    await manager.fails('reports.exportCsv', { source: { kind: 'report', report: 'patients.search', input: { query: '' } } }, 'VALIDATION');
    await manager.fails('reports.exportCsv', { source: { kind: 'report', report: 'reports.appointmentsByDepartment', input: { from: '2026-03-01', to: '2026-01-01' } } }, 'VALIDATION');
    await desk.fails('reports.exportCsv', { source: { kind: 'report', report: 'reports.appointmentsByDepartment', input: period } }, 'FORBIDDEN');
  });
});
