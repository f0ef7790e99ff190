// Departments, staff records (with the staff archive) and doctors with their weekly hours and exceptions.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, Text, type Page } from './channel';
import {
  clockMinutes,
  EXCEPTION_KINDS,
  MAX_SLOT_MINUTES,
  MIN_SLOT_MINUTES,
  STAFF_ROLES,
  type ExceptionKind,
  type StaffRole,
  type StaffStatus,
} from '../domain/scheduling';
import type { AppointmentView } from './appointments';

/** Who keeps staff records. */
export const STAFF_KEEPERS = ['hr'] as const;
/** Who may read staff records and the archive. */
export const STAFF_READERS = ['hr', 'admin', 'manager'] as const;
/** Everyone who books or works with appointments needs the doctors and their hours (HR sets those hours; a doctor reads only their own). */
export const SCHEDULE_READERS = ['front_desk', 'doctor', 'nurse', 'manager', 'hr', 'admin'] as const;
/** Who reads appointments, with the patients' names and visit reasons (not HR; a doctor only their own list). */
export const APPOINTMENT_READERS = ['front_desk', 'doctor', 'nurse', 'manager', 'admin'] as const;

// ---- departments ----

export interface Department {
  id: number;
  hospitalId: number;
  name: string;
  active: boolean;
  /** Doctors (not terminated) whose department this is. */
  doctorCount: number;
}

const DepartmentName = RequiredText(80);

// ---- staff ----

export const ClockTime = z
  .string({ error: 'Expected a time as HH:MM.' })
  .refine((t) => clockMinutes(t) !== null, { error: 'Expected a time as HH:MM (00:00–24:00).' });

const SlotMinutes = z
  .number({ error: 'Expected minutes.' })
  .int({ error: 'Whole minutes only.' })
  .min(MIN_SLOT_MINUTES, { error: `At least ${MIN_SLOT_MINUTES} minutes.` })
  .max(MAX_SLOT_MINUTES, { error: `At most ${MAX_SLOT_MINUTES} minutes.` });

export const DoctorFields = z.object({
  specialization: RequiredText(80),
  licenceNumber: RequiredText(40),
  /** In the hospital currency's minor units (UGX has none: 50000 is USh 50,000; USD 12500 is $125.00). */
  consultationFee: z.number({ error: 'Expected an amount.' }).int({ error: 'Whole minor units only.' }).min(0).max(1_000_000_000),
  defaultSlotMinutes: SlotMinutes.default(15),
});
export type DoctorFields = z.input<typeof DoctorFields>;

export const StaffFields = z.object({
  employeeNumber: OptionalText(20).pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9/_.-]+$/, { error: 'Letters, digits and / _ . - only.' })
      .nullable(),
  ),
  firstName: RequiredText(100),
  lastName: RequiredText(100),
  staffRole: z.enum(STAFF_ROLES, { error: 'Choose a role.' }),
  departmentId: Id.nullable().optional().transform((v) => v ?? null),
  phone: OptionalText(30),
  email: OptionalText(254).pipe(z.email({ error: 'Not an e-mail address.' }).nullable()),
  hireDate: IsoDate,
  contractedHours: z.number({ error: 'Expected hours per week.' }).int({ error: 'Whole hours only.' }).min(0).max(80, { error: 'At most 80 hours a week.' }),
  /** The sign-in account of this person, when they have one. */
  userId: Id.nullable().optional().transform((v) => v ?? null),
});
export type StaffFields = z.input<typeof StaffFields>;

export interface DoctorProfile {
  specialization: string;
  licenceNumber: string;
  consultationFee: number;
  currency: string;
  defaultSlotMinutes: number;
}

export interface StaffMember {
  id: number;
  hospitalId: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  staffRole: StaffRole;
  departmentId: number | null;
  departmentName: string | null;
  phone: string | null;
  email: string | null;
  hireDate: string;
  contractedHours: number;
  status: StaffStatus;
  terminatedOn: string | null;
  terminationReason: string | null;
  userId: number | null;
  doctor: DoctorProfile | null;
  version: number;
}

