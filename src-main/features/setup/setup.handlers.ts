// First start: connection profile, and the first hospital with its administrator (only while no user exists).
import { setup } from '@shared/contract/setup';
import { AppError, conflict, forbidden } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { defineHandlers } from '../../platform/handlers';
import { AuditHeadEntity } from '../audit';
import { installStarterCodes } from '../clinical';
import { createHospital } from '../hospitals';
import { hashPassword, UserEntity } from '../users';

async function hasUsers(ctx: CallContext): Promise<boolean> {
  const ds = await ctx.runtime.db.dataSource();
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM users');
  return Number(n) > 0;
}

/** Before set-up, or while the database cannot be reached, anyone at the workstation may fix the connection; afterwards only administrators. */
async function requireConnectionAccess(ctx: CallContext): Promise<void> {
  if (ctx.hasRole('admin')) return;
  const status = await ctx.runtime.db.status();
  if (!status.connected) return;
  if (await hasUsers(ctx)) throw forbidden('Only an administrator can change the database connection.');
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
    return { hospitalId: hospital.id, userId: admin.id };
  },
  'connection.status': (_input, ctx) => ctx.runtime.db.status(true),
  'connection.test': async (input, ctx) => {
    await requireConnectionAccess(ctx);
    return ctx.runtime.db.test(input);
  },
  'connection.save': async (input, ctx) => {
    await requireConnectionAccess(ctx);
    const current = await ctx.runtime.db.status();
    if (current.source === 'env') throw conflict('This workstation takes its database from HMS_DATABASE_URL; change that setting instead.');
    await ctx.runtime.db.saveProfile(input);
    return ctx.runtime.db.status(true);
  },
});
