// A hospital with a billing office in Chromium over the harness, for the browser tests of the cash desk: a cashier
// signed in at the page, the front desk and the till as harness windows, and one catalog item (a chest X-ray of
// UGX 60,000, no tax) to charge.
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input, Output } from '@shared/contract';
import { UGANDA } from './app';
import { launchChromium, openDeskAt, signIn } from './browser';
import { startHarness, type Harness } from './harness';

export const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
export const CASHIER = { username: 'grace.cashier', fullName: 'Grace Atim', password: 'billing-pass-2026' };
export const FRONT_DESK = { username: 'peter.desk', fullName: 'Peter Mugisha', password: 'front-desk-2026' };

export interface CashDesk {
  harness: Harness;
  browser: Browser;
  /** The cashier's page, signed in on Billing. */
  desk: Page;
  hospitalId: number;
  rpc<K extends ChannelName>(win: string, channel: K, input: Input<K>): Promise<Output<K>>;
  /** A patient (insured at 80 % when `insured`) registered at the front desk, charged one X-ray on a draft made at the till. */
  xrayDraft(lastName: string, insured: boolean): Promise<{ id: number; patientId: number }>;
  stop(): Promise<void>;
}

export async function startCashDesk(): Promise<CashDesk> {
  const harness = await startHarness();
  const browser = await launchChromium();
  const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
  const { hospitalId } = await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN });
  await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  await rpc('setup', 'users.create', { ...CASHIER, roles: ['billing'], hospitalIds: [hospitalId] });
  await rpc('setup', 'users.create', { ...FRONT_DESK, roles: ['front_desk'], hospitalIds: [hospitalId] });
  const xrayId = (await rpc('setup', 'catalog.create', { hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 60_000, taxRateBp: 0 })).id;
  await rpc('till', 'auth.login', { username: CASHIER.username, password: CASHIER.password });
  await rpc('front', 'auth.login', { username: FRONT_DESK.username, password: FRONT_DESK.password });
  const desk = await openDeskAt(browser, harness.url({ window: 'cashier' }), { width: 1440, height: 960 });
  desk.on('pageerror', (e) => console.error('page error:', e.message));
  await signIn(desk, CASHIER, 'Billing');

  const xrayDraft = async (lastName: string, insured: boolean) => {
    const p = await rpc('front', 'patients.register', {
      hospitalId,
      firstName: 'Nakato',
      lastName,
      dateOfBirth: '1990-03-14',
      sex: 'female',
      phone: '0772123456',
      acknowledgeDuplicates: true,
      ...(insured ? { insuranceProvider: 'Jubilee Health', insurancePolicyNumber: 'JH-20417', insuranceCoveragePercent: 80, insuranceValidUntil: '2099-12-31' } : {}),
    });
    const charge = await rpc('till', 'charges.add', { patientId: p.id, catalogItemId: xrayId });
    return { id: (await rpc('till', 'invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id, patientId: p.id };
  };

  return {
    harness,
    browser,
    desk,
    hospitalId,
    rpc,
    xrayDraft,
    stop: async () => {
      await browser.close();
      await harness.stop();
    },
  };
}
