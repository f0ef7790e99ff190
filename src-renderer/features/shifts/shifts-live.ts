// Keeps the rota, leave and own-shift views current: a shift or leave change here or at any workstation refreshes them.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { onEvent } from '../../api/client';

/** Queries keyed [channel, hospitalId, …]. */
const HOSPITAL_QUERIES = new Set(['shifts.listTypes', 'shifts.getRules', 'leave.list']);
/**
 * What the cross-workstation change feed calls the records a rota shows: shifts, leave (recorded against the staff
 * member), a copied week or coverage (the department), shift types, working-time rules (the hospital).
 */
const ROTA_ENTITIES = new Set(['shift', 'staff', 'department', 'shift_type', 'hospital']);

/** Refreshes rotas of these departments (all when none is named) and the hospital-wide shift views. */
export function refreshShifts(queryClient: QueryClient, change: { hospitalIds?: number[]; departmentIds?: number[] } = {}): void {
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const [channel, id] = q.queryKey as [string, unknown];
      if (channel === 'shifts.rota') return !change.departmentIds?.length || change.departmentIds.includes(id as number);
      if (HOSPITAL_QUERIES.has(channel)) return !change.hospitalIds?.length || change.hospitalIds.includes(id as number);
      return channel === 'shifts.mine';
    },
  });
}

/** Subscribes the mounted view to this workstation's changes ('shifts.changed', 'staff.changed') and others' ('records.changed'). */
export function useShiftsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offShifts = onEvent('shifts.changed', (e) => refreshShifts(queryClient, { departmentIds: [e.departmentId] }));
    // Leave is recorded against the staff member: it shows in every rota the person is on.
    const offStaff = onEvent('staff.changed', (e) => refreshShifts(queryClient, { hospitalIds: [e.hospitalId] }));
    const offElsewhere = onEvent('records.changed', (e) => ROTA_ENTITIES.has(e.entity) && refreshShifts(queryClient, { hospitalIds: e.hospitalIds }));
    return () => {
      offShifts();
      offStaff();
      offElsewhere();
    };
  }, [queryClient]);
}
