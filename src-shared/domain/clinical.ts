// Clinical rules both sides share: vital-sign ranges and flags, BMI, reference ranges and result flags, the allergy
// match, first-expiry-first-out dispensing, and which parts of a patient's journal each role may see.
import type { Role } from './roles';

export const ENCOUNTER_KINDS = ['outpatient', 'inpatient'] as const;
export type EncounterKind = (typeof ENCOUNTER_KINDS)[number];
export const ENCOUNTER_STATUSES = ['open', 'signed'] as const;
export type EncounterStatus = (typeof ENCOUNTER_STATUSES)[number];

// ---- vital signs ----

export const VITALS = ['temperatureC', 'pulse', 'systolic', 'diastolic', 'respiratoryRate', 'spo2', 'weightKg', 'heightCm'] as const;
export type Vital = (typeof VITALS)[number];
export type Vitals = { [K in Vital]: number | null };

export interface VitalRange {
  label: string;
  unit: string;
  /** UCUM code of the unit (FHIR Observation.valueQuantity.code). */
  ucum: string;
  /** LOINC code of the observation. */
  loinc: string;
  /** Decimals kept. */
  decimals: number;
  /** Values outside [min, max] are not physiologically possible: refused. */
  min: number;
  max: number;
  /** Values outside [normalLow, normalHigh] are flagged (adult resting values); null = no bound that side. */
  normalLow: number | null;
  normalHigh: number | null;
}

export const VITAL_RANGES: Record<Vital, VitalRange> = {
  temperatureC: { label: 'Temperature', unit: '°C', ucum: 'Cel', loinc: '8310-5', decimals: 1, min: 25, max: 45, normalLow: 36.0, normalHigh: 37.9 },
  pulse: { label: 'Pulse', unit: '/min', ucum: '/min', loinc: '8867-4', decimals: 0, min: 20, max: 250, normalLow: 50, normalHigh: 100 },
  systolic: { label: 'Systolic BP', unit: 'mmHg', ucum: 'mm[Hg]', loinc: '8480-6', decimals: 0, min: 50, max: 260, normalLow: 90, normalHigh: 139 },
  diastolic: { label: 'Diastolic BP', unit: 'mmHg', ucum: 'mm[Hg]', loinc: '8462-4', decimals: 0, min: 30, max: 160, normalLow: 60, normalHigh: 89 },
  respiratoryRate: { label: 'Respiratory rate', unit: '/min', ucum: '/min', loinc: '9279-1', decimals: 0, min: 4, max: 70, normalLow: 12, normalHigh: 20 },
  spo2: { label: 'SpO₂', unit: '%', ucum: '%', loinc: '59408-5', decimals: 0, min: 50, max: 100, normalLow: 94, normalHigh: null },
  weightKg: { label: 'Weight', unit: 'kg', ucum: 'kg', loinc: '29463-7', decimals: 1, min: 0.3, max: 400, normalLow: null, normalHigh: null },
  heightCm: { label: 'Height', unit: 'cm', ucum: 'cm', loinc: '8302-2', decimals: 1, min: 25, max: 250, normalLow: null, normalHigh: null },
};

export const BMI_LOINC = '39156-5';

/** Body-mass index (kg/m²) to one decimal, or null without both weight and height. */
export function bmiOf(weightKg: number | null, heightCm: number | null): number | null {
  if (weightKg == null || heightCm == null || heightCm <= 0) return null;
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10) / 10;
}

export type VitalFlag = 'low' | 'high';

/** The flagged vitals: below or above the normal range. */
export function vitalFlags(v: Partial<Vitals>): Partial<Record<Vital, VitalFlag>> {
  const out: Partial<Record<Vital, VitalFlag>> = {};
  for (const k of VITALS) {
    const value = v[k];
    if (value == null) continue;
    const r = VITAL_RANGES[k];
    if (r.normalLow != null && value < r.normalLow) out[k] = 'low';
    else if (r.normalHigh != null && value > r.normalHigh) out[k] = 'high';
  }
  return out;
}

// ---- diagnoses ----

export const DIAGNOSIS_RANKS = ['primary', 'secondary'] as const;
export type DiagnosisRank = (typeof DIAGNOSIS_RANKS)[number];
export const DIAGNOSIS_CERTAINTIES = ['provisional', 'confirmed'] as const;
export type DiagnosisCertainty = (typeof DIAGNOSIS_CERTAINTIES)[number];

/** ICD-10 code as written: a letter, two digits, optionally a dot and one to four more characters (A01.0, E11.65). */
export const ICD10_CODE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

