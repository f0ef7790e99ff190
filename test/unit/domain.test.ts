import { describe, expect, it } from 'vitest';
import { checkPhone, phoneSearchPrefix } from '@shared/domain/phone';
import { checkPatientNumberFormat, renderPatientNumber, sequenceScope } from '@shared/domain/patient-number';
import { ageOn, localDate, isRealDate, parseTypedDate } from '@shared/domain/dates';
import { foldName, similarNames } from '@shared/domain/names';

describe('phone numbers per country', () => {
  it.each([
    ['0772123456', 'UG', '+256772123456'],
    ['+256 772 123 456', 'UG', '+256772123456'],
    ['0701234567', 'UG', '+256701234567'],
    ['9876543210', 'IN', '+919876543210'],
    ['+91 98765 43210', 'IN', '+919876543210'],
    ['(202) 456-1111', 'US', '+12024561111'],
    ['+256772123456', 'US', '+256772123456'],
  ])('accepts %s in %s as %s', (raw, country, e164) => {
    expect(checkPhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['0772', 'UG'],
    ['077212345678', 'UG'],
    ['5555555555', 'IN'],
    ['98765432101', 'IN'],
    ['555-0123', 'US'],
    ['07721234ab', 'UG'],
    ["0772'; DROP TABLE--", 'UG'],
  ])('refuses %s in %s with a message naming the expected format', (raw, country) => {
    const r = checkPhone(raw, country);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/expected/);
  });

  it('turns a local partial number into an E.164 search prefix', () => {
    expect(phoneSearchPrefix('0772123', 'UG')).toBe('+256772123');
    expect(phoneSearchPrefix('+2567721', 'UG')).toBe('+2567721');
    expect(phoneSearchPrefix('nakato', 'UG')).toBeNull();
    expect(phoneSearchPrefix('12', 'UG')).toBeNull();
  });
});

describe('patient number formats', () => {
  it('renders the sequence padded, with the year when asked', () => {
    expect(renderPatientNumber('HMS/{seq:6}', 1, 2026)).toBe('HMS/000001');
    expect(renderPatientNumber('HMS/{seq:3}', 1234, 2026)).toBe('HMS/1234');
    expect(renderPatientNumber('P-{yyyy}-{seq:4}', 7, 2026)).toBe('P-2026-0007');
    expect(renderPatientNumber('{yy}{seq:5}', 42, 2026)).toBe('2600042');
  });

  it('restarts the counter yearly only when the year is part of the number', () => {
    expect(sequenceScope('HMS/{seq:6}', 2026)).toBe('all');
    expect(sequenceScope('P-{yyyy}-{seq:4}', 2026)).toBe('2026');
  });

  it.each([
    ['HMS/', /exactly one/],
    ['HMS/{seq:6}/{seq:2}', /exactly one/],
    ['HMS/{seq:0}', /between 1 and 12/],
    ['HMS/{foo}{seq:3}', /Unknown placeholder/],
    ['HMS {seq:3}', /Only letters/],
    ['X'.repeat(41), /40/],
  ])('refuses %s', (pattern, message) => {
    expect(checkPatientNumberFormat(pattern)).toMatch(message);
  });

  it('accepts the usual formats', () => {
    for (const f of ['HMS/{seq:6}', 'KLA-{yyyy}-{seq:5}', '{seq}']) expect(checkPatientNumberFormat(f)).toBeNull();
  });
});

describe('calendar dates', () => {
  it('knows which dates exist', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(isRealDate('26-04-01')).toBe(false);
  });

  it('reads dates typed the desk’s way', () => {
    expect(parseTypedDate('12/04/1990', 'DMY')).toBe('1990-04-12');
    expect(parseTypedDate('04/12/1990', 'MDY')).toBe('1990-04-12');
    expect(parseTypedDate('1990-04-12', 'MDY')).toBe('1990-04-12');
    expect(parseTypedDate('31/02/1990', 'DMY')).toBeNull();
    expect(parseTypedDate('Nakato', 'DMY')).toBeNull();
  });

  it('computes ages on birthdays correctly', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('tells the date at a hospital: the same instant is a different day in Kampala, Pune and Boston', () => {
    const instant = new Date('2026-12-31T22:30:00Z');
    expect(localDate(instant, 'Africa/Kampala')).toBe('2027-01-01');
    expect(localDate(instant, 'Asia/Kolkata')).toBe('2027-01-01');
    expect(localDate(instant, 'America/New_York')).toBe('2026-12-31');
    expect(localDate(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
  });
});

describe('similar names for the duplicate warning', () => {
  it('ignores case, accents, small typos and swapped order', () => {
    // Letters without a separable accent are written plainly too (ł, ø, ß, ɔ …), as name search keys write them.
    expect(foldName('Łukasz  Wójcik')).toBe('lukasz wojcik');
    expect(foldName('Søren Großmann Ɔdɔŋkɔ')).toBe('soren grossmann odonko');
    expect(similarNames('Nakato', 'Ssebunya', 'nakato', 'SSEBUNYA')).toBe(true);
    expect(similarNames('Nakato', 'Ssebunya', 'Nakatto', 'Sebunya')).toBe(true);
    expect(similarNames('Nakato', 'Ssebunya', 'Ssebunya', 'Nakato')).toBe(true);
    expect(similarNames('Lukasz', 'Wojcik', 'Łukasz', 'Wójcik')).toBe(true);
  });

  it('does not confuse different people', () => {
    expect(similarNames('Nakato', 'Ssebunya', 'Mukasa', 'Ssebunya')).toBe(false);
    expect(similarNames('Ann', 'Lee', 'Bob', 'Lee')).toBe(false);
  });
});
