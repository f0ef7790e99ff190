// What other areas may use of users: the list of sign-in accounts.
export { UsersPage } from './UsersPage';
