// The demo chain: six hospitals in three countries, with the places, phones, insurers and illnesses of each site's patients.
import type { Role } from '@shared/domain/roles';
import type { BLOOD_GROUPS } from '@shared/contract/patients';

/** How the people of a site are named: Ugandan region, Maharashtra (Latin or Devanagari), or Massachusetts. */
export type NameStyle = { kind: 'uganda'; region: 'Central' | 'Northern' | 'Western' | 'Eastern' } | { kind: 'india' } | { kind: 'us' };

export interface Locality {
  city: string;
  region: string;
  weight: number;
  /** Postal codes of the place; empty where people do not use them (Uganda). */
  postcodes: readonly string[];
  /** Streets, roads or neighbourhoods that addresses are built from. */
  streets: readonly string[];
}

export interface SiteDefinition {
  code: string;
  name: string;
  country: 'UG' | 'IN' | 'US';
  region: string;
  address: string;
  timeZone: string;
  currency: string;
  defaultTaxRateBp: number;
  patientNumberFormat: string;
  /** Share of the chain's patients registered at this site. */
  share: number;
  names: NameStyle;
  localities: readonly Locality[];
  /** US area codes the site's patients dial from (other countries use the national mobile plan). */
  areaCodes?: readonly string[];
  departments: readonly string[];
  /** Weights of the age bands 0–4, 5–14, 15–24, …, 75–84, 85–95. */
  ageBands: readonly number[];
  emailRate: number;
  nationalIdRate: number;
  insuranceRate: number;
  insurers: readonly string[];
  conditions: readonly string[];
}

export const AGE_BANDS: readonly (readonly [number, number])[] = [
  [0, 4], [5, 14], [15, 24], [25, 34], [35, 44], [45, 54], [55, 64], [65, 74], [75, 84], [85, 95],
];

const CORE_DEPARTMENTS = ['Emergency', 'Surgery', 'Nursing', 'Radiology', 'Physical Medicine', 'Pediatrics', 'Laboratory', 'Outpatients', 'Pharmacy'];

const UGANDA_INSURERS = ['Jubilee Health Insurance', 'AAR Health Services', 'Prudential Assurance Uganda', 'Sanlam General Insurance', 'ICEA Lion', 'UAP Old Mutual', 'Liberty Health'];
const UGANDA_CONDITIONS = [
  'Hypertension', 'Type 2 diabetes', 'Asthma', 'HIV (on ART)', 'Sickle cell disease', 'Epilepsy', 'Chronic kidney disease', 'Hepatitis B',
  'Heart failure', 'Peptic ulcer disease',
];
const UGANDA_AGES = [14, 14, 18, 18, 12, 9, 7, 5, 2.5, 0.5];

type UgandaRegion = Extract<NameStyle, { kind: 'uganda' }>['region'];

/** A Ugandan site: what every one shares (zone, shilling, VAT, ages, insurers, illnesses), its people named by its region. */
const ugandanSite = (site: Omit<SiteDefinition, 'country' | 'region' | 'timeZone' | 'currency' | 'defaultTaxRateBp' | 'names' | 'ageBands' | 'insurers' | 'conditions'> & { region: UgandaRegion }): SiteDefinition => ({
  ...site,
  country: 'UG',
  timeZone: 'Africa/Kampala',
  currency: 'UGX',
  defaultTaxRateBp: 1800,
  names: { kind: 'uganda', region: site.region },
  ageBands: UGANDA_AGES,
  insurers: UGANDA_INSURERS,
  conditions: UGANDA_CONDITIONS,
});

const MASSACHUSETTS_STREETS = [
  'Washington Street', 'Massachusetts Avenue', 'Beacon Street', 'Commonwealth Avenue', 'Boylston Street', 'Tremont Street', 'Centre Street',
  'Dorchester Avenue', 'Blue Hill Avenue', 'Cambridge Street', 'Broadway', 'Main Street', 'Highland Avenue', 'Elm Street', 'Summer Street',
  'Hancock Street', 'Harvard Street', 'Adams Street',
];

