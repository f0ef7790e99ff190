// Issue 15, finding 6: roles follow PRODUCT.md's table, and an administrator widens or narrows a role per hospital.
// The role × channel part is generated from the contract (the same matrix README shows): every role-gated channel is
// called by an account holding one role only, and answers FORBIDDEN exactly when the matrix leaves that role out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { NOBODY_PERMISSIONS } from '@shared/domain/permissions';
import { ROLES, type Role } from '@shared/domain/roles';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department, doctor, everyDay, patient } from '../support/scheduling';

let app: TestApp;
let kla: number;
let gul: number;

const auditCount = async (): Promise<number> => Number((await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0]!.n);

/** A weekday at least a week ahead, as YYYY-MM-DD. */
function weekdayAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  app = await startTestApp();
  kla = app.hospitalId;
  gul = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'GUL', name: 'Gulu Regional', patientNumberFormat: 'GUL/{seq:6}' })).id;
}, 60_000);
afterAll(async () => app?.close());

describe('the role × channel matrix', () => {
  it('answers FORBIDDEN exactly where the contract leaves the role out, before reading the input, and writes nothing', async () => {
    const desks = new Map<Role, Desk>();
    for (const role of ROLES) desks.set(role, await app.signedIn([role]));
    const before = await auditCount();
    const wrong: string[] = [];
    let calls = 0;
    for (const [name, def] of Object.entries(contract) as [ChannelName, AnyChannel][]) {
      if (!Array.isArray(def.access)) continue;
      for (const role of ROLES) {
        // An empty object: a caller let through meets the input schema (or a read with defaults); one refused learns nothing.
        const r = await desks.get(role)!.call(name, {} as never);
        calls++;
        const refused = !r.ok && r.error.code === 'FORBIDDEN';
        const expected = !def.access.includes(role);
        if (refused !== expected) wrong.push(`${name} as ${role}: ${r.ok ? 'OK' : `${r.error.code} ${r.error.message}`}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
    expect(await auditCount(), 'no call of the matrix wrote anything').toBe(before);
  });
});

describe('PRODUCT.md’s table', () => {
  it('keeps workflow writes from the administrator, booking from nurses, the catalog from billing and the appointments from HR', async () => {
    const dept = await department(app.admin, kla, 'Matrix medicine');
    const hr = await app.signedIn(['hr']);
    const dr = await doctor(hr, kla, { departmentId: dept.id, hours: everyDay('08:00', '17:00') });
    const desk = await app.signedIn(['front_desk']);
    const pt = await patient(desk, kla);
    const day = weekdayAhead(8);
    const nurse = await app.signedIn(['nurse']);
    const billing = await app.signedIn(['billing']);

    await app.admin.fails('patients.register', { hospitalId: kla, firstName: 'Ann', lastName: 'Admin', dateOfBirth: '1980-01-01', sex: 'female', phone: '0772000001' }, 'FORBIDDEN');
    await app.admin.fails('appointments.book', { patientId: pt.id, doctorId: dr.id, start: `${day}T06:00:00.000Z` }, 'FORBIDDEN');
    await app.admin.fails('patients.revealNationalId', { id: pt.id }, 'FORBIDDEN');
    await nurse.fails('patients.register', { hospitalId: kla, firstName: 'Nia', lastName: 'Nurse', dateOfBirth: '1980-01-01', sex: 'female', phone: '0772000002' }, 'FORBIDDEN');
    await nurse.fails('appointments.book', { patientId: pt.id, doctorId: dr.id, start: `${day}T06:00:00.000Z` }, 'FORBIDDEN');
    await billing.fails('catalog.create', { hospitalId: kla, code: 'X-1', description: 'Dressing', category: 'treatment', price: 1000 }, 'FORBIDDEN');
    await billing.fails('billing.setSettings', { hospitalId: kla, requireBilledBeforeDischarge: false, archiveAfterDays: 30 }, 'FORBIDDEN');
    await hr.fails('appointments.forDoctor', { doctorId: dr.id, from: day }, 'FORBIDDEN');
    await hr.fails('appointments.daySchedule', { hospitalId: kla, date: day }, 'FORBIDDEN');
    // What stays: the desk books, HR reads the doctor's hours it keeps, the administrator keeps the catalog.
    await desk.ok('appointments.book', { patientId: pt.id, doctorId: dr.id, start: `${day}T06:00:00.000Z` });
    expect((await hr.ok('doctors.getSchedule', { doctorId: dr.id })).hours.length).toBe(7);
    await app.admin.ok('catalog.create', { hospitalId: kla, code: 'X-2', description: 'Dressing', category: 'treatment', price: 1000 });
  });

  it('shows a doctor their own schedule and patient list only, and all of them to a doctor who is also front desk', async () => {
    const dept = await department(app.admin, kla, 'Own list');
    const hr = await app.signedIn(['hr']);
    const me = await app.signedIn(['doctor']);
    const both = await app.signedIn(['doctor', 'front_desk']);
    const mine = await doctor(hr, kla, { departmentId: dept.id, hours: everyDay('08:00', '17:00'), userId: me.userId });
    const theirs = await doctor(hr, kla, { departmentId: dept.id, hours: everyDay('08:00', '17:00') });
    const desk = await app.signedIn(['front_desk']);
    const day = weekdayAhead(9);
    const a = await patient(desk, kla);
    const b = await patient(desk, kla);
    await desk.ok('appointments.book', { patientId: a.id, doctorId: mine.id, start: `${day}T06:00:00.000Z` });
    await desk.ok('appointments.book', { patientId: b.id, doctorId: theirs.id, start: `${day}T06:00:00.000Z` });

    expect(await me.ok('appointments.forDoctor', { doctorId: mine.id, from: day })).toHaveLength(1);
    await me.fails('appointments.forDoctor', { doctorId: theirs.id, from: day }, 'FORBIDDEN');
    await me.fails('doctors.getSchedule', { doctorId: theirs.id }, 'FORBIDDEN');
    await me.ok('doctors.getSchedule', { doctorId: mine.id });
    const myDay = await me.ok('appointments.daySchedule', { hospitalId: kla, date: day, departmentId: dept.id });
    expect(myDay.appointments.map((x) => x.doctorId)).toEqual([mine.id]);
    await me.fails('appointments.daySchedule', { hospitalId: kla, date: day, doctorId: theirs.id }, 'FORBIDDEN');

    const all = await both.ok('appointments.daySchedule', { hospitalId: kla, date: day, departmentId: dept.id });
    expect(all.appointments.map((x) => x.doctorId).sort()).toEqual([mine.id, theirs.id].sort());
    expect(await both.ok('appointments.forDoctor', { doctorId: theirs.id, from: day })).toHaveLength(1);
    // An unlinked doctor account has no list of its own.
    const unlinked = await app.signedIn(['doctor']);
    await unlinked.fails('appointments.forDoctor', { doctorId: mine.id, from: day }, 'FORBIDDEN');
  });
});

describe('per-hospital overrides', () => {
  it('widen a role at one hospital only, audited, and back to the default', async () => {
    const nurseKla = await app.signedIn(['nurse'], { hospitalIds: [kla] });
    const nurseGul = await app.signedIn(['nurse'], { hospitalIds: [gul] });
    const probe = { hospitalId: kla, firstName: 'Wide', lastName: 'Nurse', dateOfBirth: '1970-02-02', sex: 'female' as const, phone: '0772000101', acknowledgeDuplicates: true };
    await nurseKla.fails('patients.register', probe, 'FORBIDDEN');

    const row = await app.admin.ok('permissions.set', { hospitalId: kla, role: 'nurse', channel: 'patients.register', allowed: true });
    expect(row.overrides).toEqual([{ role: 'nurse', allowed: true }]);
    const registered = await nurseKla.ok('patients.register', probe);
    expect(registered.hospitalId).toBe(kla);
    // Not at Gulu: the override is Kampala's.
    await nurseGul.fails('patients.register', { ...probe, hospitalId: gul, phone: '0772000102' }, 'FORBIDDEN');
    expect((await nurseKla.ok('permissions.mine')).hospitals).toEqual([{ hospitalId: kla, channels: expect.arrayContaining(['patients.register', 'admissions.admit']) }]);
    expect((await nurseGul.ok('permissions.mine')).hospitals[0]!.channels).not.toContain('patients.register');

    const [entry] = await app.db.sql<{ action: string; entity_id: string; hospital_id: number; changes: string }>(
      "SELECT action, entity_id, hospital_id, changes FROM audit_log WHERE entity = 'role_permission' ORDER BY id DESC LIMIT 1",
    );
    expect(entry).toMatchObject({ action: 'permissions.set', entity_id: `${kla}:nurse:patients.register`, hospital_id: kla });
    expect(JSON.parse(entry!.changes)).toMatchObject({ channel: 'patients.register', from: 'default', to: 'allowed' });

    await app.admin.ok('permissions.set', { hospitalId: kla, role: 'nurse', channel: 'patients.register', allowed: null });
    await nurseKla.fails('patients.register', { ...probe, phone: '0772000103' }, 'FORBIDDEN');
    expect((await app.admin.ok('permissions.matrix', { hospitalId: kla })).channels.find((c) => c.channel === 'patients.register')!.overrides).toEqual([]);
  });

  it('narrow a role at one of a user’s hospitals: that hospital drops out of the call’s scope, lists included', async () => {
    const desk = await app.signedIn(['front_desk'], { hospitalIds: [kla, gul] });
    const hr = await app.signedIn(['hr'], { hospitalIds: [kla, gul] });
    const deptK = await department(app.admin, kla, 'Narrow K');
    const deptG = await department(app.admin, gul, 'Narrow G');
    const drK = await doctor(hr, kla, { departmentId: deptK.id, hours: everyDay('08:00', '17:00') });
    const drG = await doctor(hr, gul, { departmentId: deptG.id, hours: everyDay('08:00', '17:00') });
    const day = weekdayAhead(10);
    const pK = await patient(desk, kla);

    await app.admin.ok('permissions.set', { hospitalId: kla, role: 'front_desk', channel: 'appointments.book', allowed: false });
    const refused = await desk.fails('appointments.book', { patientId: pK.id, doctorId: drK.id, start: `${day}T06:00:00.000Z` }, 'FORBIDDEN');
    expect(refused.message).toMatch(/withdrawn/);
    await desk.ok('appointments.book', { patientId: pK.id, doctorId: drG.id, start: `${day}T07:00:00.000Z` });

    // A list narrowed at Kampala shows Gulu's rows only; narrowed at both, it is refused.
    await app.admin.ok('permissions.set', { hospitalId: kla, role: 'hr', channel: 'staff.list', allowed: false });
    const listed = await hr.ok('staff.list', { query: '' });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(new Set(listed.items.map((s) => s.hospitalId))).toEqual(new Set([gul]));
    await hr.fails('staff.list', { hospitalId: kla, query: '' }, 'FORBIDDEN');
    // The CSV export re-runs the list under the same rule.
    await app.admin.ok('permissions.set', { hospitalId: gul, role: 'hr', channel: 'staff.list', allowed: false });
    await hr.fails('staff.list', { query: '' }, 'FORBIDDEN');
    await hr.fails('reports.exportCsv', { source: { kind: 'list', channel: 'staff.list', input: { query: '' } } }, 'FORBIDDEN');
    for (const h of [kla, gul]) await app.admin.ok('permissions.set', { hospitalId: h, role: 'hr', channel: 'staff.list', allowed: null });
    await app.admin.ok('permissions.set', { hospitalId: kla, role: 'front_desk', channel: 'appointments.book', allowed: null });
    await desk.ok('appointments.book', { patientId: pK.id, doctorId: drK.id, start: `${day}T08:00:00.000Z` });
  });

  it('cannot reach accounts, permissions, the audit trail or installation, nor grant what exists for nobody', async () => {
    const before = await auditCount();
    for (const channel of ['users.create', 'users.resetPassword', 'permissions.set', 'audit.verify', 'settings.update', 'hospitals.create', 'import.commit', 'auth.login', 'payroll.mySlips']) {
      const e = await app.admin.fails('permissions.set', { hospitalId: kla, role: 'front_desk', channel, allowed: true }, 'VALIDATION');
      expect(e.fields?.channel, channel).toBeTruthy();
    }
    for (const p of NOBODY_PERMISSIONS) {
      const e = await app.admin.fails('permissions.set', { hospitalId: kla, role: 'admin', channel: p.key, allowed: true }, 'VALIDATION');
      expect(e.message).toMatch(/^Nobody may/);
    }
    await app.admin.fails('permissions.set', { hospitalId: kla, role: 'nurse', channel: "x'; DROP TABLE role_permissions; --", allowed: true }, 'VALIDATION');
    await app.admin.fails('permissions.set', { hospitalId: kla, role: 'janitor', channel: 'beds.book', allowed: true }, 'VALIDATION');
    await app.admin.fails('permissions.set', { hospitalId: 999_999, role: 'nurse', channel: 'beds.book', allowed: true }, 'NOT_FOUND');
    expect(await auditCount()).toBe(before);
  });

  it('are an administrator’s, at their own hospitals only', async () => {
    const desk = await app.signedIn(['front_desk']);
    await desk.fails('permissions.set', { hospitalId: kla, role: 'front_desk', channel: 'catalog.create', allowed: true }, 'FORBIDDEN');
    await desk.fails('permissions.matrix', { hospitalId: kla }, 'FORBIDDEN');
    const gulAdmin = await app.signedIn(['admin'], { hospitalIds: [gul] });
    await gulAdmin.fails('permissions.set', { hospitalId: kla, role: 'nurse', channel: 'beds.book', allowed: true }, 'FORBIDDEN');
    await gulAdmin.fails('permissions.matrix', { hospitalId: kla }, 'FORBIDDEN');
    await gulAdmin.ok('permissions.set', { hospitalId: gul, role: 'nurse', channel: 'beds.book', allowed: true });
    const m = await gulAdmin.ok('permissions.matrix', { hospitalId: gul });
    expect(m.channels.find((c) => c.channel === 'beds.book')).toMatchObject({ defaults: ['front_desk'], overrides: [{ role: 'nurse', allowed: true }], overridable: true });
    expect(m.channels.find((c) => c.channel === 'users.create')).toMatchObject({ overridable: false });
    expect(m.nobody.map((n) => n.key)).toContain('audit.edit');
    // Setting the default again stores nothing; two desks setting one cell at once leave one row.
    await Promise.all([gulAdmin.call('permissions.set', { hospitalId: gul, role: 'nurse', channel: 'theatres.book', allowed: true }), app.admin.call('permissions.set', { hospitalId: gul, role: 'nurse', channel: 'theatres.book', allowed: true })]);
    expect(await app.db.sql("SELECT * FROM role_permissions WHERE hospital_id = ? AND channel = 'theatres.book'", [gul])).toHaveLength(1);
    await gulAdmin.ok('permissions.set', { hospitalId: gul, role: 'front_desk', channel: 'beds.book', allowed: true });
    expect(await app.db.sql("SELECT * FROM role_permissions WHERE hospital_id = ? AND channel = 'beds.book' AND role = 'front_desk'", [gul])).toHaveLength(0);
  });
});
