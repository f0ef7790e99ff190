// What other areas may use of permissions: the access rule of a call (the CSV export applies it to the list it re-runs).
export { authorise } from './permissions.access';
