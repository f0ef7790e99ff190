// Appending to the hash-chained audit trail and walking it to find the first broken link.
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditRecord } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { insertRows } from '../../db/writer';
import type { AuditVerification } from '@shared/contract/audit';
import { AuditEntryEntity, AuditHeadEntity } from './audit.entity';

export const GENESIS_HASH = '0'.repeat(64);
const SECRET_KEY = /password|nationalId|national_id|token|secret/i;

export interface AuditActor {
  userId: number | null;
  username: string | null;
}

/** Secrets never reach the trail: their values are replaced, the fact that they changed stays. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v)]));
  }
  return value;
}

export function entryHash(e: Omit<AuditEntryEntity, 'hash'>): string {
  const canonical = JSON.stringify([
    e.id,
    e.at.toISOString(),
    e.userId,
    e.username,
    e.channel,
    e.action,
    e.entity,
    e.entityId,
    e.hospitalId,
    e.changes,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends inside the caller's transaction; the head row lock makes concurrent writers take turns. */
export async function appendAudit(em: EntityManager, actor: AuditActor, channel: string, at: Date, records: AuditRecord[]): Promise<{ firstId: number; lastId: number } | null> {
  if (records.length === 0) return null;
  // Every write of every desk passes here: plain statements, as few as possible, while the head row is locked.
  const head = await lockRow(em, AuditHeadEntity, 1, { only: ['lastId', 'lastHash'], updates: true });
  if (!head) throw new Error('audit_head row is missing');
  let prevHash = head.lastHash;
  let id = Number(head.lastId);
  const rows: AuditEntryEntity[] = [];
  for (const r of records) {
    id += 1;
    const row = Object.assign(new AuditEntryEntity(), {
      id,
      at,
      userId: actor.userId,
      username: actor.username,
      channel,
      action: r.action,
      entity: r.entity ?? null,
      entityId: r.entityId === undefined ? null : String(r.entityId),
      hospitalId: r.hospitalId ?? null,
      changes: r.changes ? JSON.stringify(redact(r.changes)) : null,
      prevHash,
    });
    row.hash = entryHash(row);
    prevHash = row.hash;
    rows.push(row);
  }
  await insertRows(em, AuditEntryEntity, rows);
  await em.query('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1', [id, prevHash]);
  return { firstId: id - records.length + 1, lastId: id };
}

/** Walks the whole chain in id order, in batches. */
export async function verifyChain(em: EntityManager): Promise<Pick<AuditVerification, 'ok' | 'checked' | 'brokenAt'>> {
  const repo = em.getRepository(AuditEntryEntity);
  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let checked = 0;
  const batch = 5000;
  for (;;) {
    const rows = await repo.createQueryBuilder('a').where('a.id > :prevId', { prevId }).orderBy('a.id', 'ASC').limit(batch).getMany();
    for (const row of rows) {
      if (row.id !== prevId + 1) return { ok: false, checked, brokenAt: { id: row.id, reason: `entry ${prevId + 1} is missing` } };
      if (row.prevHash !== prevHash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'does not link to the entry before it' } };
      if (entryHash(row) !== row.hash) return { ok: false, checked, brokenAt: { id: row.id, reason: 'its content was changed after it was written' } };
      prevHash = row.hash;
      prevId = row.id;
      checked++;
    }
    if (rows.length < batch) break;
  }
  const head = await em.getRepository(AuditHeadEntity).findOneBy({ id: 1 });
  if (head && (head.lastId !== prevId || head.lastHash !== prevHash)) {
    return { ok: false, checked, brokenAt: { id: head.lastId, reason: `entries after ${prevId} are missing` } };
  }
  return { ok: true, checked, brokenAt: null };
}