export const SITES: readonly SiteDefinition[] = [
  ugandanSite({
    code: 'KLA',
    name: 'Nile Health Kampala',
    region: 'Central',
    address: 'Plot 12, Kira Road, Kamwokya, Kampala',
    patientNumberFormat: 'KLA/{seq:6}',
    share: 0.32,
    localities: [
      { city: 'Kampala', region: 'Central', weight: 55, postcodes: [], streets: ['Kampala Road', 'Jinja Road', 'Entebbe Road', 'Bombo Road', 'Gayaza Road', 'Ggaba Road', 'Kira Road', 'Salaama Road', 'Namirembe Road', 'Ntinda Road', 'Mengo Hill Road', 'Kabusu Road'] },
      { city: 'Wakiso', region: 'Central', weight: 15, postcodes: [], streets: ['Hoima Road', 'Nansana Road', 'Kasangati Road', 'Matugga Road'] },
      { city: 'Mukono', region: 'Central', weight: 10, postcodes: [], streets: ['Kayunga Road', 'Jinja Road', 'Seeta Road'] },
      { city: 'Entebbe', region: 'Central', weight: 10, postcodes: [], streets: ['Kampala Road', 'Circular Road', 'Church Road', 'Gowers Road'] },
      { city: 'Masaka', region: 'Central', weight: 5, postcodes: [], streets: ['Elgin Street', 'Hobart Street', 'Kampala Road'] },
      { city: 'Mityana', region: 'Central', weight: 5, postcodes: [], streets: ['Mubende Road', 'Kampala Road'] },
    ],
    departments: [...CORE_DEPARTMENTS, 'Cardiology', 'Internal Medicine', 'Obstetrics & Gynaecology', 'Oncology', 'Dental'],
    emailRate: 0.3,
    nationalIdRate: 0.45,
    insuranceRate: 0.18,
  }),
  ugandanSite({
    code: 'GUL',
    name: 'Nile Health Gulu',
    region: 'Northern',
    address: 'Plot 5, Awich Road, Gulu',
    patientNumberFormat: 'GUL/{seq:6}',
    share: 0.12,
    localities: [
      { city: 'Gulu', region: 'Northern', weight: 55, postcodes: [], streets: ['Awich Road', 'Churchill Drive', 'Coronation Road', 'Olya Road', 'Upper Camp Road', 'Pece Road', 'Acholi Road'] },
      { city: 'Lira', region: 'Northern', weight: 15, postcodes: [], streets: ['Obote Avenue', 'Soroti Road', 'Kyoga Road'] },
      { city: 'Kitgum', region: 'Northern', weight: 12, postcodes: [], streets: ['Gulu Road', 'Pager Road', 'Uhuru Drive'] },
      { city: 'Amuru', region: 'Northern', weight: 10, postcodes: [], streets: ['Atiak Road', 'Gulu Road'] },
      { city: 'Pader', region: 'Northern', weight: 8, postcodes: [], streets: ['Kitgum Road', 'Pajule Road'] },
    ],
    departments: [...CORE_DEPARTMENTS, 'Maternity'],
    emailRate: 0.15,
    nationalIdRate: 0.35,
    insuranceRate: 0.08,
  }),
  ugandanSite({
    code: 'MBR',
    name: 'Nile Health Mbarara',
    region: 'Western',
    address: 'Plot 20, High Street, Mbarara',
    patientNumberFormat: 'MBR/{seq:6}',
    share: 0.13,
    localities: [
      { city: 'Mbarara', region: 'Western', weight: 50, postcodes: [], streets: ['High Street', 'Masaka Road', 'Kabale Road', 'Buremba Road', 'Bananuka Drive', 'Kamukuzi Road', 'Mbaguta Street'] },
      { city: 'Bushenyi', region: 'Western', weight: 14, postcodes: [], streets: ['Ishaka Road', 'Kizinda Road'] },
      { city: 'Ibanda', region: 'Western', weight: 12, postcodes: [], streets: ['Mbarara Road', 'Kamwenge Road'] },
      { city: 'Ntungamo', region: 'Western', weight: 12, postcodes: [], streets: ['Kabale Road', 'Rukungiri Road'] },
      { city: 'Kabale', region: 'Western', weight: 12, postcodes: [], streets: ['Kisoro Road', 'Mbarara Road', 'Nyerere Avenue'] },
    ],
    departments: [...CORE_DEPARTMENTS, 'Cardiology', 'Maternity'],
    emailRate: 0.2,
    nationalIdRate: 0.4,
    insuranceRate: 0.1,
  }),
  ugandanSite({
    code: 'JIN',
    name: 'Nile Health Jinja',
    region: 'Eastern',
    address: 'Plot 8, Nile Avenue, Jinja',
    patientNumberFormat: 'JIN/{seq:6}',
    share: 0.13,
    localities: [
      { city: 'Jinja', region: 'Eastern', weight: 45, postcodes: [], streets: ['Main Street', 'Nile Avenue', 'Iganga Road', 'Bell Avenue', 'Clive Road', 'Lubas Road', 'Gabula Road'] },
      { city: 'Iganga', region: 'Eastern', weight: 15, postcodes: [], streets: ['Main Street', 'Jinja Road', 'Kaliro Road'] },
      { city: 'Mbale', region: 'Eastern', weight: 15, postcodes: [], streets: ['Republic Street', 'Cathedral Avenue', 'Naboa Road'] },
      { city: 'Tororo', region: 'Eastern', weight: 10, postcodes: [], streets: ['Uhuru Road', 'Mbale Road'] },
      { city: 'Kamuli', region: 'Eastern', weight: 8, postcodes: [], streets: ['Jinja Road', 'Palace Road'] },
      { city: 'Busia', region: 'Eastern', weight: 7, postcodes: [], streets: ['Tororo Road', 'Customs Road'] },
    ],
    departments: [...CORE_DEPARTMENTS, 'Cardiology', 'Maternity'],
    emailRate: 0.2,
    nationalIdRate: 0.4,
    insuranceRate: 0.12,
  }),
  {
    code: 'PNQ',
    name: 'Nile Health Pune',
    country: 'IN',
    region: 'Maharashtra',
    address: 'Survey No. 14, Baner Road, Baner, Pune 411045',
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    defaultTaxRateBp: 1800,
    patientNumberFormat: 'PNQ-{seq:7}',
    share: 0.2,
    names: { kind: 'india' },
    localities: [
      {
        city: 'Pune',
        region: 'Maharashtra',
        weight: 75,
        postcodes: ['411001', '411004', '411007', '411013', '411014', '411021', '411028', '411038', '411041', '411045', '411046', '411051', '411057'],
        streets: ['Kothrud', 'Aundh', 'Baner', 'Hadapsar', 'Kharadi', 'Viman Nagar', 'Wakad', 'Hinjewadi', 'Shivajinagar', 'Deccan Gymkhana', 'Kondhwa', 'Katraj', 'Karve Nagar', 'Warje', 'Bibwewadi', 'Erandwane', 'Sinhagad Road'],
      },
      { city: 'Pimpri-Chinchwad', region: 'Maharashtra', weight: 15, postcodes: ['411017', '411018', '411019', '411027', '411033'], streets: ['Pimple Saudagar', 'Nigdi', 'Akurdi', 'Chinchwad Gaon', 'Bhosari'] },
      { city: 'Satara', region: 'Maharashtra', weight: 4, postcodes: ['415001', '415002'], streets: ['Sadar Bazar', 'Shahupuri', 'Karanje'] },
      { city: 'Ahmednagar', region: 'Maharashtra', weight: 3, postcodes: ['414001', '414003'], streets: ['Savedi', 'Station Road', 'Bhistbag'] },
      { city: 'Mumbai', region: 'Maharashtra', weight: 3, postcodes: ['400050', '400053', '400076', '400092'], streets: ['Bandra West', 'Andheri West', 'Powai', 'Borivali West'] },
    ],
    departments: [...CORE_DEPARTMENTS, 'Cardiology', 'Orthopaedics', 'Nephrology', 'Obstetrics & Gynaecology'],
    ageBands: [7, 10, 12, 15, 15, 14, 12, 9, 5, 1],
    emailRate: 0.5,
    nationalIdRate: 0.6,
    insuranceRate: 0.45,
    insurers: ['Star Health', 'HDFC ERGO', 'ICICI Lombard', 'Niva Bupa', 'Care Health Insurance', 'Ayushman Bharat PM-JAY'],
    conditions: ['Hypertension', 'Type 2 diabetes', 'Asthma', 'Hypothyroidism', 'COPD', 'Chronic kidney disease', 'Coronary artery disease', 'Osteoarthritis'],
  },
  {
    code: 'BOS',
    name: 'Nile Health Boston',
    country: 'US',
    region: 'Massachusetts',
    address: '88 Fenwood Street, Boston, MA 02115',
    timeZone: 'America/New_York',
    currency: 'USD',
    defaultTaxRateBp: 0,
    patientNumberFormat: 'BOS{seq:8}',
    share: 0.1,
    names: { kind: 'us' },
    areaCodes: ['617', '857', '781', '339', '508', '774', '978', '351'],
    localities: [
      { city: 'Boston', region: 'MA', weight: 40, postcodes: ['02108', '02115', '02116', '02118', '02119', '02120', '02121', '02124', '02125', '02127', '02130', '02134', '02135'], streets: MASSACHUSETTS_STREETS },
      { city: 'Cambridge', region: 'MA', weight: 12, postcodes: ['02138', '02139', '02140', '02141'], streets: MASSACHUSETTS_STREETS },
      { city: 'Somerville', region: 'MA', weight: 10, postcodes: ['02143', '02144', '02145'], streets: MASSACHUSETTS_STREETS },
      { city: 'Quincy', region: 'MA', weight: 10, postcodes: ['02169', '02170', '02171'], streets: MASSACHUSETTS_STREETS },
      { city: 'Brookline', region: 'MA', weight: 8, postcodes: ['02445', '02446'], streets: MASSACHUSETTS_STREETS },
      { city: 'Newton', region: 'MA', weight: 8, postcodes: ['02458', '02459', '02460', '02465'], streets: MASSACHUSETTS_STREETS },
      { city: 'Lynn', region: 'MA', weight: 6, postcodes: ['01901', '01902', '01904'], streets: MASSACHUSETTS_STREETS },
      { city: 'Malden', region: 'MA', weight: 6, postcodes: ['02148'], streets: MASSACHUSETTS_STREETS },
    ],
    departments: ['Emergency Medicine', 'Surgery', 'Nursing', 'Radiology', 'Physical Medicine & Rehabilitation', 'Cardiology', 'Pediatrics', 'Laboratory', 'Oncology', 'Orthopedics', 'Pharmacy'],
    ageBands: [5, 8, 9, 12, 12, 13, 15, 14, 9, 3],
    emailRate: 0.8,
    nationalIdRate: 0.3,
    insuranceRate: 0.92,
    insurers: ['Blue Cross Blue Shield of Massachusetts', 'Harvard Pilgrim Health Care', 'Tufts Health Plan', 'MassHealth', 'Aetna', 'UnitedHealthcare', 'Cigna'],
    conditions: ['Hypertension', 'Hyperlipidemia', 'Type 2 diabetes', 'Asthma', 'COPD', 'Coronary artery disease', 'Depression', 'Osteoarthritis', 'Atrial fibrillation'],
  },
];

