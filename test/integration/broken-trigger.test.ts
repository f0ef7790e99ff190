// A trigger whose stored body no longer parses, on a private throwaway server whose files the test edits. On Galera the
// same error is what a brute-force abort looks like when it lands while a table's triggers are being parsed
// (galera.test.ts), so the pipeline runs such a call again; this is the other side: a trigger that really is broken
// fails the call as INTERNAL, with a reference, after the retries, and leaves nothing half-written.
import { readFileSync, writeFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInterruptedTriggerLoad } from '../../src-main/db/db-errors';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';

let server: ThrowawayServer;
let app: TestApp;
let desk: Desk;

const patient = (lastName: string) => ({
  hospitalId: app.hospitalId,
  firstName: 'Trigger',
  lastName,
  dateOfBirth: '1980-02-03',
  sex: 'female' as const,
  phone: '0772099001',
  acknowledgeDuplicates: true,
});

beforeAll(async () => {
  server = await startThrowawayMariadb();
  app = await startTestApp({ serverUrl: server.url });
  desk = await app.signedIn(['front_desk']);
  await app.db.sql('CREATE TABLE test_probe (id INT)');
  for (const table of ['patients', 'test_probe']) {
    await app.db.sql(`CREATE TRIGGER test_${table}_seen AFTER INSERT ON ${table} FOR EACH ROW BEGIN SET @hms_test_seen = NEW.id; END`);
  }
  await desk.ok('patients.register', patient('Whole'));
  // The bodies as stored, made unparseable; the server reads them again once its table cache is flushed.
  for (const table of ['patients', 'test_probe']) {
    const file = `${server.dataDir}/${app.db.target.database}/${table}.TRG`;
    writeFileSync(file, readFileSync(file, 'utf8').replace('SET @hms_test_seen = NEW.id', 'SET @hms_test_seen = = NEW.id'));
  }
  await app.db.sql('FLUSH TABLES');
}, 60_000);

afterAll(async () => {
  await app?.runtime.db.close();
  await server?.destroy();
});

describe('a trigger that no longer parses', () => {
  it('is told apart from other syntax errors by the error the server gives', async () => {
    const c = await mysql.createConnection(`${server.url}/${app.db.target.database}`);
    try {
      const caught = async (q: string) => c.query(q).then(() => null, (e: unknown) => e);
      const broken = await caught('INSERT INTO test_probe VALUES (1)');
      expect(broken).toMatchObject({ errno: 1064 });
      expect(isInterruptedTriggerLoad(broken)).toBe(true);
      const plain = await caught('SELEC 1');
      expect(plain).toMatchObject({ errno: 1064 });
      expect(isInterruptedTriggerLoad(plain)).toBe(false);
    } finally {
      await c.end();
    }
  });

  it('fails the call as INTERNAL with a reference, not as a lost race, and writes nothing', async () => {
    const before = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients');
    const error = await desk.fails('patients.register', patient('Broken'), 'INTERNAL');
    expect(error.message).toMatch(/reference [0-9a-f]{8}/);
    expect(error.message).not.toMatch(/Trigger|syntax|INSERT/);
    expect(await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients')).toEqual(before);
  });

  it('works again once the trigger is dropped', async () => {
    await app.db.sql('DROP TRIGGER test_patients_seen');
    await app.db.sql('DROP TABLE test_probe');
    await desk.ok('patients.register', patient('Again'));
  });
});
