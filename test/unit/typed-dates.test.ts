// What the desk is told about a typed date: written the wrong way, or written right for a day that does not exist.
import { describe, expect, it } from 'vitest';
import { typedDateProblem } from '@shared/domain/dates';
import { counted } from '@shared/domain/format';

describe('typed dates', () => {
  it('tells a date written the wrong way from a date that does not exist', () => {
    expect(typedDateProblem('31/02/2030', 'DMY')).toBe('No such date: February 2030 has 28 days.');
    expect(typedDateProblem('02/30/2028', 'MDY')).toBe('No such date: February 2028 has 29 days.');
    expect(typedDateProblem('14/13/1990', 'DMY')).toBe('No such date: there is no month 13.');
    expect(typedDateProblem('1990-04-31', 'DMY')).toBe('No such date: April 1990 has 30 days.');
    expect(typedDateProblem('14 March', 'DMY')).toBe('Type the date as DD/MM/YYYY, e.g. 14/03/1990.');
    expect(typedDateProblem('14/03/1990', 'MDY')).toBe('No such date: there is no month 14.');
    expect(typedDateProblem('3/14/1990', 'MDY')).toBeNull();
    expect(typedDateProblem('  ', 'DMY')).toBeNull();
  });
});

describe('counts in words', () => {
  it('says one thing in the singular and any other count in the plural', () => {
    expect(counted(1, 'charge')).toBe('1 charge');
    expect(counted(0, 'charge')).toBe('0 charges');
    expect(counted(1200, 'entry', 'entries')).toBe('1,200 entries');
  });
});
