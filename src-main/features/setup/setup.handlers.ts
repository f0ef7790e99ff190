// First start: connection profile, and the first hospital with its administrator (only while no user exists).
import { setup, type ConnectionStatus } from '@shared/contract/setup';
import { AppError, conflict, forbidden, invalid } from '@shared/errors';
import { envDatabaseTarget, type DbTarget, type ReplicaTarget } from '../../db/data-source';
import { isEmbeddedTarget } from '../../db/embedded';
import type { CallContext } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { defineHandlers } from '../../platform/handlers';
import { AuditHeadEntity } from '../audit';
import { installStarterCodes } from '../clinical';
import { createHospital } from '../hospitals';
import { hashPassword, UserEntity, verifyPassword } from '../users';

async function hasUsers(ctx: CallContext): Promise<boolean> {
  const ds = await ctx.runtime.db.dataSource();
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM users');
  return Number(n) > 0;
}

/**
 * Wrong passwords typed at this workstation, per purpose (the guarded connection's administrator, the database owner's
 * for an upgrade): after five within a quarter of an hour, the form waits out the rest of it.
 */
const GUARD_TRIES = 5;
const GUARD_PAUSE_MS = 15 * 60_000;
const failures = new Map<string, { count: number; since: number }>();
const paused = (purpose: string) => {
  const f = failures.get(purpose);
  return f !== undefined && f.count >= GUARD_TRIES && Date.now() - f.since < GUARD_PAUSE_MS;
};
const failedOnce = (purpose: string) => {
  const f = failures.get(purpose);
  if (!f || Date.now() - f.since >= GUARD_PAUSE_MS) failures.set(purpose, { count: 1, since: Date.now() });
  else f.count++;
};

/**
 * Who may test or change this workstation's connection:
 * - before it is configured (first start) or while its database has no user yet: whoever sits at it;
 * - while its database answers: administrators;
 * - while its configured database cannot be reached: a signed-in administrator, or whoever gives the user name and
 *   password of the administrator who guards the profile (kept on the workstation); a connection from HMS_DATABASE_URL
 *   only by changing that setting (local OS rights). Anyone else learns only that the database is unreachable.
 */
async function requireConnectionAccess(ctx: CallContext, input: { adminUsername?: string; adminPassword?: string }): Promise<void> {
  if (ctx.hasRole('admin')) return;
  const status = await ctx.runtime.db.status();
  if (status.source === 'none') return;
  if (status.connected) {
    if (await hasUsers(ctx)) throw forbidden('Only an administrator can change the database connection.');
    return;
  }
  if (status.source === 'env') throw forbidden('The database is unreachable. This workstation takes its database from the HMS_DATABASE_URL setting.');
  const guard = await ctx.runtime.db.profileGuard();
  if (!guard) throw forbidden('The database is unreachable. Ask an administrator: start Hospital Desk with HMS_DATABASE_URL to point this workstation elsewhere.');
  if (paused('guard')) {
    throw forbidden('The database is unreachable. Too many wrong administrator passwords: try again in a quarter of an hour.');
  }
  if (!input.adminUsername && !input.adminPassword) throw forbidden('The database is unreachable. Changing this workstation’s connection needs its administrator’s user name and password.');
  const nameOk = (input.adminUsername ?? '').trim().toLowerCase() === guard.username.toLowerCase();
  const passwordOk = await verifyPassword(input.adminPassword ?? '', guard.passwordHash);
  if (!nameOk || !passwordOk) {
    failedOnce('guard');
    throw forbidden('The database is unreachable. Changing this workstation’s connection needs its administrator’s user name and password.');
  }
  failures.delete('guard');
}

/**
 * The replicas field of the connection form: comma-separated mysql:// URLs or host:port (the primary's account and
 * database); undefined when the field was left out. Checked like HMS_DATABASE_REPLICA_URLS.
 */
