// Accounts and sign-in: lockout after five failures, idle lock, hospital scope.
import { In, type EntityManager } from 'typeorm';
import { AppError, conflict, forbidden, notFound, takenKey } from '@shared/errors';
import { passwordProblem } from '@shared/domain/password-policy';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Contract } from '@shared/contract';
import type { SessionInfo, UserAccount } from '@shared/contract/users';
import type { Page } from '@shared/contract/channel';
import type { CallContext, Session } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { HospitalEntity } from '../hospitals';
import { readSettings } from '../settings';
import { burnPasswordCheck, credentialStamp, hashPassword, verifyPassword } from './passwords';
import { UserEntity, UserHospitalEntity } from './user.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
/**
 * Sign-in answers this to every refusal (unknown name, deactivated, locked, wrong password), so the answer never tells
 * whether a username exists.
 */
export const SIGN_IN_REFUSED = `Wrong username or password. After ${MAX_FAILED_LOGINS} failed sign-ins in a row an account is locked for ${LOCKOUT_MINUTES} minutes; an administrator can unlock it by resetting the password.`;

export function sessionInfo(s: Session): SessionInfo {
  return {
    user: { id: s.userId, username: s.username, fullName: s.fullName, roles: s.roles, hospitalIds: s.hospitalIds, allHospitals: s.allHospitals },
    idleLockMinutes: s.idleLockMinutes,
    locked: s.locked,
  };
}

async function hospitalIdsOf(em: EntityManager, userIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await em.find(UserHospitalEntity, { where: { userId: In(userIds) }, order: { hospitalId: 'ASC' } });
  for (const r of rows) map.get(r.userId)!.push(r.hospitalId);
  return map;
}

function toAccount(u: UserEntity, hospitalIds: number[]): UserAccount {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    roles: u.roles,
    hospitalIds,
    allHospitals: u.allHospitals,
    active: u.active,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    version: u.version,
  };
}

async function loadWithHash(em: EntityManager, where: { username: string } | { id: number }): Promise<UserEntity | null> {
  // Sign-in knows the name, not the id: the id is found first so the row is locked the one way rows are locked.
  const id = 'id' in where ? where.id : (await em.findOne(UserEntity, { where, select: { id: true } }))?.id;
  return id === undefined ? null : lockRow(em, UserEntity, id, { alsoHidden: ['passwordHash'] });
}

/**
 * Counts a wrong password (the fifth in a row locks the account for 15 minutes) and answers UNAUTHENTICATED.
 * The count is committed even though the call fails. Returns whether the account is now locked.
 */
async function rejectWrongPassword(ctx: CallContext, user: UserEntity, message: string, lockedNow?: string): Promise<boolean> {
  user.failedLogins += 1;
  const locksNow = user.failedLogins >= MAX_FAILED_LOGINS;
  if (locksNow) {
    user.lockedUntil = new Date(ctx.now().getTime() + LOCKOUT_MINUTES * 60_000);
    user.failedLogins = 0;
    ctx.audit({ action: 'auth.locked_out', entity: 'user', entityId: user.id, changes: { lockedUntil: user.lockedUntil.toISOString() } });
  } else {
    ctx.audit({ action: 'auth.login_failed', entity: 'user', entityId: user.id, changes: { failedLogins: user.failedLogins } });
  }
  await ctx.em.update(UserEntity, user.id, { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil });
  ctx.failAfterCommit(new AppError('UNAUTHENTICATED', locksNow ? (lockedNow ?? lockedMessage(user.lockedUntil!)) : message));
  return locksNow;
}

function lockedMessage(until: Date): string {
  return `This account is locked after ${MAX_FAILED_LOGINS} failed sign-ins until ${until.toISOString().slice(11, 16)} UTC; an administrator can unlock it by resetting the password.`;
}

export async function login(ctx: CallContext, input: In<'auth.login'>): Promise<SessionInfo> {
  const user = await loadWithHash(ctx.em, { username: input.username });
  // The same answer after the same work (one password check) whichever way sign-in is refused.
  if (!user || !user.active || (user.lockedUntil && user.lockedUntil > ctx.now())) {
    await burnPasswordCheck(input.password);
    throw new AppError('UNAUTHENTICATED', SIGN_IN_REFUSED);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await rejectWrongPassword(ctx, user, SIGN_IN_REFUSED, SIGN_IN_REFUSED);
    return null as never;
  }
  await ctx.em.update(UserEntity, user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: ctx.now() });
  const ids = (await hospitalIdsOf(ctx.em, [user.id])).get(user.id)!;
  const settings = await readSettings(ctx.em);
  const session: Session = {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    roles: user.roles,
    hospitalIds: ids,
    allHospitals: user.allHospitals,
    idleLockMinutes: settings.idleLockMinutes,
    locked: false,
    lastActivityAt: ctx.now().getTime(),
    credentialStamp: credentialStamp(user.passwordHash),
  };
  ctx.runtime.sessions.set(ctx.windowKey, session);
  ctx.session = session;
  ctx.audit({ action: 'auth.login', entity: 'user', entityId: user.id });
  // The last administrator to sign in at this workstation guards its connection while the database is unreachable.
  if (user.roles.includes('admin')) await ctx.runtime.db.setProfileGuard({ username: user.username, passwordHash: user.passwordHash });
  return sessionInfo(session);
}

