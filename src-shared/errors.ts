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
