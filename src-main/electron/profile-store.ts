// The saved database profile on this workstation; the password is encrypted with Electron's safeStorage.
import { app, safeStorage } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ProfileStore } from '../db/database';
import type { DbTarget } from '../db/data-source';

interface StoredProfile {
  host: string;
  port: number;
  user: string;
  database: string;
  /** base64 of safeStorage.encryptString(password) */
  passwordEncrypted: string;
}

export function safeStorageProfiles(): ProfileStore {
  const file = join(app.getPath('userData'), 'connection.json');
  return {
    async load() {
      try {
        const p = JSON.parse(await fs.readFile(file, 'utf8')) as StoredProfile;
        const password = p.passwordEncrypted ? safeStorage.decryptString(Buffer.from(p.passwordEncrypted, 'base64')) : '';
        return { host: p.host, port: p.port, user: p.user, database: p.database, password };
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
      };
      await fs.writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    },
  };
}
