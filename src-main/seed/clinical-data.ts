// What the demo hospitals' clinical records are made of: the test catalog (UCUM units, LOINC codes, reference ranges by
// sex and age band), the medicine list with prices per unit, and the clinical pictures a visit or a ward round follows
// (complaint, ICD-10 codes, vitals, tests, prescriptions, procedures).
import type { Frequency, MedicineForm, ReferenceRange, Route, TestKind } from '@shared/domain/clinical';

// ---- tests ----

type Range = Omit<ReferenceRange, 'sex' | 'ageFromYears' | 'ageToYears'> & Partial<Pick<ReferenceRange, 'sex' | 'ageFromYears' | 'ageToYears'>>;
const range = (low: number | null, high: number | null, criticalLow: number | null = null, criticalHigh: number | null = null, band: Partial<Pick<ReferenceRange, 'sex' | 'ageFromYears' | 'ageToYears'>> = {}): Range => ({
  low,
  high,
  criticalLow,
  criticalHigh,
  ...band,
});
export const fullRange = (r: Range): ReferenceRange => ({ sex: r.sex ?? null, ageFromYears: r.ageFromYears ?? 0, ageToYears: r.ageToYears ?? null, low: r.low, high: r.high, criticalLow: r.criticalLow, criticalHigh: r.criticalHigh });

/** How a lab reports a value: unit as shown, UCUM code, LOINC code, decimals kept and the reference ranges. */
export interface TestUnits {
  unit: string | null;
  ucum: string | null;
  loinc: string | null;
  decimals: number;
  ranges: readonly ReferenceRange[];
}

export interface TestSpec {
  code: string;
  name: string;
  kind: TestKind;
  /** The catalog item it is charged at: one the billing catalog has, or one added here with its price (UGX, INR, USD). */
  catalog: string;
  price?: readonly [number, number, number];
  /** SI units (Uganda); `conventional` where US and Indian labs report otherwise. */
  si: TestUnits;
  conventional?: TestUnits;
  /** Text results (rapid tests, dipsticks): what a normal and an abnormal result read. */
  text?: { normal: readonly string[]; abnormal: readonly string[] };
  /** Imaging: the report of a normal and of an abnormal study. */
  reports?: { normal: readonly string[]; abnormal: readonly string[] };
}

const units = (unit: string | null, ucum: string | null, loinc: string | null, decimals: number, ranges: Range[]): TestUnits => ({ unit, ucum, loinc, decimals, ranges: ranges.map(fullRange) });
const textTest = (loinc: string | null): TestUnits => ({ unit: null, ucum: null, loinc, decimals: 0, ranges: [] });
const CHILD = { ageToYears: 12 };
const ADULT = { ageFromYears: 12 };

