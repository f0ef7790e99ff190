// Seeded billing: each hospital's catalog and settings, a consultation charge for every completed appointment, catalog
// charges beside some visits and discharges, and invoices in every status made from them as the desk would have made
// them (lines and totals through the billing arithmetic, numbers and receipts gapless per hospital and year).
import type { EntityRow } from '../db/writer';
import { sequenceKey, type SequenceKey } from '../db/sequences';
import { consultationChargeDescription, receiptNumber } from '../features/billing/rules';
import type { BillingSettingsEntity, CatalogItemEntity, InvoiceEntity, InvoiceLineEntity, PaymentEntity } from '../features/billing/billing.entity';
import type { Invoice, InvoiceLine, Payment } from '@shared/contract/billing';
import { invoiceAmounts, invoiceNumber, lineAmounts, statusAfterPayments, type ChargeCategory, type InvoiceStatus, type PaymentMethod } from '@shared/domain/billing';
import { fullName } from '@shared/domain/format';
import { DayNames, epochDay, Weighted, type ChainPlan, type HospitalRow, type SeedRandom, type SequencePosition } from './generator';
import { NOW_MINUTE, type AppointmentRow, type PatientIndex } from './appointment-generator';
import { LocalClock, type StaffPlan } from './staff-generator';
import type { ChargeRow } from './ward-generator';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** The billing desk issues and takes money from 08:00 to 18:00 local time. */
const OPENS = 8 * 60;
const CLOSES = 18 * 60;
/** Invoices whose stored PDF the seed renders, per hospital (the most recently issued or voided). */
export const DEFAULT_INVOICE_PDFS = 20;

/** Invoices across the chain unless --invoices says otherwise: one per patient, at most 20,000. */
export const defaultInvoices = (patients: number): number => Math.min(patients, 20_000);

// ---- rows ----

export type CatalogItemRow = EntityRow<CatalogItemEntity>;

export type BillingSettingsRow = EntityRow<BillingSettingsEntity>;

export type InvoiceRow = EntityRow<InvoiceEntity>;

export type InvoiceLineRow = EntityRow<InvoiceLineEntity>;

export type PaymentRow = EntityRow<PaymentEntity>;

/** One hospital's billing at the reference date, for the summary. */
export interface BillingCensus {
  code: string;
  currency: string;
  catalog: number;
  charges: number;
  unbilled: number;
  invoices: Record<InvoiceStatus, number>;
  archived: number;
  payments: number;
}

// ---- what earlier steps leave for billing ----

/** Completed appointments as the appointments step streams past: what a consultation charge needs. */
export class CompletedVisits {
  readonly id: number[] = [];
  readonly hospital: number[] = [];
  readonly doctor: number[] = [];
  readonly patient: number[] = [];
  readonly date: string[] = [];
  readonly completedMs: number[] = [];

  get length(): number {
    return this.id.length;
  }

  record(rows: readonly AppointmentRow[]): void {
    for (const a of rows) {
      if (a.status !== 'completed' || a.completed_at === null) continue;
      this.id.push(a.id);
      this.hospital.push(a.hospital_id);
      this.doctor.push(a.doctor_id);
      this.patient.push(a.patient_id);
      this.date.push(a.local_date);
      this.completedMs.push(instantMs(a.completed_at));
    }
  }
}

const instantMs = (sql: string): number => Date.parse(`${sql.replace(' ', 'T')}Z`);

// ---- the catalog ----

