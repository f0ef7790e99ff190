// The role table per hospital: PRODUCT.md's defaults (each channel's `access`) and an administrator's changes to them.
import { z } from 'zod';
import { channel, Id, returns } from './channel';
import { ROLES, type Role } from '../domain/roles';
import type { NobodyPermission, RoleOverride } from '../domain/permissions';

export const permissionKinds = ['role_permission'] as const;

export interface PermissionRow {
  channel: string;
  /** The channel's prefix ("appointments"), for grouping. */
  area: string;
  kind: 'read' | 'write';
  /** False for the fixed areas (accounts, audit, permissions, installation): shown, never changed. */
  overridable: boolean;
  /** The roles PRODUCT.md's table gives it. */
  defaults: Role[];
  /** This hospital's changes of the default. */
  overrides: RoleOverride[];
}

export interface PermissionMatrix {
  hospitalId: number;
  roles: Role[];
  channels: PermissionRow[];
  nobody: NobodyPermission[];
}

export interface MyPermissions {
  /** Per hospital of the caller's scope, the channels their roles may call there (role-gated ones only). */
  hospitals: { hospitalId: number; channels: string[] }[];
}

export const permissions = {
  /** Every role-gated channel with its default roles and the hospital's changes. */
  'permissions.matrix': channel({
    input: z.object({ hospitalId: Id }),
    output: returns<PermissionMatrix>(),
    access: ['admin'],
    kind: 'read',
    shows: ['role_permission'],
  }),
  /** Widens (`allowed: true`) or narrows (`false`) a role at a hospital; `null` returns it to the default. Audited. */
  'permissions.set': channel({
    input: z.object({
      hospitalId: Id,
      role: z.enum(ROLES),
      channel: z.string({ error: 'Expected a channel name.' }).trim().min(1, { error: 'Required.' }).max(80, { error: 'At most 80 characters.' }),
      allowed: z.boolean().nullable(),
    }),
    output: returns<PermissionRow>(),
    access: ['admin'],
    kind: 'write',
    changes: ['role_permission'],
  }),
  /** What the signed-in user may call at each of their hospitals: the renderer shows only what this allows. */
  'permissions.mine': channel({
    input: z.object({}).strict().optional(),
    output: returns<MyPermissions>(),
    access: 'signedIn',
    kind: 'read',
    shows: ['role_permission', 'user'],
  }),
} as const;
