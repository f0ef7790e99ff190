// Dates and names as a desk meets them, in Chromium over the harness: a desk working for a US hospital types dates
// month-first in the patient search (and is told so), and a patient with a very long name of many parts fits every
// place it is shown, never cut inside a word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, launchChromium, nav, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const FRONT = { username: 'frontdesk', fullName: 'Florence Nabirye', password: 'front-desk-two-sites-2026' };

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let kla = 0;
let bos = 0;
const ids: Record<string, number> = {};

/** The names in the patient list's rows, as shown now. */
const names = async (page: Page) => (await page.getByRole('row').locator('td:nth-child(2)').allTextContents()).map((t) => t.trim());

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

describe('Dates and names at the desk in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    kla = (await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN })).hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    bos = (await rpc('setup', 'hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'MA', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
    await rpc('setup', 'users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [kla, bos] });
    await rpc('front', 'auth.login', { username: FRONT.username, password: FRONT.password });
    const register = async (key: string, fields: Partial<Input<'patients.register'>>) => {
      ids[key] = (await rpc('front', 'patients.register', { hospitalId: bos, firstName: 'Mary', lastName: 'Walsh', dateOfBirth: '1990-03-14', sex: 'female', phone: '+16175550101', acknowledgeDuplicates: true, ...fields })).id;
    };
    await register('march14', {});
    await register('december3', { firstName: 'Dorothy', lastName: 'Quinn', dateOfBirth: '1990-12-03', phone: '+16175550102' });
    await register('march12', { firstName: 'Marek', lastName: 'Nowak', dateOfBirth: '1990-03-12', phone: '+16175550103' });
  });

  stopAtFirstFailure(() => ({ 'failed-dates-names': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('reads a date typed in the patient search month-first at a US hospital, and says so', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'two-sites' }));
    await signIn(desk, FRONT, 'Patients');
    await choose(desk, 'Working at hospital', 'Boston Harbor');
    await nav(desk, 'Patients').click();
    const search = desk.getByLabel('Search patients');
    expect(await search.getAttribute('placeholder')).toBe('Name, patient ID, phone or MM/DD/YYYY');
    await search.fill('03/14/1990');
    await expect.poll(() => names(desk!)).toEqual(['Mary Walsh']);
    // 12/03 is the 3rd of December here, not the 12th of March.
    await search.fill('12/03/1990');
    await expect.poll(() => names(desk!)).toEqual(['Dorothy Quinn']);
    await snap(desk, 'patient-search-us-date');

    // The same desk working for Kampala reads it day-first.
    await choose(desk, 'Working at hospital', 'Kampala General');
    expect(await search.getAttribute('placeholder')).toBe('Name, patient ID, phone or DD/MM/YYYY');
    await expect.poll(() => names(desk!)).toEqual(['Marek Nowak']);
  });
});
