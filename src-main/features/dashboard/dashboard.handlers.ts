// Handlers of src-shared/contract/dashboard.ts.
import { dashboard } from '@shared/contract/dashboard';
import { defineHandlers } from '../../platform/handlers';
import { dashboardOf } from './dashboard.queries';

export const dashboardHandlers = defineHandlers(dashboard, {
  'dashboard.get': (input, ctx) => dashboardOf(ctx, input),
});
