// src-main/electron/main.ts and "Only this computer": the runtime gets the private server's folder in the user-data
// folder and the packaged build's resources; quitting waits for the connections to close and the server to shut down.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({
  app: null as unknown as EventEmitter & { quit: ReturnType<typeof vi.fn> },
  runtimeOptions: null as Record<string, unknown> | null,
  steps: [] as string[],
  configuredChecks: 0,
}));

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    quit: vi.fn(),
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => `/home/desk/.config/Hospital Desk/${name}`.replace('/userData', ''),
  });
  seen.app = app as never;
  class BrowserWindow extends EventEmitter {
    static getAllWindows = () => [];
    webContents = { id: 1, mainFrame: { url: '' }, send: vi.fn() };
    loadURL = () => Promise.resolve();
    isDestroyed = () => false;
  }
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: () => undefined },
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setDevicePermissionHandler: () => undefined,
    },
  };
  return { app, BrowserWindow, session, ipcMain: { handle: () => undefined }, shell: { openExternal: vi.fn() }, safeStorage: {} };
});
vi.mock('../../src-main/ipc/handler-table', () => ({ handlerTable: {} }));
vi.mock('../../src-main/ipc/change-feed', () => ({ startChangeFeed: () => () => undefined }));
vi.mock('../../src-main/ipc/audit-watch', () => ({ startAuditWatch: () => () => undefined }));
vi.mock('../../src-main/ipc/pipeline', () => ({ createDispatch: () => async () => ({ ok: true, data: null }) }));
vi.mock('../../src-main/db/data-source', () => ({ envDatabaseTarget: () => null }));
vi.mock('../../src-main/electron/profile-store', () => ({ safeStorageProfiles: () => ({}) }));
vi.mock('../../src-main/electron/workstation-store', () => ({ fileWorkstation: () => ({}) }));
vi.mock('../../src-main/ipc/runtime', () => ({
  createRuntime: (opts: Record<string, unknown>) => {
    seen.runtimeOptions = opts;
    return {
      events: { subscribe: () => undefined },
      db: {
        isConfigured: async () => {
          seen.configuredChecks++;
          return true;
        },
        close: async () => {
          await new Promise((r) => setTimeout(r, 5));
          seen.steps.push('connections closed');
        },
      },
      embedded: {
        stop: async () => {
          await new Promise((r) => setTimeout(r, 5));
          seen.steps.push('private server stopped');
        },
      },
    };
  },
}));

beforeEach(async () => {
  seen.runtimeOptions = null;
  seen.steps.length = 0;
  seen.configuredChecks = 0;
  (process as { resourcesPath?: string }).resourcesPath = '/opt/Hospital Desk/resources';
  vi.resetModules();
  await import('../../src-main/electron/main');
  await new Promise((r) => setTimeout(r, 0));
});
afterEach(() => {
  seen.app.removeAllListeners();
  delete (process as { resourcesPath?: string }).resourcesPath;
});

describe('the Electron main process and the private server', () => {
  it('gives the runtime the private server folder in user data and the packaged MariaDB binaries, and looks at the profile at once', () => {
    expect(seen.runtimeOptions).toMatchObject({ embeddedDir: '/home/desk/.config/Hospital Desk/mariadb', resourcesPath: '/opt/Hospital Desk/resources' });
    // The profile is read while the window loads: a profile saved as "Only this computer" starts its server then.
    expect(seen.configuredChecks).toBe(1);
  });

  it('quits only after the connections are closed and the private server has shut down', async () => {
    const event = { preventDefault: vi.fn() };
    seen.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(seen.app.quit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(seen.app.quit).toHaveBeenCalledOnce());
    expect(seen.steps).toEqual(['connections closed', 'private server stopped']);
    // The second before-quit (from that app.quit()) goes through.
    const again = { preventDefault: vi.fn() };
    seen.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});
