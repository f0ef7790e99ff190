// departments.*, staff.* and doctors.* channels.
import { staff } from '@shared/contract/staff';
import { defineHandlers } from '../../platform/handlers';
import { createDepartment, listDepartments, updateDepartment } from './departments.service';
import { addException, alignWithShift, getSchedule, listDoctors, removeException, setSchedule } from './doctors.service';
import { createStaffMember, getStaffMember, listStaff, terminateStaffMember, updateStaffMember } from './staff.service';

export const staffHandlers = defineHandlers(staff, {
  'departments.create': (input, ctx) => createDepartment(ctx, input),
  'departments.update': (input, ctx) => updateDepartment(ctx, input),
  'departments.list': (input, ctx) => listDepartments(ctx, input),
  'staff.create': (input, ctx) => createStaffMember(ctx, input),
  'staff.update': (input, ctx) => updateStaffMember(ctx, input),
  'staff.terminate': (input, ctx) => terminateStaffMember(ctx, input),
  'staff.list': (input, ctx) => listStaff(ctx, input),
  'staff.get': (input, ctx) => getStaffMember(ctx, input.id),
  'doctors.list': (input, ctx) => listDoctors(ctx, input),
  'doctors.getSchedule': (input, ctx) => getSchedule(ctx, input.doctorId),
  'doctors.setSchedule': (input, ctx) => setSchedule(ctx, input),
  'doctors.addException': (input, ctx) => addException(ctx, input),
  'doctors.removeException': (input, ctx) => removeException(ctx, input.id),
  'doctors.alignWithShift': (input, ctx) => alignWithShift(ctx, input.shiftId),
});
