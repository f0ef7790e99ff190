// The Electron security policies of src-main/electron/security.ts, called directly with Electron stood in for.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Electron's binary cannot run here: BrowserWindow records the options it is built with, shell records what it opens.
const electron = vi.hoisted(() => ({
  openExternal: vi.fn(async (_url: string) => undefined),
  windowOptions: [] as unknown[],
}));
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: unknown) {
      electron.windowOptions.push(options);
    }
  },
  shell: { openExternal: electron.openExternal },
}));

const security = await import('../../src-main/electron/security');
const { CONTENT_SECURITY_POLICY } = await import('../../src-main/electron/csp');
const {
  applyContentSecurityPolicy,
  claimSingleInstance,
  createMainWindow,
  denyAllPermissions,
  EXTERNAL_LINK_HOSTS,
  hardenWebContents,
  isAllowedNavigation,
  isOwnSender,
  windowOpenHandler,
} = security;

const OWN_PAGE = 'file:///opt/Hospital%20Desk/resources/app/out/renderer/index.html';
const DEV_SERVER = 'http://localhost:5173';
const PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html';

beforeEach(() => {
  electron.openExternal.mockClear();
  electron.windowOptions.length = 0;
});

/** A stand-in for a WebContents: real events, and the window-open handler it was given. */
function fakeContents() {
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      contents.openHandler = handler;
    },
  });
  return contents;
}

