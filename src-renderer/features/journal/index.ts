// What other areas may use of the journal: a patient's journal section.
export { PatientJournal } from './PatientJournal';
