// Upgrades across a chain: each migration is recorded with the Hospital Desk version that ran it and whether it only
// adds. A workstation older than the schema keeps working when what it does not know only adds, and is refused with
// "update this workstation to version X" otherwise; one whose schema is behind is sent to the owner's upgrade, which
// records this version. Newer and older builds are stood in for by data sources with a longer or shorter migration list,
// on a throwaway mariadbd with db:provision's owner and application accounts.
import { readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDatabase, type ProvisionResult } from '../../src-main/db/accounts';
import { APP_VERSION, createDataSource, MIGRATIONS, parseDatabaseUrl, type DbTarget, type MigrationClass } from '../../src-main/db/data-source';
import { Database, NEEDS_UPGRADE_MESSAGE } from '../../src-main/db/database';
import { migrate } from '../../src-main/db/migrate';
import { ENTITIES } from '../../src-main/features/entities';
import { memoryProfiles } from '../../src-main/ipc/runtime';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';

/** Version 0.2.0's migration: a nullable column, which this version's queries never name. */
class SettingsNote1799000000000 implements MigrationInterface {
  name = 'SettingsNote1799000000000';
  static readonly additive = true;
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE settings ADD COLUMN note VARCHAR(40) NULL');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE settings DROP COLUMN note');
  }
}

/** Version 0.3.0's migration: a renamed column, which this version's queries would miss. Not additive. */
class SettingsValueRenamed1799100000000 implements MigrationInterface {
  name = 'SettingsValueRenamed1799100000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE settings RENAME COLUMN value TO setting_value');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE settings RENAME COLUMN setting_value TO value');
  }
}

/** Version 0.4.0's migration, which no database has yet when its workstation first connects. */
class SettingsNoteIndex1799200000000 implements MigrationInterface {
  name = 'SettingsNoteIndex1799200000000';
  static readonly additive = true;
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_settings_note ON settings (note)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_settings_note ON settings');
  }
}

const V2: MigrationClass[] = [...MIGRATIONS, SettingsNote1799000000000];
const V3: MigrationClass[] = [...V2, SettingsValueRenamed1799100000000];
const V4: MigrationClass[] = [...V3, SettingsNoteIndex1799200000000];

let server: ThrowawayServer;
let provisioned: ProvisionResult;
let appTarget: DbTarget;
let root: DbTarget;
let rootConn: mysql.Connection;
const sql = async (query: string) => (await rootConn.query(query))[0] as Record<string, unknown>[];

/** A newer build's administrator runs its migrations as the owner. */
async function upgradeAs(migrations: MigrationClass[], appVersion: string): Promise<string[]> {
  const ds = await createDataSource(provisioned.owner, ENTITIES, 2, 'mariadb', { migrations }).initialize();
  try {
    return await migrate(ds, { appVersion });
  } finally {
    await ds.destroy();
  }
}

/** A workstation of the build with these migrations, connecting as `target`: its status after trying. */
async function workstation(target: DbTarget, migrations: MigrationClass[] = MIGRATIONS) {
  const db = new Database(ENTITIES, target, memoryProfiles(), undefined, 2, { migrations });
  const status = await db.status(true);
  return { db, status };
}

beforeAll(async () => {
  server = await startThrowawayMariadb();
  const { database: _unused, ...admin } = parseDatabaseUrl(`${server.url}/x`);
  provisioned = await provisionDatabase(admin, { database: 'chain' }, ENTITIES);
  appTarget = { ...provisioned.app, password: provisioned.app.password! };
  root = { ...admin, database: 'chain' };
  rootConn = await mysql.createConnection({ host: root.host, port: root.port, user: root.user, password: root.password });
}, 60_000);
afterAll(async () => {
  await rootConn?.end();
  await server?.destroy();
});

