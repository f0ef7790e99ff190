// A patient's journal: one timeline across areas (appointments, encounters with everything recorded in them,
// admissions with bed history, invoices), as a screen, as a PDF, and as a FHIR R4 bundle. What a caller sees depends on
// their roles (`journalViewOf`); every read is audited.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, returns, type Page } from './channel';
import type { Encounter } from './clinical';
import type { AppointmentStatus } from '../domain/scheduling';
import type { InvoiceStatus } from '../domain/billing';
import { JOURNAL_KINDS, type JournalKind, type JournalView } from '../domain/clinical';
import { PATIENT_READERS } from '../domain/roles';

/** Everyone who reads patients, and pharmacists (prescriptions). */
export const JOURNAL_READERS = [...PATIENT_READERS, 'pharmacist'] as const;
/** Who exports the clinical record (FHIR). */
export const FHIR_EXPORTERS = ['doctor', 'nurse'] as const;

interface EntryBase {
  id: number;
  /** When it happened (appointment start, encounter start, admission, invoice issue or creation). */
  at: string;
  hospitalId: number;
  hospitalName: string;
  timeZone: string;
}

export type JournalEntry =
  | (EntryBase & {
      kind: 'appointment';
      appointment: { status: AppointmentStatus; start: string; end: string; doctorName: string; departmentName: string | null; reason: string | null; cancelReason: string | null };
    })
  | (EntryBase & { kind: 'encounter'; encounter: Encounter })
  | (EntryBase & {
      kind: 'admission';
      admission: {
        admittedAt: string;
        dischargedAt: string | null;
        expectedDischarge: string | null;
        reason: string | null;
        dischargeNote: string | null;
        beds: { ward: string; room: string; bed: string; from: string; to: string | null }[];
      };
    })
  | (EntryBase & {
      kind: 'invoice';
      invoice: { number: string | null; status: InvoiceStatus; issueDate: string | null; currency: string; total: number; paid: number; balance: number; lines: number };
    });

export interface JournalPage extends Page<JournalEntry> {
  /** What this caller may see of the journal. */
  view: JournalView;
}

const Filter = {
  patientId: Id,
  kinds: z.array(z.enum(JOURNAL_KINDS)).max(JOURNAL_KINDS.length).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
};
const dateOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;

/** Record kinds of this area: none of its own (it shows the others'). */
export const journalKinds = [] as const;

const SHOWS = ['patient', 'appointment', 'encounter', 'test_order', 'prescription', 'dispensing', 'stay', 'invoice'] as const;

export const journal = {
  /** Newest first, paged; filtered by kind and by the hospital's local day. */
  'patients.journal': channel({
    input: z.object({ ...Filter, cursor: Cursor, limit: z.number().int().min(1).max(100).default(20) }).refine(dateOrder, { path: ['to'], error: 'Must not be before the start.' }),
    output: returns<JournalPage>(),
    access: JOURNAL_READERS,
    kind: 'read',
    shows: SHOWS,
    auditedRead: true,
  }),
  /** The journal as a PDF, oldest first: patient header, then each entry; results tables never lose their header. */
  'patients.journalPdf': channel({
    input: z.object(Filter).refine(dateOrder, { path: ['to'], error: 'Must not be before the start.' }),
    output: returns<{ fileName: string; pdfBase64: string; pages: number }>(),
    access: JOURNAL_READERS,
    kind: 'read',
    shows: SHOWS,
    auditedRead: true,
  }),
  /** FHIR R4 Bundle (collection) of the patient: Patient, Encounter, Condition, Observation, MedicationRequest, Appointment. */
  'patients.fhirExport': channel({
    input: z.object({ patientId: Id }),
    output: returns<{ fileName: string; json: string; resources: number }>(),
    access: FHIR_EXPORTERS,
    kind: 'read',
    shows: SHOWS,
    auditedRead: true,
  }),
} as const;

export type { JournalKind };