type TaxKind = 'default' | 'none';
/** Code, description, category, price in UGX, INR (rupees) and USD (dollars), tax. */
const CATALOG: readonly (readonly [string, string, ChargeCategory, number, number, number, TaxKind])[] = [
  ['LAB-FBC', 'Full blood count', 'test', 25_000, 350, 45, 'none'],
  ['LAB-MPS', 'Malaria parasites, blood smear', 'test', 10_000, 200, 30, 'none'],
  ['LAB-RBS', 'Random blood sugar', 'test', 8_000, 100, 20, 'none'],
  ['LAB-HBA1C', 'HbA1c', 'test', 45_000, 550, 60, 'none'],
  ['LAB-LFT', 'Liver function tests', 'test', 60_000, 700, 85, 'none'],
  ['LAB-RFT', 'Renal function tests', 'test', 55_000, 650, 80, 'none'],
  ['LAB-LIPID', 'Lipid profile', 'test', 50_000, 600, 75, 'none'],
  ['LAB-URINE', 'Urinalysis', 'test', 10_000, 150, 25, 'none'],
  ['LAB-CRP', 'C-reactive protein', 'test', 35_000, 450, 40, 'none'],
  ['LAB-TSH', 'Thyroid stimulating hormone', 'test', 50_000, 500, 70, 'none'],
  ['RAD-CXR', 'Chest X-ray', 'test', 45_000, 600, 120, 'none'],
  ['RAD-US-ABD', 'Abdominal ultrasound', 'test', 80_000, 1_200, 350, 'none'],
  ['RAD-CT-HEAD', 'CT scan of the head', 'test', 400_000, 4_500, 1_200, 'none'],
  ['CAR-ECG', 'Electrocardiogram (12-lead)', 'test', 40_000, 500, 150, 'default'],
  ['MED-AMOX500', 'Amoxicillin 500 mg, 21 capsules', 'medicine', 12_500, 95, 18, 'default'],
  ['MED-PCM500', 'Paracetamol 500 mg, 20 tablets', 'medicine', 3_000, 25, 8, 'default'],
  ['MED-AL', 'Artemether/lumefantrine 20/120 mg, 24 tablets', 'medicine', 15_000, 180, 35, 'default'],
  ['MED-MET500', 'Metformin 500 mg, 60 tablets', 'medicine', 9_000, 70, 12, 'default'],
  ['MED-AML5', 'Amlodipine 5 mg, 30 tablets', 'medicine', 7_500, 60, 10, 'default'],
  ['MED-OME20', 'Omeprazole 20 mg, 28 capsules', 'medicine', 8_000, 85, 15, 'default'],
  ['MED-CIP500', 'Ciprofloxacin 500 mg, 10 tablets', 'medicine', 10_000, 75, 14, 'default'],
  ['MED-IBU400', 'Ibuprofen 400 mg, 30 tablets', 'medicine', 4_000, 35, 9, 'default'],
  ['MED-ORS', 'Oral rehydration salts, 10 sachets', 'medicine', 5_000, 40, 12, 'default'],
  ['MED-CRO1G', 'Ceftriaxone 1 g injection', 'medicine', 12_000, 120, 25, 'default'],
  ['MED-INS-GLA', 'Insulin glargine 100 IU/ml pen', 'medicine', 85_000, 850, 95, 'default'],
  ['MED-SALB', 'Salbutamol inhaler 100 µg', 'medicine', 18_000, 150, 45, 'default'],
  ['TRT-DRESS', 'Wound dressing', 'treatment', 15_000, 250, 60, 'none'],
  ['TRT-IVF', 'IV fluids with giving set', 'treatment', 25_000, 400, 150, 'none'],
  ['TRT-NEB', 'Nebulisation', 'treatment', 10_000, 200, 75, 'none'],
  ['TRT-INJ', 'Injection given', 'treatment', 5_000, 100, 35, 'none'],
  ['TRT-PHYSIO', 'Physiotherapy session', 'treatment', 40_000, 800, 140, 'none'],
  ['TRT-SUTURE', 'Suturing of a wound', 'treatment', 50_000, 1_000, 350, 'none'],
  ['PRC-I&D', 'Incision and drainage of an abscess', 'treatment', 120_000, 2_500, 650, 'none'],
  ['PRC-CAST', 'Plaster cast', 'treatment', 150_000, 2_000, 450, 'none'],
  ['PRC-OGD', 'Upper GI endoscopy', 'treatment', 450_000, 6_000, 1_800, 'none'],
  ['PRC-CS', 'Caesarean section (procedure fee)', 'treatment', 2_500_000, 45_000, 9_500, 'none'],
  ['PRC-APPX', 'Appendectomy (procedure fee)', 'treatment', 2_000_000, 60_000, 12_000, 'none'],
  ['CON-FOLLOW', 'Follow-up consultation', 'consultation', 20_000, 500, 90, 'none'],
  ['CON-NURSE', 'Nurse review', 'consultation', 10_000, 200, 50, 'none'],
  ['OTH-REPORT', 'Medical report', 'other', 30_000, 500, 50, 'default'],
  ['OTH-AMB', 'Ambulance transfer within the city', 'other', 100_000, 1_500, 600, 'default'],
  ['OTH-CARD', 'Replacement patient card', 'other', 5_000, 100, 10, 'default'],
  // Kept for the old charges' sake, no longer charged.
  ['MED-CQ250', 'Chloroquine 250 mg, 10 tablets (discontinued)', 'medicine', 4_000, 30, 9, 'default'],
];
const INACTIVE = new Set(['MED-CQ250']);

/** Beside an outpatient visit: tests and medicine mostly, now and then a treatment. */
const VISIT_EXTRAS = ['LAB-FBC', 'LAB-MPS', 'LAB-RBS', 'LAB-HBA1C', 'LAB-LFT', 'LAB-RFT', 'LAB-LIPID', 'LAB-URINE', 'LAB-CRP', 'LAB-TSH', 'RAD-CXR', 'RAD-US-ABD', 'CAR-ECG',
  'MED-AMOX500', 'MED-PCM500', 'MED-AL', 'MED-MET500', 'MED-AML5', 'MED-OME20', 'MED-CIP500', 'MED-IBU400', 'MED-ORS', 'MED-SALB', 'TRT-DRESS', 'TRT-NEB', 'TRT-INJ', 'TRT-PHYSIO', 'TRT-SUTURE', 'OTH-REPORT'];
