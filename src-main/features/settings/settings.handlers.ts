// settings.* channels.
import { settings } from '@shared/contract/settings';
import { defineHandlers } from '../../platform/handlers';
import { readSettings, updateSettings } from './settings.service';

export const settingsHandlers = defineHandlers(settings, {
  'settings.get': (_input, ctx) => readSettings(ctx.em),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
});
