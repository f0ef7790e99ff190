// Appointments: free slots, booking, the status flow (check-in with a queue, completion, cancellation, no-show) and the
// day views of a hospital, a doctor and a patient.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, IsoInstant, Limit, OptionalText, RequiredText, returns, type Page } from './channel';
import type { AppointmentStatus } from '../domain/scheduling';
import { APPOINTMENT_READERS, SCHEDULE_READERS } from './staff';
import { PATIENT_READERS } from '../domain/roles';

/** Who books, moves, cancels, checks in and marks no-shows. */
export const APPOINTMENT_DESK = ['front_desk'] as const;
/** Who completes an appointment (a doctor only their own). */
export const APPOINTMENT_CLINICIANS = ['doctor'] as const;

export interface Slot {
  start: string;
  end: string;
  hospitalId: number;
}

export const UNAVAILABLE_REASONS = ['not_working', 'on_leave', 'fully_booked', 'past', 'terminated'] as const;
export type UnavailableReason = (typeof UNAVAILABLE_REASONS)[number];

export interface DaySlots {
  doctorId: number;
  doctorName: string;
  date: string;
  /** Free slots, earliest first. */
  slots: Slot[];
  /** Why there is no free slot that day; null when there is at least one. */
  unavailable: { reason: UnavailableReason; message: string } | null;
}

export interface SlotOffer extends Slot {
  doctorId: number;
  doctorName: string;
}

export interface AppointmentView {
  id: number;
  hospitalId: number;
  departmentId: number | null;
  departmentName: string | null;
  doctorId: number;
  doctorName: string;
  patientId: number;
  patientNumber: string;
  patientName: string;
  start: string;
  end: string;
  /** The appointment's calendar date at its hospital. */
  date: string;
  reason: string | null;
  status: AppointmentStatus;
  cancelReason: string | null;
  /** Place in the doctor's queue of the day, given at check-in. */
  queueNumber: number | null;
  checkedInAt: string | null;
  completedAt: string | null;
  /** A past visit imported with its day only (no time): `start` is local midnight and it takes no slot. */
  dayOnly?: boolean;
  version: number;
}

export interface DaySchedule {
  hospitalId: number;
  date: string;
  timeZone: string;
  appointments: AppointmentView[];
  /** Doctors working that day (or with appointments), with their hours in local time. */
  doctors: { id: number; name: string; departmentName: string | null; hours: { start: string; end: string }[]; away: string | null }[];
}

/** The two lists of a patient's appointments: those not yet ended, and those ended. */
export const PATIENT_APPOINTMENT_LISTS = ['upcoming', 'past'] as const;
export type PatientAppointmentList = (typeof PATIENT_APPOINTMENT_LISTS)[number];

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const appointmentKinds = ['appointment'] as const;

