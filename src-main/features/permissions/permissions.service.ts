// The permissions screen: the role table of one hospital (defaults from the contract, the hospital's changes from
// role_permissions) and an administrator's change of one cell, audited.
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import type { PermissionMatrix, PermissionRow } from '@shared/contract/permissions';
import { AppError, notFound } from '@shared/errors';
import { isOverridable, NOBODY_PERMISSIONS, type RoleOverride } from '@shared/domain/permissions';
import { ROLE_LABELS, ROLES, type Role } from '@shared/domain/roles';
import type { CallContext } from '../../platform/context';

async function requireHospitalRow(ctx: CallContext, hospitalId: number): Promise<void> {
  ctx.requireHospital(hospitalId);
  const rows: unknown[] = await ctx.em.query('SELECT id FROM hospitals WHERE id = ?', [hospitalId]);
  if (rows.length === 0) throw notFound('The hospital');
}

function rowOf(name: string, def: AnyChannel, overrides: RoleOverride[]): PermissionRow {
  return {
    channel: name,
    area: name.split('.')[0]!,
    kind: def.kind,
    overridable: isOverridable(name, def.access),
    defaults: [...(def.access as readonly Role[])],
    overrides,
  };
}

export async function permissionMatrix(ctx: CallContext, hospitalId: number): Promise<PermissionMatrix> {
  await requireHospitalRow(ctx, hospitalId);
  const rows: { channel: string; role: Role; allowed: number }[] = await ctx.em.query('SELECT channel, role, allowed FROM role_permissions WHERE hospital_id = ? ORDER BY channel, role', [hospitalId]);
  const byChannel = new Map<string, RoleOverride[]>();
  for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), { role: r.role, allowed: !!r.allowed }]);
  const channels = Object.entries(contract)
    .filter(([, def]) => Array.isArray((def as AnyChannel).access))
    .map(([name, def]) => rowOf(name, def as AnyChannel, byChannel.get(name) ?? []))
    .sort((a, b) => a.channel.localeCompare(b.channel));
  return { hospitalId, roles: [...ROLES], channels, nobody: [...NOBODY_PERMISSIONS] };
}

const describe = (allowed: boolean | null): string => (allowed === null ? 'default' : allowed ? 'allowed' : 'withdrawn');

export async function setPermission(ctx: CallContext, input: { hospitalId: number; role: Role; channel: string; allowed: boolean | null }): Promise<PermissionRow> {
  await requireHospitalRow(ctx, input.hospitalId);
  const nobody = NOBODY_PERMISSIONS.find((p) => p.key === input.channel);
  if (nobody) throw new AppError('VALIDATION', `Nobody may ${nobody.label.charAt(0).toLowerCase()}${nobody.label.slice(1)}: ${nobody.why}`, { channel: 'This is not a permission anyone can be given.' });
  if (!Object.hasOwn(contract, input.channel)) throw new AppError('VALIDATION', `There is no channel called "${input.channel.slice(0, 80)}".`, { channel: 'No such channel.' });
  const name = input.channel as ChannelName;
  const def = contract[name] as AnyChannel;
  if (!isOverridable(name, def.access)) {
    const message = Array.isArray(def.access)
      ? `${name} belongs to accounts, permissions, the audit trail or installation settings: it stays with the roles PRODUCT.md gives it.`
      : `${name} is open to ${def.access === 'public' ? 'everyone' : 'every signed-in user'}: there is no role to change.`;
    throw new AppError('VALIDATION', message, { channel: 'This permission cannot be changed.' });
  }
  const access = def.access as readonly Role[];
  // Only a change of the default is stored: allowing what the role has anyway is the default again.
  const wanted = input.allowed === null || input.allowed === access.includes(input.role) ? null : input.allowed;
  const key = [name, input.role, input.hospitalId];
  const before: { allowed: number }[] = await ctx.em.query('SELECT allowed FROM role_permissions WHERE channel = ? AND role = ? AND hospital_id = ? FOR UPDATE', key);
  const was = before.length ? !!before[0]!.allowed : null;
  if (wanted === null) await ctx.em.query('DELETE FROM role_permissions WHERE channel = ? AND role = ? AND hospital_id = ?', key);
  else
    await ctx.em.query(
      'INSERT INTO role_permissions (channel, role, hospital_id, allowed, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE allowed = VALUES(allowed), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)',
      [...key, wanted ? 1 : 0, ctx.now(), ctx.user.userId],
    );
  if (was !== wanted) {
    ctx.audit({
      entity: 'role_permission',
      entityId: `${input.hospitalId}:${input.role}:${name}`,
      hospitalId: input.hospitalId,
      changes: { channel: name, role: ROLE_LABELS[input.role], byDefault: access.includes(input.role) ? 'allowed' : 'not allowed', from: describe(was), to: describe(wanted) },
    });
  }
  const rows: { role: Role; allowed: number }[] = await ctx.em.query('SELECT role, allowed FROM role_permissions WHERE channel = ? AND hospital_id = ? ORDER BY role', [name, input.hospitalId]);
  return rowOf(name, def, rows.map((r) => ({ role: r.role, allowed: !!r.allowed })));
}
