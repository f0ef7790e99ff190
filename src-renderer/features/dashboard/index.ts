// What other areas may use of the dashboard: the home screen.
export { HomePage } from './HomePage';
