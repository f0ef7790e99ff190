// Handlers of src-shared/contract/exports.ts.
import { exportsArea } from '@shared/contract/exports';
import { defineHandlers } from '../../platform/handlers';
import { exportCsv } from './exports.service';

export const exportHandlers = defineHandlers(exportsArea, {
  'reports.exportCsv': (input, ctx) => exportCsv(ctx, input),
});
