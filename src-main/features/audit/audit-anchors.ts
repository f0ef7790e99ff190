// The trail's anchors outside the chain: this workstation's witness (the newest entry it has seen, kept in its own
// settings) and administrators' signed checkpoints; verifying the trail checks the chain against both.
import { createPublicKey } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditCheckpoint, AuditSigningKey, AuditVerification } from '@shared/contract/audit';
import type { AuditWitness, TamperAlarm, WorkstationStore } from '../../db/workstation';
import { AuditEntryEntity } from './audit.entity';
import { entryHash, GENESIS_HASH, verifyChain } from './audit-chain';
import { checkpointSignatureValid, keyFingerprint } from './audit-keys';

export const CHECKPOINT_SELECT = `SELECT c.id, c.key_id AS keyId, k.fingerprint AS keyFingerprint, k.public_key AS publicKey, c.entry_id AS entryId,
  c.entry_hash AS entryHash, c.signed_at AS signedAt, c.signed_by_name AS signedBy, c.signature
  FROM audit_checkpoints c JOIN audit_signing_keys k ON k.id = c.key_id`;

export interface CheckpointRow {
  id: number;
  keyId: number;
  keyFingerprint: string;
  publicKey: string;
  entryId: number | string;
  entryHash: string;
  signedAt: Date;
  signedBy: string | null;
  signature: string;
}

/** A stored checkpoint with its signature checked against the stored public key of its key. */
export function toCheckpoint(r: CheckpointRow): AuditCheckpoint {
  const entryId = Number(r.entryId);
  const signedAt = r.signedAt.toISOString();
  return {
    id: Number(r.id),
    keyId: Number(r.keyId),
    keyFingerprint: r.keyFingerprint,
    entryId,
    entryHash: r.entryHash,
    signedAt,
    signedBy: r.signedBy,
    signature: r.signature,
    // The fingerprint is recomputed too: a key row whose stored fingerprint was edited to mimic another key fails.
    signatureValid: safeFingerprint(r.publicKey) === r.keyFingerprint && checkpointSignatureValid(r.publicKey, entryId, r.entryHash, signedAt, r.signature),
  };
}

function safeFingerprint(pem: string): string | null {
  try {
    return keyFingerprint(createPublicKey(pem));
  } catch {
    return null;
  }
}

export async function signingKeys(em: EntityManager): Promise<AuditSigningKey[]> {
  const rows: { id: number; fingerprint: string; public_key: string; created_at: Date; created_by_name: string | null }[] = await em.query(
    'SELECT id, fingerprint, public_key, created_at, created_by_name FROM audit_signing_keys ORDER BY id',
  );
  return rows.map((r) => ({ id: Number(r.id), fingerprint: r.fingerprint, publicKeyPem: r.public_key, createdAt: r.created_at.toISOString(), createdBy: r.created_by_name }));
}

async function lastEntryId(em: EntityManager): Promise<number> {
  const [row]: { last: number | string | null }[] = await em.query('SELECT MAX(id) AS last FROM audit_log');
  return Number(row?.last ?? 0);
}

async function headId(em: EntityManager): Promise<number> {
  const [row]: { last_id: number | string }[] = await em.query('SELECT last_id FROM audit_head WHERE id = 1');
  return Number(row?.last_id ?? 0);
}

/** Follows the chain from a known entry as far as every link and hash holds; returns the last entry that does. */
async function walkForward(em: EntityManager, fromId: number, fromHash: string): Promise<{ entryId: number; hash: string }> {
  const repo = em.getRepository(AuditEntryEntity);
  let prevId = fromId;
  let prevHash = fromHash;
  const batch = 5000;
  for (;;) {
    const rows = await repo.createQueryBuilder('a').where('a.id > :prevId', { prevId }).orderBy('a.id', 'ASC').limit(batch).getMany();
    for (const row of rows) {
      if (Number(row.id) !== prevId + 1 || row.prevHash !== prevHash || entryHash(row) !== row.hash) return { entryId: prevId, hash: prevHash };
      prevId = Number(row.id);
      prevHash = row.hash;
    }
    if (rows.length < batch) return { entryId: prevId, hash: prevHash };
  }
}

/** Why the trail no longer holds an entry as it was signed or seen (null: it does). */
async function missingOrChanged(em: EntityManager, entryId: number, hash: string, what: string): Promise<{ reason: string; found: TamperAlarm['found'] } | null> {
  if (entryId === 0) return null;
  const [row]: { hash: string }[] = await em.query('SELECT hash FROM audit_log WHERE id = ?', [entryId]);
  const lastId = await lastEntryId(em);
  const found = { entryId: row ? entryId : null, hash: row?.hash ?? null, lastId };
  if (!row) {
    const reason = lastId === 0 ? `the trail is empty, but ${what} entry ${entryId}` : `entry ${entryId} (${what} it) is gone: the trail ends at entry ${lastId}`;
    return { reason, found };
  }
  if (row.hash !== hash) return { reason: `entry ${entryId} differs from the one ${what}: it, or an entry before it, was rewritten`, found };
  const head = await headId(em);
  if (head < entryId) return { reason: `the trail's head was moved back to entry ${head}, before entry ${entryId} (${what} it)`, found };
  return null;
}

