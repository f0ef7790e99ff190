// audit.* channels: browsing the trail, verifying its chain against its anchors, signing checkpoints.
import { createPublicKey } from 'node:crypto';
import { audit, type AuditEntry } from '@shared/contract/audit';
import { AppError, conflict } from '@shared/errors';
import type { SelectQueryBuilder } from 'typeorm';
import { addDays } from '@shared/domain/dates';
import type { CallContext } from '../../platform/context';
import { hospitalZones, localInstant } from '../../platform/zones';
import { defineHandlers } from '../../platform/handlers';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { AuditEntryEntity } from './audit.entity';
import { nameEntries } from './audit-names';
import { CHECKPOINT_SELECT, checkWitness, signingKeys, toCheckpoint, verifyTrail, type CheckpointRow, type WitnessCheck } from './audit-anchors';
import { createSigningKey, keyFingerprint, signCheckpoint, unlockSigningKey } from './audit-keys';

const NEWEST_FIRST: KeysetColumn<AuditEntryEntity>[] = [{ column: 'a.id', direction: 'DESC', kind: 'int', value: (r) => r.id }];
const CHECKPOINTS_NEWEST_FIRST: KeysetColumn<CheckpointRow>[] = [{ column: 'c.id', direction: 'DESC', kind: 'int', value: (r) => r.id }];

/** This workstation's witness checked in the call's transaction; a new alarm is recorded with the call and shown to admins. */
async function witnessCheck(ctx: CallContext): Promise<WitnessCheck> {
  const check = await checkWitness(ctx.em, ctx.runtime.workstation, ctx.now());
  if (check.newAlarm) {
    ctx.audit({ action: 'audit.tampered', changes: { ...check.newAlarm } });
    ctx.runtime.events.emit('audit.tampered', check.newAlarm);
  }
  return check;
}

/**
 * From/To are the hospitals' own days, as the trail shows each entry at its hospital's clock: an entry at 00:30 in
 * Kampala on the 4th is the 4th's, though it is the 3rd in UTC. Entries of no hospital (sign-ins, accounts) count in the
 * days of the desk's hospital (`deskHospitalId`), or UTC without one.
 */
async function whereOnLocalDays(ctx: CallContext, qb: SelectQueryBuilder<AuditEntryEntity>, from: string | undefined, to: string | undefined, deskHospitalId: number | undefined): Promise<void> {
  const zones = await hospitalZones(ctx.em);
  const bounds = (zone: string) => ({ start: from ? new Date(localInstant(from, 0, zone)) : null, end: to ? new Date(localInstant(addDays(to, 1), 0, zone)) : null });
  const byZone = new Map<string, number[]>();
  for (const z of zones.values()) byZone.set(z.timeZone, [...(byZone.get(z.timeZone) ?? []), z.id]);
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const within = (key: string, b: { start: Date | null; end: Date | null }) => {
    const c: string[] = [];
    if (b.start) {
      c.push(`a.at >= :${key}Start`);
      params[`${key}Start`] = b.start;
    }
    if (b.end) {
      c.push(`a.at < :${key}End`);
      params[`${key}End`] = b.end;
    }
    return c.join(' AND ');
  };
  [...byZone].forEach(([zone, ids], i) => {
    params[`zone${i}`] = ids;
    parts.push(`(a.hospitalId IN (:...zone${i}) AND ${within(`zone${i}`, bounds(zone))})`);
  });
  const deskZone = (deskHospitalId !== undefined && zones.get(deskHospitalId)?.timeZone) || 'UTC';
  parts.push(`(a.hospitalId IS NULL AND ${within('none', bounds(deskZone))})`);
  qb.andWhere(`(${parts.join(' OR ')})`, params);
}

