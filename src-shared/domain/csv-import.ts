// CSV import rules shared by the import screen and the main process: reading a file's bytes as text, RFC 4180
// parsing, delimiter detection, the fields each kind of file can feed with the header → field proposal, dates in a
// declared format, and the fixed-list values (sex, role, room type, status) written the ways other systems write them.
import { isRealDate } from './dates';

export const IMPORT_KINDS = ['patients', 'staff', 'doctors', 'rooms', 'appointments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  patients: 'Patients',
  staff: 'Staff',
  doctors: 'Doctors',
  rooms: 'Rooms and beds',
  appointments: 'Past appointments',
};

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export const IMPORT_DELIMITERS = [',', ';', '\t', '|'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

export const DELIMITER_LABELS: Record<ImportDelimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'vertical bar' };

// ---- bytes → text ----

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * A file's bytes as text: a byte-order mark says UTF-8 or UTF-16 (LE/BE); otherwise bytes that are valid UTF-8 are
 * read as UTF-8, and anything else as windows-1252 (what spreadsheet programs on Windows save as "CSV").
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: TextEncodingName; bom: boolean } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', bom: false };
  }
}

/** 0x80–0x9F of windows-1252 (the rest is Latin-1); by hand, as Node's TextDecoder reads these bytes as Latin-1. */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

// ---- parsing ----

/** The delimiter of the header line: the candidate occurring most often outside quotes (a comma when none does). */
export function detectDelimiter(text: string): ImportDelimiter {
  const counts = new Map<ImportDelimiter, number>(IMPORT_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as ImportDelimiter)) counts.set(ch as ImportDelimiter, counts.get(ch as ImportDelimiter)! + 1);
  }
  let best: ImportDelimiter = ',';
  for (const d of IMPORT_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

export interface CsvParse {
  /** Every record, the header first; blank lines are left out. */
  records: string[][];
  /** Per record, the file's line it starts on. */
  lines: number[];
  /** Malformed spots (a quote never closed, text after a closing quote). */
  faults: { line: number; message: string }[];
}

/**
 * RFC 4180: fields in double quotes may hold the delimiter, line breaks and "" for a quote; CRLF, LF or CR end a
 * record; a UTF-8 byte-order mark is ignored; a last line without a line break counts.
 */
export function parseCsv(text: string, delimiter: ImportDelimiter = ','): CsvParse {
  const records: string[][] = [];
  const lines: number[] = [];
  const faults: CsvParse['faults'] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        blank = false;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            field += text.slice(i);
            faults.push({ line: start, message: 'A quoted field is never closed: the rest of the file was read into it.' });
            i = n;
            break;
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
        for (let k = 0; k < field.length; k++) if (field[k] === '\n' || (field[k] === '\r' && field[k + 1] !== '\n')) line++;
        // Text between the closing quote and the delimiter: kept, and reported.
        let extra = '';
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') extra += text[i++];
        if (extra.trim()) {
          faults.push({ line, message: `Text after a closing quote: "${extra.slice(0, 20)}".` });
          field += extra;
        }
      } else {
        let j = i;
        while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        if (field.length) blank = false;
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        blank = false;
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (!blank) {
      records.push(fields);
      lines.push(start);
    }
    line++;
  }
  return { records, lines, faults };
}

// ---- headers and fields ----

/** A header as compared: lower case, letters and digits only ("Date_Of-Birth" → "dateofbirth"). */
export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The file's shape: its normalised headers in order. Mappings are remembered per kind and signature. */
export const headerSignature = (headers: readonly string[]): string => headers.map(normaliseHeader).join('|').slice(0, 1000);

export interface FieldSpec {
  name: string;
  label: string;
  required: boolean;
  example: string;
  /** Normalised headers that mean this field (after the kind's prefix is taken off, and before). */
  synonyms: readonly string[];
  type: 'text' | 'date' | 'phone' | 'email' | 'int' | 'money' | 'choice' | 'time';
  max?: number;
  choices?: readonly string[];
  whenAbsent?: string;
}

