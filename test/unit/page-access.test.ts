// Who may open which page (src-shared/domain/page-access.ts): the channel behind each page, by the contract's roles.
// The shell's guards, its navigation and every record link ask this one question, so a link is shown only where it opens.
import { describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import type { Role } from '@shared/domain/roles';
import { mayOpenPage as mayOpen, PAGE_ACCESS, type PageName, type Permissions } from '@shared/domain/page-access';

/** A user with these roles at a hospital that keeps the contract's roles. */
function as(...roles: Role[]): Permissions {
  return {
    can: (channel: ChannelName) => {
      const access = (contract[channel] as AnyChannel).access;
      return !Array.isArray(access) || access.some((r) => roles.includes(r));
    },
    hasRole: (...wanted) => wanted.some((r) => roles.includes(r)),
  };
}

describe('pages and the channels behind them', () => {
  it('names a channel of the contract for every guarded page', () => {
    for (const [page, access] of Object.entries(PAGE_ACCESS)) {
      if (access) expect(contract, page).toHaveProperty([access.channel]);
    }
  });

  it('HR opens its rota, staff and payroll, and no patient, schedule or invoice', () => {
    const hr = as('hr');
    for (const path of (['rota', 'rota-leave', 'staff', 'staff-member', 'payroll', 'payroll-run', 'payroll-slip', 'my-shifts', 'home'] as PageName[])) expect(mayOpen(path, hr), path).toBe(true);
    for (const path of (['patients', 'patient', 'appointments', 'appointment-book', 'my-day', 'billing-invoice', 'encounter', 'wards'] as PageName[])) expect(mayOpen(path, hr), path).toBe(false);
  });

  it('a doctor opens patients and encounters, not invoices or the billing of a patient', () => {
    const doctor = as('doctor');
    expect(mayOpen('patient', doctor)).toBe(true);
    expect(mayOpen('encounter', doctor)).toBe(true);
    expect(mayOpen('billing-invoice', doctor)).toBe(false);
    expect(mayOpen('billing-patient', doctor)).toBe(false);
  });

  it('the billing office opens invoices and patients, not encounters', () => {
    const billing = as('billing');
    expect(mayOpen('billing-invoice', billing)).toBe(true);
    expect(mayOpen('patient', billing)).toBe(true);
    expect(mayOpen('encounter', billing)).toBe(false);
  });

  it('follows the hospital’s role table, not the role names', () => {
    // A hospital that lets its HR read patients (permissions.set): the same question, another answer.
    const widened: Permissions = { can: (c) => c === 'patients.get' || as('hr').can(c), hasRole: (...r) => r.includes('hr') };
    expect(mayOpen('patient', widened)).toBe(true);
    expect(mayOpen('patient', as('hr'))).toBe(false);
  });

  it('opens departments to managers besides those who may create them', () => {
    expect(mayOpen('departments', as('manager'))).toBe(true);
    expect(mayOpen('departments', as('admin'))).toBe(true);
    expect(mayOpen('departments', as('nurse'))).toBe(false);
  });
});