/** Accounts per site; usernames are `<role><n>.<site code>` (the first of a role has no number), e.g. frontdesk.kla, doctor2.kla. */
export const STAFF_PER_SITE: readonly (readonly [Role, number])[] = [
  ['front_desk', 2],
  ['doctor', 3],
  ['nurse', 3],
  ['billing', 1],
  ['hr', 1],
  ['manager', 1],
  ['admin', 1],
  ['pharmacist', 1],
];

/** Chain-wide accounts (every hospital). */
export const CHAIN_ACCOUNTS: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'director', role: 'manager' },
];

export const ALLERGIES = [
  'Penicillin', 'Amoxicillin', 'Sulfonamides', 'Aspirin', 'Ibuprofen', 'Codeine', 'Latex', 'Peanuts', 'Shellfish', 'Eggs', 'Chloroquine',
  'Iodinated contrast', 'Bee stings', 'Dust mites',
];

export const BLOOD_GROUP_WEIGHTS: readonly (readonly [(typeof BLOOD_GROUPS)[number], number])[] = [
  ['O+', 38], ['A+', 27], ['B+', 20], ['AB+', 4], ['O-', 4], ['A-', 3], ['B-', 1.5], ['AB-', 0.5],
];

export const KIN_OF_CHILD = ['mother', 'father', 'guardian', 'grandmother'] as const;
export const KIN_OF_ADULT = ['spouse', 'mother', 'father', 'sister', 'brother', 'son', 'daughter', 'friend', 'aunt', 'uncle'] as const;

