// Billing rules that the desks and the demo data share: how a consultation charge reads, and receipt numbers.
import { clip, doctorName } from '@shared/domain/format';

/** The text of the charge a completed appointment leaves: "Consultation, Dr Grace Nakato (Paediatrics)". */
export const consultationChargeDescription = (doctor: { firstName: string; lastName: string; specialization: string }): string =>
  clip(`Consultation, ${doctorName(doctor.firstName, doctor.lastName)} (${doctor.specialization})`, 200);

/** Receipt numbers run per hospital and year, gapless: RCT-2026-000042. */
export const receiptNumber = (year: number, seq: number): string => `RCT-${year}-${String(seq).padStart(6, '0')}`;
