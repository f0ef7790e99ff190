// Occupancy over time and per ward (floor) and room type. A stay's bed history (bed_stays) places its patient-days:
// each bed spell counts its local days from the day it began up to, not including, the day it ended (like the room
// charge's nights); a stay begun and ended on one day counts one day in its last bed (billing's roomNights rule). An
// ongoing stay counts up to today. Beds are those of the wards now (operating theatres left out).
import type { Occupancy, OccupancyPoint, WardOccupancyRow } from '@shared/contract/reports';
import { addDays } from '@shared/domain/dates';
import { autoGranularity, bucketOf, daysBetween, periodBuckets, ratio, round, type Granularity } from '@shared/domain/reports';
import type { RoomType } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { reportScope, sql, type ReportFilterInput } from './report-scope';

interface SpellRow {
  hospital_id: number;
  stay_id: number | string;
  floor_id: number;
  room_type: RoomType;
  from_at: Date;
  from_day: string;
  to_day: string | null;
  admit_day: string;
  discharge_day: string | null;
}

export async function occupancy(ctx: CallContext, filter: ReportFilterInput & { granularity?: Granularity }): Promise<Occupancy> {
  const s = await reportScope(ctx, filter);
  const granularity = filter.granularity ?? autoGranularity(s.from, s.to);
  const bedsQ = sql`SELECT b.hospital_id, r.floor_id, f.name AS floor_name, r.room_type, COUNT(*) AS beds
    FROM beds b JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
    WHERE b.hospital_id IN (${s.ids}) AND r.room_type <> 'operating_theatre'
    GROUP BY b.hospital_id, r.floor_id, f.name, r.room_type`;
  // Stays that overlap the period (instants bound it loosely; local days decide), with all their bed spells.
  const spellsQ = sql`SELECT s.hospital_id, bs.stay_id, r.floor_id, r.room_type, bs.from_at,
      ${s.localDaySql('bs.from_at', 's.hospital_id')} AS from_day,
      ${s.localDaySql('bs.to_at', 's.hospital_id')} AS to_day,
      ${s.localDaySql('s.admitted_at', 's.hospital_id')} AS admit_day,
      ${s.localDaySql('s.discharged_at', 's.hospital_id')} AS discharge_day
    FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id
    WHERE s.hospital_id IN (${s.ids}) AND s.admitted_at < ${s.endAt} AND (s.discharged_at IS NULL OR s.discharged_at >= ${new Date(s.startAt.getTime() - 86_400_000)})`;
  const bedRows: { hospital_id: number; floor_id: number; floor_name: string; room_type: RoomType; beds: number | string }[] = await s.reader.query(bedsQ.sql, bedsQ.args);
  const spells: SpellRow[] = await s.reader.query(spellsQ.sql, spellsQ.args);

  const wards = new Map<string, WardOccupancyRow & { stayDays: number }>();
  const wardKey = (floorId: number, roomType: string) => `${floorId}|${roomType}`;
  const names = new Map<number, string>();
  for (const b of bedRows) names.set(Number(b.floor_id), b.floor_name);
  const wardOf = (hospitalId: number, floorId: number, roomType: RoomType) => {
    const key = wardKey(floorId, roomType);
    let w = wards.get(key);
    if (!w) {
      const h = s.hospital(hospitalId);
      w = {
        hospitalId,
        hospitalName: h.name,
        wardId: floorId,
        wardName: names.get(floorId) ?? `Floor ${floorId}`,
        roomType,
        beds: 0,
        patientDays: 0,
        occupancy: null,
        admissions: 0,
        discharges: 0,
        averageLengthOfStay: null,
        bedTurnover: null,
        stayDays: 0,
      };
      wards.set(key, w);
    }
    return w;
  };
  for (const b of bedRows) wardOf(Number(b.hospital_id), Number(b.floor_id), b.room_type).beds += Number(b.beds);
  const totalBeds = bedRows.reduce((n, b) => n + Number(b.beds), 0);

  const buckets = periodBuckets(s.from, s.to, granularity);
  const series = new Map<string, OccupancyPoint>(buckets.map((b) => [b.period, { period: b.period, beds: totalBeds, patientDays: 0, occupancy: null, admissions: 0, discharges: 0 }]));
  const pointOf = (day: string) => series.get(bucketOf(day, s.from, granularity));
  const inPeriod = (day: string | null): day is string => day !== null && day >= s.from && day <= s.to;

  // Spells by stay, in order: the first holds the admission, the last the discharge (and a same-day stay's one day).
  const stays = new Map<string, SpellRow[]>();
  for (const sp of spells) {
    const key = String(sp.stay_id);
    const list = stays.get(key);
    if (list) list.push(sp);
    else stays.set(key, [sp]);
  }
  for (const list of stays.values()) {
    list.sort((a, b) => a.from_at.getTime() - b.from_at.getTime());
    const first = list[0];
    const last = list[list.length - 1];
    const hospitalId = Number(first.hospital_id);
    const today = s.today(hospitalId);
    const admitDay = String(first.admit_day);
    const dischargeDay = first.discharge_day === null ? null : String(first.discharge_day);
    for (const sp of list) {
      const w = wardOf(hospitalId, Number(sp.floor_id), sp.room_type);
      const start = String(sp.from_day) < s.from ? s.from : String(sp.from_day);
      const endOpen = sp.to_day === null ? addDays(today, 1) : String(sp.to_day);
      const end = endOpen > addDays(s.to, 1) ? addDays(s.to, 1) : endOpen;
      for (let d = start; d < end; d = addDays(d, 1)) {
        w.patientDays++;
        const p = pointOf(d);
        if (p) p.patientDays++;
      }
    }
    if (dischargeDay !== null && dischargeDay === admitDay && inPeriod(admitDay)) {
      wardOf(hospitalId, Number(last.floor_id), last.room_type).patientDays++;
      const p = pointOf(admitDay);
      if (p) p.patientDays++;
    }
    if (inPeriod(admitDay)) {
      wardOf(hospitalId, Number(first.floor_id), first.room_type).admissions++;
      const p = pointOf(admitDay);
      if (p) p.admissions++;
    }
    if (inPeriod(dischargeDay)) {
      const w = wardOf(hospitalId, Number(last.floor_id), last.room_type);
      w.discharges++;
      w.stayDays += Math.max(1, daysBetween(admitDay, dischargeDay) - 1);
      const p = pointOf(dischargeDay);
      if (p) p.discharges++;
    }
  }

  const periodDays = daysBetween(s.from, s.to);
  const out = [...wards.values()]
    .map(({ stayDays, ...w }) => ({
      ...w,
      occupancy: ratio(w.patientDays, w.beds * periodDays),
      averageLengthOfStay: w.discharges ? round(stayDays / w.discharges, 1) : null,
      bedTurnover: w.beds ? round(w.discharges / w.beds, 2) : null,
    }))
    .sort((a, b) => a.hospitalName.localeCompare(b.hospitalName) || a.wardName.localeCompare(b.wardName) || a.roomType.localeCompare(b.roomType));
  const sum = (k: 'beds' | 'patientDays' | 'admissions' | 'discharges') => out.reduce((n, w) => n + w[k], 0);
  const dischargedDays = [...wards.values()].reduce((n, w) => n + w.stayDays, 0);
  const beds = sum('beds');
  const discharges = sum('discharges');
  const bucketDays = new Map(buckets.map((b) => [b.period, b.days]));
  return {
    ...s.head,
    granularity,
    series: [...series.values()].map((p) => ({ ...p, occupancy: ratio(p.patientDays, p.beds * (bucketDays.get(p.period) ?? 1)) })),
    wards: out,
    total: {
      beds,
      patientDays: sum('patientDays'),
      occupancy: ratio(sum('patientDays'), beds * periodDays),
      admissions: sum('admissions'),
      discharges,
      averageLengthOfStay: discharges ? round(dischargedDays / discharges, 1) : null,
      bedTurnover: beds ? round(discharges / beds, 2) : null,
    },
  };
}
