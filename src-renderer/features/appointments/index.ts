// What other areas may use of appointments: its pages, and the appointments section of a patient's record.
export { AppointmentsPage } from './AppointmentsPage';
export { BookingPage } from './BookingPage';
export { DoctorDayPage } from './DoctorDayPage';
export { PatientAppointments } from './PatientAppointments';
