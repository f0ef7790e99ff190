// Factories for scheduling tests: departments, doctors with weekly hours, patients.
import type { Input, Output } from '@shared/contract';
import type { Desk } from './app';

let serial = 0;

export async function department(admin: Desk, hospitalId: number, name: string): Promise<Output<'departments.create'>> {
  return admin.ok('departments.create', { hospitalId, name });
}

/** A doctor at the hospital, with weekly hours when given (weekday 1–7, 'HH:MM'). */
export async function doctor(
  hr: Desk,
  hospitalId: number,
  opts: {
    firstName?: string;
    lastName?: string;
    departmentId?: number | null;
    slotMinutes?: number;
    specialization?: string;
    userId?: number | null;
    hours?: { weekday: number; start: string; end: string; slotMinutes?: number }[];
    validFrom?: string;
  } = {},
): Promise<Output<'staff.create'>> {
  serial++;
  const d = await hr.ok('staff.create', {
    hospitalId,
    firstName: opts.firstName ?? `Grace${serial}`,
    lastName: opts.lastName ?? `Doctor${serial}`,
    staffRole: 'doctor',
    departmentId: opts.departmentId ?? null,
    hireDate: '2020-01-06',
    contractedHours: 40,
    userId: opts.userId ?? null,
    doctor: { specialization: opts.specialization ?? 'General Practice', licenceNumber: `LIC-${serial}-${Math.random().toString(36).slice(2, 8)}`, consultationFee: 50000, defaultSlotMinutes: opts.slotMinutes ?? 30 },
  });
  if (opts.hours) await hr.ok('doctors.setSchedule', { doctorId: d.id, hospitalId, validFrom: opts.validFrom ?? '2026-01-01', hours: opts.hours });
  return d;
}

export const everyDay = (start: string, end: string, slotMinutes?: number) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end, slotMinutes }));

export async function patient(desk: Desk, hospitalId: number, over: Partial<Input<'patients.register'>> = {}): Promise<Output<'patients.register'>> {
  serial++;
  return desk.ok('patients.register', {
    hospitalId,
    firstName: `Amina${serial}`,
    lastName: `Patient${serial}`,
    dateOfBirth: `19${60 + (serial % 39)}-0${1 + (serial % 9)}-1${serial % 9}`,
    sex: 'female',
    phone: `0772${String(300000 + serial).padStart(6, '0')}`,
    acknowledgeDuplicates: true,
    ...over,
  });
}
