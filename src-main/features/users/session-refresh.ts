// Re-reads the caller's account inside each call's transaction, so deactivation and role changes apply at once.
import type { EntityManager } from 'typeorm';
import type { Role } from '@shared/domain/roles';
import type { Runtime, Session } from '../../platform/context';

export async function refreshSession(em: EntityManager, runtime: Runtime, windowKey: string, session: Session): Promise<Session | null> {
  const rows: { active: number; roles: string; all_hospitals: number; hids: string | null }[] = await em.query(
    `SELECT u.active, u.roles, u.all_hospitals, GROUP_CONCAT(uh.hospital_id) AS hids
       FROM users u LEFT JOIN user_hospitals uh ON uh.user_id = u.id
      WHERE u.id = ? GROUP BY u.id`,
    [session.userId],
  );
  const row = rows[0];
  if (!row || !row.active) {
    runtime.sessions.delete(windowKey);
    return null;
  }
  session.roles = row.roles ? (row.roles.split(',') as Role[]) : [];
  session.allHospitals = !!row.all_hospitals;
  session.hospitalIds = row.hids ? row.hids.split(',').map(Number).sort((a, b) => a - b) : [];
  return session;
}
