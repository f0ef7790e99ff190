// Backups and restores of the hospital database around mariadb-dump: streamed through gzip, described by a header and a
// sidecar, checked against both on the way back.
import { spawn as spawnChild, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zlibConstants, createGunzip, createGzip, gunzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import { CONNECT_TIMEOUT_MS, MIGRATIONS, type DbTarget } from './data-source';
import { describeDbError, isConnectionError } from './db-errors';

export const BACKUP_FORMAT = 'hospital-desk-backup/1';
const HEADER_PREFIX = '-- Hospital Desk backup ';
/** How long the dump may take to open its snapshot while audited writes wait for it. */
const START_DEADLINE_MS = 10_000;

export type BackupErrorCode =
  | 'TOOL_MISSING'
  | 'ACCESS_DENIED'
  | 'UNREACHABLE'
  | 'NO_DATABASE'
  | 'NOT_HOSPITAL_DESK'
  | 'NOT_A_BACKUP'
  | 'CHECKSUM_MISMATCH'
  | 'NOT_EMPTY'
  | 'DUMP_FAILED'
  | 'RESTORE_FAILED'
  | 'MISMATCH';

/** A failure the command line prints as one sentence; `code` is for tests and scripts. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a backup says about the database it was taken from, all read in the dump's own snapshot. */
export interface BackupFacts {
  format: typeof BACKUP_FORMAT;
  database: string;
  createdAt: string;
  /** The newest migration applied (the migrations table), and all of them in order. */
  schemaVersion: string;
  migrations: string[];
  /** The audit_head row: the id and hash of the newest entry of the chain audit.verify walks. */
  auditHead: { id: number; hash: string };
  auditRows: number;
  serverVersion: string;
}

/** The sidecar (`<file>.json`): the facts, the dump tool, and the SHA-256 of the .gz a file cannot hold of itself. */
export interface BackupSidecar extends BackupFacts {
  file: string;
  bytes: number;
  sha256: string;
  dumpTool: string;
  source: { host: string; port: number };
}

export interface BackupSummary extends BackupSidecar {
  path: string;
  sidecarPath: string;
}

export type Compatibility = 'current' | 'older' | 'newer';

export interface RestoreSummary {
  database: string;
  file: string;
  /** The database existed with contents and --force replaced them. */
  replaced: boolean;
  schemaVersion: string;
  auditHead: { id: number; hash: string };
  auditRows: number;
  serverVersion: string;
  compatibility: { state: Compatibility; pending: string[]; unknown: string[]; message: string };
}

type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface ToolOptions {
  /** The dump program (default mariadb-dump). */
  dumpCommand?: string;
  /** The client program that reads the dump back (default mariadb). */
  clientCommand?: string;
  /** How children are started; tests pass a wrapper that records the arguments. */
  spawn?: Spawn;
  now?: () => Date;
}

export interface RestoreOptions extends ToolOptions {
  /** Replace a database that is not empty (it is dropped and created again). */
  force?: boolean;
}

/** Dumps `target` into `<outDir>/<database>-<UTC minute>.sql.gz` with its sidecar; the dump never sits in memory. */
export async function backupDatabase(target: DbTarget, outDir: string, opts: ToolOptions = {}): Promise<BackupSummary> {
  const dumpTool = toolVersion(opts.dumpCommand ?? 'mariadb-dump');
  const dir = resolve(outDir);
  await fs.mkdir(dir, { recursive: true });
  const createdAt = (opts.now ?? (() => new Date()))();
  const path = await freeName(dir, `${safeFileName(target.database)}-${stamp(createdAt)}`);
  const partial = `${path}.partial`;

  const lockConn = await connect(target, true);
  const snapConn = await connect(target, true).catch(async (e) => {
    await lockConn.end().catch(() => undefined);
    throw e;
  });
  const defaults = await writeDefaultsFile(target);
  let holding = false;
  try {
    await holdAuditHead(lockConn, target.database);
    holding = true;
    // Opened while no audited write can commit: this snapshot and the dump's see the same chain.
    await snapConn.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await snapConn.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');

    const args = [`--defaults-extra-file=${defaults.path}`, '--single-transaction', '--routines', '--triggers', '--events', '--hex-blob', '--default-character-set=utf8mb4', target.database];
    const child = (opts.spawn ?? spawnChild)(opts.dumpCommand ?? 'mariadb-dump', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = exitOf(child);
    const stderr = collect(child);
    // Audited writes wait while the head is held: a dump that does not get going is stopped rather than waited for.
    let stalled = false;
    const deadline = setTimeout(() => {
      if (!holding) return;
      stalled = true;
      child.kill();
    }, START_DEADLINE_MS);
    void exited.finally(() => clearTimeout(deadline)).catch(() => undefined);

    const frame = new DumpFrame(async () => {
      // The dump writes a table only after its START TRANSACTION WITH CONSISTENT SNAPSHOT: writers may go on.
      if (holding) {
        holding = false;
        await releaseAuditHead(lockConn);
      }
      const facts = await readFacts(snapConn, target.database, createdAt);
      return { facts, header: headerText(facts, basename(path)) };
    });
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        bytes += chunk.length;
        cb(null, chunk);
      },
    });
    const written = pipeline(child.stdout!, frame, createGzip({ level: 6 }), tap, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
    const stopOnFailure = written.catch((e: unknown) => {
      child.kill();
      throw e;
    });
    const [status] = await Promise.all([exited, stopOnFailure]).catch(async (e: unknown) => {
      await fs.rm(partial, { force: true });
      throw e;
    });
    if (status.code !== 0 || !frame.completed()) {
      await fs.rm(partial, { force: true });
      if (stalled) throw new BackupError('DUMP_FAILED', `mariadb-dump did not begin within ${START_DEADLINE_MS / 1000} s and was stopped (the desks' writes were waiting); no backup was written.`);
      throw dumpFailure(await stderr, status.code, target);
    }
    await fs.rename(partial, path);
    const facts = frame.facts!;
    const sidecar: BackupSidecar = { ...facts, file: basename(path), bytes, sha256: hash.digest('hex'), dumpTool, source: { host: target.host, port: target.port } };
    const sidecarPath = `${path}.json`;
    await fs.writeFile(`${sidecarPath}.partial`, `${JSON.stringify(sidecar, null, 2)}\n`, { mode: 0o640 });
    await fs.rename(`${sidecarPath}.partial`, sidecarPath);
    return { ...sidecar, path, sidecarPath };
  } finally {
    if (holding) await releaseAuditHead(lockConn).catch(() => undefined);
    await snapConn.query('ROLLBACK').catch(() => undefined);
    await Promise.all([lockConn.end().catch(() => undefined), snapConn.end().catch(() => undefined), defaults.remove()]);
  }
}

