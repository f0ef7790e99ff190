// What other areas may use of hospitals: the hospital and department records and creating a hospital (setup).
export { HospitalEntity } from './hospital.entity';
export { DepartmentEntity } from './department.entity';
export { createHospital, requireHospitalEntity } from './hospitals.service';
