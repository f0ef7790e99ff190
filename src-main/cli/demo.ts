// `npm run demo`: a private MariaDB server ("Only this computer", db/embedded.ts) holding the demo chain, and the app
// on it; `--browser` runs the browser harness instead and opens the default browser. The server stops with the app.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { databaseUrl } from '../db/data-source';
import { EmbeddedServer } from '../db/embedded';
import { ENTITIES } from '../features/entities';
import { describeSummary, parseSeedArgs, progressPrinter } from '../seed/seed-cli';
import { DEMO_PASSWORD, seedDatabase } from '../seed/seed';

export const DEMO_USAGE = `Usage: npm run demo [-- --browser] [--dir DIR] [--fresh] [seed options, e.g. --patients 5000]

Starts a private MariaDB server (this computer's mariadbd; data in DIR, default ~/.local/share/hospital-desk-demo or
HMS_DEMO_DIR), fills it on first use with the demo chain (5,000 patients as of today unless told otherwise: any option
of \`npm run seed\`), and opens the app on it; --browser starts the browser harness and opens the default browser
(the address is printed too). --fresh throws the previous demo data away first. Sign in as admin, frontdesk.kla,
doctor.kla… with the password ${DEMO_PASSWORD}. Ctrl+C (or closing the app) stops the server cleanly.`;

const ROOT = resolve(__dirname, '../..');

function demoDir(args: string[]): string {
  const i = args.indexOf('--dir');
  if (i >= 0) {
    const dir = args[i + 1];
    if (!dir || dir.startsWith('--')) throw new Error(`--dir needs a folder.\n\n${DEMO_USAGE}`);
    return resolve(dir);
  }
  if (process.env.HMS_DEMO_DIR) return resolve(process.env.HMS_DEMO_DIR);
  return join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'hospital-desk-demo');
}

/** The demo's own options out of the way, what remains is for the seeder (5,000 patients unless given). */
function seedArgs(args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dir') i++;
    else if (args[i] !== '--browser' && args[i] !== '--fresh') rest.push(args[i]);
  }
  return rest.some((a) => a === '--patients' || a.startsWith('--patients=')) ? rest : ['--patients', '5000', ...rest];
}

async function hasUsers(t: { host: string; port: number; user: string; password: string; database: string }): Promise<boolean> {
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database });
  try {
    const [[row]] = (await conn.query('SELECT COUNT(*) AS n FROM users')) as unknown as [[{ n: number }]];
    return Number(row.n) > 0;
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** Starts the harness on the demo database; resolves to the address a browser opens (token included). */
function startHarness(url: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'out/main/harness.js')], {
    cwd: ROOT,
    env: { ...process.env, HMS_DATABASE_URL: url, HMS_HARNESS_PORT: process.env.HMS_HARNESS_PORT ?? '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /harness listening on (http:\/\/\S+) token=(\S+)/.exec(out);
      if (m) resolveStart({ child, address: `${m[1]}/?token=${encodeURIComponent(m[2])}` });
    });
    child.once('exit', (code) => reject(new Error(`the harness exited (code ${code})`)));
  });
}

function openBrowser(address: string): void {
  if (process.env.HMS_DEMO_NO_OPEN === '1') return;
  const [cmd, args] = process.platform === 'darwin' ? ['open', [address]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', address]] : ['xdg-open', [address]];
  const opener = spawn(cmd, args, { stdio: 'ignore', detached: true });
  opener.once('error', () => console.log('Could not open a browser: open the address above yourself.'));
  opener.unref();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(DEMO_USAGE);
    return;
  }
  const dir = demoDir(args);
  const seedOptions = parseSeedArgs(seedArgs(args));
  if (args.includes('--fresh')) rmSync(dir, { recursive: true, force: true });
  const server = new EmbeddedServer({ baseDir: dir, entities: ENTITIES, database: 'hospital_demo' });
  const firstUse = !server.initialised();
  await server.start();
  console.log(`Private MariaDB server on 127.0.0.1:${server.port} (data in ${server.dataDir}), started in ${server.lastStartMs} ms${firstUse ? ' with a new data directory' : ''}.`);
  let child: ChildProcess | null = null;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await server.stop();
    console.log('The private MariaDB server has shut down.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  try {
    // Accounts and schema brought up to date each time; the application account gets a new password for this run.
    const app = await server.setUp();
    const root = { ...server.admin(), database: server.database };
    if (!(await hasUsers(root))) {
      console.error(`Seeding the demo chain: ${seedOptions.patients.toLocaleString('en-US')} patients as of ${seedOptions.asOf}…`);
      console.log(describeSummary(await seedDatabase(root, seedOptions, progressPrinter())));
    }
    const url = databaseUrl(app);
    if (args.includes('--browser')) {
      const h = await startHarness(url);
      child = h.child;
      console.log(`Hospital Desk in the browser: ${h.address}`);
      console.log(`Sign in as admin or frontdesk.kla with the password ${DEMO_PASSWORD}. Ctrl+C stops it.`);
      openBrowser(h.address);
    } else {
      // The electron package's main export is the path of its binary (it throws when the binary was never downloaded).
      let electron: string;
      try {
        electron = createRequire(__filename)('electron') as string;
      } catch {
        throw new Error('Electron is not installed here (no binary): run `npm run demo -- --browser` for the same app in the browser.');
      }
      child = spawn(electron, [ROOT], { cwd: ROOT, env: { ...process.env, HMS_DATABASE_URL: url }, stdio: 'inherit' });
      console.log(`Hospital Desk is opening. Sign in as admin or frontdesk.kla with the password ${DEMO_PASSWORD}.`);
    }
    child.once('exit', (code) => void stop(code ?? 0));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    await stop(1);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
