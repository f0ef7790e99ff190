// What other areas may use of appointments: the screens' appointment rows and when an absence keeps a doctor away.
export { readAppointments } from './appointment-views';
export { awayRange } from './availability';
export { AppointmentEntity } from './appointment.entity';
