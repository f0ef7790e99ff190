// What other areas may use of settings: the settings page.
export { SettingsPage } from './SettingsPage';
