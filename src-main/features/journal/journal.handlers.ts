// STUB (being built): every channel answers INTERNAL until its service lands.
import { journal } from '@shared/contract/journal';
import { defineHandlers } from '../../platform/handlers';

const notYet = (): never => {
  throw new Error('not built yet');
};

export const journalHandlers = defineHandlers(journal, {
  'patients.journal': notYet,
  'patients.journalPdf': notYet,
  'patients.fhirExport': notYet,
});
