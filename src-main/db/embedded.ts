// "Only this computer": a private MariaDB server run from the machine's own `mariadbd`, with its data directory in the
// app's user-data folder, listening on 127.0.0.1 only, started with the app and shut down with it. The same pieces
// (finding the binaries, initialising a data directory, starting and stopping a server) start the tests' throwaway
// servers (test/support/mariadb.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import mysql from 'mysql2/promise';
import { provisionDatabase, generatePassword } from './accounts';
import type { DbTarget, EntityClasses } from './data-source';
import type { ProfileStore } from './database';

const EXE = process.platform === 'win32' ? '.exe' : '';

export interface MariadbBinaries {
  mariadbd: string;
  /** mariadb-install-db (mysql_install_db on older installs and on Windows). */
  installDb: string;
}

/**
 * Where `mariadbd` may be: the binaries a Windows or macOS build carries (resources/mariadb/bin), PATH, then the usual
 * install locations of Debian (/usr/sbin), Fedora (/usr/libexec), the MariaDB tarballs and Homebrew.
 */
export function mariadbSearchPath(resourcesPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    ...(resourcesPath ? [join(resourcesPath, 'mariadb', 'bin')] : []),
    ...(env.PATH ?? '').split(delimiter).filter(Boolean),
    '/usr/sbin',
    '/usr/libexec',
    '/usr/local/mysql/bin',
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/usr/bin',
  ];
}

function findIn(dirs: string[], names: string[]): string | null {
  for (const dir of dirs) for (const name of names) if (existsSync(join(dir, name + EXE))) return join(dir, name + EXE);
  return null;
}

/** The server and its data-directory initialiser, or null when MariaDB is not installed. */
export function findMariadb(resourcesPath?: string, env: NodeJS.ProcessEnv = process.env): MariadbBinaries | null {
  const dirs = mariadbSearchPath(resourcesPath, env);
  const mariadbd = findIn(dirs, ['mariadbd', 'mysqld']);
  // The initialiser is a script beside the client programs (bin), not always beside the server (sbin).
  const installDb = findIn(dirs, ['mariadb-install-db', 'mysql_install_db']);
  return mariadbd && installDb ? { mariadbd, installDb } : null;
}

export const MARIADB_MISSING =
  'MariaDB is not installed on this computer: install the mariadb-server package (Debian, Ubuntu), or MariaDB from mariadb.org, then try again.';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function canConnect(opts: { port: number; user?: string; password?: string }): Promise<boolean> {
  try {
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: opts.port, user: opts.user ?? 'root', password: opts.password ?? '', connectTimeout: 2000 });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

/** mariadbd runs as the OS user that starts it; started by root (containers, CI) it must be told so. */
const asRoot = () => (process.getuid?.() === 0 ? ['--user=root'] : []);

/**
 * Creates the system tables of a new data directory. Root gets password authentication with an empty password here;
 * the caller gives it a password (or keeps it for a throwaway test server) before anyone else can reach the port.
 */
