// A patient of another hospital of the chain in Chromium over the harness: a Kampala front desk opens a Boston patient's
// record (patients are read chain-wide), is told the record is another hospital's when revealing the national ID or
// saving an edit, and goes on only by stating an emergency, which the audit trail records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { launchChromium, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const FRONT = { username: 'frontdesk', fullName: 'Florence Nabirye', password: 'front-desk-kla-2026' };
// Boston's own front desk registers the patient: registering is the front desk's work.
const BOSTON_FRONT = { username: 'frontdesk.bos', fullName: 'Mary Sullivan', password: 'front-desk-bos-2026' };
const REASON = 'Unconscious patient brought to casualty';

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let patientId = 0;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

describe('Emergency access to another hospital’s patient in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const kla = (await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN })).hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const bos = (await rpc('setup', 'hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'MA', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
    await rpc('setup', 'users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [kla] });
    await rpc('setup', 'users.create', { ...BOSTON_FRONT, roles: ['front_desk'], hospitalIds: [bos] });
    await rpc('bos-desk', 'auth.login', { username: BOSTON_FRONT.username, password: BOSTON_FRONT.password });
    const p = await rpc('bos-desk', 'patients.register', { hospitalId: bos, firstName: 'Mary', lastName: 'Walsh', dateOfBirth: '1979-02-03', sex: 'female', phone: '+16175550101', nationalId: '123-45-6789', acknowledgeDuplicates: true });
    patientId = p.id;
  });

  stopAtFirstFailure(() => ({ 'failed-emergency-access': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('reveals a Boston patient’s national ID to a Kampala desk only after an emergency is stated', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'kla-desk' }));
    await signIn(desk, FRONT);
    await desk.evaluate(`window.location.hash = '/patients/${patientId}'`);
    await desk.getByRole('heading', { name: 'Mary Walsh' }).waitFor();
    await desk.getByRole('button', { name: 'Reveal' }).click();
    const alert = desk.getByRole('alert').filter({ hasText: 'Patient of another hospital' });
    await alert.getByText(/patient of another hospital of the chain/).waitFor();
    const go = alert.getByRole('button', { name: 'Reveal in an emergency' });
    // A reason of a word or two is not enough.
    await alert.getByLabel('Emergency: why do you need it?').fill('urgent');
    expect(await go.isDisabled()).toBe(true);
    await alert.getByLabel('Emergency: why do you need it?').fill(REASON);
    await snap(desk, 'emergency-access', { readmeName: 'patient-emergency-access' });
    await go.click();
    await desk.getByTestId('national-id').getByText('123-45-6789').waitFor();
    const trail = await rpc('setup', 'audit.list', { entity: 'patient', entityId: String(patientId), limit: 20 });
    const emergency = trail.items.find((e) => e.action === 'patients.emergencyAccess');
    expect(emergency?.username).toBe(FRONT.username);
    expect(JSON.stringify(emergency?.changes)).toContain(REASON);
  });

  it('saves an edit of that patient only in an emergency', async () => {
    await desk!.getByRole('button', { name: 'Edit' }).click();
    await desk!.getByLabel('City').fill('Gulu');
    await desk!.getByRole('button', { name: 'Save' }).click();
    const alert = desk!.getByRole('alert').filter({ hasText: 'Patient of another hospital' });
    await alert.getByLabel('Emergency: why do you need it?').fill(REASON);
    await alert.getByRole('button', { name: 'Save in an emergency' }).click();
    await notification(desk!, 'Saved');
    const saved = await rpc('setup', 'patients.get', { id: patientId });
    expect(saved.city).toBe('Gulu');
  });
});
