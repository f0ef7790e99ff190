import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'hms-profile-'));

// Electron's binary cannot run here; its safeStorage is stood in for by a reversible cipher that is not the identity.
vi.mock('electron', () => ({
  app: { getPath: () => userData },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(`enc:${[...s].reverse().join('')}`),
    decryptString: (b: Buffer) => [...b.toString().slice(4)].reverse().join(''),
  },
}));

describe('the saved connection profile', () => {
  it('stores the password only encrypted, readable by the owner only, and reads it back', async () => {
    const { safeStorageProfiles } = await import('../../src-main/electron/profile-store');
    const store = safeStorageProfiles();
    expect(await store.load()).toBeNull();
    const target = { host: 'db.hospital.local', port: 3307, user: 'desk', password: 'S3cret-Pa55', database: 'hospital' };
    await store.save(target);
    const file = join(userData, 'connection.json');
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('S3cret-Pa55');
    expect(raw).toContain('db.hospital.local');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await store.load()).toEqual(target);
  });
});

describe('read replicas and "Only this computer" in the saved profile', () => {
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
    expect(readFileSync(join(userData, 'connection.json'), 'utf8')).not.toMatch(/primary-secret|reader-secret/);
    // Saved without replicas (connection.save decides whether to keep them): none, and the guard stays.
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
