// Changes made at other workstations: each workstation runs its own main process, so events of one never reach the
// windows of another. Every write leaves an audit entry in the shared database; this feed reads the trail's new
// entries every few seconds and tells this process's windows which records changed, wherever the change was made.
import type { RecordsChanged } from '@shared/contract/changes';
import type { Runtime } from './runtime';
import { ChangeCollector } from './changes';

interface TrailRow {
  id: number | string;
  channel: string;
  entity: string | null;
  entity_id: string | null;
  hospital_id: number | string | null;
}

export function startChangeFeed(runtime: Runtime, intervalMs = 2000): () => void {
  let lastId: number | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      // A lag-tolerant read: on a read replica when the workstation has one (a change seen a moment late is still seen).
      const read = <T>(sql: string, args: unknown[] = []) => runtime.db.readLagTolerant<T>((em) => em.query(sql, args), { transaction: false });
      if (lastId === null) {
        const [row] = await read<{ last: number | string | null }[]>('SELECT MAX(id) AS last FROM audit_log');
        lastId = Number(row?.last ?? 0);
        return;
      }
      const rows = await read<TrailRow[]>('SELECT id, channel, entity, entity_id, hospital_id FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000', [lastId]);
      if (rows.length === 0) return;
      lastId = Number(rows[rows.length - 1].id);
      const changes = new ChangeCollector();
      for (const r of rows) {
        // Entries of this process were announced when their call committed: announcing them again would only refresh twice.
        if (runtime.announced.has(Number(r.id))) continue;
        changes.add(r.channel, r.entity, r.entity_id, r.hospital_id === null ? null : Number(r.hospital_id));
      }
      runtime.announced.forgetThrough(lastId);
      for (const change of changes.events()) runtime.events.emit('records.changed', change satisfies RecordsChanged);
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
