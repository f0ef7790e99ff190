// One fresh database per test file, dropped afterwards.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { inject } from 'vitest';
import { parseDatabaseUrl, type DbTarget } from '../../src-main/db/data-source';

export interface TestDatabase {
  url: string;
  target: DbTarget;
  /** A plain mysql2 connection for assertions that look at rows directly. */
  sql<T = Record<string, unknown>>(query: string, args?: unknown[]): Promise<T[]>;
  drop(opts?: { keep?: boolean }): Promise<void>;
}

/** A fresh database on the test server; with `existing`, that database as it is (kept by drop({ keep: true })). */
export async function createTestDatabase(serverUrl: string = inject('mariadbUrl'), existing?: string): Promise<TestDatabase> {
  const name = existing ?? `hms_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = `${serverUrl.replace(/\/$/, '')}/${name}`;
  const target = parseDatabaseUrl(url);
  if (!existing) {
    const admin = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password, dateStrings: ['DATE'], timezone: 'Z' });
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
  }
  // A pool rather than one connection: it reconnects after a test has stopped and restarted the server.
  const pool = mysql.createPool({ host: target.host, port: target.port, user: target.user, password: target.password, database: name, dateStrings: ['DATE'], timezone: 'Z', connectionLimit: 2 });
  return {
    url,
    target,
    sql: async (query, args = []) => (await pool.query(query, args))[0] as never,
    drop: async ({ keep = false } = {}) => {
      if (!keep) await pool.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
