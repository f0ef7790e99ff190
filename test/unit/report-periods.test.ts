// The report screens' periods: the presets on a desk's today across month and year ends, the preset a range is, and
// how ranges and trend buckets read.
import { describe, expect, it } from 'vitest';
import { bucketLabel, daysIn, periodLabel, presetOf, presetPeriod } from '@shared/domain/report-periods';

describe('period presets', () => {
  it.each([
    ['today', '2026-03-14', '2026-03-14', '2026-03-14'],
    ['this-month', '2026-03-14', '2026-03-01', '2026-03-14'],
    ['last-month', '2026-03-14', '2026-02-01', '2026-02-28'],
    ['last-month', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['last-month', '2026-01-05', '2025-12-01', '2025-12-31'],
    ['last-90', '2026-03-14', '2025-12-15', '2026-03-14'],
    ['this-year', '2026-03-14', '2026-01-01', '2026-03-14'],
    ['last-year', '2026-03-14', '2025-01-01', '2025-12-31'],
  ] as const)('%s on %s is %s – %s', (key, today, from, to) => {
    expect(presetPeriod(key, today)).toEqual({ from, to });
    expect(presetOf({ from, to }, today)).toBe(key === 'this-month' && today.endsWith('-01') ? 'today' : key);
  });

  it('names no preset for a range typed by hand, and counts its days', () => {
    expect(presetOf({ from: '2026-03-02', to: '2026-03-09' }, '2026-03-14')).toBeNull();
    expect(daysIn({ from: '2026-03-02', to: '2026-03-09' })).toBe(8);
    expect(daysIn(presetPeriod('last-90', '2026-03-14'))).toBe(90);
  });

  it('reads ranges and trend buckets the way the axis shows them', () => {
    expect(periodLabel({ from: '2026-03-01', to: '2026-03-31' })).toBe('1 Mar – 31 Mar 2026');
    expect(periodLabel({ from: '2025-12-01', to: '2026-01-31' })).toBe('1 Dec 2025 – 31 Jan 2026');
    expect(bucketLabel('2026-03-09', 'day')).toBe('9 Mar');
    expect(bucketLabel('2026-03-09', 'week')).toBe('w/c 9 Mar');
    expect(bucketLabel('2026-03-01', 'month')).toBe('Mar 2026');
  });
});
