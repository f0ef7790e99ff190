// Pure, seeded generation of the demo chain and its patients: the same seed and reference date give the same rows.
import type { EntityRow } from '../db/writer';
import { sequenceKey, type SequenceKey } from '../db/sequences';
import { nameKey, reversedNameKey } from '../features/patients/rules';
import type { HospitalEntity } from '../features/hospitals/hospital.entity';
import type { DepartmentEntity } from '../features/staff/department.entity';
import type { UserEntity, UserHospitalEntity } from '../features/users/user.entity';
import type { PatientEntity } from '../features/patients/patient.entity';
import { Faker, base, en, en_IN, en_US, es_MX, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';
import { renderPatientNumber } from '@shared/domain/patient-number';
import type { SEXES } from '@shared/contract/patients';
import type { Role } from '@shared/domain/roles';
import { DEVANAGARI_GIVEN, DEVANAGARI_SURNAMES, HISPANIC_SURNAMES, MARATHI_SURNAMES, UGANDAN_GIVEN, UGANDAN_SURNAMES, US_SURNAMES } from './names';
import {
  AGE_BANDS,
  ALLERGIES,
  BLOOD_GROUP_WEIGHTS,
  CHAIN_ACCOUNTS,
  KIN_OF_ADULT,
  REQUIRED_DEPARTMENTS,
  KIN_OF_CHILD,
  SITES,
  STAFF_PER_SITE,
  type Locality,
  type SiteDefinition,
} from './sites';

/** "Today" of the generated world: ages, registration dates and insurance expiry count from it, never from the wall clock. */
export const DEFAULT_AS_OF = '2026-07-01';
/** Patients were registered over this many years before the reference date, oldest numbers first. */
const HISTORY_YEARS = 6;
const DAY_MS = 86_400_000;

// ---- randomness ----

/** Draws with precomputed cumulative weights (a weighted pick per field of a million rows adds up). */
export class Weighted<T> {
  readonly items: readonly T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(pairs: readonly (readonly [T, number])[]) {
    this.items = pairs.map((p) => p[0]);
    let sum = 0;
    this.cumulative = pairs.map((p) => (sum += p[1]));
    this.total = sum;
  }

  pick(u: number): T {
    const x = u * this.total;
    let i = 0;
    while (i < this.cumulative.length - 1 && this.cumulative[i] <= x) i++;
    return this.items[i];
  }
}

/**
 * One random stream; the locale fakers draw from it too, so only the order of calls decides the data.
 * Each seed step takes its own stream (`SeedRandom.for(seed, 'patients')`): a step added later changes nothing before it.
 */
export class SeedRandom {
  static for(seed: number, purpose: string): SeedRandom {
    // FNV-1a over "seed:purpose", so streams of one seed are unrelated but reproducible.
    let h = 0x811c9dc5;
    for (const ch of `${seed}:${purpose}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return new SeedRandom(h);
  }

  private readonly randomizer: Randomizer;
  readonly en: Faker;
  readonly india: Faker;
  readonly us: Faker;
  readonly hispanic: Faker;

  constructor(readonly seed: number) {
    this.randomizer = generateMersenne53Randomizer(seed);
    const make = (locale: typeof en) => new Faker({ locale: [locale, en, base], randomizer: this.randomizer });
    this.en = make(en);
    this.india = make(en_IN);
    this.us = make(en_US);
    this.hispanic = make(es_MX);
  }

  next(): number {
    return this.randomizer.next();
  }
  /** 0 ≤ n < below */
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }
  weighted<T>(table: Weighted<T>): T {
    return table.pick(this.next());
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(10);
    return s;
  }
  letters(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(26));
    return s;
  }
}

// ---- dates ----

export function epochDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}
export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** DATETIME(3) literal in UTC (the app's connections run with timezone 'Z'). */
export const sqlInstant = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

/** Day names from a table: formatting dates through Date was a third of the generation time at a million rows. */
export class DayNames {
  private readonly names: string[] = [];
  constructor(private readonly first: number, last: number) {
    for (let d = first; d <= last; d++) this.names.push(isoDay(d));
  }
  iso(day: number): string {
    return this.names[day - this.first] ?? isoDay(day);
  }
  instant(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const sec = Math.floor(rest / 1000);
    const milli = rest - sec * 1000;
    return `${this.iso(day)} ${pad2(h)}:${pad2(m)}:${pad2(sec)}.${String(milli).padStart(3, '0')}`;
  }
}
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** renderPatientNumber() split once per format and year into text around the zero-padded counter. */
export function numberRenderer(format: string, year: number): (seq: number) => string {
  const probe = 987654321098;
  const sample = renderPatientNumber(format, probe, year);
  const at = sample.indexOf(String(probe));
  const width = Number(/\{seq(?::(\d{1,2}))?\}/.exec(format)?.[1] ?? 1);
  if (at < 0) return (seq) => renderPatientNumber(format, seq, year);
  const before = sample.slice(0, at);
  const after = sample.slice(at + String(probe).length);
  return (seq) => `${before}${String(seq).padStart(width, '0')}${after}`;
}

// ---- rows, named and shaped like the tables they go into ----

export type HospitalRow = EntityRow<HospitalEntity>;

export type DepartmentRow = EntityRow<DepartmentEntity>;

/** A user without its password hash: hashing is the writer's business (and salted, so not reproducible). */
export type UserRow = Omit<EntityRow<UserEntity>, 'password_hash'>;

export type UserHospitalRow = EntityRow<UserHospitalEntity>;

export type PatientRow = EntityRow<PatientEntity>;

/** Where a number_sequences counter must stand so the app continues after the seeded numbers. */
export interface SequencePosition {
  key: SequenceKey;
  nextValue: number;
}

export interface ChainPlan {
  asOf: string;
  hospitals: HospitalRow[];
  departments: DepartmentRow[];
  users: UserRow[];
  userHospitals: UserHospitalRow[];
  /** Site definitions in hospital order: hospitals[i] was made from sites[i]. */
  sites: readonly SiteDefinition[];
  /** Front-desk user ids per hospital index: they are recorded as the registering user. */
  frontDesk: number[][];
  /** The person behind each demo account, so a staff record can carry the account's name. */
  accountPeople: AccountPerson[];
}

export interface AccountPerson {
  userId: number;
  role: Role;
  /** Null for the chain-wide accounts. */
  hospitalIndex: number | null;
  first: string;
  last: string;
}

// ---- people ----

type NameSex = 'female' | 'male';
export interface PersonName {
  first: string;
  middle: string | null;
  last: string;
  devanagari: boolean;
}

const UGANDA_REGIONS = ['Central', 'Northern', 'Western', 'Eastern'] as const;
const INDIAN_SURNAMES: readonly string[] = en_IN.person?.last_name?.generic ?? MARATHI_SURNAMES;

export function personName(r: SeedRandom, site: SiteDefinition, sex: NameSex, devanagariRate = 0): PersonName {
  const style = site.names;
  switch (style.kind) {
    case 'uganda': {
      const home = UGANDAN_SURNAMES[style.region];
      // Some families moved from another region; clan names double as given names.
      const lastPool = r.chance(0.85) ? home : UGANDAN_SURNAMES[r.pick(UGANDA_REGIONS)];
      const last = r.pick(lastPool[sex]);
      let first = r.chance(0.85) ? r.pick(UGANDAN_GIVEN[sex]) : r.pick(home[sex]);
      if (first === last) first = r.pick(UGANDAN_GIVEN[sex]);
      const middle = r.chance(0.2) ? r.pick(UGANDAN_GIVEN[sex]) : null;
      return { first, middle: middle === first ? null : middle, last, devanagari: false };
    }
    case 'india': {
      if (r.chance(devanagariRate)) {
        // Marathi custom: the middle name is the father's (or husband's) given name.
        const first = r.pick(DEVANAGARI_GIVEN[sex]);
        const middle = r.chance(0.5) ? r.pick(DEVANAGARI_GIVEN.male) : null;
        return { first, middle, last: r.pick(DEVANAGARI_SURNAMES), devanagari: true };
      }
      const first = r.india.person.firstName(sex);
      const middle = r.chance(0.4) ? r.india.person.firstName('male') : null;
      // faker's lastName() expands a template per call (~2 µs); the same list picked directly is ten times cheaper.
      const last = r.chance(0.45) ? r.pick(MARATHI_SURNAMES) : r.pick(INDIAN_SURNAMES);
      return { first, middle, last, devanagari: false };
    }
    case 'us': {
      if (r.chance(0.15)) return { first: r.hispanic.person.firstName(sex), middle: null, last: r.pick(HISPANIC_SURNAMES), devanagari: false };
      const first = r.us.person.firstName(sex);
      const middle = r.chance(0.4) ? r.us.person.middleName(sex) : null;
      return { first, middle, last: r.pick(US_SURNAMES), devanagari: false };
    }
  }
}

const UG_MOBILE = new Weighted<string>([
  ['77', 26], ['78', 14], ['76', 8], ['70', 20], ['75', 14], ['74', 8], ['71', 3], ['720', 2], ['726', 1], ['790', 2], ['791', 1], ['792', 1],
]);
const IN_MOBILE_FIRST = new Weighted<string>([['9', 40], ['8', 25], ['7', 25], ['6', 10]]);

/** A mobile number in E.164 that the site's country numbering plan accepts (see checkPhone). */
export function mobileNumber(r: SeedRandom, site: SiteDefinition): string {
  switch (site.country) {
    case 'UG': {
      const prefix = r.weighted(UG_MOBILE);
      return `+256${prefix}${r.digits(9 - prefix.length)}`;
    }
    case 'IN':
      return `+91${r.weighted(IN_MOBILE_FIRST)}${r.digits(9)}`;
    case 'US': {
      const area = r.pick(site.areaCodes ?? ['617']);
      let exchange = r.between(200, 999);
      // N11 codes are service numbers and 555 is for fiction: neither reaches a person.
      while (exchange % 100 === 11 || exchange === 555) exchange = r.between(200, 999);
      return `+1${area}${exchange}${r.digits(4)}`;
    }
  }
}

const asciiFold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '');

/** Addresses at the reserved example domains (RFC 2606): demo data must never mail a real person. */
function emailAddress(r: SeedRandom, name: PersonName): string {
  const first = asciiFold(name.first).toLowerCase() || 'patient';
  const last = asciiFold(name.last).toLowerCase() || 'family';
  const domain = r.pick(['example.com', 'example.org', 'example.net']);
  switch (r.int(4)) {
    case 0:
      return `${first}.${last}@${domain}`;
    case 1:
      return `${first}_${last}${r.between(1, 99)}@${domain}`;
    case 2:
      return `${first[0]}${last}@${domain}`;
    default:
      return `${first}${last}${r.between(1950, 2015)}@${domain}`;
  }
}

const INDIA_BUILDINGS = ['Sai Residency', 'Shree Apartments', 'Ganesh Heights', 'Krishna Kunj', 'Om Co-op Housing Society', 'Lakshmi Niwas', 'Silver Oak', 'Green Park', 'Sunshine Towers', 'Vrindavan'];

function address(r: SeedRandom, site: SiteDefinition, localities: Weighted<Locality>) {
  const place = r.weighted(localities);
  const street = r.pick(place.streets);
  let line: string;
  switch (site.country) {
    case 'UG':
      line = `Plot ${r.between(1, 260)}, ${street}`;
      break;
    case 'IN':
      line = `Flat ${r.between(1, 14)}0${r.between(1, 6)}, ${r.pick(INDIA_BUILDINGS)}, ${street}`;
      break;
    case 'US':
      line = `${r.between(1, 1999)} ${street}${r.chance(0.3) ? `, Apt ${r.between(1, 30)}${r.pick(['A', 'B', 'C', 'D'])}` : ''}`;
      break;
  }
  return { address_line: line, city: place.city, region: place.region, postal_code: place.postcodes.length ? r.pick(place.postcodes) : null };
}

function nationalId(r: SeedRandom, site: SiteDefinition, sex: NameSex, dob: string): string {
  switch (site.country) {
    case 'UG':
      // NIN: C, M/F, birth year, digits, letters (14 characters).
      return `C${sex === 'female' ? 'F' : 'M'}${dob.slice(2, 4)}${r.digits(6)}${r.letters(4)}`;
    case 'IN':
      // Aadhaar: 12 digits, never starting with 0 or 1.
      return `${r.between(2, 9)}${r.digits(11)}`;
    case 'US':
      // 9xx area numbers are never issued as SSNs, so no real person's number is made up.
      return `9${r.digits(2)}-${r.digits(2)}-${r.digits(4)}`;
  }
}

const FEMALE_KIN = new Set(['mother', 'grandmother', 'sister', 'daughter', 'aunt']);
const MALE_KIN = new Set(['father', 'brother', 'son', 'uncle']);
const CHILD_KIN = new Weighted<string>(KIN_OF_CHILD.map((k, i) => [k, [55, 30, 10, 5][i]] as const));
const ADULT_KIN = new Weighted<string>(KIN_OF_ADULT.map((k, i) => [k, [35, 12, 6, 9, 8, 9, 9, 6, 3, 3][i]] as const));
const BLOOD = new Weighted(BLOOD_GROUP_WEIGHTS);
const SEX = new Weighted<(typeof SEXES)[number]>([['female', 52], ['male', 47.6], ['other', 0.2], ['unknown', 0.2]]);

function policyNumber(r: SeedRandom, provider: string): string {
  const initials = provider
    .split(/[\s-]+/)
    .map((w) => w[0])
    .join('')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase()
    .slice(0, 4);
  return `${initials}-${r.digits(8)}`;
}

// ---- the chain ----

export function planChain(r: SeedRandom, asOf = DEFAULT_AS_OF, sites: readonly SiteDefinition[] = SITES): ChainPlan {
  const founded = sqlInstant((epochDay(asOf) - HISTORY_YEARS * 365 - 30) * DAY_MS + 8 * 3_600_000);
  const hospitals: HospitalRow[] = sites.map((s, i) => ({
    id: i + 1,
    code: s.code,
    name: s.name,
    country: s.country,
    region: s.region,
    address: s.address,
    time_zone: s.timeZone,
    currency: s.currency,
    default_tax_rate_bp: s.defaultTaxRateBp,
    patient_number_format: s.patientNumberFormat,
    version: 1,
    created_at: founded,
    updated_at: founded,
  }));
  const departments: DepartmentRow[] = [];
  sites.forEach((s, i) => {
    for (const name of s.departments) departments.push({ id: departments.length + 1, hospital_id: i + 1, name, active: true, created_at: founded });
  });
  // Departments a site's list lacks come after every listed one, so the listed departments keep their ids.
  sites.forEach((s, i) => {
    for (const name of REQUIRED_DEPARTMENTS) {
      if (!s.departments.some((d) => d.startsWith(name))) departments.push({ id: departments.length + 1, hospital_id: i + 1, name, active: true, created_at: founded });
    }
  });

  const users: UserRow[] = [];
  const userHospitals: UserHospitalRow[] = [];
  const frontDesk: number[][] = sites.map(() => []);
  const accountPeople: AccountPerson[] = [];
  const addUser = (username: string, n: PersonName, role: Role, hospitalId: number | null) => {
    const fullName = `${n.first} ${n.last}`;
    const id = users.length + 1;
    users.push({
      id,
      username,
      full_name: fullName,
      roles: [role],
      all_hospitals: hospitalId === null,
      active: true,
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      version: 1,
      created_at: founded,
      updated_at: founded,
    });
    if (hospitalId !== null) userHospitals.push({ user_id: id, hospital_id: hospitalId });
    accountPeople.push({ userId: id, role, hospitalIndex: hospitalId === null ? null : hospitalId - 1, first: n.first, last: n.last });
    return id;
  };
  for (const a of CHAIN_ACCOUNTS) {
    const n = personName(r, sites[0], r.chance(0.5) ? 'female' : 'male');
    addUser(a.username, n, a.role, null);
  }
  sites.forEach((s, i) => {
    for (const [role, count] of STAFF_PER_SITE) {
      for (let k = 1; k <= count; k++) {
        const n = personName(r, s, r.chance(0.5) ? 'female' : 'male');
        const id = addUser(`${role.replace('_', '')}${k > 1 ? k : ''}.${s.code.toLowerCase()}`, n, role, i + 1);
        if (role === 'front_desk') frontDesk[i].push(id);
      }
    }
  });
  return { asOf, hospitals, departments, users, userHospitals, sites, frontDesk, accountPeople };
}

// ---- patients ----

/** Streams patient rows in id order; numbers continue per format, so hospitals sharing a format share a counter. */
export class PatientGenerator {
  private made = 0;
  private readonly asOfDay: number;
  private readonly historyStartMs: number;
  private readonly historyMs: number;
  private readonly siteTable: Weighted<number>;
  private readonly localities: Weighted<Locality>[];
  private readonly ageBands: Weighted<readonly [number, number]>[];
  private readonly counters = new Map<SequenceKey, { render: (seq: number) => string; next: number }>();
  private readonly days: DayNames;

  constructor(
    private readonly r: SeedRandom,
    private readonly chain: ChainPlan,
    readonly total: number,
  ) {
    this.asOfDay = epochDay(chain.asOf);
    this.historyMs = HISTORY_YEARS * 365 * DAY_MS;
    this.historyStartMs = this.asOfDay * DAY_MS - this.historyMs;
    this.siteTable = new Weighted(chain.sites.map((s, i) => [i, s.share] as const));
    this.localities = chain.sites.map((s) => new Weighted(s.localities.map((l) => [l, l.weight] as const)));
    this.ageBands = chain.sites.map((s) => new Weighted(AGE_BANDS.map((b, i) => [b, s.ageBands[i]] as const)));
    this.days = new DayNames(this.asOfDay - 97 * 366, this.asOfDay + 1000);
  }

  get generated(): number {
    return this.made;
  }

  /** The next rows, at most `count`, none after `total`. */
  next(count: number): PatientRow[] {
    const rows: PatientRow[] = [];
    const end = Math.min(this.total, this.made + count);
    while (this.made < end) rows.push(this.patient(++this.made));
    return rows;
  }

  /** Where each number_sequences counter must stand so the app continues after the seeded numbers. */
  sequences(): SequencePosition[] {
    return [...this.counters.entries()].map(([key, c]) => ({ key, nextValue: c.next }));
  }

  private patient(id: number): PatientRow {
    const r = this.r;
    const h = this.r.weighted(this.siteTable);
    const site = this.chain.sites[h];
    const hospital = this.chain.hospitals[h];

    const createdMs = this.historyStartMs + Math.floor(((id - 1 + r.next()) * this.historyMs) / this.total);
    const created = this.days.instant(createdMs);
    const year = Number(created.slice(0, 4));
    const format = hospital.patient_number_format;
    const key = sequenceKey.patientNumber(format, year);
    let counter = this.counters.get(key);
    if (!counter) this.counters.set(key, (counter = { render: numberRenderer(format, year), next: 1 }));
    const patientNumber = counter.render(counter.next++);

    const sex = r.weighted(SEX);
    const nameSex: NameSex = sex === 'female' || sex === 'male' ? sex : r.chance(0.5) ? 'female' : 'male';
    const name = personName(r, site, nameSex, 0.2);

    const [lo, hi] = r.weighted(this.ageBands[h]);
    const age = r.between(lo, hi);
    // A birthday within the year of that age, never after the reference date.
    const dobDay = Math.min(this.asOfDay, this.asOfDay - Math.floor(age * 365.2425) - r.int(365));
    const dob = this.days.iso(dobDay);

    const phone = mobileNumber(r, site);
    const email =
      !name.devanagari && age >= 12 && r.chance(site.emailRate)
        ? emailAddress(r, name)
        : null;
    const place = r.chance(0.95) ? address(r, site, this.localities[h]) : { address_line: null, city: null, region: null, postal_code: null };
    const idAllowed = site.country !== 'UG' || age >= 16;
    const nid = idAllowed && r.chance(site.nationalIdRate) ? nationalId(r, site, nameSex, dob) : null;

    let kinName: string | null = null;
    let kinRelationship: string | null = null;
    let kinPhone: string | null = null;
    if (age < 18 || r.chance(0.65)) {
      let relationship = age < 18 ? r.weighted(CHILD_KIN) : r.weighted(ADULT_KIN);
      if (relationship === 'spouse' && age < 20) relationship = 'mother';
      const kinSex: NameSex = FEMALE_KIN.has(relationship)
        ? 'female'
        : MALE_KIN.has(relationship)
          ? 'male'
          : relationship === 'spouse' && sex !== 'other' && sex !== 'unknown'
            ? nameSex === 'female'
              ? 'male'
              : 'female'
            : r.chance(0.5)
              ? 'female'
              : 'male';
      const kin = personName(r, site, kinSex, name.devanagari ? 1 : 0);
      // Outside Uganda a family usually shares its surname.
      const sharesSurname = site.country !== 'UG' && relationship !== 'friend' && relationship !== 'guardian';
      kinName = `${kin.first} ${sharesSurname ? name.last : kin.last}`;
      kinRelationship = relationship;
      kinPhone = mobileNumber(r, site);
    }

    const bloodGroup = r.chance(0.35) ? 'unknown' : r.weighted(BLOOD);
    let allergies: string | null = null;
    if (r.chance(0.09)) {
      const a = r.pick(ALLERGIES);
      const b = r.chance(0.2) ? r.pick(ALLERGIES) : a;
      allergies = a === b ? a : `${a}, ${b}`;
    }
    let chronic: string | null = null;
    if (r.chance(0.02 + age * 0.004)) {
      const a = r.pick(site.conditions);
      const b = r.chance(0.25) ? r.pick(site.conditions) : a;
      chronic = a === b ? a : `${a}, ${b}`;
    }

    let insurer: string | null = null;
    let policy: string | null = null;
    let coverage: number | null = null;
    let validUntil: string | null = null;
    if (r.chance(site.insuranceRate)) {
      insurer = site.country === 'US' && age >= 65 ? 'Medicare' : r.pick(site.insurers);
      policy = policyNumber(r, insurer);
      coverage = insurer === 'Medicare' ? 80 : site.country === 'US' ? r.between(12, 18) * 5 : site.country === 'IN' ? r.between(5, 10) * 10 : r.between(14, 20) * 5;
      validUntil = this.days.iso(this.asOfDay + r.between(-120, 900));
    }

    return {
      id,
      patient_number: patientNumber,
      hospital_id: hospital.id,
      first_name: name.first,
      middle_name: name.middle,
      last_name: name.last,
      name_key: nameKey(name.first, name.last),
      name_key_rev: reversedNameKey(name.first, name.last),
      date_of_birth: dob,
      sex,
      phone,
      email,
      ...place,
      national_id: nid,
      national_id_last4: nid ? nid.slice(-4) : null,
      next_of_kin_name: kinName,
      next_of_kin_relationship: kinRelationship,
      next_of_kin_phone: kinPhone,
      blood_group: bloodGroup,
      allergies,
      chronic_conditions: chronic,
      insurance_provider: insurer,
      insurance_policy_number: policy,
      insurance_coverage_percent: coverage,
      insurance_valid_until: validUntil,
      version: 1,
      created_by: this.chain.frontDesk[h].length ? r.pick(this.chain.frontDesk[h]) : null,
      created_at: created,
      updated_at: created,
    };
  }
}