/** At a discharge: the stay's drugs and drips, sometimes an operation or the ambulance home. */
const STAY_EXTRAS = ['MED-CRO1G', 'TRT-IVF', 'MED-PCM500', 'MED-INS-GLA', 'LAB-FBC', 'LAB-RFT', 'RAD-CT-HEAD', 'RAD-US-ABD', 'TRT-DRESS'];
const PROCEDURES = ['PRC-I&D', 'PRC-CAST', 'PRC-OGD', 'PRC-CS', 'PRC-APPX', 'OTH-AMB'];

/** Prices a little apart between the sites of one country, in round amounts of the currency. */
export function price(r: SeedRandom, hospital: HospitalRow, ugx: number, inr: number, usd: number): number {
  const spread = 0.9 + r.next() * 0.2;
  switch (hospital.currency) {
    case 'UGX':
      return Math.max(500, Math.round((ugx * spread) / 500) * 500);
    case 'INR':
      return Math.max(1, Math.round(inr * spread)) * 100;
    default:
      return Math.max(1, Math.round(usd * spread)) * 100;
  }
}

// ---- settings ----

/** Archive age (days) per hospital, and the one that bills before the final discharge (not KLA, where the benches discharge). */
const ARCHIVE_AFTER: Record<string, number> = { KLA: 60, GUL: 90, MBR: 45, JIN: 30, PNQ: 90, BOS: 60 };
const BILLS_BEFORE_DISCHARGE = 'JIN';

function taxNumber(r: SeedRandom, hospital: HospitalRow): string {
  switch (hospital.country) {
    case 'UG':
      return `1000${r.digits(6)}`; // URA TIN
    case 'IN':
      return `27AA${r.letters(3)}${r.digits(4)}${r.letters(1)}1Z${r.digits(1)}`; // GSTIN, Maharashtra
    default:
      return `04-${r.digits(7)}`; // EIN, Massachusetts
  }
}

// ---- money at the desk ----

const PATIENT_METHODS: Record<string, Weighted<PaymentMethod>> = {
  UG: new Weighted<PaymentMethod>([['cash', 40], ['mobile_money', 40], ['card', 12], ['bank_transfer', 8]]),
  IN: new Weighted<PaymentMethod>([['cash', 30], ['mobile_money', 35], ['card', 30], ['bank_transfer', 5]]),
  US: new Weighted<PaymentMethod>([['card', 80], ['bank_transfer', 10], ['cash', 6], ['mobile_money', 4]]),
};

function reference(r: SeedRandom, method: PaymentMethod, country: string, policy: string | null): string | null {
  switch (method) {
    case 'cash':
      return null;
    case 'card':
      return `${r.pick(['VISA', 'Mastercard', country === 'IN' ? 'RuPay' : 'Amex'])} •••• ${r.digits(4)}, auth ${r.digits(6)}`;
    case 'mobile_money':
      return country === 'UG' ? `${r.pick(['MTN MoMo', 'Airtel Money'])} ${r.digits(10)}` : country === 'IN' ? `UPI ${r.digits(12)}` : `Apple Pay ${r.digits(8)}`;
    case 'bank_transfer':
      return `TRF ${r.letters(3)}${r.digits(9)}`;
    case 'insurance':
      return `Claim ${policy ?? 'GROUP'}/${r.digits(6)}`;
  }
}

/** A part of an amount in round money (a thousand shillings, a rupee, a dollar), strictly between 0 and the amount. */
function part(r: SeedRandom, amount: number, currency: string, lo: number, hi: number): number {
  const unit = currency === 'UGX' ? 1000 : 100;
  const x = Math.round((amount * (lo + r.next() * (hi - lo))) / unit) * unit;
  return x > 0 && x < amount ? x : 0;
}

const DISCOUNT_REASONS = ['Staff family discount', 'Hardship waiver approved by the manager', 'Senior citizen discount', 'Loyalty discount', 'Waiting time complaint goodwill'];
const VOID_REASONS = [
  'Issued to the wrong patient',
  'Quantity entered wrongly',
  'Duplicate of another invoice',
  'Insurance card presented after issue',
  'Discount approved after issue',
  'Charge belonged to another visit',
];

// ---- the plan ----

export interface BillingOptions {
  /** Invoices to aim at across the chain (a voided one and its correction count as two). */
  invoices: number;
  /** Id of the first charge this step writes (the wards step's room charges come before it). */
  firstChargeId: number;
}

