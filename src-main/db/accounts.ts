// Least-privilege database accounts: provisioning an owner (migrations) and an application account (DML only), and
// reading what the account a workstation connects with may do.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { connectionOptions, createDataSource, type DbTarget, type EntityClasses } from './data-source';
import { migrate } from './migrate';

/** The table whose rows nobody may change or remove: the application account may only read and add. */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_checkpoints', 'audit_signing_keys'];
/** Tables the application reads but only migrations write. */
export const READ_ONLY_TABLES = ['migrations'];
const DML = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
/** What migrations need (the owner has all of the database's privileges, these are the ones checked). */
const MIGRATION_PRIVILEGES = ['CREATE', 'ALTER', 'DROP', 'INDEX', 'TRIGGER'];
/** Privileges the application account must not hold on its database or its tables. */
const TOO_MUCH_ON_DATABASE = ['CREATE', 'ALTER', 'DROP', 'INDEX', 'TRIGGER', 'REFERENCES', 'CREATE ROUTINE', 'ALTER ROUTINE', 'EVENT', 'CREATE VIEW', 'LOCK TABLES', 'DELETE HISTORY'];

const NAME = /^[A-Za-z0-9_]{1,64}$/;
const ACCOUNT_HOST = /^[A-Za-z0-9_.%:-]{1,255}$/;

export interface ProvisionOptions {
  database: string;
  ownerUser?: string;
  appUser?: string;
  /** Given, or generated (printed once). An existing owner without one gets a new password; an existing app account keeps its own. */
  ownerPassword?: string;
  appPassword?: string;
  /** The host part of both accounts ('%': any host). */
  accountHost?: string;
}

export interface ProvisionResult {
  database: string;
  owner: DbTarget;
  /** The application account; password null when it already existed and kept its (unknown here) password. */
  app: Omit<DbTarget, 'password'> & { password: string | null };
  migrationsApplied: string[];
  tablesGranted: number;
}

function checkName(what: string, v: string, re = NAME): string {
  if (!re.test(v)) throw new Error(`${what} "${v}" may hold letters, digits and _ only.`);
  return v;
}

/** `_` and `%` are wildcards in a database-level GRANT: escape them so the grant covers this database only. */
function grantDbName(db: string): string {
  return `\`${db.replace(/[_%]/g, (c) => `\\${c}`)}\``;
}

export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

async function accountExists(conn: mysql.Connection, user: string, host: string): Promise<boolean> {
  const [rows] = (await conn.query('SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?', [user, host])) as unknown as [unknown[]];
  return rows.length > 0;
}

/**
 * Creates (or brings up to date) the database, its owner account and its application account, migrates the schema as
 * the owner, and grants the application account DML table by table (SELECT and INSERT only on the audit trail).
 * `admin` is the server's administrator account (root or equivalent), used for this and never stored.
 */
export async function provisionDatabase(admin: Omit<DbTarget, 'database'>, opts: ProvisionOptions, entities: EntityClasses): Promise<ProvisionResult> {
  const database = checkName('The database name', opts.database);
  const ownerUser = checkName('The owner account', opts.ownerUser ?? 'hd_owner');
  const appUser = checkName('The application account', opts.appUser ?? 'hd_app');
  if (ownerUser === appUser) throw new Error('The owner and the application account must be two different accounts.');
  const host = checkName('The account host', opts.accountHost ?? '%', ACCOUNT_HOST);
  const conn = await mysql.createConnection(connectionOptions({ ...admin, database: '' }));
  let ownerPassword = opts.ownerPassword;
  let appPassword: string | null = opts.appPassword ?? null;
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    // The owner: everything on this database only, no GRANT OPTION, nothing elsewhere.
    ownerPassword ??= generatePassword();
    if (await accountExists(conn, ownerUser, host)) await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [ownerUser, host, ownerPassword]);
    else await conn.query('CREATE USER ?@? IDENTIFIED BY ?', [ownerUser, host, ownerPassword]);
    await conn.query(`GRANT ALL PRIVILEGES ON ${grantDbName(database)}.* TO ?@?`, [ownerUser, host]);
    if (await accountExists(conn, appUser, host)) {
      if (appPassword !== null) await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [appUser, host, appPassword]);
    } else {
      appPassword ??= generatePassword();
      await conn.query('CREATE USER ?@? IDENTIFIED BY ?', [appUser, host, appPassword]);
    }
  } finally {
    await conn.end().catch(() => undefined);
  }
  const owner: DbTarget = { host: admin.host, port: admin.port, user: ownerUser, password: ownerPassword, database, ca: admin.ca };
  const flavor = await serverFlavor(owner);
  const ds = await createDataSource(owner, entities, 2, flavor).initialize();
  let migrationsApplied: string[];
  try {
    migrationsApplied = await migrate(ds);
  } finally {
    await ds.destroy();
  }
  const tablesGranted = await grantApplicationAccount(admin, { database, appUser, accountHost: host });
  return { database, owner, app: { host: admin.host, port: admin.port, user: appUser, password: appPassword, database, ca: admin.ca }, migrationsApplied, tablesGranted };
}

