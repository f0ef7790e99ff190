// The signed-in user, the hospitals they work at, and the hospital this desk is working for.
import { createContext, useContext } from 'react';
import type { Hospital } from '@shared/contract/hospitals';
import type { SessionInfo } from '@shared/contract/users';
import type { Role } from '@shared/domain/roles';

export interface SessionApi {
  session: SessionInfo;
  hospitals: Hospital[];
  /** The hospital this desk works for (chosen in the header when the user has several). */
  hospital: Hospital | null;
  setHospitalId(id: number): void;
  hasRole(...roles: readonly Role[]): boolean;
  lock(): void;
  signOut(): void;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}

/** The hospital a record belongs to, for its country and time zone. */
export function useHospital(id: number | null | undefined): Hospital | null {
  const { hospitals, hospital } = useSession();
  return hospitals.find((h) => h.id === id) ?? hospital;
}
