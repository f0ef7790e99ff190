import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Events } from '@shared/contract';
import type { AuditCheckpoint } from '@shared/contract/audit';
import { entryHash, GENESIS_HASH } from '../../src-main/features/audit/audit-chain';
import type { AuditEntryEntity } from '../../src-main/features/audit/audit.entity';
import { signCheckpoint } from '../../src-main/features/audit/audit-keys';
import { checkAuditWitness } from '../../src-main/ipc/audit-watch';
import { startTestApp, type Desk, type TestApp } from '../support/app';

type Row = Record<string, unknown> & { id: number; hash: string; prev_hash: string; changes: string | null };

let app: TestApp;
let desk: Desk;
let keyFile: string;
const PASSPHRASE = 'the-key-stays-with-me';
let first: AuditCheckpoint;
let second: AuditCheckpoint;
/** The trail and its head as the app wrote them: every tampering below is undone by putting this back. */
let snapshot: { rows: Row[]; head: { last_id: number; last_hash: string } };
const alarms: Events['audit.tampered'][] = [];
let n = 0;

const NAMES = ['Amina', 'Brian', 'Cissy', 'Dennis', 'Esther', 'Fred', 'Grace', 'Henry', 'Irene', 'Joel', 'Kevin', 'Lydia'];
const register = () => {
  n++;
  return desk.ok('patients.register', { hospitalId: app.hospitalId, firstName: NAMES[n], lastName: `Okello${'x'.repeat(n)}`, dateOfBirth: `${1950 + n}-0${(n % 9) + 1}-1${n % 9}`, sex: 'female', phone: `07730000${String(n).padStart(2, '0')}` });
};

