// Patients: registration with number and duplicate check, search, the audited record, versioned edits.
import type { EntityManager } from 'typeorm';
import { AppError, conflict, forbidden, invalid, notFound, type FieldErrors } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { DuplicateCandidate, Patient, PatientSummary } from '@shared/contract/patients';
import { localDate } from '@shared/domain/dates';
import { clockTime, gmtOffset } from '@shared/domain/format';
import { similarNames } from '@shared/domain/names';
import { checkPhone } from '@shared/domain/phone';
import type { CallContext } from '../../platform/context';
import { HospitalEntity, requireHospitalEntity } from '../hospitals';
import { assignNextNumber, pendingNumber } from './patient-numbers';
import { withColumnDefaults } from '../../db/columns';
import { lockRow, withNamedLocks } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { PatientEntity } from './patient.entity';
import { nameKey, reversedNameKey } from './rules';
import { SUMMARY_COLUMNS } from './patients.search';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;
type Fields = Partial<In<'patients.register'>>;

export function toSummary(p: PatientEntity): PatientSummary {
  return {
    id: p.id,
    patientNumber: p.patientNumber,
    hospitalId: p.hospitalId,
    firstName: p.firstName,
    middleName: p.middleName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    phone: p.phone,
  };
}

export function toPatient(p: PatientEntity): Patient {
  return {
    ...toSummary(p),
    email: p.email,
    addressLine: p.addressLine,
    city: p.city,
    region: p.region,
    postalCode: p.postalCode,
    nationalIdMasked: p.nationalIdLast4 ? `••••${p.nationalIdLast4}` : null,
    nextOfKinName: p.nextOfKinName,
    nextOfKinRelationship: p.nextOfKinRelationship,
    nextOfKinPhone: p.nextOfKinPhone,
    bloodGroup: p.bloodGroup,
    allergies: p.allergies,
    chronicConditions: p.chronicConditions,
    insuranceProvider: p.insuranceProvider,
    insurancePolicyNumber: p.insurancePolicyNumber,
    insuranceCoveragePercent: p.insuranceCoveragePercent,
    insuranceValidUntil: p.insuranceValidUntil,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

function hospitalToday(ctx: CallContext, h: HospitalEntity): string {
  return localDate(ctx.now(), h.timeZone);
}

/** Rules that need the hospital (its country for phones, its calendar for "not in the future"). */
function normalise(ctx: CallContext, h: HospitalEntity, input: Fields): Partial<PatientEntity> {
  const errors: FieldErrors = {};
  const out: Partial<PatientEntity> = {};
  const today = hospitalToday(ctx, h);
  if (input.dateOfBirth !== undefined) {
    // Compared as text: 130 years before today, even when that day (29 February) did not exist then.
    const oldest = `${Number(today.slice(0, 4)) - 130}${today.slice(4)}`;
    if (input.dateOfBirth > today) errors.dateOfBirth = 'The date of birth is in the future.';
    else if (input.dateOfBirth < oldest) errors.dateOfBirth = 'The date of birth is more than 130 years ago.';
  }
  for (const key of ['phone', 'nextOfKinPhone'] as const) {
    const raw = input[key];
    if (raw === undefined || raw === null) continue;
    const check = checkPhone(raw, h.country);
    if (check.ok) out[key] = check.e164;
    else errors[key] = check.message;
  }
  if (Object.keys(errors).length) throw invalid(errors);
  const copy = [
    'firstName', 'middleName', 'lastName', 'dateOfBirth', 'sex', 'email', 'addressLine', 'city', 'region', 'postalCode',
    'nextOfKinName', 'nextOfKinRelationship', 'bloodGroup', 'allergies', 'chronicConditions', 'insuranceProvider',
    'insurancePolicyNumber', 'insuranceCoveragePercent', 'insuranceValidUntil',
  ] as const;
  for (const key of copy) if (input[key] !== undefined) (out as Record<string, unknown>)[key] = input[key];
  if (input.nationalId !== undefined) {
    out.nationalId = input.nationalId;
    out.nationalIdLast4 = input.nationalId ? input.nationalId.slice(-4) : null;
  }
  return out;
}

function withNameKeys(p: Partial<PatientEntity> & { firstName: string; lastName: string }): void {
  p.nameKey = nameKey(p.firstName, p.lastName);
  p.nameKeyRev = reversedNameKey(p.firstName, p.lastName);
}

export async function findDuplicates(
  em: EntityManager,
  probe: { firstName: string; lastName: string; dateOfBirth: string; phoneE164: string | null; excludeId?: number },
  opts: { latest?: boolean } = {},
): Promise<DuplicateCandidate[]> {
  // `latest` (registration, at READ COMMITTED under its named locks): read with shared locks, which wait for rows a
  // desk inserted before it let the locks go and has not yet committed.
  const lock = opts.latest ? ' LOCK IN SHARE MODE' : '';
  // One round trip over two indexes that hold the names (no row reads): the same phone (any name), then the same date
  // of birth, names compared here, spelling-tolerant. Only the matches are then read in full. A bounded search, not a
  // list: it suggests at most 20 possible duplicates, from 20 patients with the phone and 2000 born that day.
  const rows: { id: number | string; byPhone: number; firstName: string; lastName: string }[] = await em.query(
    `(SELECT id, 1 AS byPhone, first_name AS firstName, last_name AS lastName FROM patients WHERE phone = ? LIMIT 20${lock})
     UNION ALL (SELECT id, 0, first_name, last_name FROM patients FORCE INDEX (ix_patients_dob) WHERE date_of_birth = ? LIMIT 2000${lock})`,
    [probe.phoneE164 ?? '', probe.dateOfBirth],
  );
  const reasons = new Map<number, DuplicateCandidate['reason']>();
  for (const r of rows) {
    const id = Number(r.id);
    if (id === probe.excludeId || reasons.has(id) || reasons.size >= 20) continue;
    if (r.byPhone) reasons.set(id, 'same phone');
    else if (similarNames(probe.firstName, probe.lastName, r.firstName, r.lastName)) reasons.set(id, 'same date of birth and similar name');
  }
  if (reasons.size === 0) return [];
  const ids = [...reasons.keys()];
  const summaries: PatientSummary[] = await em.query(`SELECT ${SUMMARY_COLUMNS} FROM patients WHERE id IN (${ids.map(() => '?').join(',')})${lock}`, ids);
  const byId = new Map(summaries.map((p) => [Number(p.id), p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ ...p, id, hospitalId: Number(p.hospitalId), reason: reasons.get(id)! }] : [];
  });
}

export async function probeDuplicates(ctx: CallContext, input: In<'patients.findDuplicates'>): Promise<DuplicateCandidate[]> {
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const phone = checkPhone(input.phone, h.country);
  return findDuplicates(ctx.em, { ...input, phoneE164: phone.ok ? phone.e164 : null });
}

export async function registerPatient(ctx: CallContext, input: In<'patients.register'>): Promise<Patient> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const fields = normalise(ctx, h, input);
  if (input.acknowledgeDuplicates) return insertPatient(ctx, h, input, fields);
  // Check and insert under locks on what makes two registrations duplicates (the birth date, the phone number): of ten
  // desks registering the same new patient at once, one inserts and nine find that patient.
  const locks = [`patient-dob:${input.dateOfBirth}`, ...(fields.phone ? [`patient-phone:${fields.phone}`] : [])];
  return withNamedLocks(ctx.em, locks, 'Another desk is registering a patient with this birth date or phone right now; try again in a moment.', async () => {
    const dups = await findDuplicates(ctx.em, { firstName: input.firstName, lastName: input.lastName, dateOfBirth: input.dateOfBirth, phoneE164: fields.phone ?? null }, { latest: true });
    if (dups.length) {
      throw conflict(
        `${dups.length === 1 ? 'A patient' : `${dups.length} patients`} with ${dups[0].reason} already ${dups.length === 1 ? 'exists' : 'exist'}: ${dups[0].patientNumber} ${dups[0].firstName} ${dups[0].lastName}. Open the existing record, or confirm this is a different person.`,
        { duplicates: dups },
      );
    }
    return insertPatient(ctx, h, input, fields);
  });
}

