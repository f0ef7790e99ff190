// The Electron main process: one hardened window, IPC into the handler pipeline, events out. Nothing else.
import 'reflect-metadata';
import { app, BrowserWindow, ipcMain, session, shell, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../db/data-source';
import { handlerTable } from '../ipc/handler-table';
import { startChangeFeed } from '../ipc/change-feed';
import { createDispatch } from '../ipc/pipeline';
import { createRuntime } from '../ipc/runtime';
import { CONTENT_SECURITY_POLICY } from './csp';
import { safeStorageProfiles } from './profile-store';

const windows = new Set<BrowserWindow>();

function rendererUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`;
}

/** Only our own page, in its main frame, may call the handlers (VS Code's validatedIpcMain does the same). */
function isOwnSender(event: IpcMainInvokeEvent): boolean {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win || !windows.has(win)) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  return frame.url.startsWith(rendererUrl().split('#')[0].replace(/index\.html$/, ''));
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Hospital Desk',
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Chromium's PDF viewer (a plugin) shows invoices, receipts, the census and rotas in the print preview frame,
      // whose print button opens the system print dialog. No other plugin exists in Electron.
      plugins: true,
    },
  });
  windows.add(win);
  win.on('closed', () => windows.delete(win));
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl());
}

app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, cb) => cb(false));

  const envUrl = process.env.HMS_DATABASE_URL;
  const runtime = createRuntime({ envTarget: envUrl ? parseDatabaseUrl(envUrl) : null, profiles: safeStorageProfiles(), exportsDir: app.getPath('downloads') });
  const dispatch = createDispatch(runtime, handlerTable);
  startChangeFeed(runtime);

  ipcMain.handle('hms:invoke', async (event, channel: unknown, input: unknown) => {
    if (!isOwnSender(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are only accepted from Hospital Desk windows.' } };
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
  app.on('before-quit', () => void runtime.db.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
