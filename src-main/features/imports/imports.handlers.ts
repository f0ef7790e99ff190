// Handlers of src-shared/contract/imports.ts.
import { imports } from '@shared/contract/imports';
import { defineHandlers } from '../../platform/handlers';

export const importHandlers = defineHandlers(imports, {});
