// Shift types and working-time rules of a hospital, coverage rules, the week rota of a department (assign, unassign,
// move, copy a week), staff leave, a person's own shifts, and the rota as a PDF for the notice board.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, type Page } from './channel';
import { ClockTime, type StaffMember } from './staff';
import { PAPER_SIZES } from './wards';
import { isoWeekday } from '../domain/dates';
import { LEAVE_KINDS, type LeaveKind } from '../domain/shifts';
import { clockMinutes, STAFF_ROLES, type StaffRole, type StaffStatus } from '../domain/scheduling';

/** Who plans rotas and records leave. */
export const ROTA_PLANNERS = ['hr'] as const;
/** Who sees rotas. */
export const ROTA_READERS = ['hr', 'admin', 'manager', 'nurse', 'doctor'] as const;

export interface ShiftType {
  id: number;
  hospitalId: number;
  name: string;
  /** One to four letters shown in the rota grid ("D", "E", "N"). */
  code: string;
  start: string;
  end: string;
  /** Ends the next day (Night 23:00–07:00). */
  crossesMidnight: boolean;
  /** Pay multiplier in basis points: 10000 = ×1.00, 12500 = ×1.25. */
  payMultiplierBp: number;
  active: boolean;
}

export interface RotaRules {
  hospitalId: number;
  minRestMinutes: number;
  maxWeekMinutes: number;
}

export interface ShiftAssignment {
  id: number;
  hospitalId: number;
  staffId: number;
  staffName: string;
  staffRole: StaffRole;
  departmentId: number;
  departmentName: string;
  shiftTypeId: number;
  shiftName: string;
  shiftCode: string;
  /** The local day the shift starts. */
  date: string;
  start: string;
  end: string;
  /** Real minutes worked: a night across a daylight-saving change is 7 or 9 hours. */
  minutes: number;
  /** Minutes between 22:00 and 06:00 local, and on Saturdays and Sundays: what payroll pays extra for. */
  nightMinutes: number;
  weekendMinutes: number;
  payMultiplierBp: number;
}

export interface CoverageRule {
  id: number;
  departmentId: number;
  shiftTypeId: number;
  staffRole: StaffRole;
  minHeadcount: number;
}

export interface CoverageCell {
  date: string;
  shiftTypeId: number;
  staffRole: StaffRole;
  required: number;
  assigned: number;
  /** required − assigned when short, else 0. */
  gap: number;
}

export interface LeaveRecord {
  id: number;
  staffId: number;
  staffName: string;
  kind: LeaveKind;
  startDate: string;
  endDate: string;
  note: string | null;
}

export interface RotaPerson {
  id: number;
  name: string;
  staffRole: StaffRole;
  employeeNumber: string;
  contractedHours: number;
  status: StaffStatus;
  /** Minutes planned this week (all departments). */
  weekMinutes: number;
  /** Days of this week on leave. */
  leave: { date: string; kind: LeaveKind }[];
}

export interface Rota {
  hospitalId: number;
  department: { id: number; name: string };
  weekStart: string;
  days: string[];
  timeZone: string;
  shiftTypes: ShiftType[];
  staff: RotaPerson[];
  assignments: ShiftAssignment[];
  coverage: CoverageCell[];
  /** Minutes planned in this department this week. */
  departmentMinutes: number;
  rules: RotaRules;
  /**
   * Doctors' shifts booking cannot fill: no weekly bookable hours at this hospital overlap them that day, so the
   * booking screen says the doctor does not work then. HR aligns them with `doctors.alignWithShift`.
   */
  unbookable: { assignmentId: number; message: string }[];
}

const Monday = IsoDate.refine((d) => isoWeekday(d) === 1, { error: 'A week starts on a Monday.' });

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const shiftKinds = ['shift_type', 'rota_rules', 'coverage_rule', 'shift', 'leave'] as const;

