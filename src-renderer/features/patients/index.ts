// What other areas may use of patients: the list, the record and registration.
export { PatientsPage } from './PatientsPage';
export { PatientPage } from './PatientPage';
export { RegisterPatientPage } from './RegisterPatientPage';
