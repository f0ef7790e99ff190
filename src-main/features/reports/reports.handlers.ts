// Handlers of src-shared/contract/reports.ts.
import { reports } from '@shared/contract/reports';
import { defineHandlers } from '../../platform/handlers';

export const reportHandlers = defineHandlers(reports, {});
