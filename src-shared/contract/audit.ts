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
  /** The record's name as staff know it (a patient, a staff member, a user, a department, a hospital), when it has one. */
  recordName: string | null;
  /** Names of the records ids in `changes` point at, keyed `field:id` ("staffId:13" → "Grace Namubiru"). */
  names: Record<string, string>;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose link does not hold, or that differs from a signed checkpoint or this workstation's witness, and why. */
  brokenAt: { id: number; reason: string } | null;
  /** The newest checkpoint with a valid signature that the trail still matches (null: none does, or none was signed). */
  checkpoint: AuditCheckpoint | null;
  /** Signed checkpoints: how many, those whose signature is not by their key (forged), those the trail no longer matches. */
  checkpoints: { total: number; invalid: { id: number; entryId: number }[]; broken: { id: number; entryId: number; reason: string }[] };
  /** This workstation's witness (the newest entry it had seen) and whether the trail still holds it. */
  witness: { entryId: number; hash: string; ok: boolean; reason: string | null } | null;
  /** Every problem found, in sentences. */
  problems: string[];
}

/** An administrator's public key: checkpoints signed with its private key (which the app never holds) are checked with it. */
export interface AuditSigningKey {
  id: number;
  /** SHA-256 of the public key (DER), hex: compare it with the one the key file's owner noted down. */
  fingerprint: string;
  publicKeyPem: string;
  createdAt: string;
  createdBy: string | null;
}

/** A signed statement "entry N of the trail had hash H at time T". */
export interface AuditCheckpoint {
  id: number;
  keyId: number;
  keyFingerprint: string;
  entryId: number;
  entryHash: string;
  signedAt: string;
  signedBy: string | null;
  /** Ed25519 signature, base64, over checkpointMessage(entryId, entryHash, signedAt). */
  signature: string;
  /** Whether the signature is by the stored public key. */
  signatureValid: boolean;
}

/** The witness as this workstation keeps it, with the alarm it raised (if the trail no longer held its entry). */
export interface AuditWitnessStatus {
  witness: { entryId: number; hash: string; seenAt: string } | null;
  alarm: AuditTamperAlarm | null;
}

export interface AuditTamperAlarm {
  reason: string;
  expected: { entryId: number; hash: string };
  found: { entryId: number | null; hash: string | null; lastId: number };
  detectedAt: string;
}

/** A file the screen saves under this name (the encrypted key, the checkpoints). */
export interface AuditFile {
  fileName: string;
  contents: string;
}

/** The passphrase that encrypts an administrator's private key file. */
const Passphrase = z.string().min(12, { error: 'At least 12 characters.' }).max(200);
/** An encrypted PKCS#8 PEM file, as read from disk. */
const KeyFile = z.string().trim().min(1, { error: 'Choose the key file.' }).max(10_000).regex(/-----BEGIN ENCRYPTED PRIVATE KEY-----/, { error: 'This is not an encrypted private key file.' });

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them (the trail itself is none). */
export const auditKinds = ['audit_signing_key', 'audit_checkpoint'] as const;

export const audit = {
  'audit.list': channel({
    input: z
      .object({
        userId: Id.optional(),
        entity: Text(40).optional(),
        entityId: Text(40).optional(),
        from: IsoDate.optional(),
        to: IsoDate.optional(),
        /** The desk's hospital: entries of no hospital are counted in its days (each other entry in its own hospital's). */
        hospitalId: Id.optional(),
        limit: Limit,
        cursor: Cursor,
      })
      .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], error: 'Must not be before "from".' }),
    output: returns<Page<AuditEntry>>(),
    access: ['admin'],
    kind: 'read',
    replica: true,
    shows: [],
  }),
  'audit.verify': channel({ input: z.object({}).strict().optional(), output: returns<AuditVerification>(), access: ['admin'], kind: 'read', shows: [] }),
  /** A new Ed25519 key pair: the public key is kept, the private key is returned once, encrypted with the passphrase. */
  'audit.createSigningKey': channel({
    input: z.object({ passphrase: Passphrase }).strict(),
    output: returns<{ key: AuditSigningKey; file: AuditFile }>(),
    access: ['admin'],
    kind: 'write',
    changes: ['audit_signing_key'],
  }),
  'audit.signingKeys': channel({ input: z.object({}).strict().optional(), output: returns<AuditSigningKey[]>(), access: ['admin'], kind: 'read', shows: ['audit_signing_key'] }),
  /** Signs the trail's newest entry (after verifying the trail) with the administrator's key file, unlocked by the passphrase. */
  'audit.signCheckpoint': channel({
    input: z.object({ keyFile: KeyFile, passphrase: z.string().min(1, { error: 'Required.' }).max(200) }).strict(),
    output: returns<AuditCheckpoint>(),
    access: ['admin'],
    kind: 'write',
    changes: ['audit_checkpoint'],
  }),
  'audit.checkpoints': channel({
    input: z.object({ limit: Limit, cursor: Cursor }).strict(),
    output: returns<Page<AuditCheckpoint>>(),
    access: ['admin'],
    kind: 'read',
    shows: ['audit_checkpoint'],
  }),
  /** Every public key and checkpoint as one JSON file, to keep away from the database. */
  'audit.exportCheckpoints': channel({ input: z.object({}).strict().optional(), output: returns<AuditFile>(), access: ['admin'], kind: 'read', shows: ['audit_signing_key', 'audit_checkpoint'] }),
  /** This workstation's witness: checks the trail against it (raising the alarm on a mismatch) and says what it holds. */
  'audit.witness': channel({ input: z.object({}).strict().optional(), output: returns<AuditWitnessStatus>(), access: ['admin'], kind: 'read', shows: [] }),
} as const;
