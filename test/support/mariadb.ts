// Finding a MariaDB for the tests, or starting a private throwaway server (also how a test makes the database go away).
// The binaries, the data directory and the server process are the app's own "Only this computer" pieces
// (src-main/db/embedded.ts); a throwaway server keeps root without a password.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { findMariadb, freePort, initDataDir, ServerProcess } from '../../src-main/db/embedded';

export { freePort };

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
  const bin = findMariadb(undefined);
  if (!bin) throw new Error('mariadbd is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'hms-mariadb-'));
  initDataDir(bin, `${dir}/data`, serverArgs);
  const port = await freePort();
  const server = new ServerProcess(bin, { dataDir: `${dir}/data`, tmpDir: `${dir}/tmp`, port, socket: `${dir}/sock`, serverArgs });
  const start = () => server.start({}, 15_000);
  const stop = ({ clean = false }: { clean?: boolean } = {}) => server.stop({ clean });
  await start();
  return {
    url: `mysql://root@127.0.0.1:${port}`,
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
