// Re-reads the caller's account inside each call's transaction, so deactivation, role changes and a new password
// apply at once.
import type { EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { Role } from '@shared/domain/roles';
import type { Runtime, Session } from '../../platform/context';
import { credentialStamp } from './passwords';

export async function refreshSession(em: EntityManager, runtime: Runtime, windowKey: string, session: Session): Promise<Session | null> {
  const rows: { active: number; roles: string; all_hospitals: number; password_hash: string; hids: string | null }[] = await em.query(
    `SELECT u.active, u.roles, u.all_hospitals, u.password_hash, GROUP_CONCAT(uh.hospital_id) AS hids
       FROM users u LEFT JOIN user_hospitals uh ON uh.user_id = u.id
      WHERE u.id = ? GROUP BY u.id`,
    [session.userId],
  );
  const row = rows[0];
  if (!row || !row.active) {
    runtime.sessions.delete(windowKey);
    return null;
  }
  if (session.credentialStamp !== undefined && session.credentialStamp !== credentialStamp(row.password_hash)) {
    runtime.sessions.delete(windowKey);
    throw new AppError('UNAUTHENTICATED', 'The password of this account was changed; please sign in again.');
  }
  session.roles = row.roles ? (row.roles.split(',') as Role[]) : [];
  session.allHospitals = !!row.all_hospitals;
  session.hospitalIds = row.hids ? row.hids.split(',').map(Number).sort((a, b) => a - b) : [];
  return session;
}
