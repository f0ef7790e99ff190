// The one way dates, times and names are worded (src-shared/domain/format.ts): fixed English names whatever the ICU
// build, the hospital's wall clock across daylight-saving changes, and the offsets printed documents carry.
import { describe, expect, it } from 'vitest';
import { clockTime, doctorName, fullName, gmtOffset, personName, readableDate, readableDateTime, readableDay, utcOffset, wallClock, weekdayName } from '@shared/domain/format';

describe('readable dates', () => {
  it('name months and weekdays in fixed English, never the ICU forms ("Sept")', () => {
    expect(readableDate('2026-09-04')).toBe('4 Sep 2026');
    expect(readableDate('2027-03-03', { weekday: true })).toBe('Wed 3 Mar 2027');
    expect(readableDate('2027-03-02', { weekday: true, year: false })).toBe('Tue 2 Mar');
    expect(weekdayName('2027-03-07')).toBe('Sunday');
    expect(readableDate('not a date')).toBe('not a date');
  });
});

describe('instants on the hospital clock', () => {
  it('read the local day, time and offset in the zone given', () => {
    const at = Date.UTC(2026, 2, 13, 22, 30);
    expect(readableDateTime(at, 'Africa/Kampala')).toBe('14 Mar 2026 01:30');
    expect(readableDateTime(at, 'America/New_York')).toBe('13 Mar 2026 18:30');
    expect(readableDateTime(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata', { offset: true })).toBe('1 Jul 2026 17:30 (UTC+05:30)');
    expect(readableDateTime('2026-03-14T06:05:12Z', 'Africa/Kampala', { seconds: true, separator: ', ' })).toBe('14 Mar 2026, 09:05:12');
    expect(`${clockTime(at, 'Africa/Kampala')} on ${readableDay(at, 'Africa/Kampala', { weekday: true })}`).toBe('01:30 on Sat 14 Mar 2026');
  });

  it('follow daylight-saving changes (New York springs forward on 8 Mar 2026)', () => {
    expect(wallClock(Date.UTC(2026, 2, 8, 6, 59), 'America/New_York')).toMatchObject({ date: '2026-03-08', hour: 1, minute: 59, offsetMinutes: -300 });
    expect(wallClock(Date.UTC(2026, 2, 8, 7, 0), 'America/New_York')).toMatchObject({ date: '2026-03-08', hour: 3, minute: 0, offsetMinutes: -240 });
    expect(clockTime(Date.UTC(2026, 0, 1, 0, 0), 'UTC')).toBe('00:00');
  });

  it('name the offset without zone abbreviations', () => {
    expect(utcOffset(-300)).toBe('-05:00');
    expect(gmtOffset(Date.UTC(2026, 5, 1), 'Africa/Kampala')).toBe('GMT+3');
    expect(gmtOffset(Date.UTC(2026, 5, 1), 'Asia/Kolkata')).toBe('GMT+5:30');
    expect(gmtOffset(Date.UTC(2026, 0, 1), 'Europe/London')).toBe('GMT');
  });
});

describe('names', () => {
  it('join a person\'s names with the middle name only when there is one, and name doctors "Dr"', () => {
    expect(fullName('Nakato', null, 'Namubiru')).toBe('Nakato Namubiru');
    expect(fullName('Nakato', 'Grace', 'Namubiru')).toBe('Nakato Grace Namubiru');
    expect(personName({ firstName: 'Łukasz', middleName: '', lastName: 'Wójcik' })).toBe('Łukasz Wójcik');
    expect(doctorName('Jane', 'Okello')).toBe('Dr Jane Okello');
  });
});
