import { asRegistration } from '../support/seed-rows';
import { describe, expect, it } from 'vitest';
import { PatientFields } from '@shared/contract/patients';
import { Username } from '@shared/contract/users';
import { ageOn, isRealDate } from '@shared/domain/dates';
import { checkPatientNumberFormat, renderPatientNumber } from '@shared/domain/patient-number';
import { checkPhone } from '@shared/domain/phone';
import { ROLES } from '@shared/domain/roles';
import { DEFAULT_AS_OF, numberRenderer, PatientGenerator, planChain, SeedRandom, type PatientRow } from '../../src-main/seed/generator';
import { parseSeedArgs } from '../../src-main/seed/seed-cli';

function generate(seed: number, count: number, batch = 1000) {
  const chain = planChain(SeedRandom.for(seed, 'chain'));
  const generator = new PatientGenerator(SeedRandom.for(seed, 'patients'), chain, count);
  const rows: PatientRow[] = [];
  while (generator.generated < count) rows.push(...generator.next(batch));
  return { chain, rows, sequences: generator.sequences() };
}

const sample = generate(7, 6000);
const countryOf = (row: PatientRow) => sample.chain.hospitals[row.hospital_id - 1].country;


describe('demo data generator', () => {
  it('gives the same chain and the same patients for the same seed, whatever the batch size', () => {
    const again = generate(7, 1500, 333);
    expect(again.chain).toEqual(sample.chain);
    expect(again.rows).toEqual(generate(7, 1500, 1000).rows);
    // The first rows of a longer run differ only in their registration time, which spreads over the whole run.
    const strip = (r: PatientRow) => ({ ...r, created_at: '', updated_at: '' });
    expect(again.rows.slice(0, 200).map(strip)).toEqual(sample.rows.slice(0, 200).map(strip));
  });

  it('gives other patients for another seed', () => {
    const other = generate(8, 200);
    const same = other.rows.filter((r, i) => r.name_key === sample.rows[i].name_key && r.phone === sample.rows[i].phone);
    expect(same.length).toBeLessThan(5);
  });

  it('writes phone numbers that are valid for the hospital country and already in E.164', () => {
    const seen = new Set<string>();
    for (const row of sample.rows) {
      const country = countryOf(row);
      seen.add(country);
      for (const phone of [row.phone, row.next_of_kin_phone]) {
        if (phone === null) continue;
        const check = checkPhone(phone, country);
        expect(check, `${phone} at a ${country} hospital`).toEqual({ ok: true, e164: phone });
      }
    }
    expect([...seen].sort()).toEqual(['IN', 'UG', 'US']);
    const ugandan = sample.rows.filter((r) => countryOf(r) === 'UG');
    expect(ugandan.every((r) => /^\+2567\d{8}$/.test(r.phone))).toBe(true);
    // A desk types the local form: 07XXXXXXXX reads as the same number.
    for (const r of ugandan.slice(0, 200)) expect(checkPhone(`0${r.phone.slice(4)}`, 'UG')).toEqual({ ok: true, e164: r.phone });
    expect(sample.rows.filter((r) => countryOf(r) === 'IN').every((r) => /^\+91[6-9]\d{9}$/.test(r.phone))).toBe(true);
  });

  it("numbers each hospital's patients in its own format without gaps, and sets its counter one past the last", () => {
    const formats = sample.chain.hospitals.map((h) => h.patient_number_format);
    expect(new Set(formats).size).toBe(formats.length);
    for (const h of sample.chain.hospitals) {
      expect(checkPatientNumberFormat(h.patient_number_format)).toBeNull();
      const mine = sample.rows.filter((r) => r.hospital_id === h.id);
      expect(mine.length).toBeGreaterThan(100);
      expect(mine.map((r) => r.patient_number)).toEqual(mine.map((_, i) => renderPatientNumber(h.patient_number_format, i + 1, 2026)));
      expect(sample.sequences).toContainEqual({ scope_key: `patient:${h.patient_number_format}:all`, next_value: mine.length + 1 });
    }
    expect(new Set(sample.rows.map((r) => r.patient_number)).size).toBe(sample.rows.length);
    expect(sample.rows.map((r) => r.id)).toEqual(sample.rows.map((_, i) => i + 1));
  });

  it('renders numbers exactly like renderPatientNumber, year formats included', () => {
    for (const format of ['KLA/{seq:6}', 'HMS/{seq}', 'DEL-{yyyy}-{seq:5}', '{yy}{seq:4}X']) {
      const render = numberRenderer(format, 2026);
      for (const seq of [1, 42, 99999, 1234567]) expect(render(seq)).toBe(renderPatientNumber(format, seq, 2026));
    }
  });

  it('builds the search name keys like registration does', () => {
    for (const r of sample.rows) {
      expect(r.name_key).toBe(`${r.last_name} ${r.first_name}`);
      expect(r.name_key_rev).toBe(`${r.first_name} ${r.last_name}`);
    }
  });

  it('spreads dates of birth over ages 0 to 95 before the reference date', () => {
    const ages = sample.rows.map((r) => {
      expect(isRealDate(r.date_of_birth)).toBe(true);
      return ageOn(r.date_of_birth, DEFAULT_AS_OF);
    });
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(ages.filter((a) => a >= 80).length).toBeGreaterThan(20);
    expect(ages.filter((a) => a < 5).length).toBeGreaterThan(300);
    expect(sample.rows.every((r) => r.created_at < `${DEFAULT_AS_OF} 00:00:00.000` && r.created_at >= '2020-01-01')).toBe(true);
  });

  it("passes the registration form's own validation, with some optional fields filled and some empty", () => {
    for (const r of sample.rows.slice(0, 2000)) {
      const parsed = PatientFields.safeParse(asRegistration(r));
      expect(parsed.success, `${r.patient_number}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      if (r.national_id) expect(r.national_id_last4).toBe(r.national_id.slice(-4));
      else expect(r.national_id_last4).toBeNull();
    }
    const share = (f: (r: PatientRow) => unknown) => sample.rows.filter(f).length / sample.rows.length;
    for (const filled of [share((r) => r.email), share((r) => r.national_id), share((r) => r.insurance_provider), share((r) => r.allergies), share((r) => r.next_of_kin_name)]) {
      expect(filled).toBeGreaterThan(0.03);
      expect(filled).toBeLessThan(0.95);
    }
  });

  it('names some patients of the Indian site in Devanagari', () => {
    const pune = sample.rows.filter((r) => countryOf(r) === 'IN');
    const devanagari = pune.filter((r) => /\p{Script=Devanagari}/u.test(r.name_key));
    expect(devanagari.length / pune.length).toBeGreaterThan(0.1);
    expect(devanagari.length / pune.length).toBeLessThan(0.3);
  });

  it('plans a chain across five or more regions with an account for every role', () => {
    const { hospitals, users, userHospitals, departments } = sample.chain;
    expect(new Set(hospitals.map((h) => `${h.country}/${h.region}`)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(hospitals.map((h) => h.currency))).toEqual(new Set(['UGX', 'INR', 'USD']));
    expect(new Set(users.flatMap((u) => u.roles.split(',')))).toEqual(new Set(ROLES));
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const u of users) expect(Username.parse(u.username)).toBe(u.username);
    for (const u of users.filter((x) => !x.all_hospitals)) expect(userHospitals.filter((uh) => uh.user_id === u.id)).toHaveLength(1);
    for (const h of hospitals) {
      const names = departments.filter((d) => d.hospital_id === h.id).map((d) => d.name);
      expect(names.length).toBeGreaterThanOrEqual(8);
      expect(new Set(names).size).toBe(names.length);
      expect(users.some((u) => u.username === `frontdesk.${h.code.toLowerCase()}`)).toBe(true);
    }
  });
});

describe('seed command line', () => {
  it('reads patients, seed and reset, with defaults', () => {
    expect(parseSeedArgs([])).toMatchObject({ patients: 1000, seed: 1, reset: false, help: false });
    expect(parseSeedArgs(['--patients', '100_000', '--seed=7', '--reset'])).toMatchObject({ patients: 100000, seed: 7, reset: true });
    expect(parseSeedArgs(['--patients', '1,000,000', '--as-of', '2027-01-31'])).toMatchObject({ patients: 1000000, asOf: '2027-01-31' });
  });

  it('refuses what it does not understand, naming the option', () => {
    expect(() => parseSeedArgs(['--patients', 'lots'])).toThrow(/--patients expects a whole number/);
    expect(() => parseSeedArgs(['--patients', '-5'])).toThrow(/--patients/);
    expect(() => parseSeedArgs(['--as-of', '2026-02-30'])).toThrow(/--as-of/);
    expect(() => parseSeedArgs(['--patient', '5'])).toThrow(/Unknown option "--patient"/);
  });
});
