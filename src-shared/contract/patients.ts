// Patients: registration, search, the record, edits with a version check.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, Text, type Page } from './channel';
import { PATIENT_READERS, PATIENT_WRITERS } from '../domain/roles';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const BLOOD_GROUPS = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown'] as const;

const PhoneText = Text(30).pipe(z.string().min(1, { error: 'Required.' }));
const OptionalPhone = OptionalText(30);

/** Every field of a patient record a desk can type; the registration form validates with this same schema. */
export const PatientFields = z.object({
  firstName: RequiredText(100),
  middleName: OptionalText(100),
  lastName: RequiredText(100),
  dateOfBirth: IsoDate,
  sex: z.enum(SEXES, { error: 'Choose female, male, other or unknown.' }),
  phone: PhoneText,
  email: OptionalText(254).pipe(z.email({ error: 'Not an e-mail address.' }).nullable()),
  addressLine: OptionalText(250),
  city: OptionalText(100),
  region: OptionalText(100),
  postalCode: OptionalText(20),
  nationalId: OptionalText(40),
  nextOfKinName: OptionalText(150),
  nextOfKinRelationship: OptionalText(50),
  nextOfKinPhone: OptionalPhone,
  bloodGroup: z.enum(BLOOD_GROUPS).default('unknown'),
  allergies: OptionalText(2000),
  chronicConditions: OptionalText(2000),
  insuranceProvider: OptionalText(120),
  insurancePolicyNumber: OptionalText(60),
  insuranceCoveragePercent: z.number().int().min(0).max(100).nullable().optional().transform((v) => v ?? null),
  insuranceValidUntil: IsoDate.nullable().optional().transform((v) => v ?? null),
});
export type PatientFields = z.input<typeof PatientFields>;

export interface PatientSummary {
  id: number;
  patientNumber: string;
  hospitalId: number;
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: string;
  sex: (typeof SEXES)[number];
  /** E.164 */
  phone: string;
}

export interface Patient extends PatientSummary {
  email: string | null;
  addressLine: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** Only the last characters; the full number is behind `patients.revealNationalId`, which is audited. */
  nationalIdMasked: string | null;
  nextOfKinName: string | null;
  nextOfKinRelationship: string | null;
  nextOfKinPhone: string | null;
  bloodGroup: (typeof BLOOD_GROUPS)[number];
  allergies: string | null;
  chronicConditions: string | null;
  insuranceProvider: string | null;
  insurancePolicyNumber: string | null;
  insuranceCoveragePercent: number | null;
  insuranceValidUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateCandidate extends PatientSummary {
  reason: 'same phone' | 'same date of birth and similar name';
}

const DuplicateProbe = z.object({
  hospitalId: Id,
  firstName: RequiredText(100),
  lastName: RequiredText(100),
  dateOfBirth: IsoDate,
  phone: PhoneText,
  excludeId: Id.optional(),
});

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const patientKinds = ['patient'] as const;

/**
 * Editing a patient or revealing a national ID is for the hospitals the patient was registered or seen at; a desk
 * elsewhere states an emergency, which the audit trail records (issue 15: "emergency access" with a reason).
 */
export const EmergencyReason = RequiredText(300)
  .refine((v) => v.trim().length >= 10, { error: 'Say in a few words why (at least 10 characters).' })
  .optional();

export const patients = {
  'patients.register': channel({
    input: PatientFields.extend({
      hospitalId: Id,
      /** Set after the desk has seen the duplicate warning and decided this is a different person. */
      acknowledgeDuplicates: z.boolean().default(false),
    }),
    output: returns<Patient>(),
    access: PATIENT_WRITERS,
    // The duplicate check runs under a lock and must see the registration committed just before it.
    isolation: 'READ COMMITTED',
    kind: 'write',
    changes: ['patient'],
  }),
  'patients.findDuplicates': channel({ input: DuplicateProbe, output: returns<DuplicateCandidate[]>(), access: PATIENT_WRITERS, kind: 'read', shows: ['patient'] }),
  'patients.search': channel({
    // hospitalId: the hospital the desk works for; a date or phone in the query is read the way it writes them (its
    // date order, its country's numbers). Without it, the caller's first hospital. The search itself is chain-wide.
    input: z.object({ query: Text(100), limit: Limit, cursor: Cursor, hospitalId: Id.optional() }),
    output: returns<Page<PatientSummary>>(),
    access: PATIENT_READERS,
    kind: 'read',
    replica: true,
    shows: ['patient'],
  }),
  'patients.get': channel({ input: z.object({ id: Id }), output: returns<Patient>(), access: PATIENT_READERS, kind: 'read', shows: ['patient'], auditedRead: true }),
  'patients.update': channel({
    input: PatientFields.partial().extend({ id: Id, version: z.number().int().min(1), emergencyReason: EmergencyReason }),
    output: returns<Patient>(),
    access: PATIENT_WRITERS,
    kind: 'write',
    changes: ['patient'],
  }),
  'patients.revealNationalId': channel({
    input: z.object({ id: Id, emergencyReason: EmergencyReason }),
    output: returns<{ nationalId: string | null }>(),
    access: ['front_desk'],
    kind: 'read',
    shows: ['patient'],
  }),
} as const;

export type PatientPage = Page<PatientSummary>;
