// Hospitals (sites) of the chain.
import { z } from 'zod';
import { channel, Id, RequiredText, OptionalText, returns } from './channel';
import { COUNTRY_CODES, CURRENCIES } from '../domain/countries';
import { checkPatientNumberFormat } from '../domain/patient-number';

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const HospitalFields = z.object({
  code: RequiredText(12).pipe(z.string().regex(/^[A-Z0-9-]+$/, { error: 'Capital letters, digits and - only.' })),
  name: RequiredText(120),
  country: z.enum(COUNTRY_CODES, { error: 'Choose a supported country.' }),
  region: OptionalText(80),
  address: OptionalText(250),
  timeZone: RequiredText(64).refine(isTimeZone, { error: 'Unknown time zone.' }),
  currency: z.enum(CURRENCIES, { error: 'Choose a supported currency.' }),
  defaultTaxRateBp: z.number().int().min(0).max(10000).default(0),
  patientNumberFormat: RequiredText(40).superRefine((v, ctx) => {
    const problem = checkPatientNumberFormat(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
export type HospitalFields = z.input<typeof HospitalFields>;

export interface Hospital {
  id: number;
  code: string;
  name: string;
  country: string;
  region: string | null;
  address: string | null;
  timeZone: string;
  currency: string;
  /** Default tax rate in basis points (1800 = 18 %). */
  defaultTaxRateBp: number;
  patientNumberFormat: string;
  version: number;
}

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const hospitalKinds = ['hospital'] as const;

export const hospitals = {
  'hospitals.create': channel({ input: HospitalFields, output: returns<Hospital>(), access: ['admin'], kind: 'write', changes: ['hospital'] }),
  'hospitals.update': channel({
    input: HospitalFields.partial().extend({ id: Id, version: z.number().int().min(1) }),
    output: returns<Hospital>(),
    access: ['admin'],
    kind: 'write',
    changes: ['hospital'],
  }),
  /** The hospitals the caller works in (every hospital for chain-wide accounts). */
  'hospitals.list': channel({ input: z.object({}).strict().optional(), output: returns<Hospital[]>(), access: 'signedIn', kind: 'read', shows: ['hospital'] }),
} as const;
