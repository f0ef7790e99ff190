// CSV export of every list and report: all pages of what the filter shows, streamed to a file by the main process.
//
// The source is a read channel of the contract (a list answering `Page<T>` or `T[]`) or a report with its table. Main
// runs that channel's own handler under the caller's context, after the channel's own access rule and input checks,
// so an export never shows a row the list would not (another hospital's rows, a channel the role may not call).
import { z } from 'zod';
import { channel, returns } from './channel';

/** The file's name before the date and ".csv": letters, digits, dot, dash, underscore and space. */
const FileStem = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[\p{L}\p{N}._ -]+$/u, { error: 'Letters, digits, dots, dashes and spaces only.' });

/** A channel name as the contract spells it (`patients.search`); that it is a read channel is checked by main. */
const ChannelName = z.string().max(60).regex(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/, { error: 'Not a channel name.' });

export const ExportSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('list'),
    /** A read channel answering a list: every page of it is written, from the first (a cursor in `input` is ignored). */
    channel: ChannelName,
    /** The list's input as the screen sends it (its filters); checked by that channel's own schema. */
    input: z.unknown().optional(),
  }),
  z.object({
    kind: z.literal('report'),
    /** A report channel (`reports.demographics`). */
    report: ChannelName,
    input: z.unknown().optional(),
    /** Which of the report's tables (`reportTables`) becomes the file; the first when absent. */
    table: z.string().max(60).optional(),
  }),
]);
export type ExportSource = z.input<typeof ExportSource>;

export interface ExportResult {
  /** "patients-2026-03-14.csv", or "patients-2026-03-14 (2).csv" when that name was taken: a file is never overwritten. */
  fileName: string;
  /** Where main saved it (the user's Downloads folder in the desktop app). */
  path: string;
  /** Data rows written (the header line not counted). */
  rows: number;
  /** The file's size, byte-order mark included. */
  bytes: number;
}

/** Record kinds of this area: none (exports read). */
export const exportKinds = [] as const;

export const exportsArea = {
  'reports.exportCsv': channel({
    input: z.object({
      /** Names the `reports.exportProgress` events of this export (the screen's progress bar). */
      jobId: z.string().trim().min(1).max(64).optional(),
      source: ExportSource,
      /** The file's name before the date ("patients"); the source's own name when absent. */
      name: FileStem.optional(),
    }),
    output: returns<ExportResult>(),
    // Anybody signed in: the source channel's own access rule decides.
    access: 'signedIn',
    kind: 'read',
    shows: [],
  }),
} as const;
