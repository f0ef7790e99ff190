// appointments.* channels.
import { appointments } from '@shared/contract/appointments';
import { defineHandlers } from '../../platform/handlers';
import { daySchedule, departmentSlots, forDoctor, forPatient, freeSlots, nextFree } from './appointments.queries';
import {
  bookAppointment,
  cancelAppointment,
  checkInAppointment,
  completeAppointment,
  getAppointment,
  markNoShow,
  rescheduleAppointment,
} from './appointments.service';

export const appointmentHandlers = defineHandlers(appointments, {
  'appointments.freeSlots': (input, ctx) => freeSlots(ctx, input),
  'appointments.departmentSlots': (input, ctx) => departmentSlots(ctx, input),
  'appointments.nextFree': (input, ctx) => nextFree(ctx, input),
  'appointments.book': (input, ctx) => bookAppointment(ctx, input),
  'appointments.reschedule': (input, ctx) => rescheduleAppointment(ctx, input),
  'appointments.cancel': (input, ctx) => cancelAppointment(ctx, input),
  'appointments.checkIn': (input, ctx) => checkInAppointment(ctx, input),
  'appointments.complete': (input, ctx) => completeAppointment(ctx, input),
  'appointments.markNoShow': (input, ctx) => markNoShow(ctx, input),
  'appointments.get': (input, ctx) => getAppointment(ctx, input.id),
  'appointments.daySchedule': (input, ctx) => daySchedule(ctx, input),
  'appointments.forDoctor': (input, ctx) => forDoctor(ctx, input),
  'appointments.forPatient': (input, ctx) => forPatient(ctx, input),
});
