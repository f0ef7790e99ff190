// Watches the database connection: any call answering DB_UNAVAILABLE or a 'connection.changed' event raises the banner,
// which polls connection.status every 2 s until the database answers again.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { onCallFailure, onEvent } from '../api/client';
import { useChannelQuery } from '../api/queries';

interface ConnectionState {
  down: boolean;
  message: string | null;
}

const ConnectionContext = createContext<ConnectionState>({ down: false, message: null });

export const useConnection = () => useContext(ConnectionContext);

export function ConnectionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ConnectionState>({ down: false, message: null });
  const queryClient = useQueryClient();

  useEffect(() => {
    const offFailure = onCallFailure((e) => {
      if (e.code === 'DB_UNAVAILABLE') setState((s) => ({ down: true, message: s.down ? s.message : e.message }));
    });
    const offEvent = onEvent('connection.changed', ({ connected, message }) => {
      if (!connected) setState({ down: true, message });
    });
    return () => {
      offFailure();
      offEvent();
    };
  }, []);

  const poll = useChannelQuery('connection.status', undefined, {
    enabled: state.down,
    refetchInterval: 2000,
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });

  useEffect(() => {
    if (!state.down || !poll.data) return;
    if (poll.data.connected) {
      setState({ down: false, message: null });
      notifications.show({ color: 'teal', title: 'Database connection is back', message: 'You can save again.' });
      // Lists that failed while the database was away load again.
      void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
    } else if (poll.data.message && poll.data.message !== state.message) {
      setState({ down: true, message: poll.data.message });
    }
  }, [poll.data, poll.dataUpdatedAt, state.down, state.message, queryClient]);

  return <ConnectionContext.Provider value={state}>{children}</ConnectionContext.Provider>;
}
