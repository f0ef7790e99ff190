// CSV import: the dry run (every row checked, every problem listed, nothing written) and the all-or-nothing commit
// (the same checks, then every record written in this call's transaction, or none). Rows refer to rows of earlier
// files through the external ids kept in import_refs; a row whose id was imported before is skipped.
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { ImportBatch, ImportField, ImportPreview, ImportProblem, ImportResult } from '@shared/contract/imports';
import {
  bestDateFormat,
  detectDelimiter,
  headerSignature,
  IMPORT_FIELDS,
  IMPORT_KIND_LABELS,
  nameMatchKey,
  parseCsv,
  possibleDateFormats,
  proposeMapping,
  readChoice,
  readDate,
  readTime,
  unusedReason,
  type DateFormat,
  type FieldSpec,
  type ImportKind,
} from '@shared/domain/csv-import';
import { localDate } from '@shared/domain/dates';
import { foldName } from '@shared/domain/names';
import { renderPatientNumber } from '@shared/domain/patient-number';
import { checkPhone } from '@shared/domain/phone';
import { AppError, forbidden } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { hospitalCondition } from '../../platform/scope';
import { insertRows } from '../../db/writer';
import { sequenceKey, type SequenceKey } from '../../db/sequences';
import { HospitalEntity, requireHospitalEntity } from '../hospitals';
import { nameKey, PatientEntity, reversedNameKey } from '../patients';
import { DepartmentEntity, DoctorEntity, employeeNumber, StaffEntity } from '../staff';
import { BedEntity, bedLabel, FloorEntity, RoomEntity } from '../wards';
import { AppointmentEntity } from '../appointments';
import { ImportBatchEntity, ImportRefEntity, type RefKind } from './import.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;
type Input = In<'import.preview'>;

const MAX_ROWS = 200_000;
const MAX_PROBLEMS_SHOWN = 5_000;
const CHUNK = 1_000;
const NOT_GIVEN = 'Not given';

// ---- jobs: progress and cancel ----

/**
 * The jobs of this process by the id the screen gave them: running (cancelled or not), ended, or not started yet but
 * already cancelled. A Cancel can overtake its import: a big file's commit carries the whole CSV, and the screen offers
 * Cancel as soon as it is sent, so the cancel may reach main before the import has begun. It is kept, and the import
 * stops at its first check. Ended and early-cancelled jobs are forgotten after JOB_MEMORY_MS.
 */
const jobs = new Map<string, { userId: number; state: 'running' | 'ended' | 'cancelled-before-start'; cancelled: boolean; at: number }>();
const JOB_MEMORY_MS = 10 * 60_000;

function forgetOldJobs(now: number): void {
  for (const [id, job] of jobs) if (job.state !== 'running' && now - job.at > JOB_MEMORY_MS) jobs.delete(id);
}

class Cancelled extends Error {}

function startJob(ctx: CallContext, jobId: string | undefined) {
  const id = jobId ?? null;
  if (id) {
    const now = Date.now();
    forgetOldJobs(now);
    const before = jobs.get(id);
    const cancelledAlready = before?.state === 'cancelled-before-start' && before.userId === ctx.user.userId;
    jobs.set(id, { userId: ctx.user.userId, state: 'running', cancelled: cancelledAlready, at: now });
  }
  return {
    progress(phase: 'checking' | 'writing', done: number, total: number) {
      if (id) ctx.runtime.events.emit('import.progress', { jobId: id, phase, done, total });
    },
    /** Between chunks: a cancelled job stops here (a commit's transaction then rolls back). */
    async check() {
      if (!id) return;
      // Let the event loop run the cancel call that may be waiting.
      await new Promise((r) => setImmediate(r));
      if (jobs.get(id)?.cancelled) throw new Cancelled();
    },
    end() {
      if (id) jobs.set(id, { userId: ctx.user.userId, state: 'ended', cancelled: false, at: Date.now() });
    },
  };
}
type Job = ReturnType<typeof startJob>;

/** Cancels the caller's own job: one that runs, or one not begun yet (its import stops at once when it begins). */
export function cancelImport(ctx: CallContext, jobId: string): { cancelled: boolean } {
  const now = Date.now();
  forgetOldJobs(now);
  const job = jobs.get(jobId);
  if (!job) {
    jobs.set(jobId, { userId: ctx.user.userId, state: 'cancelled-before-start', cancelled: true, at: now });
    return { cancelled: true };
  }
  if (job.userId !== ctx.user.userId || job.state === 'ended') return { cancelled: false };
  job.cancelled = true;
  return { cancelled: true };
}

// ---- analysis ----

/** One row that will write something, its values read and normalised. */
interface Planned {
  row: number;
  externalId: string | null;
  v: Record<string, string | number | null>;
  /** doctors: an imported staff member whose doctor profile this row completes. */
  staffId?: number;
  /** appointments: what the references point at. */
  patientId?: number;
  doctorId?: number;
  doctorDepartmentId?: number | null;
  slotMinutes?: number;
  dayOnly?: boolean;
}