/** Emits a navigation event the way Electron does and tells whether a listener refused it. */
function refused(contents: EventEmitter, name: string, url: string, isMainFrame = true): boolean {
  const event = { url, isMainFrame, preventDefault: vi.fn() };
  contents.emit(name, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

describe('the main window', () => {
  function webPreferences(): Record<string, unknown> {
    createMainWindow('/app/out/preload/index.cjs');
    expect(electron.windowOptions).toHaveLength(1);
    return (electron.windowOptions[0] as { webPreferences: Record<string, unknown> }).webPreferences;
  }

  it('isolates the page in a sandbox without Node, with web security on', () => {
    const prefs = webPreferences();
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
  });

  it('turns on no experimental feature, no insecure content, no <webview> and no Blink feature', () => {
    const prefs = webPreferences();
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('keeps the preload it is given', () => {
    expect(webPreferences().preload).toBe('/app/out/preload/index.cjs');
  });

  it('has plugins on only for the PDF viewer, while the CSP refuses <object> and <embed>', () => {
    expect(webPreferences().plugins).toBe(true);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});

describe('the Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources] as const),
  );

  it('runs only our own scripts: no eval, no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('names no remote origin in any directive', () => {
    for (const [name, sources] of directives) {
      for (const source of sources) {
        expect(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'], `${name} ${source}`).toContain(source);
      }
    }
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('refuses plugins, base URLs and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('is sent as a header with every response, next to the headers already there', () => {
    let listener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    const session = { webRequest: { onHeadersReceived: (l: typeof listener) => (listener = l) } };
    applyContentSecurityPolicy(session as never);
    const cb = vi.fn();
    listener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
});

describe('navigation', () => {
  it('lets the top frame go to our own page, with any route in its hash', () => {
    expect(isAllowedNavigation(OWN_PAGE, true, OWN_PAGE)).toBe(true);
    expect(isAllowedNavigation(`${OWN_PAGE}#/patients/12`, true, OWN_PAGE)).toBe(true);
    expect(isAllowedNavigation(`${DEV_SERVER}/#/billing`, true, `${DEV_SERVER}/`)).toBe(true);
  });

  it.each([
    'https://evil.example/',
    'http://evil.example/index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///opt/Hospital%20Desk/resources/app/out/renderer/other.html',
    'file://evil.example/opt/Hospital%20Desk/resources/app/out/renderer/index.html',
    'http://localhost:5174/',
    'not a url',
  ])('refuses to take the top frame to %s', (url) => {
    expect(isAllowedNavigation(url, true, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation(url, true, `${DEV_SERVER}/`)).toBe(false);
  });

  it('lets a frame inside our page show a PDF blob our page made, in the built-in viewer, and nothing foreign', () => {
    expect(isAllowedNavigation('blob:file:///0b5c2e0e-1c53-4f3a-9d7e-2b1f1c0a7e11', false, OWN_PAGE)).toBe(true);
    expect(isAllowedNavigation('blob:file:///0b5c2e0e-1c53-4f3a-9d7e-2b1f1c0a7e11', true, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation('blob:file://evil.example/0b5c2e0e', false, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation(`blob:${DEV_SERVER}/0b5c2e0e-1c53-4f3a-9d7e-2b1f1c0a7e11`, false, `${DEV_SERVER}/`)).toBe(true);
    expect(isAllowedNavigation('blob:https://evil.example/0b5c2e0e', false, `${DEV_SERVER}/`)).toBe(false);
    expect(isAllowedNavigation(PDF_VIEWER, false, OWN_PAGE)).toBe(true);
    expect(isAllowedNavigation(PDF_VIEWER, true, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation('chrome-extension://someotherextensionid/index.html', false, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', false, OWN_PAGE)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', false, OWN_PAGE)).toBe(false);
  });

  it('guards navigation, redirects and frame navigation of every web contents', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, OWN_PAGE);
    for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(refused(contents, name, `${OWN_PAGE}#/beds`), name).toBe(false);
      expect(refused(contents, name, 'https://evil.example/'), name).toBe(true);
      expect(refused(contents, name, 'http://evil.example/'), name).toBe(true);
      expect(refused(contents, name, 'file:///etc/passwd'), name).toBe(true);
      expect(refused(contents, name, 'javascript:alert(1)'), name).toBe(true);
    }
    expect(refused(contents, 'will-frame-navigate', PDF_VIEWER, false)).toBe(false);
    expect(refused(contents, 'will-frame-navigate', PDF_VIEWER, true)).toBe(true);
  });

  it('never attaches a <webview>', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, OWN_PAGE);
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('new windows', () => {
  it('are never opened, and the app links to no outside host today', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, OWN_PAGE);
    for (const url of [OWN_PAGE, 'https://evil.example/', 'https://electronjs.org/', 'about:blank']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(EXTERNAL_LINK_HOSTS.size).toBe(0);
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('send an https link to an allow-listed host to the system browser', () => {
    const contents = fakeContents();
    hardenWebContents(contents as never, OWN_PAGE, new Set(['help.hospital-desk.example']));
    expect(contents.openHandler!({ url: 'https://help.hospital-desk.example/billing' })).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://help.hospital-desk.example/billing');
  });

  it.each([
    'http://help.hospital-desk.example/billing',
    'https://help.hospital-desk.example.evil.example/',
    'https://evil.example/?next=https://help.hospital-desk.example/',
    'https://user:pass@help.hospital-desk.example/',
    'https://help.hospital-desk.example:8443/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://help.hospital-desk.example/share',
    'ms-msdt:/id PCWDiagnostic',
  ])('never hand %s to the operating system', (url) => {
    const open = vi.fn();
    expect(windowOpenHandler(new Set(['help.hospital-desk.example']), open)({ url })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
    const contents = fakeContents();
    hardenWebContents(contents as never, OWN_PAGE, new Set(['help.hospital-desk.example']));
    contents.openHandler!({ url });
    expect(electron.openExternal).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  type Handler = (...args: unknown[]) => unknown;
  function installed() {
    const handlers: Record<string, Handler> = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
      setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
      setDevicePermissionHandler: (h: Handler) => (handlers.device = h),
    };
    denyAllPermissions(session as never);
    return handlers;
  }
  const asked = ['media', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb'];

  it.each(asked)('answers a request for %s with no, even from our own page', (permission) => {
    const callback = vi.fn();
    installed().request({}, permission, callback, { requestingUrl: OWN_PAGE, isMainFrame: true });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each(asked)('answers a check for %s with no', (permission) => {
    expect(installed().check({}, permission, 'file:///', { requestingUrl: OWN_PAGE, isMainFrame: true })).toBe(false);
  });

  it('lets no device be opened', () => {
    expect(installed().device({ deviceType: 'usb', origin: 'file:///', device: {} })).toBe(false);
  });
});

describe('the IPC sender check', () => {
  function frame(url: string, parent: unknown = null, frameTreeNodeId = 1) {
    return { url, parent, detached: false, frameTreeNodeId };
  }
  /** Our windows, as main.ts keeps them (only what the check reads is stood in for). */
  const ours = (...windows: unknown[]) => windows as never;
  function ownWindow(url = `${OWN_PAGE}#/patients`) {
    const mainFrame = frame(url);
    const webContents = { id: 7, mainFrame };
    return { webContents, isDestroyed: () => false };
  }

  it('accepts the top frame of our window showing our page', () => {
    const win = ownWindow();
    expect(isOwnSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as never, ours(win), OWN_PAGE)).toBe(true);
  });

  it('refuses another web contents, even one showing our page', () => {
    const win = ownWindow();
    const other = ownWindow().webContents;
    expect(isOwnSender({ sender: other, senderFrame: other.mainFrame } as never, ours(win), OWN_PAGE)).toBe(false);
  });

  it('refuses a frame inside our page', () => {
    const win = ownWindow();
    const sub = frame(OWN_PAGE, win.webContents.mainFrame, 2);
    expect(isOwnSender({ sender: win.webContents, senderFrame: sub } as never, ours(win), OWN_PAGE)).toBe(false);
  });

  it('refuses our window once it shows another URL', () => {
    const win = ownWindow('https://evil.example/');
    expect(isOwnSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as never, ours(win), OWN_PAGE)).toBe(false);
    const file = ownWindow('file:///etc/passwd');
    expect(isOwnSender({ sender: file.webContents, senderFrame: file.webContents.mainFrame } as never, ours(file), OWN_PAGE)).toBe(false);
  });

  it('refuses a frame that is gone, and a window that was closed', () => {
    const win = ownWindow();
    expect(isOwnSender({ sender: win.webContents, senderFrame: null } as never, ours(win), OWN_PAGE)).toBe(false);
    const detached = { ...win.webContents.mainFrame, detached: true };
    expect(isOwnSender({ sender: win.webContents, senderFrame: detached } as never, ours(win), OWN_PAGE)).toBe(false);
    const closed = { ...win, isDestroyed: () => true };
    expect(isOwnSender({ sender: win.webContents, senderFrame: win.webContents.mainFrame } as never, ours(closed), OWN_PAGE)).toBe(false);
  });
});

describe('one instance per user', () => {
  function fakeApp(gotLock: boolean) {
    return Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });
  }
  function fakeWindow(minimized: boolean) {
    return { isDestroyed: () => false, isMinimized: () => minimized, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
  }

  it('keeps the first instance running and brings its window forward when the app is started again', () => {
    const app = fakeApp(true);
    const win = fakeWindow(true);
    expect(claimSingleInstance(app as never, () => win)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, ['hospital-desk'], '/home/desk');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('quits a second instance at once, without listening for others', () => {
    const app = fakeApp(false);
    const win = fakeWindow(false);
    expect(claimSingleInstance(app as never, () => win)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('ignores a second start that comes before the window exists', () => {
    const app = fakeApp(true);
    claimSingleInstance(app as never, () => undefined);
    expect(() => app.emit('second-instance', {}, [], '/')).not.toThrow();
  });
});
