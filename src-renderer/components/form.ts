// Form state validated with the contract's own zod schemas, showing client and server field errors next to the fields.
import { useCallback, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { fieldLabel } from '@shared/domain/audit-labels';
import type { FieldErrors } from '@shared/errors';
import { isApiError } from '../api/client';

export interface FormState<V extends object> {
  values: V;
  errors: FieldErrors;
  /** A message for the whole form (a conflict, a lost connection, errors of fields this form does not show). */
  formError: string | null;
  ref: React.RefObject<HTMLFormElement | null>;
  set<K extends keyof V>(key: K, value: V[K]): void;
  setValues(values: V): void;
  /** Props for a text input bound to a string field. */
  text<K extends keyof V>(key: K): { value: string; onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void; error?: string };
  /** Validates `input` (built from the values) with the schema; on failure shows the errors and focuses the first field. */
  check<S extends z.ZodType>(schema: S, input: unknown, extra?: FieldErrors): z.output<S> | null;
  /** Shows a failed call: its field errors by the fields (paths under `prefix`), everything else as the form message. */
  fail(error: unknown, prefix?: string): void;
  setFormError(message: string | null): void;
  setErrors(errors: FieldErrors): void;
  /** Props for the <form>: its ref (to focus the first invalid field), no browser validation, and `submit` on Enter. */
  formProps(submit: () => void): { ref: React.RefObject<HTMLFormElement | null>; noValidate: true; onSubmit: (e: FormEvent) => void };
}

export function issuesToFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function focusFirstInvalid(form: HTMLElement | null): void {
  // After React has rendered the error state.
  setTimeout(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, 0);
}

/** `aliases` maps a schema path to the form field that shows it (e.g. defaultTaxRateBp → taxPercent). */
export function useForm<V extends object>(initial: V | (() => V), opts: { aliases?: Record<string, keyof V & string> } = {}): FormState<V> {
  const [values, setValuesState] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const ref = useRef<HTMLFormElement | null>(null);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setValuesState((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      if (!(key as string in e)) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  }, []);

  const setValues = useCallback((v: V) => {
    setValuesState(v);
    setErrors({});
    setFormError(null);
  }, []);

  const show = (fields: FieldErrors) => {
    // An empty required field reads better as "Required." than as the format it should have had.
    const current = valuesRef.current as Record<string, unknown>;
    const out: FieldErrors = {};
    for (const [path, msg] of Object.entries(fields)) {
      const k = opts.aliases?.[path] ?? path;
      out[k] ??= current[k] === '' ? 'Required.' : msg;
    }
    setErrors(out);
    focusFirstInvalid(ref.current);
  };

  return {
    values,
    errors,
    formError,
    ref,
    set,
    setValues,
    setErrors,
    setFormError,
    formProps: (submit) => ({
      ref,
      noValidate: true,
      onSubmit: (e) => {
        e.preventDefault();
        submit();
      },
    }),
    text: (key) => ({
      value: String(values[key] ?? ''),
      onChange: (e) => set(key, e.currentTarget.value as V[typeof key]),
      error: errors[key as string],
    }),
    check: (schema, input, extra = {}) => {
      setFormError(null);
      const parsed = schema.safeParse(input);
      const fields = { ...(parsed.success ? {} : issuesToFields(parsed.error)), ...extra };
      if (Object.keys(fields).length) {
        show(fields);
        return null;
      }
      setErrors({});
      return parsed.data as never;
    },
    fail: (error, prefix = '') => {
      if (!isApiError(error)) {
        setFormError(error instanceof Error ? error.message : String(error));
        return;
      }
      const own: FieldErrors = {};
      const others: string[] = [];
      const known = valuesRef.current as Record<string, unknown>;
      for (const [path, msg] of Object.entries(error.fields ?? {})) {
        const key = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path;
        if (key in known || (opts.aliases && key in opts.aliases)) own[key] = msg;
        // A field this form does not show is named in words ('attendingDoctorId' → 'Attending doctor'), not by its key.
        else others.push(`${fieldLabel(path.split('.').filter((p) => !/^\d+$/.test(p)).pop() ?? path)}: ${msg}`);
      }
      if (Object.keys(own).length) show(own);
      if (error.code === 'VALIDATION' && Object.keys(own).length && !others.length) setFormError(null);
      else setFormError(others.length ? `${error.message} ${others.join(' ')}` : error.message);
    },
  };
}

/** The second password field must repeat the first. */
export function confirmMatches(password: string, confirm: string): FieldErrors {
  return password && confirm !== password ? { confirmPassword: 'The passwords do not match.' } : {};
}
