// The one query layer: a QueryClient tuned for a desk app, queries keyed by their channel, and the live refresh.
import { useEffect } from 'react';
import {
  QueryClient,
  useInfiniteQuery,
  useQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ChannelName, Input, Output } from '@shared/contract';
import type { Page } from '@shared/contract/channel';
import { answerShowsChange, kindsChangedBy, type RecordsChanged } from '@shared/contract/changes';
import { call, isApiError, onCallSuccess, onEvent, type ApiError } from './client';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors the server gave on purpose do not heal by asking again; a lost database is retried by the banner.
      retry: (count, error) => !isApiError(error) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/** Every query's key is its channel and its input: live refresh reads both back. */
export const channelKey = <K extends ChannelName>(channel: K, input?: Input<K>) => [channel, input ?? null] as const;

export type ChannelQueryOptions<K extends ChannelName, TData = Output<K>> = Omit<UseQueryOptions<Output<K>, ApiError, TData>, 'queryKey' | 'queryFn'>;

type QueryArgs<K extends ChannelName, TData> = undefined extends Input<K>
  ? [input?: Input<K>, options?: ChannelQueryOptions<K, TData>]
  : [input: Input<K>, options?: ChannelQueryOptions<K, TData>];

/** `useChannelQuery('occupancy.board', { hospitalId })`: the answer of one read channel, kept current by `useLiveRefresh`. */
export function useChannelQuery<K extends ChannelName, TData = Output<K>>(channel: K, ...[input, options]: QueryArgs<K, TData>): UseQueryResult<TData, ApiError> {
  return useQuery<Output<K>, ApiError, TData>({
    ...options,
    queryKey: channelKey(channel, input),
    queryFn: () => (call as (c: K, i?: Input<K>) => Promise<Output<K>>)(channel, input),
  });
}

/** Read channels answering `Page<T>` to a `cursor`. */
export type PagedChannel = {
  [K in ChannelName]: Output<K> extends Page<unknown> ? ('cursor' extends keyof NonNullable<Input<K>> ? K : never) : never;
}[ChannelName];

type PageInput<K extends PagedChannel> = Omit<NonNullable<Input<K>>, 'cursor'>;

export interface ChannelInfiniteOptions {
  enabled?: boolean;
  /** Keep showing the previous list while a new search loads. */
  keepPrevious?: boolean;
}

/** A paged list: pages follow `nextCursor`; `pageItems(result.data)` gives the rows loaded so far. */
export function useChannelInfiniteQuery<K extends PagedChannel>(
  channel: K,
  input: PageInput<K>,
  options: ChannelInfiniteOptions = {},
): UseInfiniteQueryResult<InfiniteData<Output<K>, string | null>, ApiError> {
  return useInfiniteQuery<Output<K>, ApiError, InfiniteData<Output<K>, string | null>, readonly unknown[], string | null>({
    // The third part keeps a paged list apart from a single-page query of the same channel and input.
    queryKey: [channel, input, 'pages'],
    queryFn: ({ pageParam }) => (call as (c: K, i: unknown) => Promise<Output<K>>)(channel, { ...input, cursor: pageParam }),
    initialPageParam: null,
    getNextPageParam: (last) => (last as Page<unknown>).nextCursor,
    enabled: options.enabled,
    placeholderData: options.keepPrevious ? (previous) => previous : undefined,
  });
}

type ItemOf<P> = P extends Page<infer T> ? T : never;

export function pageItems<P extends Page<unknown>>(data: InfiniteData<P, unknown> | undefined): ItemOf<P>[] {
  return (data?.pages.flatMap((p) => p.items) ?? []) as ItemOf<P>[];
}

/** Asks again every cached answer that shows what changed (queries not on screen are only marked stale). */
export function refreshShowing(client: QueryClient, change: Pick<RecordsChanged, 'entity' | 'hospitalIds'> & { ids?: string[] }): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => {
      const [channel, input] = q.queryKey as readonly [unknown, unknown];
      return typeof channel === 'string' && answerShowsChange(channel, input, change, q.state.data);
    },
  });
}

/**
 * Mounted once in the shell: a `records.changed` event (this workstation's or, via the change feed, another's)
 * refreshes the screens that show it; a successful write here refreshes them at once, without waiting for the event.
 */
export function useLiveRefresh(): void {
  useEffect(() => {
    const offEvent = onEvent('records.changed', (change) => void refreshShowing(queryClient, change));
    const offWrite = onCallSuccess((channel) => {
      for (const entity of kindsChangedBy(channel)) void refreshShowing(queryClient, { entity, hospitalIds: [] });
    });
    return () => {
      offEvent();
      offWrite();
    };
  }, []);
}
