// src-main/electron/main.ts wires the policies of security.ts: loaded here with Electron and the pipeline stood in for.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** What main.ts did to the stand-ins: the app's events, the windows it built, the IPC handler, the session's handlers. */
const electron = vi.hoisted(() => ({
  gotLock: true,
  app: null as unknown as EventEmitter & Record<string, unknown>,
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; webContents: Record<string, unknown>; loaded: string[] }>,
  ipc: {} as Record<string, (...args: unknown[]) => unknown>,
  session: {} as Record<string, unknown>,
  dispatched: [] as unknown[],
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => electron.gotLock,
    quit: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: () => '/tmp',
  });
  electron.app = app as never;
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => electron.windows;
    webContents: Record<string, unknown>;
    loaded: string[] = [];
    constructor(public options: { webPreferences: Record<string, unknown> }) {
      super();
      const mainFrame = { url: '', parent: null, detached: false, frameTreeNodeId: 1 };
      this.webContents = { id: 1, mainFrame, send: vi.fn() };
      electron.windows.push(this as never);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      (this.webContents.mainFrame as { url: string }).url = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
  }
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (l: unknown) => (electron.session.headers = l) },
      setPermissionRequestHandler: (h: unknown) => (electron.session.request = h),
      setPermissionCheckHandler: (h: unknown) => (electron.session.check = h),
      setDevicePermissionHandler: (h: unknown) => (electron.session.device = h),
    },
  };
  const ipcMain = { handle: (name: string, h: (...args: unknown[]) => unknown) => (electron.ipc[name] = h) };
  return { app, BrowserWindow, session, ipcMain, shell: { openExternal: vi.fn() }, safeStorage: {} };
});
vi.mock('../../src-main/ipc/handler-table', () => ({ handlerTable: {} }));
vi.mock('../../src-main/ipc/change-feed', () => ({ startChangeFeed: () => () => undefined }));
vi.mock('../../src-main/ipc/runtime', () => ({ createRuntime: () => ({ events: { subscribe: () => undefined }, db: { close: () => undefined, isConfigured: async () => false }, embedded: null }) }));
vi.mock('../../src-main/ipc/pipeline', () => ({
  createDispatch: () => async (windowKey: string, channel: string) => {
    electron.dispatched.push([windowKey, channel]);
    return { ok: true, value: null };
  },
}));
vi.mock('../../src-main/db/data-source', () => ({ parseDatabaseUrl: () => null, envDatabaseTarget: () => null }));
vi.mock('../../src-main/electron/profile-store', () => ({ safeStorageProfiles: () => ({}) }));

/** Loads main.ts afresh, as a new process would, and lets its whenReady callback run. */
async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../src-main/electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  electron.gotLock = true;
  electron.windows.length = 0;
  electron.dispatched.length = 0;
  for (const key of Object.keys(electron.ipc)) delete electron.ipc[key];
  for (const key of Object.keys(electron.session)) delete electron.session[key];
  delete process.env.ELECTRON_RENDERER_URL;
});
afterEach(() => electron.app.removeAllListeners());

describe('the main process', () => {
  it('opens one sandboxed, isolated window on our own page file, with the preload', async () => {
    await startMain();
    expect(electron.windows).toHaveLength(1);
    const [win] = electron.windows;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0]).toMatch(/^file:\/\/\/.*\/renderer\/index\.html$/);
  });

  it('guards every web contents the app creates', async () => {
    await startMain();
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    electron.app.emit('web-contents-created', {}, contents);
    const navigate = { url: 'https://evil.example/', isMainFrame: true, preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate);
    expect(navigate.preventDefault).toHaveBeenCalled();
    expect(contents.setWindowOpenHandler.mock.calls[0][0]({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('answers every permission request and check of the default session with no', async () => {
    await startMain();
    const callback = vi.fn();
    (electron.session.request as (...a: unknown[]) => void)({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect((electron.session.check as (...a: unknown[]) => boolean)({}, 'notifications', 'file:///', {})).toBe(false);
    expect(electron.session.headers).toBeTypeOf('function');
  });

  it('passes calls from its window to the pipeline and refuses everyone else', async () => {
    await startMain();
    const invoke = electron.ipc['hms:invoke'];
    const own = electron.windows[0].webContents;
    expect(await invoke({ sender: own, senderFrame: own.mainFrame }, 'patients.search', {})).toEqual({ ok: true, value: null });
    expect(electron.dispatched).toEqual([['win:1', 'patients.search']]);

    const stranger = { id: 2, mainFrame: { ...(own.mainFrame as object) } };
    const refused = (await invoke({ sender: stranger, senderFrame: stranger.mainFrame }, 'patients.search', {})) as { ok: boolean; error: { code: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('FORBIDDEN');
    expect(electron.dispatched).toHaveLength(1);
  });

  it('as a second instance, quits without opening a window or answering calls', async () => {
    electron.gotLock = false;
    await startMain();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(electron.ipc['hms:invoke']).toBeUndefined();
    expect(electron.app.listenerCount('web-contents-created')).toBe(0);
  });
});
