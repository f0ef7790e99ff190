// Workstation-independent settings of the installation.
import { z } from 'zod';
import { channel, returns } from './channel';

export interface Settings {
  idleLockMinutes: number;
}

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const settingsKinds = ['settings'] as const;

export const settings = {
  'settings.get': channel({ input: z.object({}).strict().optional(), output: returns<Settings>(), access: 'signedIn', kind: 'read', shows: ['settings'] }),
  'settings.update': channel({
    input: z.object({ idleLockMinutes: z.number().int().min(1).max(240) }),
    output: returns<Settings>(),
    access: ['admin'],
    kind: 'write',
    changes: ['settings'],
  }),
} as const;
