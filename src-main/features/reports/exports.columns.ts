// The columns of each list's CSV file: the headers its screen shows, each with the cell made from a row. A read channel
// without an entry here is still exportable: its rows are flattened generically (one column per field).
import type { ChannelName, Output } from '@shared/contract';
import type { Page } from '@shared/contract/channel';
import { actionLabel, changeLines, recordKindLabel } from '@shared/domain/audit-labels';
import { CHARGE_CATEGORY_LABELS, INVOICE_STATUS_LABELS, ratePercent } from '@shared/domain/billing';
import { FREQUENCY_LABELS, ROUTE_LABELS } from '@shared/domain/clinical';
import { clockTime, personName } from '@shared/domain/format';
import { moneyDecimal } from '@shared/domain/money';
import { ROLE_LABELS } from '@shared/domain/roles';
import { APPOINTMENT_STATUS_LABELS, STAFF_ROLE_LABELS } from '@shared/domain/scheduling';
import { LEAVE_LABELS } from '@shared/domain/shifts';
import { exportPhone } from './exports.phone';

/** What a cell may need besides its row: the hospitals' names and time zones. */
export interface ExportEnv {
  hospitalName: (id: number) => string;
  timeZone: (id: number) => string | undefined;
}

export interface ExportColumn<T> {
  header: string;
  /** A method, so a list's typed columns stand in the registry of rows of any type. */
  value(row: T, env: ExportEnv): unknown;
}

export interface ListExport<O, T> {
  /** The file's name before the date ("patients-2026-03-14.csv"). */
  name: string;
  /** For an answer that is neither a page nor an array: where its rows are. */
  rows?(output: O): readonly T[];
  columns: readonly ExportColumn<T>[];
}

type RowOf<K extends ChannelName> = Output<K> extends Page<infer T> ? T : Output<K> extends readonly (infer T)[] ? T : never;

/** One list's export, typed against its channel's answer (a page or an array of rows). */
const list = <K extends ChannelName>(_channel: K, def: ListExport<Output<K>, RowOf<K>>): ListExport<Output<K>, RowOf<K>> => def;

/** The export of an answer that holds its rows in a field (a day's schedule, the census). */
const nested = <K extends ChannelName, T>(_channel: K, rows: (output: Output<K>) => readonly T[], def: Omit<ListExport<Output<K>, T>, 'rows'>): ListExport<Output<K>, T> => ({ ...def, rows });

