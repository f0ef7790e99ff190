// Two throwaway mariadbd servers in MariaDB's GTID replication: a primary with a binary log and a replica that follows
// it (MASTER_USE_GTID=slave_pos), for the read-replica tests. The replica is read by an account that may only SELECT,
// so a replica read that tried to write would fail loudly.
import mysql from 'mysql2/promise';
import type { DbTarget } from '../../src-main/db/data-source';
import { startThrowawayMariadb, type ThrowawayServer } from './mariadb';

export interface ReplicatedPair {
  primary: ThrowawayServer;
  replica: ThrowawayServer;
  /** The app's target: root on the primary, the SELECT-only reader on the replica. */
  target: DbTarget;
  /** A statement on the primary or the replica, as root (outside the app). */
  sql(on: 'primary' | 'replica', query: string, args?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The server's global Com_select counter: how many SELECTs it has run. */
  selects(on: 'primary' | 'replica'): Promise<number>;
  /** Waits until the replica has applied everything the primary has committed. */
  caughtUp(timeoutSeconds?: number): Promise<void>;
  /** MASTER_DELAY on the replica: it applies each transaction this many seconds after the primary committed it. */
  delay(seconds: number): Promise<void>;
  destroy(): Promise<void>;
}

export const READER = { user: 'hms_reader', password: 'replica-reader-2026' };
const REPL = { user: 'hms_repl', password: 'replication-2026' };

export async function startReplicatedPair(database: string): Promise<ReplicatedPair> {
  const [primary, replica] = await Promise.all([
    startThrowawayMariadb({ serverArgs: ['--log-bin=primary-bin', '--server-id=1', '--gtid-strict-mode=1', '--binlog-format=ROW'] }),
    startThrowawayMariadb({ serverArgs: ['--server-id=2', '--gtid-strict-mode=1', '--read-only=1'] }),
  ]);
  const open = (s: ThrowawayServer) => mysql.createConnection({ host: '127.0.0.1', port: s.port, user: 'root', dateStrings: true });
  let conns: Record<'primary' | 'replica', mysql.Connection> = { primary: await open(primary), replica: await open(replica) };
  const sql = async (on: 'primary' | 'replica', query: string, args: unknown[] = []) => {
    if (on === 'replica' && !(await alive(conns.replica))) conns = { ...conns, replica: await open(replica) };
    return (await conns[on].query(query, args))[0] as Record<string, unknown>[];
  };

  // Accounts made on the primary before the replica starts following it from that point.
  await sql('primary', `CREATE USER '${REPL.user}'@'127.0.0.1' IDENTIFIED BY '${REPL.password}'`);
  await sql('primary', `GRANT REPLICATION SLAVE ON *.* TO '${REPL.user}'@'127.0.0.1'`);
  const [{ p }] = await sql('primary', 'SELECT @@GLOBAL.gtid_binlog_pos AS p');
  await sql('replica', 'SET GLOBAL gtid_slave_pos = ?', [p]);
  await sql('replica', `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='${REPL.user}', MASTER_PASSWORD='${REPL.password}', MASTER_USE_GTID=slave_pos`);
  await sql('replica', 'START SLAVE');
  // Replicated like everything else from here on: the reader exists on both servers.
  await sql('primary', `CREATE USER '${READER.user}'@'127.0.0.1' IDENTIFIED BY '${READER.password}'`);
  await sql('primary', `GRANT SELECT ON \`${database}\`.* TO '${READER.user}'@'127.0.0.1'`);

  const caughtUp = async (timeoutSeconds = 20) => {
    const [{ p: pos }] = await sql('primary', 'SELECT @@GLOBAL.gtid_binlog_pos AS p');
    const [{ w }] = await sql('replica', 'SELECT MASTER_GTID_WAIT(?, ?) AS w', [pos, timeoutSeconds]);
    if (Number(w) !== 0) throw new Error(`the replica did not reach ${pos} within ${timeoutSeconds} s`);
  };
  await caughtUp();

  return {
    primary,
    replica,
    target: {
      host: '127.0.0.1',
      port: primary.port,
      user: 'root',
      password: '',
      database,
      replicas: [{ host: '127.0.0.1', port: replica.port, user: READER.user, password: READER.password, database }],
    },
    sql,
    selects: async (on) => {
      const [row] = await sql(on, "SHOW GLOBAL STATUS LIKE 'Com_select'");
      return Number(row.Value);
    },
    caughtUp,
    delay: async (seconds) => {
      await sql('replica', 'STOP SLAVE');
      await sql('replica', `CHANGE MASTER TO MASTER_DELAY=${Math.max(0, Math.floor(seconds))}`);
      await sql('replica', 'START SLAVE');
    },
    destroy: async () => {
      await Promise.all(Object.values(conns).map((c) => c.end().catch(() => undefined)));
      await Promise.all([replica.destroy(), primary.destroy()]);
    },
  };
}

async function alive(c: mysql.Connection): Promise<boolean> {
  try {
    await c.query('DO 1');
    return true;
  } catch {
    return false;
  }
}
