// The audit trail speaks hospital language: every write channel of the contract, every audited read and every action a
// service writes into the trail has its words; every record kind has a name; field keys read as fields.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, RECORD_KINDS } from '../../src-shared/contract';
import { actionLabel, canonicalAction, changeLines, fieldLabel, knownActionLabel, RECORD_KIND_LABELS, recordKindLabel } from '../../src-shared/domain/audit-labels';

const CHANNEL_LIKE = /\b[a-z]+[._][a-z][A-Za-z_]+\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The actions services write: `ctx.audit({ action: '…' })` literals, and the templates' values spelled out. */
function auditedActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(join(__dirname, '../../src-main/features'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/action: (?:correcting \? )?'([a-z_]+\.[A-Za-z_]+)'(?: : '([a-z_]+\.[A-Za-z_]+)')?/g)) {
      found.add(m[1]);
      if (m[2]) found.add(m[2]);
    }
  }
  // `appointment.${to}` (the statuses a move reaches) and `import.${what}` (the kinds an import writes).
  for (const to of ['checked_in', 'completed', 'cancelled', 'no_show']) found.add(`appointment.${to}`);
  for (const what of ['patients', 'staff', 'doctors', 'floors', 'rooms', 'beds', 'appointments']) found.add(`import.${what}`);
  return [...found].sort();
}

describe('audit labels', () => {
  const channels = Object.entries(contract) as [string, { kind: string; auditedRead: boolean }][];

  it('has words for every write channel and every audited read of the contract', () => {
    const writes = channels.filter(([, c]) => c.kind === 'write' || c.auditedRead).map(([name]) => name);
    expect(writes.length).toBeGreaterThan(90);
    expect(writes.filter((name) => !knownActionLabel(name))).toEqual([]);
  });

  it('has words for every action a service writes into the trail', () => {
    const actions = auditedActions();
    expect(actions).toContain('patient.appointments_read');
    expect(actions).toContain('patients.emergencyAccess');
    expect(actions.length).toBeGreaterThan(80);
    expect(actions.filter((a) => !knownActionLabel(a))).toEqual([]);
  });

  it('reads as sentences, never as a channel name', () => {
    expect(actionLabel('appointments.book')).toBe('Booked an appointment');
    expect(actionLabel('appointment.book')).toBe('Booked an appointment');
    expect(actionLabel('patient.appointments_read')).toBe('Viewed a patient’s appointments');
    expect(actionLabel('patients.emergencyAccess')).toBe('Opened a patient’s record in an emergency');
    expect(canonicalAction('appointments.checkIn')).toBe('appointment.check_in');
    for (const [name] of channels) expect(actionLabel(name)).not.toMatch(CHANNEL_LIKE);
    // One not written down still reads as words.
    expect(actionLabel('wards.paintWalls')).toBe('Ward: paint walls');
  });

  it('names every record kind of the contract, and field keys as fields', () => {
    expect(Object.keys(RECORD_KIND_LABELS).sort()).toEqual([...RECORD_KINDS].sort());
    for (const kind of RECORD_KINDS) expect(recordKindLabel(kind)).not.toMatch(/_/);
    expect(new Set(Object.values(RECORD_KIND_LABELS)).size).toBe(RECORD_KINDS.length);
    expect(fieldLabel('staffId')).toBe('Staff member');
    expect(fieldLabel('nextOfKinName')).toBe('Next of kin name');
    expect(fieldLabel('wardNurseId')).toBe('Ward nurse');
  });
});

describe('audit change lines', () => {
  it('reads changes as fields and names, leaving ids, hashes and channel names to the details', () => {
    const lines = changeLines(
      { city: ['Entebbe', 'Kampala'], allergies: [null, 'Penicillin'], staffId: 13, patientId: 4, middleName: null, for: 'patients.update', entryHash: 'ab12', status: ['booked', 'checked_in'], unlocked: true },
      { names: { 'staffId:13': 'Grace Namubiru' } },
    );
    expect(lines).toEqual(['City: Entebbe → Kampala', 'Allergies: (none) → Penicillin', 'Staff member: Grace Namubiru', 'Status: Booked → Checked in', 'Account unlocked: Yes']);
    for (const l of lines) expect(l).not.toMatch(CHANNEL_LIKE);
  });

  it('names code words as the app does elsewhere, and keeps what was typed as typed', () => {
    expect(changeLines({ roles: ['front_desk', 'hr'], staffRole: 'doctor', sex: 'female', username: 'kizza', roomType: 'general_ward', dateOfBirth: '1990-03-14' }, { formatDate: (d) => d.split('-').reverse().join('/') })).toEqual([
      'Roles: Front desk, HR',
      'Job: Doctor',
      'Sex: Female',
      'Username: kizza',
      'Room type: General ward',
      'Date of birth: 14/03/1990',
    ]);
  });
});
