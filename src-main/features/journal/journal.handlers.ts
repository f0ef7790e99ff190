// patients.journal, patients.journalPdf and patients.fhirExport.
import { journal } from '@shared/contract/journal';
import { defineHandlers } from '../../platform/handlers';
import { patientFhirExport, patientJournal, patientJournalPdf } from './journal.service';

export const journalHandlers = defineHandlers(journal, {
  'patients.journal': (input, ctx) => patientJournal(ctx, input),
  'patients.journalPdf': (input, ctx) => patientJournalPdf(ctx, input),
  'patients.fhirExport': (input, ctx) => patientFhirExport(ctx, input),
});
