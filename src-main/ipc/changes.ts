// From audit entries to `records.changed` events: the kind each entry names, and every kind its write channel declares
// it changes. Reads (patient.read, prints) leave entries too, but change nothing.
import { isRecordKind, kindsChangedBy, type RecordsChanged } from '@shared/contract/changes';
import type { RecordKind } from '@shared/contract';

interface Gathered {
  ids: Set<string>;
  hospitalIds: Set<number>;
  /** False once an entry of this kind did not name its record (or its hospital): then any record (hospital) may have changed. */
  idsKnown: boolean;
  hospitalsKnown: boolean;
}

export class ChangeCollector {
  private readonly byKind = new Map<RecordKind, Gathered>();

  add(channel: string, entity: string | null | undefined, entityId: string | number | null | undefined, hospitalId: number | null | undefined): void {
    const declared = kindsChangedBy(channel);
    if (declared.length === 0) return;
    const kinds = new Set<RecordKind>(declared);
    if (isRecordKind(entity)) kinds.add(entity);
    for (const kind of kinds) {
      const g = this.byKind.get(kind) ?? { ids: new Set(), hospitalIds: new Set(), idsKnown: true, hospitalsKnown: true };
      this.byKind.set(kind, g);
      // An entry names its own record only; the other kinds its channel changes are known by kind and hospital alone.
      if (kind === entity && entityId !== null && entityId !== undefined) g.ids.add(String(entityId));
      else g.idsKnown = false;
      if (hospitalId !== null && hospitalId !== undefined) g.hospitalIds.add(hospitalId);
      else g.hospitalsKnown = false;
    }
  }

  /** One event per kind; empty `ids` or `hospitalIds` mean "not known: any". */
  events(): RecordsChanged[] {
    return [...this.byKind].map(([entity, g]) => ({
      entity,
      ids: g.idsKnown ? [...g.ids] : [],
      hospitalIds: g.hospitalsKnown ? [...g.hospitalIds] : [],
    }));
  }
}

/** Audit entries this process announced when their call committed: the change feed does not announce them twice. */
export class AnnouncedEntries {
  private ranges: [first: number, last: number][] = [];

  add(range: { firstId: number; lastId: number }): void {
    this.ranges.push([range.firstId, range.lastId]);
    // Without a running feed nothing is forgotten: keep the newest only.
    if (this.ranges.length > 5000) this.ranges.splice(0, this.ranges.length - 5000);
  }

  has(id: number): boolean {
    return this.ranges.some(([first, last]) => id >= first && id <= last);
  }

  /** The feed has read past these. */
  forgetThrough(id: number): void {
    this.ranges = this.ranges.filter(([, last]) => last > id);
  }
}
