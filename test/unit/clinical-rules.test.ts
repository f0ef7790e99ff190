// The clinical rules both sides share: vitals and BMI, reference ranges and flags at their edges, the allergy match,
// first-expiry-first-out, and what of the journal each role sees.
import { describe, expect, it } from 'vitest';
import { allergyMatches, ageInYears, bmiOf, journalViewOf, planDispense, rangeFor, resultFlag, vitalFlags, type BatchStock, type ReferenceRange } from '@shared/domain/clinical';
import { VitalsInput } from '@shared/contract/clinical';

describe('vital signs', () => {
  it('computes BMI to one decimal and only with both weight and height', () => {
    expect(bmiOf(70, 175)).toBe(22.9);
    expect(bmiOf(70, null)).toBeNull();
    expect(bmiOf(null, 175)).toBeNull();
  });

  it('flags values outside the normal range and leaves the edges normal', () => {
    expect(vitalFlags({ temperatureC: 38.5, pulse: 100, spo2: 93, systolic: 90 })).toEqual({ temperatureC: 'high', spo2: 'low' });
    expect(vitalFlags({ pulse: 101, systolic: 89 })).toEqual({ pulse: 'high', systolic: 'low' });
  });

  it('refuses readings no living body shows, and a diastolic above the systolic', () => {
    expect(VitalsInput.safeParse({ temperatureC: 46 }).success).toBe(false);
    expect(VitalsInput.safeParse({ spo2: 101 }).success).toBe(false);
    expect(VitalsInput.safeParse({ pulse: 19 }).success).toBe(false);
    expect(VitalsInput.safeParse({ systolic: 80, diastolic: 90 }).success).toBe(false);
    const ok = VitalsInput.parse({ temperatureC: 37.26, pulse: 72.4, weightKg: 70.04 });
    expect(ok).toMatchObject({ temperatureC: 37.3, pulse: 72, weightKg: 70 });
  });
});

describe('reference ranges and result flags', () => {
  const ranges: ReferenceRange[] = [
    { sex: 'female', ageFromYears: 18, ageToYears: null, low: 12, high: 16, criticalLow: 7, criticalHigh: 20 },
    { sex: 'male', ageFromYears: 18, ageToYears: null, low: 13.5, high: 17.5, criticalLow: 7, criticalHigh: 20 },
    { sex: null, ageFromYears: 0, ageToYears: 18, low: 11, high: 15, criticalLow: 7, criticalHigh: 20 },
  ];

  it('picks the range by sex and age band (upper age exclusive)', () => {
    expect(rangeFor(ranges, 'female', 30)?.low).toBe(12);
    expect(rangeFor(ranges, 'male', 30)?.low).toBe(13.5);
    expect(rangeFor(ranges, 'male', 17)?.low).toBe(11);
    expect(rangeFor(ranges, 'male', 18)?.low).toBe(13.5);
    expect(rangeFor(ranges, 'other', 40)).toBeNull();
  });

  it('flags at the edges: the limits are normal, beyond is low/high, at a critical limit is critical', () => {
    const r = rangeFor(ranges, 'female', 30);
    expect(resultFlag(12, r)).toBe('normal');
    expect(resultFlag(16, r)).toBe('normal');
    expect(resultFlag(11.9, r)).toBe('low');
    expect(resultFlag(16.1, r)).toBe('high');
    expect(resultFlag(7, r)).toBe('critical');
    expect(resultFlag(7.1, r)).toBe('low');
    expect(resultFlag(20, r)).toBe('critical');
    expect(resultFlag(5, null)).toBe('normal');
  });

  it('counts age in whole years, birthdays included', () => {
    expect(ageInYears('2008-12-05', '2026-12-05')).toBe(18);
    expect(ageInYears('2008-12-06', '2026-12-05')).toBe(17);
    expect(ageInYears('2000-02-29', '2026-02-28')).toBe(25);
  });
});

