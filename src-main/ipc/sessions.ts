// Signed-in sessions of this process, one per window (an Electron window, or a harness X-Window id).
import type { Role } from '@shared/domain/roles';

export interface Session {
  userId: number;
  username: string;
  fullName: string;
  roles: Role[];
  hospitalIds: number[];
  allHospitals: boolean;
  idleLockMinutes: number;
  locked: boolean;
  lastActivityAt: number;
  /** Fingerprint of the password this session signed in with: a change or a reset of it ends the session. */
  credentialStamp?: string;
}

export class SessionStore {
  private readonly byWindow = new Map<string, Session>();

  get(windowKey: string): Session | null {
    return this.byWindow.get(windowKey) ?? null;
  }

  set(windowKey: string, session: Session): void {
    this.byWindow.set(windowKey, session);
  }

  delete(windowKey: string): void {
    this.byWindow.delete(windowKey);
  }

  /** Signs this account out of every window here except `keep`. */
  endSessionsOf(userId: number, keep: string | null): void {
    for (const [windowKey, s] of this.byWindow) if (s.userId === userId && windowKey !== keep) this.byWindow.delete(windowKey);
  }
}
