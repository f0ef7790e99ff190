// What other areas may use of the CSV import: its page.
export { ImportPage } from './ImportPage';
