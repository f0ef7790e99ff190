// Command-line entry: `db:migrate` and `seed` run through the same data source as the app; `db:backup` and `db:restore`.
import 'reflect-metadata';
import { parseDatabaseUrl, createDataSource } from '../db/data-source';
import { backupDatabase, restoreDatabase } from '../db/backup';
import { ensureDatabase, migrate } from '../db/database';
import { provisionDatabase } from '../db/accounts';
import { databaseUrl } from '../db/data-source';
import { EmbeddedServer } from '../db/embedded';
import { resolve } from 'node:path';
import { ENTITIES } from '../features/entities';
import { SEED_USAGE } from '../seed/seed-cli';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'seed' && (args.includes('--help') || args.includes('-h'))) {
    console.log(SEED_USAGE);
    return;
  }
  if (command === 'provision') {
    await runProvisionCommand(args);
    return;
  }
  if (command === 'backup' || command === 'restore') {
    await runBackupCommand(command, args);
    return;
  }
  const url = process.env.HMS_DATABASE_URL;
  if (!url) throw new Error('Set HMS_DATABASE_URL, e.g. mysql://root@127.0.0.1:3306/hospital');
  const target = parseDatabaseUrl(url);
  switch (command) {
    case 'migrate': {
      const flavor = await ensureDatabase(target);
      const ds = await createDataSource(target, ENTITIES, 2, flavor).initialize();
      try {
        const ran = await migrate(ds);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'schema is up to date');
      } finally {
        await ds.destroy();
      }
      return;
    }
    case 'seed': {
      const { runSeedCli } = await import('../seed/seed-cli');
      await runSeedCli(target, args);
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ''}". Use: migrate | provision | seed | backup | restore`);
  }
}

const PROVISION_USAGE = `Usage:
  npm run db:provision -- --admin-url mysql://root:PASSWORD@HOST:3306/ --database hospital
      [--owner-user hd_owner] [--app-user hd_app] [--owner-password P] [--app-password P] [--account-host %]

Creates the database (utf8mb4), an owner account (every privilege on that database only, no GRANT: for migrations)
and an application account (SELECT, INSERT, UPDATE, DELETE on each table; SELECT and INSERT only on audit_log;
SELECT on migrations); migrates the schema as the owner; prints both connection URLs. Passwords not given are
generated and printed once. Re-running is safe: it migrates and re-applies the grants table by table (run it after
an upgrade that adds tables); an existing owner gets a new password unless --owner-password is given, an existing
application account keeps its password unless --app-password is given.
--admin-url defaults to HMS_ADMIN_URL; add ?ssl-ca=/path/ca.pem to it to connect over TLS. The administrator account is
used for this command only.`;

