// `npm run seed -- --patients N --seed S [--reset]`: demo data into HMS_DATABASE_URL, with progress and a summary.
import { DateTime } from 'luxon';
import type { DbTarget } from '../db/data-source';
import { isRealDate } from '@shared/domain/dates';
import { bedsPerHospital, defaultAppointments, seedDatabase, type SeedOptions, type SeedProgress, type SeedSummary } from './seed';
import { MIN_PAST_DAYS, TARGET_FILL } from './appointment-generator';
import { DEFAULT_AS_OF } from './generator';
import { SITES, STAFF_PER_SITE } from './sites';
import { DEFAULT_BEDS, DEFAULT_BOOKINGS_PER_BED, RESERVATION_HORIZON_DAYS, STAY_HISTORY_DAYS } from './ward-generator';
import { BOOKING_HORIZON_DAYS, DEFAULT_DOCTORS_PER_DEPARTMENT, MAX_DEPARTMENT_STAFF, MAX_PAST_DAYS } from './staff-generator';
import { DEFAULT_ROTA_WEEKS_AHEAD, DEFAULT_ROTA_WEEKS_BACK, MAX_ROTA_WEEKS, SEED_SHIFT_TYPES } from './rota-generator';
import { DEFAULT_INVOICE_PDFS, defaultInvoices } from './billing-generator';
import { DEFAULT_ENCOUNTERS } from './clinical-generator';

