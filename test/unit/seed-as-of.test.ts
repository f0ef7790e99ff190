// The demo's "today": the seed command writes data as of the day it runs unless --as-of names another day.
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { localToday, parseSeedArgs, SEED_USAGE } from '../../src-main/seed/seed-cli';

describe('seed --as-of', () => {
  it('defaults to the day the seed runs, by this computer’s calendar', () => {
    expect(parseSeedArgs([], '2027-03-15').asOf).toBe('2027-03-15');
    expect(parseSeedArgs([]).asOf).toBe(localToday());
    expect(localToday()).toBe(DateTime.local().toISODate());
  });

  it('takes the day given', () => {
    expect(parseSeedArgs(['--as-of', '2026-07-01'], '2027-03-15').asOf).toBe('2026-07-01');
    expect(parseSeedArgs(['--as-of=2025-12-31']).asOf).toBe('2025-12-31');
    expect(() => parseSeedArgs(['--as-of', '2026-02-30'])).toThrow(/--as-of expects a date as YYYY-MM-DD/);
  });

  it('says so in its usage', () => {
    expect(SEED_USAGE).toMatch(/default today, by\s+this computer's calendar/);
  });
});
