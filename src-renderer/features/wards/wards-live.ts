// Keeps the board, timeline, census, bookings and ward layout current: a ward change here or at any workstation refreshes that hospital's views.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { onEvent } from '../../api/client';

/** Queries keyed [channel, hospitalId, …]. */
const HOSPITAL_QUERIES = new Set(['rooms.list', 'occupancy.board', 'occupancy.timeline', 'occupancy.census', 'beds.bookings', 'theatres.schedule']);
/** Queries of one stay or one patient's stays: the event does not say which, and they are cheap. */
const STAY_QUERIES = new Set(['admissions.get', 'admissions.forPatient']);
/** What the cross-workstation change feed calls the ward records. */
const WARD_ENTITIES = new Set(['stay', 'bed', 'room', 'floor', 'bed_booking', 'theatre_booking']);

/** Refreshes the ward views of these hospitals (every hospital when none is named). */
export function refreshWards(queryClient: QueryClient, hospitalIds: number[] = []): void {
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const [channel, hospitalId] = q.queryKey as [string, unknown];
      if (STAY_QUERIES.has(channel)) return true;
      return HOSPITAL_QUERIES.has(channel) && (hospitalIds.length === 0 || hospitalIds.includes(hospitalId as number));
    },
  });
}

/** Subscribes the mounted view to ward changes of this workstation ('occupancy.changed') and of others ('records.changed'). */
export function useWardsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offHere = onEvent('occupancy.changed', (e) => refreshWards(queryClient, [e.hospitalId]));
    const offElsewhere = onEvent('records.changed', (e) => WARD_ENTITIES.has(e.entity) && refreshWards(queryClient, e.hospitalIds));
    return () => {
      offHere();
      offElsewhere();
    };
  }, [queryClient]);
}