// ---- staff and scheduling ----

/** Departments every hospital of the chain has (a site's own name counts when it starts with one, e.g. "Physical Medicine & Rehabilitation"). */
export const REQUIRED_DEPARTMENTS = ['Surgery', 'Nursing', 'Radiology', 'Physical Medicine', 'Cardiology'] as const;

/** What a department's doctors are and why patients book them; departments without doctors have no profile. */
export interface ClinicProfile {
  /** Matches a department whose name starts with it. */
  prefix: string;
  specializations: readonly string[];
  reasons: readonly string[];
}

const FOLLOW_UPS = ['Follow-up visit', 'Review of results', 'New referral'];

export const CLINIC_PROFILES: readonly ClinicProfile[] = [
  { prefix: 'Emergency', specializations: ['Emergency Medicine'], reasons: ['Wound review', 'Post-discharge review', 'Minor injury follow-up'] },
  { prefix: 'Surgery', specializations: ['General Surgery', 'Paediatric Surgery', 'Urology', 'Plastic Surgery'], reasons: ['Pre-operative assessment', 'Post-operative review', 'Hernia', 'Suture removal', ...FOLLOW_UPS] },
  { prefix: 'Radiology', specializations: ['Radiology', 'Interventional Radiology'], reasons: ['Ultrasound scan', 'X-ray', 'CT scan', 'MRI review', 'Mammogram'] },
  { prefix: 'Physical Medicine', specializations: ['Physical Medicine & Rehabilitation', 'Sports Medicine'], reasons: ['Back pain', 'Stroke rehabilitation', 'Knee pain', 'Physiotherapy plan', ...FOLLOW_UPS] },
  { prefix: 'Pediatrics', specializations: ['Paediatrics', 'Neonatology'], reasons: ['Immunisation', 'Fever', 'Growth check', 'Cough', ...FOLLOW_UPS] },
  { prefix: 'Outpatients', specializations: ['Family Medicine', 'General Practice'], reasons: ['Fever', 'Cough', 'Headache', 'Blood pressure check', 'Medical certificate', ...FOLLOW_UPS] },
  { prefix: 'Cardiology', specializations: ['Cardiology', 'Interventional Cardiology'], reasons: ['Chest pain', 'Palpitations', 'ECG review', 'Echocardiogram', 'Hypertension review', ...FOLLOW_UPS] },
  { prefix: 'Internal Medicine', specializations: ['Internal Medicine', 'Endocrinology', 'Gastroenterology'], reasons: ['Diabetes review', 'Abdominal pain', 'Fatigue', ...FOLLOW_UPS] },
  { prefix: 'Obstetrics', specializations: ['Obstetrics & Gynaecology'], reasons: ['Antenatal visit', 'Postnatal check', 'Family planning', ...FOLLOW_UPS] },
  { prefix: 'Maternity', specializations: ['Obstetrics & Gynaecology', 'Midwifery Medicine'], reasons: ['Antenatal visit', 'Postnatal check', 'Ultrasound scan'] },
  { prefix: 'Oncology', specializations: ['Medical Oncology', 'Radiation Oncology'], reasons: ['Chemotherapy review', 'New referral', 'Review of results'] },
  { prefix: 'Dental', specializations: ['Dentistry', 'Oral Surgery'], reasons: ['Toothache', 'Dental check-up', 'Extraction', 'Filling'] },
  { prefix: 'Orthopaedics', specializations: ['Orthopaedic Surgery'], reasons: ['Fracture review', 'Joint pain', 'Cast removal', ...FOLLOW_UPS] },
  { prefix: 'Orthopedics', specializations: ['Orthopedic Surgery'], reasons: ['Fracture review', 'Joint pain', 'Cast removal', ...FOLLOW_UPS] },
  { prefix: 'Nephrology', specializations: ['Nephrology'], reasons: ['Kidney function review', 'Dialysis planning', ...FOLLOW_UPS] },
];

