// Starts the built harness (out/main/harness.js) on a fresh database for browser tests: loopback only, a known token.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChannelName, Input, Output } from '@shared/contract';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface Harness {
  baseUrl: string;
  token: string;
  db: TestDatabase;
  /** The app's address for one window (workstation); the token rides along once and then lives in the tab. */
  url(opts?: { window?: string; hash?: string }): string;
  /** One call over the harness protocol as window `win` (a workstation with its own sign-in); throws on an error. */
  rpc<K extends ChannelName>(win: string, channel: K, input: Input<K>): Promise<Output<K>>;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../..');
const HARNESS = join(ROOT, 'out/main/harness.js');

export async function startHarness(opts: { startTimeoutMs?: number; serverUrl?: string } = {}): Promise<Harness> {
  const db = await createTestDatabase(opts.serverUrl);
  try {
    const app = await spawnHarness(db.url, opts);
    return {
      ...app,
      db,
      stop: async () => {
        await app.stop();
        await db.drop();
      },
    };
  } catch (e) {
    await db.drop();
    throw e;
  }
}

/** The app's main-process code in a process of its own (the built harness) on an existing database: what benchmarks measure memory of. */
export interface AppProcess extends Omit<Harness, 'db'> {
  pid: number;
}

export async function spawnHarness(databaseUrl: string, opts: { startTimeoutMs?: number } = {}): Promise<AppProcess> {
  if (!existsSync(HARNESS) || !existsSync(join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('The app is not built: run `npx electron-vite build` (npm test does) before the e2e tests.');
  }
  const token = `e2e-${randomBytes(16).toString('hex')}`;
  const child = spawn(process.execPath, [HARNESS], {
    cwd: ROOT,
    env: { ...process.env, HMS_DATABASE_URL: databaseUrl, HMS_HARNESS_PORT: '0', HMS_HARNESS_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the harness did not start within ${opts.startTimeoutMs ?? 20_000} ms:\n${output}`)), opts.startTimeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /harness listening on (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the harness exited with code ${code}:\n${output}`));
    });
  }).catch(async (e) => {
    child.kill('SIGKILL');
    throw e;
  });

  return {
    baseUrl,
    token,
    pid: child.pid!,
    url: ({ window, hash } = {}) => {
      const q = new URLSearchParams({ token });
      if (window) q.set('window', window);
      return `${baseUrl}/?${q}${hash ? `#${hash}` : ''}`;
    },
    rpc: async (win, channel, input) => {
      const res = await fetch(`${baseUrl}/rpc/${channel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'x-window': win, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: true; data: never } | { ok: false; error: { code: string; message: string } };
      if (!body.ok) throw new Error(`${channel}: ${body.error.code} ${body.error.message}`);
      return body.data;
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
