// The audit trail: browse it and prove it has not been tampered with.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, returns, Text, type Page } from './channel';

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  channel: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  hospitalId: number | null;
  /** What changed: field → [before, after]; or facts of the event. Secrets never appear. */
  changes: Record<string, unknown> | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose link does not hold, and why. */
  brokenAt: { id: number; reason: string } | null;
}

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const auditKinds = [] as const;

export const audit = {
  'audit.list': channel({
    input: z
      .object({
        userId: Id.optional(),
        entity: Text(40).optional(),
        entityId: Text(40).optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        limit: Limit,
        cursor: Cursor,
      })
      .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], error: 'Must not be before "from".' }),
    output: returns<Page<AuditEntry>>(),
    access: ['admin'],
    kind: 'read',
    shows: [],
  }),
  'audit.verify': channel({ input: z.object({}).strict().optional(), output: returns<AuditVerification>(), access: ['admin'], kind: 'read', shows: [] }),
} as const;
