// The signed-in user, the hospitals they work at, and the hospital this desk is working for.
import { createContext, useContext } from 'react';
import type { ChannelName } from '@shared/contract';
import type { Hospital } from '@shared/contract/hospitals';
import type { SessionInfo } from '@shared/contract/users';
import type { Role } from '@shared/domain/roles';
import { mayOpen } from './pages';
import type { Route } from './router';

export interface SessionApi {
  session: SessionInfo;
  hospitals: Hospital[];
  /** The hospital this desk works for (chosen in the header when the user has several). */
  hospital: Hospital | null;
  setHospitalId(id: number): void;
  hasRole(...roles: readonly Role[]): boolean;
  /**
   * May the user call this channel at the hospital this desk works for (or at `hospitalId`)? From `permissions.mine`:
   * the contract's roles with the hospital's changes. The one test for showing a screen, a link or a button.
   */
  can(channel: ChannelName, hospitalId?: number | null): boolean;
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

/**
 * May the user open the page at this path (e.g. "/patients/12"), at the desk's hospital or at the record's? The test for
 * every link, row and button that opens a page: the same channel the shell guards that page with (see pages.ts).
 */
export function useMayOpen(): (path: string | Route['name'], hospitalId?: number | null) => boolean {
  const session = useSession();
  return (path, hospitalId) => mayOpen(path, session, hospitalId);
}
