// What other areas may use of staff: its pages (departments included), and the departments and doctors to choose from.
export { StaffPage } from './StaffPage';
export { StaffMemberPage } from './StaffMemberPage';
export { DepartmentsPage } from './DepartmentsPage';
export { doctorLabel, useDepartments, useDoctors } from './staff-data';
