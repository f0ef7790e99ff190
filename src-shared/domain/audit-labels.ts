// The audit trail in hospital language: what each entry's action means as a sentence, what each record kind and field
// is called. The trail stores channel names and field keys (they are what the chain signs); screens show these words.
import type { RecordKind } from '../contract/index';
import { ROLE_LABELS } from './roles';
import { APPOINTMENT_STATUS_LABELS, STAFF_ROLE_LABELS } from './scheduling';
import { ROOM_TYPE_LABELS } from './wards';

/** Each kind of record as staff call it (the audit filter offers every one). */
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  user: 'User account',
  hospital: 'Hospital',
  settings: 'Hospital settings',
  role_permission: 'Role permissions',
  audit_signing_key: 'Audit signing key',
  audit_checkpoint: 'Audit checkpoint',
  patient: 'Patient',
  department: 'Department',
  staff: 'Staff member',
  doctor: 'Doctor',
  appointment: 'Appointment',
  floor: 'Ward floor',
  room: 'Room',
  bed: 'Bed',
  stay: 'Hospital stay',
  bed_booking: 'Bed reservation',
  theatre_booking: 'Theatre booking',
  shift_type: 'Shift type',
  rota_rules: 'Rota rules',
  coverage_rule: 'Staffing rule',
  shift: 'Shift',
  leave: 'Leave',
  catalog_item: 'Price list item',
  charge: 'Charge',
  invoice: 'Invoice',
  billing_settings: 'Billing settings',
  encounter: 'Consultation note',
  test_order: 'Test order',
  prescription: 'Prescription',
  test_definition: 'Test definition',
  icd10_code: 'Diagnosis code',
  medicine_item: 'Medicine',
  stock_batch: 'Stock batch',
  dispensing: 'Dispensing',
  pay_structure: 'Pay structure',
  payroll_settings: 'Payroll settings',
  pay_adjustment: 'Pay adjustment',
  payroll_run: 'Payroll run',
  import_batch: 'Data import',
};

export function recordKindLabel(kind: string | null): string {
  if (!kind) return '';
  return (RECORD_KIND_LABELS as Record<string, string>)[kind] ?? humanize(kind);
}

/**
 * What an action did, as the start of a sentence whose subject is the user ("Booked an appointment"). Keys are
 * canonical: the area singular, the verb in snake_case, so the channel `appointments.checkIn` and the action
 * `appointment.checked_in` a service writes find their words through `canonicalAction`.
 */
