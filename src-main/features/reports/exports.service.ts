// CSV export of a list (every page of what its filter shows) or of a report's table, streamed to a file in the
// runtime's exports folder: UTF-8 with BOM, CRLF, formula-defused cells, a page written as soon as it is read.
//
// The source channel's own handler runs inside this call, under the caller's session, after that channel's own access
// rule and input schema: an export never shows a row the list would not, and leaves the audit entries the list leaves.
// Only the page size differs: the public schema allows at most 200 rows a page; the export asks for EXPORT_PAGE_SIZE
// after the input passed that schema, so a million rows are a hundred queries. A list may register an export page
// reader (platform/channel-handlers.ts) that reads the same rows, filter and order in fewer queries: it is used instead.
import { once } from 'node:events';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { WriteStream } from 'node:fs';
import type { z } from 'zod';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import type { ExportResult, ExportSource } from '@shared/contract/exports';
import { CSV_BOM, CSV_EOL, csvCell, csvLine, safeFileStem } from '@shared/domain/csv';
import { localDate } from '@shared/domain/dates';
import { moneyDecimal } from '@shared/domain/money';
import { cellCurrency, REPORT_CHANNELS, REPORTS, reportTables, type ReportChannel, type ReportTable } from '@shared/domain/reports';
import { AppError } from '@shared/errors';
import { exportPageOf, handlerOf } from '../../platform/channel-handlers';
import type { AuditRecord, CallContext } from '../../platform/context';
import { hospitalZones } from '../../platform/zones';
import { genericColumns, LIST_EXPORTS, type ExportColumn, type ExportEnv } from './exports.columns';
import { authorise } from '../permissions';

/** Rows read a query while exporting (the screens read 50, at most 200). */
export const EXPORT_PAGE_SIZE = 10_000;
/** Channels that are never a source: the export itself. */
const NOT_SOURCES = new Set<string>(['reports.exportCsv']);

export interface ExportInput {
  jobId?: string;
  source: ExportSource;
  name?: string;
}

const refuse = (message: string, field = 'source.channel') => new AppError('VALIDATION', message, { [field]: message });

/** The source's declaration, after the checks the pipeline would make for a call of it: a read the export can run. */
function sourceChannel(ctx: CallContext, name: string, field: string): { def: AnyChannel; handler: (input: unknown, ctx: CallContext) => unknown } {
  const def = Object.hasOwn(contract, name) ? (contract[name as ChannelName] as AnyChannel) : null;
  // A list that registered an export page reader (the same rows, in fewer queries) is read with it.
  const handler = handlerOf(name) && (exportPageOf(name) ?? handlerOf(name));
  if (!def || !handler) throw refuse(`There is no channel called "${name}".`, field);
  if (def.kind !== 'read' || NOT_SOURCES.has(name) || !def.needsDatabase) throw refuse(`"${name}" is not a list that can be exported.`, field);
  // The channel's own access rule, against the roles the pipeline has just read afresh.
  return { def, handler };
}

/** The source's input through its own schema; its problems are reported under `source.input.<field>`. */
function parseSourceInput(def: AnyChannel, raw: unknown): unknown {
  const parsed = def.input.safeParse(raw ?? undefined);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of (parsed.error as z.ZodError).issues) {
    const key = ['source', 'input', ...issue.path.map(String)].join('.');
    fields[key] ??= issue.message;
  }
  throw new AppError('VALIDATION', 'The list’s filter is not valid.', fields);
}

/** The fields of an object schema, through defaults, optionals and pipes (zod 4 keeps refinements on the object). */
function inputKeys(schema: z.ZodType): string[] {
  let s: unknown = schema;
  for (let i = 0; i < 5 && s; i++) {
    const def = (s as { def?: { type?: string; innerType?: unknown; in?: unknown; shape?: Record<string, unknown> } }).def;
    if (!def) break;
    if (def.type === 'object') return Object.keys(def.shape ?? {});
    s = def.innerType ?? def.in;
  }
  return [];
}

/** A list whose input takes a page marker and a page size answers `Page<T>`: it is read page after page. */
function takesPages(def: AnyChannel): boolean {
  const keys = inputKeys(def.input);
  return keys.includes('cursor') && keys.includes('limit');
}

const isPage = (v: unknown): v is { items: unknown[]; nextCursor: string | null } =>
  v !== null && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items) && 'nextCursor' in (v as object);