async function insertPatient(ctx: CallContext, h: HospitalEntity, input: In<'patients.register'>, fields: ReturnType<typeof normalise>): Promise<Patient> {
  const year = Number(hospitalToday(ctx, h).slice(0, 4));
  const now = ctx.now();
  const entity = withColumnDefaults(ctx.em, PatientEntity, {
    ...fields,
    hospitalId: h.id,
    version: 1,
    createdBy: ctx.user.userId,
    createdAt: now,
    updatedAt: now,
  } as PatientEntity);
  withNameKeys(entity);
  // Hot path: one INSERT with no read-back (every column is known here) before any shared lock is taken, then the
  // number under the counter's row lock.
  entity.patientNumber = pendingNumber();
  entity.id = await insertRows(ctx.em, PatientEntity, [entity]);
  entity.patientNumber = await assignNextNumber(ctx.em, h.patientNumberFormat, year, 'uq_patients_number', async (number) => {
    await ctx.em.query('UPDATE patients SET patient_number = ?, updated_at = updated_at WHERE id = ?', [number, entity.id]);
  });
  const { nationalId: _n, ...logged } = input;
  ctx.audit({
    action: 'patient.register',
    entity: 'patient',
    entityId: entity.id,
    hospitalId: h.id,
    changes: { ...logged, patientNumber: entity.patientNumber, nationalId: input.nationalId ? 'set' : null },
  });
  return toPatient(entity);
}

