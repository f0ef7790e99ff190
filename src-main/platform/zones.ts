// Hospital time zones: every hospital's zone, cached per database, and the instant of a local wall-clock time there.
// Scheduling, wards and rotas all reckon in the hospital's own zone, so this is shared ground, not one feature's.
import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

export interface HospitalZone {
  id: number;
  name: string;
  timeZone: string;
}

/** Hospitals change seldom and every scheduling call needs their zones: kept per database for half a minute. */
const zoneCache = new WeakMap<object, { at: number; zones: Map<number, HospitalZone> }>();
const ZONE_CACHE_MS = 30_000;

const toZone = (r: { id: number; name: string; time_zone: string }): HospitalZone => ({ id: Number(r.id), name: r.name, timeZone: r.time_zone });

/** Every hospital's time zone; `need` names hospitals that must be there (one created a moment ago is read afresh). */
export async function hospitalZones(em: EntityManager, need: number[] = []): Promise<Map<number, HospitalZone>> {
  const cached = zoneCache.get(em.connection);
  if (cached && performance.now() - cached.at < ZONE_CACHE_MS && need.every((id) => cached.zones.has(id))) return cached.zones;
  const rows: { id: number; name: string; time_zone: string }[] = await em.query('SELECT id, name, time_zone FROM hospitals');
  const zones = new Map(rows.map((r) => [Number(r.id), toZone(r)]));
  zoneCache.set(em.connection, { at: performance.now(), zones });
  return zones;
}

/** Adds to `zones` the hospitals among `ids` it lacks (created at another workstation moments ago), in one query. */
export async function addMissingZones(em: EntityManager, zones: Map<number, HospitalZone>, ids: Iterable<number>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !zones.has(id));
  if (missing.length === 0) return;
  const rows: { id: number; name: string; time_zone: string }[] = await em.query(`SELECT id, name, time_zone FROM hospitals WHERE id IN (${missing.map(() => '?').join(',')})`, missing);
  for (const r of rows) zones.set(Number(r.id), toZone(r));
}

/** Forgets the cached zones (a hospital was created or changed in this process). */
export function forgetHospitalZones(em: EntityManager): void {
  zoneCache.delete(em.connection);
}

const instants = new Map<string, number>();

/**
 * The instant of a local wall-clock time; a time skipped by a daylight-saving jump moves forward, like a wall clock.
 * Remembered: hundreds of doctors start at the same 08:00 on the same day, and luxon takes tens of microseconds.
 */
export function localInstant(date: string, minute: number, zone: string): number {
  const key = `${zone}|${date}|${minute}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const [y, m, d] = date.split('-').map(Number);
  const base = DateTime.fromObject({ year: y, month: m, day: d }, { zone }).plus({ days: Math.floor(minute / 1440) });
  const rest = minute % 1440;
  const at = base.set({ hour: Math.floor(rest / 60), minute: rest % 60 }).toMillis();
  if (instants.size > 100_000) instants.clear();
  instants.set(key, at);
  return at;
}
