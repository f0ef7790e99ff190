// What a workstation keeps about the shared database outside it: the newest audit entry it has seen (the witness).

/** What the witness found when the trail no longer held the entry it remembers. */
export interface TamperAlarm {
  /** Why: "entry 41 is gone: the trail ends at entry 12", "entry 41 has a different hash", … */
  reason: string;
  expected: { entryId: number; hash: string };
  /** What the trail holds now: the entry at that id (or none) and its newest entry. */
  found: { entryId: number | null; hash: string | null; lastId: number };
  detectedAt: string;
}

/** The newest (id, hash) of the trail this workstation has seen, and the alarm it raised, if any. */
export interface AuditWitness {
  entryId: number;
  hash: string;
  seenAt: string;
  alarm: TamperAlarm | null;
}

/** Kept in the workstation's own settings, never in the database it watches. */
export interface WorkstationStore {
  loadWitness(): Promise<AuditWitness | null>;
  saveWitness(witness: AuditWitness | null): Promise<void>;
}