async function asTamperer(fn: () => Promise<unknown>): Promise<void> {
  await app.db.sql('DROP TRIGGER audit_log_no_update');
  await app.db.sql('DROP TRIGGER audit_log_no_delete');
  try {
    await fn();
  } finally {
    await app.db.sql(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
    await app.db.sql(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
  }
}

const entity = (r: Row) =>
  ({
    id: Number(r.id),
    at: r.at as Date,
    userId: r.user_id as number | null,
    username: r.username as string | null,
    channel: r.channel as string,
    action: r.action as string,
    entity: r.entity as string | null,
    entityId: r.entity_id as string | null,
    hospitalId: r.hospital_id as number | null,
    changes: r.changes,
    prevHash: r.prev_hash,
  }) as Omit<AuditEntryEntity, 'hash'>;

async function takeSnapshot() {
  const rows = await app.db.sql<Row>('SELECT * FROM audit_log ORDER BY id');
  const [head] = await app.db.sql<{ last_id: number; last_hash: string }>('SELECT last_id, last_hash FROM audit_head WHERE id = 1');
  return { rows, head };
}

/** TRUNCATE fires no trigger: the trail is put back exactly as it was. */
async function restore() {
  await app.db.sql('TRUNCATE audit_log');
  for (const r of snapshot.rows) await app.db.sql('INSERT INTO audit_log SET ?', [r]);
  await app.db.sql('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1', [snapshot.head.last_id, snapshot.head.last_hash]);
}

const tamperedEntries = async () => app.db.sql<{ id: number; changes: string }>("SELECT id, changes FROM audit_log WHERE action = 'audit.tampered' ORDER BY id");

beforeAll(async () => {
  app = await startTestApp();
  desk = await app.signedIn(['front_desk']);
  app.runtime.events.subscribe((name, payload) => {
    if (name === 'audit.tampered') alarms.push(payload as Events['audit.tampered']);
  });
  for (let i = 0; i < 4; i++) await register();
  const made = await app.admin.ok('audit.createSigningKey', { passphrase: PASSPHRASE });
  keyFile = made.file.contents;
  expect(keyFile).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
  expect(made.file.fileName).toMatch(/\.pem$/);
  first = await app.admin.ok('audit.signCheckpoint', { keyFile, passphrase: PASSPHRASE });
  for (let i = 0; i < 4; i++) await register();
  second = await app.admin.ok('audit.signCheckpoint', { keyFile, passphrase: PASSPHRASE });
  for (let i = 0; i < 2; i++) await register();
  // This workstation's witness sees the newest entry.
  expect(await checkAuditWitness(app.runtime)).toBeNull();
  snapshot = await takeSnapshot();
});
afterAll(async () => app?.close());

beforeEach(async () => {
  await restore();
  // Back as it was, the trail holds the witness again: its alarm clears.
  expect(await checkAuditWitness(app.runtime)).toBeNull();
  alarms.length = 0;
});

describe('anchoring the audit trail outside the database', () => {
  it('keeps the private key out of the database and the public key in it', async () => {
    const keys = await app.admin.ok('audit.signingKeys');
    expect(keys).toHaveLength(1);
    expect(keys[0].publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
    const dump = JSON.stringify(await app.db.sql('SELECT * FROM audit_signing_keys')) + JSON.stringify(await app.db.sql('SELECT * FROM audit_checkpoints'));
    expect(dump).not.toMatch(/PRIVATE KEY/);
    expect(JSON.stringify(await app.db.sql("SELECT changes FROM audit_log WHERE action LIKE 'audit.%'"))).not.toContain(PASSPHRASE);
  });

  it('verifies an untouched trail and names the newest checkpoint it matches', async () => {
    const v = await app.admin.ok('audit.verify');
    expect(v).toMatchObject({ ok: true, brokenAt: null, problems: [], checkpoint: { id: second.id, entryId: second.entryId, signatureValid: true }, checkpoints: { total: 2, invalid: [], broken: [] } });
    expect(v.witness).toMatchObject({ ok: true, reason: null });
    expect(v.witness!.entryId).toBeGreaterThanOrEqual(snapshot.head.last_id);
    const page = await app.admin.ok('audit.checkpoints', { limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual([second.id]);
    expect((await app.admin.ok('audit.checkpoints', { limit: 1, cursor: page.nextCursor })).items.map((c) => c.id)).toEqual([first.id]);
    const file = await app.admin.ok('audit.exportCheckpoints');
    const parsed = JSON.parse(file.contents) as { keys: unknown[]; checkpoints: AuditCheckpoint[] };
    expect(parsed.keys).toHaveLength(1);
    expect(parsed.checkpoints.map((c) => [c.id, c.entryHash, c.signature])).toEqual([first, second].map((c) => [c.id, c.entryHash, c.signature]));
  });

  it('refuses a checkpoint signed with a wrong passphrase or a key the app does not know', async () => {
    const wrong = await app.admin.fails('audit.signCheckpoint', { keyFile, passphrase: 'not-my-passphrase' }, 'VALIDATION');
    expect(wrong.fields).toHaveProperty('passphrase');
    const stranger = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }).toString();
    const unknown = await app.admin.fails('audit.signCheckpoint', { keyFile: stranger, passphrase: PASSPHRASE }, 'VALIDATION');
    expect(unknown.fields).toHaveProperty('keyFile');
    await desk.fails('audit.signCheckpoint', { keyFile, passphrase: PASSPHRASE }, 'FORBIDDEN');
    await desk.fails('audit.createSigningKey', { passphrase: PASSPHRASE }, 'FORBIDDEN');
    expect((await app.admin.ok('audit.checkpoints', {})).items).toHaveLength(2);
  });

  it('reports a forged checkpoint row as invalid', async () => {
    const [head] = await app.db.sql<{ last_id: number; last_hash: string }>('SELECT last_id, last_hash FROM audit_head');
    const signedAt = new Date('2026-01-01T00:00:00.000Z');
    const forger = generateKeyPairSync('ed25519').privateKey;
    const signature = signCheckpoint(forger, head.last_id, head.last_hash, signedAt.toISOString());
    await app.db.sql('INSERT INTO audit_checkpoints (key_id, entry_id, entry_hash, signed_at, signature) VALUES (?, ?, ?, ?, ?)', [first.keyId, head.last_id, head.last_hash, signedAt, signature]);
    try {
      const v = await app.admin.ok('audit.verify');
      expect(v.ok).toBe(false);
      expect(v.checkpoints.invalid).toEqual([{ id: expect.any(Number), entryId: head.last_id }]);
      expect(v.checkpoint?.id).toBe(second.id);
      expect(v.problems.join(' ')).toMatch(/forged/);
      expect((await app.admin.ok('audit.checkpoints', { limit: 1 })).items[0].signatureValid).toBe(false);
    } finally {
      await app.db.sql('DELETE FROM audit_checkpoints WHERE id > ?', [second.id]);
    }
  });

  it('detects an edited entry whose hashes were recomputed onward and the head moved: against the checkpoint and the witness', async () => {
    const target = snapshot.rows.find((r) => r.id > first.entryId && r.id < second.entryId && r.changes?.includes('Okello'))!;
    await asTamperer(async () => {
      let prevHash = GENESIS_HASH;
      for (const r of snapshot.rows) {
        if (r.id < target.id) {
          prevHash = r.hash;
          continue;
        }
        const changes = r.id === target.id ? r.changes!.replace(/Okello/, 'Forged') : r.changes;
        const hash = entryHash({ ...entity(r), changes, prevHash });
        await app.db.sql('UPDATE audit_log SET changes = ?, prev_hash = ?, hash = ? WHERE id = ?', [changes, prevHash, hash, r.id]);
        prevHash = hash;
      }
      await app.db.sql('UPDATE audit_head SET last_hash = ? WHERE id = 1', [prevHash]);
    });

    // The workstation's own check raises the alarm: an entry in the trail and an event to the screens.
    const alarm = await checkAuditWitness(app.runtime);
    expect(alarm).toMatchObject({ expected: { entryId: snapshot.head.last_id, hash: snapshot.head.last_hash }, found: { entryId: snapshot.head.last_id }, reason: expect.stringMatching(/differs|rewritten/) });
    expect(alarms).toEqual([alarm]);
    const entries = await tamperedEntries();
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0].changes)).toMatchObject({ expected: { entryId: snapshot.head.last_id } });
    // Raised once, not at every check.
    expect(await checkAuditWitness(app.runtime)).toBeNull();
    expect(await tamperedEntries()).toHaveLength(1);

    const v = await app.admin.ok('audit.verify');
    expect(v.ok).toBe(false);
    expect(v.checkpoint).toMatchObject({ id: first.id });
    expect(v.checkpoints.broken).toEqual([{ id: second.id, entryId: second.entryId, reason: expect.stringMatching(/rewritten/) }]);
    expect(v.witness).toMatchObject({ ok: false });
    expect(v.brokenAt!.id).toBeGreaterThan(first.entryId);
    expect(v.brokenAt!.id).toBeLessThanOrEqual(second.entryId);
    expect(v.brokenAt!.reason).toMatch(new RegExp(`checkpoint #${first.id}`));
    expect((await app.admin.ok('audit.witness')).alarm).toMatchObject({ expected: { entryId: snapshot.head.last_id } });
    // A checkpoint never vouches for a trail that does not verify.
    await app.admin.fails('audit.signCheckpoint', { keyFile, passphrase: PASSPHRASE }, 'CONFLICT');
  });

  it('detects a cut tail with the head moved back', async () => {
    const cut = snapshot.rows.find((r) => r.id > first.entryId && r.id < second.entryId)!;
    await asTamperer(async () => {
      await app.db.sql('DELETE FROM audit_log WHERE id > ?', [cut.id]);
      await app.db.sql('UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1', [cut.id, cut.hash]);
    });
    const v = await app.admin.ok('audit.verify');
    expect(v.ok).toBe(false);
    expect(v.checkpoint).toMatchObject({ id: first.id });
    expect(v.checkpoints.broken).toEqual([{ id: second.id, entryId: second.entryId, reason: expect.stringMatching(/gone/) }]);
    expect(v.witness).toMatchObject({ ok: false, reason: expect.stringMatching(/gone/) });
    expect(v.brokenAt).toMatchObject({ id: cut.id + 1 });
    expect(alarms).toHaveLength(1);
    expect(await tamperedEntries()).toHaveLength(1);
  });

  it('detects an emptied trail (TRUNCATE fires no trigger) with its head reset', async () => {
    await app.db.sql('TRUNCATE audit_log');
    await app.db.sql('UPDATE audit_head SET last_id = 0, last_hash = ? WHERE id = 1', [GENESIS_HASH]);
    const alarm = await checkAuditWitness(app.runtime);
    expect(alarm).toMatchObject({ reason: expect.stringMatching(/empty/), found: { entryId: null, lastId: 0 } });
    const v = await app.admin.ok('audit.verify');
    expect(v.ok).toBe(false);
    expect(v.checkpoint).toBeNull();
    expect(v.checkpoints.broken.map((b) => b.id).sort()).toEqual([first.id, second.id].sort());
    expect(v.brokenAt).toMatchObject({ id: 1 });
    expect(v.problems.join(' ')).toMatch(/empty/);
  });
});
