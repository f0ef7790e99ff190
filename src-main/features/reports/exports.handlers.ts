// Handlers of src-shared/contract/exports.ts.
import { exportsArea } from '@shared/contract/exports';
import { defineHandlers } from '../../platform/handlers';

export const exportHandlers = defineHandlers(exportsArea, {});
