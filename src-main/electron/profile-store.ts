// The saved database profile on this workstation; the password is encrypted with Electron's safeStorage.
import { app, safeStorage } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ProfileGuard, ProfileStore } from '../db/database';
import type { DbTarget, ReplicaTarget } from '../db/data-source';
import { isEmbeddedTarget } from '../db/embedded';

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
  /** "Only this computer": the database is this workstation's private server, started with the app (db/embedded.ts). */
  embedded?: true;
  /** Read replicas of the server (the lag-tolerant reads go there). */
  replicas?: StoredReplica[];
}

/** A read replica as saved: its password encrypted like the primary's. */
type StoredReplica = Pick<StoredProfile, 'host' | 'port' | 'user' | 'database' | 'passwordEncrypted' | 'ca'>;

const encrypt = (password: string) => (password ? safeStorage.encryptString(password).toString('base64') : '');
const decrypt = (encrypted: string) => (encrypted ? safeStorage.decryptString(Buffer.from(encrypted, 'base64')) : '');

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
        const password = decrypt(p.passwordEncrypted);
        const replicas: ReplicaTarget[] = (p.replicas ?? []).map(({ passwordEncrypted, ...r }) => ({ ...r, password: decrypt(passwordEncrypted) }));
        return {
          host: p.host,
          port: p.port,
          user: p.user,
          database: p.database,
          password,
          ...(p.ca ? { ca: p.ca } : {}),
          ...(replicas.length ? { replicas } : {}),
          ...(p.embedded ? { embedded: true } : {}),
        };
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
        passwordEncrypted: encrypt(t.password),
        ...(t.ca ? { ca: t.ca } : {}),
        ...(isEmbeddedTarget(t) ? { embedded: true as const } : {}),
        ...(t.replicas?.length ? { replicas: t.replicas.map(({ password, ...r }) => ({ ...r, passwordEncrypted: encrypt(password) })) } : {}),
        // The guard stays with the workstation when its connection changes.
        guard: (await read())?.guard,
      };
      await write(stored);
    },
  };
}
