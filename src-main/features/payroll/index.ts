// What other areas may use of payroll: its entities (the seed and the bench write through them), the slip reads,
// the masked account, and a run's computation for the demo data.
export { PayOneOffEntity, PayrollHolidayEntity, PayrollRunEntity, PayrollSettingsEntity, PayStructureEntity, SalarySlipDocumentEntity, SalarySlipEntity, StaffBankDetailsEntity } from './payroll.entity';
export { readRun, readSlip } from './runs.queries';
export { finalize, recompute, startRun } from './runs.service';
export { maskAccount } from './structures.service';