export interface WitnessCheck {
  witness: AuditWitness | null;
  /** An alarm raised by this check (not one raised before): the caller records it in the trail and tells the screens. */
  newAlarm: TamperAlarm | null;
}

/**
 * Checks that the trail still holds the entry this workstation saw last, with the same hash; if it does, moves the
 * witness forward as far as the chain verifies from there. A mismatch is kept (and reported once) until cleared.
 */
export async function checkWitness(em: EntityManager, store: WorkstationStore, now: Date): Promise<WitnessCheck> {
  const saved = await store.loadWitness();
  const from = saved ?? { entryId: 0, hash: GENESIS_HASH, seenAt: now.toISOString(), alarm: null };
  const broken = await missingOrChanged(em, from.entryId, from.hash, 'this workstation saw');
  if (broken) {
    if (from.alarm && from.alarm.expected.entryId === from.entryId && from.alarm.expected.hash === from.hash) return { witness: from, newAlarm: null };
    const alarm: TamperAlarm = { reason: broken.reason, expected: { entryId: from.entryId, hash: from.hash }, found: broken.found, detectedAt: now.toISOString() };
    const witness = { ...from, alarm };
    await store.saveWitness(witness);
    return { witness, newAlarm: alarm };
  }
  const next = await walkForward(em, from.entryId, from.hash);
  if (next.entryId === from.entryId && saved && !saved.alarm) return { witness: saved, newAlarm: null };
  if (next.entryId === 0 && !saved) return { witness: null, newAlarm: null };
  const witness: AuditWitness = { entryId: next.entryId, hash: next.hash, seenAt: now.toISOString(), alarm: null };
  await store.saveWitness(witness);
  return { witness, newAlarm: null };
}

/** The chain walked whole, then held against every signed checkpoint and this workstation's witness. */
export async function verifyTrail(em: EntityManager, witnessCheck: WitnessCheck): Promise<AuditVerification> {
  const chain = await verifyChain(em);
  const problems: string[] = [];
  if (chain.brokenAt) problems.push(`The chain is broken at entry ${chain.brokenAt.id}: ${chain.brokenAt.reason}.`);
  const checkpoints = ((await em.query(`${CHECKPOINT_SELECT} ORDER BY c.id DESC`)) as CheckpointRow[]).map(toCheckpoint);
  const invalid = checkpoints.filter((c) => !c.signatureValid);
  for (const c of invalid) problems.push(`Checkpoint #${c.id} (entry ${c.entryId}) is not signed by its key: it was forged or altered.`);

  const broken: { id: number; entryId: number; reason: string }[] = [];
  let matched: AuditCheckpoint | null = null;
  const candidates: { id: number; reason: string }[] = [];
  for (const c of checkpoints.filter((x) => x.signatureValid)) {
    const miss = await missingOrChanged(em, c.entryId, c.entryHash, `checkpoint #${c.id} signed`);
    let reason = miss?.reason ?? null;
    if (!reason && chain.brokenAt && chain.brokenAt.id <= c.entryId) reason = `the chain is broken at entry ${chain.brokenAt.id}, before entry ${c.entryId} of checkpoint #${c.id}`;
    if (reason) {
      broken.push({ id: c.id, entryId: c.entryId, reason });
      if (miss) candidates.push({ id: miss.found.entryId === null ? miss.found.lastId + 1 : c.entryId, reason });
    } else {
      matched ??= c;
    }
  }
  for (const b of broken) problems.push(`Checkpoint #${b.id}: ${b.reason}.`);

  let witness: AuditVerification['witness'] = null;
  const w = witnessCheck.witness;
  if (w) {
    const alarm = w.alarm;
    witness = { entryId: w.entryId, hash: w.hash, ok: !alarm, reason: alarm?.reason ?? null };
    if (alarm) {
      problems.push(`This workstation's witness: ${alarm.reason}.`);
      candidates.push({ id: alarm.found.entryId === null ? alarm.found.lastId + 1 : w.entryId, reason: alarm.reason });
    }
  }

  let brokenAt = chain.brokenAt;
  if (!brokenAt && candidates.length) {
    const first = candidates.reduce((a, b) => (b.id < a.id ? b : a));
    const since = matched && matched.entryId < first.id ? `; the trail still matches checkpoint #${matched.id} at entry ${matched.entryId}` : '';
    brokenAt = { id: first.id, reason: `${first.reason}${since}` };
  }
  return {
    ok: chain.ok && problems.length === 0,
    checked: chain.checked,
    brokenAt,
    checkpoint: matched,
    checkpoints: { total: checkpoints.length, invalid: invalid.map((c) => ({ id: c.id, entryId: c.entryId })), broken },
    witness,
    problems,
  };
}