export const TESTS: readonly TestSpec[] = [
  {
    code: 'HB', name: 'Haemoglobin', kind: 'lab', catalog: 'LAB-HB', price: [6_000, 100, 15],
    si: units('g/dL', 'g/dL', '718-7', 1, [
      range(11.0, 14.0, 7.0, 20.0, { ageToYears: 5 }),
      range(11.5, 15.5, 7.0, 20.0, { ageFromYears: 5, ageToYears: 12 }),
      range(12.0, 15.5, 7.0, 20.0, { sex: 'female', ...ADULT }),
      range(13.0, 17.0, 7.0, 20.0, { sex: 'male', ...ADULT }),
      range(12.0, 17.0, 7.0, 20.0, ADULT),
    ]),
  },
  {
    code: 'WBC', name: 'White cell count', kind: 'lab', catalog: 'LAB-WBC', price: [6_000, 100, 15],
    si: units('×10⁹/L', '10*9/L', '6690-2', 1, [range(5.0, 15.0, 1.0, 40.0, CHILD), range(4.0, 11.0, 1.0, 30.0, ADULT)]),
  },
  {
    code: 'PLT', name: 'Platelet count', kind: 'lab', catalog: 'LAB-PLT', price: [6_000, 100, 15],
    si: units('×10⁹/L', '10*9/L', '777-3', 0, [range(150, 400, 20, 1000)]),
  },
  {
    code: 'GLU', name: 'Random blood glucose', kind: 'lab', catalog: 'LAB-RBS',
    si: units('mmol/L', 'mmol/L', '14749-6', 1, [range(3.9, 7.8, 2.5, 25.0)]),
    conventional: units('mg/dL', 'mg/dL', '2345-7', 0, [range(70, 140, 45, 450)]),
  },
  { code: 'HBA1C', name: 'HbA1c', kind: 'lab', catalog: 'LAB-HBA1C', si: units('%', '%', '4548-4', 1, [range(4.0, 5.6, null, 15.0)]) },
  {
    code: 'CREAT', name: 'Serum creatinine', kind: 'lab', catalog: 'LAB-CREAT', price: [15_000, 200, 25],
    si: units('µmol/L', 'umol/L', '14682-9', 0, [
      range(27, 62, null, 300, CHILD),
      range(45, 90, null, 700, { sex: 'female', ...ADULT }),
      range(60, 110, null, 700, { sex: 'male', ...ADULT }),
      range(45, 110, null, 700, ADULT),
    ]),
    conventional: units('mg/dL', 'mg/dL', '2160-0', 2, [
      range(0.3, 0.7, null, 3.4, CHILD),
      range(0.5, 1.0, null, 8.0, { sex: 'female', ...ADULT }),
      range(0.7, 1.3, null, 8.0, { sex: 'male', ...ADULT }),
      range(0.5, 1.3, null, 8.0, ADULT),
    ]),
  },
  { code: 'UREA', name: 'Serum urea', kind: 'lab', catalog: 'LAB-UREA', price: [12_000, 180, 20], si: units('mmol/L', 'mmol/L', '22664-7', 1, [range(2.5, 7.8, null, 35.0)]) },
  { code: 'NA', name: 'Serum sodium', kind: 'lab', catalog: 'LAB-NA', price: [12_000, 200, 20], si: units('mmol/L', 'mmol/L', '2951-2', 0, [range(135, 145, 120, 160)]) },
  { code: 'K', name: 'Serum potassium', kind: 'lab', catalog: 'LAB-K', price: [12_000, 200, 20], si: units('mmol/L', 'mmol/L', '2823-3', 1, [range(3.5, 5.1, 2.5, 6.5)]) },
  {
    code: 'ALT', name: 'Alanine aminotransferase (ALT)', kind: 'lab', catalog: 'LAB-ALT', price: [15_000, 250, 25],
    si: units('U/L', 'U/L', '1742-6', 0, [range(7, 35, null, 1000, { sex: 'female', ...ADULT }), range(7, 55, null, 1000, { sex: 'male', ...ADULT }), range(7, 55, null, 1000)]),
  },
  { code: 'AST', name: 'Aspartate aminotransferase (AST)', kind: 'lab', catalog: 'LAB-AST', price: [15_000, 250, 25], si: units('U/L', 'U/L', '1920-8', 0, [range(8, 40, null, 1000)]) },
  {
    code: 'BILI', name: 'Total bilirubin', kind: 'lab', catalog: 'LAB-BILI', price: [12_000, 200, 20],
    si: units('µmol/L', 'umol/L', '14631-6', 0, [range(3, 21, null, 340)]),
    conventional: units('mg/dL', 'mg/dL', '1975-2', 1, [range(0.2, 1.2, null, 20.0)]),
  },
  { code: 'ALB', name: 'Serum albumin', kind: 'lab', catalog: 'LAB-ALB', price: [12_000, 200, 20], si: units('g/dL', 'g/dL', '1751-7', 1, [range(3.5, 5.0, 1.5, null)]) },
  { code: 'CRP', name: 'C-reactive protein', kind: 'lab', catalog: 'LAB-CRP', si: units('mg/L', 'mg/L', '1988-5', 1, [range(null, 5.0)]) },
  {
    code: 'ESR', name: 'Erythrocyte sedimentation rate', kind: 'lab', catalog: 'LAB-ESR', price: [5_000, 100, 15],
    si: units('mm/h', 'mm/h', '4537-7', 0, [range(0, 20, null, null, { sex: 'female' }), range(0, 15, null, null, { sex: 'male' }), range(0, 20)]),
  },
  { code: 'TSH', name: 'Thyroid stimulating hormone', kind: 'lab', catalog: 'LAB-TSH', si: units('mIU/L', 'm[IU]/L', '3016-3', 2, [range(0.4, 4.0)]) },
  {
    code: 'CHOL', name: 'Total cholesterol', kind: 'lab', catalog: 'LAB-CHOL', price: [15_000, 250, 25],
    si: units('mmol/L', 'mmol/L', '14647-2', 1, [range(null, 5.2)]),
    conventional: units('mg/dL', 'mg/dL', '2093-3', 0, [range(null, 200)]),
  },
  { code: 'INR', name: 'Prothrombin time (INR)', kind: 'lab', catalog: 'LAB-INR', price: [20_000, 300, 30], si: units('INR', '{INR}', '6301-6', 1, [range(0.8, 1.2, null, 5.0)]) },
  {
    code: 'MRDT', name: 'Malaria rapid diagnostic test', kind: 'lab', catalog: 'LAB-MRDT', price: [5_000, 150, 30], si: textTest(null),
    text: { normal: ['Negative'], abnormal: ['Positive for P. falciparum (HRP2)', 'Positive for P. falciparum (HRP2), faint line'] },
  },
  {
    code: 'MPS', name: 'Malaria parasites, blood smear', kind: 'lab', catalog: 'LAB-MPS', si: textTest('32700-7'),
    text: { normal: ['No malaria parasites seen'], abnormal: ['P. falciparum trophozoites seen (+)', 'P. falciparum trophozoites seen (++)', 'P. falciparum trophozoites seen (+++)'] },
  },
  {
    code: 'URINE', name: 'Urinalysis (dipstick)', kind: 'lab', catalog: 'LAB-URINE', si: textTest('24357-6'),
    text: {
      normal: ['Normal: no protein, glucose, blood, leucocytes or nitrite'],
      abnormal: ['Leucocytes ++, nitrite positive, blood trace', 'Leucocytes +++, nitrite positive, protein +', 'Glucose ++, ketones negative', 'Protein ++'],
    },
  },
  { code: 'HIV', name: 'HIV rapid test', kind: 'lab', catalog: 'LAB-HIV', price: [5_000, 200, 40], si: textTest(null), text: { normal: ['Non-reactive'], abnormal: ['Reactive (confirmed on a second assay)'] } },
  { code: 'UPT', name: 'Pregnancy test (urine hCG)', kind: 'lab', catalog: 'LAB-UPT', price: [3_000, 100, 20], si: textTest('2106-3'), text: { normal: ['Negative'], abnormal: ['Positive'] } },
  { code: 'TYPH', name: 'Typhoid rapid test (IgM)', kind: 'lab', catalog: 'LAB-TYPH', price: [10_000, 200, 35], si: textTest(null), text: { normal: ['Negative'], abnormal: ['Positive (IgM)'] } },
  {
    code: 'STOOL', name: 'Stool microscopy', kind: 'lab', catalog: 'LAB-STOOL', price: [5_000, 100, 25], si: textTest(null),
    text: { normal: ['No ova, cysts or parasites seen'], abnormal: ['Ova of Ascaris lumbricoides seen', 'Cysts of Entamoeba histolytica seen', 'Hookworm ova seen', 'Cysts of Giardia lamblia seen'] },
  },
  {
    code: 'CXR', name: 'Chest X-ray', kind: 'imaging', catalog: 'RAD-CXR', si: textTest('36643-5'),
    reports: {
      normal: ['PA view. Heart size normal. Lungs clear. No pleural effusion. Bony thorax intact.'],
      abnormal: [
        'PA view. Consolidation of the right lower zone with air bronchograms, consistent with pneumonia. No effusion.',
        'PA view. Cardiomegaly (CTR 0.6) with upper-lobe diversion and small bilateral effusions: cardiac failure.',
        'PA view. Hyperinflated lungs with flattened diaphragms, in keeping with COPD. No focal consolidation.',
      ],
    },
  },
  {
    code: 'US-ABD', name: 'Abdominal ultrasound', kind: 'imaging', catalog: 'RAD-US-ABD', si: textTest('24558-9'),
    reports: {
      normal: ['Liver, gallbladder, pancreas, spleen and both kidneys normal in size and echotexture. No free fluid.'],
      abnormal: ['Multiple gallstones with a thickened gallbladder wall; common bile duct not dilated.', 'Mild splenomegaly (14 cm). Liver normal.', 'Non-compressible tubular structure in the right iliac fossa, 9 mm: appendicitis likely.'],
    },
  },
  {
    code: 'US-OBS', name: 'Obstetric ultrasound', kind: 'imaging', catalog: 'RAD-US-OBS', price: [50_000, 1_000, 250], si: textTest('11525-3'),
    reports: {
      normal: ['Single live intrauterine pregnancy, cephalic. Biometry consistent with dates. Placenta fundal. Liquor adequate.'],
      abnormal: ['Single live intrauterine pregnancy, breech. Placenta low-lying, to be rescanned at 32 weeks.'],
    },
  },
  {
    code: 'XR-LIMB', name: 'X-ray of a limb', kind: 'imaging', catalog: 'RAD-XR-LIMB', price: [35_000, 500, 100], si: textTest(null),
    reports: {
      normal: ['AP and lateral views. No fracture or dislocation. Soft tissues unremarkable.'],
      abnormal: ['AP and lateral views. Fracture of the distal radius with dorsal angulation.', 'AP and lateral views. Undisplaced fracture of the lateral malleolus.'],
    },
  },
  {
    code: 'XR-LSPINE', name: 'X-ray of the lumbar spine', kind: 'imaging', catalog: 'RAD-XR-LSPINE', price: [40_000, 600, 120], si: textTest(null),
    reports: { normal: ['AP and lateral views. Normal alignment. Disc spaces preserved.'], abnormal: ['AP and lateral views. Degenerative change with narrowing of L4/5 and L5/S1 and marginal osteophytes.'] },
  },
  {
    code: 'CT-HEAD', name: 'CT scan of the head', kind: 'imaging', catalog: 'RAD-CT-HEAD', si: textTest('30799-1'),
    reports: {
      normal: ['Non-contrast CT. No haemorrhage, mass or acute infarct. Ventricles normal.'],
      abnormal: ['Non-contrast CT. Hypodensity in the left MCA territory in keeping with an acute infarct. No haemorrhage.', 'Non-contrast CT. Small right frontal contusion; no midline shift.'],
    },
  },
];

// ---- medicines ----

export interface MedicineSpec {
  key: string;
  name: string;
  strength: string;
  form: MedicineForm;
  ingredient: string;
  /** Price of one unit (tablet, bottle, vial …) in UGX, INR and USD. */
  price: readonly [number, number, number];
  /** Units a delivery comes in multiples of. */
  pack: number;
  /** Countries whose hospitals stock it (all when absent). */
  countries?: readonly string[];
}

