// The saved database profile on this workstation; the password is encrypted with Electron's safeStorage.
import { app, safeStorage } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ProfileGuard, ProfileStore } from '../db/database';
import type { DbTarget } from '../db/data-source';

interface StoredProfile {
  host: string;
  port: number;
  user: string;
  database: string;
  /** base64 of safeStorage.encryptString(password) */
  passwordEncrypted: string;
  /** The CA certificate (PEM) the server's TLS certificate is checked against, when the connection uses TLS. */
  ca?: string;
  /** The administrator whose password changes the connection while the database is unreachable (a scrypt hash). */
  guard?: ProfileGuard;
}

export function safeStorageProfiles(): ProfileStore {
  const file = join(app.getPath('userData'), 'connection.json');
  const read = async (): Promise<StoredProfile | null> => {
    try {
      return JSON.parse(await fs.readFile(file, 'utf8')) as StoredProfile;
    } catch {
      return null;
    }
  };
  const write = (p: StoredProfile) => fs.writeFile(file, JSON.stringify(p, null, 2), { mode: 0o600 });
  return {
    async loadGuard() {
      return (await read())?.guard ?? null;
    },
    async saveGuard(guard: ProfileGuard) {
      const p = await read();
      if (p) await write({ ...p, guard });
    },
    async load() {
      try {
        const p = JSON.parse(await fs.readFile(file, 'utf8')) as StoredProfile;
        const password = p.passwordEncrypted ? safeStorage.decryptString(Buffer.from(p.passwordEncrypted, 'base64')) : '';
        return { host: p.host, port: p.port, user: p.user, database: p.database, password, ...(p.ca ? { ca: p.ca } : {}) };
      } catch {
        return null;
      }
    },
    async save(t: DbTarget) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('This system offers no secure storage for the database password.');
      const stored: StoredProfile = {
        host: t.host,
        port: t.port,
        user: t.user,
        database: t.database,
        passwordEncrypted: t.password ? safeStorage.encryptString(t.password).toString('base64') : '',
        ...(t.ca ? { ca: t.ca } : {}),
        // The guard stays with the workstation when its connection changes.
        guard: (await read())?.guard,
      };
      await write(stored);
    },
  };
}
