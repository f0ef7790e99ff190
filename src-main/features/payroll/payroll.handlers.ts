// STUB (being built): every channel answers INTERNAL until its service lands.
import { payroll } from '@shared/contract/payroll';
import { defineHandlers } from '../../platform/handlers';

const notYet = (): never => {
  throw new Error('not built yet');
};

export const payrollHandlers = defineHandlers(payroll, {
  'payroll.setStructure': notYet,
  'payroll.getStructure': notYet,
  'payroll.setDeductionRules': notYet,
  'payroll.getDeductionRules': notYet,
  'payroll.setHolidays': notYet,
  'payroll.holidays': notYet,
  'payroll.addOneOff': notYet,
  'payroll.removeOneOff': notYet,
  'payroll.oneOffs': notYet,
  'payroll.startRun': notYet,
  'payroll.recompute': notYet,
  'payroll.runs': notYet,
  'payroll.getRun': notYet,
  'payroll.slip': notYet,
  'payroll.finalize': notYet,
  'payroll.slipPdf': notYet,
  'payroll.batchPdf': notYet,
  'payroll.bankCsv': notYet,
  'payroll.mySlips': notYet,
  'payroll.mySlipPdf': notYet,
});
