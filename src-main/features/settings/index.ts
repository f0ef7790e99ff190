// What other areas may use of the installation settings: reading them (sign-in needs the idle lock).
export { readSettings } from './settings.service';
