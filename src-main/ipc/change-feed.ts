// Changes made at other workstations: each workstation runs its own main process, so events of one never reach the
// windows of another. Every write leaves an audit entry in the shared database; this feed reads the trail's new
// entries every few seconds and tells this process's windows which records changed, wherever the change was made.
import type { Runtime } from './runtime';

/** Entities whose screens refresh on a change; reads (patient.read, …) are not changes. */
const WATCHED = new Set(['appointment', 'staff', 'doctor', 'department', 'patient', 'stay', 'bed', 'room', 'bed_booking', 'theatre_booking', 'shift', 'invoice', 'charge']);
const READ_ACTION = /(^|\.)(read|appointments_read|national_id_revealed)$/;

export function startChangeFeed(runtime: Runtime, intervalMs = 2000): () => void {
  let lastId: number | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ds = await runtime.db.dataSource();
      if (lastId === null) {
        const [row]: { last: number | string | null }[] = await ds.query('SELECT MAX(id) AS last FROM audit_log');
        lastId = Number(row?.last ?? 0);
        return;
      }
      const rows: { id: number | string; action: string; entity: string | null; entity_id: string | null; hospital_id: number | null }[] = await ds.query(
        'SELECT id, action, entity, entity_id, hospital_id FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000',
        [lastId],
      );
      if (rows.length === 0) return;
      lastId = Number(rows[rows.length - 1].id);
      const byEntity = new Map<string, { ids: Set<string>; hospitalIds: Set<number> }>();
      for (const r of rows) {
        if (!r.entity || !WATCHED.has(r.entity) || READ_ACTION.test(r.action)) continue;
        const e = byEntity.get(r.entity) ?? { ids: new Set(), hospitalIds: new Set() };
        if (r.entity_id) e.ids.add(r.entity_id);
        if (r.hospital_id !== null) e.hospitalIds.add(Number(r.hospital_id));
        byEntity.set(r.entity, e);
      }
      for (const [entity, e] of byEntity) runtime.events.emit('records.changed', { entity, ids: [...e.ids], hospitalIds: [...e.hospitalIds] });
    } catch {
      // The database is away: the banner says so; the feed picks up where it stopped when it is back.
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref?.();
  void tick();
  return () => clearInterval(timer);
}