const NOT_US = ['UG', 'IN'];
export const MEDICINES: readonly MedicineSpec[] = [
  { key: 'AL', name: 'Artemether/lumefantrine', strength: '20/120 mg', form: 'tablet', ingredient: 'artemether/lumefantrine', price: [400, 8, 1.2], pack: 24, countries: NOT_US },
  { key: 'ARTESUNATE', name: 'Artesunate', strength: '60 mg', form: 'injection', ingredient: 'artesunate', price: [9_000, 150, 30], pack: 10, countries: NOT_US },
  { key: 'AMOX', name: 'Amoxicillin', strength: '500 mg', form: 'capsule', ingredient: 'amoxicillin', price: [200, 6, 0.4], pack: 100 },
  { key: 'AMOX-SUSP', name: 'Amoxicillin', strength: '125 mg/5 ml', form: 'suspension', ingredient: 'amoxicillin', price: [3_500, 60, 8], pack: 10 },
  { key: 'PCM', name: 'Paracetamol', strength: '500 mg', form: 'tablet', ingredient: 'paracetamol', price: [50, 1, 0.1], pack: 1000 },
  { key: 'PCM-SYR', name: 'Paracetamol', strength: '120 mg/5 ml', form: 'syrup', ingredient: 'paracetamol', price: [2_000, 35, 5], pack: 20 },
  { key: 'IBU', name: 'Ibuprofen', strength: '400 mg', form: 'tablet', ingredient: 'ibuprofen', price: [100, 2, 0.15], pack: 500 },
  { key: 'DICLO', name: 'Diclofenac', strength: '50 mg', form: 'tablet', ingredient: 'diclofenac', price: [100, 2, 0.3], pack: 500 },
  { key: 'TRAMADOL', name: 'Tramadol', strength: '50 mg', form: 'capsule', ingredient: 'tramadol', price: [300, 5, 0.5], pack: 100 },
  { key: 'METF', name: 'Metformin', strength: '500 mg', form: 'tablet', ingredient: 'metformin', price: [100, 2, 0.15], pack: 1000 },
  { key: 'GLIB', name: 'Glibenclamide', strength: '5 mg', form: 'tablet', ingredient: 'glibenclamide', price: [100, 1.5, 0.2], pack: 500 },
  { key: 'INSULIN', name: 'Insulin glargine', strength: '100 IU/ml, 3 ml pen', form: 'injection', ingredient: 'insulin glargine', price: [60_000, 700, 95], pack: 5 },
  { key: 'AMLO', name: 'Amlodipine', strength: '5 mg', form: 'tablet', ingredient: 'amlodipine', price: [150, 3, 0.2], pack: 500 },
  { key: 'LOSARTAN', name: 'Losartan', strength: '50 mg', form: 'tablet', ingredient: 'losartan', price: [300, 5, 0.3], pack: 500 },
  { key: 'HCTZ', name: 'Hydrochlorothiazide', strength: '25 mg', form: 'tablet', ingredient: 'hydrochlorothiazide', price: [100, 2, 0.15], pack: 500 },
  { key: 'ATORVA', name: 'Atorvastatin', strength: '20 mg', form: 'tablet', ingredient: 'atorvastatin', price: [400, 8, 0.25], pack: 500 },
  { key: 'ASPIRIN', name: 'Aspirin', strength: '75 mg', form: 'tablet', ingredient: 'acetylsalicylic acid', price: [50, 1, 0.05], pack: 1000 },
  { key: 'FUROSEMIDE', name: 'Furosemide', strength: '40 mg', form: 'tablet', ingredient: 'furosemide', price: [100, 1.5, 0.15], pack: 500 },
  { key: 'CEFTRIAXONE', name: 'Ceftriaxone', strength: '1 g', form: 'injection', ingredient: 'ceftriaxone', price: [4_000, 60, 12], pack: 50 },
  { key: 'GENTA', name: 'Gentamicin', strength: '80 mg/2 ml', form: 'injection', ingredient: 'gentamicin', price: [1_500, 20, 6], pack: 50 },
  { key: 'CIPRO', name: 'Ciprofloxacin', strength: '500 mg', form: 'tablet', ingredient: 'ciprofloxacin', price: [300, 5, 0.4], pack: 100 },
  { key: 'METRO', name: 'Metronidazole', strength: '400 mg', form: 'tablet', ingredient: 'metronidazole', price: [100, 2, 0.3], pack: 500 },
  { key: 'DOXY', name: 'Doxycycline', strength: '100 mg', form: 'capsule', ingredient: 'doxycycline', price: [200, 4, 0.5], pack: 100 },
  { key: 'CLOXA', name: 'Cloxacillin', strength: '500 mg', form: 'capsule', ingredient: 'cloxacillin', price: [300, 7, 0.8], pack: 100 },
  { key: 'NITRO', name: 'Nitrofurantoin', strength: '100 mg', form: 'capsule', ingredient: 'nitrofurantoin', price: [500, 10, 1], pack: 100 },
  { key: 'AZITHRO', name: 'Azithromycin', strength: '500 mg', form: 'tablet', ingredient: 'azithromycin', price: [1_500, 25, 2.5], pack: 30 },
  { key: 'COTRIM', name: 'Co-trimoxazole', strength: '960 mg', form: 'tablet', ingredient: 'sulfamethoxazole/trimethoprim', price: [100, 3, 0.3], pack: 500 },
  { key: 'OMEP', name: 'Omeprazole', strength: '20 mg', form: 'capsule', ingredient: 'omeprazole', price: [200, 4, 0.4], pack: 500 },
  { key: 'SALB', name: 'Salbutamol', strength: '100 µg/dose', form: 'inhaler', ingredient: 'salbutamol', price: [12_000, 150, 35], pack: 10 },
  { key: 'PRED', name: 'Prednisolone', strength: '5 mg', form: 'tablet', ingredient: 'prednisolone', price: [50, 1, 0.15], pack: 1000 },
  { key: 'ORS', name: 'Oral rehydration salts', strength: '20.5 g', form: 'sachet', ingredient: 'oral rehydration salts', price: [500, 20, 1], pack: 100 },
  { key: 'ZINC', name: 'Zinc sulfate', strength: '20 mg', form: 'tablet', ingredient: 'zinc sulfate', price: [100, 3, 0.3], pack: 100, countries: NOT_US },
  { key: 'FERROUS', name: 'Ferrous sulfate', strength: '200 mg', form: 'tablet', ingredient: 'ferrous sulfate', price: [50, 1, 0.1], pack: 1000 },
  { key: 'FOLIC', name: 'Folic acid', strength: '5 mg', form: 'tablet', ingredient: 'folic acid', price: [50, 1, 0.1], pack: 1000 },
  { key: 'TLD', name: 'Tenofovir/lamivudine/dolutegravir', strength: '300/300/50 mg', form: 'tablet', ingredient: 'tenofovir/lamivudine/dolutegravir', price: [1_000, 20, 5], pack: 90, countries: ['UG'] },
  { key: 'LEVO', name: 'Levothyroxine', strength: '50 µg', form: 'tablet', ingredient: 'levothyroxine', price: [200, 2, 0.2], pack: 500 },
  { key: 'FLUOX', name: 'Fluoxetine', strength: '20 mg', form: 'capsule', ingredient: 'fluoxetine', price: [300, 4, 0.3], pack: 100 },
  { key: 'CETIRIZINE', name: 'Cetirizine', strength: '10 mg', form: 'tablet', ingredient: 'cetirizine', price: [100, 2, 0.15], pack: 500 },
  { key: 'ALBEND', name: 'Albendazole', strength: '400 mg', form: 'tablet', ingredient: 'albendazole', price: [500, 10, 3], pack: 100, countries: NOT_US },
  { key: 'CHLORAMPH', name: 'Chloramphenicol', strength: '0.5%, 10 ml', form: 'drops', ingredient: 'chloramphenicol', price: [3_000, 40, 10], pack: 20 },
  { key: 'HYDROCORT', name: 'Hydrocortisone', strength: '1%, 15 g', form: 'cream', ingredient: 'hydrocortisone', price: [4_000, 50, 6], pack: 20 },
  { key: 'CLOTRIM', name: 'Clotrimazole', strength: '1%, 20 g', form: 'cream', ingredient: 'clotrimazole', price: [3_000, 45, 6], pack: 20 },
  { key: 'NS', name: 'Sodium chloride 0.9%', strength: '1 L', form: 'infusion', ingredient: 'sodium chloride', price: [4_000, 40, 8], pack: 20 },
  { key: 'RL', name: "Ringer's lactate", strength: '1 L', form: 'infusion', ingredient: 'compound sodium lactate', price: [4_500, 45, 9], pack: 20 },
  { key: 'TT', name: 'Tetanus toxoid', strength: '0.5 ml', form: 'injection', ingredient: 'tetanus toxoid', price: [2_000, 30, 25], pack: 20 },
];

// ---- prescriptions ----

export interface RxSpec {
  med: string;
  dose: number;
  doseUnit: string;
  route: Route;
  frequency: Frequency;
  days: number | null;
  /** Units to hand out. */
  quantity: number;
  instructions: string | null;
}

type Rx = (age: number) => RxSpec | null;
const rx = (med: string, dose: number, doseUnit: string, route: Route, frequency: Frequency, days: number | null, quantity: number, instructions: string | null = null): RxSpec => ({ med, dose, doseUnit, route, frequency, days, quantity, instructions });
const ADULT_ONLY = (spec: RxSpec): Rx => (age) => (age >= 12 ? spec : null);

