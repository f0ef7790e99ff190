// The departments and doctors of a hospital that other screens choose from (booking, the rota, admissions, theatres).
import { useEffect, useMemo } from 'react';
import type { DoctorSummary } from '@shared/contract/staff';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';

/** A hospital's departments; the staff screens ask for the deactivated ones too. */
export function useDepartments(hospitalId: number | null, { includeInactive = false, staleTime }: { includeInactive?: boolean; staleTime?: number } = {}) {
  return useChannelQuery('departments.list', { hospitalId: hospitalId ?? undefined, includeInactive }, { enabled: hospitalId !== null, staleTime: staleTime ?? (includeInactive ? undefined : 60_000) });
}

const byName = (list: DoctorSummary[]) => [...list].sort((a, b) => a.fullName.localeCompare(b.fullName));

/** Doctors who take appointments at a hospital (null: at every hospital of the signed-in user), by name. */
export function useDoctors(hospitalId: number | null, enabled = true) {
  const pages = useChannelInfiniteQuery('doctors.list', { hospitalId: hospitalId ?? undefined, query: '', limit: 200 }, { enabled });
  // A picker offers every doctor of the hospital: the next page is asked for until the last has come.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const data = useMemo(() => (pages.data && !hasNextPage ? byName(pageItems(pages.data)) : undefined), [pages.data, hasNextPage]);
  return { data, isPending: data === undefined && !pages.error, error: pages.error };
}

export const doctorLabel = (d: Pick<DoctorSummary, 'fullName' | 'specialization' | 'status'>) =>
  `${d.fullName} · ${d.specialization}${d.status === 'on_leave' ? ' (on leave)' : ''}`;
