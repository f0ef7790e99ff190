// Names for the ids an audit page mentions: the record an entry is about, and the people and places its changes
// point at (a patient, a staff member, a user, a department, a hospital), so the trail reads as names, not numbers.
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '@shared/contract/audit';

type NameKind = 'patient' | 'staff' | 'user' | 'department' | 'hospital';

/** The record kinds an entry may be about that have a name, and the table that holds it. */
const ENTITY_KINDS: Record<string, NameKind> = { patient: 'patient', staff: 'staff', doctor: 'staff', user: 'user', department: 'department', hospital: 'hospital' };
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

const QUERIES: Record<NameKind, string> = {
  patient: "SELECT id, CONCAT_WS(' ', first_name, middle_name, last_name, CONCAT('(', patient_number, ')')) AS name FROM patients WHERE id IN (?)",
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
  const wanted: Record<NameKind, Set<number>> = { patient: new Set(), staff: new Set(), user: new Set(), department: new Set(), hospital: new Set() };
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
  const found: Record<NameKind, Map<number, string>> = { patient: new Map(), staff: new Map(), user: new Map(), department: new Map(), hospital: new Map() };
  for (const kind of Object.keys(wanted) as NameKind[]) {
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