/** Restores a backup into an empty or missing database, after checking the file against its sidecar; then checks the result. */
export async function restoreDatabase(target: DbTarget, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  const path = resolve(file);
  const sidecar = await readSidecar(path);
  const before = await sha256File(path);
  if (before !== sidecar.sha256) {
    throw new BackupError('CHECKSUM_MISMATCH', `${basename(path)} does not match the SHA-256 in its sidecar: the file was changed or damaged; nothing was restored.`);
  }
  const header = await readHeader(path);
  for (const key of ['database', 'createdAt', 'schemaVersion', 'auditRows', 'serverVersion'] as const) {
    if (header[key] !== sidecar[key]) throw new BackupError('NOT_A_BACKUP', `${basename(path)}: its header and its sidecar disagree on ${key}; nothing was restored.`);
  }
  if (header.auditHead.id !== sidecar.auditHead.id || header.auditHead.hash !== sidecar.auditHead.hash) {
    throw new BackupError('NOT_A_BACKUP', `${basename(path)}: its header and its sidecar disagree on the audit head; nothing was restored.`);
  }
  const clientCommand = opts.clientCommand ?? 'mariadb';
  toolVersion(clientCommand);

  const replaced = await prepareTarget(target, opts.force ?? false);
  const defaults = await writeDefaultsFile(target);
  try {
    const args = [`--defaults-extra-file=${defaults.path}`, '--default-character-set=utf8mb4', target.database];
    const child = (opts.spawn ?? spawnChild)(clientCommand, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    const exited = exitOf(child);
    const stderr = collect(child);
    const hash = createHash('sha256');
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    // A client that stops early (a failed statement) closes its stdin: its exit status says why, not the broken pipe.
    const fed = pipeline(createReadStream(path), tap, createGunzip(), new DefinerStrip(), child.stdin!).then(
      () => null,
      (e: unknown) => e,
    );
    const [status, feedError] = await Promise.all([exited, fed]);
    if (status.code !== 0) throw restoreFailure(await stderr, status.code, target);
    if (feedError) throw new BackupError('RESTORE_FAILED', `Reading ${basename(path)} failed: ${(feedError as Error).message}`);
    if (hash.digest('hex') !== sidecar.sha256) throw new BackupError('CHECKSUM_MISMATCH', `${basename(path)} changed while it was being restored; restore again from an untouched copy.`);
  } finally {
    await defaults.remove();
  }

  const conn = await connect(target, true);
  try {
    const facts = await readFacts(conn, target.database, new Date());
    const differences: string[] = [];
    if (facts.schemaVersion !== sidecar.schemaVersion) differences.push(`schema version ${facts.schemaVersion}, the backup says ${sidecar.schemaVersion}`);
    if (facts.auditHead.id !== sidecar.auditHead.id || facts.auditHead.hash !== sidecar.auditHead.hash) {
      differences.push(`audit head ${facts.auditHead.id}/${facts.auditHead.hash.slice(0, 12)}, the backup says ${sidecar.auditHead.id}/${sidecar.auditHead.hash.slice(0, 12)}`);
    }
    if (facts.auditRows !== sidecar.auditRows) differences.push(`${facts.auditRows} audit entries, the backup says ${sidecar.auditRows}`);
    if (differences.length) throw new BackupError('MISMATCH', `The restored database differs from the backup: ${differences.join('; ')}.`);
    return {
      database: target.database,
      file: path,
      replaced,
      schemaVersion: facts.schemaVersion,
      auditHead: facts.auditHead,
      auditRows: facts.auditRows,
      serverVersion: facts.serverVersion,
      compatibility: compatibility(facts.migrations),
    };
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** How a restored schema stands against this version's migrations: the same, behind (migrated on start), or ahead (refused). */
export function compatibility(applied: string[]): RestoreSummary['compatibility'] {
  const known = MIGRATIONS.map((m) => m.name);
  const unknown = applied.filter((n) => !known.includes(n));
  const pending = known.filter((n) => !applied.includes(n));
  if (unknown.length) {
    return {
      state: 'newer',
      pending,
      unknown,
      message: `The backup comes from a newer Hospital Desk (schema ${unknown[unknown.length - 1]}): this version refuses to open it; install the newer version on the workstations first.`,
    };
  }
  if (pending.length) {
    return {
      state: 'older',
      pending,
      unknown,
      message: `The backup's schema is ${pending.length} migration(s) behind this version: db:migrate (or the first start) applies ${pending.join(', ')}.`,
    };
  }
  return { state: 'current', pending, unknown, message: 'The schema matches this version of Hospital Desk.' };
}

// ---- the dump stream ----

/**
 * Holds back the dump's first bytes until it has begun its first table (so its snapshot is taken), then writes the
 * header comment ahead of them and lets the rest through; remembers whether the dump ran to its last line.
 */
class DumpFrame extends Transform {
  facts: BackupFacts | null = null;
  private pending: Buffer[] = [];
  private seen = '';
  private started = false;
  private tail = '';

  constructor(private readonly onStarted: () => Promise<{ facts: BackupFacts; header: string }>) {
    super();
  }

  completed(): boolean {
    return /-- Dump completed/.test(this.tail);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.tail = (this.tail + chunk.toString('latin1')).slice(-256);
    if (this.started) return cb(null, chunk);
    this.pending.push(chunk);
    this.seen = (this.seen + chunk.toString('latin1')).slice(-4096);
    if (!/-- Table structure for table|\nCREATE TABLE/.test(this.seen)) return cb();
    this.start().then(() => cb(), cb);
  }

  override _flush(cb: TransformCallback): void {
    if (this.started) return cb();
    this.start().then(() => cb(), cb);
  }

  private async start(): Promise<void> {
    this.started = true;
    const { facts, header } = await this.onStarted();
    this.facts = facts;
    this.push(Buffer.from(header, 'utf8'));
    for (const b of this.pending) this.push(b);
    this.pending = [];
  }
}

/**
 * Drops the DEFINER of each trigger as the dump is read back, so the restoring account becomes their definer (an owner
 * account may not name another user as definer without SUPER). Only the dump's trigger lines are touched.
 */
class DefinerStrip extends Transform {
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const all = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = all.lastIndexOf(10);
    if (end < 0) {
      this.carry = all;
      return cb();
    }
    this.carry = Buffer.from(all.subarray(end + 1));
    cb(null, stripDefiners(all.subarray(0, end + 1)));
  }

  override _flush(cb: TransformCallback): void {
    cb(null, stripDefiners(this.carry));
  }
}

const TRIGGER_DEFINER = Buffer.from('/*!50017 DEFINER=');

function stripDefiners(lines: Buffer): Buffer {
  if (lines.indexOf(TRIGGER_DEFINER) < 0) return lines;
  // latin1 maps bytes to characters one to one: the rest of the text comes back unchanged.
  return Buffer.from(lines.toString('latin1').replace(/^(\/\*!50003 CREATE\*\/ )\/\*!50017 DEFINER=[^*\n]*\*\/ /gm, '$1'), 'latin1');
}

function headerText(f: BackupFacts, file: string): string {
  return [
    `${HEADER_PREFIX}${JSON.stringify(f)}`,
    `-- database ${f.database}, taken ${f.createdAt} from server ${f.serverVersion}`,
    `-- schema version ${f.schemaVersion} (${f.migrations.length} migrations applied)`,
    `-- audit head: entry ${f.auditHead.id}, hash ${f.auditHead.hash}; audit_log rows: ${f.auditRows}`,
    `-- the SHA-256 of this file is in ${file}.json; restore with: npm run db:restore -- --url mysql://USER@HOST:PORT/DB --file ${file}`,
    '',
  ].join('\n');
}

// ---- the database side ----

async function connect(target: DbTarget, withDatabase: boolean): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: withDatabase ? target.database : undefined,
      connectTimeout: CONNECT_TIMEOUT_MS,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
    });
  } catch (e) {
    throw connectFailure(e, target);
  }
}

