// How a medicine reads: its label ("Amoxicillin 500 mg capsule") and the unit it is counted in (tablets, bottles …).
import type { MedicineForm } from '@shared/domain/clinical';

/** "Amoxicillin 500 mg capsule": name, strength when there is one, form. */
export const medicineLabel = (m: { name: string; strength: string | null; form: MedicineForm }): string => [m.name, m.strength || null, m.form].filter(Boolean).join(' ');

/** "Amoxicillin 500 mg": name and strength, for sentences that name the unit separately. */
export const medicineName = (m: { name: string; strength: string | null }): string => (m.strength ? `${m.name} ${m.strength}` : m.name);

/** What one unit of stock of each form is: a tablet, a bottle of syrup, a vial of injection. */
const UNITS: Record<MedicineForm, [one: string, many: string]> = {
  tablet: ['tablet', 'tablets'],
  capsule: ['capsule', 'capsules'],
  syrup: ['bottle', 'bottles'],
  suspension: ['bottle', 'bottles'],
  injection: ['vial', 'vials'],
  infusion: ['bag', 'bags'],
  cream: ['tube', 'tubes'],
  ointment: ['tube', 'tubes'],
  drops: ['bottle', 'bottles'],
  inhaler: ['inhaler', 'inhalers'],
  suppository: ['suppository', 'suppositories'],
  sachet: ['sachet', 'sachets'],
};

/** "1 tablet", "12 bottles". */
export const unitsOf = (form: MedicineForm, n: number): string => `${n} ${UNITS[form][n === 1 ? 0 : 1]}`;
