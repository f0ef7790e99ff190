// What other areas may use of payroll: its pages, and the pay section of a staff member's record.
export { RunsPage } from './RunsPage';
export { RunPage } from './RunPage';
export { SlipPage } from './SlipView';
export { OneOffsPage } from './OneOffsPage';
export { PayrollSettingsPage } from './PayrollSettingsPage';
export { MySlipsPage } from './MySlipsPage';
export { PaySection } from './PaySection';