const ACTIONS: Record<string, string> = {
  // setup, connection, sign-in, accounts
  'setup.initialize': 'Set up the first hospital and administrator',
  'setup.provision': 'Prepared the database',
  'setup.upgrade': 'Upgraded the database',
  'setup.useThisComputer': 'Set up the database on this computer',
  'connection.save': 'Saved the database connection',
  'seed.demo_data': 'Loaded the demonstration data',
  'auth.login': 'Signed in',
  'auth.login_failed': 'Failed to sign in (wrong password)',
  'auth.locked_out': 'Was locked out after repeated wrong passwords',
  'auth.unlock': 'Unlocked a user account',
  'auth.change_password': 'Changed their password',
  'user.password_changed': 'Changed their password',
  'user.create': 'Created a user account',
  'user.update': 'Changed a user account',
  'user.reset_password': 'Reset a user’s password',
  'user.password_reset': 'Reset a user’s password',
  // hospitals, settings, permissions
  'hospital.create': 'Added a hospital',
  'hospital.update': 'Changed a hospital’s details',
  'setting.update': 'Changed the hospital settings',
  'permission.set': 'Changed what a role may do',
  // audit
  'audit.create_signing_key': 'Created an audit signing key',
  'audit.signing_key_created': 'Created an audit signing key',
  'audit.sign_checkpoint': 'Signed an audit checkpoint',
  'audit.checkpoint_signed': 'Signed an audit checkpoint',
  'audit.tampered': 'Raised the alarm: the audit trail was altered',
  // patients
  'patient.register': 'Registered a patient',
  'patient.update': 'Changed a patient’s details',
  'patient.read': 'Opened a patient’s record',
  'patient.get': 'Opened a patient’s record',
  'patient.emergency_access': 'Opened a patient’s record in an emergency',
  'patient.national_id_revealed': 'Viewed a patient’s national ID',
  'patient.reveal_national_id': 'Viewed a patient’s national ID',
  'patient.appointments_read': 'Viewed a patient’s appointments',
  'appointment.for_patient': 'Viewed a patient’s appointments',
  'patient.journal': 'Viewed a patient’s medical history',
  'patient.journal_print': 'Printed a patient’s medical history',
  'patient.journal_pdf': 'Printed a patient’s medical history',
  'patient.fhir_export': 'Exported a patient’s record for another system',
  // staff, departments, doctors
  'department.create': 'Added a department',
  'department.update': 'Changed a department',
  'staff.create': 'Added a staff member',
  'staff.update': 'Changed a staff member’s details',
  'staff.terminate': 'Ended a staff member’s employment',
  'doctor.set_schedule': 'Set a doctor’s bookable hours',
  'doctor.add_exception': 'Added a day off or change to a doctor’s hours',
  'doctor.remove_exception': 'Removed a change to a doctor’s hours',
  'doctor.align_with_shift': 'Aligned a doctor’s bookable hours with the rota',
  // appointments
  'appointment.book': 'Booked an appointment',
  'appointment.reschedule': 'Rescheduled an appointment',
  'appointment.cancel': 'Cancelled an appointment',
  'appointment.cancelled': 'Cancelled an appointment',
  'appointment.check_in': 'Checked a patient in',
  'appointment.checked_in': 'Checked a patient in',
  'appointment.complete': 'Completed an appointment',
  'appointment.completed': 'Completed an appointment',
  'appointment.mark_no_show': 'Marked a patient as not attending',
  'appointment.no_show': 'Marked a patient as not attending',
  'appointment.booked': 'Booked an appointment',
  // wards
  'room.create_floor': 'Added a ward floor',
  'floor.create': 'Added a ward floor',
  'room.create_room': 'Added a room',
  'room.create': 'Added a room',
  'room.update_room': 'Changed a room',
  'room.update': 'Changed a room',
  'room.add_bed': 'Added a bed',
  'bed.create': 'Added a bed',
  'room.set_state': 'Changed whether a room or bed is in service',
  'bed.set_state': 'Changed whether a bed is in service',
  'bed.book': 'Reserved a bed',
  'bed_booking.reserve': 'Reserved a bed',
  'bed.cancel_booking': 'Cancelled a bed reservation',
  'bed_booking.cancel': 'Cancelled a bed reservation',
  'theatre.book': 'Booked an operating theatre',
  'theatre_booking.book': 'Booked an operating theatre',
  'theatre.cancel': 'Cancelled a theatre booking',
  'theatre_booking.cancel': 'Cancelled a theatre booking',
  'admission.admit': 'Admitted a patient',
  'stay.admit': 'Admitted a patient',
  'admission.transfer': 'Moved a patient to another bed',
  'stay.transfer': 'Moved a patient to another bed',
  'admission.discharge': 'Discharged a patient',
  'stay.discharge': 'Discharged a patient',
  'census.print': 'Printed the ward census',
  // rota
  'shift.create_type': 'Added a shift type',
  'shift_type.create': 'Added a shift type',
  'shift.set_rules': 'Changed the rota rules',
  'rota_rules.set': 'Changed the rota rules',
  'shift.set_coverage': 'Changed the staffing needed per shift',
  'coverage.set': 'Changed the staffing needed per shift',
  'shift.assign': 'Assigned a shift',
  'shift.unassign': 'Removed a shift',
  'shift.move': 'Moved a shift',
  'shift.copy_week': 'Copied a week of the rota',
  'rota.print': 'Printed the rota',
  'leave.record': 'Recorded leave',
  'leave.cancel': 'Cancelled leave',
  // billing
  'catalog.create': 'Added a price list item',
  'catalog.update': 'Changed a price list item',
  'charge.add': 'Added a charge',
  'charge.withdraw': 'Withdrew a charge',
  'invoice.create_draft': 'Started a draft invoice',
  'invoice.draft': 'Started a draft invoice',
  'invoice.update_draft': 'Changed a draft invoice',
  'invoice.delete_draft': 'Deleted a draft invoice',
  'invoice.issue': 'Issued an invoice',
  'invoice.void': 'Voided an invoice',
  'invoice.archive': 'Archived an invoice',
  'invoice.print': 'Printed an invoice',
  'invoice.print_statement': 'Printed an invoice statement',
  'invoice.batch_print': 'Printed a batch of invoices',
  'payment.record': 'Recorded a payment',
  'payment.repeat_ignored': 'Sent the same payment twice (recorded once)',
  'billing.set_settings': 'Changed the billing settings',
  'billing.settings': 'Changed the billing settings',
  // clinical
  'encounter.open': 'Opened a consultation note',
  'encounter.get': 'Read a consultation note',
  'encounter.read': 'Read a consultation note',
  'encounter.update': 'Changed a consultation note',
  'encounter.sign': 'Signed a consultation note',
  'encounter.addendum': 'Added an addendum to a signed note',
  'diagnose.import_codes': 'Imported the diagnosis code list',
  'icd10.import': 'Imported the diagnosis code list',
  'diagnose.add': 'Recorded a diagnosis',
  'diagnosis.add': 'Recorded a diagnosis',
  'diagnose.update': 'Changed a diagnosis',
  'diagnosis.update': 'Changed a diagnosis',
  'diagnose.remove': 'Removed a diagnosis',
  'diagnosis.remove': 'Removed a diagnosis',
  'procedure.record': 'Recorded a procedure',
  'procedure.remove': 'Removed a procedure',
  'test.define': 'Added a laboratory test',
  'test.update_definition': 'Changed a laboratory test',
  'test.order': 'Ordered a test',
  'test.cancel': 'Cancelled a test order',
  'test.record_result': 'Recorded a test result',
  'test.result': 'Recorded a test result',
  'test.correct_result': 'Corrected a test result',
  'test.mark_seen': 'Marked a test result as seen',
  'test.seen': 'Marked a test result as seen',
  'prescription.create': 'Prescribed medicine',
  'prescription.cancel': 'Cancelled a prescription',
  // pharmacy
  'pharmacy.create_item': 'Added a medicine to the pharmacy',
  'pharmacy.update_item': 'Changed a pharmacy medicine',
  'pharmacy.receive': 'Received pharmacy stock',
  'pharmacy.adjust': 'Adjusted pharmacy stock',
  'pharmacy.dispense': 'Dispensed medicine',
  'pharmacy.dispense_repeat_ignored': 'Sent the same dispensing twice (dispensed once)',
  // payroll
  'payroll.set_structure': 'Set a staff member’s pay',
  'payroll.set_deduction_rules': 'Changed the payroll deduction rules',
  'payroll.set_holidays': 'Changed the public holidays for payroll',
  'payroll.add_one_off': 'Added a one-off payment or deduction',
  'payroll.remove_one_off': 'Removed a one-off payment or deduction',
  'payroll.start_run': 'Started a payroll run',
  'payroll.recompute': 'Recalculated a payroll run',
  'payroll.finalize': 'Finalised a payroll run',
  'payroll.slip_print': 'Printed a payslip',
  'payroll.batch_print': 'Printed a batch of payslips',
  'payroll.bank_export': 'Exported the bank payment file',
  // imports and exports
  'import.commit': 'Imported records from a file',
  'import.patients': 'Imported patients from a file',
  'import.staff': 'Imported staff from a file',
  'import.doctors': 'Imported doctors from a file',
  'import.floors': 'Imported ward floors from a file',
  'import.rooms': 'Imported rooms from a file',
  'import.beds': 'Imported beds from a file',
  'import.appointments': 'Imported appointments from a file',
  'import.departments': 'Imported departments from a file',
  'import.doctor_profiles': 'Imported doctors’ profiles from a file',
  'export.csv': 'Exported a list to a spreadsheet file',
  'report.export_csv': 'Exported a list to a spreadsheet file',
};