export const auditHandlers = defineHandlers(audit, {
  'audit.list': async (input, ctx) => {
    const qb = ctx.em.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (input.userId) qb.andWhere('a.userId = :userId', { userId: input.userId });
    if (input.entity) qb.andWhere('a.entity = :entity', { entity: input.entity });
    if (input.entityId) qb.andWhere('a.entityId = :entityId', { entityId: input.entityId });
    if (input.from || input.to) await whereOnLocalDays(ctx, qb, input.from, input.to, input.hospitalId);
    const scope = ctx.scope();
    // A hospital's administrator sees its entries, and those of no hospital (sign-ins, account changes) made by people
    // who work at one of its hospitals or by nobody (the system); not another hospital's sign-ins, nor the chain's.
    if (scope !== 'all') {
      qb.andWhere(
        `(a.hospitalId IN (:...scope) OR (a.hospitalId IS NULL AND (a.userId IS NULL OR EXISTS (
           SELECT 1 FROM user_hospitals uh JOIN users u ON u.id = uh.user_id WHERE uh.user_id = a.userId AND u.all_hospitals = 0 AND uh.hospital_id IN (:...scope)))))`,
        { scope: scope.length ? scope : [0] },
      );
    }
    const page = await keysetPage(qb, { order: NEWEST_FIRST, cursor: input.cursor, limit: input.limit });
    const items: AuditEntry[] = page.items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.userId,
      username: r.username,
      channel: r.channel,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      hospitalId: r.hospitalId,
      changes: r.changes ? JSON.parse(r.changes) : null,
      recordName: null,
      names: {},
    }));
    await nameEntries(ctx.em, items);
    return { items, nextCursor: page.nextCursor };
  },
  'audit.verify': async (_input, ctx) => verifyTrail(ctx.em, await witnessCheck(ctx)),
  'audit.witness': async (_input, ctx) => {
    const { witness } = await witnessCheck(ctx);
    return { witness: witness && { entryId: witness.entryId, hash: witness.hash, seenAt: witness.seenAt }, alarm: witness?.alarm ?? null };
  },
  'audit.createSigningKey': async (input, ctx) => {
    const made = createSigningKey(input.passphrase);
    const at = ctx.now();
    const result: { insertId: number } = await ctx.em.query(
      'INSERT INTO audit_signing_keys (fingerprint, public_key, created_at, created_by, created_by_name) VALUES (?, ?, ?, ?, ?)',
      [made.fingerprint, made.publicKeyPem, at, ctx.user.userId, ctx.user.username],
    );
    ctx.audit({ action: 'audit.signingKeyCreated', entity: 'audit_signing_key', entityId: result.insertId, changes: { keyId: result.insertId, fingerprint: made.fingerprint } });
    return {
      key: { id: result.insertId, fingerprint: made.fingerprint, publicKeyPem: made.publicKeyPem, createdAt: at.toISOString(), createdBy: ctx.user.username },
      file: { fileName: `hospital-desk-audit-key-${made.fingerprint.slice(0, 12)}.pem`, contents: made.encryptedPrivateKeyPem },
    };
  },
  'audit.signingKeys': (_input, ctx) => signingKeys(ctx.em),
  'audit.signCheckpoint': async (input, ctx) => {
    const key = unlockSigningKey(input.keyFile, input.passphrase);
    if (!key) throw new AppError('VALIDATION', 'The passphrase does not open this key file.', { passphrase: 'Wrong passphrase for this key file.' });
    const fingerprint = keyFingerprint(createPublicKey(key));
    const [stored]: { id: number }[] = await ctx.em.query('SELECT id FROM audit_signing_keys WHERE fingerprint = ?', [fingerprint]);
    if (!stored) throw new AppError('VALIDATION', 'This key is not one of the app’s signing keys.', { keyFile: 'Not a signing key of this app.' });
    // What is signed is the witness's entry: the newest one the chain was walked to and verified, with nothing locked
    // meanwhile (entries other desks append while the trail is checked are left to the next checkpoint).
    const check = await witnessCheck(ctx);
    const verification = await verifyTrail(ctx.em, check);
    if (!verification.ok) throw conflict(`The audit trail does not verify, and a checkpoint would vouch for it: ${verification.problems[0] ?? 'see Verify chain'}`);
    if (!check.witness || check.witness.entryId === 0) throw conflict('The audit trail is empty: there is nothing to sign yet.');
    const { entryId, hash } = check.witness;
    const signedAt = ctx.now();
    const signature = signCheckpoint(key, entryId, hash, signedAt.toISOString());
    const result: { insertId: number } = await ctx.em.query(
      'INSERT INTO audit_checkpoints (key_id, entry_id, entry_hash, signed_at, signed_by, signed_by_name, signature) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [stored.id, entryId, hash, signedAt, ctx.user.userId, ctx.user.username, signature],
    );
    ctx.audit({ action: 'audit.checkpointSigned', entity: 'audit_checkpoint', entityId: result.insertId, changes: { checkpointId: result.insertId, entryId, entryHash: hash, keyFingerprint: fingerprint } });
    const [row]: CheckpointRow[] = await ctx.em.query(`${CHECKPOINT_SELECT} WHERE c.id = ?`, [result.insertId]);
    return toCheckpoint(row);
  },
  'audit.checkpoints': async (input, ctx) => {
    const page = await keysetPage<CheckpointRow>(ctx.em, { select: CHECKPOINT_SELECT, where: [], args: [] }, { order: CHECKPOINTS_NEWEST_FIRST, cursor: input.cursor, limit: input.limit });
    return { items: page.items.map(toCheckpoint), nextCursor: page.nextCursor };
  },
  'audit.exportCheckpoints': async (_input, ctx) => {
    const checkpoints = ((await ctx.em.query(`${CHECKPOINT_SELECT} ORDER BY c.id`)) as CheckpointRow[]).map(toCheckpoint);
    const at = ctx.now().toISOString();
    const file = {
      format: 'hospital-desk/audit-checkpoints/v1',
      exportedAt: at,
      signedMessage: 'UTF-8 of JSON ["hospital-desk/audit-checkpoint/v1", entryId, entryHash, signedAt], Ed25519',
      keys: await signingKeys(ctx.em),
      checkpoints,
    };
    return { fileName: `audit-checkpoints-${at.slice(0, 10)}.json`, contents: `${JSON.stringify(file, null, 2)}\n` };
  },
});
