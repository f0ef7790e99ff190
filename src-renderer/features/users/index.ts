// What other areas may use of users: the list of sign-in accounts and the role table per hospital.
export { UsersPage } from './UsersPage';
export { PermissionsPage } from './PermissionsPage';