function connectFailure(e: unknown, t: DbTarget): BackupError {
  const code = (e as { code?: string }).code;
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR') {
    return new BackupError('ACCESS_DENIED', `${t.host}:${t.port} refused the user name or password of "${t.user}" (or its access to ${t.database}).`);
  }
  if (code === 'ER_BAD_DB_ERROR') return new BackupError('NO_DATABASE', `The database ${t.database} does not exist on ${t.host}:${t.port}.`);
  if (isConnectionError(e)) return new BackupError('UNREACHABLE', `${describeDbError(e)} (${t.host}:${t.port})`);
  return new BackupError('UNREACHABLE', `Could not connect to ${t.host}:${t.port}: ${(e as Error).message}`);
}

/** Keeps audited writes (every write appends to the chain under this row's lock) and migrations out for a moment. */
async function holdAuditHead(conn: mysql.Connection, database: string): Promise<void> {
  const [[{ got }]] = (await conn.query(`SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 60) AS got`)) as unknown as [[{ got: number }]];
  if (Number(got) !== 1) throw new BackupError('DUMP_FAILED', 'The database is being upgraded by a workstation; try the backup again in a minute.');
  try {
    await conn.query('START TRANSACTION');
    await conn.query('SELECT last_id FROM audit_head WHERE id = 1 FOR UPDATE');
  } catch (e) {
    await conn.query('ROLLBACK').catch(() => undefined);
    await conn.query(`SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))`).catch(() => undefined);
    if ((e as { code?: string }).code === 'ER_NO_SUCH_TABLE') {
      throw new BackupError('NOT_HOSPITAL_DESK', `${database} has no audit trail: it is not a Hospital Desk database (or db:migrate never ran on it).`);
    }
    throw e;
  }
}

