import { describe, expect, it } from 'vitest';
import { APPOINTMENT_STATUSES, byFirstFree, canMove, clockMinutes, clockText, refusedMove } from '@shared/domain/scheduling';
import { isoWeekday } from '@shared/domain/dates';
import { dayAvailability, type DoctorDay } from '../../src-main/features/appointments/availability';
import { localInstant } from '../../src-main/platform/zones';

describe('clock times', () => {
  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
  ])('reads %s as %i minutes', (text, minutes) => {
    expect(clockMinutes(text)).toBe(minutes);
    expect(clockText(minutes)).toBe(text);
  });

  it.each(['24:01', '9:30', '12:60', '25:00', 'noon', '', '12:00:00'])('refuses %j', (text) => {
    expect(clockMinutes(text)).toBeNull();
  });
});

describe('first free doctor', () => {
  it('puts the doctor with the earliest free slot first and a doctor without slots that day last, whatever their names', () => {
    const day = (doctorName: string, ...starts: string[]) => ({ doctorName, slots: starts.map((start) => ({ start })) });
    const order = byFirstFree([day('Dr Abbo Off'), day('Dr Zawedde', '2030-02-01T07:30:00.000Z'), day('Dr Kigozi', '2030-02-01T05:00:00.000Z', '2030-02-01T05:30:00.000Z'), day('Dr Acen Booked')]);
    expect(order.map((d) => d.doctorName)).toEqual(['Dr Kigozi', 'Dr Zawedde', 'Dr Abbo Off', 'Dr Acen Booked']);
  });
});

describe('appointment status moves', () => {
  it('allow booked → checked_in → completed, and booked → cancelled | no_show, nothing else', () => {
    const allowed = APPOINTMENT_STATUSES.flatMap((from) => APPOINTMENT_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(['booked→cancelled', 'booked→checked_in', 'booked→no_show', 'checked_in→completed'].sort());
  });

  it('say why a move is refused', () => {
    expect(refusedMove('cancelled', 'checked_in')).toBe('A cancelled appointment cannot be checked in.');
    expect(refusedMove('completed', 'cancelled')).toBe('A completed appointment cannot be cancelled.');
    expect(refusedMove('no_show', 'checked_in')).toBe('A no-show appointment cannot be checked in.');
    expect(refusedMove('checked_in', 'cancelled')).toBe('The patient is already checked in: the appointment cannot be cancelled.');
    expect(refusedMove('checked_in', 'checked_in')).toBe('The appointment is already checked in.');
  });
});

describe('local time', () => {
  it('finds the instant of a wall-clock time in a zone, moving a time skipped by daylight saving forward', () => {
    expect(new Date(localInstant('2027-03-01', 9 * 60, 'Africa/Kampala')).toISOString()).toBe('2027-03-01T06:00:00.000Z');
    expect(new Date(localInstant('2027-03-14', 150, 'America/New_York')).toISOString()).toBe('2027-03-14T07:30:00.000Z');
    expect(new Date(localInstant('2027-03-14', 1440, 'America/New_York')).toISOString()).toBe('2027-03-15T04:00:00.000Z');
    expect(isoWeekday('2027-03-14')).toBe(7);
    expect(isoWeekday('2027-03-15')).toBe(1);
  });
});

describe('a day of free slots', () => {
  const base: DoctorDay = {
    doctorName: 'Dr Test',
    status: 'active',
    terminatedOn: null,
    blocks: [{ hospitalId: 1, weekday: 1, startMinute: 540, endMinute: 600, slotMinutes: 20, validFrom: '2027-01-01', validTo: null }],
    away: [],
    busy: [],
  };
  const zone = () => 'Africa/Kampala';
  const now = Date.parse('2027-02-01T00:00:00Z');

  it('steps through the hours in slot lengths, dropping a last slot that would run past the end', () => {
    const day = dayAvailability({ ...base, blocks: [{ ...base.blocks[0], slotMinutes: 25 }] }, '2027-03-01', zone, '2027-02-01', now);
    expect(day.slots.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(['06:00', '06:25']);
  });

  it('leaves out booked time, and slots of a day that has begun which have passed', () => {
    const booked = { start: Date.parse('2027-03-01T06:20:00Z'), end: Date.parse('2027-03-01T06:40:00Z') };
    expect(dayAvailability({ ...base, busy: [booked] }, '2027-03-01', zone, '2027-02-01', now).slots).toHaveLength(2);
    const during = Date.parse('2027-03-01T06:10:00Z');
    expect(dayAvailability(base, '2027-03-01', zone, '2027-03-01', during).slots.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(['06:20', '06:40']);
  });

  it('has nothing from the termination date on, and nothing today for a doctor on leave', () => {
    expect(dayAvailability({ ...base, status: 'terminated', terminatedOn: '2027-03-01' }, '2027-03-01', zone, '2027-02-01', now).unavailable?.reason).toBe('terminated');
    expect(dayAvailability({ ...base, status: 'on_leave' }, '2027-03-01', zone, '2027-03-01', now).unavailable?.reason).toBe('on_leave');
    expect(dayAvailability({ ...base, status: 'on_leave' }, '2027-03-08', zone, '2027-03-01', now).slots).toHaveLength(3);
  });

  it('respects the validity of the hours', () => {
    const ended = { ...base, blocks: [{ ...base.blocks[0], validTo: '2027-02-28' }] };
    expect(dayAvailability(ended, '2027-03-01', zone, '2027-02-01', now).unavailable?.reason).toBe('not_working');
  });
});