// ---- tests and results ----

export const TEST_KINDS = ['lab', 'imaging'] as const;
export type TestKind = (typeof TEST_KINDS)[number];
export const TEST_ORDER_STATUSES = ['ordered', 'resulted', 'cancelled'] as const;
export type TestOrderStatus = (typeof TEST_ORDER_STATUSES)[number];
export const TEST_PRIORITIES = ['routine', 'urgent'] as const;
export type TestPriority = (typeof TEST_PRIORITIES)[number];
export const RESULT_FLAGS = ['normal', 'low', 'high', 'critical'] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

/** A reference range of a test for one sex (null = any) and age band [ageFrom, ageTo) in years. */
export interface ReferenceRange {
  sex: 'female' | 'male' | null;
  ageFromYears: number;
  /** Exclusive; null = no upper bound. */
  ageToYears: number | null;
  low: number | null;
  high: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

/** The range that applies: one for the patient's sex before one for any sex; the age band must hold the age. */
export function rangeFor(ranges: readonly ReferenceRange[], sex: string, ageYears: number): ReferenceRange | null {
  const fits = ranges.filter((r) => ageYears >= r.ageFromYears && (r.ageToYears == null || ageYears < r.ageToYears));
  return fits.find((r) => r.sex === sex) ?? fits.find((r) => r.sex == null) ?? null;
}

/**
 * low/high outside [low, high]; critical at or beyond a critical limit. A value equal to a normal limit is normal.
 */
export function resultFlag(value: number, range: Pick<ReferenceRange, 'low' | 'high' | 'criticalLow' | 'criticalHigh'> | null): ResultFlag {
  if (!range) return 'normal';
  if ((range.criticalLow != null && value <= range.criticalLow) || (range.criticalHigh != null && value >= range.criticalHigh)) return 'critical';
  if (range.low != null && value < range.low) return 'low';
  if (range.high != null && value > range.high) return 'high';
  return 'normal';
}

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageInYears(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

// ---- prescriptions ----

export const ROUTES = ['oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'rectal', 'sublingual', 'eye', 'ear', 'nasal'] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: Record<Route, string> = {
  oral: 'By mouth',
  iv: 'Intravenous',
  im: 'Intramuscular',
  sc: 'Subcutaneous',
  topical: 'On the skin',
  inhaled: 'Inhaled',
  rectal: 'Rectal',
  sublingual: 'Under the tongue',
  eye: 'Eye',
  ear: 'Ear',
  nasal: 'Nasal',
};

/** Frequencies and how many doses a day each means (null: as needed or once). */
export const FREQUENCIES = ['once', 'od', 'bd', 'tds', 'qid', 'q4h', 'q6h', 'q8h', 'nocte', 'prn', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  once: 'Once (stat)',
  od: 'Once a day',
  bd: 'Twice a day',
  tds: 'Three times a day',
  qid: 'Four times a day',
  q4h: 'Every 4 hours',
  q6h: 'Every 6 hours',
  q8h: 'Every 8 hours',
  nocte: 'At night',
  prn: 'When needed',
  weekly: 'Once a week',
};
/** FHIR Timing.repeat of a frequency: frequency per period of periodUnit. */
export const FREQUENCY_TIMING: Record<Frequency, { frequency: number; period: number; periodUnit: 'h' | 'd' | 'wk' } | null> = {
  once: null,
  od: { frequency: 1, period: 1, periodUnit: 'd' },
  bd: { frequency: 2, period: 1, periodUnit: 'd' },
  tds: { frequency: 3, period: 1, periodUnit: 'd' },
  qid: { frequency: 4, period: 1, periodUnit: 'd' },
  q4h: { frequency: 1, period: 4, periodUnit: 'h' },
  q6h: { frequency: 1, period: 6, periodUnit: 'h' },
  q8h: { frequency: 1, period: 8, periodUnit: 'h' },
  nocte: { frequency: 1, period: 1, periodUnit: 'd' },
  prn: null,
  weekly: { frequency: 1, period: 1, periodUnit: 'wk' },
};

export const PRESCRIPTION_STATUSES = ['active', 'partially_dispensed', 'dispensed', 'cancelled'] as const;
export type PrescriptionStatus = (typeof PRESCRIPTION_STATUSES)[number];

/** Folded for matching: lower case, accents removed. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The patient's allergy entries (split on commas, semicolons, slashes and new lines; "allergic to", "allergy" dropped)
 * that name this medicine: an entry found in the medicine's name or active ingredient, the active ingredient found
 * in the entry, or a word of the entry (hyphenated parts apart) found in either; what is in brackets is read as an
 * entry of its own. "NKDA" / "none" entries match nothing.
 */
export function allergyMatches(allergies: string | null, medicine: { name: string; activeIngredient: string | null }): string[] {
  if (!allergies) return [];
  const name = fold(medicine.name);
  const ingredient = medicine.activeIngredient ? fold(medicine.activeIngredient) : '';
  const names = (text: string): boolean => {
    const entry = fold(text)
      .replace(/\b(allergic|allergy|allergies|to|reaction|severe|mild|rash|incl|including|and|also)\b/g, ' ')
      .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (entry.length < 3 || /^(none|nil|nkda|nka|no known.*)$/.test(entry)) return false;
    // Hyphens join the parts of a combination ("amoxicillin-clavulanate"): each part counts as a word.
    const words = entry.split(/[\s-]+/).filter((w) => w.length >= 4);
    return (
      name.includes(entry) ||
      (ingredient !== '' && (ingredient.includes(entry) || entry.includes(ingredient))) ||
      words.some((w) => name.includes(w) || (ingredient !== '' && ingredient.includes(w)))
    );
  };
  const hits: string[] = [];
  for (const raw of allergies.split(/[,;/\n]+/)) {
    // What is in brackets is read apart ("Penicillins (incl. amoxicillin)"): usually the reaction, sometimes a medicine.
    const inBrackets = [...raw.matchAll(/\((.*?)\)/g)].map((m) => m[1]);
    if ([raw.replace(/\(.*?\)/g, ' '), ...inBrackets].some(names)) hits.push(raw.trim());
  }
  return hits;
}

// ---- pharmacy ----

export const MEDICINE_FORMS = ['tablet', 'capsule', 'syrup', 'suspension', 'injection', 'infusion', 'cream', 'ointment', 'drops', 'inhaler', 'suppository', 'sachet'] as const;
export type MedicineForm = (typeof MEDICINE_FORMS)[number];
export const ADJUSTMENT_REASONS = ['expired', 'damaged', 'count_correction', 'returned', 'lost'] as const;
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];
export const ADJUSTMENT_REASON_LABELS: Record<AdjustmentReason, string> = {
  expired: 'Expired',
  damaged: 'Damaged',
  count_correction: 'Count correction',
  returned: 'Returned to supplier',
  lost: 'Lost',
};
/** Batches expiring within this many days are listed as expiring soon. */
export const EXPIRY_WARNING_DAYS = 90;

export interface BatchStock {
  id: number;
  expiryDate: string;
  quantity: number;
}

/**
 * First expiry first out: takes from the batches that have not expired on `today` (a batch expiring today is
 * expired: it is not handed out), soonest expiry first, then oldest batch. Null when they hold less than asked.
 */
export function planDispense(batches: readonly BatchStock[], quantity: number, today: string): { batchId: number; quantity: number }[] | null {
  const usable = batches.filter((b) => b.quantity > 0 && b.expiryDate > today).sort((a, b) => (a.expiryDate < b.expiryDate ? -1 : a.expiryDate > b.expiryDate ? 1 : a.id - b.id));
  const out: { batchId: number; quantity: number }[] = [];
  let left = quantity;
  for (const b of usable) {
    if (left === 0) break;
    const take = Math.min(left, b.quantity);
    out.push({ batchId: b.id, quantity: take });
    left -= take;
  }
  return left === 0 ? out : null;
}

// ---- the journal ----

export const JOURNAL_KINDS = ['appointment', 'encounter', 'admission', 'invoice'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** What of a patient's journal a set of roles may see. */
export interface JournalView {
  kinds: JournalKind[];
  /** Encounters in full: notes, vitals, diagnoses, procedures, tests and results. */
  clinical: boolean;
  /** Prescriptions and their dispensing (pharmacists see encounters reduced to these). */
  prescriptions: boolean;
}

export function journalViewOf(roles: readonly Role[]): JournalView {
  const clinical = roles.includes('doctor') || roles.includes('nurse');
  const prescriptions = clinical || roles.includes('pharmacist');
  const kinds = new Set<JournalKind>();
  if (prescriptions) kinds.add('encounter');
  if (clinical || roles.some((r) => r === 'front_desk' || r === 'manager' || r === 'admin')) {
    kinds.add('appointment');
    kinds.add('admission');
  }
  if (roles.some((r) => r === 'billing' || r === 'manager' || r === 'admin')) kinds.add('invoice');
  return { kinds: JOURNAL_KINDS.filter((k) => kinds.has(k)), clinical, prescriptions };
}
