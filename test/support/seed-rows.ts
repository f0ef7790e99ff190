// Generated patient rows (the seed's column names) as the registration channel's input.
import type { PatientRow } from '../../src-main/seed/generator';

/** The registration form's field names for a generated row. */
export function asRegistration(r: PatientRow) {
  return {
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    phone: r.phone,
    email: r.email,
    addressLine: r.address_line,
    city: r.city,
    region: r.region,
    postalCode: r.postal_code,
    nationalId: r.national_id,
    nextOfKinName: r.next_of_kin_name,
    nextOfKinRelationship: r.next_of_kin_relationship,
    nextOfKinPhone: r.next_of_kin_phone,
    bloodGroup: r.blood_group,
    allergies: r.allergies,
    chronicConditions: r.chronic_conditions,
    insuranceProvider: r.insurance_provider,
    insurancePolicyNumber: r.insurance_policy_number,
    insuranceCoveragePercent: r.insurance_coverage_percent,
    insuranceValidUntil: r.insurance_valid_until,
  };
}