interface Analysis {
  hospital: HospitalEntity;
  today: string;
  preview: ImportPreview;
  planned: Planned[];
  allProblems: ImportProblem[];
  signatureHash: string;
  values: Record<string, Record<string, string>>;
  /** Department name key → id (existing), and the names to create. */
  departments: Map<string, number>;
  newDepartments: Map<string, string>;
  floors: Map<string, number>;
  newFloors: Map<string, string>;
  /** rooms without a floor column: the floor they go to (null: create "Ground floor"). */
  defaultFloorId: number | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

async function chunked<T, R>(items: readonly T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

/**
 * `run` over chunks of `items`, each chunk's rows handed to `take` as they come: the next chunk's query is sent before
 * `take` reads a chunk, so the server answers it meanwhile, and no chunk's rows outlive their turn (a million rows
 * never held at once).
 */
async function eachChunk<T, R>(items: readonly T[], size: number, run: (chunk: T[]) => Promise<R[]>, take: (rows: R[]) => void): Promise<void> {
  let next = items.length ? run(items.slice(0, size)) : null;
  for (let i = 0; next; i += size) {
    const rows: R[] = await next;
    next = i + size < items.length ? run(items.slice(i + size, i + 2 * size)) : null;
    // Unawaited only if `take` throws: the call fails with that error, not with this query's.
    next?.catch(() => undefined);
    take(rows);
  }
}

/** External id → record id, of one hospital and kind of record. */
async function refsOf(em: EntityManager, hospitalId: number, kind: RefKind, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await chunked(ids, CHUNK, (c) =>
    em.query(`SELECT external_id, record_id FROM import_refs WHERE hospital_id = ? AND record_kind = ? AND external_id IN (${marks(c.length)})`, [hospitalId, kind, ...c]) as Promise<{ external_id: string; record_id: string | number }[]>,
  );
  // Compared as the collation compares (case and trailing spaces do not count).
  return new Map(rows.map((r) => [r.external_id.toLowerCase(), Number(r.record_id)]));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

async function analyse(ctx: CallContext, input: Input, job: Job): Promise<Analysis> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const em = ctx.em;
  const today = localDate(ctx.now(), h.timeZone);
  const kind = input.kind;
  const specs = IMPORT_FIELDS[kind];
  const problems: ImportProblem[] = [];
  const error = (row: number, column: string | null, value: string | null, message: string) => problems.push({ row, column, value, message, severity: 'error' });
  const warn = (row: number, column: string | null, value: string | null, message: string) => problems.push({ row, column, value, message, severity: 'warning' });
  const assumptions: string[] = [];

  const delimiter = input.delimiter ?? detectDelimiter(input.csv);
  const parsed = parseCsv(input.csv, delimiter);
  for (const f of parsed.faults) error(f.line, null, null, f.message);
  const headers = (parsed.records[0] ?? []).map((h) => h.trim());
  const dataRecords = parsed.records.slice(1);
  const rowOf = (i: number) => parsed.lines[i + 1];
  if (headers.length === 0 || headers.every((x) => !x)) error(0, null, null, 'The file is empty: the first line should name the columns.');
  if (dataRecords.length > MAX_ROWS) error(0, null, null, `The file has ${dataRecords.length} rows; at most ${MAX_ROWS.toLocaleString('en')} are imported at once: split it.`);
  const seenHeaders = new Map<string, number>();
  headers.forEach((hd, i) => {
    if (!hd) error(1, null, null, `Column ${i + 1} has no name.`);
    else if (seenHeaders.has(hd)) error(1, hd, hd, `Two columns are called "${hd}".`);
    else seenHeaders.set(hd, i);
  });
  if (headers.length === 1 && dataRecords.length && input.delimiter === undefined) {
    warn(1, headers[0], null, 'The file has one column only: is it separated by something other than , ; tab or |?');
  }

  // The mapping: given, remembered for this file shape, or proposed from the headers.
  const signatureText = headerSignature(headers);
  const signatureHash = sha256(`${kind}\n${signatureText}`);
  let mapping: Record<string, string | null>;
  let mappingSource: ImportPreview['mappingSource'];
  let remembered: ImportBatchEntity | null = null;
  if (input.mapping === undefined || input.values === undefined || input.dateFormat === undefined) {
    remembered = await em.findOne(ImportBatchEntity, { where: { kind, signature: signatureHash }, order: { id: 'DESC' } });
  }
  if (input.mapping) {
    mapping = {};
    for (const f of specs) mapping[f.name] = input.mapping[f.name] ?? null;
    for (const [field, header] of Object.entries(input.mapping)) {
      if (!specs.some((f) => f.name === field)) error(0, null, field, `${IMPORT_KIND_LABELS[kind]} have no field "${field}".`);
      else if (header !== null && !seenHeaders.has(header)) error(0, header, null, `The file has no column "${header}" (mapped to ${field}).`);
    }
    mappingSource = 'given';
  } else if (remembered) {
    const old = JSON.parse(remembered.mapping) as Record<string, string | null>;
    mapping = Object.fromEntries(specs.map((f) => [f.name, old[f.name] && seenHeaders.has(old[f.name]!) ? old[f.name]! : null]));
    mappingSource = 'remembered';
  } else {
    mapping = proposeMapping(kind, headers);
    mappingSource = 'proposed';
  }
  const values: Record<string, Record<string, string>> = input.values ?? (remembered ? (JSON.parse(remembered.valueMap) as Record<string, Record<string, string>>) : {});
  const col = (field: string): number => (mapping[field] ? (seenHeaders.get(mapping[field]!) ?? -1) : -1);
  const mappedHeaders = new Set(Object.values(mapping).filter((x): x is string => !!x));
  const proposal = input.mapping ? proposeMapping(kind, headers) : null;
  const leftOut = (hd: string) => !!proposal && Object.entries(proposal).some(([f, ph]) => ph === hd && input.mapping![f] === null);
  const unusedColumns = headers.filter((hd) => hd && !mappedHeaders.has(hd)).map((hd) => ({ column: hd, reason: leftOut(hd) ? 'left out by you' : unusedReason(kind, hd) }));

  // Rows with the wrong number of fields.
  const tooMany = dataRecords.length > MAX_ROWS;
  const usable: boolean[] = dataRecords.map((rec, i) => {
    if (tooMany) return false;
    if (rec.length > headers.length && rec.slice(headers.length).some((x) => x.trim())) {
      error(rowOf(i), null, null, `The row has ${rec.length} fields but the header names ${headers.length} columns.`);
      return false;
    }
    if (rec.length < headers.length && !(rec.length === 1 && headers.length > 1 && !rec[0].trim())) {
      error(rowOf(i), null, null, `The row has ${rec.length} field${rec.length === 1 ? '' : 's'} but the header names ${headers.length} columns.`);
      return false;
    }
    return true;
  });
  const raw = (i: number, field: string): string => {
    const c = col(field);
    return c < 0 ? '' : (dataRecords[i][c] ?? '').trim();
  };

  // Dates: the declared format, or the one every date fits.
  const dateFields = specs.filter((f) => f.type === 'date' && col(f.name) >= 0);
  const dateValues: string[] = [];
  for (const f of dateFields) for (let i = 0; i < dataRecords.length; i++) if (usable[i] && raw(i, f.name)) dateValues.push(raw(i, f.name));
  const possible = dateValues.length ? possibleDateFormats(dateValues) : [];
  let dateFormat: DateFormat | null = input.dateFormat ?? null;
  let dateFormatDetected = false;
  if (!dateFormat && dateValues.length) {
    if (remembered?.dateFormat && possible.includes(remembered.dateFormat as DateFormat)) dateFormat = remembered.dateFormat as DateFormat;
    else if (possible.length === 1) dateFormat = possible[0];
    else if (possible.length > 1) {
      error(0, mapping[dateFields[0].name], dateValues.find((v) => /^\d{1,2}\D\d{1,2}\D/.test(v)) ?? null, `Every date of the file reads as ${possible.join(' and as ')}: declare the file's date format.`);
    } else dateFormat = bestDateFormat(dateValues);
    dateFormatDetected = dateFormat !== null;
  }

  // External ids imported before.
  const refKind: RefKind = ({ patients: 'patient', staff: 'staff', doctors: 'doctor', rooms: 'room', appointments: 'appointment' } as const)[kind];
  const externalIds = col('externalId') >= 0 ? dataRecords.map((_, i) => (usable[i] ? raw(i, 'externalId') : '')).filter(Boolean) : [];
  const imported = await refsOf(em, h.id, refKind, [...new Set(externalIds)]);
  // doctors: a doctor file of staff imported before (seed 001's doctor.csv names staff ids).
  const importedStaff = kind === 'doctors' ? await refsOf(em, h.id, 'staff', [...new Set(externalIds)]) : new Map<string, number>();

  // What the hospital has.
  const depRows: { id: number; name: string; active: number }[] = await em.query('SELECT id, name, active FROM departments WHERE hospital_id = ?', [h.id]);
  const departments = new Map(depRows.map((d) => [nameMatchKey(d.name), Number(d.id)]));
  const newDepartments = new Map<string, string>();
  const specRows: { specialization: string }[] = kind === 'staff' || kind === 'doctors'
    ? await em.query('SELECT DISTINCT d.specialization FROM doctors d JOIN staff s ON s.id = d.staff_id WHERE s.hospital_id = ?', [h.id])
    : [];
  const specializations = new Set(specRows.map((r) => nameMatchKey(r.specialization)));
  const newSpecializations = new Map<string, string>();
  const floorRows: { id: number; name: string; level: number }[] = kind === 'rooms' ? await em.query('SELECT id, name, level FROM floors WHERE hospital_id = ? ORDER BY level, id', [h.id]) : [];
  const floors = new Map(floorRows.map((f) => [nameMatchKey(f.name), Number(f.id)]));
  const newFloors = new Map<string, string>();
  const defaultFloorId = floorRows.length ? Number(floorRows[0].id) : null;
  if (kind === 'rooms' && col('floor') < 0 && defaultFloorId === null) newFloors.set(nameMatchKey('Ground floor'), 'Ground floor');

  const planned: Planned[] = [];
  let alreadyImported = 0;
  const firstRowOfId = new Map<string, number>();
  const unknownValues = new Map<string, Set<string>>();
  const phoneCache = new Map<string, ReturnType<typeof checkPhone>>();
  const total = dataRecords.length;

  for (let i = 0; i < dataRecords.length; i++) {
    if (i % 5000 === 0) {
      job.progress('checking', i, total);
      await job.check();
    }
    if (!usable[i]) continue;
    const row = rowOf(i);
    const ext = raw(i, 'externalId') || null;
    if (ext) {
      if (ext.length > 100) {
        error(row, mapping.externalId, ext.slice(0, 40), 'An id longer than 100 characters.');
        continue;
      }
      const key = ext.toLowerCase();
      if (firstRowOfId.has(key)) {
        error(row, mapping.externalId, ext, `The id ${ext} is also on row ${firstRowOfId.get(key)}.`);
        continue;
      }
      firstRowOfId.set(key, row);
      if (imported.has(key)) {
        alreadyImported++;
        continue;
      }
    }
    const p: Planned = { row, externalId: ext, v: {} };
    const completesStaff = kind === 'doctors' && ext ? importedStaff.get(ext.toLowerCase()) : undefined;
    if (completesStaff !== undefined) p.staffId = completesStaff;
    let ok = true;
    for (const f of specs) {
      if (f.name === 'externalId') continue;
      const c = col(f.name);
      const text = c < 0 ? '' : raw(i, f.name);
      const header = mapping[f.name];
      // A doctor row completing an imported staff member needs no names.
      const required = f.required && !(completesStaff !== undefined && f.name !== 'specialization');
      if (!text) {
        if (required) {
          ok = false;
          if (c >= 0) error(row, header, '', `${f.label} is required.`);
        }
        p.v[f.name] = null;
        continue;
      }
      const value = readValue(f, text, { dateFormat, country: h.country, values: values[f.name], phoneCache });
      if (!value.ok) {
        ok = false;
        if (value.unknownChoice) {
          const set = unknownValues.get(f.name) ?? new Set<string>();
          set.add(text);
          unknownValues.set(f.name, set);
        }
        error(row, header, text, value.message);
        continue;
      }
      p.v[f.name] = value.value;
    }
    // Whole fields missing from the file.
    for (const f of specs) {
      const required = f.required && !(completesStaff !== undefined && f.name !== 'specialization');
      if (required && col(f.name) < 0) ok = false;
    }
    if (!ok) continue;
    const bad = kindChecks(kind, p, { today, error: (column, value, message) => { error(row, column === null ? null : (mapping[column] ?? column), value, message); } });
    if (!bad) planned.push(p);
  }
  job.progress('checking', total, total);

  // A field no row can do without, missing from the mapping (when some row would create a record: a file of rows
  // imported before, or of doctor rows completing imported staff, needs no names).
  const completions = kind === 'doctors' ? [...firstRowOfId.keys()].filter((k) => importedStaff.has(k) && !imported.has(k)).length : 0;
  const creatingRows = usable.filter(Boolean).length - alreadyImported - completions;
  for (const f of specs) {
    if (!f.required || col(f.name) >= 0) continue;
    if (creatingRows > 0 || (f.name === 'specialization' && completions > 0)) error(0, null, null, `No column is mapped to ${f.label.toLowerCase()}, which ${IMPORT_KIND_LABELS[kind].toLowerCase()} need.`);
  }

  if (creatingRows > 0) assumptions.unshift(...specs.filter((f) => col(f.name) < 0 && f.whenAbsent).map((f) => `No ${f.label.toLowerCase()} column: ${f.whenAbsent}.`));

  // Departments, specializations and floors the hospital lacks.
  const needName = (field: string, have: Map<string, unknown> | Set<string>, missing: Map<string, string>, what: string, label: string) => {
    for (const p of planned) {
      const name = p.v[field];
      if (typeof name !== 'string') continue;
      const key = nameMatchKey(name);
      if (have.has(key)) continue;
      if (!missing.has(key)) missing.set(key, name);
      if (!input.createMissing) error(p.row, mapping[field] ?? null, name, `${h.name} has no ${what} "${name}": tick "create missing ${label}" to create it.`);
    }
  };
  if (kind === 'staff' || kind === 'doctors') {
    needName('department', departments, newDepartments, 'department', 'departments');
    needName('specialization', specializations, newSpecializations, 'doctor with the specialization', 'departments and specializations');
    newSpecializations.delete(nameMatchKey(NOT_GIVEN));
  }
  if (kind === 'rooms') needName('floor', floors, newFloors, 'floor', 'floors');

  // Kind-specific references and duplicates.
  if (kind === 'doctors') await checkDoctorRows(em, h, planned, error, mapping);
  if (kind === 'doctors' && col('licenceNumber') >= 0) {
    // Licence numbers are unique across the chain: against the database and within the file.
    const given = planned.filter((p) => typeof p.v.licenceNumber === 'string');
    const taken = new Set(
      (await chunked(given.map((p) => p.v.licenceNumber as string), CHUNK, (c) => em.query(`SELECT licence_number FROM doctors WHERE licence_number IN (${marks(c.length)})`, c) as Promise<{ licence_number: string }[]>)).map((r) => r.licence_number.toLowerCase()),
    );
    const first = new Map<string, number>();
    for (const p of given) {
      const licence = p.v.licenceNumber as string;
      const key = licence.toLowerCase();
      if (taken.has(key)) error(p.row, mapping.licenceNumber, licence, 'Another doctor already has that licence number.');
      else if (first.has(key)) error(p.row, mapping.licenceNumber, licence, `The licence number is also on row ${first.get(key)}.`);
      else first.set(key, p.row);
    }
  }
  if (kind === 'staff') {
    const doctorsWithout = planned.filter((p) => p.v.staffRole === 'doctor' && !p.v.specialization).length;
    if (doctorsWithout) assumptions.push(`${doctorsWithout} doctor${doctorsWithout === 1 ? ' has' : 's have'} no specialization in this file: recorded as "${NOT_GIVEN}" until a doctors file gives it.`);
    const doctors = planned.filter((p) => p.v.staffRole === 'doctor').length;
    if (doctors) assumptions.push(`Doctors get a placeholder licence number "IMPORT-${h.id}-<staff id>" and a consultation fee of 0, to be completed in Staff.`);
  }
  if (kind === 'rooms') await checkRoomRows(em, h, planned, error, mapping);
  if (kind === 'appointments') await checkAppointmentRows(em, h, planned, error, warn, mapping, assumptions, today);

  // Phones several rows share.
  const byPhone = new Map<string, Planned[]>();
  for (const p of planned) if (typeof p.v.phone === 'string') byPhone.set(p.v.phone, [...(byPhone.get(p.v.phone) ?? []), p]);
  const sharedPhones = [...byPhone.entries()].filter(([, ps]) => ps.length > 1).map(([phone, ps]) => ({ phone, rows: ps.length })).sort((a, b) => b.rows - a.rows);
  let duplicatesInFile = 0;
  let duplicatesInDatabase = 0;
  if (kind === 'patients') {
    const d = await patientDuplicates(em, planned, input.acknowledgeDuplicates, problems, mapping, job);
    duplicatesInFile = d.inFile;
    duplicatesInDatabase = d.inDatabase;
  } else {
    for (const [phone, ps] of byPhone) {
      if (ps.length < 2) continue;
      for (const p of ps.slice(1)) warn(p.row, mapping.phone, phone, `${ps.length} rows share this phone number (first on row ${ps[0].row}).`);
    }
  }

  // Rows with a problem do not count as "to create".
  const errorRows = new Set(problems.filter((x) => x.severity === 'error').map((x) => x.row));
  const creatable = planned.filter((p) => !errorRows.has(p.row));
  const errorCount = problems.filter((x) => x.severity === 'error').length;
  problems.sort((a, b) => a.row - b.row);

  const fields: ImportField[] = specs.map((f) => ({ name: f.name, label: f.label, required: f.required, example: f.example, ...(f.choices ? { choices: f.choices } : {}), ...(f.whenAbsent ? { whenAbsent: f.whenAbsent } : {}) }));
  const preview: ImportPreview = {
    kind,
    delimiter,
    delimiterDetected: input.delimiter === undefined,
    dateFormat,
    dateFormatDetected,
    dateFormatsPossible: possible,
    headers,
    signature: signatureText,
    mapping,
    mappingSource,
    fields,
    unusedColumns,
    rows: dataRecords.length,
    problems: problems.slice(0, MAX_PROBLEMS_SHOWN),
    problemsTruncated: problems.length > MAX_PROBLEMS_SHOWN,
    errorCount,
    warningCount: problems.length - errorCount,
    summary: { create: creatable.length, alreadyImported, duplicatesInFile, duplicatesInDatabase, sharedPhones: sharedPhones.slice(0, 50) },
    missing: { departments: [...newDepartments.values()], specializations: [...newSpecializations.values()], floors: [...newFloors.values()] },
    unknownValues: [...unknownValues.entries()].map(([field, set]) => ({ field, column: mapping[field] ?? '', values: [...set].slice(0, 50) })),
    assumptions,
    sample: creatable.slice(0, 5).map((p) => ({ row: p.row, externalId: p.externalId, ...p.v })),
    canCommit: errorCount === 0,
  };
  return { hospital: h, today, preview, planned: creatable, allProblems: problems, signatureHash, values, departments, newDepartments, floors, newFloors, defaultFloorId };
}

type Read = { ok: true; value: string | number } | { ok: false; message: string; unknownChoice?: boolean };

function readValue(
  f: FieldSpec,
  text: string,
  o: { dateFormat: DateFormat | null; country: string; values?: Record<string, string>; phoneCache: Map<string, ReturnType<typeof checkPhone>> },
): Read {
  if (CONTROL.test(text)) return { ok: false, message: 'Contains control characters.' };
  switch (f.type) {
    case 'text':
      if (f.max && text.length > f.max) return { ok: false, message: `At most ${f.max} characters (this is ${text.length}).` };
      return { ok: true, value: text.replace(/\s+/g, ' ') };
    case 'email':
      if (text.length > 254 || !EMAIL.test(text)) return { ok: false, message: 'Not an e-mail address.' };
      return { ok: true, value: text.toLowerCase() };
    case 'phone': {
      const check = cachedPhoneCheck(text, o.country, o.phoneCache);
      return check.ok ? { ok: true, value: check.e164 } : { ok: false, message: check.message };
    }
    case 'date': {
      if (!o.dateFormat) return { ok: false, message: 'The date format is not known: declare it.' };
      const d = readDate(text, o.dateFormat);
      if (!d.ok) return { ok: false, message: d.message };
      return { ok: true, value: d.time ? `${d.date} ${d.time}` : d.date };
    }
    case 'time': {
      const t = readTime(text);
      return t ? { ok: true, value: t } : { ok: false, message: 'Not a time of day (e.g. 09:30).' };
    }
    case 'int': {
      if (!/^\d{1,6}$/.test(text)) return { ok: false, message: 'Expected a whole number.' };
      return { ok: true, value: Number(text) };
    }
    case 'money': {
      const t = text.replace(/[\s,]/g, '');
      if (!/^\d{1,13}$/.test(t)) return { ok: false, message: "Expected an amount in the currency's smallest unit, as a whole number." };
      return { ok: true, value: Number(t) };
    }
    case 'choice': {
      const c = readChoice(f.name, f.choices ?? [], text, o.values);
      if (c === null) return { ok: false, unknownChoice: true, message: `"${text}" is not a known ${f.label.toLowerCase()}: expected one of ${(f.choices ?? []).join(', ')}, or give it a meaning.` };
      return { ok: true, value: c };
    }
  }
}

/**
 * checkPhone (registration's rule) for a file of numbers, at a hundredth of the cost: numbers alike but for their last
 * four digits share the verdict (libphonenumber's patterns end in "any N digits"), so each such group is parsed once
 * and the others take its verdict, their own last digits put back. Anything unusual is parsed in full.
 */
function cachedPhoneCheck(text: string, country: string, cache: Map<string, ReturnType<typeof checkPhone>>): ReturnType<typeof checkPhone> {
  const plain = text.replace(/[\s().-]/g, '');
  const m = /^(\+?\d{4,})(\d{4})$/.exec(plain);
  if (!m) {
    let full = cache.get(text);
    if (!full) cache.set(text, (full = checkPhone(text, country)));
    return full;
  }
  const key = `${m[1]}····`;
  let group = cache.get(key);
  if (!group) {
    group = checkPhone(plain, country);
    // A verdict is shared only when the number's own last four digits end its E.164 form.
    if (group.ok && !group.e164.endsWith(m[2])) return group;
    cache.set(key, group.ok ? { ok: true, e164: group.e164.slice(0, -4) } : group);
    return group;
  }
  return group.ok ? { ok: true, e164: group.e164 + m[2] } : group;
}

/** The rules of each kind a single row can break; returns true when it broke one. */
function kindChecks(kind: ImportKind, p: Planned, o: { today: string; error: (field: string | null, value: string | null, message: string) => void }): boolean {
  let bad = false;
  const fail = (field: string | null, value: string | null, message: string) => {
    bad = true;
    o.error(field, value, message);
  };
  const v = p.v;
  const dateOnly = (field: string) => {
    const d = v[field];
    if (typeof d === 'string' && d.length > 10) v[field] = d.slice(0, 10);
  };
  if (kind === 'patients') {
    dateOnly('dateOfBirth');
    const dob = v.dateOfBirth as string;
    const oldest = `${Number(o.today.slice(0, 4)) - 130}${o.today.slice(4)}`;
    if (dob > o.today) fail('dateOfBirth', dob, 'The date of birth is in the future.');
    else if (dob < oldest) fail('dateOfBirth', dob, 'The date of birth is more than 130 years ago.');
    v.sex ??= 'unknown';
  }
  if (kind === 'staff' || kind === 'doctors') {
    dateOnly('hireDate');
    const hire = v.hireDate as string | null;
    if (hire) {
      const latest = `${Number(o.today.slice(0, 4)) + 1}${o.today.slice(4)}`;
      if (hire > latest) fail('hireDate', hire, 'The hire date is more than a year ahead.');
      if (hire < '1940-01-01') fail('hireDate', hire, 'The hire date is before 1940.');
    }
    if (kind === 'staff') {
      const hours = v.contractedHours as number | null;
      if (hours !== null && hours > 80) fail('contractedHours', String(hours), 'At most 80 hours a week.');
      if (v.specialization && v.staffRole !== 'doctor') fail('specialization', String(v.specialization), 'Only doctors have a specialization.');
    }
  }
  if (kind === 'rooms') {
    v.number ??= p.externalId;
    if (!v.number) fail(null, null, 'The room has neither a number nor an id.');
    else if (String(v.number).length > 20) fail('number', String(v.number), 'A room number has at most 20 characters.');
    const theatre = v.roomType === 'operating_theatre';
    const beds = v.beds as number | null;
    if (beds !== null && beds > 60) fail('beds', String(beds), 'At most 60 beds in one room.');
    if (theatre && beds) fail('beds', String(beds), 'An operating theatre has no beds.');
    if (!theatre && beds === 0) fail('beds', '0', 'A ward room needs at least one bed.');
  }
  if (kind === 'appointments') {
    const d = v.date as string;
    if (d && d.length > 10) {
      v.time ??= d.slice(11);
      v.date = d.slice(0, 10);
    }
    if ((v.date as string) > o.today) fail('date', v.date as string, `After today (${o.today}): only past appointments are imported; book future ones in Appointments.`);
  }
  return bad;
}

async function checkDoctorRows(em: EntityManager, h: HospitalEntity, planned: Planned[], error: (row: number, column: string | null, value: string | null, message: string) => void, mapping: Record<string, string | null>) {
  const staffIds = planned.filter((p) => p.staffId !== undefined).map((p) => p.staffId!);
  if (staffIds.length === 0) return;
  const rows: { id: number; staff_role: string; first_name: string; last_name: string }[] = await em.query(
    `SELECT id, staff_role, first_name, last_name FROM staff WHERE hospital_id = ? AND id IN (${marks(staffIds.length)})`,
    [h.id, ...staffIds],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  for (let k = planned.length - 1; k >= 0; k--) {
    const p = planned[k];
    if (p.staffId === undefined) continue;
    const s = byId.get(p.staffId);
    if (!s) {
      error(p.row, mapping.externalId, p.externalId, 'The staff member imported under this id no longer exists.');
      planned.splice(k, 1);
    } else if (s.staff_role !== 'doctor') {
      error(p.row, mapping.externalId, p.externalId, `${s.first_name} ${s.last_name} (imported under this id) is not a doctor but ${s.staff_role.replace('_', ' ')}.`);
      planned.splice(k, 1);
    }
  }
}

async function checkRoomRows(em: EntityManager, h: HospitalEntity, planned: Planned[], error: (row: number, column: string | null, value: string | null, message: string) => void, mapping: Record<string, string | null>) {
  const numbers = planned.map((p) => String(p.v.number));
  const taken = new Set(
    (await chunked(numbers, CHUNK, (c) => em.query(`SELECT number FROM rooms WHERE hospital_id = ? AND number IN (${marks(c.length)})`, [h.id, ...c]) as Promise<{ number: string }[]>)).map((r) => r.number.toLowerCase()),
  );
  const first = new Map<string, number>();
  for (const p of planned) {
    const n = String(p.v.number);
    const key = n.toLowerCase();
    const column = mapping.number ?? mapping.externalId;
    if (taken.has(key)) error(p.row, column, n, `${h.name} already has a room ${n}.`);
    else if (first.has(key)) error(p.row, column, n, `Room ${n} is also on row ${first.get(key)}.`);
    else first.set(key, p.row);
  }
}

async function checkAppointmentRows(
  em: EntityManager,
  h: HospitalEntity,
  planned: Planned[],
  error: (row: number, column: string | null, value: string | null, message: string) => void,
  warn: (row: number, column: string | null, value: string | null, message: string) => void,
  mapping: Record<string, string | null>,
  assumptions: string[],
  today: string,
) {
  const patientRefs = [...new Set(planned.map((p) => String(p.v.patientRef)))];
  const doctorRefs = [...new Set(planned.map((p) => String(p.v.doctorRef)))];
  const patients = await refsOf(em, h.id, 'patient', patientRefs);
  // A patient number of this hospital also names a patient.
  const unresolved = patientRefs.filter((r) => !patients.has(r.toLowerCase()));
  for (const r of await chunked(unresolved, CHUNK, (c) => em.query(`SELECT id, patient_number FROM patients WHERE hospital_id = ? AND patient_number IN (${marks(c.length)})`, [h.id, ...c]) as Promise<{ id: number; patient_number: string }[]>)) {
    patients.set(r.patient_number.toLowerCase(), Number(r.id));
  }
  const doctorsRef = await refsOf(em, h.id, 'doctor', doctorRefs);
  const staffRef = await refsOf(em, h.id, 'staff', doctorRefs.filter((r) => !doctorsRef.has(r.toLowerCase())));
  const ids = [...new Set([...doctorsRef.values(), ...staffRef.values()])];
  const doctorRows: { staff_id: number; default_slot_minutes: number; department_id: number | null; hospital_id: number }[] = ids.length
    ? await em.query(`SELECT d.staff_id, d.default_slot_minutes, s.department_id, s.hospital_id FROM doctors d JOIN staff s ON s.id = d.staff_id WHERE d.staff_id IN (${marks(ids.length)})`, ids)
    : [];
  const doctors = new Map(doctorRows.map((d) => [Number(d.staff_id), d]));
  let scheduledInPast = 0;
  const seen = new Map<string, number>();
  for (let k = planned.length - 1; k >= 0; k--) {
    const p = planned[k];
    const pref = String(p.v.patientRef);
    const dref = String(p.v.doctorRef);
    const patientId = patients.get(pref.toLowerCase());
    const doctorStaff = doctorsRef.get(dref.toLowerCase()) ?? staffRef.get(dref.toLowerCase());
    const doctor = doctorStaff === undefined ? undefined : doctors.get(doctorStaff);
    let bad = false;
    if (patientId === undefined) {
      error(p.row, mapping.patientRef, pref, `No patient was imported under the id ${pref} and no patient has that number: import the patients file first.`);
      bad = true;
    }
    if (doctor === undefined) {
      error(p.row, mapping.doctorRef, dref, doctorStaff === undefined ? `No doctor was imported under the id ${dref}: import the doctors file first.` : `The staff member imported under the id ${dref} is not a doctor.`);
      bad = true;
    }
    if (bad) {
      planned.splice(k, 1);
      continue;
    }
    p.patientId = patientId;
    p.doctorId = Number(doctor!.staff_id);
    p.doctorDepartmentId = Number(doctor!.hospital_id) === h.id && doctor!.department_id !== null ? Number(doctor!.department_id) : null;
    p.slotMinutes = Number(doctor!.default_slot_minutes) || 15;
    p.v.status ??= 'completed';
    p.dayOnly = !p.v.time;
    if ((p.v.status === 'booked' || p.v.status === 'checked_in') && (p.v.date as string) < today) scheduledInPast++;
  }
  for (const p of [...planned].sort((a, b) => a.row - b.row)) {
    const key = `${p.patientId}|${p.doctorId}|${p.v.date}|${p.v.time ?? ''}`;
    if (seen.has(key)) warn(p.row, mapping.date, String(p.v.date), `The same patient, doctor and day as row ${seen.get(key)}.`);
    else seen.set(key, p.row);
  }
  if (scheduledInPast) assumptions.push(`${scheduledInPast} visit${scheduledInPast === 1 ? ' is' : 's are'} still "scheduled" on a past day: kept as booked (the outcome is not in the file).`);
}

/**
 * Registration's rules, for a whole file at once: a patient with the same phone, or born the same day with a similar
 * name, in the database or on an earlier row. Registration asks the desk to confirm a different person; here the
 * administrator does (`acknowledgeDuplicates`): until then they are errors, then warnings.
 */
async function patientDuplicates(
  em: EntityManager,
  planned: Planned[],
  acknowledged: boolean,
  problems: ImportProblem[],
  mapping: Record<string, string | null>,
  job: Job,
): Promise<{ inFile: number; inDatabase: number }> {
  const severity: ImportProblem['severity'] = acknowledged ? 'warning' : 'error';
  const tail = acknowledged ? ' Imported as a different person, as you confirmed.' : ' Registration would ask whether this is a different person: confirm that these are different people to import.';
  const phones = [...new Set(planned.map((p) => p.v.phone as string))];
  const dobs = [...new Set(planned.map((p) => p.v.dateOfBirth as string))];
  // The first registered patient of each phone (the index's order).
  const byPhone = new Map<string, { first_name: string; last_name: string }>();
  await eachChunk(
    phones,
    5 * CHUNK,
    (c) => em.query(`SELECT phone, first_name, last_name FROM patients WHERE phone IN (${marks(c.length)})`, c) as Promise<{ phone: string; first_name: string; last_name: string }[]>,
    (rows) => {
      for (const r of rows) if (!byPhone.has(r.phone)) byPhone.set(r.phone, r);
    },
  );
  await job.check();
  const names = new NameWords();
  // Per day of birth, the registered patients' names as pairs of spellings (first, last), at most 2,000 patients a day.
  const byDob = new Map<string, number[]>();
  await eachChunk(
    dobs,
    500,
    (c) => em.query(`SELECT date_of_birth AS dob, first_name, last_name FROM patients FORCE INDEX (ix_patients_dob) WHERE date_of_birth IN (${marks(c.length)})`, c) as Promise<{ dob: string | Date; first_name: string; last_name: string }[]>,
    (rows) => {
      for (const r of rows) {
        const key = typeof r.dob === 'string' ? r.dob.slice(0, 10) : r.dob.toISOString().slice(0, 10);
        let list = byDob.get(key);
        if (!list) byDob.set(key, (list = []));
        if (list.length < 4000) list.push(names.spelling(r.first_name), names.spelling(r.last_name));
      }
    },
  );
  await job.check();
  // Every name of the file is read before the comparisons, so that the verdicts of each pair of words can be kept in rows as long as the vocabulary.
  const fileNames = planned.map((p) => [names.word(names.spelling(p.v.firstName as string)), names.word(names.spelling(p.v.lastName as string))] as const);
  const similarWords = similarWordsOnce(names);
  const similarFolded = (f1: number, l1: number, f2: number, l2: number) => (similarWords(f1, f2) && similarWords(l1, l2)) || (similarWords(f1, l2) && similarWords(l1, f2));
  let inDatabase = 0;
  let inFile = 0;
  const fileByPhone = new Map<string, Planned>();
  const fileByDob = new Map<string, { p: Planned; f: number; l: number }[]>();
  for (let i = 0; i < planned.length; i++) {
    const p = planned[i];
    const [first, last] = fileNames[i];
    const phone = p.v.phone as string;
    const dob = p.v.dateOfBirth as string;
    // Against the database.
    const samePhone = byPhone.get(phone);
    let similar: { first_name: string; last_name: string } | undefined;
    if (!samePhone) {
      const known = byDob.get(dob) ?? [];
      for (let c = 0; c < known.length && !similar; c += 2) {
        if (similarFolded(first, last, names.word(known[c]), names.word(known[c + 1]))) similar = { first_name: names.text(known[c]), last_name: names.text(known[c + 1]) };
      }
    }
    const hit = samePhone ?? similar;
    if (hit) {
      inDatabase++;
      problems.push({
        row: p.row,
        column: samePhone ? mapping.phone : mapping.dateOfBirth,
        value: samePhone ? phone : dob,
        message: `Possible duplicate of the registered patient ${hit.first_name} ${hit.last_name} (${samePhone ? 'same phone' : 'same date of birth and similar name'}).${tail}`,
        severity,
      });
      // Against earlier rows too, below, so the file's own duplicates are counted.
    }
    // Against earlier rows of the file.
    const earlierPhone = fileByPhone.get(phone);
    const sameDay = fileByDob.get(dob) ?? [];
    let earlierSimilar: Planned | undefined;
    if (!earlierPhone) for (let k = sameDay.length - 1; k >= Math.max(0, sameDay.length - 200) && !earlierSimilar; k--) if (similarFolded(first, last, sameDay[k].f, sameDay[k].l)) earlierSimilar = sameDay[k].p;
    const earlier = earlierPhone ?? earlierSimilar;
    if (earlier) {
      inFile++;
      problems.push({
        row: p.row,
        column: earlierPhone ? mapping.phone : mapping.dateOfBirth,
        value: earlierPhone ? phone : dob,
        message: `Possible duplicate of row ${earlier.row}, ${earlier.v.firstName} ${earlier.v.lastName} (${earlierPhone ? 'same phone' : 'same date of birth and similar name'}).${tail}`,
        severity,
      });
    }
    if (!earlierPhone) fileByPhone.set(phone, p);
    sameDay.push({ p, f: first, l: last });
    fileByDob.set(dob, sameDay);
  }
  return { inFile, inDatabase };
}

/**
 * The names of a duplicate check as numbers: each spelling (as written) is folded once (foldName), and each folded
 * word gets a number, so a million registered names are held as pairs of numbers and compared by them.
 */
class NameWords {
  private readonly spellings = new Map<string, number>();
  private readonly spellingText: string[] = [];
  private readonly spellingWord: number[] = [];
  private readonly words = new Map<string, number>();
  readonly wordText: string[] = [];

  /** The number of a spelling. */
  spelling(name: string): number {
    let s = this.spellings.get(name);
    if (s === undefined) {
      const folded = foldName(name);
      let w = this.words.get(folded);
      if (w === undefined) {
        w = this.wordText.length;
        this.words.set(folded, w);
        this.wordText.push(folded);
      }
      s = this.spellingText.length;
      this.spellings.set(name, s);
      this.spellingText.push(name);
      this.spellingWord.push(w);
    }
    return s;
  }

  /** A spelling's folded word. */
  word(spelling: number): number {
    return this.spellingWord[spelling];
  }

  text(spelling: number): string {
    return this.spellingText[spelling];
  }
}

/**
 * similarWord of two folded words by their numbers, each pair compared once (a region's names repeat, in the file and
 * among the registered patients): the verdicts of a word are kept in a row of bytes as long as the vocabulary (0 not
 * compared yet, 1 not similar, 2 similar), rows dropped when they pass 64 MB together.
 */
function similarWordsOnce(names: NameWords): (a: number, b: number) => boolean {
  const rows: (Uint8Array | undefined)[] = [];
  let bytes = 0;
  const text = names.wordText;
  return (a, b) => {
    let row = rows[a];
    if (!row) {
      if (bytes + text.length > 64 * 1024 * 1024) {
        rows.length = 0;
        bytes = 0;
      }
      rows[a] = row = new Uint8Array(text.length);
      bytes += text.length;
    }
    if (b >= row.length) return similarWord(text[a], text[b]);
    let v = row[b];
    if (v === 0) row[b] = v = similarWord(text[a], text[b]) ? 2 : 1;
    return v === 2;
  };
}

/**
 * similarWord of src-shared/domain/names.ts with the same answers, for the millions of comparisons of a large file:
 * words whose lengths differ by more than the typos allowed are not compared letter by letter, and the edit distance
 * stops as soon as it exceeds them, in one reused buffer (no array per comparison).
 */
function similarWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length >= 3 && b.length >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  const k = Math.max(a.length, b.length) >= 6 ? 2 : 1;
  return Math.abs(a.length - b.length) <= k && editDistanceAtMost(a, b, k);
}

let distanceRow = new Int32Array(64);

/** Whether the edit distance of a and b is at most k (a row's smallest value never falls in the rows below it). */
function editDistanceAtMost(a: string, b: string, k: number): boolean {
  if (distanceRow.length < b.length + 1) distanceRow = new Int32Array(b.length + 1);
  const row = distanceRow;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (row[j] < least) least = row[j];
      prev = keep;
    }
    if (least > k) return false;
  }
  return row[b.length] <= k;
}