/** Prescriptions by what they are for, given the patient's age; null when it does not suit the age. */
export const RX: Record<string, Rx> = {
  al: (a) => (a >= 12 ? rx('AL', 4, 'tablet', 'oral', 'bd', 3, 24, 'Take with food or milk; the first two doses 8 hours apart.') : a >= 5 ? rx('AL', 2, 'tablet', 'oral', 'bd', 3, 12, 'Take with food or milk.') : a >= 1 ? rx('AL', 1, 'tablet', 'oral', 'bd', 3, 6, 'Crush and give with milk.') : null),
  paracetamol: (a) => (a >= 12 ? rx('PCM', 1000, 'mg', 'oral', 'tds', 3, 18, 'Two tablets three times a day when needed for pain or fever.') : rx('PCM-SYR', a < 5 ? 5 : 10, 'ml', 'oral', 'tds', 3, 1, null)),
  ibuprofen: ADULT_ONLY(rx('IBU', 400, 'mg', 'oral', 'tds', 5, 15, 'Take after food.')),
  diclofenac: ADULT_ONLY(rx('DICLO', 50, 'mg', 'oral', 'tds', 5, 15, 'Take after food.')),
  tramadol: ADULT_ONLY(rx('TRAMADOL', 50, 'mg', 'oral', 'q8h', 3, 9, 'For severe pain only.')),
  amoxicillin: (a) => (a >= 12 ? rx('AMOX', 500, 'mg', 'oral', 'tds', 5, 15, 'Complete the course.') : rx('AMOX-SUSP', a < 5 ? 5 : 10, 'ml', 'oral', 'tds', 5, a < 5 ? 1 : 2, 'Shake well; complete the course.')),
  amoxicillinHigh: ADULT_ONLY(rx('AMOX', 1000, 'mg', 'oral', 'tds', 5, 30, 'Complete the course.')),
  azithromycin: ADULT_ONLY(rx('AZITHRO', 500, 'mg', 'oral', 'od', 3, 3, 'One hour before food.')),
  ciprofloxacin: (a) => (a >= 18 ? rx('CIPRO', 500, 'mg', 'oral', 'bd', 7, 14, 'Avoid antacids and milk within two hours of a dose.') : null),
  ciproShort: (a) => (a >= 18 ? rx('CIPRO', 500, 'mg', 'oral', 'bd', 3, 6, null) : null),
  metronidazole: ADULT_ONLY(rx('METRO', 400, 'mg', 'oral', 'tds', 5, 15, 'No alcohol during the course and for two days after.')),
  doxycycline: ADULT_ONLY(rx('DOXY', 100, 'mg', 'oral', 'bd', 7, 14, 'Take upright with a full glass of water.')),
  cloxacillin: ADULT_ONLY(rx('CLOXA', 500, 'mg', 'oral', 'qid', 5, 20, 'An hour before food.')),
  nitrofurantoin: ADULT_ONLY(rx('NITRO', 100, 'mg', 'oral', 'bd', 5, 10, 'Take with food.')),
  cotrimoxazole: ADULT_ONLY(rx('COTRIM', 960, 'mg', 'oral', 'od', 30, 30, 'Prophylaxis, once a day.')),
  metformin: ADULT_ONLY(rx('METF', 500, 'mg', 'oral', 'bd', 30, 60, 'With breakfast and supper.')),
  glibenclamide: ADULT_ONLY(rx('GLIB', 5, 'mg', 'oral', 'od', 30, 30, 'With breakfast; eat regularly.')),
  insulin: ADULT_ONLY(rx('INSULIN', 10, 'IU', 'sc', 'nocte', 30, 1, 'Inject at bedtime; check sugars each morning.')),
  amlodipine: ADULT_ONLY(rx('AMLO', 5, 'mg', 'oral', 'od', 30, 30, null)),
  losartan: ADULT_ONLY(rx('LOSARTAN', 50, 'mg', 'oral', 'od', 30, 30, null)),
  hctz: ADULT_ONLY(rx('HCTZ', 25, 'mg', 'oral', 'od', 30, 30, 'In the morning.')),
  atorvastatin: ADULT_ONLY(rx('ATORVA', 20, 'mg', 'oral', 'nocte', 30, 30, null)),
  aspirin: ADULT_ONLY(rx('ASPIRIN', 75, 'mg', 'oral', 'od', 30, 30, 'After food.')),
  furosemide: ADULT_ONLY(rx('FUROSEMIDE', 40, 'mg', 'oral', 'od', 30, 30, 'In the morning.')),
  omeprazole: ADULT_ONLY(rx('OMEP', 20, 'mg', 'oral', 'od', 28, 28, 'Before breakfast.')),
  salbutamol: () => rx('SALB', 2, 'puff', 'inhaled', 'prn', null, 1, 'Two puffs when short of breath, up to four times a day.'),
  prednisolone: ADULT_ONLY(rx('PRED', 40, 'mg', 'oral', 'od', 5, 40, 'Eight tablets each morning with food.')),
  ors: (a) => rx('ORS', 1, 'sachet', 'oral', 'prn', 3, a < 5 ? 6 : 10, 'One sachet in a litre of clean water; sip after each loose stool.'),
  zinc: (a) => (a < 5 ? rx('ZINC', a < 1 ? 10 : 20, 'mg', 'oral', 'od', 10, 10, 'Dissolve in a little water.') : null),
  ferrous: ADULT_ONLY(rx('FERROUS', 200, 'mg', 'oral', 'od', 30, 30, 'Stools may turn black.')),
  folic: ADULT_ONLY(rx('FOLIC', 5, 'mg', 'oral', 'od', 30, 30, null)),
  folicChild: (a) => (a >= 1 ? rx('FOLIC', 5, 'mg', 'oral', 'od', 30, 30, null) : null),
  tld: (a) => (a >= 15 ? rx('TLD', 1, 'tablet', 'oral', 'od', 30, 30, 'At the same time every day.') : null),
  levothyroxine: ADULT_ONLY(rx('LEVO', 50, 'µg', 'oral', 'od', 30, 30, 'On an empty stomach, 30 minutes before breakfast.')),
  fluoxetine: (a) => (a >= 16 ? rx('FLUOX', 20, 'mg', 'oral', 'od', 30, 30, 'In the morning; review in four weeks.') : null),
  cetirizine: (a) => (a >= 6 ? rx('CETIRIZINE', 10, 'mg', 'oral', 'od', 5, 5, null) : null),
  albendazole: (a) => (a >= 2 ? rx('ALBEND', 400, 'mg', 'oral', 'once', 1, 1, 'Chew the tablet.') : null),
  chloramphenicolEye: () => rx('CHLORAMPH', 1, 'drop', 'eye', 'qid', 5, 1, 'Both eyes; wash hands before and after.'),
  hydrocortisone: () => rx('HYDROCORT', 1, 'application', 'topical', 'bd', 7, 1, 'Thin layer on the affected skin.'),
  clotrimazole: () => rx('CLOTRIM', 1, 'application', 'topical', 'bd', 14, 1, 'Continue for a week after the rash clears.'),
  tetanus: () => rx('TT', 0.5, 'ml', 'im', 'once', null, 1, null),
  // Ward: injections and drips.
  artesunate: (a) => rx('ARTESUNATE', a >= 12 ? 120 : 60, 'mg', 'iv', 'od', 3, a >= 12 ? 6 : 3, 'At 0, 12 and 24 hours, then daily until able to take tablets.'),
  ceftriaxone: (a) => rx('CEFTRIAXONE', a >= 12 ? 2 : 1, 'g', 'iv', 'od', 5, a >= 12 ? 10 : 5, null),
  ceftriaxoneDay: (a) => rx('CEFTRIAXONE', a >= 12 ? 2 : 1, 'g', 'iv', 'od', 1, a >= 12 ? 2 : 1, null),
  gentamicin: ADULT_ONLY(rx('GENTA', 240, 'mg', 'iv', 'od', 5, 15, 'Check creatinine on day 3.')),
  saline: () => rx('NS', 1000, 'ml', 'iv', 'q8h', 1, 3, null),
  ringers: () => rx('RL', 1000, 'ml', 'iv', 'q8h', 1, 3, null),
  furosemideIv: ADULT_ONLY(rx('FUROSEMIDE', 40, 'mg', 'oral', 'bd', 3, 6, 'Weigh daily.')),
  insulinWard: ADULT_ONLY(rx('INSULIN', 10, 'IU', 'sc', 'bd', 3, 1, 'Adjust to the sliding scale.')),
};

/** A prescription slot: given with probability p, the first alternative that suits the age and no allergy. */
export type RxSlot = readonly [p: number, ...alternatives: (keyof typeof RX)[]];

// ---- clinical pictures ----

export type Bias = 'normal' | 'low' | 'high' | 'abnormal';
export type VitalSign = 'fever' | 'mildFever' | 'hypertension' | 'tachypnoea' | 'hypoxia' | 'tachycardia' | 'hypotension';

