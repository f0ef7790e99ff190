// A throwaway MariaDB Galera cluster of local mariadbd processes (galera-4's libgalera_smm.so), for the tests of the
// lock-as-write rule (src-main/db/locks.ts). Each node has its own data directory and ports (client, group
// communication, IST, SST). State transfer is kept small: node 1 is bootstrapped once and stopped cleanly, so its data
// directory carries the cluster's id and position; the other nodes start from copies of it and only need the few
// transactions since (IST), which `wsrep_sst_method=rsync` hands over without copying the data again. Run as root, the
// nodes run as the `mysql` user: the rsync daemon the SST script starts would otherwise drop to `nobody` and fail.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freePort } from './mariadb';

export const GALERA_LIBRARY = ['/usr/lib/galera/libgalera_smm.so', '/usr/lib/libgalera_smm.so', '/usr/lib64/galera-4/libgalera_smm.so'].find((p) => existsSync(p)) ?? null;

export interface GaleraNode {
  port: number;
  url: string;
  /** One statement on this node (a fresh connection each time: a node may be restarting). */
  sql<T = Record<string, unknown>>(query: string, args?: unknown[]): Promise<T[]>;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** Milliseconds from the first mariadb-install-db to every node Synced. */
  startMs: number;
  /** Certification failures and brute-force aborts every node has seen so far (wsrep_local_cert_failures + wsrep_local_bf_aborts). */
  conflicts(): Promise<number>;
  destroy(): Promise<void>;
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd} || ls /usr/sbin/${cmd} 2>/dev/null`], { encoding: 'utf8' });
  return r.stdout.trim().split('\n')[0] || null;
}

/** Why a cluster cannot run here, or null when it can. */
export function galeraUnavailable(): string | null {
  if (!GALERA_LIBRARY) return 'galera-4 is not installed (no libgalera_smm.so)';
  if (!which('mariadbd') || !which('mariadb-install-db')) return 'mariadbd is not installed';
  if (!which('rsync')) return 'rsync is not installed (the IST hand-over of wsrep_sst_method=rsync)';
  return null;
}

async function query<T>(port: number, q: string, args: unknown[] = []): Promise<T[]> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', connectTimeout: 2000, dateStrings: true });
  try {
    // A causal read: the node first applies whatever the cluster committed before this statement.
    await c.query('SET SESSION wsrep_sync_wait = 1');
    return (await c.query(q, args))[0] as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function status(port: number): Promise<Record<string, string>> {
  const rows = await query<{ Variable_name: string; Value: string }>(port, "SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment', 'wsrep_cluster_size')");
  return Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]));
}

async function waitSynced(port: number, size: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the Galera node on port ${port} exited (code ${child.exitCode})`);
    try {
      const s = await status(port);
      if (s.wsrep_ready === 'ON' && s.wsrep_local_state_comment === 'Synced' && Number(s.wsrep_cluster_size) >= size) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the Galera node on port ${port} was not Synced within ${timeoutMs / 1000} s`);
}

async function stopChild(c: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill(signal);
  // A joiner stuck in state transfer ignores SIGTERM.
  const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `size` nodes (2 or 3) and returns once all are Synced in one primary component. */
export async function startGaleraCluster(size = 3): Promise<GaleraCluster> {
  const why = galeraUnavailable();
  if (why) throw new Error(why);
  const started = Date.now();
  const mariadbd = which('mariadbd')!;
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? ['--user=mysql'] : [];
  const dir = mkdtempSync(join(tmpdir(), 'hms-galera-'));
  chmodSync(dir, 0o755);
  const init = spawnSync(which('mariadb-install-db')!, ['--no-defaults', `--datadir=${dir}/d1`, '--auth-root-authentication-method=normal', '--skip-test-db', ...user], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr.slice(0, 500)}`);

  const ports = await Promise.all(Array.from({ length: size }, async () => ({ client: await freePort(), group: await freePort(), ist: await freePort(), sst: await freePort() })));
  const cluster = `gcomm://${ports.map((p) => `127.0.0.1:${p.group}`).join(',')}`;
  const children: (ChildProcess | null)[] = ports.map(() => null);
  const own = (path: string) => {
    if (asRoot) spawnSync('chown', ['-R', 'mysql:mysql', path]);
  };

  const startNode = (i: number, extra: string[] = []): ChildProcess => {
    const p = ports[i];
    const n = i + 1;
    mkdirSync(`${dir}/t${n}`, { recursive: true });
    own(`${dir}/t${n}`);
    const child = spawn(
      mariadbd,
      [
        '--no-defaults',
        ...user,
        `--datadir=${dir}/d${n}`,
        `--tmpdir=${dir}/t${n}`,
        // In the node's own directories: as root the node runs as `mysql`, which may not write in the parent.
        `--socket=${dir}/t${n}/sock`,
        `--log-error=${dir}/t${n}/error.log`,
        `--port=${p.client}`,
        '--bind-address=127.0.0.1',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        // What Galera requires of the server: row-based replication and interleaved auto-increment locks.
        '--binlog-format=ROW',
        '--innodb-autoinc-lock-mode=2',
        '--wsrep-on=ON',
        `--wsrep-provider=${GALERA_LIBRARY}`,
        '--wsrep-cluster-name=hms-test',
        `--wsrep-cluster-address=${cluster}`,
        `--wsrep-node-address=127.0.0.1:${p.group}`,
        `--wsrep-node-name=node${n}`,
        '--wsrep-sst-method=rsync',
        `--wsrep-sst-receive-address=127.0.0.1:${p.sst}`,
        `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${p.group};ist.recv_addr=127.0.0.1:${p.ist};gcache.size=32M`,
        ...extra,
      ],
      { stdio: 'ignore' },
    );
    children[i] = child;
    return child;
  };

  try {
    // Node 1 once, alone, so that its data directory holds the cluster's id and position (grastate.dat and InnoDB's
    // wsrep position); copies of it join as the same history and need only IST.
    own(`${dir}/d1`);
    let first = startNode(0, ['--wsrep-new-cluster']);
    await waitSynced(ports[0].client, 1, first, 30_000);
    await stopChild(first);
    for (let n = 2; n <= size; n++) cpSync(`${dir}/d1`, `${dir}/d${n}`, { recursive: true });
    for (let n = 2; n <= size; n++) own(`${dir}/d${n}`);
    first = startNode(0, ['--wsrep-new-cluster']);
    await waitSynced(ports[0].client, 1, first, 30_000);
    const joiners = ports.slice(1).map((_, k) => startNode(k + 1));
    await Promise.all(joiners.map((c, k) => waitSynced(ports[k + 1].client, size, c, 120_000)));
  } catch (e) {
    await Promise.all(children.map((c) => (c ? stopChild(c, 'SIGKILL') : undefined)));
    const logs = ports.map((_, i) => `${dir}/t${i + 1}/error.log`).filter((f) => existsSync(f));
    const tail = logs.map((f) => `${f}:\n${readFileSync(f, 'utf8').split('\n').filter((l) => /ERROR|\[Warning\] WSREP/.test(l)).slice(-8).join('\n')}`).join('\n');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${tail}`);
  }

  const nodes: GaleraNode[] = ports.map((p) => ({
    port: p.client,
    url: `mysql://root@127.0.0.1:${p.client}`,
    sql: (q, args) => query(p.client, q, args),
  }));
  return {
    nodes,
    startMs: Date.now() - started,
    conflicts: async () => {
      let total = 0;
      for (const n of nodes) {
        const rows = await n.sql<{ Value: string }>("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')");
        total += rows.reduce((s, r) => s + Number(r.Value), 0);
      }
      return total;
    },
    destroy: async () => {
      // Joiners first, then the bootstrap node: every node leaves cleanly, none waits for a lost peer.
      for (const c of [...children].reverse()) if (c) await stopChild(c);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

