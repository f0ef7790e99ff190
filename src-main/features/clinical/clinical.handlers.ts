// encounters.*, diagnoses.*, procedures.*, tests.* and prescriptions.* channels.
import { clinical } from '@shared/contract/clinical';
import { defineHandlers } from '../../platform/handlers';
import { addAddendum, findEncounters, getEncounter, openEncounter, signEncounter, updateEncounter } from './encounters.service';
import { importCodes, searchCodes } from './icd10.service';
import { cancelPrescription, createPrescription, getPrescription, listPrescriptions } from './prescriptions.service';

const notYet = (): never => {
  throw new Error('not built yet');
};

export const clinicalHandlers = defineHandlers(clinical, {
  'encounters.open': (input, ctx) => openEncounter(ctx, input),
  'encounters.get': (input, ctx) => getEncounter(ctx, input.id),
  'encounters.find': (input, ctx) => findEncounters(ctx, input),
  'encounters.update': (input, ctx) => updateEncounter(ctx, input),
  'encounters.sign': (input, ctx) => signEncounter(ctx, input.id),
  'encounters.addendum': (input, ctx) => addAddendum(ctx, input),
  'diagnoses.searchCodes': (input, ctx) => searchCodes(ctx, input),
  'diagnoses.importCodes': (input, ctx) => importCodes(ctx, input),
  'diagnoses.add': notYet,
  'diagnoses.update': notYet,
  'diagnoses.remove': notYet,
  'procedures.record': notYet,
  'procedures.remove': notYet,
  'tests.catalog': notYet,
  'tests.define': notYet,
  'tests.updateDefinition': notYet,
  'tests.order': notYet,
  'tests.cancel': notYet,
  'tests.recordResult': notYet,
  'tests.pending': notYet,
  'tests.newResults': notYet,
  'tests.markSeen': notYet,
  'prescriptions.create': (input, ctx) => createPrescription(ctx, input),
  'prescriptions.cancel': (input, ctx) => cancelPrescription(ctx, input),
  'prescriptions.list': (input, ctx) => listPrescriptions(ctx, input),
  'prescriptions.get': (input, ctx) => getPrescription(ctx, input.id),
});
