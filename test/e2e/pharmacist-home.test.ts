// The pharmacist's home screen in Chromium over the harness: numbers, not only links. Prescriptions waiting in the
// queue, medicines at or below their reorder level, batches expiring within 90 days; each opens the list it counts,
// and the queue's number falls when the prescription is dispensed at another desk, without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { addDays } from '@shared/domain/dates';
import { launchChromium, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, zoneWhereItIs } from '../support/browser';
import { checkedInToday, CLINIC_DOCTOR as DOCTOR, clinicWithDoctor, FRONT_WINDOW } from '../support/clinical';
import { startHarness, type Harness } from '../support/harness';

const PHARMACIST = { username: 'john.mugisha', fullName: 'John Mugisha', password: 'pharmacy-pass-2026' };
const TZ = zoneWhereItIs(8);

let harness: Harness;
let browser: Browser;
let desk: Page;
let prescriptionId: number;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const figure = (page: Page, label: string, value: string) => page.getByRole('region', { name: 'Pharmacy' }).getByLabel(`${label}: ${value}`, { exact: true });

describe("The pharmacist's home screen", () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const clinic = await clinicWithDoctor(harness, TZ, [{ ...PHARMACIST, roles: ['pharmacist'] }]);
    const hospitalId = clinic.hospitalId;
    const patientId = (await rpc(FRONT_WINDOW, 'patients.register', { hospitalId, firstName: 'Nakato', lastName: 'Namubiru', dateOfBirth: '1990-03-14', sex: 'female', phone: '0772123456', acknowledgeDuplicates: true })).id;
    const appointment = await checkedInToday(harness, { patientId, doctorId: clinic.doctorId, timeZone: TZ, reason: 'Fever' });
    // Amoxicillin: 16 on the shelf against a reorder level of 20 (low), 6 of them expiring in 60 days. Paracetamol: plenty.
    const amoxicillin = await rpc('setup', 'pharmacy.createItem', { hospitalId, name: 'Amoxicillin', strength: '500 mg', form: 'capsule', activeIngredient: 'amoxicillin', unitPrice: 500, reorderLevel: 20 });
    const paracetamol = await rpc('setup', 'pharmacy.createItem', { hospitalId, name: 'Paracetamol', strength: '500 mg', form: 'tablet', activeIngredient: 'paracetamol', unitPrice: 100, reorderLevel: 10 });
    await rpc('pharmacist', 'auth.login', { username: PHARMACIST.username, password: PHARMACIST.password });
    const today = todayIn(TZ);
    await rpc('pharmacist', 'pharmacy.receive', { itemId: amoxicillin.id, batchNumber: 'AMX-EARLY', expiryDate: addDays(today, 60), quantity: 6, supplier: 'Joint Medical Store' });
    await rpc('pharmacist', 'pharmacy.receive', { itemId: amoxicillin.id, batchNumber: 'AMX-LATE', expiryDate: addDays(today, 730), quantity: 10, supplier: 'Joint Medical Store' });
    await rpc('pharmacist', 'pharmacy.receive', { itemId: paracetamol.id, batchNumber: 'PCM-1', expiryDate: addDays(today, 730), quantity: 500, supplier: 'Joint Medical Store' });
    await rpc('doctor', 'auth.login', { username: DOCTOR.username, password: DOCTOR.password });
    const encounter = await rpc('doctor', 'encounters.open', { appointmentId: appointment.id });
    prescriptionId = (await rpc('doctor', 'prescriptions.create', { encounterId: encounter.id, itemId: paracetamol.id, dose: 1000, doseUnit: 'mg', route: 'oral', frequency: 'tds', durationDays: 3, quantity: 18, instructions: null }))
      .prescriptions.at(-1)!.id;
  });

  stopAtFirstFailure(() => ({ 'pharmacist-home-failed': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('counts the prescriptions waiting, the low stock and the batches expiring, each opening its list', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'pharmacy-desk' }), { width: 1440, height: 900 });
    await signIn(desk, PHARMACIST);
    await figure(desk, 'Prescriptions to dispense', '1').waitFor();
    await figure(desk, 'Low stock', '1').waitFor();
    await figure(desk, 'Batches expiring', '1').waitFor();
    await figure(desk, 'Expired on the shelf', '0').waitFor();
    // The links to the areas stay below the numbers.
    await desk.getByRole('region', { name: 'Your areas' }).waitFor();
    await snap(desk, 'pharmacist-home');

    await figure(desk, 'Low stock', '1').click();
    await desk.getByRole('region', { name: 'Low stock' }).getByRole('link', { name: 'Amoxicillin 500 mg capsule' }).waitFor();
    await desk.goBack();
    await figure(desk, 'Prescriptions to dispense', '1').click();
    await desk.getByRole('row', { name: /Nakato Namubiru Paracetamol/ }).waitFor();
    await desk.goBack();
  });

  it('lowers the queue when the prescription is dispensed at another desk', async () => {
    await figure(desk, 'Prescriptions to dispense', '1').waitFor();
    await rpc('pharmacist', 'pharmacy.dispense', { prescriptionId, quantity: 18 });
    await figure(desk, 'Prescriptions to dispense', '0').waitFor();
    expect(await figure(desk, 'Low stock', '1').count()).toBe(1);
  });
});
