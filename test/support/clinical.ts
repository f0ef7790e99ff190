// Setup for clinical tests: the haemoglobin test of the catalog, and (over the harness, for browser tests) a hospital
// with its doctor working around the clock and a patient checked in with her today.
import type { Input, Output } from '@shared/contract';
import type { Role } from '@shared/domain/roles';
import { UGANDA } from './app';
import { todayIn, type Credentials } from './browser';
import type { Harness } from './harness';
import { everyDay } from './scheduling';

/** The adult women's range of haemoglobin (g/dL), with its critical limits. */
export const HB_ADULT_FEMALE = { sex: 'female', ageFromYears: 18, ageToYears: null, low: 12, high: 16, criticalLow: 7, criticalHigh: 20 } as const;

/** Haemoglobin (HB, LOINC 718-7, g/dL) for the test catalog, with the adult women's range unless other ranges are given. */
export const haemoglobin = (hospitalId: number, over: Partial<Input<'tests.define'>> = {}): Input<'tests.define'> => ({
  hospitalId,
  code: 'HB',
  name: 'Haemoglobin',
  kind: 'lab',
  unit: 'g/dL',
  ucum: 'g/dL',
  loinc: '718-7',
  ranges: [HB_ADULT_FEMALE],
  ...over,
});

export const CLINIC_ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
export const CLINIC_DOCTOR = { username: 'sarah.nambi', fullName: 'Sarah Nambi', password: 'doctor-pass-2026' };
/** The front desk registers and books, HR keeps the doctor's record and hours: each signed in on a window of its own. */
export const CLINIC_FRONT = { username: 'florence.desk', fullName: 'Florence Nabirye', password: 'front-desk-2026' };
export const CLINIC_HR = { username: 'joseph.hr', fullName: 'Joseph Kizza', password: 'people-office-2026' };
/** The harness windows where CLINIC_FRONT and CLINIC_HR are signed in. */
export const FRONT_WINDOW = 'clinic-front';
const HR_WINDOW = 'clinic-hr';

/**
 * Over the harness as window 'setup', left signed in as the administrator: Kampala General in `timeZone`, Dr Sarah
 * Nambi of internal medicine (with her account) working every day around the clock, and accounts for `users`; the
 * front desk signed in on FRONT_WINDOW and HR on a window of its own, who put the doctor on the staff.
 */
export async function clinicWithDoctor(
  harness: Harness,
  timeZone: string,
  users: (Credentials & { fullName: string; roles: Role[] })[] = [],
): Promise<{ hospitalId: number; doctorId: number }> {
  const { hospitalId } = await harness.rpc('setup', 'setup.initialize', { hospital: { ...UGANDA, timeZone }, admin: CLINIC_ADMIN });
  await harness.rpc('setup', 'auth.login', { username: CLINIC_ADMIN.username, password: CLINIC_ADMIN.password });
  const medicine = await harness.rpc('setup', 'departments.create', { hospitalId, name: 'Internal Medicine' });
  const doctorUser = await harness.rpc('setup', 'users.create', { ...CLINIC_DOCTOR, roles: ['doctor'], hospitalIds: [hospitalId] });
  for (const user of users) await harness.rpc('setup', 'users.create', { ...user, hospitalIds: [hospitalId] });
  for (const [win, user, role] of [[FRONT_WINDOW, CLINIC_FRONT, 'front_desk'], [HR_WINDOW, CLINIC_HR, 'hr']] as const) {
    await harness.rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
    await harness.rpc(win, 'auth.login', { username: user.username, password: user.password });
  }
  const doctor = await harness.rpc(HR_WINDOW, 'staff.create', {
    hospitalId,
    firstName: 'Sarah',
    lastName: 'Nambi',
    staffRole: 'doctor',
    departmentId: medicine.id,
    hireDate: '2020-01-06',
    contractedHours: 40,
    userId: doctorUser.id,
    doctor: { specialization: 'Internal Medicine', licenceNumber: 'UMDPC-1', consultationFee: 50_000, defaultSlotMinutes: 30 },
  });
  await harness.rpc(HR_WINDOW, 'doctors.setSchedule', { doctorId: doctor.id, hospitalId, validFrom: '2026-01-01', hours: everyDay('00:00', '24:00') });
  return { hospitalId, doctorId: doctor.id };
}

/** The patient booked in the doctor's first free slot of today (in `timeZone`) and checked in, at the front desk. */
export async function checkedInToday(harness: Harness, opts: { patientId: number; doctorId: number; timeZone: string; reason: string }): Promise<Output<'appointments.book'>> {
  const free = await harness.rpc(FRONT_WINDOW, 'appointments.freeSlots', { doctorId: opts.doctorId, date: todayIn(opts.timeZone) });
  if (free.slots.length < 1) throw new Error(`No free slot left today in ${opts.timeZone}`);
  const appointment = await harness.rpc(FRONT_WINDOW, 'appointments.book', { patientId: opts.patientId, doctorId: opts.doctorId, start: free.slots[0]!.start, reason: opts.reason });
  await harness.rpc(FRONT_WINDOW, 'appointments.checkIn', { id: appointment.id });
  return appointment;
}