export interface Scenario {
  key: string;
  /** Appointment reasons it answers; without a match a visit draws from the scenarios with a weight in its country. */
  reasons?: RegExp;
  /** Weight in Uganda, India and the US for visits whose reason says little. */
  weight: readonly [number, number, number];
  ages?: readonly [number, number];
  sex?: 'female';
  complaints: readonly string[];
  /** ICD-10 codes of the primary diagnosis, the first that the code list holds. */
  primary: readonly string[];
  /** Other diagnoses and how likely each is. */
  secondary?: readonly (readonly [code: string, p: number])[];
  vitals?: readonly VitalSign[];
  tests?: readonly (readonly [code: string, p: number, bias: Bias])[];
  rx?: readonly RxSlot[];
  procedures?: readonly (readonly [catalogCode: string, p: number])[];
  findings: string;
  plan: string;
}

const W = (ug: number, inr: number, us: number) => [ug, inr, us] as const;

/** Outpatient visits. */
export const VISITS: readonly Scenario[] = [
  {
    key: 'malaria', reasons: /fever/i, weight: W(30, 6, 0),
    complaints: ['Fever, headache and joint pains for 3 days', 'High fever with chills since yesterday', 'Fever and vomiting for 2 days', 'Fever and body weakness for 4 days'],
    primary: ['B50.9', 'B54'], vitals: ['fever', 'tachycardia'],
    tests: [['MRDT', 0.75, 'abnormal'], ['MPS', 0.25, 'abnormal'], ['HB', 0.4, 'low'], ['PLT', 0.2, 'low']],
    rx: [[1, 'al'], [0.9, 'paracetamol']],
    findings: 'Febrile, mildly dehydrated, no pallor or jaundice; no neck stiffness.',
    plan: 'Artemether/lumefantrine for 3 days and paracetamol for fever; plenty of fluids. Return at once if vomiting, drowsy or breathing fast.',
  },
  {
    key: 'urti', reasons: /fever|cough/i, weight: W(14, 14, 12),
    complaints: ['Runny nose, sore throat and cough for 4 days', 'Blocked nose and dry cough for a week', 'Sneezing, sore throat and mild fever'],
    primary: ['J06.9'], vitals: ['mildFever'], tests: [['MRDT', 0.15, 'normal']],
    rx: [[0.9, 'paracetamol'], [0.35, 'cetirizine']],
    findings: 'Throat mildly injected, chest clear.',
    plan: 'Viral infection: rest, fluids, paracetamol. No antibiotic needed. Review if not better in a week.',
  },
  {
    key: 'tonsillitis', reasons: /fever|cough/i, weight: W(5, 5, 4),
    complaints: ['Painful swallowing and fever for 3 days', 'Sore throat with swollen glands'],
    primary: ['J03.9', 'J02.9'], vitals: ['fever'],
    rx: [[1, 'amoxicillin', 'azithromycin'], [0.8, 'paracetamol']],
    findings: 'Enlarged tonsils with exudate; tender anterior cervical nodes.',
    plan: 'Amoxicillin for 5 days (azithromycin if allergic), paracetamol, warm fluids.',
  },
  {
    key: 'pneumonia', reasons: /cough|fever|chest/i, weight: W(5, 5, 4),
    complaints: ['Cough with yellow sputum, fever and chest pain for 5 days', 'Fever, fast breathing and cough', 'Productive cough and breathlessness for a week'],
    primary: ['J18.9'], vitals: ['fever', 'tachypnoea', 'hypoxia', 'tachycardia'],
    tests: [['CXR', 0.8, 'abnormal'], ['WBC', 0.6, 'high'], ['CRP', 0.5, 'high']],
    rx: [[1, 'amoxicillinHigh', 'azithromycin', 'amoxicillin'], [0.8, 'paracetamol']],
    findings: 'Crackles at the right base, dull to percussion.',
    plan: 'Community-acquired pneumonia, not severe: oral antibiotics for 5 days, review in 48 hours; admit if SpO₂ falls.',
  },
  {
    key: 'typhoid', reasons: /fever|abdominal/i, weight: W(5, 6, 0), ages: [5, 80],
    complaints: ['Fever rising over a week with abdominal pain', 'Fever, headache and constipation for 8 days'],
    primary: ['A01.0'], vitals: ['fever'],
    tests: [['TYPH', 0.7, 'abnormal'], ['WBC', 0.4, 'low'], ['MRDT', 0.3, 'normal']],
    rx: [[1, 'ciprofloxacin', 'azithromycin'], [0.8, 'paracetamol']],
    findings: 'Febrile, coated tongue, mild tenderness in the right iliac fossa.',
    plan: 'Enteric fever: antibiotic for 7 days, safe water and hand washing; review in a week.',
  },
  {
    key: 'gastroenteritis', reasons: /abdominal|fever|vomit|diarr/i, weight: W(6, 7, 4),
    complaints: ['Watery diarrhoea and vomiting since yesterday', 'Loose stools six times a day for 2 days with cramps'],
    primary: ['A09'], secondary: [['E86', 0.25]], vitals: ['mildFever', 'tachycardia'],
    tests: [['STOOL', 0.35, 'abnormal'], ['NA', 0.2, 'low'], ['K', 0.2, 'low']],
    rx: [[1, 'ors'], [0.9, 'zinc'], [0.25, 'metronidazole']],
    findings: 'Mildly dehydrated, abdomen soft, bowel sounds active.',
    plan: 'Oral rehydration after each loose stool; zinc for children; return if blood in the stool or unable to drink.',
  },
  {
    key: 'uti', reasons: /abdominal|fever|urin/i, weight: W(5, 5, 5), ages: [16, 90], sex: 'female',
    complaints: ['Burning on passing urine and frequency for 3 days', 'Lower abdominal pain and cloudy urine'],
    primary: ['N39.0'], vitals: ['mildFever'], tests: [['URINE', 0.9, 'abnormal'], ['UPT', 0.2, 'normal']],
    rx: [[1, 'nitrofurantoin', 'ciproShort']],
    findings: 'Suprapubic tenderness; no loin tenderness.',
    plan: 'Uncomplicated cystitis: nitrofurantoin for 5 days, plenty of fluids.',
  },
  {
    key: 'hypertension', reasons: /blood pressure|hypertension|chest pain|palpitation|headache|follow-up|review/i, weight: W(8, 10, 14), ages: [30, 95],
    complaints: ['Blood pressure review', 'Occasional headaches; here for blood pressure medicine', 'Routine review of hypertension'],
    primary: ['I10'], secondary: [['E11.9', 0.15], ['E78.5', 0.15]], vitals: ['hypertension'],
    tests: [['CREAT', 0.4, 'normal'], ['NA', 0.25, 'normal'], ['K', 0.25, 'normal'], ['CHOL', 0.3, 'high']],
    rx: [[1, 'amlodipine', 'losartan'], [0.35, 'hctz', 'losartan']],
    findings: 'No oedema; heart sounds normal; fundi not examined.',
    plan: 'Continue treatment, less salt, regular exercise; review in a month with a BP diary.',
  },
  {
    key: 'diabetes', reasons: /diabetes|fatigue|follow-up|review/i, weight: W(5, 10, 10), ages: [30, 95],
    complaints: ['Diabetes review', 'Thirst, passing a lot of urine and weight loss', 'Routine diabetes check; sugars high at home'],
    primary: ['E11.9'], secondary: [['I10', 0.35], ['E78.5', 0.2]],
    tests: [['GLU', 0.8, 'high'], ['HBA1C', 0.6, 'high'], ['CREAT', 0.3, 'normal'], ['URINE', 0.2, 'abnormal']],
    rx: [[1, 'metformin'], [0.3, 'glibenclamide'], [0.08, 'insulin']],
    findings: 'Feet: pulses present, sensation intact.',
    plan: 'Metformin; diet and exercise advice; HbA1c again in three months; annual eye review.',
  },
  {
    key: 'gastritis', reasons: /abdominal|follow-up/i, weight: W(4, 5, 4), ages: [15, 90],
    complaints: ['Burning upper abdominal pain after meals', 'Heartburn and bloating for a month'],
    primary: ['K29.7', 'K30', 'K21.9'], tests: [['HB', 0.15, 'normal']],
    rx: [[1, 'omeprazole']],
    findings: 'Epigastric tenderness; no mass.',
    plan: 'Omeprazole for 4 weeks; avoid NSAIDs, alcohol and late meals.',
  },
  {
    key: 'asthma', reasons: /cough|asthma/i, weight: W(3, 3, 5),
    complaints: ['Wheeze and tight chest at night', 'Shortness of breath and wheezing since yesterday'],
    primary: ['J45.9'], vitals: ['tachypnoea', 'hypoxia'],
    rx: [[1, 'salbutamol'], [0.5, 'prednisolone']], procedures: [['TRT-NEB', 0.4]],
    findings: 'Bilateral expiratory wheeze; speaking in full sentences.',
    plan: 'Salbutamol inhaler as needed, short steroid course; review inhaler technique.',
  },
  {
    key: 'anaemia', reasons: /fatigue|review/i, weight: W(3, 5, 2),
    complaints: ['Tiredness and dizziness for a month', 'Looking pale, short of breath on walking'],
    primary: ['D64.9', 'D50.9'], tests: [['HB', 0.95, 'low'], ['STOOL', 0.2, 'abnormal']],
    rx: [[1, 'ferrous'], [0.8, 'folic']],
    findings: 'Conjunctival pallor; no jaundice.',
    plan: 'Iron and folic acid for 3 months; haemoglobin again in 4 weeks.',
  },
  {
    key: 'backPain', reasons: /back pain|joint pain|knee pain|physiotherapy/i, weight: W(3, 4, 5), ages: [18, 90],
    complaints: ['Low back pain after lifting, 5 days', 'Chronic low back pain, worse in the morning'],
    primary: ['M54.5', 'M54.9'], tests: [['XR-LSPINE', 0.2, 'abnormal']],
    rx: [[1, 'ibuprofen', 'diclofenac', 'paracetamol']], procedures: [['TRT-PHYSIO', 0.3]],
    findings: 'Paraspinal tenderness; straight-leg raise negative; no neurological deficit.',
    plan: 'Analgesia, keep active, physiotherapy exercises.',
  },
  {
    key: 'osteoarthritis', reasons: /joint pain|knee pain/i, weight: W(1, 3, 3), ages: [45, 95],
    complaints: ['Painful knees when climbing stairs', 'Knee swelling and stiffness'],
    primary: ['M17.9', 'M19.9'], tests: [['XR-LIMB', 0.3, 'normal']],
    rx: [[1, 'diclofenac', 'paracetamol']], procedures: [['TRT-PHYSIO', 0.35]],
    findings: 'Crepitus in both knees; no effusion.',
    plan: 'Weight loss, quadriceps exercises, analgesia.',
  },
  {
    key: 'skinInfection', reasons: /wound|injury/i, weight: W(3, 2, 2),
    complaints: ['Painful red swelling of the leg', 'Boil on the thigh for a week'],
    primary: ['L03.9', 'L02.9'], vitals: ['mildFever'],
    rx: [[1, 'cloxacillin', 'doxycycline'], [0.6, 'paracetamol']], procedures: [['PRC-I&D', 0.3], ['TRT-DRESS', 0.6]],
    findings: 'Warm, tender erythema with a fluctuant centre.',
    plan: 'Drain if fluctuant, antibiotics for 5 days, daily dressing.',
  },
  {
    key: 'wound', reasons: /wound|injury|suture/i, weight: W(3, 2, 2),
    complaints: ['Cut on the hand with a kitchen knife', 'Laceration of the forehead after a fall'],
    primary: ['T14.1'], rx: [[0.6, 'tetanus'], [0.3, 'amoxicillin', 'cloxacillin'], [0.7, 'paracetamol']],
    procedures: [['TRT-SUTURE', 0.6], ['TRT-DRESS', 0.7]],
    findings: 'Clean laceration, no tendon involvement, sensation intact.',
    plan: 'Wound cleaned and closed; tetanus toxoid; sutures out in 7 days.',
  },
  {
    key: 'injury', reasons: /fracture|injury|cast|joint pain/i, weight: W(2, 2, 2),
    complaints: ['Fell on an outstretched hand; painful swollen wrist', 'Twisted ankle playing football'],
    primary: ['S52.5', 'S93.4'], tests: [['XR-LIMB', 0.9, 'abnormal']],
    rx: [[1, 'ibuprofen', 'paracetamol']], procedures: [['PRC-CAST', 0.45]],
    findings: 'Swelling and tenderness; neurovascular status intact.',
    plan: 'Immobilise, elevate, analgesia; fracture clinic in 1 week.',
  },
  {
    key: 'antenatal', reasons: /antenatal|ultrasound|postnatal/i, weight: W(4, 3, 2), ages: [16, 44], sex: 'female',
    complaints: ['Antenatal visit', 'First antenatal visit, 14 weeks pregnant', 'Antenatal review at 28 weeks'],
    primary: ['Z34.9', 'Z34.0', 'Z34'], tests: [['HB', 0.7, 'normal'], ['URINE', 0.6, 'normal'], ['US-OBS', 0.5, 'normal'], ['HIV', 0.4, 'normal']],
    rx: [[0.9, 'ferrous'], [0.9, 'folic']],
    findings: 'Fundal height consistent with dates; fetal heart heard.',
    plan: 'Iron and folic acid; next antenatal visit in 4 weeks.',
  },
  {
    key: 'hypothyroidism', reasons: /fatigue|follow-up|review/i, weight: W(1, 4, 3), ages: [25, 90], sex: 'female',
    complaints: ['Tiredness, weight gain and feeling cold', 'Thyroid review'],
    primary: ['E03.9'], tests: [['TSH', 0.9, 'high']], rx: [[1, 'levothyroxine']],
    findings: 'Dry skin, slow relaxing reflexes.',
    plan: 'Levothyroxine; TSH again in 6 weeks.',
  },
  {
    key: 'lipids', reasons: /follow-up|review|check/i, weight: W(1, 3, 8), ages: [35, 90],
    complaints: ['Cholesterol review', 'Raised cholesterol at a work screening'],
    primary: ['E78.5', 'E78.0'], tests: [['CHOL', 0.9, 'high'], ['ALT', 0.3, 'normal']], rx: [[1, 'atorvastatin']],
    findings: 'No xanthelasma.',
    plan: 'Atorvastatin at night, diet advice; lipids again in 3 months.',
  },
  {
    key: 'depression', reasons: /fatigue|follow-up|referral/i, weight: W(1, 1, 5), ages: [16, 90],
    complaints: ['Low mood and poor sleep for two months', 'Loss of interest and tiredness'],
    primary: ['F32.9'], rx: [[0.8, 'fluoxetine']],
    findings: 'Flat affect; no thoughts of self-harm.',
    plan: 'Fluoxetine, counselling referral; review in 4 weeks.',
  },
  {
    key: 'copd', reasons: /cough|follow-up/i, weight: W(1, 2, 4), ages: [45, 95],
    complaints: ['Breathless on walking, chronic cough', 'Worse cough and sputum for a week'],
    primary: ['J44.9'], vitals: ['hypoxia', 'tachypnoea'], tests: [['CXR', 0.4, 'abnormal']],
    rx: [[1, 'salbutamol'], [0.4, 'prednisolone']],
    findings: 'Prolonged expiration, scattered wheeze.',
    plan: 'Inhalers, stop smoking; pulmonary rehabilitation.',
  },
  {
    key: 'heartFailure', reasons: /chest pain|palpitation|follow-up/i, weight: W(1, 1, 3), ages: [50, 95],
    complaints: ['Swollen legs and breathless lying flat', 'Heart failure review'],
    primary: ['I50.9'], secondary: [['I10', 0.5]], vitals: ['tachycardia'],
    tests: [['CXR', 0.5, 'abnormal'], ['CREAT', 0.5, 'high'], ['NA', 0.4, 'low'], ['K', 0.4, 'normal']],
    rx: [[1, 'furosemide'], [0.5, 'losartan']],
    findings: 'Bibasal crackles, pitting oedema to the knees, raised JVP.',
    plan: 'Diuretic, daily weights, fluid restriction; review in 2 weeks.',
  },
  {
    key: 'otitis', reasons: /fever|ear/i, weight: W(2, 2, 2), ages: [0, 11],
    complaints: ['Ear pain and fever, pulling at the ear', 'Discharge from the right ear'],
    primary: ['H66.9'], vitals: ['fever'], rx: [[1, 'amoxicillin'], [0.9, 'paracetamol']],
    findings: 'Bulging red tympanic membrane.',
    plan: 'Amoxicillin for 5 days, analgesia; review if not better in 3 days.',
  },
  {
    key: 'conjunctivitis', reasons: /eye/i, weight: W(2, 2, 1),
    complaints: ['Red sticky eyes for 2 days'], primary: ['H10.9'], rx: [[1, 'chloramphenicolEye']],
    findings: 'Bilateral conjunctival injection with discharge; acuity normal.',
    plan: 'Chloramphenicol drops, hand hygiene.',
  },
  {
    key: 'hiv', reasons: /follow-up|review/i, weight: W(6, 1, 0.5), ages: [15, 80],
    complaints: ['HIV clinic review, doing well', 'ART refill'],
    primary: ['B24', 'Z21'], tests: [['CREAT', 0.3, 'normal'], ['ALT', 0.3, 'normal'], ['HB', 0.3, 'normal']],
    rx: [[1, 'tld'], [0.6, 'cotrimoxazole']],
    findings: 'Well; weight stable; no oral thrush.',
    plan: 'Continue ART; adherence counselling; viral load due in 3 months.',
  },
  {
    key: 'checkup', reasons: /check|certificate|growth|immunisation|pre-operative|family planning/i, weight: W(2, 3, 6),
    complaints: ['Routine check-up', 'Medical examination for work', 'Pre-operative assessment'],
    primary: ['Z00.0', 'Z01.8'], tests: [['GLU', 0.3, 'normal'], ['CHOL', 0.2, 'normal'], ['HB', 0.2, 'normal']],
    findings: 'Examination normal.',
    plan: 'Fit; healthy lifestyle advice.',
  },
  {
    key: 'dental', reasons: /tooth|dental|extraction|filling/i, weight: W(0, 0, 0),
    complaints: ['Toothache in a lower molar for a week', 'Swollen gum and toothache'],
    primary: ['K02.9', 'K04.7'], rx: [[0.4, 'amoxicillin', 'metronidazole'], [0.9, 'ibuprofen', 'paracetamol']],
    findings: 'Deep caries of the lower left first molar, tender to percussion.',
    plan: 'Filling or extraction at the next visit; analgesia.',
  },
  {
    key: 'headache', reasons: /headache/i, weight: W(2, 2, 2), ages: [10, 90],
    complaints: ['Throbbing headache with nausea', 'Headaches most afternoons for two weeks'],
    primary: ['R51', 'G43.9', 'G44.2'], rx: [[1, 'paracetamol', 'ibuprofen']],
    findings: 'Neurological examination normal; no papilloedema.',
    plan: 'Analgesia, sleep and fluids; headache diary.',
  },
  {
    key: 'sickleCell', reasons: /fever|follow-up/i, weight: W(2, 0.5, 0.2), ages: [1, 40],
    complaints: ['Sickle cell clinic review', 'Bone pains and fever'],
    primary: ['D57.1', 'D57.0'], tests: [['HB', 0.9, 'low']], rx: [[1, 'folicChild'], [0.6, 'paracetamol']],
    findings: 'Mild pallor and jaundice; spleen not palpable.',
    plan: 'Folic acid daily, fluids, malaria prevention; review in 3 months.',
  },
  {
    key: 'worms', reasons: /abdominal|growth/i, weight: W(3, 2, 0), ages: [2, 15],
    complaints: ['Abdominal pain and poor appetite', 'Worms seen in the stool'],
    primary: ['B82.9', 'B77.9'], tests: [['STOOL', 0.6, 'abnormal'], ['HB', 0.2, 'low']], rx: [[1, 'albendazole']],
    findings: 'Abdomen soft, mild pallor.',
    plan: 'Albendazole single dose; hand washing; repeat in 6 months.',
  },
  {
    key: 'abdominalPain', reasons: /abdominal|ultrasound/i, weight: W(2, 2, 3), ages: [12, 90],
    complaints: ['Intermittent abdominal pain for two weeks', 'Right upper abdominal pain after fatty meals'],
    primary: ['R10.4', 'K80.2'], tests: [['US-ABD', 0.7, 'abnormal'], ['WBC', 0.3, 'normal'], ['ALT', 0.3, 'normal'], ['BILI', 0.2, 'normal']],
    rx: [[0.7, 'omeprazole'], [0.5, 'paracetamol']],
    findings: 'Tender right upper quadrant, Murphy sign equivocal.',
    plan: 'Ultrasound; surgical review if gallstones confirmed.',
  },
  {
    key: 'postOp', reasons: /post-operative|post-discharge|hernia|suture removal|wound review/i, weight: W(0, 0, 0),
    complaints: ['Post-operative review', 'Wound check after surgery', 'Reducible lump in the groin'],
    primary: ['Z48.0', 'Z09', 'K40.9'], procedures: [['TRT-DRESS', 0.6]], rx: [[0.3, 'paracetamol']],
    findings: 'Wound healing well, no discharge.',
    plan: 'Sutures removed; review as needed.',
  },
  {
    key: 'kidney', reasons: /kidney|dialysis/i, weight: W(0, 0, 0), ages: [30, 95],
    complaints: ['Kidney function review', 'Swollen ankles and reduced urine'],
    primary: ['N18.9'], secondary: [['I10', 0.6], ['E11.9', 0.3]],
    tests: [['CREAT', 0.9, 'high'], ['UREA', 0.7, 'high'], ['K', 0.6, 'high'], ['HB', 0.4, 'low']],
    rx: [[0.6, 'furosemide'], [0.5, 'amlodipine']],
    findings: 'Pedal oedema; BP raised.',
    plan: 'Renal diet, review medicines; dialysis planning if eGFR keeps falling.',
  },
  {
    key: 'stroke', reasons: /stroke/i, weight: W(0, 0, 0), ages: [40, 95],
    complaints: ['Stroke rehabilitation review'], primary: ['I69.4', 'I63.9', 'I64'], secondary: [['I10', 0.7]],
    rx: [[0.8, 'aspirin'], [0.6, 'atorvastatin']], procedures: [['TRT-PHYSIO', 0.8]],
    findings: 'Residual right-sided weakness, power 4/5; walking with a stick.',
    plan: 'Physiotherapy, secondary prevention.',
  },
  {
    key: 'oncology', reasons: /chemotherapy/i, weight: W(0, 0, 0), ages: [18, 90],
    complaints: ['Review before the next chemotherapy cycle'], primary: ['Z51.1', 'C50.9'],
    tests: [['HB', 0.9, 'low'], ['WBC', 0.9, 'low'], ['PLT', 0.9, 'low'], ['CREAT', 0.5, 'normal'], ['ALT', 0.5, 'normal']],
    rx: [[0.5, 'paracetamol']],
    findings: 'Well; mucositis grade 1.',
    plan: 'Proceed with the cycle if counts allow.',
  },
  {
    key: 'imaging', reasons: /x-ray|ct scan|mri|mammogram/i, weight: W(0, 0, 0),
    complaints: ['Referred for imaging'], primary: ['R52.9', 'R69', 'Z01.8'], tests: [['CXR', 0.5, 'normal'], ['XR-LIMB', 0.4, 'normal'], ['CT-HEAD', 0.2, 'normal']],
    findings: 'As per referral.', plan: 'Report sent to the referring doctor.',
  },
];

