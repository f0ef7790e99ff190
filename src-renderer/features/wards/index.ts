// What other areas may use of the wards: the wards pages (board, timeline, census, theatres) and ward setup.
export { WardsPage } from './WardsPage';
export { WardSetupPage } from './WardSetupPage';
