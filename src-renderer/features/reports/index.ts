// What other areas may use of reports: the list of reports, one report's page, and whether a user may open any.
export { ReportsPage } from './ReportsPage';
export { ReportPage } from './ReportPage';
export { readsReports } from './report-filter';