/** A phone as the screens show it ("+256 772 123456"): formatPhone's text, its grouping reused per numbering-plan format. */
const phone = exportPhone;
const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export const LIST_EXPORTS: { [K in ChannelName]?: ListExport<Output<K>, unknown> } = {
  'patients.search': list('patients.search', {
    name: 'patients',
    columns: [
      { header: 'Patient ID', value: (p) => p.patientNumber },
      { header: 'Name', value: (p) => personName(p) },
      { header: 'Date of birth', value: (p) => p.dateOfBirth },
      { header: 'Sex', value: (p) => p.sex },
      { header: 'Phone', value: (p) => phone(p.phone) },
    ],
  }),
  'staff.list': list('staff.list', {
    name: 'staff',
    columns: [
      { header: 'Employee no.', value: (m) => m.employeeNumber },
      { header: 'Name', value: (m) => personName(m) },
      { header: 'Role', value: (m) => STAFF_ROLE_LABELS[m.staffRole] },
      { header: 'Department', value: (m) => m.departmentName ?? '' },
      { header: 'Phone', value: (m) => phone(m.phone) },
      { header: 'Hired', value: (m) => m.hireDate },
      { header: 'Hours/wk', value: (m) => m.contractedHours },
      { header: 'Status', value: (m) => m.status },
      { header: 'Ended', value: (m) => m.terminatedOn ?? '' },
      { header: 'E-mail', value: (m) => m.email ?? '' },
    ],
  }),
  'doctors.list': list('doctors.list', {
    name: 'doctors',
    columns: [
      { header: 'Doctor', value: (d) => d.fullName },
      { header: 'Specialization', value: (d) => d.specialization },
      { header: 'Department', value: (d) => d.departmentName ?? '' },
      { header: 'Slot (min)', value: (d) => d.defaultSlotMinutes },
      { header: 'Consultation fee', value: (d) => moneyDecimal(d.consultationFee, d.currency) },
      { header: 'Currency', value: (d) => d.currency },
      { header: 'Status', value: (d) => d.status },
    ],
  }),
  'departments.list': list('departments.list', {
    name: 'departments',
    columns: [
      { header: 'Department', value: (d) => d.name },
      { header: 'Doctors', value: (d) => d.doctorCount },
      { header: 'Status', value: (d) => (d.active ? 'active' : 'inactive') },
    ],
  }),
  'users.list': list('users.list', {
    name: 'users',
    columns: [
      { header: 'Username', value: (u) => u.username },
      { header: 'Full name', value: (u) => u.fullName },
      { header: 'Roles', value: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('; ') },
      { header: 'Hospitals', value: (u, env) => (u.allHospitals ? 'All hospitals' : u.hospitalIds.map(env.hospitalName).join(', ')) },
      { header: 'Status', value: (u) => (u.active ? 'active' : 'inactive') + (u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? ` (locked until ${u.lockedUntil})` : '') },
      { header: 'Last sign-in', value: (u) => u.lastLoginAt ?? '' },
    ],
  }),
  'audit.list': list('audit.list', {
    name: 'audit-trail',
    columns: [
      { header: 'Entry', value: (e) => e.id },
      { header: 'Time', value: (e) => e.at },
      { header: 'User', value: (e) => e.username ?? '' },
      { header: 'What happened', value: (e) => actionLabel(e.action) },
      { header: 'Record', value: (e) => [recordKindLabel(e.entity), e.recordName].filter(Boolean).join(': ') },
      { header: 'In words', value: (e) => changeLines(e.changes, { names: e.names }).join('; ') },
      { header: 'Channel', value: (e) => e.channel },
      { header: 'Action', value: (e) => e.action },
      { header: 'Entity', value: (e) => e.entity ?? '' },
      { header: 'ID', value: (e) => e.entityId ?? '' },
      { header: 'Hospital ID', value: (e) => e.hospitalId ?? '' },
      { header: 'Changes', value: (e) => (e.changes ? JSON.stringify(e.changes) : '') },
    ],
  }),
  'appointments.daySchedule': nested('appointments.daySchedule', (o) => o.appointments, {
    name: 'appointments',
    columns: [
      { header: 'Date', value: (a) => a.date },
      { header: 'Time', value: (a, env) => `${clockTime(a.start, env.timeZone(a.hospitalId))}–${clockTime(a.end, env.timeZone(a.hospitalId))}` },
      { header: 'Doctor', value: (a) => a.doctorName },
      { header: 'Department', value: (a) => a.departmentName ?? '' },
      { header: 'Patient', value: (a) => `${a.patientNumber} ${a.patientName}` },
      { header: 'Reason', value: (a) => a.reason ?? '' },
      { header: 'Status', value: (a) => APPOINTMENT_STATUS_LABELS[a.status] + (a.queueNumber ? ` (no. ${a.queueNumber})` : '') },
    ],
  }),
  'appointments.forPatient': list('appointments.forPatient', {
    name: 'patient-appointments',
    columns: [
      { header: 'Date', value: (a) => a.date },
      { header: 'Time', value: (a, env) => `${clockTime(a.start, env.timeZone(a.hospitalId))}–${clockTime(a.end, env.timeZone(a.hospitalId))}` },
      { header: 'Doctor', value: (a) => a.doctorName },
      { header: 'Department', value: (a) => a.departmentName ?? '' },
      { header: 'Reason', value: (a) => a.reason ?? '' },
      { header: 'Status', value: (a) => APPOINTMENT_STATUS_LABELS[a.status] },
    ],
  }),
  'invoices.list': list('invoices.list', {
    name: 'invoices',
    columns: [
      { header: 'Number', value: (i) => i.number ?? '' },
      { header: 'Issued', value: (i) => i.issueDate ?? '' },
      { header: 'Patient ID', value: (i) => i.patientNumber },
      { header: 'Patient', value: (i) => i.patientName },
      { header: 'Status', value: (i) => INVOICE_STATUS_LABELS[i.status] },
      { header: 'Currency', value: (i) => i.currency },
      { header: 'Total', value: (i) => moneyDecimal(i.total, i.currency) },
      { header: 'Balance', value: (i) => moneyDecimal(i.balance, i.currency) },
    ],
  }),
  'catalog.list': list('catalog.list', {
    name: 'charge-catalog',
    columns: [
      { header: 'Code', value: (i) => i.code },
      { header: 'Description', value: (i) => i.description },
      { header: 'Category', value: (i) => CHARGE_CATEGORY_LABELS[i.category] },
      { header: 'Price', value: (i) => moneyDecimal(i.price, i.currency) },
      { header: 'Currency', value: (i) => i.currency },
      { header: 'Tax', value: (i) => ratePercent(i.taxRateBp) },
      { header: 'In use', value: (i) => yesNo(i.active) },
    ],
  }),
  'charges.unbilled': list('charges.unbilled', {
    name: 'unbilled-charges',
    columns: [
      { header: 'Date', value: (c) => c.serviceDate },
      { header: 'Category', value: (c) => CHARGE_CATEGORY_LABELS[c.category] },
      { header: 'Description', value: (c) => c.description },
      { header: 'Quantity', value: (c) => c.quantity },
      { header: 'Unit price', value: (c) => moneyDecimal(c.unitPrice, c.currency) },
      { header: 'Tax', value: (c) => ratePercent(c.taxRateBp) },
      { header: 'Amount', value: (c) => moneyDecimal(c.amount, c.currency) },
      { header: 'Currency', value: (c) => c.currency },
    ],
  }),
  'leave.list': list('leave.list', {
    name: 'leave',
    columns: [
      { header: 'Staff member', value: (l) => l.staffName },
      { header: 'Kind', value: (l) => LEAVE_LABELS[l.kind] },
      { header: 'First day', value: (l) => l.startDate },
      { header: 'Last day', value: (l) => l.endDate },
      { header: 'Days', value: (l) => Math.round((Date.parse(l.endDate) - Date.parse(l.startDate)) / 86_400_000) + 1 },
      { header: 'Note', value: (l) => l.note ?? '' },
    ],
  }),
  'pharmacy.items': list('pharmacy.items', {
    name: 'medicine-stock',
    columns: [
      { header: 'Medicine', value: (i) => i.label },
      { header: 'Form', value: (i) => i.form[0].toUpperCase() + i.form.slice(1) },
      { header: 'On hand', value: (i) => i.onHand },
      { header: 'Reorder level', value: (i) => i.reorderLevel },
      { header: 'Expired on shelf', value: (i) => i.expiredOnHand },
      { header: 'Next expiry', value: (i) => i.nextExpiry ?? '' },
      { header: 'Unit price', value: (i) => moneyDecimal(i.unitPrice, i.currency) },
      { header: 'Currency', value: (i) => i.currency },
    ],
  }),
  'prescriptions.list': list('prescriptions.list', {
    name: 'prescriptions',
    columns: [
      { header: 'Prescribed', value: (p) => p.prescribedAt },
      { header: 'Patient', value: (p) => `${p.patientNumber} ${p.patientName}` },
      { header: 'Medicine', value: (p) => p.medicine },
      {
        header: 'Dose and frequency',
        value: (p) =>
          `${p.dose} ${p.doseUnit} · ${ROUTE_LABELS[p.route].toLowerCase()} · ${FREQUENCY_LABELS[p.frequency].toLowerCase()}${p.durationDays ? ` for ${p.durationDays} ${p.durationDays === 1 ? 'day' : 'days'}` : ''}`,
      },
      { header: 'Dispensed / prescribed', value: (p) => `${p.dispensedQuantity}/${p.quantity}` },
      { header: 'Status', value: (p) => p.status },
      { header: 'Prescriber', value: (p) => p.prescriberName },
    ],
  }),
  'tests.pending': list('tests.pending', {
    name: 'pending-results',
    columns: [
      { header: 'Priority', value: (o) => o.priority },
      { header: 'Ordered', value: (o) => o.orderedAt },
      { header: 'Patient', value: (o) => `${o.patientNumber} ${o.patientName}` },
      { header: 'Test', value: (o) => `${o.testCode} ${o.testName}` },
      { header: 'Ordered by', value: (o) => o.orderedByName },
    ],
  }),
  'beds.bookings': list('beds.bookings', {
    name: 'bed-reservations',
    columns: [
      { header: 'From', value: (b) => b.from },
      { header: 'To', value: (b) => b.to },
      { header: 'Room', value: (b) => b.roomNumber },
      { header: 'Bed', value: (b) => b.bedLabel },
      { header: 'Patient', value: (b) => `${b.patientNumber} ${b.patientName}` },
      { header: 'Reason', value: (b) => b.reason ?? '' },
      { header: 'Status', value: (b) => b.status },
    ],
  }),
  'admissions.forPatient': list('admissions.forPatient', {
    name: 'stays',
    columns: [
      { header: 'Admitted', value: (s) => s.admittedAt },
      { header: 'Discharged', value: (s) => s.dischargedAt ?? '' },
      { header: 'Room', value: (s) => s.roomNumber },
      { header: 'Bed', value: (s) => s.bedLabel },
      { header: 'Attending doctor', value: (s) => s.attendingDoctorName },
      { header: 'Reason', value: (s) => s.reason },
      { header: 'Status', value: (s) => s.status },
    ],
  }),
  'occupancy.census': nested('occupancy.census', (o) => o.rows, {
    name: 'census',
    columns: [
      { header: 'Ward', value: (r) => r.floorName },
      { header: 'Room', value: (r) => r.roomNumber },
      { header: 'Room type', value: (r) => r.roomType },
      { header: 'Bed', value: (r) => r.bedLabel },
      { header: 'Patient ID', value: (r) => r.patientNumber },
      { header: 'Patient', value: (r) => r.patientName },
      { header: 'Admitted', value: (r) => r.admittedAt },
      { header: 'Expected discharge', value: (r) => r.expectedDischarge ?? '' },
      { header: 'Attending doctor', value: (r) => r.attendingDoctorName },
      { header: 'Nights', value: (r) => r.nights },
    ],
  }),
  'payroll.runs': list('payroll.runs', {
    name: 'payroll-runs',
    columns: [
      { header: 'Month', value: (r) => r.month },
      { header: 'Status', value: (r) => r.status },
      { header: 'Slips', value: (r) => r.count },
      { header: 'Net pay', value: (r) => moneyDecimal(r.net, r.currency) },
      { header: 'Currency', value: (r) => r.currency },
      { header: 'Paid on', value: (r) => r.paidOn ?? '' },
    ],
  }),
};

/**
 * Columns for a list without an entry: every field of the first page's rows, nested objects as `a.b`, lists of plain
 * values joined with "; ", anything deeper as JSON. Fixed once the header is written.
 */
export function genericColumns(sample: readonly unknown[]): ExportColumn<unknown>[] {
  const paths: string[] = [];
  const seen = new Set<string>();
  const walk = (value: unknown, prefix: string, depth: number) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && depth < 2) {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k, depth + 1);
    } else if (prefix && !seen.has(prefix)) {
      seen.add(prefix);
      paths.push(prefix);
    }
  };
  const isRecord = (row: unknown) => row !== null && typeof row === 'object' && !Array.isArray(row) && !(row instanceof Date);
  if (sample.length > 0 && !sample.some(isRecord)) return [{ header: 'value', value: plain }];
  for (const row of sample.slice(0, 200)) if (isRecord(row)) walk(row, '', 0);
  return paths.map((path) => ({ header: path, value: (row) => plain(at(row, path)) }));
}

function at(row: unknown, path: string): unknown {
  let v: unknown = row;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object') ? v.join('; ') : JSON.stringify(v);
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v);
  return v;
}