/** 'appointments.checkIn' → 'appointment.check_in': the area singular, the verb in snake_case. */
export function canonicalAction(action: string): string {
  const dot = action.indexOf('.');
  if (dot < 0) return snake(action);
  const area = action.slice(0, dot);
  const singular = area.endsWith('ss') || !area.endsWith('s') ? area : area.slice(0, -1);
  return `${singular}.${snake(action.slice(dot + 1))}`;
}

/** The explicit words for an action or channel, or null when none are written down. */
export function knownActionLabel(action: string): string | null {
  return ACTIONS[action] ?? ACTIONS[canonicalAction(action)] ?? null;
}

/** An action as a sentence start: the written words, else made from the name ('leave.record' → 'Leave: record'). */
export function actionLabel(action: string): string {
  const known = knownActionLabel(action);
  if (known) return known;
  const [area, verb] = canonicalAction(action).split('.');
  return verb ? `${capitalize(words(area))}: ${words(verb)}` : capitalize(words(area));
}

/** Field keys of changes as staff call them; others are made readable from the key ('nextOfKinName' → 'Next of kin name'). */
const FIELDS: Record<string, string> = {
  staffId: 'Staff member',
  patientId: 'Patient',
  doctorId: 'Doctor',
  attendingDoctorId: 'Attending doctor',
  userId: 'User',
  departmentId: 'Department',
  hospitalId: 'Hospital',
  bedId: 'Bed',
  roomId: 'Room',
  floorId: 'Floor',
  fromBedId: 'From bed',
  toBedId: 'To bed',
  shiftTypeId: 'Shift type',
  appointmentId: 'Appointment',
  encounterId: 'Consultation note',
  invoiceId: 'Invoice',
  chargeId: 'Charge',
  bookingId: 'Reservation',
  stayId: 'Hospital stay',
  runId: 'Payroll run',
  slipId: 'Payslip',
  batchId: 'Batch',
  keyId: 'Signing key',
  checkpointId: 'Checkpoint',
  entryId: 'Audit entry',
  entryHash: 'Entry fingerprint',
  keyFingerprint: 'Key fingerprint',
  fingerprint: 'Key fingerprint',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  fullName: 'Full name',
  dateOfBirth: 'Date of birth',
  dob: 'Date of birth',
  nationalId: 'National ID',
  nationalIdLast4: 'National ID (last 4 digits)',
  addressLine: 'Address',
  postalCode: 'Postal code',
  patientNumber: 'Patient ID',
  employeeNumber: 'Employee number',
  staffRole: 'Job',
  roles: 'Roles',
  username: 'Username',
  status: 'Status',
  reason: 'Reason',
  for: 'For',
  start: 'Start',
  end: 'End',
  from: 'From',
  to: 'To',
  failedLogins: 'Failed sign-ins',
  lockedUntil: 'Locked until',
  unlocked: 'Account unlocked',
  allHospitals: 'All hospitals',
  timeZone: 'Time zone',
  resources: 'Records exported',
  amountMinor: 'Amount',
  pdfSha256: 'Document fingerprint',
  sha256: 'Document fingerprint',
  version: 'Version',
  source: 'List',
  filter: 'Filter',
  rows: 'Rows',
  file: 'File',
};

