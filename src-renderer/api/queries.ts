// The one query layer: a QueryClient tuned for a desk app, and the keys every screen shares.
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './client';

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

export const keys = {
  hospitals: ['hospitals.list'] as const,
  settings: ['settings.get'] as const,
  patientSearch: (query: string) => ['patients.search', query] as const,
  patient: (id: number) => ['patients.get', id] as const,
  users: (query: string, includeInactive: boolean) => ['users.list', query, includeInactive] as const,
  allUsers: ['users.list', 'all'] as const,
  audit: (filters: object) => ['audit.list', filters] as const,
  connection: ['connection.status'] as const,
};