/** Staff other than doctors, per hospital: role, head count, and the department (by name prefix) they work in, if any. */
export const SUPPORT_STAFF: readonly (readonly [role: 'nurse' | 'front_desk' | 'billing' | 'hr' | 'manager' | 'admin' | 'technician' | 'pharmacist' | 'support', count: number, department: string | null])[] = [
  ['nurse', 8, 'Nursing'],
  ['nurse', 3, 'Emergency'],
  ['nurse', 2, 'Surgery'],
  ['nurse', 2, 'Pediatrics'],
  ['nurse', 2, 'Outpatients'],
  ['front_desk', 4, 'Outpatients'],
  ['front_desk', 1, 'Emergency'],
  ['billing', 3, null],
  ['hr', 2, null],
  ['manager', 2, null],
  ['admin', 1, null],
  ['technician', 3, 'Radiology'],
  ['technician', 3, 'Laboratory'],
  ['pharmacist', 3, 'Pharmacy'],
  ['support', 5, null],
];

export const TERMINATION_REASONS = [
  'Resigned', 'Resigned to move abroad', 'Retired', 'Contract ended', 'Moved to another hospital', 'Dismissed after a disciplinary hearing', 'Went back to studies',
];

export const CANCEL_REASONS = [
  'Patient asked to reschedule', 'Patient unwell', 'Doctor unavailable', 'Booked in error', 'No transport', 'Patient admitted elsewhere', 'Insurance not approved',
];

