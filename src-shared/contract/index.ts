// The merged map of every channel: the handler table, the pipeline and the renderer client are typed from it.
import { appointments } from './appointments';
import { audit } from './audit';
import { billing } from './billing';
import { hospitals } from './hospitals';
import { patients } from './patients';
import { settings } from './settings';
import { shifts } from './shifts';
import { staff } from './staff';
import { setup } from './setup';
import { users } from './users';
import { wards } from './wards';
import type { InputOf, OutputOf } from './channel';

export const contract = { ...setup, ...users, ...hospitals, ...patients, ...audit, ...settings, ...staff, ...appointments, ...wards, ...shifts, ...billing } as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type Input<K extends ChannelName> = InputOf<Contract[K]>;
export type Output<K extends ChannelName> = OutputOf<Contract[K]>;

/** Events main pushes to every window. */
export interface Events {
  'connection.changed': { connected: boolean; message: string | null };
  'patients.changed': { id: number };
  /** An appointment was booked, moved or changed status: day views of that hospital and day refresh. */
  'appointments.changed': { id: number; hospitalId: number; doctorId: number; patientId: number; dates: string[] };
  /** Staff records, departments, doctors' hours or exceptions changed. */
  'staff.changed': { hospitalId: number; id: number | null };
  /** Beds changed (admission, transfer, discharge, booking, state): the occupancy board of that hospital refreshes. */
  'occupancy.changed': { hospitalId: number; bedIds: number[] };
  /** A department's rota changed on these days (department 0: shift types or rules of the whole hospital). */
  'shifts.changed': { hospitalId: number; departmentId: number; dates: string[] };
  /** A long print job's progress (batch of invoices). */
  'billing.progress': { jobId: string; done: number; total: number };
  /** Records changed by any workstation sharing the database (read from the audit trail every few seconds). */
  'records.changed': { entity: string; ids: string[]; hospitalIds: number[] };
}
export type EventName = keyof Events;
