// What other areas may use of staff: its pages (departments included), the departments and doctors to choose from,
// and how a typed clock time is read.
export { StaffPage } from './StaffPage';
export { StaffMemberPage } from './StaffMemberPage';
export { DepartmentsPage } from './DepartmentsPage';
export { doctorLabel, useDepartments, useDoctors } from './staff-data';
export { normalizeClock } from './schedule';