// ---- wards ----

/** Why patients are admitted, by the kind of room they need. */
export const ADMISSION_REASONS = {
  ward: [
    'Severe malaria', 'Community-acquired pneumonia', 'Acute appendicitis', 'Hip fracture', 'Diabetic ketoacidosis', 'Acute stroke',
    'Heart failure exacerbation', 'Gastroenteritis with dehydration', 'Cellulitis of the leg', 'Caesarean section', 'Elective hernia repair',
    'Knee replacement', 'Sickle cell crisis', 'Chest pain for observation', 'Asthma exacerbation', 'Pyelonephritis', 'Cholecystectomy',
  ],
  icu: ['Septic shock', 'Respiratory failure', 'After cardiac arrest', 'Post-operative monitoring', 'Severe head injury', 'Eclampsia'],
  isolation: ['Pulmonary tuberculosis', 'Measles', 'Cholera', 'MRSA wound infection', 'Chickenpox', 'Suspected viral haemorrhagic fever'],
} as const;

export const DISCHARGE_NOTES = ['Discharged home', 'Discharged home with follow-up in clinic', 'Referred to a rehabilitation centre', 'Discharged against medical advice', 'Discharged to family care'];

export const BOOKING_CANCEL_REASONS = ['Surgery postponed', 'Patient recovered', 'Patient asked to cancel', 'Admitted elsewhere', 'Booked in error', 'Insurance not approved'];

export const THEATRE_PROCEDURES = [
  'Appendectomy', 'Caesarean section', 'Laparoscopic cholecystectomy', 'Inguinal hernia repair', 'Total knee replacement', 'Hip hemiarthroplasty',
  'Open reduction and internal fixation', 'Tonsillectomy', 'Cataract extraction', 'Hysterectomy', 'Transurethral resection of the prostate',
  'Wound debridement', 'Thyroidectomy', 'Coronary angiography',
];

export const OUT_OF_SERVICE_NOTES = ['Plumbing repairs', 'Repainting', 'Air conditioning fault', 'Broken bed rail', 'Mattress replacement', 'Oxygen outlet repair'];

/** Nightly rates in minor units per currency and room type (an operating theatre per day of use). */
export const ROOM_RATES: Record<string, Record<'general_ward' | 'semi_private' | 'private' | 'icu' | 'isolation' | 'operating_theatre', number>> = {
  UGX: { general_ward: 50_000, semi_private: 120_000, private: 250_000, icu: 800_000, isolation: 300_000, operating_theatre: 1_500_000 },
  INR: { general_ward: 1_500_00, semi_private: 3_500_00, private: 6_000_00, icu: 15_000_00, isolation: 5_000_00, operating_theatre: 25_000_00 },
  USD: { general_ward: 2_500_00, semi_private: 3_000_00, private: 3_800_00, icu: 7_500_00, isolation: 4_000_00, operating_theatre: 20_000_00 },
};
