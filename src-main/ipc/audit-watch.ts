// This workstation's watch over the shared audit trail: on start and every few minutes it checks that the trail still
// holds the newest entry it has seen (its witness); a mismatch is recorded in the trail and raised on admins' screens.
import type { TamperAlarm } from '../db/workstation';
import { appendAudit, checkWitness } from '../features/audit';
import type { Runtime } from './runtime';

export const AUDIT_WATCH_INTERVAL_MS = 3 * 60_000;

/** One check, in its own transaction; the alarm it raises (null: the trail holds the witness, or nothing new). */
export async function checkAuditWitness(runtime: Runtime): Promise<TamperAlarm | null> {
  const ds = await runtime.db.dataSource();
  const alarm = await ds.transaction(async (em) => {
    const now = runtime.clock();
    const { newAlarm } = await checkWitness(em, runtime.workstation, now);
    if (newAlarm) await appendAudit(em, { userId: null, username: null }, 'audit.witness', now, [{ action: 'audit.tampered', changes: { ...newAlarm } }]);
    return newAlarm;
  });
  if (alarm) runtime.events.emit('audit.tampered', alarm);
  return alarm;
}

export function startAuditWatch(runtime: Runtime, intervalMs = AUDIT_WATCH_INTERVAL_MS): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await checkAuditWitness(runtime);
    } catch {
      // The database is away (the banner says so) or not set up yet: the next check tries again.
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  void tick();
  return () => clearInterval(timer);
}
