// What other areas may use of patients: preparing a hospital's patient-number counters, and the name keys (staff sort by them too).
export { preparePatientCounters } from './patient-numbers';
export { nameKey, reversedNameKey } from './rules';
export { PatientEntity } from './patient.entity';