/** A file in the exports folder under a name nobody has: "x-2026-03-14.csv", then "x-2026-03-14 (2).csv", … */
async function createUniqueFile(dir: string, stem: string): Promise<{ fileName: string; path: string; handle: FileHandle }> {
  await mkdir(dir, { recursive: true });
  for (let n = 1; n < 10_000; n++) {
    const fileName = n === 1 ? `${stem}.csv` : `${stem} (${n}).csv`;
    const path = join(dir, fileName);
    try {
      return { fileName, path, handle: await open(path, 'wx') };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new AppError('CONFLICT', 'Too many exports of this list today in the exports folder.');
}

/** Text written with backpressure: a full buffer waits for the disk instead of growing. */
class CsvFile {
  bytes = 0;
  rows = 0;
  private constructor(
    readonly fileName: string,
    readonly path: string,
    private readonly stream: WriteStream,
  ) {}

  static async create(dir: string, stem: string): Promise<CsvFile> {
    const { fileName, path, handle } = await createUniqueFile(dir, stem);
    const stream = handle.createWriteStream({ encoding: 'utf8', highWaterMark: 1 << 20 });
    return new CsvFile(fileName, path, stream);
  }

  async write(text: string): Promise<void> {
    // Encoded once: its size and what is written are the same bytes.
    const bytes = Buffer.from(text, 'utf8');
    this.bytes += bytes.length;
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }

  /** Rows as csvLine writes them, cell by cell into text written a megabyte at a time. */
  async writeRows<T>(rows: readonly T[], columns: readonly ExportColumn<T>[], env: ExportEnv): Promise<void> {
    let chunk = '';
    const n = columns.length;
    for (const row of rows) {
      for (let c = 0; c < n; c++) chunk += c === 0 ? csvCell(columns[c].value(row, env)) : `,${csvCell(columns[c].value(row, env))}`;
      chunk += CSV_EOL;
      if (chunk.length > 1 << 20) {
        await this.write(chunk);
        chunk = '';
      }
    }
    if (chunk) await this.write(chunk);
    this.rows += rows.length;
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }

  /** A failed export leaves no half file behind. */
  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.path, { force: true });
  }
}

/**
 * A report table's columns in a file: amounts as decimals of their currency (never converted; a table in one currency
 * gets a Currency column), rates as percentages, counts and text as they are.
 */
function reportColumns(table: ReportTable): ExportColumn<unknown>[] {
  const cols: ExportColumn<unknown>[] = table.columns.map((c) => {
    const cell = (row: unknown) => (row as Record<string, string | number | null>)[c.key];
    if (c.kind === 'money') {
      return {
        header: c.header,
        value: (row: unknown) => {
          const v = cell(row);
          const currency = cellCurrency(table, c, row as Record<string, string | number | null>);
          return typeof v === 'number' && currency ? moneyDecimal(v, currency) : v;
        },
      };
    }
    if (c.kind === 'percent') {
      return { header: `${c.header} (%)`, value: (row: unknown) => (typeof cell(row) === 'number' ? Math.round((cell(row) as number) * 1000) / 10 : cell(row)) };
    }
    return { header: c.header, value: cell };
  });
  const hasCurrencyColumn = table.columns.some((c) => c.key === 'currency' || c.currencyKey);
  if (table.currency && !hasCurrencyColumn && table.columns.some((c) => c.kind === 'money')) cols.push({ header: 'Currency', value: () => table.currency });
  return cols;
}

/** Audit entries the source left on every page (a list that audits "read" once per call): kept once. */
function keepAuditOnce(ctx: CallContext, from: number, seen: Set<string>): void {
  const fresh = ctx.auditRecords.splice(from);
  for (const r of fresh) {
    const key = JSON.stringify(r);
    if (seen.has(key)) continue;
    seen.add(key);
    ctx.auditRecords.push(r);
  }
}

/**
 * The file's date: today at the hospital the list is of (its filter names it), else at the caller's first hospital;
 * at the workstation's clock for a chain-wide caller's chain-wide list. Never UTC's date.
 */
async function exportDay(ctx: CallContext, parsed: unknown): Promise<string> {
  const named = parsed !== null && typeof parsed === 'object' ? (parsed as { hospitalId?: unknown }).hospitalId : undefined;
  const scope = ctx.scope();
  const id = typeof named === 'number' ? named : scope === 'all' ? undefined : scope[0];
  const zone = id === undefined ? undefined : (await hospitalZones(ctx.em, [id])).get(id)?.timeZone;
  return localDate(ctx.now(), zone);
}

async function envOf(ctx: CallContext): Promise<ExportEnv> {
  const zones = await hospitalZones(ctx.em);
  return { hospitalName: (id) => zones.get(id)?.name ?? `#${id}`, timeZone: (id) => zones.get(id)?.timeZone };
}

/** What the export's own audit entry keeps of the filter: no page marker, no page size. */
function filterOf(input: unknown): Record<string, unknown> | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const { cursor: _c, limit: _l, ...rest } = input as Record<string, unknown>;
  return rest;
}

