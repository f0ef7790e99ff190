// The app's stages: connection → first-run set-up → sign-in → the shell (with the lock screen over it when locked).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Center, Loader, MantineProvider, Stack } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import type { SessionInfo } from '@shared/contract/users';
import type { Role } from '@shared/domain/roles';
import { api, onCallFailure } from '../api/client';
import { queryClient, useChannelQuery } from '../api/queries';
import { ConnectionScreen, SetupWizard } from '../features/setup';
import { ConnectionProvider } from './connection';
import { useIdleLock } from './idle-lock';
import { LockScreen } from './LockScreen';
import { PublicLayout } from './PublicLayout';
import { navigate } from './router';
import { SessionContext, type SessionApi } from './session';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import { theme } from './theme';

type Stage =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'connection' }
  | { kind: 'setup' }
  | { kind: 'signin'; notice?: string; username?: string }
  | { kind: 'app'; session: SessionInfo };

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Below the 60 px header (hospital, account menu), three at a time: they never cover the header, and more wait their turn. */}
      <Notifications position="top-center" layout="stacked" containerWidth={420} zIndex={2000} limit={3} />
      <QueryClientProvider client={queryClient}>
        <ConnectionProvider>
          <Root />
        </ConnectionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

function Root() {
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const stageRef = useRef(stage);
  stageRef.current = stage;

  const boot = useCallback(async (signinNotice?: { notice?: string; username?: string }) => {
    try {
      const status = await api.setup.status();
      if (status.needsConnection) return setStage({ kind: 'connection' });
      if (status.needsSetup) return setStage({ kind: 'setup' });
      const me = await api.auth.me();
      setStage(me ? { kind: 'app', session: me } : { kind: 'signin', ...signinNotice });
    } catch (e) {
      setStage({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void boot();
  }, [boot]);

  const signedOut = useCallback((notice?: string) => {
    queryClient.clear();
    setStage({ kind: 'signin', notice });
  }, []);

  /** Asks main what became of this window's session after a call was refused as unauthenticated. */
  const recheckSession = useCallback(async (reason?: string) => {
    const me = await api.auth.me().catch(() => undefined);
    if (me === undefined || stageRef.current.kind !== 'app') return;
    if (me === null) signedOut(reason ?? 'Your session has ended; please sign in again.');
    else setStage({ kind: 'app', session: me });
  }, [signedOut]);

  useEffect(
    () =>
      onCallFailure((e) => {
        if (e.code === 'UNAUTHENTICATED' && stageRef.current.kind === 'app' && e.channel !== 'auth.login') void recheckSession(e.message);
      }),
    [recheckSession],
  );

  if (stage.kind === 'loading') {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (stage.kind === 'failed') {
    return (
      <PublicLayout>
        <Stack>
          <Alert color="red" title="Hospital Desk could not start" role="alert">
            {stage.message}
          </Alert>
          <Button onClick={() => void boot()}>Try again</Button>
        </Stack>
      </PublicLayout>
    );
  }
  if (stage.kind === 'connection') return <ConnectionScreen onConnected={() => void boot()} />;
  if (stage.kind === 'setup') {
    return (
      <SetupWizard
        onDone={(username) => void boot({ notice: 'Set-up is complete. Sign in with the administrator account you just created.', username })}
      />
    );
  }
  if (stage.kind === 'signin') {
    return (
      <SignIn
        notice={stage.notice}
        username={stage.username}
        onSignedIn={(session) => {
          // Each sign-in starts on the home screen of the user's roles, not on the page the last user left open.
          navigate('/');
          setStage({ kind: 'app', session });
        }}
      />
    );
  }
  return (
    <SignedIn
      session={stage.session}
      onSession={(session) => setStage({ kind: 'app', session })}
      onSignedOut={signedOut}
      onStale={() => void recheckSession()}
    />
  );
}

function SignedIn({ session, onSession, onSignedOut, onStale }: { session: SessionInfo; onSession: (s: SessionInfo) => void; onSignedOut: (notice?: string) => void; onStale: () => void }) {
  const locked = session.locked;
  const hospitalsQuery = useChannelQuery('hospitals.list', undefined, { enabled: !locked, staleTime: 60_000 });
  const hospitals = useMemo(() => hospitalsQuery.data ?? [], [hospitalsQuery.data]);
  const [hospitalId, setHospitalId] = useState<number | null>(() => Number(localStorage.getItem('hms.hospitalId')) || null);
  const hospital = hospitals.find((h) => h.id === hospitalId) ?? hospitals[0] ?? null;
  // What the roles may call at each hospital (refreshed when an administrator changes the role table or the account).
  const mine = useChannelQuery('permissions.mine', undefined, { enabled: !locked, staleTime: 60_000 });

  const lock = useCallback(() => {
    onSession({ ...session, locked: true });
    void api.auth.lock().catch(() => undefined);
  }, [onSession, session]);

  const signOut = useCallback(() => {
    void api.auth
      .logout()
      .catch(() => undefined)
      .finally(() => onSignedOut('You have signed out.'));
  }, [onSignedOut]);

  useIdleLock({ minutes: session.idleLockMinutes, enabled: !locked, onIdle: lock, onActive: onStale });

  const value = useMemo<SessionApi>(
    () => ({
      session,
      hospitals,
      hospital,
      setHospitalId: (id) => {
        localStorage.setItem('hms.hospitalId', String(id));
        setHospitalId(id);
      },
      hasRole: (...roles: readonly Role[]) => roles.some((r) => session.user.roles.includes(r)),
      can: (channel, at) => {
        const access = (contract[channel] as AnyChannel).access;
        if (!Array.isArray(access)) return true;
        const id = at ?? hospital?.id;
        const here = mine.data?.hospitals.find((h) => h.hospitalId === id);
        if (here) return here.channels.includes(channel);
        // Until main has answered (or for a hospital outside the list): the contract's default roles.
        return access.some((r) => session.user.roles.includes(r));
      },
      lock,
      signOut,
    }),
    [session, hospitals, hospital, lock, signOut, mine.data],
  );

  return (
    <SessionContext.Provider value={value}>
      <div inert={locked || undefined} aria-hidden={locked || undefined}>
        <Shell />
      </div>
      {locked && (
        <LockScreen
          session={session}
          onSignOut={signOut}
          onUnlocked={(s) => {
            onSession(s);
            notifications.show({ color: 'teal', message: `Welcome back, ${s.user.fullName}.` });
            void queryClient.refetchQueries({ predicate: (q) => q.state.status === 'error' });
          }}
        />
      )}
    </SessionContext.Provider>
  );
}