describe('the allergy match', () => {
  const amoxicillin = { name: 'Amoxicillin 500 mg capsule', activeIngredient: 'amoxicillin' };
  it('matches an entry naming the medicine or its ingredient, in any case and with accents', () => {
    expect(allergyMatches('Penicillin; AMOXICILLIN (rash)', amoxicillin)).toEqual(['AMOXICILLIN (rash)']);
    expect(allergyMatches('allergic to amoxicillin', amoxicillin)).toEqual(['allergic to amoxicillin']);
    expect(allergyMatches('Sulfa drugs, ibuprofène', { name: 'Ibuprofen 400 mg tablet', activeIngredient: 'ibuprofen' })).toEqual(['ibuprofène']);
    expect(allergyMatches('Sulfa drugs', { name: 'Ibuprofen 400 mg tablet', activeIngredient: 'ibuprofen' })).toEqual([]);
    expect(allergyMatches('Ibuprofen', { name: 'Brufen 400 mg tablet', activeIngredient: 'ibuprofen' })).toEqual(['Ibuprofen']);
  });
  it('matches nothing for none, NKDA or no allergies', () => {
    expect(allergyMatches(null, amoxicillin)).toEqual([]);
    expect(allergyMatches('NKDA', amoxicillin)).toEqual([]);
    expect(allergyMatches('None', amoxicillin)).toEqual([]);
    expect(allergyMatches('Peanuts, latex', amoxicillin)).toEqual([]);
  });
});

describe('first expiry first out', () => {
  it('takes the soonest expiry first, skips expired batches (expiring today included) and refuses when short', () => {
    const batches: BatchStock[] = [
      { id: 1, expiryDate: '2027-06-01', quantity: 10 },
      { id: 2, expiryDate: '2027-01-01', quantity: 5 },
      { id: 3, expiryDate: '2026-12-05', quantity: 50 },
      { id: 4, expiryDate: '2026-11-30', quantity: 50 },
    ];
    expect(planDispense(batches, 8, '2026-12-05')).toEqual([
      { batchId: 2, quantity: 5 },
      { batchId: 1, quantity: 3 },
    ]);
    expect(planDispense(batches, 15, '2026-12-05')).toHaveLength(2);
    expect(planDispense(batches, 16, '2026-12-05')).toBeNull();
  });

  it('never takes more than a batch holds and always exactly what was asked (random shelves)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 500; round++) {
      const batches = Array.from({ length: 1 + rnd(6) }, (_, i) => ({ id: i + 1, expiryDate: `2027-0${1 + rnd(9)}-1${rnd(9)}`, quantity: rnd(20) }));
      const today = `2027-0${1 + rnd(9)}-15`;
      const usable = batches.filter((b) => b.expiryDate > today).reduce((s, b) => s + b.quantity, 0);
      const want = 1 + rnd(40);
      const plan = planDispense(batches, want, today);
      if (want > usable) {
        expect(plan).toBeNull();
        continue;
      }
      expect(plan!.reduce((s, p) => s + p.quantity, 0)).toBe(want);
      for (const p of plan!) {
        const b = batches.find((x) => x.id === p.batchId)!;
        expect(p.quantity).toBeLessThanOrEqual(b.quantity);
        expect(b.expiryDate > today).toBe(true);
      }
    }
  });
});

describe('what of the journal each role sees', () => {
  it('billing sees invoices only; pharmacists prescriptions; doctors and nurses everything', () => {
    expect(journalViewOf(['billing'])).toEqual({ kinds: ['invoice'], clinical: false, prescriptions: false });
    expect(journalViewOf(['pharmacist'])).toEqual({ kinds: ['encounter'], clinical: false, prescriptions: true });
    expect(journalViewOf(['doctor']).kinds).toEqual(['appointment', 'encounter', 'admission']);
    expect(journalViewOf(['nurse']).clinical).toBe(true);
    expect(journalViewOf(['front_desk'])).toEqual({ kinds: ['appointment', 'admission'], clinical: false, prescriptions: false });
    expect(journalViewOf(['manager']).kinds).toEqual(['appointment', 'admission', 'invoice']);
  });
});
