// Issue 15: property-based tests of every channel's input schema. For each channel of the contract, fast-check
// generates invalid inputs (wrong types, missing and extra fields, huge, negative, fractional and NaN numbers, dates
// out of range or impossible, SQL-looking, NUL, RTL and emoji text, deep nesting, prototype-pollution keys) and
// valid-but-extreme inputs derived by walking the zod schema, and calls each through the real pipeline against a real
// MariaDB: as a desk holding the roles the channel allows, unsigned, and with a role it does not allow. No answer is
// INTERNAL or a thrown exception; an input the schema refuses is VALIDATION for an allowed caller and
// UNAUTHENTICATED/FORBIDDEN for others, and writes nothing (no audit entry per call, same table checksums per channel).
// Deterministic: FUZZ_SEED (default below) plus a hash of the channel name seeds each property; README says how to
// replay a failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { EARLIEST_DATE, LATEST_DATE } from '@shared/domain/dates';
import { ROLES, type Role } from '@shared/domain/roles';
import type { Result } from '@shared/errors';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { DEMO_PASSWORD } from '../../src-main/seed/seed';

const SEED = Number(process.env.FUZZ_SEED ?? 15_2026);
/** Runs per channel of each property; slow channels (documents, imports, whole-trail checks) take fewer. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SLOW = /pdf|Pdf|batch|bankCsv|fhirExport|import|export|audit\.verify|copyWeek|startRun|recompute|finalize|archive|journal/;

/**
 * Channels whose valid inputs are not sent, with the reason (their invalid inputs and outsiders still are). Nothing
 * else is left out.
 */
const VALID_INPUTS_NOT_SENT: Partial<Record<ChannelName, string>> = {
  'connection.save': 'a valid profile would repoint the workstation (every desk of this test) at another database',
  'connection.test': 'a valid profile dials the generated host and port: a network scan with timeouts, not a schema test',
  'setup.provision': 'valid server-admin credentials would dial the generated host and create databases and accounts there',
};

/** Channels that commit part of a refused call on purpose (ctx.failAfterCommit): a failed sign-in is counted. */
const COMMITS_ITS_REFUSAL = new Set<string>(['auth.login', 'auth.unlock']);

const HUGE = 'x'.repeat(100_000);
const SQL = "'; DROP TABLE patients; --";
const NASTY_STRINGS = [
  HUGE,
  SQL,
  "1' OR '1'='1",
  '\u0000',
  'nul\u0000inside',
  '\u202Eevil\u202C',
  'שלום עולם',
  '👩‍⚕️🏥'.repeat(40),
  '\uD800',
  '',
  '   ',
  '9999-12-31',
  '2026-02-30',
  '1899-12-31',
  '0000-00-00',
  '2026-13-01',
  '9999-12-31T23:59:59Z',
  'NaN',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '%s%n%x',
  '../../etc/passwd',
];
const NASTY_NUMBERS = [0, -1, -0, 0.5, 1.5, -2.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, 2 ** 31, 2 ** 32, 1e-9, 1e21];
const deep = (depth: number, asArray: boolean): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
};
const pollution = (): unknown[] => [
  JSON.parse('{"__proto__":{"polluted":"yes"}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":null}'),
];
const cyclic = (): unknown => {
  const o: Record<string, unknown> = { id: 1 };
  o.self = o;
  return o;
};
const NASTY_VALUES: unknown[] = [
  ...NASTY_STRINGS,
  ...NASTY_NUMBERS,
  null,
  true,
  false,
  [],
  {},
  [1, 2, 3],
  { id: 1 },
  BigInt(1),
  deep(1_000, true),
  deep(1_000, false),
  ...pollution(),
  // What Electron's IPC (structured clone) carries beyond JSON: a cycle, a Date, a Map, bytes.
  cyclic(),
  new Date(8.64e15),
  new Map([['id', 1]]),
  new Uint8Array([0, 255]),
];
/** Keys added to objects: stripped by a plain object schema, refused by a strict one, never an own prototype. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'isAdmin', 'hospitalId', 'roles'];

// ---- valid-but-extreme inputs, derived from the schema ----

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- zod 4's internal definitions are untyped unions
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def): Def[] => ((d.checks ?? []) as unknown[]).map(defOf);

const DATE_RE = String(/^\d{4}-\d{2}-\d{2}$/);
const MONTH_RE = String(/^\d{4}-(0[1-9]|1[0-2])$/);
const FIRST = new Date(`${EARLIEST_DATE}T00:00:00Z`);
const LAST = new Date(`${LATEST_DATE}T23:59:59.999Z`);
const anyDate = fc.date({ min: FIRST, max: LAST, noInvalidDate: true });
const isoDates = fc.oneof(fc.constantFrom(EARLIEST_DATE, LATEST_DATE, '2024-02-29', '2000-02-29', '2026-12-31', '2027-01-01'), anyDate.map((d) => d.toISOString().slice(0, 10)));
const isoMonths = fc.oneof(fc.constantFrom(EARLIEST_DATE.slice(0, 7), LATEST_DATE.slice(0, 7), '2026-02'), anyDate.map((d) => d.toISOString().slice(0, 7)));
const isoInstants = fc.oneof(fc.constantFrom(FIRST.toISOString(), LAST.toISOString(), '2026-03-29T01:30:00+03:00', '2199-12-31T23:59:59-12:00'), anyDate.map((d) => d.toISOString()));
const EXTREME_TEXT = [SQL, '\u202Eevil\u202C', 'שלום', 'Zoë Ñuñez-Óbuya', "O'Brien", 'a\tb', 'line\nbreak', 'Z̷a̴l̶g̸o̵', '😀', '  padded  ', '\\', '%', '_'];

/** Fills to exactly `n` UTF-16 units with a character that takes 2 (é) or 4 (😀) bytes in utf8mb4. */
const exactly = (n: number, wide: boolean): string => (wide ? '😀'.repeat(Math.floor(n / 2)) + 'a'.repeat(n % 2) : 'é'.repeat(n));

