// The contract holds together: every channel has its handler, its callers and its change vocabulary.
import { describe, expect, it } from 'vitest';
import { contract, RECORD_KINDS } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { answerShowsChange, channelsShowing, kindsChangedBy } from '@shared/contract/changes';
import { ROLES } from '@shared/domain/roles';
import { ChangeCollector } from '../../src-main/ipc/changes';
import { handlerTable } from '../../src-main/ipc/handler-table';

describe('the contract and the handler table', () => {
  it('has a handler for every declared channel', () => {
    const missing = Object.keys(contract).filter((name) => typeof (handlerTable as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('has no handler without a declaration', () => {
    const undeclared = Object.keys(handlerTable).filter((name) => !Object.hasOwn(contract, name));
    expect(undeclared).toEqual([]);
  });

  it('names every channel <area>.<verb> and declares who may call it', () => {
    for (const [name, def] of Object.entries(contract) as [string, AnyChannel][]) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      if (Array.isArray(def.access)) {
        expect(def.access.length).toBeGreaterThan(0);
        for (const r of def.access) expect(ROLES).toContain(r);
      } else {
        expect(['public', 'signedIn']).toContain(def.access);
      }
      expect(['read', 'write']).toContain(def.kind);
    }
  });

  it('keeps the channels the foundation promises', () => {
    for (const name of [
      'setup.status', 'setup.initialize', 'auth.login', 'auth.logout', 'auth.me', 'users.create', 'users.list', 'users.update',
      'hospitals.create', 'hospitals.list', 'audit.verify', 'audit.list', 'patients.register', 'patients.search', 'patients.get', 'patients.update',
    ]) {
      expect(Object.keys(contract)).toContain(name);
    }
  });
});

const channels = Object.entries(contract) as [string, AnyChannel][];
/** Reads that show no record of their own: the audit trail itself (not refreshed live) and calls without a database. */
// Answers that are files or a dry run of a file (an export, a report's PDF, an import's preview): nothing to refresh live.
const SHOWS_NO_RECORDS = new Set(['audit.list', 'audit.verify', 'audit.witness', 'reports.exportCsv', 'reports.exportPdf', 'import.preview']);

describe('the change vocabulary', () => {
  it('has every write channel declare at least one kind it changes (channels without a database write no records)', () => {
    const silent = channels.filter(([, d]) => d.kind === 'write' && d.needsDatabase && d.changes.length === 0).map(([n]) => n);
    expect(silent).toEqual([]);
  });

  it('has every read channel that shows records declare the kinds it shows', () => {
    const blind = channels.filter(([n, d]) => d.kind === 'read' && d.needsDatabase && !SHOWS_NO_RECORDS.has(n) && d.shows.length === 0).map(([n]) => n);
    expect(blind).toEqual([]);
  });

  it('has reads declare no changes and writes nothing they show', () => {
    for (const [name, d] of channels) {
      if (d.kind === 'read') expect(d.changes, name).toEqual([]);
      else expect(d.shows, name).toEqual([]);
    }
  });

  it('declares each kind in one area only, and only declared kinds in channels', () => {
    expect(new Set(RECORD_KINDS).size).toBe(RECORD_KINDS.length);
    for (const [name, d] of channels) for (const k of [...d.changes, ...d.shows]) expect(RECORD_KINDS, name).toContain(k);
  });

  it('has every kind changed by some write and shown by some read', () => {
    for (const kind of RECORD_KINDS) {
      expect(channels.some(([, d]) => d.changes.includes(kind)), `nothing changes ${kind}`).toBe(true);
      expect(channelsShowing(kind).length, `nothing shows ${kind}`).toBeGreaterThan(0);
    }
  });

  it('knows what a write changes and that reads change nothing', () => {
    expect(kindsChangedBy('admissions.discharge')).toEqual(['stay', 'bed', 'charge']);
    expect(kindsChangedBy('patients.get')).toEqual([]);
    expect(kindsChangedBy('no.such')).toEqual([]);
  });
});

describe('the live refresh rule', () => {
  it('refreshes the views showing the kind, of the hospitals the change names', () => {
    const change = { entity: 'bed' as const, ids: ['7'], hospitalIds: [1] };
    expect(answerShowsChange('occupancy.board', { hospitalId: 1 }, change)).toBe(true);
    expect(answerShowsChange('occupancy.board', { hospitalId: 2 }, change)).toBe(false);
    expect(answerShowsChange('occupancy.board', { hospitalId: 2 }, { ...change, hospitalIds: [] })).toBe(true);
    expect(answerShowsChange('invoices.list', { hospitalId: 1 }, change)).toBe(false);
  });

  it('asks a one-record view again only when its record changed (an audited read is not repeated for nothing)', () => {
    expect(answerShowsChange('patients.get', { id: 5 }, { entity: 'patient', ids: ['5'], hospitalIds: [1] })).toBe(true);
    expect(answerShowsChange('patients.get', { id: 6 }, { entity: 'patient', ids: ['5'], hospitalIds: [1] })).toBe(false);
    expect(answerShowsChange('patients.get', { id: 6 }, { entity: 'patient', ids: [], hospitalIds: [] })).toBe(true);
    // An appointment's view shows its patient too: any patient change may be that one.
    expect(answerShowsChange('appointments.get', { id: 6 }, { entity: 'patient', ids: ['5'], hospitalIds: [] })).toBe(true);
  });

  it("asks a patient's appointments again (an audited read) only for a change of one they list, or a write at this desk", () => {
    const asked = { patientId: 3, when: 'upcoming', limit: 50 };
    const shown = { items: [{ id: 11 }, { id: 12 }], nextCursor: null };
    const elsewhere = (id: string) => ({ entity: 'appointment' as const, ids: [id], hospitalIds: [1] });
    expect(answerShowsChange('appointments.forPatient', asked, elsewhere('12'), shown)).toBe(true);
    expect(answerShowsChange('appointments.forPatient', asked, elsewhere('99'), shown)).toBe(false);
    // The desk's own write names no records: its views are asked again at once.
    expect(answerShowsChange('appointments.forPatient', asked, { entity: 'appointment', hospitalIds: [] }, shown)).toBe(true);
    // A paged list's cached answer (an infinite query's) lists the items of every page loaded so far.
    const loaded = { pages: [{ items: [{ id: 11 }], nextCursor: 'a' }, { items: [{ id: 12 }], nextCursor: null }], pageParams: [null, 'a'] };
    expect(answerShowsChange('appointments.forPatient', asked, elsewhere('11'), loaded)).toBe(true);
    expect(answerShowsChange('appointments.forPatient', asked, elsewhere('12'), loaded)).toBe(true);
    expect(answerShowsChange('appointments.forPatient', asked, elsewhere('99'), loaded)).toBe(false);
    // A read that is not audited is asked again for any change of what it shows.
    expect(answerShowsChange('admissions.forPatient', { patientId: 3 }, { entity: 'stay', ids: ['99'], hospitalIds: [1] }, { items: [{ id: 1 }] })).toBe(true);
  });
});

describe('from audit entries to records.changed', () => {
  it('announces the kind an entry names and every kind its write channel declares; reads announce nothing', () => {
    const changes = new ChangeCollector();
    changes.add('admissions.discharge', 'stay', '12', 3);
    changes.add('patients.get', 'patient', '7', 3);
    changes.add('no.longer.declared', 'bed', '1', 3);
    expect(changes.events()).toEqual([
      { entity: 'stay', ids: ['12'], hospitalIds: [3] },
      // Known by kind and hospital only: any bed or charge of hospital 3.
      { entity: 'bed', ids: [], hospitalIds: [3] },
      { entity: 'charge', ids: [], hospitalIds: [3] },
    ]);
  });

  it('names no hospitals when one of the entries had none (any hospital may show it)', () => {
    const changes = new ChangeCollector();
    changes.add('users.update', 'user', '4', 1);
    changes.add('users.update', 'user', '5', null);
    expect(changes.events()).toEqual([{ entity: 'user', ids: ['4', '5'], hospitalIds: [] }]);
  });
});