export async function exportCsv(ctx: CallContext, input: ExportInput): Promise<ExportResult> {
  const { source } = input;
  const channelName = source.kind === 'list' ? source.channel : source.report;
  const { def, handler } = sourceChannel(ctx, channelName, source.kind === 'list' ? 'source.channel' : 'source.report');
  // The source's own access rule, against the roles the pipeline has just read afresh and the hospital's role table:
  // the rows it re-runs reach only the hospitals where the caller may call it.
  ctx.authorised = await authorise(ctx.em, ctx.user, channelName as ChannelName);
  if (source.kind === 'report' && !(REPORT_CHANNELS as readonly string[]).includes(channelName)) throw refuse(`"${channelName}" is not a report.`, 'source.report');
  const parsed = parseSourceInput(def, source.input);
  const registered = source.kind === 'list' ? (LIST_EXPORTS[channelName as ChannelName] as { name: string; rows?: (o: unknown) => readonly unknown[]; columns: readonly ExportColumn<unknown>[] } | undefined) : undefined;
  const env = await envOf(ctx);
  const auditFrom = ctx.auditRecords.length;
  const seenAudit = new Set<string>();
  const progress = (done: number, total: number | null) => {
    if (input.jobId) ctx.runtime.events.emit('reports.exportProgress', { jobId: input.jobId, done, total });
  };

  // The first answer decides the file's shape: a page, an array, a report's tables, or a registered list's rows.
  const paged = source.kind === 'list' && takesPages(def) && parsed !== null && typeof parsed === 'object';
  const ask = paged ? { ...(parsed as Record<string, unknown>), cursor: null, limit: EXPORT_PAGE_SIZE } : parsed;
  let answer = await handler(ask, ctx);
  keepAuditOnce(ctx, auditFrom, seenAudit);

  let rows: readonly unknown[];
  let columns: readonly ExportColumn<unknown>[];
  let stem = input.name ?? registered?.name ?? channelName.replace('.', '-');
  if (source.kind === 'report') {
    const tables = reportTables(channelName as ReportChannel, answer as never);
    const table = source.table ? tables.find((t) => t.key === source.table) : tables[0];
    if (!table) throw refuse(`The report has no table "${source.table ?? ''}".`, 'source.table');
    rows = table.rows;
    columns = reportColumns(table);
    if (!input.name) stem = `${REPORTS[channelName as ReportChannel].slug}${source.table ? `-${source.table}` : ''}`;
  } else if (isPage(answer)) {
    rows = answer.items;
    columns = registered?.columns ?? genericColumns(answer.items);
  } else if (Array.isArray(answer)) {
    rows = answer;
    columns = registered?.columns ?? genericColumns(answer);
  } else if (registered?.rows) {
    rows = registered.rows(answer);
    columns = registered.columns;
  } else {
    throw refuse(`"${channelName}" does not answer a list.`);
  }

  const file = await CsvFile.create(ctx.runtime.exportsDir, `${safeFileStem(stem)}-${await exportDay(ctx, parsed)}`);
  try {
    await file.write(CSV_BOM + csvLine(columns.map((c) => c.header)));
    await file.writeRows(rows, columns, env);
    const whole = !isPage(answer) || !answer.nextCursor;
    progress(file.rows, whole ? file.rows : null);
    // Every further page: read, written, forgotten; the next query starts after the last row of the page before. The
    // next page is asked for before a page is written, so the database reads it while this process writes: two pages
    // at most are held.
    const read = (cursor: string) => {
      const page = Promise.resolve(handler({ ...(ask as Record<string, unknown>), cursor }, ctx));
      // Its failure is met where it is awaited, not reported as unhandled while a page is being written.
      page.catch(() => undefined);
      return page;
    };
    let next = isPage(answer) && answer.nextCursor ? read(answer.nextCursor) : null;
    while (next) {
      answer = await next;
      keepAuditOnce(ctx, auditFrom, seenAudit);
      if (!isPage(answer)) break;
      next = answer.nextCursor ? read(answer.nextCursor) : null;
      try {
        await file.writeRows(answer.items, columns, env);
      } catch (e) {
        // The read under way is let finish before the transaction ends; its answer is not wanted.
        await next?.then(
          () => undefined,
          () => undefined,
        );
        throw e;
      }
      progress(file.rows, answer.nextCursor ? null : file.rows);
    }
    await file.close();
  } catch (e) {
    await file.discard();
    throw e;
  }

  const hospitalId = parsed && typeof parsed === 'object' && typeof (parsed as { hospitalId?: unknown }).hospitalId === 'number' ? (parsed as { hospitalId: number }).hospitalId : null;
  const record: Omit<AuditRecord, 'action'> & { action: string } = {
    action: 'export.csv',
    hospitalId,
    changes: { source: channelName, ...(source.kind === 'report' && source.table ? { table: source.table } : {}), filter: filterOf(parsed), rows: file.rows, file: file.fileName },
  };
  // A file of patients' rows is a read of their records: the entry says so, as patient.read does for one.
  if (def.shows.includes('patient')) record.entity = 'patient';
  ctx.audit(record);
  return { fileName: file.fileName, path: file.path, rows: file.rows, bytes: file.bytes };
}
