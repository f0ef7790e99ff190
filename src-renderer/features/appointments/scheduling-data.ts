// The departments and doctors the appointment screens choose from, and the signed-in doctor's own staff record.
import { useQuery } from '@tanstack/react-query';
import type { DoctorSummary } from '@shared/contract/staff';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../app/session';

export function useDepartments(hospitalId: number | null) {
  return useQuery({
    queryKey: keys.departments(hospitalId, false),
    queryFn: () => api.departments.list({ hospitalId: hospitalId ?? undefined, includeInactive: false }),
    enabled: hospitalId !== null,
    staleTime: 60_000,
  });
}

/** Doctors who take appointments at a hospital (null: at every hospital of the signed-in user), by name. */
export function useDoctors(hospitalId: number | null, enabled = true) {
  return useQuery({
    queryKey: keys.appointmentDoctors(hospitalId),
    queryFn: async () => (await api.doctors.list({ hospitalId: hospitalId ?? undefined, query: '' })).sort((a, b) => a.fullName.localeCompare(b.fullName)),
    enabled,
    staleTime: 60_000,
  });
}

/** The staff record of the signed-in doctor (found by their sign-in account), or null for everyone else. */
export function useMyDoctor(): { doctor: DoctorSummary | null; isPending: boolean } {
  const { session, hasRole } = useSession();
  const isDoctor = hasRole('doctor');
  const doctors = useDoctors(null, isDoctor);
  if (!isDoctor) return { doctor: null, isPending: false };
  return { doctor: doctors.data?.find((d) => d.userId === session.user.id) ?? null, isPending: doctors.isPending };
}

export const doctorLabel = (d: Pick<DoctorSummary, 'fullName' | 'specialization' | 'status'>) =>
  `${d.fullName} · ${d.specialization}${d.status === 'on_leave' ? ' (on leave)' : ''}`;