export const SEED_USAGE = `Usage: npm run seed -- [--patients N] [--appointments N] [--doctors-per-department K] [--seed S] [--reset]
                      [--beds N] [--beds-at CODE=N,…] [--bed-bookings N]
                      [--staff-at CODE:Department=N,…] [--rota-weeks-back N] [--rota-weeks-ahead N]
                      [--invoices N] [--invoice-pdfs N] [--encounters N] [--payroll-runs N]
                      [--as-of YYYY-MM-DD] [--batch ROWS] [--connections N]

  --patients N       patients to generate (default 1000; 1_000_000 and 1,000,000 are read too)
  --appointments N   appointments across the chain (default 3 per patient, at most 200,000); they cover the
                     ${MIN_PAST_DAYS} days before --as-of (further back, up to ${MAX_PAST_DAYS} days, when they would fill more
                     than ${TARGET_FILL * 100}% of the slots) and ${BOOKING_HORIZON_DAYS} days ahead
  --doctors-per-department K
                     doctors in each department that sees patients, at each hospital (default ${DEFAULT_DOCTORS_PER_DEPARTMENT});
                     staff of every other role come on top
  --beds N           beds at every hospital (default ${DEFAULT_BEDS}; 0 leaves a hospital without wards), in general wards,
                     semi-private and private rooms, ICU and isolation rooms over floors of up to 120 beds, plus one
                     operating theatre per 100 beds; stays are simulated over the ${STAY_HISTORY_DAYS} days before --as-of (with
                     transfers, discharges and their room charges), leaving 66–84% of the beds occupied at local noon
  --beds-at CODE=N   beds at one hospital, over --beds: --beds-at KLA=2000 (repeat it, or KLA=2000,GUL=60);
                     the codes are ${SITES.map((s) => s.code).join(', ')}
  --bed-bookings N   current stays plus bed reservations from --as-of up to ${RESERVATION_HORIZON_DAYS} days ahead, across the chain and
                     shared in proportion to beds (default ${DEFAULT_BOOKINGS_PER_BED} per bed); the current stays count first, so a
                     hospital's reservations are its share less its occupied beds. A 2,000-bed KLA with 10,000 of them:
                     --beds 100 --beds-at KLA=2000 --bed-bookings 12500
  --staff-at CODE:Department=N
                     make one department's staff up to N with nurses (doctors and the usual staff count too; a
                     department already that big is left alone), up to ${MAX_DEPARTMENT_STAFF}: --staff-at KLA:Nursing=200 (repeat it, or
                     KLA:Nursing=200,GUL:Emergency=40); the department by its name or the start of it, case aside
  --rota-weeks-back N, --rota-weeks-ahead N
                     weeks of shifts before the week of --as-of (default ${DEFAULT_ROTA_WEEKS_BACK}) and after it (default ${DEFAULT_ROTA_WEEKS_AHEAD}), up to ${MAX_ROTA_WEEKS}:
                     every hospital has ${SEED_SHIFT_TYPES.map((t) => `${t.name} ${t.code}`).join(', ')} shifts; nurses, doctors, technicians,
                     pharmacists and front desks of each department are planned about their contracted hours (40 h =
                     5 shifts a week) around their leave, by day and night where the department is open round the
                     clock, never against the working-time rules (rest between shifts, weekly maximum, leave, leaving
                     date); coverage rules ask for most of a shift's usual headcount, so a few shifts fall short.
                     A year of shifts for a 200-strong ward: --staff-at KLA:Nursing=200 --rota-weeks-back 52
  --invoices N       invoices across the chain, roughly (default one per patient, at most 20,000; never more than
                     the visits and discharges there are to bill). Every hospital gets a catalog (tests, medicine,
                     treatments, procedures; medicine at its default tax rate, consultations and tests without),
                     billing settings (tax number, archive age; JIN refuses a discharge with unbilled charges), a
                     consultation charge for every completed appointment and catalog charges beside some visits and
                     discharges; a share of the visits and discharges is invoiced: drafts, issued, partly paid, paid
                     (cash, card, mobile money, bank transfer, the insurance share by the insurer) and void (most
                     billed again), paid and void ones past the archive age archived; numbers and receipts gapless per
                     hospital and year, so invoices issued in the app continue them
  --invoice-pdfs N   invoices per hospital, the most recently issued or voided, whose PDF is made and stored now
                     (default ${DEFAULT_INVOICE_PDFS}; ~5–10 ms each); every other issued or void invoice gets its PDF made and
                     stored the first time it is printed (invoices.pdf), dated by the invoice like these
  --encounters N     encounters of completed appointments, and ward rounds, at most this many of each (default
                     ${DEFAULT_ENCOUNTERS.toLocaleString('en-US')}): the most recent visits get an encounter signed when the appointment was
                     completed (patients in the room now an open one), stays a round on admission and about every third
                     day after, with vitals, ICD-10 diagnoses (the starter list is installed), procedures, tests with results
                     and prescriptions. Every hospital gets a test catalog (lab tests in UCUM units with LOINC codes and
                     reference ranges by sex and age; imaging) and a medicine list; stock arrives in batches with expiry
                     dates (some expiring soon, a few expired on the shelf, some medicines low) and is dispensed first
                     expiry first out; dispensing, resulted tests and procedures are charged
  --payroll-runs N   payroll runs per hospital, the latest whole months of the rota before --as-of (default all of
                     them; 0: none): every staff member has a pay structure (salaried by role, some hourly; raises from
                     a date), bank details, each hospital its country's deduction rules and public holidays; the runs
                     are computed from the shifts and leave, finalized and paid on the month's last weekday; the latest
                     month's slip PDFs are made and stored now, the earlier ones on first print
  --seed S           random seed: the same seed (and --as-of) gives the same data (default 1)
  --reset            drop and recreate the database first (it must otherwise be empty)
  --as-of DATE       "today" of the generated data: ages, registration dates, insurance expiry, which appointments
                     are past (settled), today's (local noon counts as now) or ahead (booked) (default today, by
                     this computer's calendar; tests use ${DEFAULT_AS_OF})
  --batch ROWS       rows per INSERT statement (default 2000)
  --connections N    connections inserting at once (default 2)

The database comes from HMS_DATABASE_URL (mysql://user:password@host:3306/database) and is created if missing.`;