export interface BillingPlan {
  catalog: CatalogItemRow[];
  settings: BillingSettingsRow[];
  charges: ChargeRow[];
  /** Room charges of the wards step now on an invoice: charge id → invoice id (the step sets them in one UPDATE). */
  roomChargeInvoices: Map<number, number>;
  invoices: InvoiceRow[];
  lines: InvoiceLineRow[];
  payments: PaymentRow[];
  /** The invoice and receipt counters of each hospital and year, one past the last number given. */
  sequences: SequencePosition[];
  census: BillingCensus[];
}

/** What an invoice is drawn from: charges of one patient at one hospital, ready to bill at `readyMs`. */
interface Episode {
  h: number;
  patient: number;
  charges: ChargeLike[];
  readyMs: number;
  /** The doctor's account, when the episode is a visit. */
  by: number | null;
}

type ChargeLike = Pick<ChargeRow, 'id' | 'hospital_id' | 'patient_id' | 'category' | 'description' | 'quantity' | 'unit_price' | 'tax_rate_bp' | 'service_date'>;

interface DraftPayment {
  ms: number;
  amount: number;
  method: PaymentMethod;
  reference: string | null;
  row?: PaymentRow;
}

interface DraftInvoice {
  h: number;
  patient: number;
  charges: ChargeLike[];
  createdMs: number;
  issuedMs: number | null;
  voidedMs: number | null;
  voidReason: string | null;
  archivedMs: number | null;
  discount: number;
  discountReason: string | null;
  insurance: { provider: string; policy: string | null; percent: number } | null;
  payments: DraftPayment[];
  row?: InvoiceRow;
}

