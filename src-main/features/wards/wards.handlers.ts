// rooms.*, beds.*, theatres.*, admissions.* and occupancy.* channels.
import { wards } from '@shared/contract/wards';
import { defineHandlers } from '../../platform/handlers';
import { admitPatient, dischargePatient, getStay, staysOfPatient, transferPatient } from './admissions.service';
import { transferBeds } from './transfer.queries';
import { bookBed, bookTheatre, cancelBedBooking, cancelTheatre, listBedBookings, theatreSchedule } from './bookings.service';
import { censusPdf } from './census.document';
import { bedCensus, occupancyBoard, occupancyTimeline } from './occupancy.queries';
import { addBed, createFloor, createRoom, listLayout, setUnitState, updateRoom } from './rooms.service';

export const wardHandlers = defineHandlers(wards, {
  'rooms.createFloor': (input, ctx) => createFloor(ctx, input),
  'rooms.createRoom': (input, ctx) => createRoom(ctx, input),
  'rooms.updateRoom': (input, ctx) => updateRoom(ctx, input),
  'rooms.addBed': (input, ctx) => addBed(ctx, input),
  'rooms.list': (input, ctx) => listLayout(ctx, input.hospitalId),
  'rooms.setState': (input, ctx) => setUnitState(ctx, input),
  'beds.book': (input, ctx) => bookBed(ctx, input),
  'beds.cancelBooking': (input, ctx) => cancelBedBooking(ctx, input),
  'beds.bookings': (input, ctx) => listBedBookings(ctx, input),
  'theatres.book': (input, ctx) => bookTheatre(ctx, input),
  'theatres.cancel': (input, ctx) => cancelTheatre(ctx, input),
  'theatres.schedule': (input, ctx) => theatreSchedule(ctx, input),
  'admissions.admit': (input, ctx) => admitPatient(ctx, input),
  'admissions.transfer': (input, ctx) => transferPatient(ctx, input),
  'admissions.transferBeds': (input, ctx) => transferBeds(ctx, input.stayId),
  'admissions.discharge': (input, ctx) => dischargePatient(ctx, input),
  'admissions.get': (input, ctx) => getStay(ctx, input.id),
  'admissions.forPatient': (input, ctx) => staysOfPatient(ctx, input),
  'occupancy.board': (input, ctx) => occupancyBoard(ctx, input.hospitalId, input.date),
  'occupancy.timeline': (input, ctx) => occupancyTimeline(ctx, input),
  'occupancy.census': (input, ctx) => bedCensus(ctx, input.hospitalId),
  'occupancy.censusPdf': (input, ctx) => censusPdf(ctx, input.hospitalId, input.paper),
});