export interface SeedCliOptions extends SeedOptions {
  help: boolean;
}

function wholeNumber(flag: string, raw: string | undefined, min: number): number {
  const text = (raw ?? '').replace(/[_,]/g, '');
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) {
    throw new Error(`${flag} expects a whole number${min > Number.MIN_SAFE_INTEGER ? ` of at least ${min}` : ''}, not "${raw ?? ''}".\n\n${SEED_USAGE}`);
  }
  return Number(text);
}

/** Today by this computer's calendar, as YYYY-MM-DD: the demo's "today" unless --as-of says otherwise. */
export function localToday(): string {
  return DateTime.local().toISODate()!;
}

/** The seed's options from its command line; without --as-of the data is "as of" `today` (this computer's date). */
export function parseSeedArgs(args: string[], today: string = localToday()): SeedCliOptions {
  const o: SeedCliOptions = { patients: 1000, seed: 1, reset: false, help: false, asOf: today };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--patients':
        o.patients = wholeNumber(flag, value(), 0);
        break;
      case '--appointments':
        o.appointments = wholeNumber(flag, value(), 0);
        break;
      case '--doctors-per-department':
        o.doctorsPerDepartment = wholeNumber(flag, value(), 1);
        break;
      case '--beds':
        o.beds = wholeNumber(flag, value(), 0);
        break;
      case '--beds-at': {
        const raw = value() ?? '';
        for (const part of raw.split(',')) {
          const m = /^([A-Za-z]{2,5})=(.+)$/.exec(part.trim());
          if (!m) throw new Error(`--beds-at expects CODE=N (e.g. KLA=2000), not "${raw}".\n\n${SEED_USAGE}`);
          o.bedsAt = { ...o.bedsAt, [m[1].toUpperCase()]: wholeNumber(`--beds-at ${m[1].toUpperCase()}`, m[2], 0) };
        }
        break;
      }
      case '--staff-at': {
        const raw = value() ?? '';
        for (const part of raw.split(',')) {
          const m = /^([A-Za-z]{2,5}):(.+)=([^=]+)$/.exec(part.trim());
          if (!m) throw new Error(`--staff-at expects CODE:Department=N (e.g. KLA:Nursing=200), not "${raw}".\n\n${SEED_USAGE}`);
          const key = `${m[1].toUpperCase()}:${m[2].trim()}`;
          o.staffAt = { ...o.staffAt, [key]: wholeNumber(`--staff-at ${key}`, m[3], 0) };
        }
        break;
      }
      case '--rota-weeks-back':
        o.rotaWeeksBack = wholeNumber(flag, value(), 0);
        break;
      case '--rota-weeks-ahead':
        o.rotaWeeksAhead = wholeNumber(flag, value(), 0);
        break;
      case '--invoices':
        o.invoices = wholeNumber(flag, value(), 0);
        break;
      case '--invoice-pdfs':
        o.invoicePdfs = wholeNumber(flag, value(), 0);
        break;
      case '--encounters':
        o.encounters = wholeNumber(flag, value(), 0);
        break;
      case '--payroll-runs':
        o.payrollRuns = wholeNumber(flag, value(), 0);
        break;
      case '--bed-bookings':
        o.bedBookings = wholeNumber(flag, value(), 0);
        break;
      case '--seed':
        o.seed = wholeNumber(flag, value(), Number.MIN_SAFE_INTEGER);
        break;
      case '--reset':
        o.reset = true;
        break;
      case '--as-of': {
        const d = value();
        if (!d || !isRealDate(d)) throw new Error(`--as-of expects a date as YYYY-MM-DD, not "${d ?? ''}".`);
        o.asOf = d;
        break;
      }
      case '--batch':
        o.batchRows = wholeNumber(flag, value(), 1);
        break;
      case '--connections':
        o.connections = wholeNumber(flag, value(), 1);
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`Unknown option "${args[i]}".\n\n${SEED_USAGE}`);
    }
  }
  return o;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** On a terminal one line rewritten in place a few times a second; in a log a line every tenth of the way. */