function stringArb(d: Def): fc.Arbitrary<string> {
  const checks = [d, ...checksOf(d)];
  const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum as number));
  const maxAll = Math.min(...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum as number), Infinity);
  const max = Math.min(maxAll, 100_000);
  if (d.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('a@b.co', `${'a'.repeat(60)}@example.com`));
  if (d.format === 'uuid') return fc.uuid({ version: 4 });
  if (d.format === 'datetime') return isoInstants;
  const regex = checks.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  if (regex && String(regex) === DATE_RE) return isoDates;
  if (regex && String(regex) === MONTH_RE) return isoMonths;
  // A field naming a channel (reports.exportCsv's source) names real ones too, read and write, list and report.
  const channels = regex ? Object.keys(contract).filter((n) => regex.test(n) && n.length <= max) : [];
  if (regex && channels.length > 10) return fc.oneof(fc.constantFrom(...channels), fc.stringMatching(regex).map((s) => s.slice(0, max)));
  if (regex) return fc.stringMatching(regex).map((s) => (s.length > max ? s.slice(0, max) : s));
  const top = Math.min(max, 40);
  return fc.oneof(
    fc.string({ minLength: Math.min(min, top), maxLength: top, unit: 'grapheme' }),
    fc.constantFrom(...EXTREME_TEXT).map((s) => (s.length > max ? s.slice(0, max) : s)),
    fc.constantFrom(exactly(max, false), exactly(max, true), exactly(Math.max(min, 1), false)),
  );
}

function numberArb(d: Def): fc.Arbitrary<number> {
  const checks = checksOf(d);
  const isInt = checks.some((c) => c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32');
  let lo = -1e15;
  let hi = 1e15;
  for (const c of checks) {
    if (c.check === 'greater_than') lo = Math.max(lo, c.inclusive ? c.value : isInt ? Math.floor(c.value) + 1 : c.value + 1e-6);
    if (c.check === 'less_than') hi = Math.min(hi, c.inclusive ? c.value : isInt ? Math.ceil(c.value) - 1 : c.value - 1e-6);
  }
  if (isInt) {
    const small = fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, lo > 0 ? Math.max(lo, 8) : 2 ** 31 - 1) });
    const edges = [lo, hi, lo + 1, hi - 1, 0, 1, 2].filter((n) => n >= lo && n <= hi);
    return fc.oneof(fc.constantFrom(...edges), small, fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }));
  }
  return fc.oneof(fc.constantFrom(lo, hi), fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }));
}

const arbCache = new Map<unknown, fc.Arbitrary<unknown>>();
function arbOf(schema: unknown): fc.Arbitrary<unknown> {
  const cached = arbCache.get(schema);
  if (cached) return cached;
  const made = build(defOf(schema));
  arbCache.set(schema, made);
  return made;
}

