// encounters.*, diagnoses.*, procedures.*, tests.* and prescriptions.* channels.
import { clinical } from '@shared/contract/clinical';
import { defineHandlers } from '../../platform/handlers';
import { addAddendum, findEncounters, getEncounter, openEncounter, signEncounter, updateEncounter } from './encounters.service';
import { addDiagnosis, removeDiagnosis, updateDiagnosis } from './diagnoses.service';
import { importCodes, searchCodes } from './icd10.service';
import { recordProcedure, removeProcedure } from './procedures.service';
import { cancelTest, defineTest, listTestCatalog, markSeen, newResults, orderTest, pendingTests, recordResult, updateTestDefinition } from './tests.service';
import { cancelPrescription, createPrescription, getPrescription, listPrescriptions } from './prescriptions.service';

export const clinicalHandlers = defineHandlers(clinical, {
  'encounters.open': (input, ctx) => openEncounter(ctx, input),
  'encounters.get': (input, ctx) => getEncounter(ctx, input.id),
  'encounters.find': (input, ctx) => findEncounters(ctx, input),
  'encounters.update': (input, ctx) => updateEncounter(ctx, input),
  'encounters.sign': (input, ctx) => signEncounter(ctx, input.id),
  'encounters.addendum': (input, ctx) => addAddendum(ctx, input),
  'diagnoses.searchCodes': (input, ctx) => searchCodes(ctx, input),
  'diagnoses.importCodes': (input, ctx) => importCodes(ctx, input),
  'diagnoses.add': (input, ctx) => addDiagnosis(ctx, input),
  'diagnoses.update': (input, ctx) => updateDiagnosis(ctx, input),
  'diagnoses.remove': (input, ctx) => removeDiagnosis(ctx, input.id),
  'procedures.record': (input, ctx) => recordProcedure(ctx, input),
  'procedures.remove': (input, ctx) => removeProcedure(ctx, input.id),
  'tests.catalog': (input, ctx) => listTestCatalog(ctx, input),
  'tests.define': (input, ctx) => defineTest(ctx, input),
  'tests.updateDefinition': (input, ctx) => updateTestDefinition(ctx, input),
  'tests.order': (input, ctx) => orderTest(ctx, input),
  'tests.cancel': (input, ctx) => cancelTest(ctx, input),
  'tests.recordResult': (input, ctx) => recordResult(ctx, input),
  'tests.pending': (input, ctx) => pendingTests(ctx, input),
  'tests.newResults': (input, ctx) => newResults(ctx, input),
  'tests.markSeen': (input, ctx) => markSeen(ctx, input),
  'prescriptions.create': (input, ctx) => createPrescription(ctx, input),
  'prescriptions.cancel': (input, ctx) => cancelPrescription(ctx, input),
  'prescriptions.list': (input, ctx) => listPrescriptions(ctx, input),
  'prescriptions.get': (input, ctx) => getPrescription(ctx, input.id),
});
