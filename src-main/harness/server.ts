// The loopback HTTP transport over the same handler table: POST /rpc/<channel>, GET /events, and the built renderer.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { Dispatch } from '../ipc/pipeline';
import type { EventHub } from '../ipc/events';

// Large enough for a full ICD-10 code list sent to diagnoses.importCodes (up to 30 MB of CSV as JSON).
const MAX_BODY = 40 * 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export interface HarnessOptions {
  dispatch: Dispatch;
  events: EventHub;
  token: string;
  /** The built renderer (out/renderer); not served when absent. */
  rendererDir: string | null;
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7) : null;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Window ids name separate workstations: letters, digits, dash and underscore. */
function windowId(raw: string | string[] | null | undefined): string | null {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return 'default';
  return /^[A-Za-z0-9_-]{1,64}$/.test(v) ? v : null;
}

export function createHarnessServer(opts: HarnessOptions): Server {
  const root = opts.rendererDir ? resolve(opts.rendererDir) : null;

  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Use POST.' } });
        if (!tokenMatches(bearer(req), opts.token)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong harness token.' } });
        const win = windowId(req.headers['x-window']);
        if (!win) return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'X-Window must be 1–64 letters, digits, - or _.' } });
        const body = await readBody(req);
        if (body === null) return sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: 'The request is larger than 1 MB.' } });
        let input: unknown = undefined;
        if (body.trim()) {
          try {
            input = JSON.parse(body);
          } catch {
            return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The body is not valid JSON.' } });
          }
        }
        const channel = decodeURIComponent(url.pathname.slice('/rpc/'.length));
        return sendJson(res, 200, await opts.dispatch(`http:${win}`, channel, input));
      }
      if (url.pathname === '/events') {
        if (!tokenMatches(url.searchParams.get('token') ?? bearer(req), opts.token)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong harness token.' } });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        const unsubscribe = opts.events.subscribe((name, payload) => res.write(`data: ${JSON.stringify({ name, payload })}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        req.on('close', () => {
          clearInterval(ping);
          unsubscribe();
        });
        return;
      }
      if (root && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(root, url.pathname, res);
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
    } catch (e) {
      console.error('harness request failed:', e instanceof Error ? e.message : e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'The harness could not answer.' } });
      else res.end();
    }
  });
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (file !== root && !file.startsWith(root + sep)) return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'Nothing here.' } });
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'The renderer is not built: run npm run build.' } });
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
}