export function fieldLabel(key: string): string {
  return FIELDS[key] ?? capitalize(words(key.replace(/Id$/, '')));
}

/** Keys of changes that hold technical detail only: shown behind "Details", not in the sentence. */
export function isTechnicalField(key: string): boolean {
  if (key === 'nationalId') return false; // 'set' or not: never the number itself
  return /(^|[a-z])(Id|Ids|Hash|Fingerprint|Sha256)$/.test(key) || /^(id|ids|version|fingerprint|hash|sha256|entryHash|for|source|channel|channelName|idempotencyKey|mapping|insertId|cursor|limit|offset|page)$/.test(key);
}

function snake(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function words(s: string): string {
  return snake(s).replace(/_/g, ' ');
}

function humanize(s: string): string {
  return capitalize(words(s));
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** A channel or action name as a value ("patients.update"): technical detail, never part of the sentence. */
const CHANNEL_NAME = /^[a-z_]+\.[a-z][A-Za-z_]*$/;

/** Code words of a field that have their own labels elsewhere in the app. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  roles: ROLE_LABELS,
  role: ROLE_LABELS,
  staffRole: STAFF_ROLE_LABELS,
  roomType: ROOM_TYPE_LABELS,
  status: APPOINTMENT_STATUS_LABELS,
  kinds: RECORD_KIND_LABELS,
  entity: RECORD_KIND_LABELS,
};

/** Fields whose one-word values are codes ('female', 'active'), not text someone typed. */
const CODE_FIELDS = new Set(['sex', 'state', 'kind', 'category', 'type', 'route', 'frequency', 'paymentMethod', 'method', 'shiftKind', 'leaveType', 'priority', 'certainty', 'flag', 'paper']);

/** Fields whose value is a list: a two-item list is a fact, not a change. */
const LIST_FIELDS = new Set(['roles', 'kinds', 'hospitalIds', 'ids', 'chargeIds', 'days', 'weekdays', 'holidays', 'warnings']);

export interface ChangeLineOptions {
  /** Names of records ids point at, keyed `field:id` (from the audit list). */
  names?: Record<string, string>;
  /** How an instant reads (the screen's clock); without it the ISO text stays. */
  formatInstant?: (iso: string) => string;
  /** How a calendar date reads (the hospital's order); without it the ISO text stays. */
  formatDate?: (iso: string) => string;
}

/**
 * An entry's changes as lines in hospital words: "City: Entebbe → Kampala", "Staff member: Grace Namubiru",
 * "Allergies: (none) → Penicillin". Ids without a name, hashes, channel names and other keys are left to the details.
 */
export function changeLines(changes: Record<string, unknown> | null, opts: ChangeLineOptions = {}): string[] {
  if (!changes) return [];
  const lines: string[] = [];
  for (const [key, raw] of Object.entries(changes)) {
    // [before, after]; a field that holds a list (roles) is a change only as a pair of lists.
    const pair = Array.isArray(raw) && raw.length === 2 && (!LIST_FIELDS.has(key) || raw.every((x) => Array.isArray(x) || x === null));
    // Facts of an event that are empty say nothing ("middleName" on a registration); a change to or from empty does.
    if (!pair && (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0))) continue;
    const shown = (pair ? (raw as unknown[]) : [raw]).map((v) => shownValue(key, v, opts));
    if (shown.some((v) => v === null)) continue;
    lines.push(`${fieldLabel(key)}: ${pair ? `${shown[0]} → ${shown[1]}` : shown[0]}`);
  }
  return lines;
}

/** One value as words, or null when only the details should show it. */
function shownValue(key: string, v: unknown, opts: ChangeLineOptions): string | null {
  if (v === null || v === undefined || v === '') return '(none)';
  const name = opts.names?.[`${key}:${String(v)}`];
  if (name) return name;
  if (isTechnicalField(key)) return null;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return v.toLocaleString('en');
  if (typeof v === 'string') {
    if (CHANNEL_NAME.test(v)) return null;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && opts.formatInstant) return opts.formatInstant(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && opts.formatDate) return opts.formatDate(v);
    const label = VALUE_LABELS[key]?.[v];
    if (label) return label;
    // A code word ('out_of_service', a sex 'female') reads as words; a username or a typed reason stays as typed.
    if (/^[a-z]+(_[a-z]+)+$/.test(v) || (CODE_FIELDS.has(key) && /^[a-z]+$/.test(v))) return capitalize(v.replace(/_/g, ' '));
    return v;
  }
  if (Array.isArray(v)) {
    const parts = v.map((x) => shownValue(key, x, opts));
    return parts.some((p) => p === null) ? null : parts.join(', ');
  }
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => {
        const s = shownValue(k, x, opts);
        return s === null ? null : `${fieldLabel(k).toLowerCase()} ${s}`;
      })
      .filter((p): p is string => p !== null);
    return parts.length ? parts.join(', ') : null;
  }
  return null;
}