function build(d: Def): fc.Arbitrary<unknown> {
  switch (d.type) {
    case 'string':
      return stringArb(d);
    case 'number':
      return numberArb(d);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.oneof(fc.constant(undefined), arbOf(d.innerType));
    case 'nullable':
      return fc.oneof(fc.constant(null), arbOf(d.innerType));
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return arbOf(d.innerType);
    case 'pipe':
      // z.preprocess is a pipe from a transform: generate what comes out of it.
      return defOf(d.in).type === 'transform' ? arbOf(d.out) : arbOf(d.in);
    case 'lazy':
      return arbOf(d.getter());
    case 'never':
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'null':
      return fc.constant(null);
    case 'unknown':
    case 'any':
      return fc.jsonValue({ maxDepth: 3 });
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbOf(v)]))).map((o) => inOrder(withoutUndefined(o)));
    }
    case 'array': {
      const checks = checksOf(d);
      const min = Math.max(0, ...checks.filter((c) => c.check === 'min_length').map((c) => c.minimum as number));
      const max = Math.min(...checks.filter((c) => c.check === 'max_length').map((c) => c.maximum as number), 10_000);
      const element = arbOf(d.element);
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(element, { minLength: min, maxLength: Math.max(min, Math.min(max, 6)) }) },
        { weight: 1, arbitrary: fc.array(element, { minLength: Math.min(max, 200), maxLength: Math.min(max, 200) }) },
      );
    }
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map(arbOf));
    case 'intersection':
      return fc.tuple(arbOf(d.left), arbOf(d.right)).map(([a, b]) => (isPlain(a) && isPlain(b) ? { ...a, ...b } : a));
    case 'record':
      return fc.dictionary(arbOf(d.keyType) as fc.Arbitrary<string>, arbOf(d.valueType), { maxKeys: 4 });
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map(arbOf));
    default:
      throw new Error(`The fuzz cannot derive inputs for a zod '${d.type}' schema: teach build() this type.`);
  }
}

/** Range pairs come in order (an unordered pair is a refusal the invalid inputs already cover), so more reach the service. */
const RANGES = [['from', 'to'], ['start', 'end'], ['startDate', 'endDate'], ['fromDate', 'toDate'], ['periodStart', 'periodEnd']] as const;
function inOrder(o: Record<string, unknown>): Record<string, unknown> {
  for (const [a, b] of RANGES) {
    const x = o[a];
    const y = o[b];
    if (typeof x === 'string' && typeof y === 'string' && x > y) [o[a], o[b]] = [y, x];
  }
  return o;
}
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

// ---- invalid inputs: a generated input with one thing broken ----

/** Paths to every value inside an input (objects and arrays), the input itself first. */
function pathsOf(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (isPlain(v)) for (const k of Object.keys(v)) pathsOf(v[k], [...at, k], out);
  return out;
}
const clone = (v: unknown): unknown => structuredClone(v);
const valueAt = (root: unknown, path: (string | number)[]): unknown => path.reduce<unknown>((at, k) => (at as Record<string | number, unknown>)[k], root);
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  Object.defineProperty(cur, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
function removeAt(root: unknown, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const copy = clone(root) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(cur)) cur.splice(Number(last), 1);
  else delete cur[last];
  return copy;
}

const nasty = fc.constantFrom(...NASTY_VALUES);
const invalidOf = (schema: unknown): fc.Arbitrary<unknown> => {
  const base = arbOf(schema);
  return fc.oneof(
    nasty,
    fc.tuple(base, fc.nat(), nasty).map(([v, i, bad]) => {
      const paths = pathsOf(v);
      return setAt(v, paths[i % paths.length], bad);
    }),
    fc.tuple(base, fc.nat()).map(([v, i]) => {
      const paths = pathsOf(v).filter((p) => p.length > 0);
      return paths.length ? removeAt(v, paths[i % paths.length]) : null;
    }),
    fc.tuple(base, fc.nat(), fc.constantFrom(...EXTRA_KEYS), nasty).map(([v, i, key, bad]) => {
      const objects = pathsOf(v).filter((p) => isPlain(valueAt(v, p)));
      if (objects.length === 0) return setAt({}, [key], bad);
      return setAt(v, [...objects[i % objects.length], key], bad);
    }),
  );
};

/** What the pipeline parses: a missing body is `undefined`, as on the wire. */
const refused = (def: AnyChannel, input: unknown): boolean => !def.input.safeParse(input ?? undefined).success;

// ---- the app, its callers and what "nothing written" means ----

/** A small seeded chain, so generated ids from 1 up land on real patients, doctors, stays, invoices and runs. */
let app: SeededApp;
let admin: Desk;
let accounts = 0;
let exportsDir: string;
let tables: string[] = [];
let adminRow: Record<string, unknown>;
const desks = new Map<string, { desk: Desk; username: string; password: string; roles: Role[] }>();
const tally = { invalid: 0, valid: 0, accepted: 0, outsiders: 0 };

