// What other areas may use of clinical records: the encounter page, the results worklist, the ways into an
// encounter (a consultation from the doctor's queue, a ward round from a stay) and the doctor's new results.
export { EncounterPage } from './EncounterPage';
export { ResultsPage } from './ResultsPage';
export { ConsultationButton, WardRoundButton } from './EncounterButtons';
export { NewResultsPanel } from './NewResultsPanel';