export const STAFF_LIST_VIEWS = ['current', 'active', 'on_leave', 'archive', 'all'] as const;

// ---- doctors and their hours ----

export interface DoctorSummary {
  id: number;
  hospitalId: number;
  fullName: string;
  specialization: string;
  departmentId: number | null;
  departmentName: string | null;
  defaultSlotMinutes: number;
  consultationFee: number;
  currency: string;
  status: StaffStatus;
  /** The doctor's own sign-in account: "my day" finds the signed-in doctor by it. */
  userId: number | null;
}

export interface WorkingHours {
  id: number;
  hospitalId: number;
  weekday: number;
  start: string;
  end: string;
  slotMinutes: number;
  validFrom: string;
  validTo: string | null;
}

export interface ScheduleException {
  id: number;
  doctorId: number;
  kind: ExceptionKind;
  startDate: string;
  endDate: string;
  /** Null: from the start of the first day / to the end of the last day. */
  startTime: string | null;
  endTime: string | null;
  note: string | null;
}

export interface DoctorSchedule {
  doctor: DoctorSummary;
  hours: WorkingHours[];
  /** Exceptions ending today or later, and those of the last 30 days. */
  exceptions: ScheduleException[];
}

const HoursEntry = z
  .object({
    weekday: z.number({ error: 'A weekday from 1 (Monday) to 7 (Sunday).' }).int().min(1).max(7, { error: 'A weekday from 1 (Monday) to 7 (Sunday).' }),
    start: ClockTime,
    end: ClockTime,
    slotMinutes: SlotMinutes.optional(),
  })
  .refine((h) => clockMinutes(h.start)! < clockMinutes(h.end)!, { path: ['end'], error: 'Must be after the start.' });

const ExceptionInput = z
  .object({
    doctorId: Id,
    kind: z.enum(EXCEPTION_KINDS, { error: 'Choose leave, sick, conference, training or other.' }),
    startDate: IsoDate,
    endDate: IsoDate,
    startTime: ClockTime.nullable().optional().transform((v) => v ?? null),
    endTime: ClockTime.nullable().optional().transform((v) => v ?? null),
    note: OptionalText(500),
  })
  .refine((e) => e.startDate <= e.endDate, { path: ['endDate'], error: 'Must not be before the first day.' })
  .refine((e) => e.startDate !== e.endDate || !e.startTime || !e.endTime || e.startTime < e.endTime, { path: ['endTime'], error: 'Must be after the start time.' })
  .refine((e) => daysBetween(e.startDate, e.endDate) <= 366, { path: ['endDate'], error: 'At most a year at a time.' });

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const staffKinds = ['department', 'staff', 'doctor'] as const;

