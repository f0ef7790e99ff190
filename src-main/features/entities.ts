// Every entity class of every area: the list the data source maps (passed in where it is created; db/ imports no feature).
import { HospitalEntity } from './hospitals/hospital.entity';
import { DepartmentEntity } from './staff/department.entity';
import { UserEntity, UserHospitalEntity } from './users/user.entity';
import { NumberSequenceEntity, PatientEntity } from './patients/patient.entity';
import { AuditEntryEntity, AuditHeadEntity } from './audit/audit.entity';
import { SettingEntity } from './settings/setting.entity';
import { DoctorEntity, DoctorExceptionEntity, DoctorScheduleEntity, StaffEntity } from './staff/staff.entity';
import { AppointmentEntity } from './appointments/appointment.entity';
import { BillingSettingsEntity, CatalogItemEntity, InvoiceDocumentEntity, InvoiceEntity, InvoiceLineEntity, PaymentDocumentEntity, PaymentEntity } from './billing/billing.entity';
import { CoverageRuleEntity, RotaRulesEntity, ShiftAssignmentEntity, ShiftTypeEntity, StaffLeaveEntity } from './shifts/shift.entity';
import { BedEntity, FloorEntity, RoomEntity } from './wards/ward.entity';
import { BedBookingEntity, BedStayEntity, StayEntity, TheatreBookingEntity } from './wards/stay.entity';
import { ChargeEntity } from './billing/charge.entity';
import { MedicineItemEntity, StockBatchEntity, StockMovementEntity } from './pharmacy/medicine.entity';
import { DispensingEntity } from './pharmacy/dispensing.entity';
import { Icd10CodeEntity, TestDefinitionEntity, TestRangeEntity } from './clinical/catalog.entity';
import { DiagnosisEntity, EncounterAddendumEntity, EncounterEntity, ProcedureEntity } from './clinical/encounter.entity';
import { TestOrderEntity, TestResultEntity } from './clinical/test-order.entity';
import { PrescriptionEntity } from './clinical/prescription.entity';
import { ImportBatchEntity, ImportRefEntity } from './imports/import.entity';
import { PayOneOffEntity, PayrollHolidayEntity, PayrollRunEntity, PayrollSettingsEntity, PayStructureEntity, SalarySlipDocumentEntity, SalarySlipEntity, StaffBankDetailsEntity } from './payroll/payroll.entity';

export const ENTITIES = [
  HospitalEntity,
  DepartmentEntity,
  UserEntity,
  UserHospitalEntity,
  PatientEntity,
  NumberSequenceEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  SettingEntity,
  StaffEntity,
  DoctorEntity,
  DoctorScheduleEntity,
  DoctorExceptionEntity,
  AppointmentEntity,
  FloorEntity,
  RoomEntity,
  BedEntity,
  StayEntity,
  BedStayEntity,
  BedBookingEntity,
  TheatreBookingEntity,
  ChargeEntity,
  ShiftTypeEntity,
  RotaRulesEntity,
  CoverageRuleEntity,
  ShiftAssignmentEntity,
  StaffLeaveEntity,
  CatalogItemEntity,
  BillingSettingsEntity,
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceDocumentEntity,
  PaymentEntity,
  PaymentDocumentEntity,
  MedicineItemEntity,
  StockBatchEntity,
  StockMovementEntity,
  DispensingEntity,
  Icd10CodeEntity,
  TestDefinitionEntity,
  TestRangeEntity,
  EncounterEntity,
  EncounterAddendumEntity,
  DiagnosisEntity,
  ProcedureEntity,
  TestOrderEntity,
  TestResultEntity,
  PrescriptionEntity,
  PayStructureEntity,
  StaffBankDetailsEntity,
  PayrollSettingsEntity,
  PayrollHolidayEntity,
  PayOneOffEntity,
  PayrollRunEntity,
  SalarySlipEntity,
  SalarySlipDocumentEntity,
  ImportBatchEntity,
  ImportRefEntity,
];
