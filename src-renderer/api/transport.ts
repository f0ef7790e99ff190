// The two ways a call reaches main: the Electron preload bridge, or the harness's loopback HTTP (browser tests, automation).
import type { EventName, Events } from '@shared/contract';
import type { Result } from '@shared/errors';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    hms?: Bridge;
  }
}

export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on<K extends EventName>(event: K, callback: (payload: Events[K]) => void): () => void;
}

const TOKEN_KEY = 'hms.harness.token';
const WINDOW_KEY = 'hms.harness.window';

/** The harness token and window id come from the page address once, then live in this tab's sessionStorage so reloads keep them. */
function harnessIdentity(): { token: string; windowId: string } {
  const url = new URL(window.location.href);
  const fromUrlToken = url.searchParams.get('token');
  const fromUrlWindow = url.searchParams.get('window');
  if (fromUrlToken) sessionStorage.setItem(TOKEN_KEY, fromUrlToken);
  if (fromUrlWindow && /^[A-Za-z0-9_-]{1,64}$/.test(fromUrlWindow)) sessionStorage.setItem(WINDOW_KEY, fromUrlWindow);
  if (!sessionStorage.getItem(WINDOW_KEY)) sessionStorage.setItem(WINDOW_KEY, `tab-${crypto.randomUUID().slice(0, 12)}`);
  if (fromUrlToken || fromUrlWindow) {
    // The token stays out of the address bar (and out of screenshots) once it is stored.
    url.searchParams.delete('token');
    url.searchParams.delete('window');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return { token: sessionStorage.getItem(TOKEN_KEY) ?? '', windowId: sessionStorage.getItem(WINDOW_KEY)! };
}

function bridgeTransport(bridge: Bridge): Transport {
  return {
    invoke: (channel, input) => bridge.invoke(channel, input),
    on: (event, callback) => bridge.on(event, (payload) => callback(payload as never)),
  };
}

function harnessTransport(): Transport {
  const { token, windowId } = harnessIdentity();
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;

  const ensureStream = () => {
    if (source) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      try {
        const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
        for (const l of listeners.get(name) ?? []) l(payload);
      } catch {
        // A malformed event is ignored: events only prompt refreshes, they carry no state of their own.
      }
    };
  };

  return {
    invoke: async (channel, input) => {
      let response: Response;
      try {
        response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-window': windowId },
          body: input === undefined ? '' : JSON.stringify(input),
        });
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Hospital Desk is not answering (the background process is not reachable).' } };
      }
      try {
        return (await response.json()) as Result<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `Unexpected answer from the background process (HTTP ${response.status}).` } };
      }
    },
    on: (event, callback) => {
      ensureStream();
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(callback as Listener);
      return () => set.delete(callback as Listener);
    },
  };
}

export const transport: Transport = window.hms ? bridgeTransport(window.hms) : harnessTransport();
