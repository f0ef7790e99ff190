// How a stay's local days become room-days per bed: the night's bed, a one-day stay in its last bed, and a bed left the
// same day it was taken that is dearer than the night's bed taking that day — never a day lost, never one charged twice.
import { describe, expect, it } from 'vitest';
import { roomNights } from '../../src-main/features/wards/rules';

const ICU = 400_000;
const WARD = 50_000;
const PRIVATE = 150_000;
const spell = (fromDate: string, toDate: string, dailyRate: number) => ({ fromDate, toDate, dailyRate });

describe('room-days of a stay', () => {
  it('charges each night to the bed it was spent in, across a month end', () => {
    expect(roomNights([spell('2027-01-30', '2027-02-01', WARD), spell('2027-02-01', '2027-02-03', PRIVATE)])).toEqual([
      { nights: 2, fromDate: '2027-01-30' },
      { nights: 2, fromDate: '2027-02-01' },
    ]);
  });

  it('charges a few hours in intensive care before a transfer the same day as that day in intensive care, the ward the nights after', () => {
    expect(roomNights([spell('2027-02-04', '2027-02-04', ICU), spell('2027-02-04', '2027-02-07', WARD)])).toEqual([
      { nights: 1, fromDate: '2027-02-04' },
      { nights: 2, fromDate: '2027-02-05' },
    ]);
  });

  it('charges a stay begun and ended on one day once: to the last bed, or to a dearer bed of that day', () => {
    expect(roomNights([spell('2027-02-04', '2027-02-04', WARD), spell('2027-02-04', '2027-02-04', PRIVATE)]).map((n) => n.nights)).toEqual([0, 1]);
    expect(roomNights([spell('2027-02-04', '2027-02-04', ICU), spell('2027-02-04', '2027-02-04', WARD)]).map((n) => n.nights)).toEqual([1, 0]);
  });

  it('leaves a cheaper bed of a few hours to the night’s bed, and does not charge the day of discharge', () => {
    // Ward for a morning, then the private room: the day is the private room's.
    expect(roomNights([spell('2027-02-04', '2027-02-04', WARD), spell('2027-02-04', '2027-02-06', PRIVATE)]).map((n) => n.nights)).toEqual([0, 2]);
    // Intensive care on the day of discharge only: the patient spends no night and the day of discharge is not a room-day.
    expect(roomNights([spell('2027-02-04', '2027-02-06', WARD), spell('2027-02-06', '2027-02-06', ICU)]).map((n) => n.nights)).toEqual([2, 0]);
  });

  it('charges every day of a stay once, however many beds it went through', () => {
    const stay = [spell('2027-03-01', '2027-03-01', ICU), spell('2027-03-01', '2027-03-03', WARD), spell('2027-03-03', '2027-03-03', ICU), spell('2027-03-03', '2027-03-03', PRIVATE), spell('2027-03-03', '2027-03-05', WARD)];
    const nights = roomNights(stay).map((n) => n.nights);
    expect(nights).toEqual([1, 1, 1, 0, 1]);
    expect(nights.reduce((a, b) => a + b, 0)).toBe(4);
  });
});