async function serverFlavor(t: DbTarget): Promise<'mariadb' | 'mysql'> {
  const conn = await mysql.createConnection(connectionOptions({ ...t, database: '' }));
  try {
    const [[{ v }]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    return /mariadb/i.test(v) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/**
 * (Re-)applies the application account's grants on every table of the database — run after each migration that adds
 * a table (db:provision does). MariaDB has no "all tables but one" grant, hence table by table.
 */
export async function grantApplicationAccount(admin: Omit<DbTarget, 'database'>, opts: { database: string; appUser: string; accountHost?: string }): Promise<number> {
  const database = checkName('The database name', opts.database);
  const appUser = checkName('The application account', opts.appUser);
  const host = checkName('The account host', opts.accountHost ?? '%', ACCOUNT_HOST);
  const conn = await mysql.createConnection(connectionOptions({ ...admin, database: '' }));
  try {
    const [tables] = (await conn.query(`SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`, [database])) as unknown as [{ name: string }[]];
    // Whatever an earlier grant gave on the database as a whole (DML there would reach the audit trail) goes first.
    await conn.query(`REVOKE ALL PRIVILEGES ON ${grantDbName(database)}.* FROM ?@?`, [appUser, host]).catch(() => undefined);
    for (const { name } of tables) {
      const table = `\`${database}\`.\`${name.replace(/`/g, '')}\``;
      await conn.query(`REVOKE ALL PRIVILEGES ON ${table} FROM ?@?`, [appUser, host]).catch(() => undefined);
      const privileges = APPEND_ONLY_TABLES.includes(name) ? 'SELECT, INSERT' : READ_ONLY_TABLES.includes(name) ? 'SELECT' : DML.join(', ');
      await conn.query(`GRANT ${privileges} ON ${table} TO ?@?`, [appUser, host]);
    }
    return tables.length;
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** What the connected account may do on a database, as the server reports it. */
export interface AccountRights {
  account: string;
  global: Set<string>;
  globalGrantOption: boolean;
  database: Set<string>;
  databaseGrantOption: boolean;
  tables: Map<string, Set<string>>;
}

export async function readAccountRights(conn: mysql.Connection, database: string): Promise<AccountRights> {
  const [[{ account }]] = (await conn.query('SELECT CURRENT_USER() AS account')) as unknown as [[{ account: string }]];
  const at = account.lastIndexOf('@');
  const grantee = `'${account.slice(0, at)}'@'${account.slice(at + 1)}'`;
  const [g] = (await conn.query('SELECT PRIVILEGE_TYPE AS p, IS_GRANTABLE AS gr FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?', [grantee])) as unknown as [{ p: string; gr: string }[]];
  const [s] = (await conn.query(
    `SELECT PRIVILEGE_TYPE AS p, IS_GRANTABLE AS gr FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ? AND (TABLE_SCHEMA = ? OR ? LIKE TABLE_SCHEMA)`,
    [grantee, database, database],
  )) as unknown as [{ p: string; gr: string }[]];
  const [t] = (await conn.query('SELECT TABLE_NAME AS t, PRIVILEGE_TYPE AS p FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ? AND TABLE_SCHEMA = ?', [grantee, database])) as unknown as [
    { t: string; p: string }[],
  ];
  const tables = new Map<string, Set<string>>();
  for (const r of t) tables.set(r.t, (tables.get(r.t) ?? new Set()).add(r.p));
  return {
    account,
    global: new Set(g.map((r) => r.p).filter((p) => p !== 'USAGE')),
    globalGrantOption: g.some((r) => r.gr === 'YES'),
    database: new Set(s.map((r) => r.p)),
    databaseGrantOption: s.some((r) => r.gr === 'YES'),
    tables,
  };
}

function has(r: AccountRights, privilege: string, table?: string): boolean {
  return r.global.has(privilege) || r.database.has(privilege) || (table !== undefined && (r.tables.get(table)?.has(privilege) ?? false));
}

/** The account may run migrations (it owns the schema): development, tests, the owner account. */
export function canMigrate(r: AccountRights): boolean {
  return MIGRATION_PRIVILEGES.every((p) => has(r, p));
}

export function canCreateDatabase(r: AccountRights): boolean {
  return r.global.has('CREATE');
}

/** The tables (of those the app maps) where the account lacks what the app needs, as "table: PRIV, PRIV". */
export function missingRights(r: AccountRights, tables: string[]): string[] {
  const out: string[] = [];
  for (const table of tables) {
    const needed = APPEND_ONLY_TABLES.includes(table) ? ['SELECT', 'INSERT'] : READ_ONLY_TABLES.includes(table) ? ['SELECT'] : DML;
    const missing = needed.filter((p) => !has(r, p, table));
    if (missing.length) out.push(`${table}: ${missing.join(', ')}`);
  }
  return out;
}

/** What the account may do beyond what the application needs (empty: least privilege). */
export function excessRights(r: AccountRights): string[] {
  const out: string[] = [];
  if (r.global.size > 0) out.push(`server-wide privileges (${[...r.global].slice(0, 6).join(', ')}${r.global.size > 6 ? ', …' : ''})`);
  if (r.globalGrantOption || r.databaseGrantOption) out.push('GRANT OPTION');
  const onDb = TOO_MUCH_ON_DATABASE.filter((p) => r.database.has(p));
  if (onDb.length) out.push(`${onDb.join(', ')} on the database`);
  for (const [table, privileges] of r.tables) {
    const extra = [...privileges].filter((p) => (APPEND_ONLY_TABLES.includes(table) ? !['SELECT', 'INSERT'].includes(p) : !DML.includes(p)));
    if (extra.length) out.push(`${extra.join(', ')} on ${table}`);
  }
  for (const table of APPEND_ONLY_TABLES) {
    const change = ['UPDATE', 'DELETE'].filter((p) => r.database.has(p));
    if (change.length) out.push(`${change.join(', ')} on ${table} (through the database-wide grant)`);
  }
  return out;
}
