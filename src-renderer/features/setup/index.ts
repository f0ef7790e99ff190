// What other areas may use of setup: the first-run screens, and the database connection form and status the settings show.
export { ConnectionScreen } from './ConnectionScreen';
export { SetupWizard } from './SetupWizard';
export { ConnectionForm } from './ConnectionForm';
export { ConnectionStatusLine } from './ConnectionStatusLine';