export const appointments = {
  /** Free slots of one doctor on one day (the day of the hospital the doctor works at). */
  'appointments.freeSlots': channel({
    input: z.object({ doctorId: Id, date: IsoDate }),
    output: returns<DaySlots>(),
    access: SCHEDULE_READERS,
    kind: 'read',
    shows: ['appointment', 'doctor', 'leave'],
  }),
  /** Free slots of every doctor of a department (or of a specialization) at a hospital on one day. */
  'appointments.departmentSlots': channel({
    input: z
      .object({ hospitalId: Id, date: IsoDate, departmentId: Id.optional(), specialization: RequiredText(80).optional() })
      .refine((i) => i.departmentId !== undefined || i.specialization !== undefined, { path: ['departmentId'], error: 'Choose a department or a specialization.' }),
    output: returns<DaySlots[]>(),
    access: SCHEDULE_READERS,
    kind: 'read',
    shows: ['appointment', 'doctor', 'department', 'leave'],
  }),
  /**
   * The next free slots after `after` (default now): of the doctor, and of the other doctors of the doctor's department;
   * with only a department, the earliest slots of any of its doctors ("first free doctor").
   */
  'appointments.nextFree': channel({
    input: z
      .object({
        doctorId: Id.optional(),
        departmentId: Id.optional(),
        after: IsoInstant.optional(),
        limit: z.number().int().min(1).max(20).default(5),
      })
      .refine((i) => i.doctorId !== undefined || i.departmentId !== undefined, { path: ['doctorId'], error: 'Choose a doctor or a department.' }),
    output: returns<{ doctor: SlotOffer[]; others: SlotOffer[] }>(),
    access: SCHEDULE_READERS,
    kind: 'read',
    shows: ['appointment', 'doctor', 'leave'],
  }),
  'appointments.book': channel({
    input: z.object({ patientId: Id, doctorId: Id, start: IsoInstant, reason: OptionalText(500) }),
    output: returns<AppointmentView>(),
    access: APPOINTMENT_DESK,
    kind: 'write',
    changes: ['appointment'],
  }),
  /** Moves a booked appointment to another free slot (of the same or another doctor). */
  'appointments.reschedule': channel({
    input: z.object({ id: Id, version: z.number().int().min(1), start: IsoInstant, doctorId: Id.optional() }),
    output: returns<AppointmentView>(),
    access: APPOINTMENT_DESK,
    kind: 'write',
    changes: ['appointment'],
  }),
  'appointments.cancel': channel({
    input: z.object({ id: Id, reason: RequiredText(500) }),
    output: returns<AppointmentView>(),
    access: APPOINTMENT_DESK,
    kind: 'write',
    changes: ['appointment'],
  }),
  /** The patient has arrived: gives them the next place in the doctor's queue for that day. */
  'appointments.checkIn': channel({ input: z.object({ id: Id }), output: returns<AppointmentView>(), access: APPOINTMENT_DESK, kind: 'write', changes: ['appointment'] }),
  'appointments.complete': channel({ input: z.object({ id: Id }), output: returns<AppointmentView>(), access: APPOINTMENT_CLINICIANS, kind: 'write', changes: ['appointment', 'charge', 'encounter'] }),
  'appointments.markNoShow': channel({ input: z.object({ id: Id }), output: returns<AppointmentView>(), access: APPOINTMENT_DESK, kind: 'write', changes: ['appointment'] }),
  'appointments.get': channel({ input: z.object({ id: Id }), output: returns<AppointmentView>(), access: APPOINTMENT_READERS, kind: 'read', shows: ['appointment', 'patient', 'doctor'] }),
  /** The hospital's day across all doctors (the "real-time hospital schedule"). */
  'appointments.daySchedule': channel({
    input: z.object({ hospitalId: Id, date: IsoDate, departmentId: Id.optional(), doctorId: Id.optional() }),
    output: returns<DaySchedule>(),
    access: APPOINTMENT_READERS,
    kind: 'read',
    shows: ['appointment', 'patient', 'doctor', 'leave'],
  }),
  /** A doctor's appointments over 1–7 days from `from` (a day, or a week): their patient list and queue. */
  'appointments.forDoctor': channel({
    input: z.object({ doctorId: Id, from: IsoDate, days: z.number().int().min(1).max(7).default(1) }),
    output: returns<AppointmentView[]>(),
    access: APPOINTMENT_READERS,
    kind: 'read',
    shows: ['appointment', 'patient'],
  }),
  /**
   * A patient's appointments, page by page: `upcoming` (not yet ended) soonest first, or `past` (ended) latest first;
   * appointments of one instant in id order. Each call is audited as a read of the patient's record.
   */
  'appointments.forPatient': channel({
    input: z.object({ patientId: Id, when: z.enum(PATIENT_APPOINTMENT_LISTS), limit: Limit, cursor: Cursor }),
    output: returns<Page<AppointmentView>>(),
    access: PATIENT_READERS,
    kind: 'read',
    shows: ['appointment', 'doctor'],
    auditedRead: true,
  }),
} as const;
