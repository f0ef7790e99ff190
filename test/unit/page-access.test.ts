// Who may open which page (src-renderer/app/pages.ts): the channel behind each page, by the contract's roles. The
// shell's guards, its navigation and every record link ask this one question, so a link is shown only where it opens.
import { describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import type { Role } from '@shared/domain/roles';
import { mayOpen, PAGE_ACCESS, type Permissions } from '../../src-renderer/app/pages';

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
    for (const path of ['/rota', '/rota/leave', '/staff', '/staff/4', '/payroll', '/payroll/runs/2', '/payroll/slips/9', '/my-shifts', '/']) expect(mayOpen(path, hr), path).toBe(true);
    for (const path of ['/patients', '/patients/12', '/appointments', '/appointments?date=2026-07-01', '/my-day', '/billing/invoices/7', '/encounters/3', '/wards']) expect(mayOpen(path, hr), path).toBe(false);
  });

  it('a doctor opens patients and encounters, not invoices or the billing of a patient', () => {
    const doctor = as('doctor');
    expect(mayOpen('/patients/12', doctor)).toBe(true);
    expect(mayOpen('/encounters/3', doctor)).toBe(true);
    expect(mayOpen('/billing/invoices/7', doctor)).toBe(false);
    expect(mayOpen('/billing/patient/12', doctor)).toBe(false);
    expect(mayOpen('billing-invoice', doctor)).toBe(false);
  });

  it('the billing office opens invoices and patients, not encounters', () => {
    const billing = as('billing');
    expect(mayOpen('/billing/invoices/7', billing)).toBe(true);
    expect(mayOpen('billing-invoice', billing)).toBe(true);
    expect(mayOpen('/patients/12', billing)).toBe(true);
    expect(mayOpen('/encounters/3', billing)).toBe(false);
  });

  it('follows the hospital’s role table, not the role names', () => {
    // A hospital that lets its HR read patients (permissions.set): the same question, another answer.
    const widened: Permissions = { can: (c) => c === 'patients.get' || as('hr').can(c), hasRole: (...r) => r.includes('hr') };
    expect(mayOpen('/patients/12', widened)).toBe(true);
    expect(mayOpen('/patients/12', as('hr'))).toBe(false);
  });

  it('opens departments to managers besides those who may create them', () => {
    expect(mayOpen('/departments', as('manager'))).toBe(true);
    expect(mayOpen('/departments', as('admin'))).toBe(true);
    expect(mayOpen('/departments', as('nurse'))).toBe(false);
  });
});
