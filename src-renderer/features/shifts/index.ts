// What other areas may use of shifts and leave: the rota, its setup, the leave list and one's own shifts.
export { RotaPage } from './RotaPage';
export { RotaSetupPage } from './RotaSetupPage';
export { LeavePage } from './LeavePage';
export { MyShiftsPage } from './MyShiftsPage';
