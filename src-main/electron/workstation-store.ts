// This workstation's audit witness, in a JSON file of its own under the app's user-data folder (never in the database).
import { app } from 'electron';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { AuditWitness, WorkstationStore } from '../db/workstation';

export function fileWorkstation(dir = app.getPath('userData')): WorkstationStore {
  const file = join(dir, 'audit-witness.json');
  return {
    async loadWitness() {
      try {
        return JSON.parse(await fs.readFile(file, 'utf8')) as AuditWitness;
      } catch {
        return null;
      }
    },
    async saveWitness(witness) {
      if (!witness) {
        await fs.rm(file, { force: true });
        return;
      }
      // Written whole to a temporary file and renamed: a crash mid-write never leaves half a witness.
      const tmp = `${file}.tmp`;
      await fs.writeFile(tmp, JSON.stringify(witness, null, 2), { mode: 0o600 });
      await fs.rename(tmp, file);
    },
  };
}