async function releaseAuditHead(conn: mysql.Connection): Promise<void> {
  await conn.query('COMMIT');
  await conn.query(`SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))`);
}

async function readFacts(conn: mysql.Connection, database: string, at: Date): Promise<BackupFacts> {
  const rows = async <T>(sql: string): Promise<T[]> => (await conn.query(sql))[0] as T[];
  try {
    const migrations = (await rows<{ name: string }>('SELECT name FROM migrations ORDER BY timestamp, id')).map((r) => r.name);
    const [head] = await rows<{ last_id: number | string; last_hash: string }>('SELECT last_id, last_hash FROM audit_head WHERE id = 1');
    const [{ n }] = await rows<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_log');
    const [{ v }] = await rows<{ v: string }>('SELECT VERSION() AS v');
    if (!head || migrations.length === 0) throw new BackupError('NOT_HOSPITAL_DESK', `${database} has no audit head or no applied migrations: it is not a Hospital Desk database.`);
    return {
      format: BACKUP_FORMAT,
      database,
      createdAt: at.toISOString(),
      schemaVersion: migrations[migrations.length - 1],
      migrations,
      auditHead: { id: Number(head.last_id), hash: head.last_hash },
      auditRows: Number(n),
      serverVersion: v,
    };
  } catch (e) {
    if ((e as { code?: string }).code === 'ER_NO_SUCH_TABLE') {
      throw new BackupError('NOT_HOSPITAL_DESK', `${database} lacks the migrations or audit tables: it is not a Hospital Desk database.`);
    }
    throw e;
  }
}

