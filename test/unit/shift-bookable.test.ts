// A doctor's shift is bookable when weekly hours valid that day overlap the shift's part of that day.
import { describe, expect, it } from 'vitest';
import { shiftBookable, shiftPartOfDay, type BookableBlock } from '@shared/domain/shifts';

const weekdays: BookableBlock[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 480, endMinute: 1020, validFrom: '2027-01-01', validTo: null }));

describe('shiftBookable', () => {
  it('needs hours on the weekday, valid on the day, overlapping the shift', () => {
    expect(shiftBookable(weekdays, '2027-03-01', 1, 420, 900)).toBe(true);
    expect(shiftBookable(weekdays, '2027-03-06', 6, 420, 900)).toBe(false);
    // Touching is not overlapping: a 17:00–23:00 evening after 08:00–17:00 hours offers nothing.
    expect(shiftBookable(weekdays, '2027-03-01', 1, 1020, 1380)).toBe(false);
    // Hours not yet valid, or no longer.
    expect(shiftBookable([{ ...weekdays[0]!, validFrom: '2027-04-01' }], '2027-03-01', 1, 420, 900)).toBe(false);
    expect(shiftBookable([{ ...weekdays[0]!, validTo: '2027-02-28' }], '2027-03-01', 1, 420, 900)).toBe(false);
  });

  it('takes a night to midnight of its first day', () => {
    expect(shiftPartOfDay(1380, 420)).toEqual({ startMinute: 1380, endMinute: 1440 });
    expect(shiftPartOfDay(420, 900)).toEqual({ startMinute: 420, endMinute: 900 });
    expect(shiftBookable([{ weekday: 1, startMinute: 1320, endMinute: 1440, validFrom: '2027-01-01', validTo: null }], '2027-03-01', 1, 1380, 420)).toBe(true);
  });
});
