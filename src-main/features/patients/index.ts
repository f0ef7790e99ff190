// What other areas may use of patients: preparing a hospital's patient-number counters, the name keys (staff sort by
// them too), and the patient record other areas lock.
export { preparePatientCounters } from './patient-numbers';
export { nameKey, reversedNameKey, searchKey } from './rules';
export { PatientEntity } from './patient.entity';