const ID = ['id', 'externalid', 'ref', 'refno', 'reference', 'referenceno', 'referencenumber', 'recordno', 'code', 'no', 'number'];
const FIRST = ['firstname', 'first', 'given', 'givenname', 'forename', 'fname'];
const LAST = ['lastname', 'last', 'surname', 'family', 'familyname', 'lname'];
const PHONE = ['phone', 'phonenumber', 'telephone', 'tel', 'telno', 'telephoneno', 'mobile', 'mobileno', 'cell', 'contact', 'contactno', 'phoneno'];
const EMAIL = ['email', 'emailaddress', 'mail'];
const SEX = ['sex', 'gender'];
const DEPARTMENT = ['department', 'dept', 'departmentname', 'unit'];
const SPECIALIZATION = ['specialization', 'specialisation', 'specialty', 'speciality'];

export const SEX_VALUES = ['female', 'male', 'other', 'unknown'] as const;
export const STAFF_ROLE_VALUES = ['doctor', 'nurse', 'front_desk', 'billing', 'hr', 'manager', 'admin', 'technician', 'pharmacist', 'support'] as const;
export const ROOM_TYPE_VALUES = ['general_ward', 'semi_private', 'private', 'icu', 'isolation', 'operating_theatre'] as const;
export const ROOM_STATE_VALUES = ['available', 'cleaning', 'out_of_service'] as const;
export const APPOINTMENT_STATUS_VALUES = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;

