// Keyset paging for every list: one opaque page marker format, one way to turn it into "the rows after this one".
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '@shared/contract/channel';
import { AppError } from '@shared/errors';

/** Bumped when the marker's content changes meaning, so a marker from an older build is refused instead of misread. */
const CURSOR_VERSION = 'k1';

/** What a page marker holds for one sort column: checked on the way in, so a tampered marker never reaches SQL. */
export type CursorValueKind = 'int' | 'string' | 'date' | 'instant';

type CursorValue = string | number | null;

/** One column of a list's sort order; the last one must be unique (the id) so the order is total. */
export interface KeysetColumn<Row> {
  /**
   * The column as the query names it (`i.issue_date`; in a query builder the alias path, `a.id`). An ENUM column sorts
   * by its position but compares with a string as text: sort it as `(c.category + 0)`, kind 'int'.
   */
  column: string;
  direction: 'ASC' | 'DESC';
  kind: CursorValueKind;
  /** Whether the column may hold NULL (MariaDB sorts NULL below every value). */
  nullable?: boolean;
  /** The column's value in a fetched row. */
  value: (row: Row) => string | number | Date | null;
}

/** The answer to a page marker this server did not make. */
export const invalidCursor = () => new AppError('VALIDATION', 'The page marker is not valid; start the list again.', { cursor: 'This page marker is not valid.' });

const fits = (v: unknown, kind: CursorValueKind): boolean => {
  switch (kind) {
    case 'int':
      return Number.isSafeInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    case 'instant':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
  }
};

/** The page marker after a row: base64url of `[version, …the row's sort values]`. */
export function encodeCursor(values: readonly (string | number | Date | null)[]): string {
  const plain: CursorValue[] = values.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ...plain])).toString('base64url');
}

/**
 * The sort values a page marker carries, checked against the kinds the list sorts by; no marker means the first
 * page. Anything this server did not make (garbage, edited, another list's marker, an older format) is VALIDATION
 * on the field `cursor`.
 */
export function decodeCursor(cursor: string | null | undefined, kinds: readonly { kind: CursorValueKind; nullable?: boolean }[]): CursorValue[] | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== CURSOR_VERSION || parsed.length !== kinds.length + 1) throw invalidCursor();
  const values = parsed.slice(1) as unknown[];
  values.forEach((v, i) => {
    if (!(v === null ? kinds[i].nullable : fits(v, kinds[i].kind))) throw invalidCursor();
  });
  return values as CursorValue[];
}

/** The value as SQL compares it: instants go back to Dates so the driver converts them as it converts columns. */
const sqlValue = (v: CursorValue, kind: CursorValueKind) => (kind === 'instant' && typeof v === 'string' ? new Date(v) : v);

/**
 * "Strictly after this row in the list's order" as SQL with `?` placeholders, spelled out column by column
 * (`a > ? OR (a = ? AND (b > ? …))`) so mixed directions and NULLs work and each range can use the index.
 */
export function keysetCondition<Row>(order: readonly KeysetColumn<Row>[], after: readonly CursorValue[]): { sql: string; args: unknown[] } {
  const args: unknown[] = [];
  const build = (i: number): string => {
    const { column, direction, kind, nullable } = order[i];
    const v = after[i];
    let beyond: string;
    if (v === null) beyond = direction === 'ASC' ? `${column} IS NOT NULL` : '0 = 1';
    else {
      args.push(sqlValue(v, kind));
      beyond = direction === 'ASC' ? `${column} > ?` : nullable ? `(${column} < ? OR ${column} IS NULL)` : `${column} < ?`;
    }
    if (i === order.length - 1) return beyond;
    let same: string;
    if (v === null) same = `${column} IS NULL`;
    else {
      args.push(sqlValue(v, kind));
      same = `${column} = ?`;
    }
    return `(${beyond} OR (${same} AND ${build(i + 1)}))`;
  };
  return { sql: build(0), args };
}

const orderBy = <Row>(order: readonly KeysetColumn<Row>[]) => order.map((c) => `${c.column} ${c.direction}`).join(', ');

/** One page of rows and the marker of the next, from `limit + 1` fetched rows. */
function pageOf<Row>(rows: Row[], order: readonly KeysetColumn<Row>[], limit: number): Page<Row> {
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1] : null;
  return { items, nextCursor: last ? encodeCursor(order.map((c) => c.value(last))) : null };
}

/** A list written as SQL: `select` up to and including FROM/JOINs, the filters as `where` clauses with `?` args. */
export interface SqlList {
  select: string;
  where: readonly string[];
  args: readonly unknown[];
}

export interface PageRequest<Row> {
  order: readonly KeysetColumn<Row>[];
  cursor: string | null | undefined;
  limit: number;
}

/**
 * One page of a list in its sort order, after the row the marker names, in one query: `limit + 1` rows are read to
 * know whether there is a next page. Takes the list as SQL (one statement) or as a query builder over an entity.
 */
export async function keysetPage<Row>(em: EntityManager, list: SqlList, request: PageRequest<Row>): Promise<Page<Row>>;
export async function keysetPage<Row extends ObjectLiteral>(qb: SelectQueryBuilder<Row>, request: PageRequest<Row>): Promise<Page<Row>>;
export async function keysetPage<Row extends ObjectLiteral>(
  source: EntityManager | SelectQueryBuilder<Row>,
  listOrRequest: SqlList | PageRequest<Row>,
  maybeRequest?: PageRequest<Row>,
): Promise<Page<Row>> {
  const request = (maybeRequest ?? listOrRequest) as PageRequest<Row>;
  const { order, cursor, limit } = request;
  const after = decodeCursor(cursor, order);
  if (maybeRequest) {
    const list = listOrRequest as SqlList;
    const where = [...list.where];
    const args = [...list.args];
    if (after) {
      const k = keysetCondition(order, after);
      where.push(k.sql);
      args.push(...k.args);
    }
    const rows: Row[] = await (source as EntityManager).query(
      `${list.select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy(order)} LIMIT ?`,
      [...args, limit + 1],
    );
    return pageOf(rows, order, limit);
  }
  const qb = source as SelectQueryBuilder<Row>;
  if (after) {
    const k = keysetCondition(order, after);
    let n = 0;
    const params: Record<string, unknown> = {};
    const named = k.sql.replace(/\?/g, () => {
      const name = `keyset_${n}`;
      params[name] = k.args[n++];
      return `:${name}`;
    });
    qb.andWhere(named, params);
  }
  order.forEach((c, i) => (i === 0 ? qb.orderBy(c.column, c.direction) : qb.addOrderBy(c.column, c.direction)));
  qb.limit(limit + 1);
  return pageOf(await qb.getMany(), order, limit);
}
