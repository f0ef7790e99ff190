// CSV import (administrators): patients, staff, doctors, rooms and beds, past appointments, with a column mapping, a
// declared date format, a dry run listing every problem, and all-or-nothing commit. External ids are kept.
//
// The flow a screen follows: read the file's bytes as text (`decodeCsvBytes` of domain/csv-import.ts), call
// `import.preview` (no mapping: the remembered or proposed one comes back), let the administrator change the mapping,
// the date format, value translations, "create missing departments" and "these are different people", preview again
// until `canCommit`, then `import.commit` with the same input. Both emit `import.progress` events for their `jobId`;
// `import.cancel` stops a running preview or commit between chunks (a commit then writes nothing).
import { z } from 'zod';
import { channel, Cursor, Id, Limit, OptionalText, returns, Text, type Page } from './channel';
import { DATE_FORMATS, IMPORT_DELIMITERS, IMPORT_KINDS, type DateFormat, type ImportDelimiter, type ImportKind } from '../domain/csv-import';

export { DATE_FORMATS, IMPORT_DELIMITERS, IMPORT_KINDS, type DateFormat, type ImportDelimiter, type ImportKind };

/** Who may import: administrators only. */
export const IMPORTERS = ['admin'] as const;

/** The largest file a call takes (the text, after decoding): 100,000 patients are about 8 MB. */
export const MAX_IMPORT_CHARS = 40_000_000;

const Header = z.string().max(200);

export const ImportInput = z.object({
  hospitalId: Id,
  kind: z.enum(IMPORT_KINDS, { error: 'Choose what the file holds: patients, staff, doctors, rooms or appointments.' }),
  /** The file's text (decoded by the screen; a UTF-8 byte-order mark is ignored). */
  csv: z
    .string({ error: 'Expected the file as text.' })
    .min(1, { error: 'The file is empty.' })
    .max(MAX_IMPORT_CHARS, { error: `The file is larger than ${MAX_IMPORT_CHARS / 1_000_000} million characters; split it.` }),
  /** Shown in the import history. */
  fileName: OptionalText(255),
  /** Target field → the file's header feeding it (null: not imported). Absent: the remembered or proposed mapping. */
  mapping: z.record(z.string().max(60), Header.nullable()).optional(),
  /** Per field, the file's value → the app's value ("specialized units" → "icu"), for values not recognised. */
  values: z.record(z.string().max(60), z.record(z.string().max(200), z.string().max(100))).optional(),
  /** How the file writes dates; absent: detected from the data (an ambiguous file is a problem until declared). */
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** Absent: detected from the header line. */
  delimiter: z.enum(IMPORT_DELIMITERS).optional(),
  /** Create the departments (and accept the specializations and floors) the file names that the hospital lacks. */
  createMissing: z.boolean().default(false),
  /** Import rows registration would stop as possible duplicates (same phone, or same birth date and a similar name). */
  acknowledgeDuplicates: z.boolean().default(false),
  /** Names the `import.progress` events of this call and lets `import.cancel` stop it. */
  jobId: Text(64).optional(),
});
export type ImportInput = z.input<typeof ImportInput>;

/** A field of the app a column can feed. */
export interface ImportField {
  name: string;
  label: string;
  required: boolean;
  example: string;
  /** The values the app knows, for fields with a fixed list (sex, role, room type, status). */
  choices?: readonly string[];
  /** What happens when the column is absent ("defaults to available"). */
  whenAbsent?: string;
}

export interface ImportProblem {
  /** The file's row number, counting the header line as row 1 (what a spreadsheet shows); 0: the file as a whole. */
  row: number;
  /** The file's header of the column, or null for the row or file as a whole. */
  column: string | null;
  value: string | null;
  message: string;
  /** Errors stop the commit; warnings are reported and imported. */
  severity: 'error' | 'warning';
}