const auditHead = async (): Promise<string> => {
  const [r] = await app.db.sql<{ n: number; top: number | null }>('SELECT COUNT(*) AS n, MAX(id) AS top FROM audit_log');
  return `${r.n}/${r.top}`;
};
/** Every table's checksum except the session bookkeeping a sign-in changes. */
const checksums = async (): Promise<string> => {
  const rows = await app.db.sql<{ Table: string; Checksum: number | null }>(`CHECKSUM TABLE ${tables.join(', ')}`);
  return rows.map((r) => `${r.Table}:${r.Checksum}`).join(' ');
};

/** The fuzz may reset, demote or deactivate the administrator that setup made: put it back from its first row. */
async function healthyAdmin(): Promise<Desk> {
  const ok = await admin.call('users.list', {} as never);
  if (ok.ok) return admin;
  await app.db.sql('UPDATE users SET password_hash = ?, roles = ?, active = 1, all_hospitals = 1, failed_logins = 0 WHERE id = ?', [adminRow.password_hash, adminRow.roles, adminRow.id]);
  await admin.ok('auth.login', { username: 'admin', password: DEMO_PASSWORD });
  return admin;
}

/** A desk holding exactly these roles (chain-wide), signed in and unlocked; remade when the fuzz changed its account. */
async function deskWith(roles: Role[]): Promise<Desk> {
  const key = [...roles].sort().join(',');
  const known = desks.get(key);
  const fit = async (d: Desk) => {
    if (!(await d.call('hospitals.list')).ok) return false;
    const me = await d.call('auth.me');
    return me.ok && me.data !== null && !me.data.locked && [...me.data.user.roles].sort().join(',') === key && me.data.user.allHospitals;
  };
  if (known) {
    if (await fit(known.desk)) return known.desk;
    await known.desk.call('auth.login', { username: known.username, password: known.password });
    if (await fit(known.desk)) return known.desk;
  }
  const username = `fuzz${++accounts}`;
  const password = `fuzz-desk-secret-${accounts}`;
  await (await healthyAdmin()).ok('users.create', { username, password, fullName: `Fuzz ${key}`, roles, hospitalIds: [], allHospitals: true });
  const made = app.desk();
  await made.ok('auth.login', { username, password });
  desks.set(key, { desk: made, username, password, roles });
  return made;
}

const allowedRoles = (def: AnyChannel): Role[] | null => (def.access === 'public' ? null : def.access === 'signedIn' ? ['front_desk'] : [...new Set(def.access)]);
const outsiderRole = (def: AnyChannel): Role | null => (Array.isArray(def.access) ? (ROLES.find((r) => !def.access.includes(r)) ?? null) : null);

async function send(desk: Desk, channel: ChannelName, input: unknown): Promise<Result<unknown>> {
  // A thrown exception is a failure of its own: the pipeline answers every call with an envelope.
  return (await desk.call(channel, input as never)) as Result<unknown>;
}
const show = (input: unknown): string => {
  try {
    return String(JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).slice(0, 500);
  } catch {
    return '(an input JSON cannot show: it holds a cycle)';
  }
};
const describeAnswer = (r: Result<unknown>) => (r.ok ? 'OK' : `${r.error.code} (${r.error.message})`);
const seedOf = (name: string) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, SEED);

beforeAll(async () => {
  exportsDir = await mkdtemp(join(tmpdir(), 'hms-fuzz-exports-'));
  process.env.HMS_EXPORTS_DIR = exportsDir;
  app = await startSeededApp({ patients: 60, appointments: 150, beds: 12, bedBookings: 12, invoices: 25, invoicePdfs: 0, encounters: 40, rotaWeeksBack: 1, rotaWeeksAhead: 1, payrollRuns: 1, seed: 15, asOf: '2026-11-20' });
  admin = await app.signIn('admin');
  const rows = await app.db.sql<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
  tables = rows.map((r) => r.name).filter((t) => t !== 'users');
  [adminRow] = await app.db.sql<Record<string, unknown>>("SELECT id, password_hash, roles FROM users WHERE username = 'admin'");
}, 120_000);

afterAll(async () => {
  await app?.close();
  delete process.env.HMS_EXPORTS_DIR;
  if (exportsDir) await rm(exportsDir, { recursive: true, force: true });
});