describe('a schema upgraded across a chain', () => {
  it('records the version that ran each migration, and shows it with the app version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
    const { db, status } = await workstation(appTarget);
    try {
      expect(status).toMatchObject({ connected: true, appVersion: pkg.version, schemaVersion: `${MIGRATIONS[MIGRATIONS.length - 1].name} (Hospital Desk ${pkg.version})` });
    } finally {
      await db.close();
    }
  });

  it('keeps an older workstation working after an additive upgrade, and shows the newer schema', async () => {
    expect(await upgradeAs(V2, '0.2.0')).toEqual(['SettingsNote1799000000000']);
    const [row] = await sql("SELECT app_version, additive FROM chain.migrations WHERE name = 'SettingsNote1799000000000'");
    expect(row).toEqual({ app_version: '0.2.0', additive: 1 });
    for (const target of [appTarget, root]) {
      const { db, status } = await workstation(target);
      try {
        expect(status).toMatchObject({ connected: true, message: null, needsUpgrade: false, schemaVersion: 'SettingsNote1799000000000 (Hospital Desk 0.2.0)' });
        // It reads and writes as before: the settings table it knows, with a column it does not.
        const ds = await db.dataSource();
        await ds.query('INSERT INTO settings (`key`, value) VALUES (?, ?)', [`chain.probe.${target.user}`, 'old workstation']);
        expect(await ds.query('SELECT value FROM settings WHERE `key` = ?', [`chain.probe.${target.user}`])).toEqual([{ value: 'old workstation' }]);
      } finally {
        await db.close();
      }
    }
  });

  it('refuses an older workstation once a migration it does not know does more than add, naming the version to install', async () => {
    expect(await upgradeAs(V3, '0.3.0')).toEqual(['SettingsValueRenamed1799100000000']);
    const message = 'This database was upgraded by Hospital Desk 0.3.0. Update this workstation to version 0.3.0.';
    // This version (with the application account, or an account that could migrate) and 0.2.0 alike.
    for (const [target, migrations] of [[appTarget, MIGRATIONS], [root, MIGRATIONS], [appTarget, V2]] as const) {
      const { db, status } = await workstation(target, migrations);
      try {
        expect(status).toMatchObject({ connected: false, message, needsUpgrade: false, needsNewerApp: true, schemaVersion: null });
        await expect(db.dataSource()).rejects.toThrow(message);
      } finally {
        await db.close();
      }
    }
    // Refused before anything ran: the schema is 0.3.0's still.
    expect(await sql("SELECT COUNT(*) AS n FROM chain.migrations WHERE name LIKE 'Settings%'")).toEqual([{ n: 2 }]);
    const { db, status } = await workstation(appTarget, V3);
    expect(status).toMatchObject({ connected: true, schemaVersion: 'SettingsValueRenamed1799100000000 (Hospital Desk 0.3.0)' });
    await db.close();
  });

  it('sends a newer workstation to the owner’s upgrade when the schema is behind, and records its version', async () => {
    const { db, status } = await workstation(appTarget, V4);
    try {
      expect(status).toMatchObject({ connected: false, needsUpgrade: true, message: NEEDS_UPGRADE_MESSAGE });
      expect(await db.upgrade({ user: provisioned.owner.user, password: provisioned.owner.password })).toEqual(['SettingsNoteIndex1799200000000']);
      expect(await db.status(true)).toMatchObject({ connected: true, needsUpgrade: false, schemaVersion: `SettingsNoteIndex1799200000000 (Hospital Desk ${APP_VERSION})` });
    } finally {
      await db.close();
    }
    expect(await sql("SELECT name, app_version, additive FROM chain.migrations WHERE name LIKE 'Settings%' ORDER BY id")).toEqual([
      { name: 'SettingsNote1799000000000', app_version: '0.2.0', additive: 1 },
      { name: 'SettingsValueRenamed1799100000000', app_version: '0.3.0', additive: 0 },
      { name: 'SettingsNoteIndex1799200000000', app_version: APP_VERSION, additive: 1 },
    ]);
    // 0.3.0's workstation, which does not know 0.4.0's additive index, keeps working.
    const older = await workstation(appTarget, V3);
    expect(older.status).toMatchObject({ connected: true, message: null });
    await older.db.close();
  });
});