export async function unlock(ctx: CallContext, input: In<'auth.unlock'>): Promise<SessionInfo> {
  const session = ctx.runtime.sessions.get(ctx.windowKey);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  const user = await loadWithHash(ctx.em, { id: session.userId });
  if (!user || !user.active) {
    ctx.runtime.sessions.delete(ctx.windowKey);
    throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  }
  if (user.lockedUntil && user.lockedUntil > ctx.now()) {
    ctx.runtime.sessions.delete(ctx.windowKey);
    throw new AppError('UNAUTHENTICATED', lockedMessage(user.lockedUntil));
  }
  ctx.session = session;
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    if (await rejectWrongPassword(ctx, user, 'Wrong password.')) ctx.runtime.sessions.delete(ctx.windowKey);
    return null as never;
  }
  await ctx.em.update(UserEntity, user.id, { failedLogins: 0 });
  session.locked = false;
  session.lastActivityAt = ctx.now().getTime();
  ctx.audit({ action: 'auth.unlock', entity: 'user', entityId: user.id });
  return sessionInfo(session);
}

export async function changePassword(ctx: CallContext, input: In<'auth.changePassword'>): Promise<null> {
  const user = await loadWithHash(ctx.em, { id: ctx.user.userId });
  if (!user) throw notFound('Your account');
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError('VALIDATION', 'The current password is wrong.', { currentPassword: 'Wrong password.' });
  }
  requirePolicy(input.newPassword, user.username);
  await setPassword(ctx, user, input.newPassword, {});
  ctx.audit({ action: 'user.password_changed', entity: 'user', entityId: user.id });
  return null;
}

/** The policy's rule that needs the username (the contract's schema checked the rest). */
function requirePolicy(newPassword: string, username: string): void {
  const reason = passwordProblem(newPassword, username);
  if (reason) throw new AppError('VALIDATION', 'The new password does not meet the password policy.', { newPassword: reason });
}

/**
 * Stores a new password and ends the account's other sessions: at this workstation now, at the others at their next
 * call (each session carries a stamp of the password it signed in with; see session-refresh.ts). The caller's own
 * session, when it is this account's, goes on under the new stamp.
 */
async function setPassword(ctx: CallContext, user: UserEntity, newPassword: string, extra: Partial<UserEntity>): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await ctx.em.update(UserEntity, user.id, { passwordHash, ...extra });
  const keep = ctx.session?.userId === user.id ? ctx.windowKey : null;
  ctx.runtime.sessions.endSessionsOf(user.id, keep);
  if (keep && ctx.session) ctx.session.credentialStamp = credentialStamp(passwordHash);
}

/** An administrator may only hand out hospitals they work at themselves, and "all" only when they have it. */
async function checkGrantableScope(ctx: CallContext, hospitalIds: number[], allHospitals: boolean): Promise<void> {
  const scope = ctx.scope();
  if (allHospitals && scope !== 'all') throw forbidden('Only a chain-wide administrator can grant access to all hospitals.');
  for (const id of hospitalIds) ctx.requireHospital(id);
  if (hospitalIds.length > 0) {
    const found = await ctx.em.count(HospitalEntity, { where: { id: In(hospitalIds) } });
    if (found !== new Set(hospitalIds).size) throw new AppError('VALIDATION', 'Unknown hospital.', { hospitalIds: 'One of the hospitals does not exist.' });
  }
}

/**
 * An account an administrator may change (roles, hospitals, activity, password): one whose every hospital the
 * administrator covers. Sharing one hospital shows the account in the list, but changing it would reach into the
 * others (make it an admin there, reset its password and act as it).
 */
async function requireManageable(ctx: CallContext, userId: number): Promise<UserEntity> {
  const user = await lockRow(ctx.em, UserEntity, userId);
  if (!user) throw notFound('The user');
  const scope = ctx.scope();
  if (scope !== 'all') {
    const ids = (await hospitalIdsOf(ctx.em, [userId])).get(userId)!;
    if (user.allHospitals || !ids.some((id) => scope.includes(id))) throw notFound('The user');
    if (!ids.every((id) => scope.includes(id))) {
      throw forbidden(`${user.fullName} also works at hospitals you do not administer; an administrator of all of them must make this change.`);
    }
  }
  return user;
}