/** Everything billing writes, planned in memory from what the earlier steps made. */
export function planBilling(
  random: (purpose: string) => SeedRandom,
  chain: ChainPlan,
  staff: StaffPlan,
  patients: PatientIndex,
  visits: CompletedVisits,
  roomCharges: readonly ChargeRow[],
  options: BillingOptions,
): BillingPlan {
  const r = random('billing');
  const asOfDay = epochDay(chain.asOf);
  const days = new DayNames(asOfDay - 4 * 366, asOfDay + 2);
  const clocks = chain.hospitals.map((h) => new LocalClock(h.time_zone));
  const nowMs = clocks.map((c) => c.utc(asOfDay, NOW_MINUTE));
  const founded = chain.hospitals[0]?.created_at ?? `${chain.asOf} 00:00:00.000`;
  const cashier = chain.hospitals.map((_, h) => chain.accountPeople.find((a) => a.role === 'billing' && a.hospitalIndex === h)?.userId ?? null);
  const plan: BillingPlan = { catalog: [], settings: [], charges: [], roomChargeInvoices: new Map(), invoices: [], lines: [], payments: [], sequences: [], census: [] };

  // Catalog and settings.
  const items = chain.hospitals.map(() => new Map<string, CatalogItemRow>());
  chain.hospitals.forEach((hospital, h) => {
    for (const [code, description, category, ugx, inr, usd, tax] of CATALOG) {
      const item: CatalogItemRow = {
        id: plan.catalog.length + 1,
        hospital_id: hospital.id,
        code,
        description,
        category,
        price: price(r, hospital, ugx, inr, usd),
        tax_rate_bp: tax === 'default' ? hospital.default_tax_rate_bp : 0,
        active: !INACTIVE.has(code),
        created_at: founded,
      };
      plan.catalog.push(item);
      items[h].set(code, item);
    }
    plan.settings.push({
      hospital_id: hospital.id,
      tax_number: taxNumber(r, hospital),
      require_billed_before_discharge: hospital.code === BILLS_BEFORE_DISCHARGE,
      archive_after_days: ARCHIVE_AFTER[hospital.code] ?? 90,
      paper: hospital.country === 'US' ? 'Letter' : 'A4',
      receipt_layout: 'a4',
    });
  });
  const hOf = (hospitalId: number) => hospitalId - 1;

  // Charges: a consultation for every completed visit, catalog items beside some.
  const doctors = new Map(staff.doctors.map((d) => [d.staff_id, d]));
  const people = new Map(staff.staff.map((s) => [s.id, s]));
  let chargeId = options.firstChargeId;
  const episodes: Episode[] = [];
  const addCharge = (h: number, patient: number, item: Pick<CatalogItemRow, 'category' | 'description' | 'price' | 'tax_rate_bp'>, quantity: number, date: string, source: ['appointment' | 'catalog', number], by: number | null, atMs: number) => {
    const row: ChargeRow = {
      id: chargeId++,
      hospital_id: h + 1,
      patient_id: patient,
      category: item.category,
      description: item.description,
      quantity,
      unit_price: item.price,
      amount: Number(BigInt(item.price) * BigInt(quantity)),
      currency: chain.hospitals[h].currency,
      tax_rate_bp: item.tax_rate_bp,
      service_date: date,
      source_type: source[0],
      source_id: source[1],
      invoice_id: null,
      created_by: by,
      created_at: days.instant(atMs),
    };
    plan.charges.push(row);
    return row;
  };
  const extras = (h: number, patient: number, codes: readonly string[], count: number, date: string, by: number | null, atMs: number, into: ChargeLike[]) => {
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(r.pick(codes));
    let k = 0;
    for (const code of chosen) {
      const item = items[h].get(code)!;
      const quantity = item.category === 'medicine' && r.chance(0.25) ? r.between(2, 3) : item.code === 'TRT-PHYSIO' ? r.between(1, 6) : 1;
      into.push(addCharge(h, patient, item, quantity, date, ['catalog', item.id], by, atMs + ++k * 2 * MINUTE_MS));
    }
  };
  for (let i = 0; i < visits.length; i++) {
    const h = hOf(visits.hospital[i]);
    const doctor = doctors.get(visits.doctor[i]);
    const person = people.get(visits.doctor[i]);
    if (!doctor || !person || doctor.consultation_fee === 0) continue;
    const by = person.user_id;
    const patient = visits.patient[i];
    const at = visits.completedMs[i];
    const episode: Episode = { h, patient, charges: [], readyMs: at, by };
    episode.charges.push(
      addCharge(h, patient, { category: 'consultation', description: consultationChargeDescription({ firstName: person.first_name, lastName: person.last_name, specialization: doctor.specialization }), price: doctor.consultation_fee, tax_rate_bp: 0 }, 1, visits.date[i], ['appointment', visits.id[i]], by, at),
    );
    if (r.chance(0.45)) extras(h, patient, VISIT_EXTRAS, r.chance(0.6) ? 1 : r.between(2, 3), visits.date[i], by, at, episode.charges);
    episode.readyMs = at + episode.charges.length * 2 * MINUTE_MS;
    episodes.push(episode);
  }
  // Discharges: the stay's room-days (written by the wards step) and what else the stay used.
  const stays = new Map<number, Episode>();
  for (const c of roomCharges) {
    const stay = c.source_id!;
    let e = stays.get(stay);
    if (!e) {
      e = { h: hOf(c.hospital_id), patient: c.patient_id, charges: [], readyMs: instantMs(c.created_at), by: c.created_by };
      stays.set(stay, e);
      episodes.push(e);
    }
    e.charges.push(c);
  }
  for (const e of stays.values()) {
    const date = e.charges[0].service_date;
    if (r.chance(0.7)) extras(e.h, e.patient, STAY_EXTRAS, r.between(1, 3), date, e.by, e.readyMs, e.charges);
    if (r.chance(0.15)) extras(e.h, e.patient, PROCEDURES, 1, date, e.by, e.readyMs + 10 * MINUTE_MS, e.charges);
    e.readyMs += 20 * MINUTE_MS;
  }
  episodes.sort((a, b) => a.readyMs - b.readyMs);

  // ---- time at the desk ----
  const localDay = (h: number, ms: number): number => {
    let d = Math.floor(ms / DAY_MS);
    while (clocks[h].utc(d, 0) > ms) d--;
    while (clocks[h].utc(d + 1, 0) <= ms) d++;
    return d;
  };
  /** `ms` plus a delay, moved into the desk's hours (the next morning when it falls after closing). */
  const atDesk = (h: number, ms: number, minMinutes: number, maxMinutes: number): number => {
    const t = ms + r.between(minMinutes, maxMinutes) * MINUTE_MS;
    const day = localDay(h, t);
    const minute = (t - clocks[h].utc(day, 0)) / MINUTE_MS;
    if (minute < OPENS) return clocks[h].utc(day, OPENS + r.int(60)) + r.int(60) * 1000;
    if (minute >= CLOSES) return clocks[h].utc(day + 1, OPENS + r.int(90)) + r.int(60) * 1000;
    return t;
  };
  const dayAtDesk = (h: number, day: number): number => clocks[h].utc(day, OPENS + r.int(CLOSES - OPENS - 1)) + r.int(60_000);
  const insuranceOn = (patient: number, day: number) => {
    const ins = patients.insurance.get(patient);
    return ins && (ins.validUntil === null || ins.validUntil >= days.iso(day)) ? { provider: ins.provider, policy: ins.policy, percent: ins.percent } : null;
  };

  // ---- invoices ----
  const drafts: DraftInvoice[] = [];
  const wanted = Math.min(episodes.length, Math.round(options.invoices / 1.03));
  let chosen = 0;
  const makeInvoice = (e: Pick<Episode, 'h' | 'patient' | 'charges'>, createdMs: number, issue: boolean): DraftInvoice => {
    const h = e.h;
    const d: DraftInvoice = {
      h,
      patient: e.patient,
      charges: [...e.charges].sort((a, b) => (a.service_date < b.service_date ? -1 : a.service_date > b.service_date ? 1 : a.id - b.id)),
      createdMs,
      issuedMs: issue ? Math.min(nowMs[h], createdMs + r.between(1, 20) * MINUTE_MS) : null,
      voidedMs: null,
      voidReason: null,
      archivedMs: null,
      discount: 0,
      discountReason: null,
      insurance: insuranceOn(e.patient, localDay(h, createdMs)),
      payments: [],
    };
    if (r.chance(0.04)) {
      const gross = d.charges.reduce((s, c) => s + lineAmounts(c.quantity, c.unit_price, c.tax_rate_bp).total, 0);
      const discount = part(r, gross, chain.hospitals[h].currency, 0.05, 0.2);
      if (discount > 0) {
        d.discount = discount;
        d.discountReason = r.pick(DISCOUNT_REASONS);
      }
    }
    drafts.push(d);
    return d;
  };
  for (let i = 0; i < episodes.length && chosen < wanted; i++) {
    // Selection sampling: exactly `wanted` episodes, each equally likely.
    if (r.next() * (episodes.length - i) >= wanted - chosen) continue;
    chosen++;
    const e = episodes[i];
    const h = e.h;
    const createdMs = atDesk(h, e.readyMs, 2, 90);
    if (createdMs > nowMs[h]) continue;
    const ageDays = asOfDay - localDay(h, createdMs);
    // Recent drafts are waiting for a check; an old one was forgotten.
    const draftOnly = r.chance(ageDays <= 7 ? 0.2 : 0.005);
    const inv = makeInvoice(e, createdMs, !draftOnly);
    if (draftOnly) continue;
    if (r.chance(0.04)) {
      const voidedMs = atDesk(h, inv.issuedMs!, 10, 2 * 24 * 60);
      if (voidedMs <= nowMs[h]) {
        inv.voidedMs = voidedMs;
        inv.voidReason = r.pick(VOID_REASONS);
        // Most are billed again, correctly, soon after.
        if (r.chance(0.7)) {
          const againMs = atDesk(h, voidedMs, 1, 30);
          if (againMs <= nowMs[h]) makeInvoice(e, againMs, r.chance(0.95));
        }
      }
    }
  }

  // Figures, payments and the archive, invoice by invoice.
  for (const d of drafts) {
    const h = d.h;
    const hospital = chain.hospitals[h];
    const a = invoiceAmounts(
      d.charges.map((c) => ({ quantity: c.quantity, unitPrice: c.unit_price, taxRateBp: c.tax_rate_bp })),
      d.discount,
      d.insurance?.percent ?? null,
    );
    if (d.issuedMs === null || d.voidedMs !== null) continue;
    const issueDay = localDay(h, d.issuedMs);
    const age = asOfDay - issueDay;
    const x = r.next();
    const [paidShare, partShare] = age >= 30 ? [0.88, 0.07] : age >= 7 ? [0.75, 0.12] : [0.55, 0.15];
    const fate = x < paidShare ? 'paid' : x < paidShare + partShare ? 'partial' : 'open';
    if (fate === 'open') continue;
    const method = () => r.weighted(PATIENT_METHODS[hospital.country] ?? PATIENT_METHODS.US);
    const pay = (ms: number, amount: number, m: PaymentMethod) => {
      if (amount > 0) d.payments.push({ ms, amount, method: m, reference: reference(r, m, hospital.country, d.insurance?.policy ?? null) });
    };
    const patientShare = a.patientShare;
    const atIssue = atDesk(h, d.issuedMs, 1, 30);
    if (fate === 'partial') {
      if (a.insuranceShare > 0 && patientShare > 0) pay(atIssue, patientShare, method());
      else pay(atIssue, part(r, a.total, hospital.currency, 0.2, 0.8), method());
    } else {
      if (patientShare > 0) {
        const deposit = r.chance(0.15) ? part(r, patientShare, hospital.currency, 0.3, 0.7) : 0;
        if (deposit > 0) {
          pay(atIssue, deposit, method());
          pay(dayAtDesk(h, issueDay + r.between(1, 20)), patientShare - deposit, method());
        } else pay(atIssue, patientShare, method());
      }
      if (a.insuranceShare > 0) pay(dayAtDesk(h, issueDay + r.between(7, 60)), a.insuranceShare, 'insurance');
    }
    // Only what was paid by local noon of the reference date has happened.
    d.payments = d.payments.filter((p) => p.ms > d.issuedMs! && p.ms <= nowMs[h]).sort((p, q) => p.ms - q.ms);
  }

  // Ids in the order the desk made them, numbers in the order they were issued (per hospital and local year).
  drafts.sort((a, b) => a.createdMs - b.createdMs);
  const numbered = drafts.filter((d) => d.issuedMs !== null).sort((a, b) => a.issuedMs! - b.issuedMs! || a.createdMs - b.createdMs);
  const invoiceSeq = new Map<SequenceKey, number>();
  const numbers = new Map<DraftInvoice, string>();
  for (const d of numbered) {
    const year = Number(days.iso(localDay(d.h, d.issuedMs!)).slice(0, 4));
    const key = sequenceKey.invoice(d.h + 1, year);
    const seq = (invoiceSeq.get(key) ?? 0) + 1;
    invoiceSeq.set(key, seq);
    numbers.set(d, invoiceNumber(year, seq));
  }
  const archiveAfter = plan.settings.map((s) => s.archive_after_days);
  drafts.forEach((d, k) => {
    const h = d.h;
    const id = k + 1;
    const a = invoiceAmounts(
      d.charges.map((c) => ({ quantity: c.quantity, unitPrice: c.unit_price, taxRateBp: c.tax_rate_bp })),
      d.discount,
      d.insurance?.percent ?? null,
    );
    const paid = d.payments.reduce((s, p) => s + p.amount, 0);
    const status: InvoiceStatus = d.issuedMs === null ? 'draft' : d.voidedMs !== null ? 'void' : statusAfterPayments(a.total, paid);
    // The archive is run on Monday mornings: paid and void invoices past the hospital's age, settled before the run.
    if (status === 'paid' || status === 'void') {
      const settled = status === 'void' ? d.voidedMs! : d.payments[d.payments.length - 1].ms;
      let run = Math.max(localDay(h, settled) + 1, localDay(h, d.issuedMs!) + archiveAfter[h] + 1);
      while (((run % 7) + 7) % 7 !== 4) run++; // epoch day 4 was a Monday
      const at = clocks[h].utc(run, 7 * 60 + 30);
      if (at <= nowMs[h]) d.archivedMs = at;
    }
    const events = [d.createdMs, d.issuedMs ?? 0, d.voidedMs ?? 0, d.archivedMs ?? 0, ...d.payments.map((p) => p.ms)];
    const row: InvoiceRow = {
      id,
      hospital_id: h + 1,
      patient_id: d.patient,
      number: numbers.get(d) ?? null,
      status,
      currency: chain.hospitals[h].currency,
      subtotal: a.subtotal,
      tax: a.tax,
      discount: a.discount,
      discount_reason: d.discountReason,
      total: a.total,
      insurance_provider: d.insurance?.provider ?? null,
      insurance_policy_number: d.insurance?.policy ?? null,
      insurance_percent: d.insurance?.percent ?? null,
      insurance_share: a.insuranceShare,
      paid,
      issued_at: d.issuedMs === null ? null : days.instant(d.issuedMs),
      issue_date: d.issuedMs === null ? null : days.iso(localDay(h, d.issuedMs)),
      voided_at: d.voidedMs === null ? null : days.instant(d.voidedMs),
      void_reason: d.voidReason,
      archived_at: d.archivedMs === null ? null : days.instant(d.archivedMs),
      created_by: cashier[h],
      issued_by: d.issuedMs === null ? null : cashier[h],
      // Each issue, payment and void counted a version, as the services do.
      version: 1 + (d.issuedMs === null ? 0 : 1) + d.payments.length + (d.voidedMs === null ? 0 : 1),
      created_at: days.instant(d.createdMs),
      updated_at: days.instant(Math.max(...events)),
    };
    d.row = row;
    plan.invoices.push(row);
    d.charges.forEach((c, i) => {
      const l = lineAmounts(c.quantity, c.unit_price, c.tax_rate_bp);
      plan.lines.push({
        id: plan.lines.length + 1,
        invoice_id: id,
        charge_id: c.id,
        position: i + 1,
        description: c.description,
        category: c.category,
        quantity: c.quantity,
        unit_price: c.unit_price,
        tax_rate_bp: c.tax_rate_bp,
        net: l.net,
        tax: l.tax,
        total: l.total,
      });
    });
  });

  // A charge belongs to the last invoice it is on that is not void (a correction replaces the voided one).
  const ownCharges = new Map(plan.charges.map((c) => [c.id, c]));
  for (const d of drafts) {
    if (d.row!.status === 'void') continue;
    for (const c of d.charges) {
      const own = ownCharges.get(c.id);
      if (own) own.invoice_id = d.row!.id;
      else plan.roomChargeInvoices.set(c.id, d.row!.id);
    }
  }

  // Payments in time order, receipts gapless per hospital and local year.
  const allPayments = drafts.flatMap((d) => d.payments.map((p) => ({ d, p }))).sort((a, b) => a.p.ms - b.p.ms || a.d.row!.id - b.d.row!.id);
  const receiptSeq = new Map<SequenceKey, number>();
  for (const { d, p } of allPayments) {
    const year = Number(days.iso(localDay(d.h, p.ms)).slice(0, 4));
    const key = sequenceKey.receipt(d.h + 1, year);
    const seq = (receiptSeq.get(key) ?? 0) + 1;
    receiptSeq.set(key, seq);
    p.row = {
      id: plan.payments.length + 1,
      invoice_id: d.row!.id,
      hospital_id: d.h + 1,
      amount: p.amount,
      method: p.method,
      reference: p.reference,
      paid_at: days.instant(p.ms),
      cashier_id: cashier[d.h],
      receipt_number: receiptNumber(year, seq),
      idempotency_key: null,
    };
    plan.payments.push(p.row);
  }
  for (const [key, last] of [...invoiceSeq, ...receiptSeq]) plan.sequences.push({ key, nextValue: last + 1 });

  plan.census = chain.hospitals.map((hospital) => {
    const mine = plan.invoices.filter((i) => i.hospital_id === hospital.id);
    const invoices = { draft: 0, issued: 0, partially_paid: 0, paid: 0, void: 0 } as Record<InvoiceStatus, number>;
    for (const i of mine) invoices[i.status]++;
    const charges = plan.charges.filter((c) => c.hospital_id === hospital.id);
    const rooms = roomCharges.filter((c) => c.hospital_id === hospital.id);
    return {
      code: hospital.code,
      currency: hospital.currency,
      catalog: plan.catalog.filter((c) => c.hospital_id === hospital.id).length,
      charges: charges.length + rooms.length,
      unbilled: charges.filter((c) => c.invoice_id === null).length + rooms.filter((c) => !plan.roomChargeInvoices.has(c.id)).length,
      invoices,
      archived: mine.filter((i) => i.archived_at !== null).length,
      payments: plan.payments.filter((p) => p.hospital_id === hospital.id).length,
    };
  });
  return plan;
}

