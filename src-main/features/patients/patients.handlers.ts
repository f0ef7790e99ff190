// patients.* channels.
import { patients } from '@shared/contract/patients';
import type { ExportPageTable } from '../../platform/channel-handlers';
import type { CallContext } from '../../platform/context';
import { defineHandlers } from '../../platform/handlers';
import { HospitalEntity } from '../hospitals';
import { getPatient, probeDuplicates, registerPatient, revealNationalId, updatePatient } from './patients.service';
import { classifyQuery, searchPatients, searchPatientsForExport } from './patients.search';

/**
 * What the desk typed, read the way the desk's hospital writes phone numbers and dates (03/14/1990 at Boston, 14/03/1990
 * at Kampala): the hospital the desk names (within the caller's scope), else the caller's first.
 */
async function searchModeOf(input: { query: string; hospitalId?: number }, ctx: CallContext) {
  let where: { id: number } | object;
  if (input.hospitalId !== undefined) {
    ctx.requireHospital(input.hospitalId);
    where = { id: input.hospitalId };
  } else {
    const scope = ctx.scope();
    where = scope === 'all' ? {} : { id: scope[0] ?? 0 };
  }
  const home = await ctx.em.findOne(HospitalEntity, { where, order: { id: 'ASC' } });
  return classifyQuery(input.query, home?.country ?? 'UG');
}

export const patientHandlers = defineHandlers(patients, {
  'patients.register': (input, ctx) => registerPatient(ctx, input),
  'patients.findDuplicates': (input, ctx) => probeDuplicates(ctx, input),
  'patients.search': async (input, ctx) => searchPatients(ctx.em, await searchModeOf(input, ctx), input.limit, input.cursor),
  'patients.get': (input, ctx) => getPatient(ctx, input.id),
  'patients.update': (input, ctx) => updatePatient(ctx, input),
  'patients.revealNationalId': (input, ctx) => revealNationalId(ctx, input.id, input.emergencyReason),
});

/** The search's pages as the CSV export reads them: the same rows, in one query a page (patients.search.ts). */
export const patientExportPages: ExportPageTable = {
  'patients.search': async (input, ctx) => searchPatientsForExport(ctx.em, await searchModeOf(input, ctx), input.limit, input.cursor),
};
