// Installation-wide settings.
import type { EntityManager } from 'typeorm';
import type { Settings } from '@shared/contract/settings';
import { forbidden } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { upsert } from '../../db/upsert';
import { SettingEntity } from './setting.entity';

const DEFAULTS: Settings = { idleLockMinutes: 10 };

export async function readSettings(em: EntityManager): Promise<Settings> {
  const rows = await em.find(SettingEntity);
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return { idleLockMinutes: Number(map.get('idle_lock_minutes') ?? DEFAULTS.idleLockMinutes) };
}

export async function updateSettings(ctx: CallContext, input: Settings): Promise<Settings> {
  // These settings hold for every hospital's workstations: a hospital's administrator does not set them for the chain.
  if (ctx.scope() !== 'all') throw forbidden('Only an administrator of the whole chain can change installation-wide settings.');
  const before = await readSettings(ctx.em);
  await upsert(ctx.em, SettingEntity, { key: 'idle_lock_minutes', value: String(input.idleLockMinutes) }, ['key']);
  ctx.audit({ action: 'settings.update', entity: 'settings', changes: { idleLockMinutes: [before.idleLockMinutes, input.idleLockMinutes] } });
  return readSettings(ctx.em);
}
