// User accounts, sign-in and the session.
import { z } from 'zod';
import { channel, Cursor, Id, Limit, returns, RequiredText, Text, type Page } from './channel';
import { passwordProblem, weakPasswordReason } from '../domain/password-policy';
import { ROLES, type Role } from '../domain/roles';

export const Username = RequiredText(40)
  .pipe(z.string().regex(/^[A-Za-z0-9._-]{3,40}$/, { error: '3–40 letters, digits, dot, dash or underscore.' }))
  .transform((s) => s.toLowerCase());
/** A new password: the policy of domain/password-policy.ts (that it is not the username is checked with the username). */
export const Password = z
  .string({ error: 'Expected a password.' })
  .max(200, { error: 'At most 200 characters.' })
  .superRefine((pw, ctx) => {
    const reason = weakPasswordReason(pw);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

/** For an object holding a new `password` and the `username` it is for: the password may not contain the username. */
export const passwordNotUsername = (o: { username: string; password: string }, ctx: z.RefinementCtx) => {
  if (weakPasswordReason(o.password)) return;
  const reason = passwordProblem(o.password, o.username);
  if (reason) ctx.addIssue({ code: 'custom', path: ['password'], message: reason });
};

const RoleList = z.array(z.enum(ROLES)).min(1, { error: 'Give at least one role.' }).max(ROLES.length);
const HospitalScope = {
  /** Empty with allHospitals = true: the account works across the whole chain. */
  hospitalIds: z.array(Id).max(500).default([]),
  allHospitals: z.boolean().default(false),
};

export interface UserAccount {
  id: number;
  username: string;
  fullName: string;
  roles: Role[];
  hospitalIds: number[];
  allHospitals: boolean;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
}

export interface SessionInfo {
  user: Pick<UserAccount, 'id' | 'username' | 'fullName' | 'roles' | 'hospitalIds' | 'allHospitals'>;
  idleLockMinutes: number;
  locked: boolean;
}

const scopeGiven = (u: { hospitalIds?: number[]; allHospitals?: boolean }) =>
  u.allHospitals === true || (u.hospitalIds?.length ?? 0) > 0;

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const userKinds = ['user'] as const;

export const users = {
  'auth.login': channel({
    input: z.object({ username: Text(40).transform((s) => s.toLowerCase()), password: z.string().max(200) }),
    output: returns<SessionInfo>(),
    access: 'public',
    kind: 'write',
    changes: ['user'],
  }),
  'auth.logout': channel({ input: z.object({}).strict().optional(), output: returns<null>(), access: 'public', kind: 'read', shows: [], needsDatabase: false }),
  'auth.me': channel({ input: z.object({}).strict().optional(), output: returns<SessionInfo | null>(), access: 'public', kind: 'read', shows: ['user'], needsDatabase: false }),
  /** The idle screen lock; every other channel answers UNAUTHENTICATED until unlocked. */
  'auth.lock': channel({ input: z.object({}).strict().optional(), output: returns<null>(), access: 'signedIn', kind: 'read', shows: [], needsDatabase: false }),
  'auth.unlock': channel({ input: z.object({ password: z.string().max(200) }), output: returns<SessionInfo>(), access: 'public', kind: 'write', changes: ['user'] }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: z.string().max(200), newPassword: Password }),
    output: returns<null>(),
    access: 'signedIn',
    kind: 'write',
    changes: ['user'],
  }),
  'users.create': channel({
    input: z
      .object({ username: Username, password: Password, fullName: RequiredText(120), roles: RoleList, ...HospitalScope })
      .refine(scopeGiven, { path: ['hospitalIds'], error: 'Choose at least one hospital, or all hospitals.' })
      .superRefine(passwordNotUsername),
    output: returns<UserAccount>(),
    access: ['admin'],
    kind: 'write',
    changes: ['user'],
  }),
  'users.list': channel({
    input: z.object({ query: Text(80).default(''), includeInactive: z.boolean().default(false), limit: Limit, cursor: Cursor }),
    output: returns<Page<UserAccount>>(),
    access: ['admin'],
    kind: 'read',
    shows: ['user'],
  }),
  'users.update': channel({
    input: z
      .object({
        id: Id,
        version: z.number().int().min(1),
        fullName: RequiredText(120).optional(),
        roles: RoleList.optional(),
        hospitalIds: z.array(Id).max(500).optional(),
        allHospitals: z.boolean().optional(),
        active: z.boolean().optional(),
      })
      .refine((u) => u.hospitalIds === undefined || scopeGiven(u) || u.allHospitals === undefined, {
        path: ['hospitalIds'],
        error: 'Choose at least one hospital, or all hospitals.',
      }),
    output: returns<UserAccount>(),
    access: ['admin'],
    kind: 'write',
    changes: ['user'],
  }),
  /** Sets a new password and lifts a sign-in lockout. */
  'users.resetPassword': channel({
    input: z.object({ id: Id, newPassword: Password }),
    output: returns<null>(),
    access: ['admin'],
    kind: 'write',
    changes: ['user'],
  }),
} as const;
