// Names for the ids an audit page mentions: the record an entry is about (a stay or an appointment by its patient), and
// the people and places its changes point at (a patient, a staff member, a user, a department, a hospital), so the
// trail reads as names, not numbers.
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '@shared/contract/audit';

type NameKind = 'patient' | 'staff' | 'user' | 'department' | 'hospital' | 'stay' | 'appointment' | 'invoice';

/** The record kinds an entry may be about that have a name, and the table that holds it. */
const ENTITY_KINDS: Record<string, NameKind> = {
  patient: 'patient',
  staff: 'staff',
  doctor: 'staff',
  user: 'user',
  department: 'department',
  hospital: 'hospital',
  // A stay and an appointment by their patient; an invoice by its number (or as a draft) and its patient.
  stay: 'stay',
  appointment: 'appointment',
  invoice: 'invoice',
};
/** Fields of changes that hold the id of a named record. */
const FIELD_KINDS: Record<string, NameKind> = {
  patientId: 'patient',
  staffId: 'staff',
  doctorId: 'staff',
  attendingDoctorId: 'staff',
  userId: 'user',
  departmentId: 'department',
  hospitalId: 'hospital',
};

const PATIENT_NAME = "CONCAT_WS(' ', p.first_name, p.middle_name, p.last_name, CONCAT('(', p.patient_number, ')'))";
const QUERIES: Record<NameKind, string> = {
  patient: `SELECT p.id, ${PATIENT_NAME} AS name FROM patients p WHERE p.id IN (?)`,
  stay: `SELECT s.id, ${PATIENT_NAME} AS name FROM stays s JOIN patients p ON p.id = s.patient_id WHERE s.id IN (?)`,
  appointment: `SELECT a.id, ${PATIENT_NAME} AS name FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE a.id IN (?)`,
  invoice: `SELECT i.id, CONCAT(COALESCE(i.number, 'Draft'), ' · ', ${PATIENT_NAME}) AS name FROM invoices i JOIN patients p ON p.id = i.patient_id WHERE i.id IN (?)`,
  staff: "SELECT id, CONCAT_WS(' ', first_name, last_name) AS name FROM staff WHERE id IN (?)",
  user: "SELECT id, CONCAT(full_name, ' (', username, ')') AS name FROM users WHERE id IN (?)",
  department: 'SELECT id, name FROM departments WHERE id IN (?)',
  hospital: 'SELECT id, name FROM hospitals WHERE id IN (?)',
};

const asId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** Fills each entry's `recordName` and `names` (field → name) with one query per kind of record mentioned. */
export async function nameEntries(em: EntityManager, entries: AuditEntry[]): Promise<void> {
  const kinds = Object.keys(QUERIES) as NameKind[];
  const wanted = Object.fromEntries(kinds.map((k) => [k, new Set<number>()])) as Record<NameKind, Set<number>>;
  const fieldIds = (changes: AuditEntry['changes']) =>
    Object.entries(changes ?? {}).flatMap(([k, v]) => {
      const kind = FIELD_KINDS[k];
      // A fact (an id) or a change (before → after): each id it names.
      const ids = (Array.isArray(v) ? v : [v]).map(asId).filter((n): n is number => n !== null);
      return kind ? ids.map((id) => ({ field: k, kind, id })) : [];
    });
  for (const e of entries) {
    const kind = e.entity ? ENTITY_KINDS[e.entity] : undefined;
    const id = asId(e.entityId);
    if (kind && id) wanted[kind].add(id);
    for (const f of fieldIds(e.changes)) wanted[f.kind].add(f.id);
  }
  const found = Object.fromEntries(kinds.map((k) => [k, new Map<number, string>()])) as Record<NameKind, Map<number, string>>;
  for (const kind of kinds) {
    if (!wanted[kind].size) continue;
    const rows: { id: number; name: string }[] = await em.query(QUERIES[kind], [[...wanted[kind]]]);
    for (const r of rows) found[kind].set(Number(r.id), r.name);
  }
  for (const e of entries) {
    const kind = e.entity ? ENTITY_KINDS[e.entity] : undefined;
    const id = asId(e.entityId);
    e.recordName = kind && id ? (found[kind].get(id) ?? null) : null;
    const names: Record<string, string> = {};
    for (const f of fieldIds(e.changes)) {
      const name = found[f.kind].get(f.id);
      if (name) names[`${f.field}:${f.id}`] = name;
    }
    e.names = names;
  }
}
