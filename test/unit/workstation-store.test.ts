import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'hms-witness-'));

// Electron's binary cannot run here: only app.getPath is needed.
vi.mock('electron', () => ({ app: { getPath: () => userData } }));

describe('the workstation’s audit witness file', () => {
  it('keeps the witness in its own file under the user-data folder, readable by the owner only', async () => {
    const { fileWorkstation } = await import('../../src-main/electron/workstation-store');
    const store = fileWorkstation();
    expect(await store.loadWitness()).toBeNull();
    const witness = { entryId: 41, hash: 'c'.repeat(64), seenAt: '2026-12-06T03:00:00.000Z', alarm: null };
    await store.saveWitness(witness);
    const file = join(userData, 'audit-witness.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(witness);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await fileWorkstation().loadWitness()).toEqual(witness);
    await store.saveWitness(null);
    expect(existsSync(file)).toBe(false);
    expect(await store.loadWitness()).toBeNull();
  });
});
