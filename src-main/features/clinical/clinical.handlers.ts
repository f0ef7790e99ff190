// STUB (being built): every channel answers INTERNAL until its service lands.
import { clinical } from '@shared/contract/clinical';
import { defineHandlers } from '../../platform/handlers';

const notYet = (): never => {
  throw new Error('not built yet');
};

export const clinicalHandlers = defineHandlers(clinical, {
  'encounters.open': notYet,
  'encounters.get': notYet,
  'encounters.find': notYet,
  'encounters.update': notYet,
  'encounters.sign': notYet,
  'encounters.addendum': notYet,
  'diagnoses.searchCodes': notYet,
  'diagnoses.importCodes': notYet,
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
  'prescriptions.create': notYet,
  'prescriptions.cancel': notYet,
  'prescriptions.list': notYet,
  'prescriptions.get': notYet,
});
