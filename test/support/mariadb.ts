// Finding a MariaDB for the tests, or starting a private throwaway server (also how a test makes the database go away).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

export async function canConnect(url: string): Promise<boolean> {
  try {
    const u = new URL(url);
    const conn = await mysql.createConnection({
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      connectTimeout: 2000,
    });
    await conn.end();
    return true;
  } catch {
    return false;
  }
}

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

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} 2>/dev/null`], { encoding: 'utf8' });
  const out = r.stdout.trim().split('\n')[0];
  return out || null;
}

export interface ThrowawayServer {
  url: string;
  port: number;
  /** The server's data directory: its tablespaces, redo log and undo, for tests that look at the files themselves. */
  dataDir: string;
  /** Kills the server (the database going away); `{ clean: true }` asks it to shut down and waits until it has. */
  stop(opts?: { clean?: boolean }): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export interface ThrowawayOptions {
  /** More mariadbd arguments (encryption, say); mariadb-install-db gets them too, so the files it creates follow them. */
  serverArgs?: string[];
}

/** A private mariadbd in a temp dir: ~1 s to start; stop() and start() keep its data. */
export async function startThrowawayMariadb(opts: ThrowawayOptions = {}): Promise<ThrowawayServer> {
  const serverArgs = opts.serverArgs ?? [];
  const mariadbd = which('mariadbd');
  const installDb = which('mariadb-install-db');
  if (!mariadbd || !installDb) throw new Error('mariadbd is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'hms-mariadb-'));
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  const init = spawnSync(installDb, ['--no-defaults', `--datadir=${dir}/data`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot, ...serverArgs], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr.slice(0, 500)}`);
  // Its own temporary directory: the default (/tmp) is shared with the test server, whose on-disk temporary tables
  // must never meet another server's files.
  mkdirSync(`${dir}/tmp`);
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      mariadbd,
      ['--no-defaults', `--datadir=${dir}/data`, `--tmpdir=${dir}/tmp`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${dir}/sock`, '--skip-log-bin', '--innodb-buffer-pool-size=64M', ...asRoot, ...serverArgs],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 150; i++) {
      if (await canConnect(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the throwaway mariadbd did not start');
  };
  const stop = async ({ clean = false }: { clean?: boolean } = {}) => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    // SIGTERM is mariadbd's orderly shutdown: it flushes what it holds before exiting.
    c.kill(clean ? 'SIGTERM' : 'SIGKILL');
    await exited;
    child = null;
  };
  await start();
  return {
    url,
    port,
    dataDir: `${dir}/data`,
    start,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