describe('every channel of the contract under generated inputs', () => {
  const names = Object.keys(contract) as ChannelName[];

  it('derives generators for every channel input schema', () => {
    for (const name of names) expect(() => arbOf((contract[name] as AnyChannel).input), name).not.toThrow();
  });

  describe.each(names)('%s', (name) => {
    const def = contract[name] as AnyChannel;
    const runs = SLOW.test(name) ? Math.max(2, Math.ceil(RUNS / 4)) : RUNS;

    it('refuses invalid inputs with VALIDATION, never INTERNAL, and writes nothing', async () => {
      const roles = allowedRoles(def);
      // Public channels are sent by a desk that has never signed in; the others by one holding the allowed roles, made
      // (and audited) before the tables are summed. A refused input changes no account, so the desk stays fit throughout.
      const desk = roles ? await deskWith(roles) : app.desk();
      const before = await checksums();
      await fc.assert(
        fc.asyncProperty(invalidOf(def.input), async (input) => {
          // A broken input the schema still takes (an extra key it strips) is a valid input: the third property's job.
          fc.pre(refused(def, input));
          const headBefore = await auditHead();
          const r = await send(desk, name, input);
          tally.invalid++;
          expect(r.ok ? 'OK' : r.error.code, describeAnswer(r)).toBe('VALIDATION');
          expect(await auditHead()).toBe(headBefore);
        }),
        { seed: seedOf(name), numRuns: runs },
      );
      expect(await checksums()).toBe(before);
    });

    it('answers unsigned and wrong-role callers with UNAUTHENTICATED or FORBIDDEN, writing nothing', async () => {
      if (def.access === 'public') return; // nobody is an outsider of a public channel: the first test sends it unsigned
      const wrongRole = outsiderRole(def);
      const outsider = wrongRole ? await deskWith([wrongRole]) : null;
      const before = await checksums();
      await fc.assert(
        fc.asyncProperty(fc.oneof(invalidOf(def.input), arbOf(def.input)), async (input) => {
          tally.outsiders++;
          const unsigned = await send(app.desk(), name, input);
          expect(describeAnswer(unsigned)).toMatch(/^UNAUTHENTICATED/);
          if (outsider) {
            const r = await send(outsider, name, input);
            expect(describeAnswer(r)).toMatch(/^FORBIDDEN/);
          }
        }),
        { seed: seedOf(name) + 1, numRuns: Math.max(2, Math.ceil(runs / 4)) },
      );
      expect(await checksums()).toBe(before);
    });

    it('never answers INTERNAL to valid-but-extreme inputs', async (ctx) => {
      // Listed with its reason above, reported as skipped with it; the invalid and outsider properties still run.
      const reason = VALID_INPUTS_NOT_SENT[name];
      if (reason) return ctx.skip(reason);
      const roles = allowedRoles(def);
      // Channels of accounts and settings may lock, sign out, demote or reset the caller itself: its desk is checked
      // (and remade) before each of their calls; any other channel keeps one desk for all its runs.
      const selfAffecting = /^(auth|users|settings|hospitals)\./.test(name);
      let desk = roles ? await deskWith(roles) : app.desk();
      // Broken inputs the schema still takes (an extra key it strips, a cycle or a Map inside a free-form field) come
      // here too: whatever the schema lets through must not end in INTERNAL either.
      const inputs = fc.oneof({ weight: 3, arbitrary: arbOf(def.input) }, { weight: 1, arbitrary: invalidOf(def.input) });
      await fc.assert(
        fc.asyncProperty(inputs, async (input) => {
          if (selfAffecting) desk = roles ? await deskWith(roles) : app.desk();
          const headBefore = await auditHead();
          const r = await send(desk, name, input);
          // A refusal rolls back whatever the call had begun: no half-written change, so no audit entry either.
          if (!r.ok && !COMMITS_ITS_REFUSAL.has(name)) expect(await auditHead(), `${describeAnswer(r)} for ${show(input)}`).toBe(headBefore);
          tally.valid++;
          if (process.env.FUZZ_TRACE) console.log('TRACE', name, r.ok ? 'OK' : r.error.code, r.ok ? '' : JSON.stringify(r.error.fields ?? r.error.message).slice(0, 200));
          if (r.ok || r.error.code !== 'VALIDATION') tally.accepted++;
          expect(r.ok ? 'OK' : r.error.code, `${describeAnswer(r)} for ${show(input)}`).not.toBe('INTERNAL');
        }),
        { seed: seedOf(name) + 2, numRuns: runs },
      );
    });
  });

  it('left no polluted prototype behind', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // The properties above ran: refused inputs, outsiders, and generated inputs the schema took.
    expect(tally.invalid).toBeGreaterThan(names.length);
    expect(tally.outsiders).toBeGreaterThan(0);
    expect(tally.accepted).toBeGreaterThan(names.length / 2);
  });
});
