// Hospitals of the chain.
import { localDate } from '@shared/domain/dates';
import { In } from 'typeorm';
import { conflict, forbidden, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Hospital } from '@shared/contract/hospitals';
import type { CallContext } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { preparePatientCounters } from '../patients';
import { HospitalEntity } from './hospital.entity';
import { forgetHospitalZones } from '../../platform/zones';

type In_<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

export function toHospital(h: HospitalEntity): Hospital {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    country: h.country,
    region: h.region,
    address: h.address,
    timeZone: h.timeZone,
    currency: h.currency,
    defaultTaxRateBp: h.defaultTaxRateBp,
    patientNumberFormat: h.patientNumberFormat,
    version: h.version,
  };
}

const localYear = (ctx: CallContext, h: HospitalEntity) => Number(localDate(ctx.now(), h.timeZone).slice(0, 4));

export async function requireHospitalEntity(ctx: CallContext, id: number): Promise<HospitalEntity> {
  const h = await ctx.em.findOneBy(HospitalEntity, { id });
  if (!h) throw notFound('The hospital');
  return h;
}

export async function createHospital(ctx: CallContext, input: In_<'hospitals.create'>): Promise<Hospital> {
  if (ctx.session && ctx.scope() !== 'all') throw forbidden('Only a chain-wide administrator can add hospitals.');
  if (await ctx.em.exists(HospitalEntity, { where: { code: input.code } })) throw takenKey('uq_hospitals_code');
  const saved = await ctx.em.save(ctx.em.create(HospitalEntity, input));
  await preparePatientCounters(ctx.em, saved.patientNumberFormat, localYear(ctx, saved));
  forgetHospitalZones(ctx.em);
  ctx.audit({ action: 'hospital.create', entity: 'hospital', entityId: saved.id, hospitalId: saved.id, changes: { ...input } });
  return toHospital(saved);
}

export async function updateHospital(ctx: CallContext, input: In_<'hospitals.update'>): Promise<Hospital> {
  ctx.requireHospital(input.id);
  const h = await lockRow(ctx.em, HospitalEntity, input.id);
  if (!h) throw notFound('The hospital');
  if (h.version !== input.version) throw conflict(`${h.name} was changed at another desk since you opened it; reload and apply your change again.`);
  const { id: _id, version: _v, ...fields } = input;
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(fields) as [keyof HospitalEntity, unknown][]) {
    if (v !== undefined && h[k] !== v) {
      changes[k] = [h[k], v];
      (h as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (changes.code && (await ctx.em.exists(HospitalEntity, { where: { code: h.code } }))) throw takenKey('uq_hospitals_code');
  if (Object.keys(changes).length) {
    await ctx.em.save(h);
    if (changes.patientNumberFormat) await preparePatientCounters(ctx.em, h.patientNumberFormat, localYear(ctx, h));
    forgetHospitalZones(ctx.em);
    ctx.audit({ action: 'hospital.update', entity: 'hospital', entityId: h.id, hospitalId: h.id, changes });
  }
  return toHospital(await ctx.em.findOneByOrFail(HospitalEntity, { id: h.id }));
}

export async function listHospitals(ctx: CallContext): Promise<Hospital[]> {
  const scope = ctx.scope();
  const rows = await ctx.em.find(HospitalEntity, { where: scope === 'all' ? {} : { id: In(scope.length ? scope : [0]) }, order: { name: 'ASC' } });
  return rows.map(toHospital);
}
