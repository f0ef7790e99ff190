// README's permission matrix is the contract's: regenerated here and compared (UPDATE_README=1 writes it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { grantingRoles, isOverridable, NOBODY_PERMISSIONS } from '@shared/domain/permissions';
import { MATRIX_END, MATRIX_START, permissionMatrixMarkdown } from '../support/permission-matrix';

const README = join(__dirname, '../../README.md');

describe('the permission matrix', () => {
  it('in README.md is the one the contract declares', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(MATRIX_START);
    const end = readme.indexOf(MATRIX_END);
    expect(start, 'README.md has the matrix markers').toBeGreaterThan(-1);
    const now = readme.slice(start, end + MATRIX_END.length);
    const generated = permissionMatrixMarkdown();
    if (process.env.UPDATE_README === '1' && now !== generated) writeFileSync(README, readme.replace(now, generated));
    else expect(now).toBe(generated);
  });

  it('gives no role a channel of the fixed areas by override, and has nothing for the keys that exist for nobody', () => {
    for (const [name, def] of Object.entries(contract)) {
      const access = (def as AnyChannel).access;
      if (/^(users|audit|permissions|settings|hospitals|import|setup|connection|auth)\./.test(name)) expect(isOverridable(name, access), name).toBe(false);
    }
    for (const p of NOBODY_PERMISSIONS) expect(Object.hasOwn(contract, p.key), p.key).toBe(false);
  });

  it('follows PRODUCT.md’s table: workflow writes are not the administrator’s, nurses neither register nor book, billing keeps no catalog', () => {
    const roles = (name: keyof typeof contract) => (contract[name] as AnyChannel).access as readonly string[];
    for (const name of ['patients.register', 'patients.update', 'patients.revealNationalId', 'appointments.book', 'appointments.complete', 'admissions.discharge', 'payments.record', 'invoices.void', 'shifts.assign', 'staff.create'] as const) {
      expect(roles(name), name).not.toContain('admin');
    }
    for (const name of ['patients.register', 'patients.update', 'appointments.book', 'appointments.reschedule', 'appointments.cancel'] as const) expect(roles(name), name).not.toContain('nurse');
    for (const name of ['catalog.create', 'catalog.update', 'billing.setSettings'] as const) expect(roles(name), name).toEqual(['admin']);
    for (const name of ['appointments.forDoctor', 'appointments.daySchedule', 'appointments.get'] as const) expect(roles(name), name).not.toContain('hr');
  });

  it('decides per role with the hospital’s overrides over the defaults', () => {
    expect(grantingRoles(['front_desk'], ['nurse'], [])).toEqual([]);
    expect(grantingRoles(['front_desk'], ['nurse'], [{ role: 'nurse', allowed: true }])).toEqual(['nurse']);
    expect(grantingRoles(['front_desk', 'nurse'], ['nurse', 'front_desk'], [{ role: 'nurse', allowed: false }])).toEqual(['front_desk']);
    expect(grantingRoles(['front_desk'], ['front_desk'], [{ role: 'front_desk', allowed: false }])).toEqual([]);
  });
});