function parseReplicas(list: string | undefined, primary: DbTarget): ReplicaTarget[] | undefined {
  if (list === undefined) return undefined;
  const items = list.split(',').map((r) => r.trim()).filter(Boolean);
  if (items.length === 0) return [];
  const urls = items.map((r) => {
    if (/^[a-z]+:\/\//i.test(r)) return r;
    if (!/^[A-Za-z0-9_.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(r)) throw invalid({ readReplicas: `"${r.slice(0, 60)}" is neither host:port nor a mysql:// URL.` });
    return `mysql://${r}`;
  });
  try {
    const primaryUrl = `mysql://x@${primary.host.includes(':') ? `[${primary.host}]` : primary.host}:${primary.port}/${encodeURIComponent(primary.database)}`;
    const replicas = envDatabaseTarget({ HMS_DATABASE_URL: primaryUrl, HMS_DATABASE_REPLICA_URLS: urls.join(',') })?.replicas ?? [];
    // A host:port replica reads with the primary's account and TLS certificate, like a URL without a user.
    return replicas.map((r, i) => ({ ...r, ...(/^[a-z]+:\/\/[^@/]*@/i.test(items[i]) ? {} : { user: primary.user, password: primary.password }), ...(primary.ca && !r.ca ? { ca: primary.ca } : {}) }));
  } catch (e) {
    throw invalid({ readReplicas: (e instanceof Error ? e.message : String(e)).replace('HMS_DATABASE_REPLICA_URLS', 'Read replicas') });
  }
}

/** What a caller is told of the connection: administrators (and a workstation not set up yet) everything, others whether it works. */
async function statusFor(ctx: CallContext): Promise<ConnectionStatus> {
  const status = await withSetupFacts(ctx, await ctx.runtime.db.status(true));
  const guarded = !status.connected && status.source === 'profile' && (await ctx.runtime.db.profileGuard()) !== null;
  if (ctx.hasRole('admin') || status.source === 'none' || (!guarded && !status.connected && status.source === 'profile')) return { ...status, needsAdminPassword: false };
  if (status.connected && !(await hasUsers(ctx))) return { ...status, needsAdminPassword: false };
  return {
    ...status,
    host: null,
    port: null,
    user: null,
    database: null,
    serverVersion: null,
    // "Needs upgrading" and "update this workstation to version X" name nothing internal, and everyone at the desk
    // should know why it does not work.
    message: status.connected ? null : status.needsUpgrade || status.needsNewerApp ? status.message : 'The database is unreachable.',
    needsAdminPassword: guarded,
    accountWarning: null,
    needsUpgrade: status.needsUpgrade,
    thisComputer: status.thisComputer ? { ...status.thisComputer, dataDir: null } : undefined,
    replicas: undefined,
    replicaWarning: status.replicaWarning ? 'Reports and boards are read from the main database server for now; they may be slower.' : null,
  };
}

/** The connection's facts setup knows of: "Only this computer" and the saved profile's replicas. */
async function withSetupFacts(ctx: CallContext, status: ConnectionStatus): Promise<ConnectionStatus> {
  const embedded = ctx.runtime.embedded;
  const saved = status.source === 'profile' ? await ctx.runtime.profiles.load() : null;
  return {
    ...status,
    ...(embedded ? { thisComputer: { available: embedded.available(), inUse: isEmbeddedTarget(saved), dataDir: embedded.dataDir } } : {}),
    ...(saved?.replicas?.length ? { replicas: saved.replicas.map((r) => `${r.host}:${r.port}`) } : {}),
  };
}

export const setupHandlers = defineHandlers(setup, {
  'setup.status': async (_input, ctx) => {
    if (!(await ctx.runtime.db.isConfigured())) return { needsConnection: true, needsSetup: true };
    try {
      return { needsConnection: false, needsSetup: !(await hasUsers(ctx)) };
    } catch (e) {
      if (e instanceof AppError && e.code === 'DB_UNAVAILABLE') return { needsConnection: true, needsSetup: false };
      throw e;
    }
  },
  'setup.initialize': async (input, ctx) => {
    // The audit head row is the one lock every writer takes: two desks initialising at once take turns here.
    await lockRow(ctx.em, AuditHeadEntity, 1);
    if ((await ctx.em.count(UserEntity)) > 0) throw conflict('Hospital Desk is already set up; sign in instead.');
    const hospital = await createHospital(ctx, input.hospital);
    // The common ICD-10 diagnoses, so doctors can code from the first day (a full list can be imported later).
    await installStarterCodes(ctx.em);
    const admin = await ctx.em.save(
      ctx.em.create(UserEntity, {
        username: input.admin.username,
        fullName: input.admin.fullName,
        passwordHash: await hashPassword(input.admin.password),
        roles: ['admin'],
        allHospitals: true,
        active: true,
        failedLogins: 0,
      }),
    );
    ctx.audit({ action: 'setup.initialize', entity: 'user', entityId: admin.id, changes: { username: admin.username, hospital: hospital.code } });
    await ctx.runtime.db.setProfileGuard({ username: admin.username, passwordHash: admin.passwordHash });
    return { hospitalId: hospital.id, userId: admin.id };
  },
  'setup.provision': async ({ adminUsername, adminPassword, serverAdminUser, serverAdminPassword, ownerUser, appUser, appPassword, ...where }, ctx) => {
    await requireConnectionAccess(ctx, { adminUsername, adminPassword });
    if ((await ctx.runtime.db.status()).source === 'env') throw conflict('This workstation takes its database from HMS_DATABASE_URL; change that setting instead.');
    const result = await ctx.runtime.db.provision(
      { host: where.host, port: where.port, user: serverAdminUser, password: serverAdminPassword, ca: where.ca },
      { database: where.database, ownerUser, appUser, appPassword },
    );
    return { status: await statusFor(ctx), ownerUser: result.owner.user, ownerPassword: result.owner.password, appUser: result.app.user, migrationsApplied: result.migrationsApplied.length };
  },
  'setup.upgrade': async ({ ownerUser, ownerPassword }, ctx) => {
    const before = await ctx.runtime.db.status(true);
    if (!before.needsUpgrade) throw conflict(before.connected ? 'The database is already up to date.' : 'The database does not need upgrading: it cannot be reached, or something else is wrong.');
    // The owner's password is checked by the server; guesses through this form are counted like the guard's.
    if (paused('upgrade')) throw forbidden('Too many failed upgrades with the owner account: try again in a quarter of an hour.');
    try {
      await ctx.runtime.db.upgrade({ user: ownerUser, password: ownerPassword });
    } catch (e) {
      failedOnce('upgrade');
      throw e;
    }
    failures.delete('upgrade');
    return statusFor(ctx);
  },
  'setup.useThisComputer': async (_input, ctx) => {
    await requireConnectionAccess(ctx, {});
    if ((await ctx.runtime.db.status()).source === 'env') throw conflict('This workstation takes its database from HMS_DATABASE_URL; change that setting instead.');
    const server = ctx.runtime.embedded;
    if (!server) throw conflict('This workstation does not run a database of its own: connect to a database server.');
    let target: DbTarget;
    try {
      target = await server.setUp();
    } catch (e) {
      throw new AppError('DB_UNAVAILABLE', e instanceof Error ? e.message : String(e));
    }
    await ctx.runtime.db.saveProfile(target);
    return statusFor(ctx);
  },
  'connection.status': (_input, ctx) => statusFor(ctx),
  'connection.test': async ({ adminUsername, adminPassword, readReplicas, ...target }, ctx) => {
    await requireConnectionAccess(ctx, { adminUsername, adminPassword });
    parseReplicas(readReplicas, target);
    return ctx.runtime.db.test(target);
  },
  'connection.save': async ({ adminUsername, adminPassword, readReplicas, ...primary }, ctx) => {
    await requireConnectionAccess(ctx, { adminUsername, adminPassword });
    // Replicas left out of the form stay as the saved profile has them, while it names the same primary and database.
    const saved = await ctx.runtime.profiles.load();
    const samePrimary = saved !== null && !isEmbeddedTarget(saved) && saved.host === primary.host && saved.port === primary.port && saved.database === primary.database;
    const replicas = parseReplicas(readReplicas, primary) ?? (samePrimary ? saved.replicas : undefined);
    const target: DbTarget = { ...primary, ...(replicas?.length ? { replicas } : {}) };
    const current = await ctx.runtime.db.status();
    if (current.source === 'env') throw conflict('This workstation takes its database from HMS_DATABASE_URL; change that setting instead.');
    // A signed-in administrator saving it guards it (their account is read before the switch).
    const admin = ctx.hasRole('admin') && current.connected ? ctx.user.userId : null;
    const [guard]: { username: string; password_hash: string }[] = admin !== null ? await (await ctx.runtime.db.dataSource()).query('SELECT username, password_hash FROM users WHERE id = ?', [admin]) : [];
    await ctx.runtime.db.saveProfile(target);
    if (guard) await ctx.runtime.db.setProfileGuard({ username: guard.username, passwordHash: guard.password_hash });
    return statusFor(ctx);
  },
});
