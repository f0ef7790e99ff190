// First start: where the database is, and the first hospital with its administrator.
import { z } from 'zod';
import { channel, returns, RequiredText } from './channel';
import { HospitalFields } from './hospitals';
import { Password, passwordNotUsername, Username } from './users';

export const ConnectionFields = z.object({
  host: RequiredText(255),
  port: z.number().int().min(1).max(65535).default(3306),
  user: RequiredText(80),
  password: z.string().max(200).default(''),
  database: RequiredText(64).pipe(z.string().regex(/^[A-Za-z0-9_]+$/, { error: 'Letters, digits and _ only.' })),
  /** The CA certificate (PEM) the server's TLS certificate is checked against; given, the connection is encrypted. */
  ca: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .pipe(z.string().regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, { error: 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).' }).optional()),
  /**
   * Read replicas of this server, comma-separated: mysql://user:pass@host:3306 URLs or host:port (the same account
   * and database). Left out: a saved profile's replicas stay as they are; empty: none.
   */
  readReplicas: z.string().max(4000).optional(),
});
export type ConnectionFields = z.input<typeof ConnectionFields>;

const AccountName = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_]+$/, { error: 'Letters, digits and _ only.' });

/**
 * A new database set up from the connection screen with the server's administrator account (used for this call only,
 * never stored): the database, an owner account for migrations and an application account this workstation keeps.
 */
export const ProvisionInput = ConnectionFields.omit({ user: true, password: true }).extend({
  serverAdminUser: RequiredText(80),
  serverAdminPassword: z.string().max(200).default(''),
  ownerUser: AccountName.default('hd_owner'),
  appUser: AccountName.default('hd_app'),
  /** Needed only when the application account already exists (its password is not known here). */
  appPassword: z.string().max(200).optional(),
  adminUsername: z.string().max(80).optional(),
  adminPassword: z.string().max(200).optional(),
});
export type ProvisionInput = z.input<typeof ProvisionInput>;

/** The owner account's credentials for upgrading the schema from the connection screen (used once, never stored). */
export const UpgradeInput = z.object({ ownerUser: RequiredText(80), ownerPassword: z.string().max(200).default('') });
export type UpgradeInput = z.input<typeof UpgradeInput>;

export interface ProvisionOutcome {
  status: ConnectionStatus;
  /** The owner account for `npm run db:migrate`: shown this once, kept by the administrator, not by the workstation. */
  ownerUser: string;
  ownerPassword: string;
  appUser: string;
  migrationsApplied: number;
}

/**
 * A connection to test or save, with — while this workstation's configured database cannot be reached — the user
 * name and password of the administrator who guards its profile (ConnectionStatus.needsAdminPassword).
 */
export const ConnectionChange = ConnectionFields.extend({
  adminUsername: z.string().max(80).optional(),
  adminPassword: z.string().max(200).optional(),
});
export type ConnectionChange = z.input<typeof ConnectionChange>;

export interface ConnectionStatus {
  /** Where the connection comes from: the HMS_DATABASE_URL environment, the saved profile, or nowhere yet. */
  source: 'env' | 'profile' | 'none';
  connected: boolean;
  host: string | null;
  port: number | null;
  user: string | null;
  database: string | null;
  serverVersion: string | null;
  /** Why the last attempt failed, in words a desk can act on. */
  message: string | null;
  /**
   * The database cannot be reached and this workstation's connection is guarded: testing or changing it needs its
   * administrator's user name and password. Host, user and database are shown to administrators only.
   */
  needsAdminPassword: boolean;
  /**
   * For administrators only: the database account may do more than the app needs (DDL, GRANT, server-wide rights), or
   * lacks rights it needs. Null when it has exactly what it needs, or for anyone else.
   */
  accountWarning: string | null;
  /** The schema is older than this version and this account may not upgrade it: setup.upgrade with the owner account. */
  needsUpgrade: boolean;
  /**
   * A read replica is left aside (not answering, or lagging beyond the limit) and its reads go to the primary: which
   * and why for administrators, a plain line for anyone else. Null when every replica serves, or there are none.
   */
  replicaWarning: string | null;
  /**
   * "Only this computer": whether this workstation can run a private MariaDB server (mariadbd is installed), whether
   * the connection is to it, and (administrators only) where its data lives. Absent where no private server is offered.
   */
  thisComputer?: { available: boolean; inUse: boolean; dataDir: string | null };
  /** The saved profile's read replicas as host:port, for the connection form (administrators only). */
  replicas?: string[];
  /** The database was upgraded by a newer Hospital Desk than this workstation's: `message` says which version to install. */
  needsNewerApp?: boolean;
  /** This workstation's Hospital Desk version (package.json). */
  appVersion: string;
  /** The connected database's newest migration and the version that ran it, e.g. "SchemaVersions1766050000000 (Hospital Desk 0.1.0)". */
  schemaVersion: string | null;
}

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const setupKinds = [] as const;

export const setup = {
  'setup.status': channel({
    input: z.object({}).strict().optional(),
    output: returns<{ needsConnection: boolean; needsSetup: boolean }>(),
    access: 'public',
    kind: 'read',
    shows: [],
    needsDatabase: false,
  }),
  'setup.initialize': channel({
    input: z.object({
      hospital: HospitalFields,
      admin: z.object({ username: Username, password: Password, fullName: RequiredText(120) }).superRefine(passwordNotUsername),
    }),
    output: returns<{ hospitalId: number; userId: number }>(),
    access: 'public',
    kind: 'write',
    changes: ['user', 'hospital'],
  }),
  'connection.status': channel({
    input: z.object({}).strict().optional(),
    output: returns<ConnectionStatus>(),
    access: 'public',
    kind: 'read',
    shows: [],
    needsDatabase: false,
  }),
  'connection.test': channel({
    input: ConnectionChange,
    output: returns<{ serverVersion: string; databaseExists: boolean }>(),
    access: 'public',
    kind: 'read',
    shows: [],
    needsDatabase: false,
  }),
  /** Public only while the workstation is not configured (or its database has no user yet), like connection.save. */
  'setup.provision': channel({
    input: ProvisionInput,
    output: returns<ProvisionOutcome>(),
    access: 'public',
    kind: 'write',
    changes: [],
    needsDatabase: false,
  }),
  /**
   * Upgrades the schema with the owner account's credentials, typed by an administrator and used for this call only
   * (never stored); the owner password is the authority. Only while the database needs upgrading.
   */
  'setup.upgrade': channel({
    input: UpgradeInput,
    output: returns<ConnectionStatus>(),
    access: 'public',
    kind: 'write',
    changes: [],
    needsDatabase: false,
  }),
  /**
   * "Only this computer": starts this workstation's private MariaDB server (its data in the user-data folder),
   * provisions the database with the least-privilege accounts and saves the profile. Public only while the workstation
   * is not configured (or its database has no user yet), like connection.save.
   */
  'setup.useThisComputer': channel({
    input: z.object({}).strict().optional(),
    output: returns<ConnectionStatus>(),
    access: 'public',
    kind: 'write',
    changes: [],
    needsDatabase: false,
  }),
  'connection.save': channel({
    input: ConnectionChange,
    output: returns<ConnectionStatus>(),
    access: 'public',
    kind: 'write',
    changes: [],
    needsDatabase: false,
  }),
} as const;