export function initDataDir(bin: MariadbBinaries, dataDir: string, serverArgs: string[] = []): void {
  mkdirSync(dataDir, { recursive: true });
  const args =
    process.platform === 'win32'
      ? [`--datadir=${dataDir}`]
      : ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot(), ...serverArgs];
  const init = spawnSync(bin.installDb, args, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${(init.stderr || init.stdout || String(init.error)).slice(0, 500)}`);
}

export interface ServerProcessOptions {
  dataDir: string;
  /** Its own temporary directory: the default (/tmp) may be shared with another server's on-disk temporary tables. */
  tmpDir: string;
  port: number;
  /** A private Unix socket (not on Windows); without one, mariadbd would use the system server's. */
  socket?: string;
  pidFile?: string;
  logFile?: string;
  serverArgs?: string[];
}

/**
 * The server's arguments: no option files (the system server's my.cnf is not ours), 127.0.0.1 only, IP-based accounts
 * (skip-name-resolve: 127.0.0.1 never passes for localhost), no binary log. InnoDB keeps its defaults, among them
 * innodb_flush_log_at_trx_commit=1 and the doublewrite buffer: a committed transaction survives a kill -9 or a power cut.
 */
export function serverArgs(o: ServerProcessOptions): string[] {
  return [
    '--no-defaults',
    `--datadir=${o.dataDir}`,
    `--tmpdir=${o.tmpDir}`,
    `--port=${o.port}`,
    '--bind-address=127.0.0.1',
    '--skip-name-resolve',
    ...(o.socket && process.platform !== 'win32' ? [`--socket=${o.socket}`] : []),
    ...(o.pidFile ? [`--pid-file=${o.pidFile}`] : []),
    ...(o.logFile ? [`--log-error=${o.logFile}`] : []),
    '--skip-log-bin',
    '--innodb-buffer-pool-size=64M',
    ...asRoot(),
    ...(o.serverArgs ?? []),
  ];
}

/** A running mariadbd child process: waits until it answers, stops it cleanly or kills it. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private stderr = '';

  constructor(
    private readonly bin: MariadbBinaries,
    private readonly opts: ServerProcessOptions,
  ) {}

  get port(): number {
    return this.opts.port;
  }

  get pid(): number | null {
    return this.running() ? (this.child?.pid ?? null) : null;
  }

  running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts mariadbd and waits until `probe` connects (root without a password unless told otherwise), up to `timeoutMs`. */
  async start(probe: { user?: string; password?: string } = {}, timeoutMs = 60_000): Promise<void> {
    if (this.running()) return;
    mkdirSync(this.opts.tmpDir, { recursive: true });
    this.stderr = '';
    const child = spawn(this.bin.mariadbd, serverArgs(this.opts), { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    child.stderr?.on('data', (c: Buffer) => (this.stderr = (this.stderr + c.toString()).slice(-4000)));
    this.child = child;
    const exited = new Promise<'exited'>((r) => child.once('exit', () => r('exited')));
    const deadline = Date.now() + timeoutMs;
    // After a crash InnoDB replays its redo log first: the server answers once recovery is done.
    while (Date.now() < deadline) {
      if (await canConnect({ port: this.opts.port, ...probe })) return;
      if ((await Promise.race([exited, new Promise((r) => setTimeout(r, 100))])) === 'exited') break;
    }
    child.kill('SIGKILL');
    this.child = null;
    const log = this.opts.logFile && existsSync(this.opts.logFile) ? readFileSync(this.opts.logFile, 'utf8').slice(-1500) : this.stderr;
    throw new Error(`The private MariaDB server did not start:\n${log.trim().split('\n').slice(-8).join('\n')}`);
  }

  /**
   * `clean`: SIGTERM, mariadbd's orderly shutdown (it flushes and closes its files), waiting up to a minute before
   * killing; otherwise SIGKILL at once (a crash, for tests).
   */
  async stop({ clean = true }: { clean?: boolean } = {}): Promise<void> {
    const c = this.child;
    if (!c || !this.running()) {
      this.child = null;
      return;
    }
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(clean ? 'SIGTERM' : 'SIGKILL');
    const timer = clean ? setTimeout(() => c.kill('SIGKILL'), 60_000) : null;
    await exited;
    if (timer) clearTimeout(timer);
    this.child = null;
  }
}

/** What the private server keeps beside its data directory (mode 0600, like the data files themselves). */
interface EmbeddedState {
  /** The port it listened on last; kept while it stays free, so the saved profile stays valid. */
  port: number;
  /** The server's root password: set on first start, used only by this computer to provision and shut down. */
  rootPassword: string;
}

export interface EmbeddedOptions {
  /** Where everything lives: <baseDir>/data (the data directory), <baseDir>/tmp, the state file, the error log. */
  baseDir: string;
  resourcesPath?: string;
  /** The database the app uses there. */
  database?: string;
  /** What the schema maps (features/entities.ts): setUp() migrates with it. */
  entities?: EntityClasses;
}

export const EMBEDDED_DATABASE = 'hospital_desk';

/**
 * The private server of one workstation. `start()` initialises the data directory on first use and is idempotent (a
 * server that died is started again); `setUp()` provisions the database with the least-privilege accounts of
 * db/accounts.ts and returns the application account's target, which the caller saves as the profile.
 */
export class EmbeddedServer {
  private proc: ServerProcess | null = null;
  /**
   * The port of a server of this data directory that another process started and this one took over: the app's own
   * after the app was killed (mariadbd outlives it), or the app's while a command-line backup runs beside it.
   */
  private adopted: number | null = null;
  private starting: Promise<number> | null = null;
  readonly database: string;
  /** How long the last start took, in ms (first start: including the data directory's initialisation). */
  lastStartMs = 0;

  constructor(private readonly opts: EmbeddedOptions) {
    this.database = opts.database ?? EMBEDDED_DATABASE;
  }

  get baseDir(): string {
    return this.opts.baseDir;
  }

  get dataDir(): string {
    return join(this.opts.baseDir, 'data');
  }

  private get stateFile(): string {
    return join(this.opts.baseDir, 'server.json');
  }

  /** Whether MariaDB's server is installed here (or carried by the build), so a private server can run. */
  available(): boolean {
    return findMariadb(this.opts.resourcesPath) !== null;
  }

  /** Whether this computer already has a private server's data directory. */
  initialised(): boolean {
    return existsSync(this.stateFile) && existsSync(join(this.dataDir, 'mysql'));
  }

  get port(): number | null {
    return this.proc?.running() ? this.proc.port : this.adopted !== null && this.adoptedAlive() ? this.adopted : null;
  }

  get pid(): number | null {
    return this.proc?.pid ?? (this.adopted !== null ? this.pidFromFile() : null);
  }

  running(): boolean {
    return this.port !== null;
  }

  /** Whether this process started the server (and so stops it), rather than finding it running. */
  get startedHere(): boolean {
    return this.proc?.running() ?? false;
  }

  private get pidFile(): string {
    return join(this.opts.baseDir, 'mariadbd.pid');
  }

  private pidFromFile(): number | null {
    try {
      return Number(readFileSync(this.pidFile, 'utf8').trim()) || null;
    } catch {
      return null;
    }
  }

  private adoptedAlive(): boolean {
    const pid = this.pidFromFile();
    return pid !== null && isAlive(pid);
  }


  /** The server's root account on 127.0.0.1 (for provisioning, backups to move the data, and the tests). */
  admin(): Omit<DbTarget, 'database'> {
    const port = this.port;
    if (port === null) throw new Error('The private MariaDB server is not running.');
    return { host: '127.0.0.1', port, user: 'root', password: this.readState().rootPassword };
  }

  /** Starts the server (initialising it on first use) unless it runs; resolves to its port. */
  start(): Promise<number> {
    const port = this.port;
    if (port !== null) return Promise.resolve(port);
    this.starting ??= this.doStart().finally(() => (this.starting = null));
    return this.starting;
  }

  private async doStart(): Promise<number> {
    const began = Date.now();
    const bin = findMariadb(this.opts.resourcesPath);
    if (!bin) throw new Error(MARIADB_MISSING);
    mkdirSync(this.opts.baseDir, { recursive: true, mode: 0o700 });
    const fresh = !this.initialised();
    if (fresh) initDataDir(bin, this.dataDir);
    const state: EmbeddedState = fresh ? { port: await freePort(), rootPassword: generatePassword() } : this.readState();
    this.adopted = null;
    if (!(await portFree(state.port))) {
      // Our own server still runs (its root password answers): take it over rather than start a second one.
      if (!fresh && this.adoptedAlive() && (await canConnect({ port: state.port, user: 'root', password: state.rootPassword }))) {
        this.adopted = state.port;
        this.lastStartMs = Date.now() - began;
        return state.port;
      }
      // Another program took the port since: a new one (the profile follows the running server's port).
      state.port = await freePort();
    }
    const proc = new ServerProcess(bin, {
      dataDir: this.dataDir,
      tmpDir: join(this.opts.baseDir, 'tmp'),
      port: state.port,
      socket: join(this.opts.baseDir, 'mysqld.sock'),
      pidFile: this.pidFile,
      logFile: join(this.opts.baseDir, 'mariadbd.err'),
    });
    if (fresh) {
      // Root has no password until this first start sets one; the server listens on 127.0.0.1 only meanwhile.
      await proc.start();
      await secureRoot(state.port, state.rootPassword);
    } else {
      await proc.start({ user: 'root', password: state.rootPassword });
    }
    this.writeState(state);
    this.proc = proc;
    this.lastStartMs = Date.now() - began;
    return state.port;
  }

  /**
   * Creates (or brings up to date) the database with its owner and application accounts (accounts bound to
   * 127.0.0.1) and returns the application account's target: the workstation connects with it and no DDL.
   */
  async setUp(entities: EntityClasses | undefined = this.opts.entities): Promise<DbTarget & { embedded: true }> {
    if (!entities) throw new Error('EmbeddedServer.setUp needs the entity classes.');
    await this.start();
    const admin = this.admin();
    // The application account's password is new on every set-up: re-running it (a lost profile) still yields one.
    const appPassword = generatePassword();
    const r = await provisionDatabase(admin, { database: this.database, accountHost: '127.0.0.1', appPassword }, entities);
    return { host: '127.0.0.1', port: admin.port, user: r.app.user, password: appPassword, database: this.database, embedded: true };
  }

  /** Shuts the server down cleanly (SIGTERM, or SHUTDOWN for one taken over; waiting for it to finish). */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.proc?.stop({ clean: true });
    this.proc = null;
    if (this.adopted !== null) {
      const pid = this.pidFromFile();
      const conn = await mysql.createConnection({ host: '127.0.0.1', port: this.adopted, user: 'root', password: this.readState().rootPassword }).catch(() => null);
      await conn?.query('SHUTDOWN').catch(() => undefined);
      await conn?.end().catch(() => undefined);
      this.adopted = null;
      for (let i = 0; i < 600 && pid !== null && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A crash, for tests: SIGKILL, no shutdown. */
  async kill(): Promise<void> {
    await this.proc?.stop({ clean: false });
    this.proc = null;
  }

  private readState(): EmbeddedState {
    return JSON.parse(readFileSync(this.stateFile, 'utf8')) as EmbeddedState;
  }

  private writeState(s: EmbeddedState): void {
    writeFileSync(this.stateFile, JSON.stringify(s, null, 2), { mode: 0o600 });
  }
}

/**
 * A fresh server's root accounts: password authentication with the generated password on 127.0.0.1 and localhost,
 * and no root account for any other host name (mariadb-install-db makes some for ::1 and the machine's name).
 */
async function secureRoot(port: number, password: string): Promise<void> {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', password: '' });
  try {
    const [rows] = (await conn.query("SELECT Host FROM mysql.user WHERE User = 'root'")) as unknown as [{ Host: string }[]];
    for (const { Host } of rows) {
      if (Host === '127.0.0.1' || Host === 'localhost') await conn.query('ALTER USER ?@? IDENTIFIED BY ?', ['root', Host, password]);
      else await conn.query('DROP USER ?@?', ['root', Host]);
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A saved profile may say that the database is this computer's private server: its port is the running server's. */
export type StoredTarget = DbTarget & { embedded?: boolean };

export function isEmbeddedTarget(t: DbTarget | null): t is DbTarget & { embedded: true } {
  return (t as StoredTarget | null)?.embedded === true;
}

/**
 * The profile store as the app sees it: a profile saved as "Only this computer" starts the private server when it is
 * loaded (on the app's start, before the first connection; again if the server died) and carries its current port.
 */
export function embeddedProfiles(store: ProfileStore, server: EmbeddedServer, log: (message: string) => void = (m) => console.error(m)): ProfileStore {
  return {
    ...store,
    async load() {
      const t = await store.load();
      if (!isEmbeddedTarget(t)) return t;
      try {
        return { ...t, host: '127.0.0.1', port: await server.start() };
      } catch (e) {
        // The connection then fails like any unreachable server's, and the connection screen offers to try again.
        log(`The private MariaDB server did not start: ${e instanceof Error ? e.message : String(e)}`);
        return t;
      }
    },
  };
}
