// Error codes and the result envelope every channel answers with, on both transports.

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DB_UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field path (dot-joined, e.g. `insurance.policyNumber`) → human message. */
export type FieldErrors = Record<string, string>;

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  /** Structured extra facts a screen can act on (e.g. the possible duplicates of a patient). */
  details?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

/** Thrown by services; the pipeline turns it into the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    const shape: AppErrorShape = { code: this.code, message: this.message };
    if (this.fields) shape.fields = this.fields;
    if (this.details !== undefined) shape.details = this.details;
    return shape;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, undefined, details);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('FORBIDDEN', message);
export const invalid = (fields: FieldErrors, message = 'Some fields need attention.') =>
  new AppError('VALIDATION', message, fields);

/**
 * The unique keys of the schema that guard a business key: the field of the channel input holding the taken value
 * (none when the value is made by the app, e.g. a number from a counter) and the sentence saying what is taken.
 * A pre-check in a service and the key itself answer alike: CONFLICT, with `fields` naming the field.
 */
export const TAKEN_KEYS = {
  uq_users_username: { field: 'username', message: 'That username is already taken.' },
  uq_hospitals_code: { field: 'code', message: 'A hospital with that code already exists.' },
  uq_patients_number: { field: null, message: 'That patient number is already in use.' },
  uq_staff_employee_number: { field: 'employeeNumber', message: 'That employee number is already in use at this hospital.' },
  uq_staff_user: { field: 'userId', message: 'That user account already belongs to another staff member.' },
  uq_doctors_licence: { field: 'doctor.licenceNumber', message: 'Another doctor already has that licence number.' },
  uq_departments_name: { field: 'name', message: 'This hospital already has a department with that name.' },
  uq_bed_stays_occupied: { field: 'bedId', message: 'That bed was taken by another admission a moment ago.' },
  uq_stays_active_patient: { field: 'patientId', message: 'The patient was admitted at another desk a moment ago.' },
  uq_rooms_number: { field: 'number', message: 'A room with that number already exists in this hospital.' },
  uq_floors_name: { field: 'name', message: 'This hospital already has a floor with that name.' },
  uq_beds_label: { field: 'label', message: 'The room already has a bed with that label.' },
  uq_invoices_number: { field: null, message: 'That invoice number is already in use.' },
  uq_payments_receipt: { field: null, message: 'That receipt number is already in use.' },
  uq_catalog_items_code: { field: 'code', message: 'That code is already in the catalog.' },
  uq_shift_assignments: { field: 'staffId', message: 'That person already has that shift on that day.' },
  uq_shift_types_name: { field: 'name', message: 'That shift name is already in use.' },
  uq_shift_types_code: { field: 'code', message: 'That shift code is already in use.' },
  uq_medicine_items_name: { field: 'name', message: 'This hospital already stocks that medicine in that strength and form.' },
  uq_payroll_runs_month: { field: 'month', message: 'That month already has a payroll run at this hospital.' },
  uq_pay_structures_from: { field: 'validFrom', message: 'A pay structure already starts on that day; change that one instead.' },
  uq_stock_batches_number: { field: 'batchNumber', message: 'That batch number was already received for this medicine.' },
  uq_diagnoses_code: { field: 'code', message: 'That diagnosis is already on this encounter.' },
  uq_test_definitions_code: { field: 'code', message: 'A test with that code is already in the catalog.' },
  uq_encounters_appointment: { field: null, message: 'The consultation was opened at another desk a moment ago; open it again.' },
  uq_encounters_round: { field: null, message: "Today's ward round was opened at another desk a moment ago; open it again." },
  uq_dispensings_idempotency_key: { field: null, message: 'This submit was already recorded as another dispensing; reload the prescription before dispensing again.' },
} as const satisfies Record<string, { field: string | null; message: string }>;
export type TakenKeyName = keyof typeof TAKEN_KEYS;

/**
 * A taken business key: `throw takenKey('uq_rooms_number')` in a pre-check answers as the unique key would.
 * `sentence` words it with the facts at hand ("Room 12 already exists in this hospital."); the field stays the key's.
 */
export function takenKey(key: TakenKeyName, sentence?: string): AppError {
  const { field, message } = TAKEN_KEYS[key];
  const text = sentence ?? message;
  return new AppError('CONFLICT', text, field ? { [field]: text } : undefined);
}

/** What a duplicate-key error of the database answers (an unknown key: CONFLICT without a field). */
export function takenKeyShape(key: string): AppErrorShape {
  if (Object.hasOwn(TAKEN_KEYS, key)) return takenKey(key as TakenKeyName).toShape();
  return { code: 'CONFLICT', message: 'That record already exists.' };
}
