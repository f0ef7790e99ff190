// Handlers of src-shared/contract/reports.ts.
import { reports } from '@shared/contract/reports';
import { AppError } from '@shared/errors';
import { defineHandlers } from '../../platform/handlers';

const notYet = (): never => {
  throw new AppError('INTERNAL', 'This report is being built.');
};

export const reportHandlers = defineHandlers(reports, {
  'reports.appointmentsByDepartment': notYet,
  'reports.departmentPerformance': notYet,
  'reports.schedulingTrends': notYet,
  'reports.demographics': notYet,
  'reports.occupancy': notYet,
  'reports.revenue': notYet,
  'reports.staffHours': notYet,
  'reports.exportPdf': notYet,
});
