// Encounters: opened from a checked-in appointment (one per appointment) or from a current stay (one ward round per
// stay and hospital-local day), notes and vitals kept under a version check, signed (then read-only), addenda.
import { conflict, forbidden, invalid, notFound } from '@shared/errors';
import type { Output } from '@shared/contract';
import type { Encounter } from '@shared/contract/clinical';
import { VITALS, VITAL_RANGES, type Vital } from '@shared/domain/clinical';
import { localDate } from '@shared/domain/dates';
import { doctorName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { hospitalZones } from '../../platform/zones';
import { insertRows } from '../../db/writer';
import { markLocked } from '../../db/locks';
import { withColumnDefaults } from '../../db/columns';
import { duplicateKey, ReadAfresh } from '../../db/db-errors';
import { actingDoctor, lockEncounter, requireOpen, userName, type ActingDoctor, type In } from './clinicians';
import { EncounterAddendumEntity, EncounterEntity } from './encounter.entity';
import { loadEncounters } from './encounter-views';

export async function readEncounter(ctx: CallContext, id: number): Promise<Encounter> {
  const [e] = await loadEncounters(ctx, [id]);
  if (!e) throw notFound('The encounter');
  return e;
}

/**
 * A row of another area's table (appointments, stays) by id, in the caller's scope, locked FOR UPDATE unless `lock`
 * is false. `table` and `columns` are fixed SQL of this module.
 */
async function lockScoped<R extends { id: number; hospital_id: number }>(ctx: CallContext, table: 'appointments' | 'stays', id: number, what: string, columns: string, lock = true): Promise<R> {
  const [row]: R[] = await ctx.em.query(`SELECT id, hospital_id, ${columns} FROM ${table} WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw notFound(what);
  row.id = Number(row.id);
  row.hospital_id = Number(row.hospital_id);
  ctx.requireHospital(row.hospital_id);
  // The lock-as-write rule (db/locks.ts): a FOR UPDATE alone would not hold across a Galera cluster.
  if (lock) await markLocked(ctx.em, table, [row.id]);
  return row;
}

/**
 * Inserts an encounter unless another desk opened it first. The row lock of the appointment or stay makes openers
 * take turns, but the second one's reads still show the moment its transaction began: the unique key (appointment,
 * or stay and round date) catches it, and the call runs again in a fresh transaction (ReadAfresh), which finds the
 * winner's encounter. It never reads on a second connection while holding its own: four such calls at once would
 * otherwise hold a pool of four and wait for a fifth forever. (A locking read of the missing row instead would take a
 * gap lock, and two doctors opening different consultations at once would deadlock on it.)
 */
async function insertOnce(ctx: CallContext, e: Partial<EncounterEntity>): Promise<number> {
  try {
    return await insertEncounter(ctx, e);
  } catch (err) {
    const key = duplicateKey(err);
    if (key !== 'uq_encounters_appointment' && key !== 'uq_encounters_round') throw err;
    throw new ReadAfresh('Another desk opened this encounter meanwhile.');
  }
}

/** A doctor other than the appointment's may open it when they work at its hospital (covering a colleague). */
async function requireCovering(ctx: CallContext, doctor: ActingDoctor, hospitalId: number): Promise<void> {
  if (doctor.hospitalId === hospitalId) return;
  const [s]: { n: number | string }[] = await ctx.em.query('SELECT COUNT(*) AS n FROM doctor_schedules WHERE doctor_id = ? AND hospital_id = ?', [doctor.id, hospitalId]);
  if (Number(s.n) === 0) throw forbidden("This is another doctor's patient at a hospital you do not work at.");
}

async function insertEncounter(ctx: CallContext, e: Partial<EncounterEntity>): Promise<number> {
  const row = withColumnDefaults(ctx.em, EncounterEntity, Object.assign(new EncounterEntity(), { status: 'open', version: 1, createdBy: ctx.user.userId, startedAt: ctx.now(), ...e }));
  return insertRows(ctx.em, EncounterEntity, [row]);
}

export async function openEncounter(ctx: CallContext, input: In<'encounters.open'>): Promise<Encounter> {
  if ('appointmentId' in input) {
    const a = await lockScoped<{ id: number; hospital_id: number; patient_id: number; doctor_id: number; status: string }>(ctx, 'appointments', input.appointmentId, 'The appointment', 'patient_id, doctor_id, status');
    const [had]: { id: number | string }[] = await ctx.em.query('SELECT id FROM encounters WHERE appointment_id = ?', [a.id]);
    if (had) return readEncounter(ctx, Number(had.id));
    const doctor = await actingDoctor(ctx);
    if (a.status !== 'checked_in') {
      const why =
        a.status === 'booked'
          ? 'The patient has not checked in yet: the consultation opens once they have.'
          : `The appointment is ${a.status.replace('_', ' ')}: a consultation opens from a checked-in appointment.`;
      throw conflict(why);
    }
    if (doctor.id !== Number(a.doctor_id)) await requireCovering(ctx, doctor, a.hospital_id);
    const id = await insertOnce(ctx, { hospitalId: a.hospital_id, patientId: Number(a.patient_id), doctorId: doctor.id, kind: 'outpatient', appointmentId: Number(a.id), stayId: null, roundDate: null });
    ctx.audit({ action: 'encounter.open', entity: 'encounter', entityId: id, hospitalId: a.hospital_id, changes: { appointmentId: Number(a.id), patientId: Number(a.patient_id), doctorId: doctor.id } });
    return readEncounter(ctx, id);
  }
  const stay = await lockScoped<{ id: number; hospital_id: number; patient_id: number; status: string }>(ctx, 'stays', input.stayId, 'The stay', 'patient_id, status');
  const zone = (await hospitalZones(ctx.em, [stay.hospital_id])).get(stay.hospital_id)?.timeZone ?? 'UTC';
  const roundDate = localDate(ctx.now(), zone);
  const [had]: { id: number | string }[] = await ctx.em.query('SELECT id FROM encounters WHERE stay_id = ? AND round_date = ?', [stay.id, roundDate]);
  if (had) return readEncounter(ctx, Number(had.id));
  const doctor = await actingDoctor(ctx);
  if (stay.status !== 'admitted') throw conflict('The patient has been discharged: ward rounds are recorded during a stay.');
  const id = await insertOnce(ctx, { hospitalId: stay.hospital_id, patientId: Number(stay.patient_id), doctorId: doctor.id, kind: 'inpatient', appointmentId: null, stayId: Number(stay.id), roundDate });
  ctx.audit({ action: 'encounter.open', entity: 'encounter', entityId: id, hospitalId: stay.hospital_id, changes: { stayId: Number(stay.id), roundDate, patientId: Number(stay.patient_id), doctorId: doctor.id } });
  return readEncounter(ctx, id);
}

/** An encounter read in full: an audited read, like a patient's record. */
export async function getEncounter(ctx: CallContext, id: number): Promise<Encounter> {
  const [row]: { hospital_id: number }[] = await ctx.em.query('SELECT hospital_id FROM encounters WHERE id = ?', [id]);
  if (!row) throw notFound('The encounter');
  ctx.requireHospital(Number(row.hospital_id));
  const e = await readEncounter(ctx, id);
  ctx.audit({ action: 'encounter.read', entity: 'encounter', entityId: id, hospitalId: e.hospitalId, changes: { patientId: e.patientId } });
  return e;
}

export async function findEncounters(ctx: CallContext, input: In<'encounters.find'>): Promise<Output<'encounters.find'>> {
  let where: string;
  let arg: number;
  if ('appointmentId' in input) {
    await lockScoped(ctx, 'appointments', input.appointmentId, 'The appointment', 'id', false);
    where = 'e.appointment_id = ?';
    arg = input.appointmentId;
  } else {
    await lockScoped(ctx, 'stays', input.stayId, 'The stay', 'id', false);
    where = 'e.stay_id = ?';
    arg = input.stayId;
  }
  const rows: { id: number | string; status: 'open' | 'signed'; started_at: Date; round_date: string | null; first_name: string; last_name: string }[] = await ctx.em.query(
    `SELECT e.id, e.status, e.started_at, e.round_date, s.first_name, s.last_name FROM encounters e JOIN staff s ON s.id = e.doctor_id WHERE ${where} ORDER BY e.started_at, e.id`,
    [arg],
  );
  return rows.map((r) => ({ id: Number(r.id), status: r.status, startedAt: r.started_at.toISOString(), roundDate: r.round_date, doctorName: doctorName(r.first_name, r.last_name) }));
}

const NOTE_FIELDS = ['complaint', 'subjective', 'objective', 'assessment', 'plan'] as const;
const VITAL_COLUMNS: Record<Vital, string> = {
  temperatureC: 'temperature_c',
  pulse: 'pulse',
  systolic: 'systolic',
  diastolic: 'diastolic',
  respiratoryRate: 'respiratory_rate',
  spo2: 'spo2',
  weightKg: 'weight_kg',
  heightCm: 'height_cm',
};

export async function updateEncounter(ctx: CallContext, input: In<'encounters.update'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.id);
  requireOpen(e);
  if (e.version !== input.version) {
    throw conflict('The encounter was changed at another desk since you opened it; reload it and apply your change again.', { current: await readEncounter(ctx, e.id) });
  }
  const sets: string[] = [];
  const args: unknown[] = [];
  const notes: string[] = [];
  const vitals: Record<string, [number | null, number | null]> = {};
  for (const k of NOTE_FIELDS) {
    const v = input[k];
    if (v === undefined || v === e[k]) continue;
    sets.push(`${k} = ?`);
    args.push(v);
    notes.push(k);
  }
  if (input.vitals) {
    const next = { ...e };
    for (const k of VITALS) {
      const v = input.vitals[k];
      if (v === undefined || v === e[k]) continue;
      sets.push(`${VITAL_COLUMNS[k]} = ?`);
      args.push(v);
      vitals[k] = [e[k], v];
      next[k] = v;
    }
    if (next.systolic != null && next.diastolic != null && next.diastolic >= next.systolic) {
      throw invalid({ 'vitals.diastolic': `Diastolic must be below systolic (${next.systolic} ${VITAL_RANGES.systolic.unit}).` });
    }
  }
  if (sets.length === 0) return readEncounter(ctx, e.id);
  await ctx.em.query(`UPDATE encounters SET ${sets.join(', ')}, version = version + 1 WHERE id = ?`, [...args, e.id]);
  // Notes are named, not copied, into the trail; vitals are kept with their values.
  ctx.audit({ action: 'encounter.update', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { ...(notes.length ? { notes } : {}), ...(Object.keys(vitals).length ? { vitals } : {}) } });
  return readEncounter(ctx, e.id);
}

async function sign(ctx: CallContext, e: Pick<EncounterEntity, 'id' | 'hospitalId'>): Promise<void> {
  await ctx.em.query("UPDATE encounters SET status = 'signed', signed_at = ?, signed_by = ?, version = version + 1 WHERE id = ?", [ctx.now(), ctx.user.userId, e.id]);
  ctx.audit({ action: 'encounter.sign', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { status: ['open', 'signed'] } });
}

export async function signEncounter(ctx: CallContext, id: number): Promise<Encounter> {
  const e = await lockEncounter(ctx, id);
  if (e.status === 'signed') throw conflict('The encounter is already signed; add an addendum to correct or add to it.');
  const doctor = await actingDoctor(ctx);
  if (doctor.id !== e.doctorId) throw forbidden('Only the doctor who holds the encounter signs it.');
  await sign(ctx, e);
  return readEncounter(ctx, e.id);
}

/**
 * Completing an appointment signs its open encounter (in the same transaction); none or a signed one: nothing to do.
 * A signature is the holding doctor's own, as with `encounters.sign`: an open encounter held by another doctor (a
 * colleague covering, or anyone for an administrator) refuses the completion until its doctor signs it.
 */
export async function signEncounterOfAppointment(ctx: CallContext, appointmentId: number): Promise<void> {
  const [had]: { id: number | string; hospital_id: number; doctor_id: number | string }[] = await ctx.em.query(
    "SELECT id, hospital_id, doctor_id FROM encounters WHERE appointment_id = ? AND status = 'open' FOR UPDATE",
    [appointmentId],
  );
  if (!had) return;
  const [own]: { id: number | string }[] = await ctx.em.query('SELECT id FROM staff WHERE user_id = ?', [ctx.user.userId]);
  if (!own || Number(own.id) !== Number(had.doctor_id)) {
    const [holder]: { first_name: string; last_name: string }[] = await ctx.em.query('SELECT first_name, last_name FROM staff WHERE id = ?', [had.doctor_id]);
    const name = holder ? doctorName(holder.first_name, holder.last_name) : 'its doctor';
    throw conflict(`The consultation is still open with ${name}: only they sign it, so the appointment is completed once they have signed it.`);
  }
  await sign(ctx, { id: Number(had.id), hospitalId: Number(had.hospital_id) });
}

export async function addAddendum(ctx: CallContext, input: In<'encounters.addendum'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.id);
  if (e.status !== 'signed') throw conflict('The encounter is still open: edit the notes directly. Addenda are for signed encounters.');
  const authorName = await userName(ctx);
  const id = await insertRows(ctx.em, EncounterAddendumEntity, [
    Object.assign(new EncounterAddendumEntity(), { encounterId: e.id, text: input.text, authorId: ctx.user.userId, authorName, createdAt: ctx.now() }),
  ]);
  ctx.audit({ action: 'encounter.addendum', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { addendumId: id } });
  return readEncounter(ctx, e.id);
}