export const staff = {
  'departments.create': channel({
    input: z.object({ hospitalId: Id, name: DepartmentName }),
    output: returns<Department>(),
    access: ['admin'],
    kind: 'write',
    changes: ['department'],
  }),
  'departments.update': channel({
    input: z.object({ id: Id, name: DepartmentName.optional(), active: z.boolean().optional() }),
    output: returns<Department>(),
    access: ['admin'],
    kind: 'write',
    changes: ['department'],
  }),
  /** Departments of one hospital, or of every hospital the caller works in. */
  'departments.list': channel({
    input: z.object({ hospitalId: Id.optional(), includeInactive: z.boolean().default(false) }).default({ includeInactive: false }),
    output: returns<Department[]>(),
    access: 'signedIn',
    kind: 'read',
    shows: ['department'],
  }),

  'staff.create': channel({
    input: StaffFields.extend({ hospitalId: Id, doctor: DoctorFields.nullable().optional().transform((v) => v ?? null) }),
    output: returns<StaffMember>(),
    access: STAFF_KEEPERS,
    kind: 'write',
    changes: ['staff', 'doctor'],
  }),
  'staff.update': channel({
    input: StaffFields.partial().extend({
      id: Id,
      version: z.number().int().min(1),
      /** Terminated is not a status to set here: `staff.terminate` records the date and reason. */
      status: z.enum(['active', 'on_leave'] as const satisfies readonly StaffStatus[]).optional(),
      doctor: DoctorFields.partial().optional(),
    }),
    output: returns<StaffMember>(),
    access: STAFF_KEEPERS,
    kind: 'write',
    changes: ['staff', 'doctor'],
  }),
  /** Ends employment: the record moves to the archive, stays readable, and is never deleted. */
  'staff.terminate': channel({
    input: z.object({ id: Id, version: z.number().int().min(1), terminatedOn: IsoDate, reason: RequiredText(500) }),
    output: returns<StaffMember>(),
    access: STAFF_KEEPERS,
    kind: 'write',
    changes: ['staff', 'doctor'],
  }),
  /** `current` = active and on leave; `archive` = terminated. Searches name and employee number. */
  'staff.list': channel({
    input: z
      .object({
        hospitalId: Id.optional(),
        query: Text(100).default(''),
        view: z.enum(STAFF_LIST_VIEWS).default('current'),
        staffRole: z.enum(STAFF_ROLES).optional(),
        departmentId: Id.optional(),
        limit: Limit,
        cursor: Cursor,
      })
      .default({ query: '', view: 'current', limit: 50 }),
    output: returns<Page<StaffMember>>(),
    access: STAFF_READERS,
    kind: 'read',
    shows: ['staff', 'department', 'doctor'],
  }),
  'staff.get': channel({ input: z.object({ id: Id }), output: returns<StaffMember>(), access: STAFF_READERS, kind: 'read', shows: ['staff', 'department', 'doctor'] }),

  /** Doctors who can take appointments (active or on leave; never terminated), for the booking screen. */
  'doctors.list': channel({
    input: z
      .object({
        hospitalId: Id.optional(),
        departmentId: Id.optional(),
        specialization: Text(80).optional(),
        query: Text(100).default(''),
        limit: Limit,
        cursor: Cursor,
      })
      .default({ query: '', limit: 50 }),
    output: returns<Page<DoctorSummary>>(),
    access: SCHEDULE_READERS,
    kind: 'read',
    shows: ['doctor', 'staff', 'department'],
  }),
  'doctors.getSchedule': channel({ input: z.object({ doctorId: Id }), output: returns<DoctorSchedule>(), access: SCHEDULE_READERS, kind: 'read', shows: ['doctor', 'staff'] }),
  /**
   * The doctor's weekly hours at one hospital from `validFrom` (to `validTo`, or open-ended). Hours of that hospital
   * already set for any part of this period are replaced for the period; before and after it they stay.
   */
  'doctors.setSchedule': channel({
    input: z
      .object({
        doctorId: Id,
        hospitalId: Id,
        validFrom: IsoDate,
        validTo: IsoDate.nullable().optional().transform((v) => v ?? null),
        hours: z.array(HoursEntry).max(50, { error: 'At most 50 blocks a week.' }),
      })
      .refine((s) => !s.validTo || s.validFrom <= s.validTo, { path: ['validTo'], error: 'Must not be before the first day.' }),
    output: returns<DoctorSchedule>(),
    access: STAFF_KEEPERS,
    kind: 'write',
    changes: ['doctor'],
  }),
  /** Leave, a conference…: removes availability. Booked appointments in that time are listed to be moved. */
  'doctors.addException': channel({
    input: ExceptionInput,
    output: returns<{ exception: ScheduleException; affectedAppointments: AppointmentView[] }>(),
    access: STAFF_KEEPERS,
    kind: 'write',
    changes: ['doctor'],
  }),
  'doctors.removeException': channel({ input: z.object({ id: Id }), output: returns<null>(), access: STAFF_KEEPERS, kind: 'write', changes: ['doctor'] }),
  /**
   * A doctor's shift on the rota that booking cannot fill (no weekly hours that day): the hours valid then gain the
   * shift's part of that weekday, from the shift's day on. One step from the rota.
   */
  'doctors.alignWithShift': channel({ input: z.object({ shiftId: Id }), output: returns<DoctorSchedule>(), access: STAFF_KEEPERS, kind: 'write', changes: ['doctor'] }),
} as const;

export type StaffPage = Page<StaffMember>;
