// The departments and doctors of a hospital that other screens choose from (booking, the rota, admissions, theatres).
import type { DoctorSummary } from '@shared/contract/staff';
import { useChannelQuery } from '../../api/queries';

/** A hospital's departments; the staff screens ask for the deactivated ones too. */
export function useDepartments(hospitalId: number | null, { includeInactive = false, staleTime }: { includeInactive?: boolean; staleTime?: number } = {}) {
  return useChannelQuery('departments.list', { hospitalId: hospitalId ?? undefined, includeInactive }, { enabled: hospitalId !== null, staleTime: staleTime ?? (includeInactive ? undefined : 60_000) });
}

const byName = (list: DoctorSummary[]) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName));

/** Doctors who take appointments at a hospital (null: at every hospital of the signed-in user), by name. */
export function useDoctors(hospitalId: number | null, enabled = true) {
  return useChannelQuery('doctors.list', { hospitalId: hospitalId ?? undefined, query: '' }, { enabled, staleTime: 60_000, select: byName });
}

export const doctorLabel = (d: Pick<DoctorSummary, 'fullName' | 'specialization' | 'status'>) =>
  `${d.fullName} · ${d.specialization}${d.status === 'on_leave' ? ' (on leave)' : ''}`;
