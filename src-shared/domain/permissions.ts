// Who may call a channel: PRODUCT.md's role table (each channel's `access` in the contract) by default, an
// administrator's per-hospital widening or narrowing of a role on top, and the few things nobody may do at all.
import type { Role } from './roles';

/**
 * Areas no override reaches: sign-in, accounts, the permissions themselves, the audit trail, installation settings,
 * hospitals and bulk import. A role widened to one of them could make itself administrator or hide its tracks.
 */
export const FIXED_PREFIXES = ['setup.', 'connection.', 'auth.', 'users.', 'permissions.', 'audit.', 'hospitals.', 'settings.', 'import.'] as const;

/** A channel an administrator may widen or narrow per hospital: one gated by roles, outside the fixed areas. */
export function isOverridable(channel: string, access: 'public' | 'signedIn' | readonly Role[]): boolean {
  return Array.isArray(access) && !FIXED_PREFIXES.some((p) => channel.startsWith(p));
}

/** Things the app lets nobody do: there is no channel for them, and no override can create one. */
export const NOBODY_PERMISSIONS = [
  { key: 'audit.edit', label: 'Edit or delete entries of the audit trail', why: 'The trail is append-only; the application’s database account cannot update, delete or empty it.' },
  { key: 'invoices.editIssued', label: 'Change or delete an issued invoice', why: 'An issued invoice is corrected by voiding it (with a reason) and issuing a new one.' },
  { key: 'payroll.editFinalized', label: 'Change a finalized salary slip', why: 'A correction is an adjustment line in a later month naming the month it corrects.' },
  { key: 'encounters.editSigned', label: 'Change a signed clinical note', why: 'A signed encounter takes addenda only.' },
  { key: 'patients.delete', label: 'Delete a patient record', why: 'Patient records are kept for the history they carry.' },
] as const;
export type NobodyPermission = (typeof NOBODY_PERMISSIONS)[number];

/** One stored change of the default: this role, at this hospital, may (or may not) call the channel. */
export interface RoleOverride {
  role: Role;
  allowed: boolean;
}

/** Of `roles`, those that may call a channel with this default `access` at a hospital with these overrides for it. */
export function grantingRoles(access: readonly Role[], roles: readonly Role[], overrides: readonly RoleOverride[]): Role[] {
  return roles.filter((r) => overrides.find((o) => o.role === r)?.allowed ?? access.includes(r));
}
