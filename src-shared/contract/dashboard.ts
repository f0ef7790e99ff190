// The home screen: what each role looks at first, as live numbers that open the list behind them.
import { z } from 'zod';
import { channel, Id, returns } from './channel';
import type { BedCounts } from './wards';
import type { AppointmentStatus } from '../domain/scheduling';
import type { Role } from '../domain/roles';

/** A count and the hash route of the list it counts (`#` left off: '/appointments?date=2026-03-09&status=booked'). */
export interface Figure {
  value: number;
  route: string;
  /** The count stopped at `value` (there are at least that many): a backlog is counted only so far. */
  atLeast?: true;
}

/** Unbilled charges are counted up to this many per hospital: more is "a backlog", and counting on costs time. */
export const UNBILLED_COUNTED = 1000;

/** An amount of one currency in minor units, never converted; the route of the list behind it. */
export interface MoneyFigure {
  currency: string;
  amount: number;
  route: string;
}

/** A share in per cent with one decimal (null when there is nothing to divide by), and what it is made of. */
export interface RateFigure {
  percent: number | null;
  part: number;
  whole: number;
  route: string;
}

/** Beds of a ward (a floor) or a hospital now, counted as the occupancy board counts them. */
export interface BedFigures extends BedCounts {
  route: string;
}

/** Who sees which section: a user with several roles sees each of theirs. */
export const DASHBOARD_SECTIONS = {
  frontDesk: ['front_desk'],
  doctor: ['doctor'],
  nurse: ['nurse'],
  billing: ['billing'],
  hr: ['hr'],
  manager: ['manager', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type DashboardSection = keyof typeof DASHBOARD_SECTIONS;

export interface FrontDeskFigures {
  /** Today's appointments by status. */
  appointments: Record<AppointmentStatus, Figure>;
  /** Checked in and waiting for their doctor. */
  checkInQueue: Figure;
  bedsFreeNow: Figure;
}

export interface DoctorFigures {
  /** The caller's staff record at this hospital (null: no doctor's record is linked to the account). */
  doctorId: number | null;
  /** Today: checked in and waiting, still to arrive, seen. */
  waiting: Figure;
  toCome: Figure;
  seen: Figure;
  /** Results of the doctor's orders not yet seen by them. */
  resultsWaiting: Figure;
}

export interface WardFigures extends BedFigures {
  floorId: number;
  name: string;
}

export interface NurseFigures {
  /** The ward the nurse is assigned to; null: none is, so every ward of the hospital is shown. */
  assignedWardId: number | null;
  wards: WardFigures[];
  total: BedFigures;
  /** Admitted patients expected to go home today (or overdue and still in). */
  dischargesToday: Figure;
}

export interface BillingFigures {
  /** Charges on no invoice yet (up to UNBILLED_COUNTED, then `atLeast`). */
  unbilledCharges: Figure;
  /** Invoices issued today (the count), and their totals by currency (voided ones left out). */
  issuedToday: Figure;
  issuedTodayAmounts: MoneyFigure[];
  /** Issued and partly paid invoices: how many, and what is still owed by currency. */
  openInvoices: Figure;
  receivables: MoneyFigure[];
}

export interface CoverageGap {
  departmentId: number;
  departmentName: string;
  /** Shifts of the week short of staff, and the people missing across them. */
  shifts: number;
  missing: number;
  route: string;
}

export interface HrFigures {
  /** Monday of this week (the hospital's local week). */
  weekStart: string;
  coverageGaps: Figure;
  missingPeople: number;
  gapsByDepartment: CoverageGap[];
  onLeaveToday: Figure;
  /** The run of last month: none yet, draft or finalized. */
  payroll: { month: string; status: 'none' | 'draft' | 'finalized'; paidOn: string | null; route: string };
}

export interface ManagerFigures {
  occupancy: RateFigure;
  appointmentsToday: Figure;
  revenueThisMonth: MoneyFigure[];
  /** No-shows among the appointments that were due (completed or no-show) in the 30 local days before today. */
  noShowRate: RateFigure;
}

export interface HospitalDashboard {
  hospitalId: number;
  hospitalName: string;
  timeZone: string;
  /** The hospital's local date and month. */
  today: string;
  month: string;
  frontDesk?: FrontDeskFigures;
  doctor?: DoctorFigures;
  nurse?: NurseFigures;
  billing?: BillingFigures;
  hr?: HrFigures;
  manager?: ManagerFigures;
}

export interface Dashboard {
  /** The sections the caller's roles give, in the order the home screen shows them. */
  sections: DashboardSection[];
  hospitals: HospitalDashboard[];
  /** Managers and administrators: the chain's figures over the hospitals listed (money by currency, never converted). */
  chain: ManagerFigures | null;
}

/** No record kinds of its own: the home screen reads what the other areas write. */
export const dashboardKinds = [] as const;

export const dashboard = {
  /** The caller's home screen: one hospital, or every hospital of the caller's scope when none is named. */
  'dashboard.get': channel({
    input: z.object({ hospitalId: Id.optional() }).default({}),
    output: returns<Dashboard>(),
    access: 'signedIn',
    kind: 'read',
    replica: true,
    shows: ['appointment', 'bed', 'room', 'floor', 'stay', 'bed_booking', 'test_order', 'charge', 'invoice', 'shift', 'coverage_rule', 'shift_type', 'leave', 'payroll_run', 'staff', 'department', 'hospital'],
  }),
} as const;
