// Encryption at rest (issue 15): on a server running InnoDB encryption with file_key_management, a national ID and an
// address registered through the app are in none of the server's files; the same registration on a server without it is.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { startTestApp, type TestApp } from '../support/app';

// Where the Debian and the RPM packages put server plugins; Debian's mariadb-server ships this one.
const PLUGIN = ['/usr/lib/mysql/plugin', '/usr/lib64/mysql/plugin']
  .map((dir) => join(dir, 'file_key_management.so'))
  .find((path) => existsSync(path));

const encryptionArgs = (keyFile: string) => [
  '--plugin-load-add=file_key_management',
  `--file-key-management-filename=${keyFile}`,
  '--innodb-encrypt-tables=FORCE',
  '--innodb-encrypt-log=ON',
  '--innodb-encryption-threads=1',
  '--encrypt-tmp-disk-tables=1',
  '--encrypt-tmp-files=1',
  '--aria-encrypt-tables=1',
];

/** Values no server file holds by chance: fresh per run. */
const tag = randomBytes(6).toString('hex').toUpperCase();
const NATIONAL_ID = `CM-ENC-${tag}`;
const ADDRESS = `Plot 15, Cipherstone Lane ${tag}`;

/** Every file under dir, and those whose bytes contain the text. */
function scan(dir: string, text: string): { scanned: string[]; found: string[] } {
  const needle = Buffer.from(text, 'utf8');
  const scanned = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
  return { scanned, found: scanned.filter((f) => readFileSync(join(dir, f)).includes(needle)) };
}

/**
 * Registers one patient through the app's pipeline, checks the app reads the national ID back, then makes the server
 * write everything it holds (a slow shutdown: purge done, every page flushed) so the files are all there is.
 */
async function registerAndShutDown(server: ThrowawayServer, whileRunning?: (app: TestApp) => Promise<void>): Promise<{ database: string }> {
  const app = await startTestApp({ serverUrl: server.url });
  try {
    const desk = await app.signedIn(['front_desk']);
    const patient = await desk.ok('patients.register', {
      hospitalId: app.hospitalId,
      firstName: 'Amina',
      lastName: 'Nakato',
      dateOfBirth: '1984-03-09',
      sex: 'female',
      phone: '0772015015',
      addressLine: ADDRESS,
      nationalId: NATIONAL_ID,
    });
    expect(await desk.ok('patients.revealNationalId', { id: patient.id })).toEqual({ nationalId: NATIONAL_ID });
    expect((await desk.ok('patients.get', { id: patient.id })).addressLine).toBe(ADDRESS);
    await whileRunning?.(app);
    const [{ database }] = await app.db.sql<{ database: string }>('SELECT DATABASE() AS `database`');
    await app.db.sql('SET GLOBAL innodb_fast_shutdown = 0');
    return { database };
  } finally {
    await app.runtime.db.close();
    await server.stop({ clean: true });
    await app.db.drop();
  }
}

describe.skipIf(!PLUGIN)(
  PLUGIN ? 'encryption at rest with file_key_management' : 'encryption at rest (skipped: file_key_management.so is not installed with the MariaDB server here)',
  () => {
    let keyDir: string;
    let encrypted: ThrowawayServer | undefined;
    let plain: ThrowawayServer | undefined;

    beforeAll(async () => {
      keyDir = mkdtempSync(join(tmpdir(), 'hms-keys-'));
      const keyFile = join(keyDir, 'keys.txt');
      // Key id 1 (the default key of tables and logs), 256 bits in hex; readable by the server's user only.
      writeFileSync(keyFile, `1;${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      [encrypted, plain] = await Promise.all([startThrowawayMariadb({ serverArgs: encryptionArgs(keyFile) }), startThrowawayMariadb()]);
    });
    afterAll(async () => {
      await encrypted?.destroy();
      await plain?.destroy();
      if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    });

    it('keeps a national ID and an address written through the app out of every tablespace, log and undo file', async () => {
      const server = encrypted as ThrowawayServer;
      const { database } = await registerAndShutDown(server, async (app) => {
        const [settings] = await app.db.sql('SELECT @@innodb_encrypt_tables AS tables, @@innodb_encrypt_log AS redoLog, @@encrypt_tmp_files AS tmpFiles');
        expect(settings).toEqual({ tables: 'FORCE', redoLog: 1, tmpFiles: 1 });
        // Every table of the app's database, and the system tablespace (undo, doublewrite), is encrypted with key 1.
        const tables = await app.db.sql<{ name: string; scheme: number | null; keyId: number | null }>(
          `SELECT t.TABLE_NAME AS name, e.ENCRYPTION_SCHEME AS scheme, e.CURRENT_KEY_ID AS keyId
             FROM information_schema.TABLES t
             LEFT JOIN information_schema.INNODB_TABLESPACES_ENCRYPTION e ON e.NAME = CONCAT(t.TABLE_SCHEMA, '/', t.TABLE_NAME)
            WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'`,
        );
        expect(tables.map((t) => t.name)).toContain('patients');
        expect(tables.filter((t) => t.scheme !== 1 || t.keyId !== 1)).toEqual([]);
        const [system] = await app.db.sql<{ scheme: number }>('SELECT ENCRYPTION_SCHEME AS scheme FROM information_schema.INNODB_TABLESPACES_ENCRYPTION WHERE SPACE = 0');
        expect(system).toEqual({ scheme: 1 });
        // FORCE: nobody can create a table that opts out.
        await expect(app.db.sql('CREATE TABLE opted_out (id INT PRIMARY KEY) ENGINE=InnoDB ENCRYPTED=NO')).rejects.toThrow();
      });

      const nationalId = scan(server.dataDir, NATIONAL_ID);
      expect(nationalId.scanned).toEqual(expect.arrayContaining([`${database}/patients.ibd`, 'ibdata1', 'ib_logfile0']));
      expect(nationalId.found).toEqual([]);
      expect(scan(server.dataDir, ADDRESS).found).toEqual([]);
    });

    it('control: the same registration on a server without encryption is readable in its files, so the scan above can fail', async () => {
      const server = plain as ThrowawayServer;
      const { database } = await registerAndShutDown(server);
      expect(scan(server.dataDir, NATIONAL_ID).found).toContain(`${database}/patients.ibd`);
      expect(scan(server.dataDir, ADDRESS).found).toContain(`${database}/patients.ibd`);
    });
  },
);
