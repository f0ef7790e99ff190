// What other areas may use of the pharmacy: its pages, and how a prescription's dose reads.
export { PharmacyPage } from './PharmacyPage';
export { MedicinePage } from './MedicinePage';
export { doseLine } from './pharmacy-ui';
