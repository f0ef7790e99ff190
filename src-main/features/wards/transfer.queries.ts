// The beds a patient can be transferred to now, by the same rules the transfer itself checks: a ward bed of the stay's
// hospital, in use and clean, empty, and not kept by another patient's reservation over the stay's expected nights.
import { conflict } from '@shared/errors';
import { localDate } from '@shared/domain/dates';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { StayEntity } from './stay.entity';
import { reservationsOfBed, type BedHold } from './rules';

export async function transferBeds(ctx: CallContext, stayId: number): Promise<number[]> {
  const stay = await requireHospitalOf(ctx, StayEntity, stayId, 'The stay');
  if (stay.status !== 'admitted') throw conflict('The patient has been discharged: there is nobody to transfer.');
  const [{ time_zone }]: { time_zone: string }[] = await ctx.em.query('SELECT time_zone FROM hospitals WHERE id = ?', [stay.hospitalId]);
  const today = localDate(ctx.now(), time_zone);
  const beds: { id: number }[] = await ctx.em.query(
    `SELECT b.id FROM beds b JOIN rooms r ON r.id = b.room_id
      WHERE b.hospital_id = ? AND r.room_type <> 'operating_theatre' AND b.state = 'available' AND r.state = 'available' AND b.id <> ?
        AND NOT EXISTS (SELECT 1 FROM bed_stays bs WHERE bs.occupied_bed_id = b.id)
      ORDER BY b.id`,
    [stay.hospitalId, stay.currentBedId],
  );
  const held: { id: number; bed_id: number; patient_id: number; from_date: string; to_date: string }[] = await ctx.em.query(
    "SELECT id, bed_id, patient_id, from_date, to_date FROM bed_bookings WHERE hospital_id = ? AND status = 'reserved' AND to_date > ? ORDER BY from_date, id",
    [stay.hospitalId, today],
  );
  const holdsOf = new Map<number, BedHold[]>();
  for (const h of held) {
    const list = holdsOf.get(Number(h.bed_id)) ?? [];
    list.push({ id: Number(h.id), patientId: Number(h.patient_id), patientName: '', fromDate: h.from_date, toDate: h.to_date });
    holdsOf.set(Number(h.bed_id), list);
  }
  return beds.map((b) => Number(b.id)).filter((id) => !reservationsOfBed(holdsOf.get(id) ?? [], Number(stay.patientId), today, stay.expectedDischarge).clash);
}
