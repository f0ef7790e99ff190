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
export function refreshShowing(client: QueryClient, change: Pick<RecordsChanged, 'entity' | 'hospitalIds'>): Promise<void> {
  return client.invalidateQueries({
    predicate: (q) => {
      const [channel, input] = q.queryKey as readonly [unknown, unknown];
      return typeof channel === 'string' && answerShowsChange(channel, input, change);
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

/** Being replaced by useChannelQuery: pages still keyed by hand until they move over. */
export const keys = {
  hospitals: ['hospitals.list'] as const,
  settings: ['settings.get'] as const,
  patientSearch: (query: string) => ['patients.search', query] as const,
  patient: (id: number) => ['patients.get', id] as const,
  patientPicker: (query: string) => ['patients.search', 'picker', query] as const,
  users: (query: string, includeInactive: boolean) => ['users.list', query, includeInactive] as const,
  allUsers: ['users.list', 'all'] as const,
  audit: (filters: object) => ['audit.list', filters] as const,
  connection: ['connection.status'] as const,
  departments: (hospitalId: number | null, includeInactive: boolean) => ['departments.list', hospitalId, includeInactive] as const,
  staffList: (filters: object) => ['staff.list', filters] as const,
  staffMember: (id: number) => ['staff.get', id] as const,
  doctorSchedule: (doctorId: number) => ['doctors.getSchedule', doctorId] as const,
  // Scheduling: every appointments key starts with its channel, so a push event can refresh the days it names.
  appointmentDoctors: (hospitalId: number | null) => ['doctors.list', 'appointments', hospitalId] as const,
  freeSlots: (doctorId: number, date: string) => ['appointments.freeSlots', doctorId, date] as const,
  departmentSlots: (hospitalId: number, date: string, by: { departmentId?: number; specialization?: string }) => ['appointments.departmentSlots', hospitalId, date, by] as const,
  nextFree: (input: { doctorId?: number; departmentId?: number; after?: string; limit?: number }) => ['appointments.nextFree', input] as const,
  daySchedule: (hospitalId: number, date: string, filters: { departmentId?: number; doctorId?: number }) => ['appointments.daySchedule', hospitalId, date, filters] as const,
  doctorAppointments: (doctorId: number, from: string, days: number) => ['appointments.forDoctor', doctorId, from, days] as const,
  patientAppointments: (patientId: number) => ['appointments.forPatient', patientId] as const,
  // Wards: every key starts with its channel and (where it has one) the hospital, so an occupancy event refreshes that hospital's views.
  wardLayout: (hospitalId: number) => ['rooms.list', hospitalId] as const,
  occupancyBoard: (hospitalId: number) => ['occupancy.board', hospitalId] as const,
  occupancyTimeline: (hospitalId: number, from: string, floorId: number | null) => ['occupancy.timeline', hospitalId, from, floorId] as const,
  census: (hospitalId: number) => ['occupancy.census', hospitalId] as const,
  bedBookings: (hospitalId: number) => ['beds.bookings', hospitalId] as const,
  theatreSchedule: (hospitalId: number, date: string) => ['theatres.schedule', hospitalId, date] as const,
  stay: (id: number) => ['admissions.get', id] as const,
  // Shifts and leave: every key starts with its channel, so a shift or staff change refreshes them by channel.
  shiftTypes: (hospitalId: number, includeInactive = false) => ['shifts.listTypes', hospitalId, includeInactive] as const,
  rotaRules: (hospitalId: number) => ['shifts.getRules', hospitalId] as const,
  rota: (departmentId: number, weekStart: string) => ['shifts.rota', departmentId, weekStart] as const,
  myShifts: ['shifts.mine'] as const,
  leave: (hospitalId: number, from: string, to: string) => ['leave.list', hospitalId, from, to] as const,
  // Billing: every key starts with its channel, so a change to an invoice or charge refreshes them by channel.
  invoices: (hospitalId: number, filters: object) => ['invoices.list', hospitalId, filters] as const,
  patientInvoices: (patientId: number) => ['invoices.list', 'patient', patientId] as const,
  invoice: (id: number) => ['invoices.get', id] as const,
  unbilled: (patientId: number, hospitalId: number | null) => ['charges.unbilled', patientId, hospitalId] as const,
  catalog: (hospitalId: number, query: string, includeInactive: boolean) => ['catalog.list', hospitalId, query, includeInactive] as const,
  billingSettings: (hospitalId: number) => ['billing.getSettings', hospitalId] as const,
};