export const shifts = {
  'shifts.createType': channel({
    input: z
      .object({
        hospitalId: Id,
        name: RequiredText(40),
        code: RequiredText(4).pipe(z.string().regex(/^[A-Za-z0-9]+$/, { error: 'Letters and digits only.' })),
        start: ClockTime,
        end: ClockTime,
        payMultiplierBp: z.number().int().min(10000, { error: 'At least ×1.00.' }).max(40000, { error: 'At most ×4.00.' }).default(10000),
      })
      .refine((t) => clockMinutes(t.start)! % 1440 !== clockMinutes(t.end)! % 1440, { path: ['end'], error: 'Must differ from the start.' })
      .refine((t) => clockMinutes(t.start)! < 1440, { path: ['start'], error: 'A shift starts before midnight.' }),
    output: returns<ShiftType>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['shift_type'],
  }),
  'shifts.listTypes': channel({
    input: z.object({ hospitalId: Id, includeInactive: z.boolean().default(false) }),
    output: returns<ShiftType[]>(),
    access: ROTA_READERS,
    kind: 'read',
    shows: ['shift_type'],
  }),
  'shifts.getRules': channel({ input: z.object({ hospitalId: Id }), output: returns<RotaRules>(), access: ROTA_READERS, kind: 'read', shows: ['rota_rules'] }),
  'shifts.setRules': channel({
    input: z.object({
      hospitalId: Id,
      minRestMinutes: z.number().int().min(0).max(24 * 60),
      maxWeekMinutes: z.number().int().min(60).max(80 * 60),
    }),
    output: returns<RotaRules>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['rota_rules'],
  }),
  /** Department × shift type × role → minimum headcount (0 removes the rule). */
  'shifts.setCoverage': channel({
    input: z.object({ departmentId: Id, shiftTypeId: Id, staffRole: z.enum(STAFF_ROLES), minHeadcount: z.number().int().min(0).max(200) }),
    output: returns<CoverageRule[]>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['coverage_rule'],
  }),
  /** Checked as it is made: no overlap, the minimum rest, the weekly maximum, not on leave, not after termination. */
  'shifts.assign': channel({
    input: z.object({ staffId: Id, date: IsoDate, shiftTypeId: Id, departmentId: Id }),
    output: returns<ShiftAssignment>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['shift'],
  }),
  'shifts.unassign': channel({ input: z.object({ id: Id }), output: returns<null>(), access: ROTA_PLANNERS, kind: 'write', changes: ['shift'] }),
  /** Another person, day or shift for an assignment, checked like a new one. */
  'shifts.move': channel({
    input: z.object({ id: Id, staffId: Id.optional(), date: IsoDate.optional(), shiftTypeId: Id.optional() }),
    output: returns<ShiftAssignment>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['shift'],
  }),
  'shifts.rota': channel({ input: z.object({ departmentId: Id, weekStart: Monday }), output: returns<Rota>(), access: ROTA_READERS, kind: 'read', shows: ['shift', 'shift_type', 'coverage_rule', 'rota_rules', 'leave', 'staff', 'department', 'doctor'] }),
  /** Copies a week's assignments (the previous week, or any week used as a template) onto another; each is checked. */
  'shifts.copyWeek': channel({
    input: z
      .object({ departmentId: Id, fromWeekStart: Monday, toWeekStart: Monday })
      .refine((c) => c.fromWeekStart !== c.toWeekStart, { path: ['toWeekStart'], error: 'Choose another week.' }),
    output: returns<{ created: ShiftAssignment[]; refused: { staffName: string; date: string; shiftCode: string; reason: string }[] }>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['shift'],
  }),
  /** A person's shifts over up to two months. */
  'shifts.forStaff': channel({
    input: z.object({ staffId: Id, from: IsoDate, days: z.number().int().min(1).max(62).default(28) }),
    output: returns<ShiftAssignment[]>(),
    access: ROTA_READERS,
    kind: 'read',
    shows: ['shift', 'shift_type', 'leave'],
  }),
  /** The signed-in person's upcoming shifts, and their hours this week and this month. */
  'shifts.mine': channel({
    input: z.object({}).strict().optional(),
    output: returns<{ staff: StaffMember | null; upcoming: ShiftAssignment[]; weekMinutes: number; monthMinutes: number; contractedMinutes: number }>(),
    access: 'signedIn',
    kind: 'read',
    shows: ['shift', 'shift_type', 'leave'],
  }),
  'shifts.rotaPdf': channel({
    input: z.object({ departmentId: Id, weekStart: Monday, paper: z.enum(PAPER_SIZES).default('A4') }),
    output: returns<{ fileName: string; pdfBase64: string; pages: number }>(),
    access: ROTA_READERS,
    kind: 'read',
    shows: ['shift', 'shift_type', 'coverage_rule', 'rota_rules', 'leave', 'staff', 'department'],
  }),

  /** Leave blocks shifts and, for doctors, appointment availability. Planned shifts in the period can be removed with it. */
  'leave.record': channel({
    input: z
      .object({ staffId: Id, kind: z.enum(LEAVE_KINDS), startDate: IsoDate, endDate: IsoDate, note: OptionalText(500), removeShifts: z.boolean().default(false) })
      .refine((l) => l.startDate <= l.endDate, { path: ['endDate'], error: 'Must not be before the first day.' }),
    output: returns<{ leave: LeaveRecord; removedShifts: ShiftAssignment[] }>(),
    access: ROTA_PLANNERS,
    kind: 'write',
    changes: ['leave', 'shift'],
  }),
  'leave.list': channel({
    input: z.object({ hospitalId: Id, from: IsoDate, to: IsoDate, staffId: Id.optional(), limit: Limit, cursor: Cursor }),
    output: returns<Page<LeaveRecord>>(),
    access: ROTA_READERS,
    kind: 'read',
    shows: ['leave', 'staff'],
  }),
  'leave.cancel': channel({ input: z.object({ id: Id, reason: RequiredText(300) }), output: returns<null>(), access: ROTA_PLANNERS, kind: 'write', changes: ['leave'] }),
} as const;
