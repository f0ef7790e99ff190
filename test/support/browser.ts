// Browser tests' toolbox: headless Chromium (the system's /usr/bin/chromium unless HMS_CHROMIUM says otherwise),
// workstations with their own sign-in, the app's recurring controls (navigation, notifications, selects, downloads),
// dates as a desk types them, and screenshots.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, onTestFailed } from 'vitest';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/e2e');

export interface Credentials {
  username: string;
  password: string;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HMS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new workstation at `url`: its own browser context, so its own storage and sign-in. */
export async function openDeskAt(browser: Browser, url: string, viewport = { width: 1366, height: 860 }): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  return page;
}

/** Signs in on the sign-in screen and waits for the areas of the signed-in shell (for `area`'s link, when given). */
export async function signIn(page: Page, user: Credentials, area?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Username').fill(user.username);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await (area === undefined ? page.getByRole('navigation', { name: 'Areas' }) : nav(page, area)).waitFor();
}

/** A link of the navigation bar (not the "back to" links of pages). */
export const nav = (page: Page, area: string): Locator => page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: area, exact: true });

/** Waits for a notification with this text. */
export const notification = (page: Page, text: string | RegExp): Promise<void> => page.locator('.mantine-Notification-root', { hasText: text }).first().waitFor();

/** Closes the notifications on screen, so they cover nothing a later step clicks. */
export async function closeNotifications(page: Page): Promise<void> {
  const notes = page.locator('.mantine-Notification-root');
  for (let i = 0; i < 20 && (await notes.count()) > 0; i++) {
    await notes.first().getByRole('button').click({ timeout: 1_000 }).catch(() => undefined);
    await page.waitForTimeout(200);
  }
}

/** Chooses an option of a Mantine select by its label. */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The file a click downloads: its suggested name and its bytes. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

/**
 * For a describe whose steps build on each other: after a failure the later steps are skipped, and the screens open
 * at the failure are saved under their names (`screens` maps artifact name → page) for a look.
 */
export function stopAtFirstFailure(screens: () => Record<string, Page | undefined>): void {
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
    onTestFailed(async () => {
      failed = true;
      for (const [name, page] of Object.entries(screens())) {
        if (page && !page.isClosed()) await snap(page, name, { fullPage: true }).catch(() => undefined);
      }
    });
  });
}

/**
 * A time zone where it is about `hour` o'clock now ('Etc/GMT-3' is UTC+3): a hospital there lets a test work through
 * today's local day whenever the suite runs, without running out of slots or crossing a local midnight.
 */
export function zoneWhereItIs(hour: number): string {
  const k = ((hour - new Date().getUTCHours() + 36) % 24) - 12;
  return k === 0 ? 'Etc/UTC' : `Etc/GMT${k > 0 ? '-' : '+'}${Math.abs(k)}`;
}

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export const todayIn = (timeZone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** A YYYY-MM-DD date as a Ugandan desk types it: DD/MM/YYYY. */
export const typedDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Screenshots shown in the README (committed); refreshed only when UPDATE_SCREENSHOTS=1. */
const README_SHOTS = resolve(import.meta.dirname, '../../resources/screenshots');

/** Copies a picture to resources/screenshots/<readmeName>.png when UPDATE_SCREENSHOTS=1. */
export function keepForReadme(path: string, readmeName: string): void {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(README_SHOTS, { recursive: true });
  copyFileSync(path, join(README_SHOTS, `${readmeName}.png`));
}

/** Saves test-artifacts/e2e/<name>.png (and, with UPDATE_SCREENSHOTS=1, resources/screenshots/<readmeName>.png). */
export async function snap(page: Page, name: string, opts: { fullPage?: boolean; readmeName?: string } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if (opts.fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' });
  if (opts.readmeName) keepForReadme(path, opts.readmeName);
  return path;
}
