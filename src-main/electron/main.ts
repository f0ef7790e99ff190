// The Electron main process: one hardened window, IPC into the handler pipeline, events out. Nothing else.
import 'reflect-metadata';
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { envDatabaseTarget } from '../db/data-source';
import { handlerTable } from '../ipc/handler-table';
import { startChangeFeed } from '../ipc/change-feed';
import { startAuditWatch } from '../ipc/audit-watch';
import { createDispatch } from '../ipc/pipeline';
import { createRuntime } from '../ipc/runtime';
import { safeStorageProfiles } from './profile-store';
import { fileWorkstation } from './workstation-store';
import { applyContentSecurityPolicy, claimSingleInstance, createMainWindow, denyAllPermissions, hardenWebContents, isOwnSender } from './security';

const windows = new Set<BrowserWindow>();

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(__dirname, '../renderer/index.html')).href;
}

function createWindow(): void {
  const win = createMainWindow(join(__dirname, '../preload/index.cjs'));
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
}

function start(): void {
  // Before any window exists: every web contents, the main window's included, gets the same guards.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl()));

  app.whenReady().then(() => {
    applyContentSecurityPolicy(session.defaultSession);
    denyAllPermissions(session.defaultSession);

    const runtime = createRuntime({
      envTarget: envDatabaseTarget(),
      profiles: safeStorageProfiles(),
      exportsDir: app.getPath('downloads'),
      workstation: fileWorkstation(),
      // "Only this computer": the private MariaDB server's data lives with the app's other user data.
      embeddedDir: join(app.getPath('userData'), 'mariadb'),
      resourcesPath: process.resourcesPath,
    });
    // A profile saved as "Only this computer" starts the private server now, while the window loads.
    void runtime.db.isConfigured().catch(() => undefined);
    const dispatch = createDispatch(runtime, handlerTable);
    startChangeFeed(runtime);
    startAuditWatch(runtime);

    ipcMain.handle('hms:invoke', async (event, channel: unknown, input: unknown) => {
      if (!isOwnSender(event, windows, rendererUrl())) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from Hospital Desk windows.' } };
      if (typeof channel !== 'string') return { ok: false, error: { code: 'VALIDATION', message: 'The channel must be a name.' } };
      return dispatch(`win:${event.sender.id}`, channel, input);
    });
    runtime.events.subscribe((name, payload) => {
      for (const w of windows) if (!w.isDestroyed()) w.webContents.send('hms:event', name, payload);
    });

    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    // Quitting waits for the connections to close and the private server (if one runs) to shut down cleanly.
    let closed = false;
    app.on('before-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void Promise.allSettled([runtime.db.close()])
        .then(() => runtime.embedded?.stop())
        .catch(() => undefined)
        .finally(() => {
          closed = true;
          app.quit();
        });
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// A second start of the app only brings the first one's window forward.
if (claimSingleInstance(app, () => windows.values().next().value)) start();
