// The roles of PRODUCT.md and who may do what by default.
export const ROLES = ['front_desk', 'doctor', 'nurse', 'billing', 'hr', 'manager', 'admin', 'pharmacist'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  front_desk: 'Front desk',
  doctor: 'Doctor',
  nurse: 'Nurse',
  billing: 'Billing',
  hr: 'HR',
  manager: 'Manager',
  admin: 'Administrator',
  pharmacist: 'Pharmacist',
};

/** Roles that see clinical/demographic patient data. */
export const PATIENT_READERS: Role[] = ['front_desk', 'doctor', 'nurse', 'billing', 'manager', 'admin', 'pharmacist'];
/** Who registers and edits patients: the front desk (PRODUCT.md's table; an administrator may widen it per hospital). */
export const PATIENT_WRITERS: Role[] = ['front_desk'];
