// The staff form's values, and how they become the contract's staff.create / staff.update input.
import type { Hospital } from '@shared/contract/hospitals';
import type { StaffMember } from '@shared/contract/staff';
import type { FieldErrors } from '@shared/errors';
import { checkPhone, formatPhone } from '@shared/domain/phone';
import type { StaffRole } from '@shared/domain/scheduling';
import { moneyDecimal, parseMoney } from '../../components/format';

export interface StaffFormValues {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  staffRole: StaffRole;
  departmentId: string;
  phone: string;
  email: string;
  hireDate: string;
  contractedHours: number | '';
  status: 'active' | 'on_leave';
  specialization: string;
  licenceNumber: string;
  /** As typed, in major units ("125.50"); parsed to minor units on save. */
  consultationFee: string;
  defaultSlotMinutes: number | '';
}

/** The doctor's fields arrive as `doctor.x` from the schema and the server; the form shows them flat. */
export const STAFF_FIELD_ALIASES: Record<string, keyof StaffFormValues & string> = {
  'doctor.specialization': 'specialization',
  'doctor.licenceNumber': 'licenceNumber',
  'doctor.consultationFee': 'consultationFee',
  'doctor.defaultSlotMinutes': 'defaultSlotMinutes',
  doctor: 'specialization',
};

export function newStaffValues(hireDate: string): StaffFormValues {
  return {
    employeeNumber: '',
    firstName: '',
    lastName: '',
    staffRole: 'nurse',
    departmentId: '',
    phone: '',
    email: '',
    hireDate,
    contractedHours: 40,
    status: 'active',
    specialization: '',
    licenceNumber: '',
    consultationFee: '',
    defaultSlotMinutes: 15,
  };
}

export function staffValues(m: StaffMember): StaffFormValues {
  return {
    employeeNumber: m.employeeNumber,
    firstName: m.firstName,
    lastName: m.lastName,
    staffRole: m.staffRole,
    departmentId: m.departmentId ? String(m.departmentId) : '',
    phone: m.phone ? formatPhone(m.phone) : '',
    email: m.email ?? '',
    hireDate: m.hireDate,
    contractedHours: m.contractedHours,
    status: m.status === 'on_leave' ? 'on_leave' : 'active',
    specialization: m.doctor?.specialization ?? '',
    licenceNumber: m.doctor?.licenceNumber ?? '',
    consultationFee: m.doctor ? moneyDecimal(m.doctor.consultationFee, m.doctor.currency) : '',
    defaultSlotMinutes: m.doctor?.defaultSlotMinutes ?? 15,
  };
}

/**
 * The values as contract fields, plus the errors only the hospital can tell (its phone format, its currency).
 * A fee that cannot be read is sent as 0 to the schema check, so the form shows the money message, not the schema's.
 */
export function staffInput(v: StaffFormValues, hospital: Hospital | null) {
  const extra: FieldErrors = {};
  const country = hospital?.country ?? 'UG';
  const currency = hospital?.currency ?? 'UGX';

  let phone: string | null = null;
  if (v.phone.trim()) {
    const check = checkPhone(v.phone, country);
    if (check.ok) phone = check.e164;
    else extra.phone = check.message;
  }

  let doctor = null;
  if (v.staffRole === 'doctor') {
    let fee = 0;
    if (!v.consultationFee.trim()) extra.consultationFee = 'Required.';
    else {
      const parsed = parseMoney(v.consultationFee, currency);
      if (parsed.ok) fee = parsed.minor;
      else extra.consultationFee = parsed.message;
    }
    doctor = {
      specialization: v.specialization,
      licenceNumber: v.licenceNumber,
      consultationFee: fee,
      defaultSlotMinutes: v.defaultSlotMinutes === '' ? undefined : v.defaultSlotMinutes,
    };
  }

  const fields = {
    employeeNumber: v.employeeNumber.trim() || null,
    firstName: v.firstName,
    lastName: v.lastName,
    staffRole: v.staffRole,
    departmentId: v.departmentId ? Number(v.departmentId) : null,
    phone,
    email: v.email.trim() || null,
    hireDate: v.hireDate,
    // Left empty, the schema says "Expected hours per week." and the form shows "Required.".
    contractedHours: v.contractedHours === '' ? (undefined as unknown as number) : v.contractedHours,
  };
  return { fields, doctor, extra };
}

/**
 * What the desk changed relative to the record editing began from, as a staff.update payload (without id and version):
 * unchanged fields are left out, so an edit never re-sends (and re-checks) what another desk or a rule owns.
 */
export function staffChanges(base: StaffFormValues, mine: StaffFormValues, hospital: Hospital | null) {
  const before = staffInput(base, hospital);
  const after = staffInput(mine, hospital);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after.fields)) {
    if (value !== (before.fields as Record<string, unknown>)[key]) changes[key] = value;
  }
  if (mine.status !== base.status) changes.status = mine.status;
  if (after.doctor) {
    const was = (before.doctor ?? {}) as Record<string, unknown>;
    const doctor = Object.fromEntries(Object.entries(after.doctor).filter(([k, v]) => !before.doctor || v !== was[k]));
    if (Object.keys(doctor).length) changes.doctor = doctor;
  }
  return { changes, extra: after.extra };
}
