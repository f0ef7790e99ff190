// The call context a service receives: caller, hospital scope, clock, this call's transaction and its audit entries
// (what they name is announced to the windows after the commit as `records.changed`).
import type { EntityManager } from 'typeorm';
import { AppError, forbidden } from '@shared/errors';
import type { RecordKind } from '@shared/contract';
import type { Role } from '@shared/domain/roles';
import type { Runtime } from '../ipc/runtime';
import type { Session } from '../ipc/sessions';

/** Features name the caller's session and the runtime through the platform, never ipc/ itself. */
export type { Runtime, Session };

/** One audit entry: `entity` is a kind the contract declares; a write may only audit the kinds its channel `changes`. */
export interface AuditRecord {
  action: string;
  entity?: RecordKind;
  entityId?: string | number;
  hospitalId?: number | null;
  changes?: Record<string, unknown> | null;
}

export class CallContext {
  readonly auditRecords: AuditRecord[] = [];
  deferredError: AppError | null = null;
  /** The audit trail's ids of this call's entries, once written (the change feed skips what was announced here). */
  auditedEntries: { firstId: number; lastId: number } | null = null;

  constructor(
    readonly runtime: Runtime,
    readonly windowKey: string,
    readonly channel: string,
    public session: Session | null,
    private readonly manager: EntityManager | null,
  ) {}

  /** This call's transaction. */
  get em(): EntityManager {
    if (!this.manager) throw new Error(`${this.channel} is declared without a database`);
    return this.manager;
  }

  now(): Date {
    return this.runtime.clock();
  }

  get user(): Session {
    if (!this.session) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
    return this.session;
  }

  hasRole(role: Role): boolean {
    return this.session?.roles.includes(role) ?? false;
  }

  /**
   * What the access rule found for this call: the hospitals it may reach (the caller's, less those where an
   * administrator withdrew the channel from their roles) and the roles that grant it. Set by the pipeline.
   */
  authorised: { scope: number[] | 'all'; roles: Role[] } | null = null;

  /** The caller's hospitals this call may reach, or 'all' for a chain-wide account. */
  scope(): number[] | 'all' {
    if (this.authorised) return this.authorised.scope;
    const s = this.user;
    return s.allHospitals ? 'all' : s.hospitalIds;
  }

  /**
   * True when the call is allowed only through these roles (a doctor who is nothing else reads their own list
   * only); false when another of the caller's roles grants it too.
   */
  grantedOnlyAs(...roles: Role[]): boolean {
    const granting = this.authorised?.roles ?? this.user.roles;
    return granting.length > 0 && granting.every((r) => roles.includes(r));
  }

  requireHospital(hospitalId: number): void {
    const scope = this.scope();
    if (scope !== 'all' && !scope.includes(hospitalId)) {
      const s = this.user;
      const works = s.allHospitals || s.hospitalIds.includes(hospitalId);
      throw forbidden(works ? 'An administrator has withdrawn this from your role at that hospital.' : 'You do not work at that hospital.');
    }
  }

  /** Recorded in the same transaction as the change; nothing is recorded when the call fails. The action defaults to the channel. */
  audit(record: Omit<AuditRecord, 'action'> & { action?: string }): void {
    this.auditRecords.push({ ...record, action: record.action ?? this.channel });
  }

  /** Commit what was done (e.g. a failed sign-in counted) and still answer with this error. */
  failAfterCommit(error: AppError): void {
    this.deferredError = error;
  }
}
