// What other areas may use of hospitals: the hospitals section of the settings, and the hospital form the setup wizard reuses.
export { HospitalsSection } from './HospitalsSection';
export { HospitalForm } from './HospitalForm';
export { emptyHospital, HOSPITAL_ALIASES, toHospitalFields, type HospitalFormValues } from './hospital-form';
