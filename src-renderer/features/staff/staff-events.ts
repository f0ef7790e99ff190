// Staff records, departments and doctors' hours change at other desks too: 'staff.changed' refreshes what is shown.
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { onEvent } from '../../api/client';

const STAFF_QUERIES = ['staff.list', 'staff.get', 'departments.list', 'doctors.list', 'doctors.getSchedule'];

/** After a save here or a push from main: every staff, department and schedule query is stale. */
export function refreshStaffQueries(queryClient: QueryClient): void {
  for (const key of STAFF_QUERIES) void queryClient.invalidateQueries({ queryKey: [key] });
}

const STAFF_ENTITIES = new Set(['staff', 'doctor', 'department']);

/** This workstation's changes arrive as 'staff.changed', other workstations' as 'records.changed' (the change feed). */
export function useStaffChangedRefresh(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offHere = onEvent('staff.changed', () => refreshStaffQueries(queryClient));
    const offElsewhere = onEvent('records.changed', (e) => STAFF_ENTITIES.has(e.entity) && refreshStaffQueries(queryClient));
    return () => {
      offHere();
      offElsewhere();
    };
  }, [queryClient]);
}