/** The fields each kind of file can feed. `externalId` is the source system's own id, kept as a reference. */
export const IMPORT_FIELDS: Record<ImportKind, readonly FieldSpec[]> = {
  patients: [
    { name: 'externalId', label: 'Patient id in the file', required: false, example: 'HMS/001', synonyms: [...ID, 'patientid', 'patientno', 'mrn'], type: 'text', max: 100, whenAbsent: 'rows are not kept as references: a later file cannot refer to them, and importing the file again creates them again' },
    { name: 'firstName', label: 'First name', required: true, example: 'Senwa', synonyms: FIRST, type: 'text', max: 100 },
    { name: 'middleName', label: 'Middle name', required: false, example: 'K.', synonyms: ['middlename', 'middle', 'othernames'], type: 'text', max: 100 },
    { name: 'lastName', label: 'Last name', required: true, example: 'David', synonyms: LAST, type: 'text', max: 100 },
    { name: 'dateOfBirth', label: 'Date of birth', required: true, example: '1980-05-15', synonyms: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'born'], type: 'date' },
    { name: 'sex', label: 'Sex', required: false, example: 'Female', synonyms: SEX, type: 'choice', choices: SEX_VALUES, whenAbsent: 'sex is recorded as unknown' },
    { name: 'phone', label: 'Phone', required: true, example: '0774123456', synonyms: PHONE, type: 'phone' },
    { name: 'email', label: 'E-mail', required: false, example: 'senwa@example.com', synonyms: EMAIL, type: 'email', max: 254 },
    { name: 'addressLine', label: 'Address', required: false, example: 'Plot 4, Kampala Road', synonyms: ['address', 'addressline', 'street', 'address1'], type: 'text', max: 250 },
    { name: 'city', label: 'City', required: false, example: 'Kampala', synonyms: ['city', 'town'], type: 'text', max: 100 },
    { name: 'region', label: 'Region / district', required: false, example: 'Central', synonyms: ['region', 'district', 'state', 'province', 'county'], type: 'text', max: 100 },
    { name: 'nationalId', label: 'National id', required: false, example: 'CM90012345ABCD', synonyms: ['nationalid', 'nin', 'idnumber', 'ssn'], type: 'text', max: 40 },
  ],
  staff: [
    { name: 'externalId', label: 'Staff id in the file', required: false, example: '4', synonyms: [...ID, 'staffid', 'employeeid', 'adminid', 'nurseid'], type: 'text', max: 100, whenAbsent: 'rows are not kept as references: importing the file again creates them again' },
    { name: 'firstName', label: 'First name', required: true, example: 'Mary', synonyms: FIRST, type: 'text', max: 100 },
    { name: 'lastName', label: 'Last name', required: true, example: 'Brown', synonyms: LAST, type: 'text', max: 100 },
    { name: 'staffRole', label: 'Role', required: true, example: 'Nurse', synonyms: ['role', 'staffrole', 'jobtitle', 'position', 'title', 'designation'], type: 'choice', choices: STAFF_ROLE_VALUES },
    { name: 'department', label: 'Department', required: false, example: 'Surgery', synonyms: DEPARTMENT, type: 'text', max: 80 },
    { name: 'specialization', label: 'Specialization (doctors)', required: false, example: 'Cardiology', synonyms: SPECIALIZATION, type: 'text', max: 80 },
    { name: 'phone', label: 'Phone', required: false, example: '0772123456', synonyms: PHONE, type: 'phone' },
    { name: 'email', label: 'E-mail', required: false, example: 'mary.brown@example.com', synonyms: EMAIL, type: 'email', max: 254 },
    { name: 'hireDate', label: 'Hire date', required: false, example: '2020-01-06', synonyms: ['hiredate', 'datehired', 'startdate', 'joined', 'datejoined', 'employedsince'], type: 'date', whenAbsent: 'the hire date is the day of the import' },
    { name: 'contractedHours', label: 'Contracted hours a week', required: false, example: '40', synonyms: ['contractedhours', 'hours', 'weeklyhours', 'hoursperweek'], type: 'int', whenAbsent: '40 contracted hours a week' },
  ],
  doctors: [
    { name: 'externalId', label: 'Doctor id in the file', required: false, example: 'HMS/DOC/003', synonyms: [...ID, 'doctorid', 'staffid', 'drid'], type: 'text', max: 100, whenAbsent: 'rows are not kept as references: appointments cannot refer to them' },
    { name: 'firstName', label: 'First name', required: true, example: 'Alice', synonyms: FIRST, type: 'text', max: 100 },
    { name: 'lastName', label: 'Last name', required: true, example: 'Heart', synonyms: LAST, type: 'text', max: 100 },
    { name: 'specialization', label: 'Specialization', required: true, example: 'Cardiology', synonyms: SPECIALIZATION, type: 'text', max: 80 },
    { name: 'department', label: 'Department', required: false, example: 'Internal Medicine', synonyms: DEPARTMENT, type: 'text', max: 80 },
    { name: 'phone', label: 'Phone', required: false, example: '0774324354', synonyms: PHONE, type: 'phone' },
    { name: 'email', label: 'E-mail', required: false, example: 'alice@example.com', synonyms: EMAIL, type: 'email', max: 254 },
    { name: 'licenceNumber', label: 'Licence number', required: false, example: 'UMDPC-12345', synonyms: ['licencenumber', 'licensenumber', 'licence', 'license', 'licenceno', 'licenseno', 'registrationnumber', 'regno'], type: 'text', max: 40, whenAbsent: "each doctor gets a placeholder licence number 'IMPORT-<hospital>-<staff id>' to be replaced in Staff" },
    { name: 'consultationFee', label: 'Consultation fee (minor units)', required: false, example: '50000', synonyms: ['consultationfee', 'fee', 'fees', 'charge'], type: 'money', whenAbsent: 'the consultation fee is 0' },
    { name: 'hireDate', label: 'Hire date', required: false, example: '2020-01-06', synonyms: ['hiredate', 'datehired', 'startdate', 'joined'], type: 'date', whenAbsent: 'the hire date is the day of the import' },
  ],
  rooms: [
    { name: 'externalId', label: 'Room id in the file', required: false, example: '1', synonyms: [...ID, 'roomid'], type: 'text', max: 100, whenAbsent: 'rows are not kept as references: importing the file again creates them again' },
    { name: 'number', label: 'Room number', required: false, example: '101', synonyms: ['roomnumber', 'roomno', 'number', 'name', 'roomname'], type: 'text', max: 20, whenAbsent: "the room number is the file's room id" },
    { name: 'roomType', label: 'Room type', required: true, example: 'general wards', synonyms: ['type', 'roomtype', 'category', 'kind', 'wardtype'], type: 'choice', choices: ROOM_TYPE_VALUES },
    { name: 'floor', label: 'Floor', required: false, example: 'Ground floor', synonyms: ['floor', 'level', 'storey', 'floorname', 'wing'], type: 'text', max: 60, whenAbsent: "rooms go to the hospital's lowest floor (a floor 'Ground floor' is created when it has none)" },
    { name: 'dailyRate', label: 'Daily rate (minor units)', required: false, example: '40000', synonyms: ['dailyrate', 'rate', 'price', 'charge', 'costperday'], type: 'money', whenAbsent: 'the daily rate is 0' },
    { name: 'beds', label: 'Beds', required: false, example: '4', synonyms: ['beds', 'bedcount', 'numberofbeds', 'capacity', 'nobeds'], type: 'int', whenAbsent: 'each room gets one bed (an operating theatre none)' },
    { name: 'state', label: 'Availability', required: false, example: 'available', synonyms: ['availability', 'available', 'status', 'state', 'isavailable'], type: 'choice', choices: ROOM_STATE_VALUES, whenAbsent: 'rooms and their beds are imported as available' },
  ],
  appointments: [
    { name: 'externalId', label: 'Appointment id in the file', required: false, example: 'HMS/APPT/007', synonyms: [...ID, 'appointmentid', 'apptid'], type: 'text', max: 100, whenAbsent: 'rows are not kept as references: importing the file again creates them again' },
    { name: 'patientRef', label: 'Patient (id of an imported patient, or patient number)', required: true, example: 'HMS/002', synonyms: ['patientid', 'patient', 'patientno', 'patientnumber', 'patientref', 'mrn'], type: 'text', max: 100 },
    { name: 'doctorRef', label: 'Doctor (id of an imported doctor)', required: true, example: 'HMS/DOC/001', synonyms: ['doctorid', 'doctor', 'drid', 'doctorref', 'staffid'], type: 'text', max: 100 },
    { name: 'date', label: 'Date', required: true, example: '2024-05-15', synonyms: ['date', 'appointmentdate', 'visitdate', 'day', 'apptdate'], type: 'date' },
    { name: 'time', label: 'Time', required: false, example: '09:30', synonyms: ['time', 'appointmenttime', 'starttime', 'start'], type: 'time', whenAbsent: 'visits are kept as visits of that day, without a time (they take no slot)' },
    { name: 'status', label: 'Status', required: false, example: 'Completed', synonyms: ['status', 'appointmentstatus', 'state', 'outcome'], type: 'choice', choices: APPOINTMENT_STATUS_VALUES, whenAbsent: 'visits are recorded as completed' },
    { name: 'reason', label: 'Reason', required: false, example: 'Follow-up', synonyms: ['reason', 'notes', 'note', 'complaint', 'purpose'], type: 'text', max: 500 },
  ],
};

