// Handlers of src-shared/contract/dashboard.ts.
import { dashboard } from '@shared/contract/dashboard';
import { defineHandlers } from '../../platform/handlers';

export const dashboardHandlers = defineHandlers(dashboard, {});
