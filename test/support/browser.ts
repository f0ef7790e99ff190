// Headless Chromium for the e2e tests (the system's /usr/bin/chromium unless HMS_CHROMIUM says otherwise), and screenshots.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/e2e');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HMS_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Screenshots shown in the README (committed); refreshed only when UPDATE_SCREENSHOTS=1. */
const README_SHOTS = resolve(import.meta.dirname, '../../resources/screenshots');

/** Saves test-artifacts/e2e/<name>.png (and, with UPDATE_SCREENSHOTS=1, resources/screenshots/<readmeName>.png). */
export async function snap(page: Page, name: string, opts: { fullPage?: boolean; readmeName?: string } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  if (opts.fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' });
  if (opts.readmeName && process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(README_SHOTS, { recursive: true });
    copyFileSync(path, join(README_SHOTS, `${opts.readmeName}.png`));
  }
  return path;
}
