// A report's figures for a filter: the query of its channel, kept current by the live refresh like every other screen.
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ReportOutputs, TrendFilter } from '@shared/contract/reports';
import type { ReportChannel } from '@shared/domain/reports';
import { call, type ApiError } from '../../api/client';
import { channelKey } from '../../api/queries';

/** One report's figures for a filter; while a changed filter loads, the previous figures stay on screen. */
export function useReport<K extends ReportChannel>(report: K, input: TrendFilter, enabled: boolean): UseQueryResult<ReportOutputs[K], ApiError> {
  return useQuery<ReportOutputs[K], ApiError>({
    queryKey: channelKey(report, input as never),
    queryFn: () => (call as (c: K, i: unknown) => Promise<ReportOutputs[K]>)(report, input),
    enabled,
    placeholderData: keepPreviousData,
  });
}