export function progressPrinter(out: NodeJS.WriteStream = process.stderr): (p: SeedProgress) => void {
  let lastPrint = 0;
  let lastTenth = -1;
  return (p) => {
    if (p.done === 0 && p.total > 0) return;
    const finished = p.done >= p.total;
    const now = performance.now();
    const tenth = p.total ? Math.floor((p.done * 10) / p.total) : 10;
    if (out.isTTY ? !finished && now - lastPrint < 200 : tenth === lastTenth) return;
    lastPrint = now;
    lastTenth = tenth;
    const rate = p.elapsedMs > 0 ? ` (${n((p.done * 1000) / p.elapsedMs)} rows/s)` : '';
    const line = `${p.step} ${n(p.done)}/${n(p.total)}${rate}`;
    out.write(out.isTTY ? `\r${line.padEnd(60)}${finished ? '\n' : ''}` : `${line}\n`);
  };
}

export function describeSummary(s: SeedSummary): string {
  const codes = s.chain.hospitals.map((h) => h.code.toLowerCase());
  const perSite = STAFF_PER_SITE.flatMap(([role, count]) => Array.from({ length: count }, (_, k) => `${role.replace('_', '')}${k ? k + 1 : ''}`));
  const lines = [
    `Seeded "${s.database}" in ${s.seconds.toFixed(1)} s (seed ${s.seed}, as of ${s.asOf}).`,
    ...Object.entries(s.rows).map(([table, count]) => `  ${table.padEnd(17)}${n(count).padStart(11)}`),
    `  patients written at ${n(s.patientsPerSecond)} rows/s (${s.patientSeconds.toFixed(1)} s)`,
    ...(s.appointmentsFrom
      ? [`  appointments written at ${n(s.appointmentsPerSecond)} rows/s (${s.appointmentSeconds.toFixed(1)} s), local dates ${s.appointmentsFrom} to ${s.appointmentsTo}`]
      : []),
    ...(s.wards.some((w) => w.beds > 0) ? [`  wards written in ${s.wardSeconds.toFixed(1)} s:`] : []),
    ...s.wards
      .filter((w) => w.beds > 0)
      .map(
        (w) =>
          `    ${w.code}  ${n(w.beds)} beds (${n(w.usable)} in use), ${n(w.occupied)} occupied now (${((w.occupied * 100) / Math.max(1, w.usable)).toFixed(1)}%), ` +
          `${n(w.reserved)} reservations${w.reserved < w.reservationsAsked ? ` (of ${n(w.reservationsAsked)} asked: no more free beds or patients)` : ''}, ${n(w.stays)} stays since ${STAY_HISTORY_DAYS} days back, ${w.theatres} theatres`,
      ),
    ...(s.rotaFrom ? [`  rotas written in ${s.rotaSeconds.toFixed(1)} s, local dates ${s.rotaFrom} to ${s.rotaTo}:`] : []),
    ...s.chain.hospitals.map((h) => {
      const mine = s.rotas.filter((c) => c.code === h.code);
      const cells = mine.reduce((n, c) => n + c.cells, 0);
      const met = mine.reduce((n, c) => n + c.met, 0);
      const biggest = mine.reduce((b, c) => (c.staff > b.staff ? c : b), mine[0] ?? { staff: 0, department: '' });
      return mine.length
        ? `    ${h.code}  ${n(mine.reduce((x, c) => x + c.shifts, 0))} shifts in ${mine.length} departments, coverage met in ${((met * 100) / Math.max(1, cells)).toFixed(1)}% of ${n(cells)} shift-role cells; largest ${biggest.department} (${n(biggest.staff)} staff)`
        : `    ${h.code}  no rota`;
    }).filter(() => s.rotaFrom !== null),
    ...(s.billing.length ? [`  billing written in ${s.billingSeconds.toFixed(1)} s, ${n(s.invoicePdfs)} invoice PDFs stored in ${s.invoicePdfSeconds.toFixed(1)} s${s.invoicePdfs ? ` (${((s.invoicePdfSeconds * 1000) / s.invoicePdfs).toFixed(1)} ms each)` : ''}; the other invoices get theirs on first print:`] : []),
    ...s.billing.map(
      (b) =>
        `    ${b.code}  ${n(b.catalog)} catalog items, ${n(b.charges)} charges (${n(b.unbilled)} unbilled), invoices ${(Object.entries(b.invoices) as [string, number][]).map(([k, v]) => `${n(v)} ${k.replace('_', ' ')}`).join(', ')}; ${n(b.archived)} archived, ${n(b.payments)} payments (${b.currency})`,
    ),
    ...(s.clinical.length ? [`  clinical records written in ${s.clinicalSeconds.toFixed(1)} s:`] : []),
    ...s.clinical.map(
      (c) =>
        `    ${c.code}  ${n(c.visits)} visits and ${n(c.rounds)} ward rounds (${n(c.open)} open), ${n(c.diagnoses)} diagnoses, ${n(c.testOrders)} tests (${n(c.results)} resulted), ` +
        `${n(c.prescriptions)} prescriptions, ${n(c.dispensings)} dispensings; ${c.tests} tests and ${c.medicines} medicines in ${n(c.batches)} batches: ${c.low} low, ${c.expiring} batches expiring within 90 days, ${c.expired} expired on the shelf`,
    ),
    ...(s.payroll.months.length
      ? [`  payroll written in ${s.payrollSeconds.toFixed(1)} s: runs of ${s.payroll.months.join(', ')} at every hospital, finalized and paid, ${n(s.payroll.slips)} slips, ${n(s.payroll.pdfs)} slip PDFs stored (${s.payroll.months.at(-1)}); the others are made on first print`]
      : []),
    '',
    'Hospitals:',
    ...s.chain.hospitals.map((h) => `  ${h.code}  ${h.name} (${h.region}, ${h.country}, ${h.currency}), patient numbers ${h.patient_number_format}`),
    '',
    `Demo accounts, all with the password: ${s.demoPassword}`,
    `  admin (administrator, all hospitals), director (manager, all hospitals)`,
    `  per hospital: ${perSite.join(', ')} + .<code>`,
    `  e.g. frontdesk.${codes[0]}, doctor.${codes[0]}; codes: ${codes.join(', ')}`,
    `  each account has a staff record; the doctor accounts are working doctors with weekly hours and appointments`,
    `  nurse.<code> admits, moves and discharges; frontdesk.<code> books beds and theatres`,
    `  hr.<code> plans the rotas and records leave; nurse.<code> and doctor.<code> have shifts (shifts.mine)`,
    `  billing.<code> issues invoices and takes payments; pharmacist.<code> keeps the stock and dispenses`,
  ];
  return lines.join('\n');
}

export async function runSeedCli(target: DbTarget, args: string[]): Promise<void> {
  const options = parseSeedArgs(args);
  if (options.help) {
    console.log(SEED_USAGE);
    return;
  }
  const appointments = options.appointments ?? defaultAppointments(options.patients);
  const beds = bedsPerHospital(options).reduce((sum, b) => sum + b, 0);
  const invoices = options.invoices ?? defaultInvoices(options.patients);
  console.error(
    `Seeding ${target.host}:${target.port}/${target.database} with ${n(options.patients)} patients, ${n(appointments)} appointments, ${n(beds)} beds and ~${n(invoices)} invoices (seed ${options.seed}, as of ${options.asOf})${options.reset ? ', after dropping it' : ''}…`,
  );
  const summary = await seedDatabase(target, options, progressPrinter());
  console.log(describeSummary(summary));
}
