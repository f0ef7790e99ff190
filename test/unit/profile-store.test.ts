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
