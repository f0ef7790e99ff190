// The audit trail's anchors in Chromium over the harness: an administrator creates a signing key (its encrypted file
// is downloaded), signs a checkpoint with that file and the passphrase, verifies the trail against it; then the trail is
// emptied behind the app's back and the administrator's screen raises the tamper alarm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { GENESIS_HASH } from '../../src-main/features/audit/audit-chain';
import { downloaded, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const PASSPHRASE = 'my-usb-key-in-the-safe';

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let keyFile: Buffer;

describe('Anchoring the audit trail in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    await harness.rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN });
  });

  stopAtFirstFailure(() => ({ 'failed-audit-anchor': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('creates a signing key and saves its encrypted private key file', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'anchor' }));
    await signIn(desk, ADMIN, 'Audit trail');
    await nav(desk, 'Audit trail').click();
    await desk.getByRole('heading', { name: 'Signed checkpoints' }).waitFor();
    await desk.getByRole('button', { name: 'Create signing key' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Create a signing key' });
    await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await dialog.getByLabel('Passphrase again').fill(PASSPHRASE);
    const file = await downloaded(desk, () => dialog.getByRole('button', { name: 'Create and save key file' }).click());
    expect(file.name).toMatch(/^hospital-desk-audit-key-[0-9a-f]{12}\.pem$/);
    expect(file.bytes.toString()).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    keyFile = file.bytes;
    await notification(desk, 'Signing key created');
    await dialog.waitFor({ state: 'detached' });
  });

  it('refuses a wrong passphrase, then signs a checkpoint the trail verifies against', async () => {
    await desk!.getByLabel('Key file').setInputFiles({ name: 'audit-key.pem', mimeType: 'application/x-pem-file', buffer: keyFile });
    await desk!.getByLabel('Passphrase', { exact: true }).fill('not-the-passphrase');
    await desk!.getByRole('button', { name: 'Sign checkpoint' }).click();
    await desk!.getByText('Wrong passphrase for this key file.').waitFor();
    await desk!.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await desk!.getByRole('button', { name: 'Sign checkpoint' }).click();
    await notification(desk!, 'Checkpoint #1 signed');
    await desk!.getByRole('row', { name: /#1 .* valid/ }).waitFor();
    await desk!.getByRole('button', { name: 'Verify chain' }).click();
    await desk!.getByText('Audit chain OK').waitFor();
    // Checkpoints belong to no hospital: signed at the workstation's clock, its offset stated.
    await desk!.getByText(/The trail matches checkpoint #1 \(entry \d+, signed by .+ \d\d:\d\d:\d\d GMT([+-]\d+(:\d\d)?)?\)\./).waitFor();
    await snap(desk!, 'audit-anchor-checkpoint');
  });

  it('raises the tamper alarm on the administrator’s screen when the trail is emptied', async () => {
    await harness.db.sql('TRUNCATE audit_log');
    await harness.db.sql('UPDATE audit_head SET last_id = 0, last_hash = ? WHERE id = 1', [GENESIS_HASH]);
    await desk!.getByRole('button', { name: 'Verify chain' }).click();
    await desk!.getByText('Audit chain broken at entry 1').waitFor();
    await desk!.getByText('The audit trail was tampered with').waitFor();
    expect(await desk!.getByRole('alert').filter({ hasText: 'tampered' }).textContent()).toMatch(/empty/);
    await snap(desk!, 'audit-anchor-tampered');
  });
});
