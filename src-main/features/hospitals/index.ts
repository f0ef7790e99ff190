// What other areas may use of hospitals: the hospital record and creating a hospital (setup).
export { HospitalEntity } from './hospital.entity';
export { createHospital, requireHospitalEntity } from './hospitals.service';
