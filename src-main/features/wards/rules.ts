// Rules of a stay that the desks and the demo data share: which reservations keep a bed from a patient, how many nights
// each bed is charged, and how the charge reads.
import { addDays } from '@shared/domain/dates';
import { readableDate } from '@shared/domain/format';
import { nightsBetween, ROOM_TYPE_LABELS, type RoomType } from '@shared/domain/wards';

/** One bed of a stay as local calendar dates at the hospital (the day the patient came to it and the day they left it), with its rate. */
export interface BedSpell {
  fromDate: string;
  toDate: string;
  dailyRate: number;
}

/** The room-days charged to one bed of a stay: how many, and the first of them (when there is any). */
export interface BedNights {
  nights: number;
  fromDate: string;
}

/** A reservation of a bed that is not over yet. */
export interface BedHold {
  id: number;
  patientId: number;
  patientName: string;
  fromDate: string;
  toDate: string;
}

/**
 * What a bed's reservations (those not over by today, by arrival) say about putting a patient in it today, expected to
 * leave on `until` (null when not known: any later reservation then collides): the patient's own reservation begun by
 * today is theirs to take (`own`); anybody else's that has begun, or begins before the patient is expected to leave,
 * keeps the bed from them (`clash`, the first such). Admitting and transferring refuse a clash; the transfer dialog
 * offers only beds without one.
 */
export function reservationsOfBed(holds: readonly BedHold[], patientId: number, today: string, until: string | null): { own: BedHold | null; clash: BedHold | null } {
  let own: BedHold | null = null;
  for (const h of holds) {
    if (h.toDate <= today) continue;
    if (h.patientId === patientId) {
      if (h.fromDate <= today) own = h;
      continue;
    }
    if (h.fromDate <= today || until === null || until > h.fromDate) return { own, clash: h };
  }
  return { own, clash: null };
}

/**
 * Room-days: each local calendar day from the day of admission up to, not including, the day of discharge is one
 * room-day (so 23- and 25-hour days and month ends count as the days they are), charged to the bed the patient spent
 * that night in; a stay begun and ended on one day is one, charged to the last bed. A bed left on the day the patient
 * came to it spent no night there, yet is not lost: it takes that day when it is dearer than the bed the day went to
 * (a few hours in intensive care before a transfer the same day are a day in intensive care). No day is charged twice,
 * and the days of the stay are all charged. Spells are in order and follow one another.
 */
export function roomNights(spells: readonly BedSpell[]): BedNights[] {
  if (spells.length === 0) return [];
  const admitted = spells[0].fromDate;
  const days = Math.max(1, nightsBetween(admitted, spells[spells.length - 1].toDate));
  // The bed of each day: where the night was spent (for the one day of a same-day stay, the last bed).
  const owner: number[] = [];
  for (let d = 0; d < days; d++) {
    const day = addDays(admitted, d);
    const night = spells.findIndex((s) => s.fromDate <= day && day < s.toDate);
    owner.push(night >= 0 ? night : spells.length - 1);
  }
  spells.forEach((s, i) => {
    const d = nightsBetween(admitted, s.fromDate);
    if (s.fromDate === s.toDate && d < days && s.dailyRate > spells[owner[d]].dailyRate) owner[d] = i;
  });
  const out = spells.map((s) => ({ nights: 0, fromDate: s.fromDate }));
  owner.forEach((i, d) => {
    if (out[i].nights++ === 0) out[i].fromDate = addDays(admitted, d);
  });
  return out;
}

/** The text of one bed's room charge: "Room 204 (Private), bed B: 3 nights from 1 Jul 2026". */
export function roomChargeDescription(bed: { roomNumber: string; roomType: RoomType; bedLabel: string }, nights: number, fromDate: string): string {
  return `Room ${bed.roomNumber} (${ROOM_TYPE_LABELS[bed.roomType]}), bed ${bed.bedLabel}: ${nights} night${nights === 1 ? '' : 's'} from ${readableDate(fromDate)}`;
}