/** Headers other systems use for things this app does not keep, and why they are not imported. */
const NOT_KEPT: Partial<Record<ImportKind, Record<string, string>>> = {
  staff: {
    dob: 'a staff record keeps no date of birth',
    dateofbirth: 'a staff record keeps no date of birth',
    gender: 'a staff record keeps no sex',
    sex: 'a staff record keeps no sex',
    username: 'sign-in accounts are not created by an import: create them under Users',
    password: 'sign-in accounts are not created by an import: create them under Users',
  },
  doctors: {
    gender: 'a staff record keeps no sex',
    sex: 'a staff record keeps no sex',
    dob: 'a staff record keeps no date of birth',
  },
};

const KIND_PREFIXES: Record<ImportKind, readonly string[]> = {
  patients: ['patient', 'pt'],
  staff: ['staff', 'employee', 'emp'],
  doctors: ['doctor', 'dr', 'staff'],
  rooms: ['room'],
  appointments: ['appointment', 'appt'],
};

/** The forms a normalised header is compared in: as written, then without the kind's prefix ("StaffFirstName"). */
function headerForms(kind: ImportKind, header: string): string[] {
  const n = normaliseHeader(header);
  const forms = [n];
  for (const p of KIND_PREFIXES[kind]) if (n.startsWith(p) && n.length > p.length) forms.push(n.slice(p.length));
  return forms;
}