/** Creates a missing database; refuses one with contents unless forced, then drops and creates it again. */
async function prepareTarget(target: DbTarget, force: boolean): Promise<boolean> {
  const conn = await connect(target, false);
  const name = `\`${target.database.replace(/`/g, '``')}\``;
  const create = `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
  try {
    const [exists] = (await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [target.database])) as unknown as [unknown[]];
    if (exists.length === 0) {
      await conn.query(create);
      return false;
    }
    const [[{ n }]] = (await conn.query(
      `SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?)
            + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?)
            + (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?) AS n`,
      [target.database, target.database, target.database],
    )) as unknown as [[{ n: number | string }]];
    if (Number(n) === 0) return false;
    if (!force) {
      throw new BackupError('NOT_EMPTY', `The database ${target.database} on ${target.host}:${target.port} is not empty (${n} tables and other objects); restore into an empty or new database, or pass --force to replace it.`);
    }
    await conn.query(`DROP DATABASE ${name}`);
    await conn.query(create);
    return true;
  } catch (e) {
    if (e instanceof BackupError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_ACCESS_DENIED_ERROR') {
      throw new BackupError('ACCESS_DENIED', `"${target.user}" may not create or replace the database ${target.database}: ${(e as Error).message}`);
    }
    throw e;
  } finally {
    await conn.end().catch(() => undefined);
  }
}

// ---- files and programs ----

async function readSidecar(path: string): Promise<BackupSidecar> {
  const sidecarPath = `${path}.json`;
  let text: string;
  try {
    await fs.access(path);
  } catch {
    throw new BackupError('NOT_A_BACKUP', `${path} does not exist.`);
  }
  try {
    text = await fs.readFile(sidecarPath, 'utf8');
  } catch {
    throw new BackupError('NOT_A_BACKUP', `${basename(path)} has no sidecar ${basename(sidecarPath)} next to it: it is not a Hospital Desk backup, or the sidecar was not copied with it.`);
  }
  let s: Partial<BackupSidecar>;
  try {
    s = JSON.parse(text) as Partial<BackupSidecar>;
  } catch {
    throw new BackupError('NOT_A_BACKUP', `${basename(sidecarPath)} is not JSON: it is not a Hospital Desk backup sidecar.`);
  }
  const valid =
    s.format === BACKUP_FORMAT &&
    typeof s.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(s.sha256) &&
    typeof s.schemaVersion === 'string' &&
    Array.isArray(s.migrations) &&
    typeof s.auditHead?.id === 'number' &&
    typeof s.auditHead?.hash === 'string' &&
    typeof s.auditRows === 'number';
  if (!valid) throw new BackupError('NOT_A_BACKUP', `${basename(sidecarPath)} is not a ${BACKUP_FORMAT} sidecar.`);
  return s as BackupSidecar;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The first line of the dump: the header's facts. Only the file's first bytes are inflated. */
async function readHeader(path: string): Promise<BackupFacts> {
  const fh = await fs.open(path, 'r');
  let start: Buffer;
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    start = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const notOurs = new BackupError('NOT_A_BACKUP', `${basename(path)} does not start with a Hospital Desk backup header: it is not one of our backups.`);
  if (start[0] !== 0x1f || start[1] !== 0x8b) throw new BackupError('NOT_A_BACKUP', `${basename(path)} is not a gzip file.`);
  let text: string;
  try {
    text = gunzipSync(start, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    throw notOurs;
  }
  const line = text.slice(0, text.indexOf('\n'));
  if (!line.startsWith(HEADER_PREFIX)) throw notOurs;
  try {
    const facts = JSON.parse(line.slice(HEADER_PREFIX.length)) as BackupFacts;
    if (facts.format !== BACKUP_FORMAT) throw notOurs;
    return facts;
  } catch {
    throw notOurs;
  }
}

/** `<program> --version`, or a sentence on how to install it. */
function toolVersion(command: string): string {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) {
    const missing = (r.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BackupError(
      'TOOL_MISSING',
      missing ? `${command} is not installed or not on the PATH: install the MariaDB client (apt-get install mariadb-client).` : `${command} could not be started: ${r.error.message}`,
    );
  }
  return r.stdout.trim();
}

/** The connection for the child programs, in a file only this user can read: a password never goes on a command line. */
async function writeDefaultsFile(t: DbTarget): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'hms-backup-'));
  const path = join(dir, 'client.cnf');
  const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const text = ['[client]', `user=${quote(t.user)}`, `password=${quote(t.password)}`, `host=${quote(t.host)}`, `port=${t.port}`, 'protocol=TCP', ''].join('\n');
  await fs.writeFile(path, text, { mode: 0o600, flag: 'wx' });
  return { path, remove: () => fs.rm(dir, { recursive: true, force: true }) };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null }> {
  return new Promise((res, rej) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      rej(e.code === 'ENOENT' ? new BackupError('TOOL_MISSING', `${child.spawnfile} is not installed or not on the PATH: install the MariaDB client (apt-get install mariadb-client).`) : e),
    );
    child.once('close', (code) => res({ code }));
  });
}

/** The child's error output, the last 16 KiB of it. */
function collect(child: ChildProcess): Promise<string> {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => (text = (text + d).slice(-16384)));
  return new Promise((res) => child.once('close', () => res(text.trim())));
}

function clientFailure(stderr: string, t: DbTarget): BackupError | null {
  // The client says "ERROR 1045 (28000)", the dump "Got error: 1045:"; a line number must not pass for an error code.
  if (/(ERROR|Got error:) (1045|1044)\b/.test(stderr)) return new BackupError('ACCESS_DENIED', `${t.host}:${t.port} refused the user name or password of "${t.user}" (or its access to ${t.database}).`);
  if (/(ERROR|Got error:) (2002|2003|2005|2013)\b/.test(stderr)) return new BackupError('UNREACHABLE', `The database server ${t.host}:${t.port} could not be reached: ${firstLine(stderr)}`);
  return null;
}

function dumpFailure(stderr: string, code: number | null, t: DbTarget): BackupError {
  return clientFailure(stderr, t) ?? new BackupError('DUMP_FAILED', `mariadb-dump failed (exit ${code ?? 'by signal'}${stderr ? `: ${firstLine(stderr)}` : ', or stopped before its last line'}); no backup was written.`);
}

function restoreFailure(stderr: string, code: number | null, t: DbTarget): BackupError {
  return clientFailure(stderr, t) ?? new BackupError('RESTORE_FAILED', `The mariadb client stopped (exit ${code ?? 'by signal'}): ${firstLine(stderr)}. ${t.database} is incomplete: restore again with --force.`);
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim()) ?? '').slice(0, 400);
}

/** `2026-12-06T0315Z`: sorts by time, no colons (Windows and scp). */
function stamp(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

function safeFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** `<base>.sql.gz`, or `<base>-2.sql.gz` … when a backup of the same minute is already there. */
async function freeName(dir: string, base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const candidate = join(dir, `${base}${i === 1 ? '' : `-${i}`}.sql.gz`);
    const taken = await Promise.all([candidate, `${candidate}.partial`].map((p) => fs.access(p).then(() => true, () => false)));
    if (!taken.includes(true)) return candidate;
  }
}
