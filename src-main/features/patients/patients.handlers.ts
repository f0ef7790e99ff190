// patients.* channels.
import { patients } from '@shared/contract/patients';
import { defineHandlers } from '../../platform/handlers';
import { HospitalEntity } from '../hospitals';
import { getPatient, probeDuplicates, registerPatient, revealNationalId, updatePatient } from './patients.service';
import { classifyQuery, searchPatients } from './patients.search';

export const patientHandlers = defineHandlers(patients, {
  'patients.register': (input, ctx) => registerPatient(ctx, input),
  'patients.findDuplicates': (input, ctx) => probeDuplicates(ctx, input),
  'patients.search': async (input, ctx) => {
    // Phone numbers and dates are read the way the caller's own hospital writes them.
    const scope = ctx.scope();
    const home = await ctx.em.findOne(HospitalEntity, { where: scope === 'all' ? {} : { id: scope[0] ?? 0 }, order: { id: 'ASC' } });
    return searchPatients(ctx.em, classifyQuery(input.query, home?.country ?? 'UG'), input.limit, input.cursor);
  },
  'patients.get': (input, ctx) => getPatient(ctx, input.id),
  'patients.update': (input, ctx) => updatePatient(ctx, input),
  'patients.revealNationalId': (input, ctx) => revealNationalId(ctx, input.id),
});