/** Proposes which header feeds each field: exact synonyms first, then the kind's prefix taken off; a field takes one header. */
export function proposeMapping(kind: ImportKind, headers: readonly string[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  const used = new Set<number>();
  const fields = IMPORT_FIELDS[kind];
  for (const pass of [0, 1] as const) {
    for (const f of fields) {
      if (mapping[f.name]) continue;
      const at = headers.findIndex((h, i) => !used.has(i) && (pass === 0 ? [normaliseHeader(h)] : headerForms(kind, h).slice(1)).some((form) => f.synonyms.includes(form)));
      if (at >= 0) {
        mapping[f.name] = headers[at];
        used.add(at);
      }
    }
  }
  // The one remaining header ending in "id" is the source's own id ("AdminId").
  if (!mapping.externalId) {
    const ids = headers.map((h, i) => [h, i] as const).filter(([h, i]) => !used.has(i) && /id$/.test(normaliseHeader(h)));
    if (ids.length === 1) mapping.externalId = ids[0][0];
  }
  for (const f of fields) mapping[f.name] ??= null;
  return mapping;
}

/** Why a column is not imported. */
export function unusedReason(kind: ImportKind, header: string): string {
  for (const form of headerForms(kind, header)) {
    const why = NOT_KEPT[kind]?.[form];
    if (why) return why;
  }
  return `no field of ${IMPORT_KIND_LABELS[kind].toLowerCase()} is mapped to it`;
}

// ---- dates ----

const DATE_SHAPES: Record<DateFormat, RegExp> = {
  'YYYY-MM-DD': /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/,
  'DD/MM/YYYY': /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/,
  'MM/DD/YYYY': /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$/,
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type DateRead = { ok: true; date: string; time: string | null } | { ok: false; message: string };

/** A date written in `format` (a time after it is kept): a month above 12 or a day the month lacks is an error, never a guess. */
export function readDate(text: string, format: DateFormat): DateRead {
  const t = text.trim();
  const m = DATE_SHAPES[format].exec(t);
  if (!m) return { ok: false, message: `Not a date written ${format}.` };
  let y: string, mo: string, d: string;
  if (format === 'YYYY-MM-DD') [y, mo, d] = [m[1], m[2], m[3]];
  else if (format === 'DD/MM/YYYY') [d, mo, y] = [m[1], m[2], m[3]];
  else [mo, d, y] = [m[1], m[2], m[3]];
  const month = Number(mo);
  const where = format === 'YYYY-MM-DD' ? 'second' : format === 'DD/MM/YYYY' ? 'second' : 'first';
  if (month < 1 || month > 12) return { ok: false, message: `${month} is not a month: dates are declared ${format}, which puts the month ${where}.` };
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (Number(y) < 1800) return { ok: false, message: `The year ${y} is too long ago.` };
  if (!isRealDate(iso)) return { ok: false, message: `No such date: ${MONTHS[month - 1]} ${y} has no day ${Number(d)}.` };
  let time: string | null = null;
  if (m[4] !== undefined) {
    const [hh, mm] = [Number(m[4]), Number(m[5])];
    if (hh > 23 || mm > 59) return { ok: false, message: `${m[4]}:${m[5]} is not a time of day.` };
    time = `${String(hh).padStart(2, '0')}:${m[5]}`;
  }
  return { ok: true, date: iso, time };
}

/** The formats every one of these dates can be read in (all three: the file gives no clue; none: mixed or broken). */
export function possibleDateFormats(values: Iterable<string>): DateFormat[] {
  const possible = new Set<DateFormat>(DATE_FORMATS);
  for (const v of values) {
    if (!v.trim()) continue;
    for (const f of [...possible]) if (!readDate(v, f).ok) possible.delete(f);
    if (possible.size === 0) break;
  }
  return DATE_FORMATS.filter((f) => possible.has(f));
}

/** The format to read a file's dates in when none was declared: the one that reads the most (ties: null). */
export function bestDateFormat(values: readonly string[]): DateFormat | null {
  const scores = DATE_FORMATS.map((f) => values.filter((v) => v.trim() && readDate(v, f).ok).length);
  const top = Math.max(...scores);
  if (top === 0) return null;
  const winners = DATE_FORMATS.filter((_, i) => scores[i] === top);
  return winners.length === 1 ? winners[0] : null;
}

/** "9:30", "09:30", "14:05:00", "2:30 pm" → "HH:MM", or null. */
export function readTime(text: string): string | null {
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  if (m[3]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (/^p/i.test(m[3]) ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

// ---- fixed-list values ----

/** How other systems write the values of fixed lists (normalised as headers are). */
const VALUE_SYNONYMS: Record<string, Record<string, string>> = {
  sex: { f: 'female', female: 'female', woman: 'female', w: 'female', m: 'male', male: 'male', man: 'male', o: 'other', other: 'other', u: 'unknown', unknown: 'unknown', x: 'other', notstated: 'unknown' },
  staffRole: {
    doctor: 'doctor', physician: 'doctor', dr: 'doctor', consultant: 'doctor', medicalofficer: 'doctor',
    nurse: 'nurse', midwife: 'nurse', rn: 'nurse',
    frontdesk: 'front_desk', receptionist: 'front_desk', reception: 'front_desk', clerk: 'front_desk', registrar: 'front_desk',
    billing: 'billing', cashier: 'billing', accountant: 'billing', accounts: 'billing',
    hr: 'hr', humanresources: 'hr',
    manager: 'manager', management: 'manager',
    admin: 'admin', administrator: 'admin', administration: 'admin',
    technician: 'technician', labscientist: 'technician', labtechnician: 'technician', laboratory: 'technician', radiographer: 'technician', labtech: 'technician',
    pharmacist: 'pharmacist', pharmacy: 'pharmacist', dispenser: 'pharmacist',
    support: 'support', porter: 'support', cleaner: 'support', driver: 'support', security: 'support',
  },
  roomType: {
    generalward: 'general_ward', generalwards: 'general_ward', ward: 'general_ward', wards: 'general_ward', general: 'general_ward',
    semiprivate: 'semi_private', semiprivaterooms: 'semi_private', semiprivateroom: 'semi_private',
    private: 'private', privaterooms: 'private', privateroom: 'private',
    icu: 'icu', intensivecare: 'icu', intensivecareunit: 'icu',
    isolation: 'isolation', isolationroom: 'isolation', isolationrooms: 'isolation',
    operatingtheatre: 'operating_theatre', theatre: 'operating_theatre', operatingroom: 'operating_theatre', or: 'operating_theatre', theater: 'operating_theatre',
  },
  state: {
    available: 'available', yes: 'available', y: 'available', true: 'available', '1': 'available', free: 'available', open: 'available',
    cleaning: 'cleaning',
    outofservice: 'out_of_service', no: 'out_of_service', n: 'out_of_service', false: 'out_of_service', '0': 'out_of_service', closed: 'out_of_service', unavailable: 'out_of_service',
  },
  status: {
    scheduled: 'booked', booked: 'booked', planned: 'booked', pending: 'booked',
    checkedin: 'checked_in', arrived: 'checked_in',
    completed: 'completed', complete: 'completed', done: 'completed', attended: 'completed', seen: 'completed',
    cancelled: 'cancelled', canceled: 'cancelled', cancel: 'cancelled',
    noshow: 'no_show', missed: 'no_show', dna: 'no_show', didnotattend: 'no_show',
  },
};

/**
 * A fixed-list value: the administrator's own translation first (`given`, keyed by the file's value as written or
 * normalised), then the app's values and the usual synonyms. Null: not recognised.
 */
export function readChoice(field: string, choices: readonly string[], text: string, given?: Record<string, string>): string | null {
  const t = text.trim();
  if (given) {
    const mine = given[t] ?? given[t.toLowerCase()] ?? Object.entries(given).find(([k]) => normaliseHeader(k) === normaliseHeader(t))?.[1];
    if (mine !== undefined) return choices.includes(mine) ? mine : null;
  }
  if (choices.includes(t)) return t;
  const n = normaliseHeader(t);
  const hit = VALUE_SYNONYMS[field]?.[n] ?? choices.find((c) => normaliseHeader(c) === n);
  return hit ?? null;
}

/** Names compared for "the hospital has this department": case and spacing do not count. */
export const nameMatchKey = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');
