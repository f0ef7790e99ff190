import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let desk: Desk & { userId: number };

beforeAll(async () => {
  app = await startTestApp();
  desk = await app.signedIn(['front_desk']);
  for (let i = 0; i < 5; i++) {
    await desk.ok('patients.register', { hospitalId: app.hospitalId, firstName: `Audit${i}`, lastName: 'Trail', dateOfBirth: `198${i}-01-01`, sex: 'male', phone: `077200000${i}` });
  }
});
afterAll(async () => app?.close());

/** The database refuses UPDATE and DELETE on the trail; a tamperer with DBA rights has to drop the triggers first. */
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

describe('the audit trail', () => {
  it('is append-only in the database itself', async () => {
    await expect(app.db.sql("UPDATE audit_log SET action = 'x' WHERE id = 1")).rejects.toThrow(/append-only/);
    await expect(app.db.sql('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(app.db.sql('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('verifies an untouched chain', async () => {
    const v = await app.admin.ok('audit.verify');
    expect(v).toMatchObject({ ok: true, brokenAt: null });
    expect(v.checked).toBeGreaterThan(8);
  });

  it('detects an edited entry and names it', async () => {
    const [target] = await app.db.sql<{ id: number; changes: string }>("SELECT id, changes FROM audit_log WHERE action = 'patient.register' ORDER BY id LIMIT 1 OFFSET 2");
    await asTamperer(() => app.db.sql('UPDATE audit_log SET changes = ? WHERE id = ?', [target.changes.replace('Audit2', 'Audit9'), target.id]));
    expect(await app.admin.ok('audit.verify')).toMatchObject({ ok: false, brokenAt: { id: target.id, reason: expect.stringMatching(/changed/) } });
    await asTamperer(() => app.db.sql('UPDATE audit_log SET changes = ? WHERE id = ?', [target.changes, target.id]));
    expect((await app.admin.ok('audit.verify')).ok).toBe(true);
  });

  it('detects an edit that recomputes the entry’s own hash, at the next link', async () => {
    const [target] = await app.db.sql<{ id: number; hash: string }>("SELECT id, hash FROM audit_log WHERE action = 'patient.register' ORDER BY id LIMIT 1 OFFSET 1");
    await asTamperer(() => app.db.sql('UPDATE audit_log SET hash = ? WHERE id = ?', ['f'.repeat(64), target.id]));
    const v = await app.admin.ok('audit.verify');
    expect(v.ok).toBe(false);
    expect(v.brokenAt!.id).toBe(target.id);
    await asTamperer(() => app.db.sql('UPDATE audit_log SET hash = ? WHERE id = ?', [target.hash, target.id]));
  });

  it('detects a deleted entry, a deleted tail and reordered entries', async () => {
    const rows = await app.db.sql<Record<string, unknown> & { id: number }>('SELECT * FROM audit_log ORDER BY id');
    const victim = rows[3];
    await asTamperer(() => app.db.sql('DELETE FROM audit_log WHERE id = ?', [victim.id]));
    expect(await app.admin.ok('audit.verify')).toMatchObject({ ok: false, brokenAt: { id: rows[4].id, reason: expect.stringMatching(/missing/) } });
    await asTamperer(() => app.db.sql('INSERT INTO audit_log SET ?', [victim]));
    expect((await app.admin.ok('audit.verify')).ok).toBe(true);

    // Swap the contents of two entries (keeping ids): the links no longer hold.
    const [a, b] = [rows[5], rows[6]];
    const swap = async (from: typeof a, toId: number) =>
      app.db.sql('UPDATE audit_log SET action = ?, changes = ?, entity_id = ?, prev_hash = ?, hash = ? WHERE id = ?', [from.action, from.changes, from.entity_id, from.prev_hash, from.hash, toId]);
    await asTamperer(async () => {
      await swap(b, a.id);
      await swap(a, b.id);
    });
    expect(await app.admin.ok('audit.verify')).toMatchObject({ ok: false, brokenAt: { id: a.id } });
    await asTamperer(async () => {
      await swap(a, a.id);
      await swap(b, b.id);
    });
    expect((await app.admin.ok('audit.verify')).ok).toBe(true);

    const last = rows[rows.length - 1];
    const tail = (await app.db.sql<Record<string, unknown> & { id: number }>('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1'))[0];
    await asTamperer(() => app.db.sql('DELETE FROM audit_log WHERE id = ?', [tail.id]));
    expect(await app.admin.ok('audit.verify')).toMatchObject({ ok: false, brokenAt: { reason: expect.stringMatching(/missing/) } });
    await asTamperer(() => app.db.sql('INSERT INTO audit_log SET ?', [tail]));
    expect(last.id).toBeLessThanOrEqual(tail.id);
  });

  it('records who did what to which record, and lists it filtered by user, record and date', async () => {
    const [p] = (await desk.ok('patients.search', { query: 'trail audit3' })).items;
    await desk.ok('patients.get', { id: p.id });
    const byRecord = await app.admin.ok('audit.list', { entity: 'patient', entityId: String(p.id) });
    expect(byRecord.items.map((e) => e.action)).toEqual(['patient.read', 'patient.register']);
    expect(byRecord.items[0]).toMatchObject({ userId: desk.userId, username: expect.any(String), channel: 'patients.get' });
    const byUser = await app.admin.ok('audit.list', { userId: desk.userId, limit: 3 });
    expect(byUser.items.every((e) => e.userId === desk.userId)).toBe(true);
    expect(byUser.items).toHaveLength(3);
    const next = await app.admin.ok('audit.list', { userId: desk.userId, limit: 3, cursor: byUser.nextCursor });
    expect(next.items[0].id).toBeLessThan(byUser.items[2].id);
    const today = new Date().toISOString().slice(0, 10);
    expect((await app.admin.ok('audit.list', { from: today, to: today })).items.length).toBeGreaterThan(0);
    expect((await app.admin.ok('audit.list', { from: '2000-01-01', to: '2000-01-02' })).items).toEqual([]);
    await app.admin.fails('audit.list', { from: '2026-02-01', to: '2026-01-01' }, 'VALIDATION');
    await desk.fails('audit.verify', {}, 'FORBIDDEN');
  });

  it('writes an entry with each change and none when the change fails', async () => {
    const count = async () => Number((await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    const before = await count();
    await desk.fails('patients.register', { hospitalId: app.hospitalId, firstName: 'X', lastName: 'Y', dateOfBirth: '2030-01-01', sex: 'male', phone: '0772000999' }, 'VALIDATION');
    await desk.fails('patients.update', { id: 1, version: 99, city: 'Nowhere' }, 'CONFLICT');
    expect(await count()).toBe(before);
    await desk.ok('patients.update', { id: 1, version: 1, city: 'Somewhere' });
    expect(await count()).toBe(before + 1);
    expect((await app.admin.ok('audit.verify')).ok).toBe(true);
  });
});
