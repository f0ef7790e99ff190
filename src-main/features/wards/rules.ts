// Rules of a stay that the discharge desk and the demo data share: how many nights each bed is charged, and how the charge reads.
import { readableDate } from '@shared/domain/format';
import { nightsBetween, ROOM_TYPE_LABELS, type RoomType } from '@shared/domain/wards';

/** One bed of a stay as local calendar dates at the hospital: the day the patient came to it and the day they left it. */
export interface BedSpell {
  fromDate: string;
  toDate: string;
}

/**
 * Room-days: each bed of the stay is charged the nights spent in it, counted as local calendar days between arriving
 * and leaving (so 23- and 25-hour days and month ends count as the days they are); a stay shorter than a night is one,
 * charged to the last bed.
 */
export function roomNights(spells: readonly BedSpell[]): number[] {
  const nights = spells.map((s) => nightsBetween(s.fromDate, s.toDate));
  if (nights.length && !nights.some((n) => n > 0)) nights[nights.length - 1] = 1;
  return nights;
}

/** The text of one bed's room charge: "Room 204 (Private), bed B: 3 nights from 1 Jul 2026". */
export function roomChargeDescription(bed: { roomNumber: string; roomType: RoomType; bedLabel: string }, nights: number, fromDate: string): string {
  return `Room ${bed.roomNumber} (${ROOM_TYPE_LABELS[bed.roomType]}), bed ${bed.bedLabel}: ${nights} night${nights === 1 ? '' : 's'} from ${readableDate(fromDate)}`;
}
