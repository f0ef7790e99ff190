// The harness protocol exactly as README documents it, over real HTTP against the built harness process:
// one ready line, the bearer token, X-Window sessions, the IPC envelopes, the event stream, the served renderer.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { createTestDatabase } from '../support/test-db';
import { UGANDA } from '../support/app';

let harness: Harness;

// Replies are raw JSON off the wire, looked into loosely on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rpc(channel: string, body: unknown, opts: { token?: string | null; window?: string } = {}): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = opts.token === undefined ? harness.token : opts.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (opts.window) headers['x-window'] = opts.window;
  const res = await fetch(`${harness.baseUrl}/rpc/${channel}`, { method: 'POST', headers, body: body === undefined ? '' : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

const ADMIN = { username: 'admin', password: 'harness-chief-pass', fullName: 'Harness Admin' };
/** Registering is the front desk's work. */
const FRONT = { username: 'mirembe', password: 'front-desk-2026', fullName: 'Mirembe Nansubuga' };

describe('npm run harness', () => {
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('prints exactly one line when ready, naming the address and the token', async () => {
    const db = await createTestDatabase();
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../out/main/harness.js')], {
      env: { ...process.env, HMS_DATABASE_URL: db.url, HMS_HARNESS_PORT: '0', HMS_HARNESS_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((r, reject) => {
      const t = setTimeout(() => reject(new Error(`no ready line: ${out}`)), 15_000);
      child.stdout.on('data', () => out.includes('\n') && (clearTimeout(t), r()));
    });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await db.drop();
    // An unset token is replaced by a random one, printed once.
    expect(out).toMatch(/^harness listening on http:\/\/127\.0\.0\.1:\d+ token=[A-Za-z0-9_-]{20,}\n$/);
  });

  it('refuses every call without the right token, and runs nothing', async () => {
    const none = await rpc('setup.initialize', { hospital: UGANDA, admin: ADMIN }, { token: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    const wrong = await rpc('setup.initialize', { hospital: UGANDA, admin: ADMIN }, { token: `${harness.token}x` });
    expect(wrong.status).toBe(401);
    const events = await fetch(`${harness.baseUrl}/events`);
    expect(events.status).toBe(401);
    // Nothing ran: set-up is still needed and no user exists.
    expect((await rpc('setup.status', {})).json).toEqual({ ok: true, data: { needsConnection: false, needsSetup: true } });
    expect(await harness.db.sql('SELECT id FROM users')).toEqual([]);
  });

  it('answers with the same envelopes as IPC: data on success, a typed error without internals on failure', async () => {
    const init = await rpc('setup.initialize', { hospital: UGANDA, admin: ADMIN });
    expect(init).toEqual({ status: 200, json: { ok: true, data: { hospitalId: expect.any(Number), userId: expect.any(Number) } } });

    const invalid = await rpc('auth.login', { username: 42 });
    expect(invalid.json.ok).toBe(false);
    expect(invalid.json.error.code).toBe('VALIDATION');
    expect(Object.keys(invalid.json.error.fields)).toEqual(expect.arrayContaining(['username', 'password']));

    const unknown = await rpc('patients.drop', {});
    expect(unknown.json.error.code).toBe('NOT_FOUND');

    const notJson = await fetch(`${harness.baseUrl}/rpc/auth.login`, { method: 'POST', headers: { authorization: `Bearer ${harness.token}` }, body: '{"username":' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');

    const get = await fetch(`${harness.baseUrl}/rpc/auth.me`, { headers: { authorization: `Bearer ${harness.token}` } });
    expect(get.status).toBe(405);
  });

  it('keeps one sign-in per X-Window, like separate workstations', async () => {
    const login = await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password }, { window: 'desk-1' });
    expect(login.json.ok).toBe(true);
    expect((await rpc('auth.me', {}, { window: 'desk-1' })).json.data.user.username).toBe('admin');
    expect((await rpc('patients.search', { query: 'a' }, { window: 'desk-2' })).json.error.code).toBe('UNAUTHENTICATED');
    expect((await rpc('patients.search', { query: 'a' })).json.error.code).toBe('UNAUTHENTICATED');
    expect((await rpc('auth.me', {}, { window: 'bad window!' })).status).toBe(400);
    await rpc('auth.logout', {}, { window: 'desk-1' });
    expect((await rpc('patients.search', { query: 'a' }, { window: 'desk-1' })).json.error.code).toBe('UNAUTHENTICATED');
  });

  it('streams change events to every window', async () => {
    await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password }, { window: 'desk-3' });
    const hospitals = (await rpc('hospitals.list', {}, { window: 'desk-3' })).json.data;
    await rpc('users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [hospitals[0].id] }, { window: 'desk-3' });
    await rpc('auth.login', { username: FRONT.username, password: FRONT.password }, { window: 'desk-4' });
    const controller = new AbortController();
    const stream = await fetch(`${harness.baseUrl}/events?token=${harness.token}`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    const registered = await rpc(
      'patients.register',
      { hospitalId: hospitals[0].id, firstName: 'Achieng', lastName: 'Odhiambo', dateOfBirth: '1988-02-29', sex: 'female', phone: '0772000111' },
      { window: 'desk-4' },
    );
    expect(registered.json.data.patientNumber).toBe('HMS/000001');
    let text = '';
    while (!text.includes('records.changed')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain(`data: {"name":"records.changed","payload":{"entity":"patient","ids":["${registered.json.data.id}"],"hospitalIds":[${hospitals[0].id}]}}`);
  });

  it('serves the built renderer, and nothing outside it', async () => {
    const index = await fetch(`${harness.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    const deep = await fetch(`${harness.baseUrl}/patients/12`);
    expect(await deep.text()).toContain('<div id="root">');
    const escape = await fetch(`${harness.baseUrl}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"hospital-desk"');
  });
});
