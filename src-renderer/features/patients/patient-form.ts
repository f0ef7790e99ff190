// The patient form's values, and the way they become PatientFields (the contract's schema) for checks, saves and diffs.
import { BLOOD_GROUPS, PatientFields, SEXES, type Patient } from '@shared/contract/patients';
import type { FieldErrors } from '@shared/errors';
import { checkPhone, formatPhone } from '@shared/domain/phone';
import type { Hospital } from '@shared/contract/hospitals';
import { todayIn } from '../../components/format';

export type Sex = (typeof SEXES)[number];
export type BloodGroup = (typeof BLOOD_GROUPS)[number];

export interface PatientFormValues {
  hospitalId: string;
  firstName: string;
  middleName: string;
  lastName: string;
  dateOfBirth: string;
  sex: Sex | '';
  phone: string;
  email: string;
  addressLine: string;
  city: string;
  region: string;
  postalCode: string;
  nationalId: string;
  nextOfKinName: string;
  nextOfKinRelationship: string;
  nextOfKinPhone: string;
  bloodGroup: BloodGroup;
  allergies: string;
  chronicConditions: string;
  insuranceProvider: string;
  insurancePolicyNumber: string;
  insuranceCoveragePercent: number | '';
  insuranceValidUntil: string;
}

export type FieldKey = keyof PatientFields;

/** Every field of PatientFields with the words the form uses for it, in form order. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  bloodGroup: 'Blood group',
  phone: 'Phone',
  email: 'E-mail',
  addressLine: 'Address',
  city: 'City / town',
  region: 'Region / district',
  postalCode: 'Postal code',
  nationalId: 'National ID',
  nextOfKinName: 'Next of kin',
  nextOfKinRelationship: 'Relationship',
  nextOfKinPhone: 'Next of kin phone',
  allergies: 'Allergies',
  chronicConditions: 'Chronic conditions',
  insuranceProvider: 'Insurance provider',
  insurancePolicyNumber: 'Policy number',
  insuranceCoveragePercent: 'Coverage %',
  insuranceValidUntil: 'Valid until',
};

const FIELD_KEYS = Object.keys(FIELD_LABELS) as FieldKey[];

export function emptyPatient(hospitalId: number | null): PatientFormValues {
  return {
    hospitalId: hospitalId ? String(hospitalId) : '',
    firstName: '',
    middleName: '',
    lastName: '',
    dateOfBirth: '',
    sex: '',
    phone: '',
    email: '',
    addressLine: '',
    city: '',
    region: '',
    postalCode: '',
    nationalId: '',
    nextOfKinName: '',
    nextOfKinRelationship: '',
    nextOfKinPhone: '',
    bloodGroup: 'unknown',
    allergies: '',
    chronicConditions: '',
    insuranceProvider: '',
    insurancePolicyNumber: '',
    insuranceCoveragePercent: '',
    insuranceValidUntil: '',
  };
}

/** A record as form values; the national ID stays empty (only its masked tail is known) and is sent only when retyped. */
export function fromPatient(p: Patient): PatientFormValues {
  const s = (v: string | null) => v ?? '';
  return {
    hospitalId: String(p.hospitalId),
    firstName: p.firstName,
    middleName: s(p.middleName),
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    sex: p.sex,
    phone: formatPhone(p.phone),
    email: s(p.email),
    addressLine: s(p.addressLine),
    city: s(p.city),
    region: s(p.region),
    postalCode: s(p.postalCode),
    nationalId: '',
    nextOfKinName: s(p.nextOfKinName),
    nextOfKinRelationship: s(p.nextOfKinRelationship),
    nextOfKinPhone: p.nextOfKinPhone ? formatPhone(p.nextOfKinPhone) : '',
    bloodGroup: p.bloodGroup,
    allergies: s(p.allergies),
    chronicConditions: s(p.chronicConditions),
    insuranceProvider: s(p.insuranceProvider),
    insurancePolicyNumber: s(p.insurancePolicyNumber),
    insuranceCoveragePercent: p.insuranceCoveragePercent ?? '',
    insuranceValidUntil: s(p.insuranceValidUntil),
  };
}

/** The values as the contract's input: empty optional text is "none". */
export function toFields(v: PatientFormValues): PatientFields {
  const opt = (s: string) => (s.trim() ? s : null);
  return {
    firstName: v.firstName,
    middleName: opt(v.middleName),
    lastName: v.lastName,
    dateOfBirth: v.dateOfBirth,
    sex: v.sex as Sex,
    phone: v.phone,
    email: opt(v.email),
    addressLine: opt(v.addressLine),
    city: opt(v.city),
    region: opt(v.region),
    postalCode: opt(v.postalCode),
    nationalId: opt(v.nationalId),
    nextOfKinName: opt(v.nextOfKinName),
    nextOfKinRelationship: opt(v.nextOfKinRelationship),
    nextOfKinPhone: opt(v.nextOfKinPhone),
    bloodGroup: v.bloodGroup,
    allergies: opt(v.allergies),
    chronicConditions: opt(v.chronicConditions),
    insuranceProvider: opt(v.insuranceProvider),
    insurancePolicyNumber: opt(v.insurancePolicyNumber),
    insuranceCoveragePercent: v.insuranceCoveragePercent === '' ? null : v.insuranceCoveragePercent,
    insuranceValidUntil: opt(v.insuranceValidUntil),
  };
}

/** Rules the schema cannot know: phones for the hospital's country, birth dates not in the future. */
export function hospitalRules(v: PatientFormValues, hospital: Hospital | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!hospital) return errors;
  for (const key of ['phone', 'nextOfKinPhone'] as const) {
    if (!v[key].trim()) continue;
    const check = checkPhone(v[key], hospital.country);
    if (!check.ok) errors[key] = check.message;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) && v.dateOfBirth > todayIn(hospital.timeZone)) errors.dateOfBirth = 'The date of birth is in the future.';
  return errors;
}

/** A field's value in a form that compares like with like: trimmed, phones in E.164, empty as null. */
function comparable(key: FieldKey, value: unknown, country: string): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t) return null;
  if (key === 'phone' || key === 'nextOfKinPhone') {
    const check = checkPhone(t, country);
    return check.ok ? check.e164 : t;
  }
  return t;
}

/** The fields whose values differ between two sets of form values. */
export function differingFields(a: PatientFormValues, b: PatientFormValues, country: string): FieldKey[] {
  const fa = toFields(a) as Record<string, unknown>;
  const fb = toFields(b) as Record<string, unknown>;
  return FIELD_KEYS.filter((k) => comparable(k, fa[k], country) !== comparable(k, fb[k], country));
}

/** What the desk changed relative to the record it started from, as a patients.update payload (without id and version). */
export function changesFrom(base: PatientFormValues, mine: PatientFormValues, country: string): Partial<PatientFields> {
  const fields = toFields(mine) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of differingFields(base, mine, country)) out[k] = fields[k];
  return out as Partial<PatientFields>;
}
