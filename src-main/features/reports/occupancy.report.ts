// Occupancy over time and per ward (floor) and room type. A stay's bed history (bed_stays) places its patient-days:
// each bed spell counts its local days from the day it began up to, not including, the day it ended (like the room
// charge's nights); a stay begun and ended on one day counts one day in its last bed (billing's roomNights rule). An
// ongoing stay counts up to today. Beds are those of the wards now (operating theatres left out).
import type { Occupancy, OccupancyPoint, WardOccupancyRow } from '@shared/contract/reports';
import { autoGranularity, daysBetween, periodBuckets, ratio, round, type Granularity } from '@shared/domain/reports';
import type { RoomType } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { reportScope, sql, type ReportFilterInput } from './report-scope';

/** A bed spell with its stay; days as day numbers (days since 1970-01-01), spells of a stay together and in order. */
interface SpellRow {
  hospital_id: number;
  stay_id: number | string;
  floor_id: number;
  room_type: RoomType;
  from_day: number | string;
  to_day: number | string | null;
  admit_day: number | string;
  discharge_day: number | string | null;
}

/** Days since 1970-01-01 of a calendar date. */
const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
/** MariaDB's TO_DAYS of 1970-01-01: TO_DAYS(day) minus it is the day's number. */
const EPOCH_TO_DAYS = 719_528;

export async function occupancy(ctx: CallContext, filter: ReportFilterInput & { granularity?: Granularity }): Promise<Occupancy> {
  const s = await reportScope(ctx, filter);
  const granularity = filter.granularity ?? autoGranularity(s.from, s.to);
  const bedsQ = sql`SELECT b.hospital_id, r.floor_id, f.name AS floor_name, r.room_type, COUNT(*) AS beds
    FROM beds b JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
    WHERE b.hospital_id IN (${s.ids}) AND r.room_type <> 'operating_theatre'
    GROUP BY b.hospital_id, r.floor_id, f.name, r.room_type`;
  // Stays that overlap the period (instants bound it loosely; local days decide), with all their bed spells.
  const dayN = (column: string) => sql`TO_DAYS(${s.localDaySql(column, 's.hospital_id')}) - ${EPOCH_TO_DAYS}`;
  const spellsQ = sql`SELECT s.hospital_id, bs.stay_id, r.floor_id, r.room_type,
      ${dayN('bs.from_at')} AS from_day, ${dayN('bs.to_at')} AS to_day, ${dayN('s.admitted_at')} AS admit_day, ${dayN('s.discharged_at')} AS discharge_day
    FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id
    WHERE s.hospital_id IN (${s.ids}) AND s.admitted_at < ${s.endAt} AND (s.discharged_at IS NULL OR s.discharged_at >= ${new Date(s.startAt.getTime() - 86_400_000)})
    ORDER BY bs.stay_id, bs.from_at, bs.id`;
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
  // Days as numbers (days since 1970-01-01): a spell's patient-days are the length of its part of the period, and the
  // series gets them through a count per day of the period (+1 where a spell's days begin, −1 where they end).
  const fromN = dayNumber(s.from);
  const endN = dayNumber(s.to) + 1;
  const periodLength = endN - fromN;
  const points: OccupancyPoint[] = [];
  for (const b of buckets) {
    const p = series.get(b.period);
    for (let i = 0; i < b.days; i++) if (p) points.push(p);
  }
  const pointOfN = (n: number) => points[n - fromN];
  const perDay = new Int32Array(periodLength + 1);
  const todayEnd = new Map<number, number>();
  const todayEndOf = (hospitalId: number) => {
    let n = todayEnd.get(hospitalId);
    if (n === undefined) todayEnd.set(hospitalId, (n = dayNumber(s.today(hospitalId)) + 1));
    return n;
  };

  // Spells by stay, in order (the query sorts them): the first holds the admission, the last the discharge (and a
  // same-day stay's one day).
  const inPeriod = (n: number | null): n is number => n !== null && n >= fromN && n < endN;
  for (let i = 0; i < spells.length; ) {
    const first = spells[i];
    let j = i + 1;
    while (j < spells.length && String(spells[j].stay_id) === String(first.stay_id)) j++;
    const last = spells[j - 1];
    const hospitalId = Number(first.hospital_id);
    const admitDay = Number(first.admit_day);
    const dischargeDay = first.discharge_day === null ? null : Number(first.discharge_day);
    for (let k = i; k < j; k++) {
      const sp = spells[k];
      const start = Math.max(Number(sp.from_day), fromN);
      const end = Math.min(sp.to_day === null ? todayEndOf(hospitalId) : Number(sp.to_day), endN);
      if (end <= start) continue;
      wardOf(hospitalId, Number(sp.floor_id), sp.room_type).patientDays += end - start;
      perDay[start - fromN]++;
      perDay[end - fromN]--;
    }
    if (dischargeDay !== null && dischargeDay === admitDay && inPeriod(admitDay)) {
      wardOf(hospitalId, Number(last.floor_id), last.room_type).patientDays++;
      pointOfN(admitDay).patientDays++;
    }
    if (inPeriod(admitDay)) {
      wardOf(hospitalId, Number(first.floor_id), first.room_type).admissions++;
      pointOfN(admitDay).admissions++;
    }
    if (inPeriod(dischargeDay)) {
      const w = wardOf(hospitalId, Number(last.floor_id), last.room_type);
      w.discharges++;
      w.stayDays += Math.max(1, dischargeDay - admitDay);
      pointOfN(dischargeDay).discharges++;
    }
    i = j;
  }
  for (let i = 0, running = 0; i < periodLength; i++) {
    running += perDay[i];
    points[i].patientDays += running;
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