/** Ward rounds: the picture of a stay, chosen by its reason for admission. */
export const ROUNDS: readonly (Scenario & { reasons: RegExp })[] = [
  {
    key: 'severeMalaria', reasons: /malaria/i, weight: W(0, 0, 0), complaints: ['Severe malaria'], primary: ['B50.9', 'B54'], vitals: ['fever', 'tachycardia'],
    tests: [['MRDT', 0.9, 'abnormal'], ['HB', 0.8, 'low'], ['GLU', 0.6, 'normal'], ['CREAT', 0.4, 'normal']],
    rx: [[1, 'artesunate'], [0.9, 'paracetamol'], [0.5, 'saline']], procedures: [['TRT-IVF', 0.5]],
    findings: 'Febrile, prostrate on admission, now taking orally.', plan: 'IV artesunate, then a full course of artemether/lumefantrine; monitor glucose.',
  },
  {
    key: 'pneumoniaWard', reasons: /pneumonia|respiratory|tuberculosis|measles/i, weight: W(0, 0, 0), complaints: ['Pneumonia on treatment'], primary: ['J18.9', 'J96.0', 'A16.2', 'B05.9'],
    vitals: ['fever', 'tachypnoea', 'hypoxia'], tests: [['CXR', 0.7, 'abnormal'], ['WBC', 0.7, 'high'], ['CRP', 0.6, 'high']],
    rx: [[1, 'ceftriaxone'], [0.8, 'paracetamol']], procedures: [['TRT-NEB', 0.2]],
    findings: 'Crackles at the bases; on oxygen by nasal prongs.', plan: 'IV ceftriaxone, oxygen to keep SpO₂ above 94%, chest physiotherapy.',
  },
  {
    key: 'surgery', reasons: /appendicitis|hernia|cholecystectomy|caesarean|knee replacement|hip fracture|post-operative|head injury/i, weight: W(0, 0, 0),
    complaints: ['Post-operative day'], primary: ['K35.8', 'K35.9', 'K40.9', 'K80.2', 'O82.9', 'M17.9', 'S72.0', 'S06.9', 'Z48.8'],
    tests: [['HB', 0.6, 'low'], ['WBC', 0.5, 'normal'], ['CREAT', 0.3, 'normal']],
    rx: [[0.8, 'ceftriaxone'], [0.5, 'metronidazole'], [0.9, 'tramadol', 'paracetamol'], [0.4, 'ringers']], procedures: [['TRT-DRESS', 0.6], ['TRT-IVF', 0.3]],
    findings: 'Wound clean and dry; tolerating oral fluids; mobilising.', plan: 'Analgesia, antibiotics as charted, early mobilisation.',
  },
  {
    key: 'dka', reasons: /ketoacidosis/i, weight: W(0, 0, 0), complaints: ['Diabetic ketoacidosis'], primary: ['E11.1', 'E11.9', 'E10.1'], vitals: ['tachycardia', 'tachypnoea'],
    tests: [['GLU', 1, 'high'], ['K', 0.9, 'low'], ['NA', 0.7, 'normal'], ['CREAT', 0.6, 'high'], ['URINE', 0.5, 'abnormal']],
    rx: [[1, 'insulinWard'], [1, 'saline']], procedures: [['TRT-IVF', 0.6]],
    findings: 'Ketotic breath improving; drowsy on admission, now alert.', plan: 'Fixed-rate insulin, fluids and potassium per protocol; hourly glucose.',
  },
  {
    key: 'strokeWard', reasons: /stroke/i, weight: W(0, 0, 0), complaints: ['Acute stroke'], primary: ['I63.9', 'I64'], secondary: [['I10', 0.7]], vitals: ['hypertension'],
    tests: [['CT-HEAD', 0.8, 'abnormal'], ['GLU', 0.6, 'normal'], ['CHOL', 0.4, 'high']], rx: [[0.9, 'aspirin'], [0.7, 'atorvastatin']], procedures: [['TRT-PHYSIO', 0.5]],
    findings: 'Right hemiparesis, speech improving; swallow screen passed.', plan: 'Antiplatelet, statin, physiotherapy; BP targets.',
  },
  {
    key: 'cardiac', reasons: /heart failure|chest pain|cardiac arrest/i, weight: W(0, 0, 0), complaints: ['Heart failure exacerbation'], primary: ['I50.9', 'I20.9', 'I46.9', 'R07.4'], secondary: [['I10', 0.6]],
    vitals: ['tachycardia', 'hypoxia'], tests: [['CXR', 0.6, 'abnormal'], ['CREAT', 0.7, 'high'], ['NA', 0.6, 'low'], ['K', 0.6, 'normal']], rx: [[1, 'furosemideIv'], [0.6, 'aspirin']],
    findings: 'Less breathless; crackles at the bases; oedema reducing.', plan: 'Diuresis with daily weights and fluid balance; renal function every other day.',
  },
  {
    key: 'dehydration', reasons: /gastroenteritis|cholera/i, weight: W(0, 0, 0), complaints: ['Gastroenteritis with dehydration'], primary: ['A09', 'A00.9'], secondary: [['E86', 0.8]],
    vitals: ['tachycardia', 'hypotension'], tests: [['NA', 0.8, 'low'], ['K', 0.8, 'low'], ['CREAT', 0.6, 'high']], rx: [[1, 'ringers'], [0.7, 'ors'], [0.5, 'zinc']], procedures: [['TRT-IVF', 0.7]],
    findings: 'Still loose stools, drinking well; mucous membranes moist.', plan: 'IV fluids until drinking enough, then oral rehydration.',
  },
  {
    key: 'infection', reasons: /cellulitis|pyelonephritis|septic|mrsa|sepsis/i, weight: W(0, 0, 0), complaints: ['Infection on IV antibiotics'], primary: ['L03.1', 'L03.9', 'N10', 'A41.9', 'T81.4'],
    vitals: ['fever', 'tachycardia'], tests: [['WBC', 0.8, 'high'], ['CRP', 0.7, 'high'], ['CREAT', 0.5, 'normal'], ['URINE', 0.3, 'abnormal']],
    rx: [[1, 'ceftriaxone'], [0.3, 'gentamicin'], [0.8, 'paracetamol']], procedures: [['TRT-DRESS', 0.4]],
    findings: 'Fever settling; erythema receding from the marked line.', plan: 'IV antibiotics for 48 hours after the fever settles, then oral.',
  },
  {
    key: 'asthmaWard', reasons: /asthma/i, weight: W(0, 0, 0), complaints: ['Asthma exacerbation'], primary: ['J45.9', 'J46'], vitals: ['tachypnoea', 'hypoxia'],
    rx: [[1, 'salbutamol'], [0.9, 'prednisolone']], procedures: [['TRT-NEB', 0.8]],
    findings: 'Wheeze improving, peak flow 70% of best.', plan: 'Nebulised salbutamol 4-hourly, oral steroids, step down to inhalers.',
  },
  {
    key: 'sickleCrisis', reasons: /sickle/i, weight: W(0, 0, 0), complaints: ['Sickle cell crisis'], primary: ['D57.0'], vitals: ['fever'],
    tests: [['HB', 0.9, 'low'], ['WBC', 0.5, 'high']], rx: [[1, 'tramadol', 'paracetamol'], [0.8, 'saline'], [0.6, 'folicChild']], procedures: [['TRT-IVF', 0.5]],
    findings: 'Bone pain easing; well hydrated.', plan: 'Analgesia, IV fluids, warmth; transfuse if haemoglobin below 6.',
  },
  {
    key: 'obstetric', reasons: /eclampsia/i, weight: W(0, 0, 0), complaints: ['Eclampsia'], primary: ['O15.9', 'O14.9'], vitals: ['hypertension'],
    tests: [['URINE', 0.9, 'abnormal'], ['PLT', 0.7, 'low'], ['CREAT', 0.6, 'normal'], ['ALT', 0.6, 'high']], rx: [[0.6, 'saline']],
    findings: 'No further fits; BP controlled; reflexes brisk.', plan: 'Magnesium sulfate for 24 hours after the last fit; BP control.',
  },
  {
    key: 'isolation', reasons: /chickenpox|haemorrhagic|viral/i, weight: W(0, 0, 0), complaints: ['In isolation'], primary: ['B01.9', 'A99', 'B34.9'], vitals: ['fever'],
    tests: [['WBC', 0.6, 'low'], ['PLT', 0.6, 'low']], rx: [[0.9, 'paracetamol'], [0.4, 'saline']],
    findings: 'Febrile, rash crusting; barrier nursing.', plan: 'Supportive care in isolation; notify public health.',
  },
  {
    key: 'generalWard', reasons: /./, weight: W(0, 0, 0), complaints: ['Inpatient review'], primary: ['R50.9', 'R69', 'Z03.9'], vitals: ['mildFever'],
    tests: [['HB', 0.5, 'normal'], ['WBC', 0.4, 'normal'], ['CREAT', 0.4, 'normal']], rx: [[0.7, 'paracetamol']],
    findings: 'Comfortable; observations stable.', plan: 'Continue current management.',
  },
];

/** Test orders cancelled now and then, and why. */
export const TEST_CANCEL_REASONS = ['Sample haemolysed; patient left before a repeat', 'Ordered twice in error', 'Patient declined', 'Done at another laboratory'];
export const PRESCRIPTION_CANCEL_REASONS = ['Changed to another medicine', 'Patient already has it at home', 'Prescribed in error'];

/** Who the hospitals buy medicine from. */
export const SUPPLIERS: Record<string, readonly string[]> = {
  UG: ['National Medical Stores', 'Joint Medical Store', 'Surgipharm Uganda', 'Abacus Pharma (A) Ltd', 'Quality Chemicals Ltd'],
  IN: ['Mahaveer Medi-Sales', 'Deccan Pharma Distributors', 'Pune District Chemists Co-op', 'Sai Surgical & Pharma'],
  US: ['McKesson', 'Cardinal Health', 'Cencora', 'Medline Industries'],
};