// ---- documents ----

/** The patient as an invoice prints them. */
export interface PrintedPatient {
  id: number;
  patient_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
}

/**
 * Invoices whose stored PDF the seed makes: per hospital the `perHospital` most recently issued or voided. The rest
 * have none; invoices.pdf makes and stores theirs on first print, dated by the invoice like these.
 */
export function invoicesToPrint(plan: Pick<BillingPlan, 'invoices'>, perHospital: number): InvoiceRow[] {
  const byHospital = new Map<number, InvoiceRow[]>();
  for (const i of plan.invoices) {
    if (i.status === 'draft') continue;
    const list = byHospital.get(i.hospital_id) ?? [];
    list.push(i);
    byHospital.set(i.hospital_id, list);
  }
  const moment = (i: InvoiceRow) => (i.status === 'void' ? i.voided_at! : i.issued_at!);
  return [...byHospital.values()].flatMap((list) => list.sort((a, b) => (moment(a) < moment(b) ? 1 : moment(a) > moment(b) ? -1 : b.id - a.id)).slice(0, perHospital));
}

/**
 * The invoice as it stood when the app stored its PDF: at issue (before any payment: receipts are documents of their
 * own), or at void. Its moment is the PDF's date, as invoices.service.ts storeInvoicePdf has it.
 */
