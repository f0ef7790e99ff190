// What other areas may use of staff: reading one staff member (rotas and leave check who they plan) and the staff and
// doctor records other areas lock (a booking holds the doctor's row).
export { readStaffMember } from './staff.service';
export { bookableBlocks, doctorListOf, requireDoctorInScope } from './doctors.service';
export { DoctorEntity, StaffEntity } from './staff.entity';
export { DepartmentEntity } from './department.entity';
export { employeeNumber } from './rules';
