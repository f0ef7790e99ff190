// Wards both sides share: room types, room and bed states, what a bed shows on the occupancy board, and room-days.

export const ROOM_TYPES = ['general_ward', 'semi_private', 'private', 'icu', 'isolation', 'operating_theatre'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const ROOM_TYPE_LABELS: Record<RoomType, string> = {
  general_ward: 'General ward',
  semi_private: 'Semi-private',
  private: 'Private',
  icu: 'ICU',
  isolation: 'Isolation',
  operating_theatre: 'Operating theatre',
};

/** What housekeeping and maintenance set; occupancy comes from stays and bookings, not from this. */
export const UNIT_STATES = ['available', 'cleaning', 'out_of_service'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export const UNIT_STATE_LABELS: Record<UnitState, string> = {
  available: 'Available',
  cleaning: 'Cleaning',
  out_of_service: 'Out of service',
};

/** A bed as the occupancy board shows it on a day. */
export const BED_STATUSES = ['occupied', 'reserved', 'free', 'cleaning', 'out_of_service'] as const;
export type BedStatus = (typeof BED_STATUSES)[number];

export const BED_STATUS_LABELS: Record<BedStatus, string> = {
  occupied: 'Occupied',
  reserved: 'Reserved',
  free: 'Free',
  cleaning: 'Cleaning',
  out_of_service: 'Out of service',
};

export const STAY_STATUSES = ['admitted', 'discharged'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];

export const BOOKING_STATUSES = ['reserved', 'admitted', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** Calendar days from one local date to another ('YYYY-MM-DD'), i.e. the midnights between them. */
export function nightsBetween(fromDate: string, toDate: string): number {
  return Math.round((Date.parse(`${toDate}T00:00:00Z`) - Date.parse(`${fromDate}T00:00:00Z`)) / 86_400_000);
}

/** Occupied beds as a percentage of the beds that can take a patient (out-of-service beds do not count), one decimal. */
export function occupancyPercent(occupied: number, usable: number): number {
  return usable === 0 ? 0 : Math.round((occupied / usable) * 1000) / 10;
}