export async function createUser(ctx: CallContext, input: In<'users.create'>): Promise<UserAccount> {
  const hospitalIds = input.allHospitals ? [] : [...new Set(input.hospitalIds)];
  await checkGrantableScope(ctx, hospitalIds, input.allHospitals);
  if (await ctx.em.exists(UserEntity, { where: { username: input.username } })) throw takenKey('uq_users_username');
  const user = ctx.em.create(UserEntity, {
    username: input.username,
    fullName: input.fullName,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
    allHospitals: input.allHospitals,
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    lastLoginAt: null,
  });
  await ctx.em.save(user);
  if (hospitalIds.length) await ctx.em.insert(UserHospitalEntity, hospitalIds.map((hospitalId) => ({ userId: user.id, hospitalId })));
  ctx.audit({
    action: 'user.create',
    entity: 'user',
    entityId: user.id,
    changes: { username: user.username, fullName: user.fullName, roles: user.roles, hospitalIds, allHospitals: user.allHospitals },
  });
  const saved = await ctx.em.findOneByOrFail(UserEntity, { id: user.id });
  return toAccount(saved, hospitalIds);
}

/** Usernames are unique, so they alone order the list. */
const BY_USERNAME: KeysetColumn<UserEntity>[] = [{ column: 'u.username', direction: 'ASC', kind: 'string', value: (u) => u.username }];

export async function listUsers(ctx: CallContext, input: In<'users.list'>): Promise<Page<UserAccount>> {
  const qb = ctx.em.getRepository(UserEntity).createQueryBuilder('u');
  if (!input.includeInactive) qb.andWhere('u.active = 1');
  if (input.query) {
    const like = `${input.query.replace(/[\\%_]/g, '\\$&')}%`;
    qb.andWhere('(u.username LIKE :like OR u.fullName LIKE :like)', { like });
  }
  const scope = ctx.scope();
  if (scope !== 'all') {
    qb.andWhere('u.allHospitals = 0').andWhere(
      'EXISTS (SELECT 1 FROM user_hospitals uh WHERE uh.user_id = u.id AND uh.hospital_id IN (:...scope))',
      { scope: scope.length ? scope : [0] },
    );
  }
  const page = await keysetPage(qb, { order: BY_USERNAME, cursor: input.cursor, limit: input.limit });
  const ids = await hospitalIdsOf(ctx.em, page.items.map((u) => u.id));
  return { items: page.items.map((u) => toAccount(u, ids.get(u.id)!)), nextCursor: page.nextCursor };
}

export async function updateUser(ctx: CallContext, input: In<'users.update'>): Promise<UserAccount> {
  const user = await requireManageable(ctx, input.id);
  if (user.version !== input.version) {
    throw conflict(`${user.fullName}'s account was changed at another desk since you opened it; reload it and apply your change again.`);
  }
  const beforeIds = (await hospitalIdsOf(ctx.em, [user.id])).get(user.id)!;
  const changes: Record<string, [unknown, unknown]> = {};
  if (input.active === false && user.id === ctx.user.userId) throw conflict('You cannot deactivate your own account.');
  if (input.roles && user.id === ctx.user.userId && !input.roles.includes('admin')) {
    throw conflict('You cannot remove the administrator role from your own account.');
  }
  for (const key of ['fullName', 'active'] as const) {
    if (input[key] !== undefined && input[key] !== user[key]) {
      changes[key] = [user[key], input[key]];
      (user as unknown as Record<string, unknown>)[key] = input[key];
    }
  }
  if (input.roles) {
    const roles = [...new Set(input.roles)];
    if (roles.join() !== user.roles.join()) changes.roles = [user.roles, roles];
    user.roles = roles;
  }
  const allHospitals = input.allHospitals ?? user.allHospitals;
  const hospitalIds = allHospitals ? [] : input.hospitalIds ? [...new Set(input.hospitalIds)] : beforeIds;
  if (!allHospitals && hospitalIds.length === 0) {
    throw new AppError('VALIDATION', 'Choose at least one hospital, or all hospitals.', { hospitalIds: 'Choose at least one hospital, or all hospitals.' });
  }
  if (allHospitals !== user.allHospitals || hospitalIds.join() !== beforeIds.join()) {
    await checkGrantableScope(ctx, hospitalIds, allHospitals);
    changes.allHospitals = [user.allHospitals, allHospitals];
    changes.hospitalIds = [beforeIds, hospitalIds];
    user.allHospitals = allHospitals;
    await ctx.em.delete(UserHospitalEntity, { userId: user.id });
    if (hospitalIds.length) await ctx.em.insert(UserHospitalEntity, hospitalIds.map((hospitalId) => ({ userId: user.id, hospitalId })));
  }
  if (Object.keys(changes).length > 0) {
    // Bumps the version even when only the hospital list changed.
    user.updatedAt = ctx.now();
    await ctx.em.save(user);
    ctx.audit({ action: 'user.update', entity: 'user', entityId: user.id, changes });
  }
  const saved = await ctx.em.findOneByOrFail(UserEntity, { id: user.id });
  return toAccount(saved, hospitalIds);
}

export async function resetPassword(ctx: CallContext, input: In<'users.resetPassword'>): Promise<null> {
  const user = await requireManageable(ctx, input.id);
  requirePolicy(input.newPassword, user.username);
  await setPassword(ctx, user, input.newPassword, { failedLogins: 0, lockedUntil: null, version: user.version + 1 });
  ctx.audit({ action: 'user.password_reset', entity: 'user', entityId: user.id, changes: { unlocked: user.lockedUntil !== null } });
  return null;
}
