// The one access rule of every role-gated call (the pipeline's, and the CSV export's for the list it re-runs): the
// channel's default roles, changed per hospital by an administrator. A role narrowed at some hospitals narrows the
// call's hospital scope to the others, so every scope check of the services applies it; narrowed everywhere, or
// never given, the call is FORBIDDEN before its input is read.
import type { EntityManager } from 'typeorm';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { AppError } from '@shared/errors';
import { grantingRoles, isOverridable, type RoleOverride } from '@shared/domain/permissions';
import type { Role } from '@shared/domain/roles';
import type { Session } from '../../platform/context';

export interface Authorisation {
  /** The hospitals this call may reach: the caller's, less those where none of their roles may call the channel. */
  scope: number[] | 'all';
  /** The caller's roles that grant the call somewhere in that scope (a doctor-only grant reads their own list only). */
  roles: Role[];
}

const forbiddenFor = (roles: readonly string[]): AppError => new AppError('FORBIDDEN', `Only ${roles.join(', ').replace(/_/g, ' ')} may do this.`);

/** The default rule alone, for a call made without a database (it can read no overrides). */
export function defaultAuthorisation(session: Session, def: AnyChannel): Authorisation {
  const scope = session.allHospitals ? 'all' : session.hospitalIds;
  if (!Array.isArray(def.access)) return { scope, roles: session.roles };
  const roles = grantingRoles(def.access, session.roles, []);
  if (roles.length === 0) throw forbiddenFor(def.access);
  return { scope, roles };
}

/** The overrides of one channel for these roles, by hospital. */
async function overridesOf(em: EntityManager, channel: string, roles: readonly Role[]): Promise<Map<number, RoleOverride[]>> {
  const byHospital = new Map<number, RoleOverride[]>();
  if (roles.length === 0) return byHospital;
  const rows: { hospital_id: number; role: Role; allowed: number }[] = await em.query(
    `SELECT hospital_id, role, allowed FROM role_permissions WHERE channel = ? AND role IN (${roles.map(() => '?').join(',')})`,
    [channel, ...roles],
  );
  for (const r of rows) {
    const list = byHospital.get(r.hospital_id) ?? [];
    list.push({ role: r.role, allowed: !!r.allowed });
    byHospital.set(r.hospital_id, list);
  }
  return byHospital;
}

/** Who may make this call, and where: throws FORBIDDEN when nowhere. */
export async function authorise(em: EntityManager, session: Session, name: ChannelName): Promise<Authorisation> {
  const def = contract[name] as AnyChannel;
  if (!isOverridable(name, def.access)) return defaultAuthorisation(session, def);
  const access = def.access as readonly Role[];
  const overrides = await overridesOf(em, name, session.roles);
  if (overrides.size === 0) return defaultAuthorisation(session, def);

  const hospitals: number[] = session.allHospitals ? ((await em.query('SELECT id FROM hospitals ORDER BY id')) as { id: number }[]).map((h) => h.id) : session.hospitalIds;
  const permitted: number[] = [];
  const roles = new Set<Role>();
  for (const h of hospitals) {
    const granting = grantingRoles(access, session.roles, overrides.get(h) ?? []);
    if (granting.length === 0) continue;
    permitted.push(h);
    for (const r of granting) roles.add(r);
  }
  if (permitted.length === 0) {
    const byDefault = grantingRoles(access, session.roles, []).length > 0;
    throw byDefault ? new AppError('FORBIDDEN', 'An administrator has withdrawn this from your role at your hospital.') : forbiddenFor(access);
  }
  const scope = session.allHospitals && permitted.length === hospitals.length ? 'all' : permitted;
  return { scope, roles: [...roles] };
}

/** Per hospital of the caller's scope, the role-gated channels they may call there (what the renderer shows). */
export async function permittedChannels(em: EntityManager, session: Session): Promise<{ hospitalId: number; channels: string[] }[]> {
  const hospitals: number[] = session.allHospitals ? ((await em.query('SELECT id FROM hospitals ORDER BY id')) as { id: number }[]).map((h) => h.id) : session.hospitalIds;
  const overrides = new Map<string, RoleOverride[]>();
  if (session.roles.length > 0 && hospitals.length > 0) {
    const rows: { channel: string; hospital_id: number; role: Role; allowed: number }[] = await em.query(
      `SELECT channel, hospital_id, role, allowed FROM role_permissions WHERE role IN (${session.roles.map(() => '?').join(',')})`,
      session.roles,
    );
    for (const r of rows) {
      const key = `${r.hospital_id}|${r.channel}`;
      const list = overrides.get(key) ?? [];
      list.push({ role: r.role, allowed: !!r.allowed });
      overrides.set(key, list);
    }
  }
  return hospitals.map((hospitalId) => ({
    hospitalId,
    channels: Object.entries(contract)
      .filter(([name, def]) => {
        const access = (def as AnyChannel).access;
        if (!Array.isArray(access)) return false;
        const o = isOverridable(name, access) ? (overrides.get(`${hospitalId}|${name}`) ?? []) : [];
        return grantingRoles(access, session.roles, o).length > 0;
      })
      .map(([name]) => name),
  }));
}