// ---- writing ----

/** Takes `n` consecutive values of a counter (creating it), in one statement; returns the first. */
async function reserveBlock(em: EntityManager, key: SequenceKey, n: number): Promise<number> {
  const res: { affectedRows: number; insertId: number | string } = await em.query(
    'INSERT INTO number_sequences (scope_key, next_value) VALUES (?, ?) ON DUPLICATE KEY UPDATE next_value = LAST_INSERT_ID(next_value + ?)',
    [key, n + 1, n],
  );
  return res.affectedRows === 1 ? 1 : Number(res.insertId) - n;
}

/** Numbers of a counter for `n` records, skipping any already in use (`taken` answers which of a list are). */
async function freshNumbers(em: EntityManager, key: SequenceKey, n: number, render: (seq: number) => string, taken: (numbers: string[]) => Promise<Set<string>>): Promise<string[]> {
  const out: string[] = [];
  for (let guard = 0; out.length < n && guard < 50; guard++) {
    const need = n - out.length;
    const start = await reserveBlock(em, key, need);
    const candidates = Array.from({ length: need }, (_, k) => render(start + k));
    const used = new Set<string>();
    for (let k = 0; k < candidates.length; k += 20 * CHUNK) for (const x of await taken(candidates.slice(k, k + 20 * CHUNK))) used.add(x);
    out.push(...candidates.filter((c) => !used.has(c)));
  }
  if (out.length < n) throw new Error('Could not find free numbers for the import');
  return out;
}

