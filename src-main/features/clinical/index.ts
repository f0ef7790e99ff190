// What other areas may use of clinical records: full encounters for the journal, prescriptions for dispensing,
// signing the encounter of a completed appointment, and the ICD-10 starter list (setup and the demo data).
export { Icd10CodeEntity, TestDefinitionEntity, TestRangeEntity } from './catalog.entity';
export { DiagnosisEntity, EncounterAddendumEntity, EncounterEntity, ProcedureEntity } from './encounter.entity';
export { TestOrderEntity, TestResultEntity } from './test-order.entity';
export { PrescriptionEntity } from './prescription.entity';
export { loadEncounters, loadPrescriptions, loadTestOrders } from './encounter-views';
export { signEncounterOfAppointment } from './encounters.service';
export { getPrescription, medicineLabel, prescriptionView } from './prescriptions.service';
export { ICD10_STARTER, installStarterCodes } from './icd10-starter';
