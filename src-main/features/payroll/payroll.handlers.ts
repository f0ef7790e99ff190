// payroll.* channels: pay structures, deduction rules, holidays, one-offs, runs and slips, their PDFs and the bank list.
import { payroll } from '@shared/contract/payroll';
import { defineHandlers } from '../../platform/handlers';
import { getStructure, setStructure } from './structures.service';
import { addOneOff, getDeductionRules, listHolidays, listOneOffs, removeOneOff, setDeductionRules, setHolidays } from './settings.service';
import { finalize, recompute, startRun } from './runs.service';
import { getRun, getSlip, listRuns, mySlips } from './runs.queries';
import { bankCsv, batchPdf, mySlipPdf, slipPdf } from './payroll.documents';

export const payrollHandlers = defineHandlers(payroll, {
  'payroll.setStructure': (input, ctx) => setStructure(ctx, input),
  'payroll.getStructure': (input, ctx) => getStructure(ctx, input.staffId),
  'payroll.setDeductionRules': (input, ctx) => setDeductionRules(ctx, input),
  'payroll.getDeductionRules': (input, ctx) => getDeductionRules(ctx, input.hospitalId),
  'payroll.setHolidays': (input, ctx) => setHolidays(ctx, input),
  'payroll.holidays': (input, ctx) => listHolidays(ctx, input),
  'payroll.addOneOff': (input, ctx) => addOneOff(ctx, input),
  'payroll.removeOneOff': (input, ctx) => removeOneOff(ctx, input.id),
  'payroll.oneOffs': (input, ctx) => listOneOffs(ctx, input),
  'payroll.startRun': (input, ctx) => startRun(ctx, input),
  'payroll.recompute': (input, ctx) => recompute(ctx, input),
  'payroll.runs': (input, ctx) => listRuns(ctx, input),
  'payroll.getRun': (input, ctx) => getRun(ctx, input.runId),
  'payroll.slip': (input, ctx) => getSlip(ctx, input.slipId),
  'payroll.finalize': (input, ctx) => finalize(ctx, input),
  'payroll.slipPdf': (input, ctx) => slipPdf(ctx, input.slipId),
  'payroll.batchPdf': (input, ctx) => batchPdf(ctx, input),
  'payroll.bankCsv': (input, ctx) => bankCsv(ctx, input.runId),
  'payroll.mySlips': (_input, ctx) => mySlips(ctx),
  'payroll.mySlipPdf': (input, ctx) => mySlipPdf(ctx, input.slipId),
});