export async function getPatient(ctx: CallContext, id: number): Promise<Patient> {
  const p = await ctx.em.findOneBy(PatientEntity, { id });
  if (!p) throw notFound('The patient');
  ctx.audit({ action: 'patient.read', entity: 'patient', entityId: p.id, hospitalId: p.hospitalId });
  return toPatient(p);
}

/**
 * Patients are read chain-wide, but edited (and their national ID revealed) by the hospitals that know them: the one
 * that registered the patient and those where the patient had an appointment or a stay. Elsewhere only with an
 * emergency stated, recorded in the audit trail with its reason; otherwise FORBIDDEN.
 */
async function requirePatientCare(ctx: CallContext, p: { id: number; hospitalId: number; firstName: string; lastName: string }, emergencyReason: string | undefined): Promise<void> {
  const scope = ctx.scope();
  if (scope === 'all' || scope.includes(p.hospitalId)) return;
  const at = scope.map(() => '?').join(',') || 'NULL';
  const [seen]: unknown[] = await ctx.em.query(
    `SELECT 1 FROM appointments WHERE patient_id = ? AND hospital_id IN (${at}) UNION ALL SELECT 1 FROM stays WHERE patient_id = ? AND hospital_id IN (${at}) LIMIT 1`,
    [p.id, ...scope, p.id, ...scope],
  );
  if (seen) return;
  if (emergencyReason === undefined) {
    throw forbidden(`${p.firstName} ${p.lastName} is a patient of another hospital of the chain: state an emergency to change the record or reveal the national ID.`);
  }
  ctx.audit({ action: 'patients.emergencyAccess', entity: 'patient', entityId: p.id, hospitalId: p.hospitalId, changes: { reason: emergencyReason.trim(), for: ctx.channel } });
}

export async function revealNationalId(ctx: CallContext, id: number, emergencyReason?: string): Promise<{ nationalId: string | null }> {
  const p = await ctx.em.getRepository(PatientEntity).createQueryBuilder('p').addSelect('p.nationalId').where({ id }).getOne();
  if (!p) throw notFound('The patient');
  await requirePatientCare(ctx, p, emergencyReason);
  ctx.audit({ action: 'patient.national_id_revealed', entity: 'patient', entityId: p.id, hospitalId: p.hospitalId });
  return { nationalId: p.nationalId };
}

export async function updatePatient(ctx: CallContext, input: In<'patients.update'>): Promise<Patient> {
  const p = await lockRow(ctx.em, PatientEntity, input.id, { alsoHidden: ['nationalId'] });
  if (!p) throw notFound('The patient');
  await requirePatientCare(ctx, p, input.emergencyReason);
  const h = await ctx.em.findOneByOrFail(HospitalEntity, { id: p.hospitalId });
  if (p.version !== input.version) {
    const current = toPatient(p);
    const at = `${clockTime(p.updatedAt, h.timeZone)} ${gmtOffset(p.updatedAt, h.timeZone)}`;
    throw new AppError(
      'CONFLICT',
      `${p.firstName} ${p.lastName} (${p.patientNumber}) was changed at another desk at ${at} since you opened the record. Nothing was saved: compare with the current record and save again.`,
      undefined,
      { current },
    );
  }
  const { id: _id, version: _v, emergencyReason: _reason, ...rest } = input;
  const fields = normalise(ctx, h, rest);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(fields)) {
    const before = (p as unknown as Record<string, unknown>)[k];
    if (k === 'nationalIdLast4' || v === undefined || before === v) continue;
    changes[k] = [before, v];
    (p as unknown as Record<string, unknown>)[k] = v;
  }
  if (Object.keys(changes).length === 0) return toPatient(p);
  if (changes.nationalId) p.nationalIdLast4 = fields.nationalIdLast4 ?? null;
  withNameKeys(p);
  p.version += 1;
  await ctx.em.save(p);
  ctx.audit({ action: 'patient.update', entity: 'patient', entityId: p.id, hospitalId: p.hospitalId, changes });
  return toPatient(await ctx.em.findOneByOrFail(PatientEntity, { id: p.id }));
}