/**
 * Multi-row INSERTs of complete records; ids come back consecutive (one statement, innodb_autoinc_lock_mode ≤ 1). Each
 * statement is sent while the one before is still being written, so the server is not left waiting while the next is
 * built; a failure of any rejects the call (and its transaction rolls back).
 */
async function insertAll<T extends object>(em: EntityManager, target: new () => T, rows: T[], job: Job | null, done: { n: number; total: number }): Promise<number[]> {
  const ids = new Array<number>(rows.length);
  let previous: { sent: Promise<void>; rows: number } | null = null;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const at = i;
    const sent = insertRows(em, target, chunk).then((first) => {
      for (let k = 0; k < chunk.length; k++) ids[at + k] = first + k;
    });
    // Left unawaited when an earlier statement fails: its own failure is then moot, not an unhandled rejection.
    sent.catch(() => undefined);
    if (previous) await written(previous, job, done);
    previous = { sent, rows: chunk.length };
  }
  if (previous) await written(previous, job, done);
  return ids;
}

/** Waits for one statement; then the progress event and the chance to cancel (none for the references: `job` null). */
async function written(statement: { sent: Promise<void>; rows: number }, job: Job | null, done: { n: number; total: number }): Promise<void> {
  await statement.sent;
  done.n += statement.rows;
  if (!job) return;
  job.progress('writing', done.n, done.total);
  await job.check();
}

