// Reports through the real UI in Chromium over the harness, on the demo chain (six hospitals in three currencies,
// generated up to today): the director opens the list of reports, appointments by department for the whole chain and
// then for one hospital (charts drawn, figures equal to the channel's, changed by the filter), exports a table as CSV
// (the file main wrote: BOM, header, every row), scheduling trends with its heat map, revenue with one section per
// currency, and the revenue report as a PDF; the billing office sees only the revenue report.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ChannelName, Input, Output } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { DEMO_PASSWORD, seedDatabase, type SeedSummary } from '../../src-main/seed/seed';
import { closeNotifications, downloaded, keepForReadme, launchChromium, nav, notification, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { pdfPng, pdfText } from '../support/pdf';

const DIRECTOR = { username: 'director', password: DEMO_PASSWORD };
const CASHIER = { username: 'billing.kla', password: DEMO_PASSWORD };
/** The demo data's "today": the suite's own day, so the period presets find the generated appointments. */
const TODAY = new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let harness: Harness;
let browser: Browser;
let summary: SeedSummary;
let director: Page;
let cashier: Page;
/** The director's desk's today: the local day of the hospital it works for (the header's), as the report screen reckons it. */
let deskDay: string;
/** The 'Last 90 days' preset on the desk's today. */
const last90 = () => ({ from: addDays(deskDay, -89), to: deskDay });

/**
 * A workstation like openDeskAt's, with more patience: the page carries every chart's code (a few MB), and the
 * machine running the suite may be busy.
 */
async function openDesk(window: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(harness.url({ window }), { timeout: 60_000 });
  return page;
}

const rpc = <K extends ChannelName>(channel: K, input: Input<K>): Promise<Output<K>> => harness.rpc('director-api', channel, input);
const hospitalId = (code: string) => summary.chain.hospitals.find((h) => h.code === code)!.id;
/** A figure card's number ("Appointments: 1,234"). */
const figure = (page: Page, name: string): Promise<string> =>
  page
    .getByTestId('report-figures')
    .getByLabel(new RegExp(`^${name}: `))
    .first()
    .getAttribute('aria-label')
    .then((l) => l!.slice(name.length + 2));
/** The chart in the panel of this title: an SVG drawn by recharts with some marks in it. */
async function drawn(panel: Locator, marks = '.recharts-bar-rectangle, .recharts-line-curve, .recharts-area-area, .recharts-pie-sector'): Promise<number> {
  await panel.locator('svg.recharts-surface').first().waitFor();
  await expect.poll(() => panel.locator(marks).count()).toBeGreaterThan(0);
  return panel.locator(marks).count();
}
const chart = (page: Page, title: string) => page.getByRole('region', { name: `Chart: ${title}` });
/** Waits until the figures on screen are those of the filter shown (not the previous one's, faded while loading). */
const settled = (page: Page) => expect.poll(() => page.getByTestId('report-figures').getAttribute('aria-busy')).toBe('false');

describe('Reports in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    summary = await seedDatabase(harness.db.target, {
      patients: 900,
      appointments: 5000,
      doctorsPerDepartment: 2,
      beds: 24,
      bedBookings: 240,
      invoices: 800,
      invoicePdfs: 0,
      encounters: 1500,
      rotaWeeksBack: 6,
      rotaWeeksAhead: 1,
      payrollRuns: 0,
      seed: 14,
      asOf: TODAY,
    });
    browser = await launchChromium();
    await harness.rpc('director-api', 'auth.login', DIRECTOR);
  }, 300_000);

  stopAtFirstFailure(() => ({ 'reports-failed-director': director, 'reports-failed-cashier': cashier }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('lists the seven reports for the chain director, each with what it tells', async () => {
    director = await openDesk('director');
    director.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(director, DIRECTOR, 'Reports');
    const deskHospital = await director.getByRole('combobox', { name: 'Working at hospital' }).inputValue();
    const zone = summary.chain.hospitals.find((h) => h.name === deskHospital)!.time_zone;
    deskDay = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    await nav(director, 'Reports').click();
    const list = director.getByRole('list', { name: 'Reports' });
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').count()).toBe(7);
    for (const title of ['Appointments by department', 'Department performance', 'Scheduling trends', 'Patient demographics', 'Occupancy', 'Revenue and receivables', 'Staff hours']) {
      await list.getByRole('link', { name: title }).waitFor();
    }
    await snap(director, 'reports-01-list', { readmeName: 'reports-list' });
  });

  it('draws appointments by department for the whole chain, and the figures change with the hospital chosen', async () => {
    await director.getByRole('link', { name: 'Appointments by department' }).click();
    await director.getByRole('heading', { name: 'Appointments by department', level: 2 }).waitFor();
    await director.getByRole('button', { name: 'Last 90 days' }).click();
    await settled(director);
    const chain = await rpc('reports.appointmentsByDepartment', last90());
    const chainTotal = chain.rows.reduce((s, r) => s + r.total, 0);
    expect(chainTotal).toBeGreaterThan(100);
    await expect.poll(() => figure(director, 'Appointments')).toBe(chainTotal.toLocaleString('en'));
    expect(await drawn(chart(director, 'Appointments by department (hospitals together)'))).toBeGreaterThan(3);
    expect(await drawn(chart(director, 'Busiest doctors'))).toBeGreaterThan(3);
    // The table lists every hospital's departments; money-free, counts only.
    const table = director.getByRole('table', { name: 'By department' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(Math.min(chain.rows.length, 25));
    await snap(director, 'reports-02-appointments-chain', { fullPage: true, readmeName: 'reports-appointments' });

    // One hospital: Kampala's figures alone, and its departments offered.
    await director.getByRole('combobox', { name: 'Hospitals' }).click();
    await director.getByRole('option', { name: 'Nile Health Kampala' }).click();
    await director.keyboard.press('Escape');
    await settled(director);
    const kla = await rpc('reports.appointmentsByDepartment', { ...last90(), hospitalIds: [hospitalId('KLA')] });
    const klaTotal = kla.rows.reduce((s, r) => s + r.total, 0);
    expect(klaTotal).toBeLessThan(chainTotal);
    await expect.poll(() => figure(director, 'Appointments')).toBe(klaTotal.toLocaleString('en'));
    await director.getByText('Nile Health Kampala', { exact: false }).first().waitFor();
    expect(await drawn(chart(director, 'Appointments by department'))).toBeGreaterThan(0);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(kla.rows.length);
  });

  it('exports the by-department table as a CSV file written by main: BOM, header, one line per row', async () => {
    const kla = await rpc('reports.appointmentsByDepartment', { ...last90(), hospitalIds: [hospitalId('KLA')] });
    await director.getByRole('button', { name: 'Export By department as CSV' }).click();
    await notification(director, 'CSV saved');
    const note = await director.locator('.mantine-Notification-root', { hasText: 'CSV saved' }).first().innerText();
    const path = /saved to (.+\.csv)/.exec(note)?.[1];
    expect(path, note).toBeTruthy();
    const text = readFileSync(path!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Hospital,Department,Booked,Checked in,Completed,Cancelled,No-show,Total');
    expect(lines.length - 1).toBe(kla.rows.length);
    const first = kla.rows[0]!;
    expect(lines[1]).toBe([first.hospitalName, first.departmentName, first.booked, first.checkedIn, first.completed, first.cancelled, first.noShow, first.total].join(','));
    await closeNotifications(director);
  });

  it('shows scheduling trends: appointments over time, the weekday × hour heat map, lead time', async () => {
    await director.getByRole('link', { name: 'Reports' }).first().click();
    await director.getByRole('link', { name: 'Scheduling trends' }).click();
    await director.getByRole('heading', { name: 'Scheduling trends', level: 2 }).waitFor();
    // The filter came along from the last report: Kampala, the last 90 days; per week.
    await director.getByText('Week', { exact: true }).click();
    await settled(director);
    const trends = await rpc('reports.schedulingTrends', { ...last90(), hospitalIds: [hospitalId('KLA')], granularity: 'week' });
    expect(trends.series.length).toBeGreaterThanOrEqual(13);
    await drawn(chart(director, 'Appointments per week'), '.recharts-line-curve');
    const heat = chart(director, 'By weekday and hour (local time)');
    await heat.locator('svg rect').first().waitFor();
    expect(await heat.locator('svg rect').count()).toBeGreaterThanOrEqual(7 * 24);
    expect(await drawn(chart(director, 'Booked ahead'))).toBeGreaterThan(0);
    await snap(director, 'reports-03-trends', { fullPage: true, readmeName: 'reports-trends' });
  });

  it('shows revenue per currency for the chain (never added across currencies) and exports it as a PDF', async () => {
    await director.getByRole('link', { name: 'Reports' }).first().click();
    await director.getByRole('link', { name: 'Revenue and receivables' }).click();
    await director.getByRole('heading', { name: 'Revenue and receivables', level: 2 }).waitFor();
    // Back to the whole chain.
    await director.getByRole('combobox', { name: 'Hospitals' }).focus();
    await director.keyboard.press('Backspace');
    await director.keyboard.press('Escape');
    await settled(director);
    const revenue = await rpc('reports.revenue', last90());
    const currencies = [...new Set(revenue.invoiced.map((r) => r.currency))].sort();
    expect(currencies.length).toBeGreaterThanOrEqual(2);
    for (const c of currencies) {
      const section = director.getByRole('region', { name: `Revenue in ${c}` });
      await section.waitFor();
      const inv = revenue.invoiced.find((r) => r.currency === c)!;
      await section.getByLabel(`Invoiced: ${formatMoney(inv.invoiced, c)}`).waitFor();
      await drawn(section.getByRole('region', { name: 'Chart: Outstanding by age' }));
    }
    await snap(director, 'reports-04-revenue', { fullPage: true, readmeName: 'reports-revenue' });

    await director.getByRole('button', { name: 'Export PDF' }).click();
    const viewer = director.getByRole('dialog', { name: 'Revenue and receivables' });
    await viewer.locator('iframe').waitFor({ timeout: 30_000 });
    const saved = await downloaded(director, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    expect(saved.name).toMatch(/\.pdf$/);
    const text = pdfText(saved.bytes).replace(/\u00a0/g, ' ');
    expect(text).toContain('Revenue and receivables');
    for (const c of currencies) expect(text).toContain(c);
    keepForReadme(pdfPng(saved.bytes, 'reports-05-revenue-pdf', 1, 70), 'reports-revenue-pdf');
    await director.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('draws the other four reports: department performance, demographics, occupancy, staff hours', async () => {
    const open = async (title: string) => {
      await director.getByRole('link', { name: 'Reports' }).first().click();
      await director.getByRole('link', { name: title }).click();
      await director.getByRole('heading', { name: title, level: 2 }).waitFor();
      await settled(director);
    };
    await open('Department performance');
    expect(await drawn(chart(director, 'Outcomes by department'))).toBeGreaterThan(3);
    expect(await drawn(chart(director, 'No-show rate'))).toBeGreaterThan(3);
    await snap(director, 'reports-06-performance', { fullPage: true, readmeName: 'reports-performance' });

    await open('Patient demographics');
    await drawn(chart(director, 'Patients by age band'));
    await drawn(chart(director, 'Sex'));
    await drawn(chart(director, 'New or returning'));
    await snap(director, 'reports-07-demographics', { fullPage: true, readmeName: 'reports-demographics' });

    await open('Occupancy');
    // The filter kept "per week" from the trends; a month reads better day by day.
    await director.getByRole('button', { name: 'Last month' }).click();
    await director.getByText('Day', { exact: true }).click();
    await settled(director);
    await drawn(chart(director, 'Occupancy per day'), '.recharts-area-area');
    await snap(director, 'reports-08-occupancy', { fullPage: true, readmeName: 'reports-occupancy' });

    await open('Staff hours');
    await drawn(chart(director, 'Planned and contracted hours (hospitals together)'));
    await snap(director, 'reports-09-staff-hours', { fullPage: true });

    // A period without appointments says so instead of drawing empty axes.
    await open('Appointments by department');
    await director.getByRole('button', { name: 'Last year' }).click();
    await settled(director);
    const year = Number(deskDay.slice(0, 4)) - 1;
    const last = await rpc('reports.appointmentsByDepartment', { from: `${year}-01-01`, to: `${year}-12-31` });
    const total = last.rows.reduce((s, r) => s + r.total, 0);
    await expect.poll(() => figure(director, 'Appointments')).toBe(total.toLocaleString('en'));
    if (total === 0) {
      await chart(director, 'Appointments by department (hospitals together)').getByText('No appointments in this period.').waitFor();
      await director.getByRole('region', { name: 'By department' }).getByText('Nothing in this period.').waitFor();
      expect(await director.getByRole('button', { name: 'Export By department as CSV' }).isDisabled()).toBe(true);
      await snap(director, 'reports-10-empty', { fullPage: true });
    }
  });

  it('offers the billing office the revenue report only', async () => {
    cashier = await openDesk('cashier');
    await signIn(cashier, CASHIER, 'Reports');
    await nav(cashier, 'Reports').click();
    const list = cashier.getByRole('list', { name: 'Reports' });
    await list.getByRole('link', { name: 'Revenue and receivables' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    // A link may name the period (the home screen's figures open their report so).
    await cashier.evaluate(`window.location.hash = '/reports/revenue?period=last-month&hospitals=${hospitalId('KLA')}'`);
    await cashier.getByRole('heading', { name: 'Revenue and receivables', level: 2 }).waitFor();
    await expect.poll(() => cashier.getByRole('button', { name: 'Last month' }).getAttribute('aria-pressed')).toBe('true');
    await cashier.getByRole('region', { name: 'Revenue in UGX' }).waitFor();
    expect(await cashier.getByRole('region', { name: 'Revenue in USD' }).count()).toBe(0);
    await cashier.evaluate(`window.location.hash = '/reports/occupancy'`);
    await cashier.getByText('Not available to your role').waitFor();
  });
});
