// The signed-in doctor's own staff record, which the appointment screens start from.
import type { DoctorSummary } from '@shared/contract/staff';
import { useSession } from '../../app/session';
import { useDoctors } from '../staff';

/** The staff record of the signed-in doctor (found by their sign-in account), or null for everyone else. */
export function useMyDoctor(): { doctor: DoctorSummary | null; isPending: boolean } {
  const { session, hasRole } = useSession();
  const isDoctor = hasRole('doctor');
  const doctors = useDoctors(null, isDoctor);
  if (!isDoctor) return { doctor: null, isPending: false };
  return { doctor: doctors.data?.find((d) => d.userId === session.user.id) ?? null, isPending: doctors.isPending };
}
