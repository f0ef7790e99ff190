// Occupancy over time and per ward (floor) and room type. A stay's bed history (bed_stays) places its patient-days:
// each bed spell counts its local days from the day it began up to, not including, the day it ended (like the room
// charge's nights); a stay begun and ended on one day counts one day in its last bed (a census of where patients lie:
// billing's roomNights may give such a day to a dearer bed of the day instead). An
// ongoing stay counts up to today. Beds are those of the wards now (operating theatres left out).
import type { Occupancy, OccupancyPoint, WardOccupancyRow } from '@shared/contract/reports';
import { autoGranularity, daysBetween, periodBuckets, ratio, round, type Granularity } from '@shared/domain/reports';
import type { RoomType } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { dayNumber, reportScope, sql, type ReportFilterInput } from './report-scope';

/** MariaDB's TO_SECONDS of 1970-01-01 00:00:00. */
const EPOCH_SECONDS = 62_167_219_200;

type Ward = WardOccupancyRow & { stayDays: number };

/** A day number no local day has: a spell still going on, a stay not discharged. */
const NONE = -2_147_483_648;

export async function occupancy(ctx: CallContext, filter: ReportFilterInput & { granularity?: Granularity }): Promise<Occupancy> {
  const s = await reportScope(ctx, filter);
  const granularity = filter.granularity ?? autoGranularity(s.from, s.to);
  // The beds (a few thousand) with their ward and room type, read once: the spells below carry only their bed, so the
  // query joins no beds or rooms (a join costs a lookup per spell, most of the time of a chain's year).
  const bedsQ = sql`SELECT b.id, b.hospital_id, r.floor_id, f.name AS floor_name, r.room_type
    FROM beds b JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
    WHERE b.hospital_id IN (${s.ids}) ORDER BY b.id`;
  // Stays that overlap the period (instants bound it loosely; local days decide), with all their bed spells: the stays
  // from ix_stays_report (hospital, discharged, admitted), their spells from ix_bed_stays_report (stay, from, to, bed),
  // every instant as whole seconds (TO_SECONDS: calendar arithmetic, no session zone), turned into the hospital's local
  // day here — a CASE over the offsets per instant in SQL, the joins and a sort took most of a chain's year. Spells are
  // put in order per stay below.
  const spellsQ = sql`SELECT STRAIGHT_JOIN s.hospital_id, bs.stay_id, bs.id, bs.bed_id,
      TO_SECONDS(bs.from_at) AS from_s, TO_SECONDS(bs.to_at) AS to_s, TO_SECONDS(s.admitted_at) AS admit_s, TO_SECONDS(s.discharged_at) AS discharge_s
    FROM stays s FORCE INDEX (ix_stays_report) JOIN bed_stays bs FORCE INDEX (ix_bed_stays_report) ON bs.stay_id = s.id
    WHERE s.hospital_id IN (${s.ids}) AND s.admitted_at < ${s.endAt} AND (s.discharged_at IS NULL OR s.discharged_at >= ${new Date(s.startAt.getTime() - 86_400_000)})`;
  const bedList: { id: number; hospital_id: number; floor_id: number; floor_name: string; room_type: RoomType }[] = await s.reader.query(bedsQ.sql, bedsQ.args);
  const rawSpells: {
    hospital_id: number;
    stay_id: number | string;
    id: number | string;
    bed_id: number;
    from_s: number | string;
    to_s: number | string | null;
    admit_s: number | string;
    discharge_s: number | string | null;
  }[] = await s.reader.query(spellsQ.sql, spellsQ.args);

  // Wards (floor and room type) with their beds now; operating theatres are not wards, but a spell there still counts.
  const wards = new Map<string, Ward>();
  const wardOfBed = new Map<number, Ward>();
  for (const b of bedList) {
    const hospitalId = Number(b.hospital_id);
    const floorId = Number(b.floor_id);
    const key = `${floorId}|${b.room_type}`;
    let w = wards.get(key);
    if (!w) {
      const h = s.hospital(hospitalId);
      w = {
        hospitalId,
        hospitalName: h.name,
        wardId: floorId,
        wardName: b.floor_name,
        roomType: b.room_type,
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
    if (b.room_type !== 'operating_theatre') w.beds++;
    wardOfBed.set(Number(b.id), w);
  }
  const totalBeds = [...wards.values()].reduce((n, w) => n + w.beds, 0);

  // The spells as columns (typed arrays: 200,000 spells as objects cost more than the query), days as day numbers,
  // then put in order by stay, start and id: a stay's spells together, the first holding the admission, the last the
  // discharge (and a same-day stay's one day).
  const dayOf = (hospitalId: number, seconds: number | string) => s.dayNumberAt(hospitalId, (Number(seconds) - EPOCH_SECONDS) * 1000);
  const n = rawSpells.length;
  const stayOf = new Float64Array(n);
  const fromSeconds = new Float64Array(n);
  const spellId = new Float64Array(n);
  const hospitalOf = new Int32Array(n);
  const fromDay = new Int32Array(n);
  const toDay = new Int32Array(n);
  const admitDay = new Int32Array(n);
  const dischargeDay = new Int32Array(n);
  const wardOf: Ward[] = new Array<Ward>(n);
  let kept = 0;
  for (const r of rawSpells) {
    // Every spell is in a bed of these hospitals (beds are not deleted while a stay refers to them).
    const ward = wardOfBed.get(Number(r.bed_id));
    if (!ward) continue;
    const h = Number(r.hospital_id);
    stayOf[kept] = Number(r.stay_id);
    fromSeconds[kept] = Number(r.from_s);
    spellId[kept] = Number(r.id);
    hospitalOf[kept] = h;
    fromDay[kept] = dayOf(h, r.from_s);
    toDay[kept] = r.to_s === null ? NONE : dayOf(h, r.to_s);
    admitDay[kept] = dayOf(h, r.admit_s);
    dischargeDay[kept] = r.discharge_s === null ? NONE : dayOf(h, r.discharge_s);
    wardOf[kept] = ward;
    kept++;
  }
  const order = new Uint32Array(kept);
  for (let i = 0; i < kept; i++) order[i] = i;
  order.sort((a, b) => stayOf[a] - stayOf[b] || fromSeconds[a] - fromSeconds[b] || spellId[a] - spellId[b]);

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

  const inPeriod = (day: number) => day !== NONE && day >= fromN && day < endN;
  for (let i = 0; i < kept; ) {
    const first = order[i];
    let j = i + 1;
    while (j < kept && stayOf[order[j]] === stayOf[first]) j++;
    const last = order[j - 1];
    const hospitalId = hospitalOf[first];
    const admitted = admitDay[first];
    const discharged = dischargeDay[first];
    for (let k = i; k < j; k++) {
      const sp = order[k];
      const start = Math.max(fromDay[sp], fromN);
      const end = Math.min(toDay[sp] === NONE ? todayEndOf(hospitalId) : toDay[sp], endN);
      if (end <= start) continue;
      wardOf[sp].patientDays += end - start;
      perDay[start - fromN]++;
      perDay[end - fromN]--;
    }
    if (discharged !== NONE && discharged === admitted && inPeriod(admitted)) {
      wardOf[last].patientDays++;
      pointOfN(admitted).patientDays++;
    }
    if (inPeriod(admitted)) {
      wardOf[first].admissions++;
      pointOfN(admitted).admissions++;
    }
    if (inPeriod(discharged)) {
      const w = wardOf[last];
      w.discharges++;
      w.stayDays += Math.max(1, discharged - admitted);
      pointOfN(discharged).discharges++;
    }
    i = j;
  }
  for (let i = 0, running = 0; i < periodLength; i++) {
    running += perDay[i];
    points[i].patientDays += running;
  }

  const periodDays = daysBetween(s.from, s.to);
  // An operating theatre is listed only when a stay used it.
  const out = [...wards.values()]
    .filter((w) => w.beds > 0 || w.patientDays > 0 || w.admissions > 0 || w.discharges > 0)
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
