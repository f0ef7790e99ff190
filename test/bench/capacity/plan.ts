// What the capacity benchmark hands its workstation processes, and what they hand back. Each workstation gets its own
// rows to work on (patients, beds, today's appointments), so two desks never race for the same record: a conflict in
// the figures is then the server's doing, not the script's.
import type { Input } from '@shared/contract';

export type DeskRole = 'front_desk' | 'nurse' | 'billing';

export interface WorkstationPlan {
  index: number;
  role: DeskRole;
  /** A seeded account of the workstation's hospital holding `role`. */
  username: string;
  hospitalId: number;
  timeZone: string;
  /** What the desk types into the patient search: surnames and patient numbers of the hospital. */
  searches: string[];
  /** Patients of the hospital this desk alone books, admits or bills. */
  patients: number[];
  /** Doctors of the hospital (booking asks the next free slots of one; admitting names one as attending). */
  doctors: number[];
  /** Today's booked appointments of the hospital that this desk alone checks in. */
  checkIns: number[];
  /** Beds free today and held by no reservation, that this nurse alone fills. */
  beds: number[];
  /** Catalog items of the hospital a billing clerk charges before issuing the invoice. */
  catalogItems: number[];
  /** New patients this front desk registers. */
  registrations: Input<'patients.register'>[];
}

export interface CapacityPlan {
  target: { host: string; port: number; user: string; password: string; database: string };
  workstations: WorkstationPlan[];
  /** The workstations' clock runs this far from the real one: the seeded "today" is a weekday, when doctors work. */
  clockOffsetMs: number;
  /** Think time between two steps of a desk, drawn uniformly from this range (ms). */
  thinkMs: [number, number];
}

/** Parent → worker. */
export type Command = { type: 'desk'; durationMs: number } | { type: 'idle'; durationMs: number } | { type: 'stop' };

export interface PhaseResult {
  /** Latency samples (ms) per operation. */
  samples: Record<string, number[]>;
  /** Distinct errors per operation ("CODE: message") with their count. */
  errors: Record<string, Record<string, number>>;
  /** Change-feed polls in the phase: latency samples and failures. */
  polls: number[];
  pollErrors: Record<string, number>;
  /** CPU seconds this process spent in the phase (user + system). */
  cpuSeconds: number;
  /**
   * How late this process's event loop ran its callbacks (ms, p50 / p99 / max): its workstations share one loop, so a
   * transaction's next statement (or COMMIT, holding its locks) waits this long behind the others' work.
   */
  loopDelayMs: [number, number, number];
}

/** Worker → parent. */
export type Report =
  | { type: 'ready'; workstations: number; signInMs: number[]; signInErrors: Record<string, number> }
  | { type: 'phase'; phase: 'desk' | 'idle'; result: PhaseResult }
  | { type: 'fatal'; message: string };
