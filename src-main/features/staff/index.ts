// What other areas may use of staff: reading one staff member (rotas and leave check who they plan).
export { readStaffMember } from './staff.service';
export { DoctorEntity, StaffEntity } from './staff.entity';
