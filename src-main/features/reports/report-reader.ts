// The one read-only entry point of every report query. It reads through the call's own connection, inside the call's
// transaction (one consistent snapshot): report channels are declared `replica: true`, so when the workstation has a
// read replica the pipeline runs the whole call there (db/replicas.ts), and on the primary otherwise.
import { AppError } from '@shared/errors';
import type { CallContext } from '../../platform/context';

/** What a report may do with the database: run SELECTs. */
export interface ReportReader {
  query<T = Record<string, unknown>>(sql: string, args?: readonly unknown[]): Promise<T[]>;
}

/** Only SELECT (or WITH … SELECT) statements without locking clauses pass: a report never writes or locks. */
export function assertReadOnlySql(sql: string): void {
  const s = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim();
  if (!/^(SELECT|WITH)\b/i.test(s) || /;\s*\S/.test(s) || /\bFOR\s+UPDATE\b|\bLOCK\s+IN\s+SHARE\s+MODE\b|\bINTO\s+(OUTFILE|DUMPFILE|@)/i.test(s)) {
    throw new AppError('INTERNAL', 'A report tried to run a statement that is not a plain read.');
  }
}

/** The reader of a report call: over the call's own connection (a replica's, when the pipeline chose one). */
export function reportReader(ctx: CallContext): ReportReader {
  const em = ctx.em;
  return {
    query: <T>(sql: string, args: readonly unknown[] = []) => {
      assertReadOnlySql(sql);
      return em.query(sql, args as unknown[]) as Promise<T[]>;
    },
  };
}
