// What other areas may use of clinical setup: its page.
export { ClinicalSetupPage } from './ClinicalSetupPage';
