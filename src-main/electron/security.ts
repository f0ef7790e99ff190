// Electron's security checklist as small policies main.ts wires up: the window, navigation, new windows, permissions,
// the IPC sender check and one instance per user. Each decision is a plain function of its inputs, so tests call it.
import { BrowserWindow, shell, type App, type Event, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * Hosts whose https links may open in the system browser. Hospital Desk links nowhere today, so none: add a host here
 * (exact name, no wildcard) when a help page or the like is linked from the app.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set<string>();

/**
 * Chromium's built-in PDF viewer (a component extension with a fixed id), which shows the print previews in a frame.
 * Only frames below the top one may show it.
 */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` is our own page: the very index.html file we load (any hash or query, which the router uses), or,
 * in development, any path of the dev server's origin. A file URL with a host (a network share) is never ours.
 */
export function isOwnPage(url: string, rendererUrl: string): boolean {
  const target = parse(url);
  const own = parse(rendererUrl);
  if (!target || !own) return false;
  if (own.protocol === 'file:') return target.protocol === 'file:' && target.host === own.host && target.pathname === own.pathname;
  if (own.protocol !== 'http:' && own.protocol !== 'https:') return false;
  return target.origin === own.origin;
}

/** Whether `url` has our page's origin: a local file (file URLs share one origin), or the dev server's origin. */
function isOwnOrigin(url: string, rendererUrl: string): boolean {
  const target = parse(url);
  const own = parse(rendererUrl);
  if (!target || !own) return false;
  if (own.protocol === 'file:') return target.protocol === 'file:' && target.host === '';
  return (own.protocol === 'http:' || own.protocol === 'https:') && target.origin === own.origin;
}

/**
 * Whether a frame may go to `url`. The top frame: our page only. A frame inside it: our page, a blob our page made
 * (the PDF previews), an empty frame, or the built-in PDF viewer that shows such a blob.
 */
export function isAllowedNavigation(url: string, isMainFrame: boolean, rendererUrl: string): boolean {
  if (isOwnPage(url, rendererUrl)) return true;
  if (isMainFrame) return false;
  if (url === 'about:blank') return true;
  // A blob URL carries the origin of the page that made it; the only local page that can run is ours.
  if (url.startsWith('blob:')) return isOwnOrigin(url.slice('blob:'.length), rendererUrl);
  const target = parse(url);
  return target !== null && target.protocol === 'chrome-extension:' && `${target.protocol}//${target.host}` === PDF_VIEWER_ORIGIN;
}

/** An https URL on the default port, without credentials, to a host on the allow-list (exact name). */
export function isAllowedExternalLink(url: string, hosts: ReadonlySet<string>): boolean {
  const target = parse(url);
  if (!target || target.protocol !== 'https:') return false;
  if (target.username || target.password || target.port) return false;
  return hosts.has(target.hostname.toLowerCase());
}

/** `window.open` and target=_blank: never a new Electron window; an allow-listed link goes to the system browser. */
export function windowOpenHandler(hosts: ReadonlySet<string>, openExternal: (url: string) => void) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (isAllowedExternalLink(url, hosts)) openExternal(url);
    return { action: 'deny' };
  };
}

/**
 * Guards every web contents the app ever creates (windows, frames' guests, the PDF viewer): navigation, redirects and
 * frame navigation only to our page, no new windows, no <webview>.
 */
export function hardenWebContents(contents: WebContents, rendererUrl: string, hosts: ReadonlySet<string> = EXTERNAL_LINK_HOSTS): void {
  const refuseForeign = (event: Event<{ url: string; isMainFrame: boolean }>) => {
    if (!isAllowedNavigation(event.url, event.isMainFrame, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler(hosts, (url) => void shell.openExternal(url)));
}

/**
 * The app needs no camera, microphone, notifications, location, clipboard access, MIDI, HID, serial or USB: every
 * request and every check is answered no, whoever asks.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Every response carries the policy of csp.ts as a header too (the page also has it in a meta tag). */
export function applyContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

type OwnWindow = Pick<BrowserWindow, 'webContents' | 'isDestroyed'>;

/**
 * Only our own page, in the top frame of one of our windows, may call the handlers (VS Code's validatedIpcMain does
 * the same): not another web contents, not a frame inside the page, not the page after it went somewhere else.
 */
export function isOwnSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, windows: Iterable<OwnWindow>, rendererUrl: string): boolean {
  const sender = event.sender;
  if (![...windows].some((w) => !w.isDestroyed() && w.webContents === sender)) return false;
  const frame = event.senderFrame;
  if (!frame || frame.detached || frame.parent !== null) return false;
  if (frame !== sender.mainFrame && frame.frameTreeNodeId !== sender.mainFrame.frameTreeNodeId) return false;
  return isOwnPage(frame.url, rendererUrl);
}

type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

/**
 * One Hospital Desk per user: a second start quits at once, and the first brings its window forward instead.
 * Returns whether this process is the one that runs.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, firstWindow: () => FocusableWindow | undefined): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = firstWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

/**
 * The main window. Its options are written out here, literally, so that both the tests and the static scanner
 * (electronegativity) read the flags the app really runs with.
 */
export function createMainWindow(preload: string): BrowserWindow {
  return new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Hospital Desk',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle click is a second way to ask for a new window; the open handler refuses it anyway, this removes the way.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      // Chromium's PDF viewer shows invoices, receipts, the census and rotas in the print preview's frame
      // (src-renderer/components/PdfPreview.tsx), and Electron shows it only with plugins on. It is the only plugin
      // Electron has; <object>/<embed> stay refused by the CSP (object-src 'none') and the viewer may only appear in
      // a frame of our page (isAllowedNavigation).
      plugins: true,
    },
  });
}