export function invoiceAsPrinted(i: InvoiceRow, lines: readonly InvoiceLineRow[], patient: PrintedPatient): { invoice: Invoice; at: Date } {
  const invoiceLines: InvoiceLine[] = lines.map((l) => ({
    id: l.id,
    chargeId: l.charge_id,
    description: l.description,
    category: l.category,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    taxRateBp: l.tax_rate_bp,
    net: l.net,
    tax: l.tax,
    total: l.total,
  }));
  const amounts = invoiceAmounts(invoiceLines, i.discount, i.insurance_percent);
  const iso = (sql: string | null) => (sql === null ? null : new Date(instantMs(sql)).toISOString());
  const voided = i.status === 'void';
  const payments: Payment[] = [];
  return {
    invoice: {
      id: i.id,
      hospitalId: i.hospital_id,
      patientId: i.patient_id,
      patientNumber: patient.patient_number,
      patientName: fullName(patient.first_name, patient.middle_name, patient.last_name),
      number: i.number,
      status: voided ? 'void' : 'issued',
      currency: i.currency,
      lines: invoiceLines,
      subtotal: i.subtotal,
      tax: i.tax,
      taxByRate: amounts.taxByRate,
      discount: i.discount,
      discountReason: i.discount_reason,
      total: i.total,
      insuranceProvider: i.insurance_provider,
      insurancePolicyNumber: i.insurance_policy_number,
      insurancePercent: i.insurance_percent,
      insuranceShare: i.insurance_share,
      paid: 0,
      balance: voided ? 0 : i.total,
      payments,
      issuedAt: iso(i.issued_at),
      issueDate: i.issue_date,
      voidedAt: iso(i.voided_at),
      voidReason: i.void_reason,
      archived: false,
      pdfSha256: null,
      version: voided ? 3 : 2,
    },
    at: new Date(instantMs(voided ? i.voided_at! : i.issued_at!)),
  };
}