export interface ImportPreview {
  kind: ImportKind;
  delimiter: ImportDelimiter;
  delimiterDetected: boolean;
  /** The format the dates were read with; null when the file has no dates or they fit no format. */
  dateFormat: DateFormat | null;
  dateFormatDetected: boolean;
  /** The formats every date of the file fits (several: ambiguous, e.g. 03/04/2020). */
  dateFormatsPossible: DateFormat[];
  headers: string[];
  /** The file's shape (its headers, normalised): mappings are remembered per kind and signature. */
  signature: string;
  mapping: Record<string, string | null>;
  mappingSource: 'given' | 'remembered' | 'proposed';
  fields: ImportField[];
  /** Columns no field reads, with why (a staff record keeps no date of birth…). */
  unusedColumns: { column: string; reason: string }[];
  /** Data rows (blank lines not counted). */
  rows: number;
  /** Every problem, up to 5,000 (then `problemsTruncated`); counts are of all. */
  problems: ImportProblem[];
  problemsTruncated: boolean;
  errorCount: number;
  warningCount: number;
  summary: {
    /** Rows that will create a record. */
    create: number;
    /** Rows whose external id was imported before: skipped, nothing changes. */
    alreadyImported: number;
    /** Rows that are possible duplicates of an earlier row of the file. */
    duplicatesInFile: number;
    /** Rows that are possible duplicates of a patient already registered. */
    duplicatesInDatabase: number;
    /** Phone numbers several rows share (many rows sharing one number is a warning: registration asks too). */
    sharedPhones: { phone: string; rows: number }[];
  };
  /** Named by the file, missing at the hospital: created on commit when `createMissing` is set, otherwise errors. */
  missing: { departments: string[]; specializations: string[]; floors: string[] };
  /** Values of fixed-list fields the app does not recognise: give them a meaning in `values`, or they are errors. */
  unknownValues: { field: string; column: string; values: string[] }[];
  /** What the import will assume where the file says nothing ("no availability column: rooms are imported available"). */
  assumptions: string[];
  /** The first rows as they would be stored (after mapping, dates and phones normalised). */
  sample: Record<string, string | number | null>[];
  /** No errors: `import.commit` with the same input will import. */
  canCommit: boolean;
}

export interface ImportResult {
  batchId: number;
  kind: ImportKind;
  /** Records created, by kind of record (patients, staff, doctors, departments, floors, rooms, beds, appointments). */
  created: Record<string, number>;
  /** Rows skipped because they were imported before. */
  alreadyImported: number;
  /** Doctor rows that completed a staff member imported before (seed 001's doctor.csv). */
  updated: number;
  warningCount: number;
}

export interface ImportBatch {
  id: number;
  hospitalId: number;
  kind: ImportKind;
  fileName: string | null;
  rows: number;
  created: number;
  alreadyImported: number;
  warningCount: number;
  importedBy: string | null;
  importedAt: string;
}

/** Record kinds of this area: one committed import (its file, mapping and counts). */
export const importKinds = ['import_batch'] as const;

export const imports = {
  /** The dry run: every row checked, every problem listed, nothing written. */
  'import.preview': channel({ input: ImportInput, output: returns<ImportPreview>(), access: IMPORTERS, kind: 'read', shows: [] }),
  /**
   * All or nothing: a file with any error imports nothing (VALIDATION, `details` holding the preview with its
   * problems); a failure halfway rolls everything back. Rows imported before (same external id) are skipped.
   */
  'import.commit': channel({
    input: ImportInput,
    output: returns<ImportResult>(),
    access: IMPORTERS,
    kind: 'write',
    changes: ['patient', 'staff', 'doctor', 'department', 'floor', 'room', 'bed', 'appointment', 'import_batch'],
  }),
  /** Stops a running preview or commit between chunks; false when no such job of the caller runs. */
  'import.cancel': channel({
    input: z.object({ jobId: Text(64).pipe(z.string().min(1)) }),
    output: returns<{ cancelled: boolean }>(),
    access: IMPORTERS,
    kind: 'read',
    shows: [],
    needsDatabase: false,
  }),
  /** Past imports of the hospitals in the caller's scope, newest first. */
  'import.history': channel({
    input: z.object({ hospitalId: Id.optional(), limit: Limit, cursor: Cursor }),
    output: returns<Page<ImportBatch>>(),
    access: IMPORTERS,
    kind: 'read',
    shows: ['import_batch'],
  }),
} as const;
