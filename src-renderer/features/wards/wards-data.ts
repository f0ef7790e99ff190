// The ward queries every wards screen shares, and the ways beds, rooms and stays are named on screen.
import { DateTime } from 'luxon';
import type { BedCounts, BoardBed, BoardRoom, OccupancyBoard } from '@shared/contract/wards';
import { counted } from '@shared/domain/format';
import { ROOM_TYPE_LABELS, type BedStatus } from '@shared/domain/wards';
import { useChannelQuery } from '../../api/queries';

export function useBoard(hospitalId: number | null) {
  return useChannelQuery('occupancy.board', { hospitalId: hospitalId ?? 0 }, { enabled: hospitalId !== null, placeholderData: (previous) => previous });
}

export function useWardLayout(hospitalId: number | null) {
  return useChannelQuery('rooms.list', { hospitalId: hospitalId ?? 0 }, { enabled: hospitalId !== null });
}

export interface BedPlace {
  bed: BoardBed;
  room: BoardRoom;
  floor: { id: number; name: string; level: number };
}

/** Every bed of the board by id, with its room and floor. */
export function indexBeds(board: OccupancyBoard | undefined): Map<number, BedPlace> {
  const index = new Map<number, BedPlace>();
  for (const f of board?.floors ?? []) {
    const floor = { id: f.id, name: f.name, level: f.level };
    for (const room of f.rooms) for (const bed of room.beds) index.set(bed.id, { bed, room, floor });
  }
  return index;
}

/** "Room 101, bed A" */
export const bedName = (roomNumber: string, bedLabel: string) => `Room ${roomNumber}, bed ${bedLabel}`;

/** "2nd floor · Room 204 (Private) · bed B" */
export const bedPlaceLabel = (p: BedPlace) => `${p.floor.name} · Room ${p.room.number} (${ROOM_TYPE_LABELS[p.room.roomType]}) · bed ${p.bed.label}`;

export const STATUS_COLORS: Record<BedStatus, string> = {
  occupied: 'blue',
  reserved: 'grape',
  free: 'teal',
  cleaning: 'yellow',
  out_of_service: 'gray',
};

/** "31 of 40 beds · 77.5 %" */
export const countsLine = (c: BedCounts) => `${c.occupied} of ${counted(c.usable, 'bed')} occupied · ${c.percent.toFixed(1)} %`;

/** The hospital-local wall time of a date and "HH:MM" as a UTC instant. */
export function localInstant(date: string, time: string, timeZone: string): string | null {
  const d = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  return d.isValid ? d.toUTC().toISO() : null;
}

