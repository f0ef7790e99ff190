// Handlers of src-shared/contract/imports.ts.
import { imports } from '@shared/contract/imports';
import { defineHandlers } from '../../platform/handlers';
import { cancelImport, commitImport, importHistory, previewImport } from './imports.service';

export const importHandlers = defineHandlers(imports, {
  'import.preview': (input, ctx) => previewImport(ctx, input),
  'import.commit': (input, ctx) => commitImport(ctx, input),
  'import.cancel': (input, ctx) => cancelImport(ctx, input.jobId),
  'import.history': (input, ctx) => importHistory(ctx, input),
});
