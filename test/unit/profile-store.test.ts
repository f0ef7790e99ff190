// src-main/electron/profile-store.ts: the saved connection keeps its read replicas (their passwords encrypted like the
// primary's) and the "Only this computer" mark, through Electron's safeStorage (stood in for by a reversible cipher).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const dir = vi.hoisted(() => ({ path: '' }));
vi.mock('electron', () => ({
  app: { getPath: () => dir.path },
  safeStorage: {
    isEncryptionAvailable: () => true,
    // Not encryption: a marked reversal, so the test can tell that the file never holds a password as typed.
    encryptString: (s: string) => Buffer.from(`enc:${[...s].reverse().join('')}`),
    decryptString: (b: Buffer) => [...b.toString().slice(4)].reverse().join(''),
  },
}));

dir.path = mkdtempSync(join(tmpdir(), 'hms-profile-'));
afterAll(() => rmSync(dir.path, { recursive: true, force: true }));

describe('the saved connection profile', () => {
  it('keeps the read replicas with their own encrypted passwords, and the guard, across saves', async () => {
    const { safeStorageProfiles } = await import('../../src-main/electron/profile-store');
    const store = safeStorageProfiles();
    const primary = { host: 'db.lan', port: 3306, user: 'hd_app', password: 'primary-secret', database: 'hospital' };
    const replicas = [
      { host: 'r1.lan', port: 3307, user: 'hd_app', password: 'primary-secret', database: 'hospital' },
      { host: 'r2.lan', port: 3306, user: 'reader', password: 'reader-secret', database: 'hospital' },
    ];
    await store.save({ ...primary, replicas });
    await store.saveGuard({ username: 'admin', passwordHash: 'scrypt$x' });
    expect(await store.load()).toEqual({ ...primary, replicas });
    const file = readFileSync(join(dir.path, 'connection.json'), 'utf8');
    expect(file).not.toMatch(/primary-secret|reader-secret/);
    // Saved without replicas (the handler decides whether to keep them): none, and the guard stays.
    await store.save(primary);
    expect(await store.load()).toEqual(primary);
    expect(await store.loadGuard()).toEqual({ username: 'admin', passwordHash: 'scrypt$x' });
  });

  it('remembers that the database is this computer’s private server', async () => {
    const { safeStorageProfiles } = await import('../../src-main/electron/profile-store');
    const { isEmbeddedTarget } = await import('../../src-main/db/embedded');
    const store = safeStorageProfiles();
    await store.save({ host: '127.0.0.1', port: 40123, user: 'hd_app', password: 'app-secret', database: 'hospital_desk', embedded: true } as never);
    const loaded = await store.load();
    expect(isEmbeddedTarget(loaded)).toBe(true);
    expect(loaded).toMatchObject({ host: '127.0.0.1', port: 40123, user: 'hd_app', password: 'app-secret' });
  });
});