function provisionOption(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.\n\n${PROVISION_USAGE}`);
  return value;
}

async function runProvisionCommand(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(PROVISION_USAGE);
    return;
  }
  const allowed = ['--admin-url', '--database', '--owner-user', '--app-user', '--owner-password', '--app-password', '--account-host'];
  const unknown = args.filter((a) => a.startsWith('--') && !allowed.includes(a.split('=')[0]));
  if (unknown.length) throw new Error(`Unknown option ${unknown[0]} for provision.\n\n${PROVISION_USAGE}`);
  const adminUrl = provisionOption(args, '--admin-url') ?? process.env.HMS_ADMIN_URL;
  const database = provisionOption(args, '--database');
  if (!adminUrl || !database) throw new Error(`provision needs --admin-url and --database.\n\n${PROVISION_USAGE}`);
  const u = new URL(adminUrl);
  const sslCa = u.searchParams.get('ssl-ca');
  u.pathname = `/${database}`;
  const { database: _db, ...admin } = parseDatabaseUrl(u.toString());
  const r = await provisionDatabase(
    admin,
    {
      database,
      ownerUser: provisionOption(args, '--owner-user'),
      appUser: provisionOption(args, '--app-user'),
      ownerPassword: provisionOption(args, '--owner-password'),
      appPassword: provisionOption(args, '--app-password'),
      accountHost: provisionOption(args, '--account-host'),
    },
    ENTITIES,
  );
  const tls = sslCa ? `?ssl-ca=${encodeURIComponent(sslCa)}` : '';
  console.log(r.migrationsApplied.length ? `migrated: ${r.migrationsApplied.join(', ')}` : 'schema is up to date');
  console.log(`granted the application account its rights on ${r.tablesGranted} tables`);
  console.log(`owner (migrations: npm run db:migrate with HMS_DATABASE_URL set to this):\n  ${databaseUrl(r.owner)}${tls}`);
  console.log(
    r.app.password === null
      ? `application account (workstations; its password is unchanged):\n  ${databaseUrl({ ...r.app, password: '' }).replace('@', ':PASSWORD@')}${tls}`
      : `application account (workstations: HMS_DATABASE_URL or the connection screen):\n  ${databaseUrl({ ...r.app, password: r.app.password })}${tls}`,
  );
  console.log('The passwords are shown this once: keep the owner URL with the administrator, not on the workstations.');
}

const BACKUP_USAGE = `Usage:
  npm run db:backup -- --url mysql://USER:PASSWORD@HOST:3306/DB [--out DIR]
  npm run db:backup -- --this-computer DIR [--out DIR]
  npm run db:restore -- --url mysql://USER:PASSWORD@HOST:3306/NEWDB --file DB-2026-12-06T0315Z.sql.gz [--force]

--url defaults to HMS_DATABASE_URL (better for scheduled jobs: a URL given here shows in the process list).
backup writes DB-<UTC time>.sql.gz (mariadb-dump --single-transaction, gzipped) and its sidecar .sql.gz.json into
--out (default: the current folder). restore checks the file against its sidecar, refuses a database that is not
empty unless --force (which drops and re-creates it), and checks the schema version and audit head afterwards.
--this-computer backs up the private database of "Only this computer" whose folder is DIR (the app's user-data folder's
mariadb/, e.g. ~/.config/Hospital Desk/mariadb): the app's running server, or one started for the backup and stopped after.`;

/** \`--name value\` or \`--name=value\`. */
function option(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value.\n\n${BACKUP_USAGE}`);
  return value;
}

async function runBackupCommand(command: 'backup' | 'restore', args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(BACKUP_USAGE);
    return;
  }
  const allowed = command === 'backup' ? ['--url', '--out', '--this-computer'] : ['--url', '--file', '--force'];
  const unknown = args.filter((a) => a.startsWith('--') && !allowed.includes(a.split('=')[0]));
  if (unknown.length) throw new Error(`Unknown option ${unknown[0]} for ${command}.\n\n${BACKUP_USAGE}`);
  const thisComputer = command === 'backup' ? option(args, '--this-computer') : undefined;
  if (thisComputer) {
    await backupThisComputer(thisComputer, option(args, '--out') ?? '.');
    return;
  }
  const url = option(args, '--url') ?? process.env.HMS_DATABASE_URL;
  if (!url) throw new Error(`Give --url mysql://USER:PASSWORD@HOST:3306/DB or set HMS_DATABASE_URL.\n\n${BACKUP_USAGE}`);
  const target = parseDatabaseUrl(url);
  if (command === 'backup') {
    const b = await backupDatabase(target, option(args, '--out') ?? '.');
    console.log(`backup: ${b.path} (${b.bytes} bytes)`);
    console.log(`sidecar: ${b.sidecarPath}`);
    console.log(`sha256 ${b.sha256}; schema ${b.schemaVersion}; audit head ${b.auditHead.id} ${b.auditHead.hash}; ${b.auditRows} audit entries; server ${b.serverVersion}`);
    return;
  }
  const file = option(args, '--file');
  if (!file) throw new Error(`restore needs --file.\n\n${BACKUP_USAGE}`);
  const r = await restoreDatabase(target, file, { force: args.includes('--force') });
  console.log(`restored ${r.file} into ${r.database}${r.replaced ? ' (its previous contents were replaced)' : ''}`);
  console.log(`schema ${r.schemaVersion}; audit head ${r.auditHead.id} ${r.auditHead.hash}; ${r.auditRows} audit entries: as the backup recorded`);
  if (r.compatibility.state === 'newer') {
    console.error(`WARNING: ${r.compatibility.message}`);
    process.exitCode = 3;
  } else {
    console.log(r.compatibility.message);
  }
  console.log('Before putting the copy to use, sign in to it as an administrator and press Verify chain on the Audit trail screen (audit.verify).');
}

/** The private database of "Only this computer" (db/embedded.ts): backed up as its server's root, on 127.0.0.1. */
async function backupThisComputer(dir: string, out: string): Promise<void> {
  const server = new EmbeddedServer({ baseDir: resolve(dir) });
  if (!server.initialised()) throw new Error(`${dir} holds no private database of Hospital Desk (no server.json and data/ there).`);
  await server.start();
  try {
    const b = await backupDatabase({ ...server.admin(), database: server.database }, out);
    console.log(`backup of this computer's database (${server.dataDir}): ${b.path} (${b.bytes} bytes)`);
    console.log(`sidecar: ${b.sidecarPath}`);
    console.log(`sha256 ${b.sha256}; schema ${b.schemaVersion}; audit head ${b.auditHead.id} ${b.auditHead.hash}; ${b.auditRows} audit entries`);
    console.log('Restore it on the server with npm run db:restore -- --url mysql://OWNER:PASSWORD@SERVER:3306/hospital --file <that file>.');
  } finally {
    // The app's own server (running while the app runs) is left running; one started for this backup stops.
    if (server.startedHere) await server.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