const make = <T extends object>(target: new () => T, fields: Partial<T>): T => Object.assign(new target(), fields);

async function write(ctx: CallContext, input: Input, a: Analysis, job: Job): Promise<ImportResult> {
  const em = ctx.em;
  const h = a.hospital;
  const now = ctx.now();
  const kind = input.kind;
  const created: Record<string, number> = {};
  let updated = 0;
  const count = (what: string, n: number) => {
    if (n) created[what] = (created[what] ?? 0) + n;
  };
  const progress = { n: 0, total: a.planned.length };
  job.progress('writing', 0, progress.total);

  const batch = make(ImportBatchEntity, {
    hospitalId: h.id,
    kind,
    fileName: input.fileName ?? null,
    signature: a.signatureHash,
    mapping: JSON.stringify(a.preview.mapping),
    valueMap: JSON.stringify(a.values),
    dateFormat: a.preview.dateFormat,
    rowCount: a.preview.rows,
    createdCount: 0,
    skippedCount: a.preview.summary.alreadyImported,
    warningCount: a.preview.warningCount,
    importedBy: ctx.user.userId,
    importedAt: now,
  });
  const batchId = await insertRows(em, ImportBatchEntity, [batch]);
  const refs: ImportRefEntity[] = [];
  const ref = (recordKind: RefKind, externalId: string | null, recordId: number) => {
    if (externalId) refs.push(make(ImportRefEntity, { hospitalId: h.id, recordKind, externalId, recordId, batchId }));
  };

  // Departments the file names that the hospital lacks (the administrator asked for them).
  const depIds = new Map(a.departments);
  if (a.newDepartments.size) {
    const rows = [...a.newDepartments.values()].map((name) => make(DepartmentEntity, { hospitalId: h.id, name, active: true, createdAt: now }));
    const ids = await insertAll(em, DepartmentEntity, rows, job, { n: 0, total: 0 });
    [...a.newDepartments.keys()].forEach((key, k) => depIds.set(key, ids[k]));
    count('departments', rows.length);
    ctx.audit({ action: 'import.departments', entity: 'department', hospitalId: h.id, changes: { batchId, created: [...a.newDepartments.values()] } });
  }
  const depOf = (name: unknown) => (typeof name === 'string' ? (depIds.get(nameMatchKey(name)) ?? null) : null);

  let firstId = 0;
  let lastId = 0;
  const audited = (entity: 'patient' | 'staff' | 'doctor' | 'room' | 'bed' | 'appointment' | 'floor', what: string, ids: number[], extra: Record<string, unknown> = {}) => {
    if (!ids.length) return;
    firstId = ids[0];
    lastId = ids[ids.length - 1];
    // One entry per kind: a file of 100,000 rows is one event in the trail, naming the ids (a small file) or their range.
    ctx.audit({
      action: `import.${what}`,
      entity,
      entityId: ids.length === 1 ? ids[0] : undefined,
      hospitalId: h.id,
      changes: { batchId, fileName: input.fileName ?? null, created: ids.length, ...(ids.length <= 50 ? { ids } : { firstId, lastId }), ...extra },
    });
  };

  if (kind === 'patients') {
    const year = Number(a.today.slice(0, 4));
    const numbers = await freshNumbers(
      em,
      sequenceKey.patientNumber(h.patientNumberFormat, year),
      a.planned.length,
      (seq) => renderPatientNumber(h.patientNumberFormat, seq, year),
      async (c) => {
        // Numbers of one width sort as they count: one range read of the unique index instead of a list.
        const sameWidth = c.every((x) => x.length === c[0].length);
        const rows: { patient_number: string }[] = sameWidth
          ? await em.query('SELECT patient_number FROM patients WHERE patient_number BETWEEN ? AND ?', [c[0], c[c.length - 1]])
          : await em.query(`SELECT patient_number FROM patients WHERE patient_number IN (${marks(c.length)})`, c);
        const wanted = new Set(c);
        return new Set(rows.map((r) => r.patient_number).filter((x) => wanted.has(x)));
      },
    );
    const rows = a.planned.map((p, k) => {
      const v = p.v as Record<string, string | null>;
      return make(PatientEntity, {
        patientNumber: numbers[k],
        hospitalId: h.id,
        firstName: v.firstName!,
        middleName: v.middleName ?? null,
        lastName: v.lastName!,
        nameKey: nameKey(v.firstName!, v.lastName!),
        nameKeyRev: reversedNameKey(v.firstName!, v.lastName!),
        dateOfBirth: v.dateOfBirth!,
        sex: v.sex as PatientEntity['sex'],
        phone: v.phone!,
        email: v.email ?? null,
        addressLine: v.addressLine ?? null,
        city: v.city ?? null,
        region: v.region ?? null,
        postalCode: null,
        nationalId: v.nationalId ?? null,
        nationalIdLast4: v.nationalId ? v.nationalId.slice(-4) : null,
        nextOfKinName: null,
        nextOfKinRelationship: null,
        nextOfKinPhone: null,
        bloodGroup: 'unknown',
        allergies: null,
        chronicConditions: null,
        insuranceProvider: null,
        insurancePolicyNumber: null,
        insuranceCoveragePercent: null,
        insuranceValidUntil: null,
        version: 1,
        createdBy: ctx.user.userId,
        createdAt: now,
        updatedAt: now,
      });
    });
    const ids = await insertAll(em, PatientEntity, rows, job, progress);
    a.planned.forEach((p, k) => ref('patient', p.externalId, ids[k]));
    count('patients', ids.length);
    audited('patient', 'patients', ids);
  }

  if (kind === 'staff' || kind === 'doctors') {
    const fresh = a.planned.filter((p) => p.staffId === undefined);
    const completing = a.planned.filter((p) => p.staffId !== undefined);
    const numbers = await freshNumbers(
      em,
      sequenceKey.employee(h.id),
      fresh.length,
      (seq) => employeeNumber(h.code, seq),
      async (c) => new Set(((await em.query(`SELECT employee_number FROM staff WHERE hospital_id = ? AND employee_number IN (${marks(c.length)})`, [h.id, ...c])) as { employee_number: string }[]).map((r) => r.employee_number)),
    );
    const rows = fresh.map((p, k) => {
      const v = p.v as Record<string, string | number | null>;
      return make(StaffEntity, {
        hospitalId: h.id,
        employeeNumber: numbers[k],
        firstName: v.firstName as string,
        lastName: v.lastName as string,
        nameKey: nameKey(v.firstName as string, v.lastName as string),
        staffRole: (kind === 'doctors' ? 'doctor' : v.staffRole) as StaffEntity['staffRole'],
        departmentId: depOf(v.department),
        phone: (v.phone as string | null) ?? null,
        email: (v.email as string | null) ?? null,
        hireDate: (v.hireDate as string | null) ?? a.today,
        contractedHours: (v.contractedHours as number | null) ?? 40,
        status: 'active',
        terminatedOn: null,
        terminationReason: null,
        userId: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    });
    const ids = await insertAll(em, StaffEntity, rows, job, progress);
    fresh.forEach((p, k) => ref(kind === 'doctors' ? 'doctor' : 'staff', p.externalId, ids[k]));
    const doctorRows: DoctorEntity[] = [];
    fresh.forEach((p, k) => {
      if (kind === 'staff' && p.v.staffRole !== 'doctor') return;
      doctorRows.push(
        make(DoctorEntity, {
          staffId: ids[k],
          specialization: (p.v.specialization as string | null) ?? NOT_GIVEN,
          licenceNumber: (p.v.licenceNumber as string | null) ?? `IMPORT-${h.id}-${ids[k]}`,
          consultationFee: (p.v.consultationFee as number | null) ?? 0,
          defaultSlotMinutes: 15,
        }),
      );
    });
    if (doctorRows.length) await insertAll(em, DoctorEntity, doctorRows, job, { n: 0, total: 0 });
    count('staff', ids.length);
    count('doctors', doctorRows.length);
    audited('staff', kind === 'doctors' ? 'doctors' : 'staff', ids, { doctors: doctorRows.length });
    // Doctor rows naming staff imported before: their doctor profile is completed (or created).
    if (completing.length) {
      const had = new Set(
        ((await em.query(`SELECT staff_id FROM doctors WHERE staff_id IN (${marks(completing.length)})`, completing.map((p) => p.staffId))) as { staff_id: number }[]).map((r) => Number(r.staff_id)),
      );
      const inserts: DoctorEntity[] = [];
      for (const p of completing) {
        const v = p.v;
        const sets: string[] = [];
        const args: unknown[] = [];
        for (const [field, column] of [['specialization', 'specialization'], ['licenceNumber', 'licence_number'], ['consultationFee', 'consultation_fee']] as const) {
          if (v[field] !== null && v[field] !== undefined) {
            sets.push(`${column} = ?`);
            args.push(v[field]);
          }
        }
        if (had.has(p.staffId!)) {
          if (sets.length) await em.query(`UPDATE doctors SET ${sets.join(', ')} WHERE staff_id = ?`, [...args, p.staffId]);
        } else {
          inserts.push(make(DoctorEntity, { staffId: p.staffId!, specialization: (v.specialization as string) ?? NOT_GIVEN, licenceNumber: (v.licenceNumber as string | null) ?? `IMPORT-${h.id}-${p.staffId}`, consultationFee: (v.consultationFee as number | null) ?? 0, defaultSlotMinutes: 15 }));
        }
        const staffSets: string[] = [];
        const staffArgs: unknown[] = [];
        if (v.department) {
          staffSets.push('department_id = ?');
          staffArgs.push(depOf(v.department));
        }
        for (const field of ['phone', 'email'] as const) {
          if (v[field]) {
            staffSets.push(`${field} = ?`);
            staffArgs.push(v[field]);
          }
        }
        if (staffSets.length) await em.query(`UPDATE staff SET ${staffSets.join(', ')}, version = version + 1 WHERE id = ?`, [...staffArgs, p.staffId]);
        ref('doctor', p.externalId, p.staffId!);
        updated++;
        progress.n++;
      }
      if (inserts.length) await insertAll(em, DoctorEntity, inserts, job, { n: 0, total: 0 });
      count('doctors', inserts.length);
      ctx.audit({
        action: 'import.doctorProfiles',
        entity: 'doctor',
        entityId: completing.length === 1 ? completing[0].staffId : undefined,
        hospitalId: h.id,
        changes: { batchId, fileName: input.fileName ?? null, completed: completing.map((p) => ({ staffId: p.staffId, specialization: p.v.specialization })) },
      });
    }
  }

  if (kind === 'rooms') {
    const floorIds = new Map(a.floors);
    if (a.newFloors.size) {
      const [{ top }]: { top: number | null }[] = await em.query('SELECT MAX(level) AS top FROM floors WHERE hospital_id = ?', [h.id]);
      let level = top === null ? -1 : Number(top);
      const rows = [...a.newFloors.values()].map((name) => make(FloorEntity, { hospitalId: h.id, name, level: ++level, createdAt: now }));
      const ids = await insertAll(em, FloorEntity, rows, job, { n: 0, total: 0 });
      [...a.newFloors.keys()].forEach((key, k) => floorIds.set(key, ids[k]));
      count('floors', ids.length);
      audited('floor', 'floors', ids);
    }
    const defaultFloor = a.defaultFloorId ?? floorIds.get(nameMatchKey('Ground floor'))!;
    const rows = a.planned.map((p) =>
      make(RoomEntity, {
        hospitalId: h.id,
        floorId: typeof p.v.floor === 'string' ? floorIds.get(nameMatchKey(p.v.floor))! : defaultFloor,
        number: String(p.v.number),
        roomType: p.v.roomType as RoomEntity['roomType'],
        dailyRate: (p.v.dailyRate as number | null) ?? 0,
        state: ((p.v.state as string | null) ?? 'available') as RoomEntity['state'],
        stateNote: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      }),
    );
    const ids = await insertAll(em, RoomEntity, rows, job, progress);
    a.planned.forEach((p, k) => ref('room', p.externalId, ids[k]));
    const beds: BedEntity[] = [];
    a.planned.forEach((p, k) => {
      const n = (p.v.beds as number | null) ?? (p.v.roomType === 'operating_theatre' ? 0 : 1);
      for (let b = 0; b < n; b++) beds.push(make(BedEntity, { hospitalId: h.id, roomId: ids[k], label: bedLabel(b), state: rows[k].state, stateNote: null, createdAt: now }));
    });
    const bedIds = await insertAll(em, BedEntity, beds, job, { n: 0, total: 0 });
    count('rooms', ids.length);
    count('beds', bedIds.length);
    audited('room', 'rooms', ids);
    audited('bed', 'beds', bedIds);
  }

  if (kind === 'appointments') {
    const rows = a.planned.map((p) => {
      const date = p.v.date as string;
      const time = (p.v.time as string | null) ?? '00:00';
      const start = DateTime.fromISO(`${date}T${time}`, { zone: h.timeZone }).toUTC().toJSDate();
      const end = p.dayOnly ? start : new Date(start.getTime() + p.slotMinutes! * 60_000);
      return make(AppointmentEntity, {
        hospitalId: h.id,
        departmentId: p.doctorDepartmentId ?? null,
        doctorId: p.doctorId!,
        patientId: p.patientId!,
        startsAt: start,
        endsAt: end,
        localDate: date,
        dayOnly: !!p.dayOnly,
        reason: (p.v.reason as string | null) ?? null,
        status: p.v.status as AppointmentEntity['status'],
        cancelReason: null,
        queueNumber: null,
        checkedInAt: null,
        completedAt: p.v.status === 'completed' && !p.dayOnly ? end : null,
        cancelledAt: null,
        bookedBy: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    });
    const ids = await insertAll(em, AppointmentEntity, rows, job, progress);
    a.planned.forEach((p, k) => ref('appointment', p.externalId, ids[k]));
    count('appointments', ids.length);
    audited('appointment', 'appointments', ids);
  }

  await insertAll(em, ImportRefEntity, refs, null, { n: 0, total: 0 });
  const createdTotal = Object.values(created).reduce((s, n) => s + n, 0);
  await em.query('UPDATE import_batches SET created_count = ? WHERE id = ?', [createdTotal, batchId]);
  ctx.audit({
    action: 'import.commit',
    entity: 'import_batch',
    entityId: batchId,
    hospitalId: h.id,
    changes: { kind, fileName: input.fileName ?? null, rows: a.preview.rows, created, alreadyImported: a.preview.summary.alreadyImported, updated, warnings: a.preview.warningCount, mapping: a.preview.mapping, dateFormat: a.preview.dateFormat },
  });
  job.progress('writing', progress.total, progress.total);
  return { batchId, kind, created, alreadyImported: a.preview.summary.alreadyImported, updated, warningCount: a.preview.warningCount };
}

// ---- the dry run, reused by the commit that follows it ----

/**
 * A preview's analysis, kept a few minutes for the commit of the same input by the same administrator: the commit
 * takes it when nothing the analysis read has changed since (no record added to the tables it reads, no import
 * committed), and checks the file again otherwise. Anything changed under it otherwise (a room renamed to a number the
 * file uses) is caught by the unique keys, and the commit rolls back.
 */
const dryRuns = new Map<string, { at: number; userId: number; state: string; csv: string; analysis: Analysis }>();
const DRY_RUN_MS = 10 * 60_000;

/** The input but its file hashed; the file itself is kept and compared whole (at memory speed, unlike hashing it). */
const inputKey = (input: Input) => sha256(JSON.stringify({ ...input, csv: input.csv.length, jobId: null }));

async function stateOf(em: EntityManager): Promise<string> {
  const [r] = await em.query(
    `SELECT (SELECT MAX(id) FROM patients) AS p, (SELECT MAX(id) FROM staff) AS s, (SELECT MAX(id) FROM departments) AS d, (SELECT MAX(id) FROM floors) AS f,
            (SELECT MAX(id) FROM rooms) AS r, (SELECT MAX(id) FROM appointments) AS a, (SELECT MAX(id) FROM import_batches) AS b, (SELECT COUNT(*) FROM doctors) AS doc`,
  );
  return JSON.stringify(r);
}

async function keepDryRun(ctx: CallContext, input: Input, analysis: Analysis): Promise<void> {
  const now = Date.now();
  for (const [k, v] of dryRuns) if (now - v.at > DRY_RUN_MS || v.userId === ctx.user.userId) dryRuns.delete(k);
  dryRuns.set(inputKey(input), { at: now, userId: ctx.user.userId, state: await stateOf(ctx.em), csv: input.csv, analysis });
}

async function takeDryRun(ctx: CallContext, input: Input): Promise<Analysis | null> {
  const key = inputKey(input);
  const kept = dryRuns.get(key);
  dryRuns.delete(key);
  if (!kept || kept.userId !== ctx.user.userId || kept.csv !== input.csv || Date.now() - kept.at > DRY_RUN_MS) return null;
  ctx.requireHospital(input.hospitalId);
  return kept.state === (await stateOf(ctx.em)) ? kept.analysis : null;
}

// ---- channels ----

function cancelledError(): AppError {
  return new AppError('CONFLICT', 'The import was cancelled: nothing was imported.');
}

export async function previewImport(ctx: CallContext, input: Input): Promise<ImportPreview> {
  const job = startJob(ctx, input.jobId);
  try {
    const a = await analyse(ctx, input, job);
    if (a.preview.canCommit && a.planned.length) await keepDryRun(ctx, input, a);
    return a.preview;
  } catch (e) {
    if (e instanceof Cancelled) throw cancelledError();
    throw e;
  } finally {
    job.end();
  }
}

export async function commitImport(ctx: CallContext, input: In<'import.commit'>): Promise<ImportResult> {
  const job = startJob(ctx, input.jobId);
  try {
    // A Cancel that overtook this commit on its way stops it before anything is read or written.
    await job.check();
    const a = (await takeDryRun(ctx, input)) ?? (await analyse(ctx, input, job));
    if (!a.preview.canCommit) {
      const n = a.preview.errorCount;
      throw new AppError('VALIDATION', `The file has ${n} problem${n === 1 ? '' : 's'} to fix: nothing was imported.`, undefined, { preview: a.preview });
    }
    return await write(ctx, input, a, job);
  } catch (e) {
    if (e instanceof Cancelled) throw cancelledError();
    throw e;
  } finally {
    job.end();
  }
}

export async function importHistory(ctx: CallContext, input: In<'import.history'>): Promise<Page<ImportBatch>> {
  const where: string[] = [];
  const args: unknown[] = [];
  const scope = hospitalCondition(ctx, 'b.hospital_id', input.hospitalId);
  if (scope) {
    where.push(scope.sql);
    args.push(...scope.args);
  }
  if (input.cursor) {
    const id = Number(input.cursor);
    if (!Number.isInteger(id) || id < 1) throw forbidden('Not a cursor of this list.');
    where.push('b.id < ?');
    args.push(id);
  }
  const rows: { id: number; hospital_id: number; kind: ImportBatch['kind']; file_name: string | null; row_count: number; created_count: number; skipped_count: number; warning_count: number; username: string | null; imported_at: Date }[] = await ctx.em.query(
    `SELECT b.id, b.hospital_id, b.kind, b.file_name, b.row_count, b.created_count, b.skipped_count, b.warning_count, u.username, b.imported_at
       FROM import_batches b LEFT JOIN users u ON u.id = b.imported_by
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY b.id DESC LIMIT ?`,
    [...args, input.limit + 1],
  );
  const items = rows.slice(0, input.limit).map((r) => ({
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    kind: r.kind,
    fileName: r.file_name,
    rows: Number(r.row_count),
    created: Number(r.created_count),
    alreadyImported: Number(r.skipped_count),
    warningCount: Number(r.warning_count),
    importedBy: r.username,
    importedAt: new Date(r.imported_at).toISOString(),
  }));
  return { items, nextCursor: rows.length > input.limit ? String(items[items.length - 1].id) : null };
}
