// The journal's three answers: a page of the timeline for the screen, the whole journal as a PDF, the clinical record
// as a FHIR R4 bundle. Each is an audited read of the patient.
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { JournalPage } from '@shared/contract/journal';
import { localDate } from '@shared/domain/dates';
import type { CallContext } from '../../platform/context';
import { letterheadOf } from '../../platform/letterhead';
import { hospitalZones } from '../../platform/zones';
import { renderJournalPdf } from '../../pdf/journal.pdf';
import { fhirBundle, type TestCodes } from './journal.fhir';
import { entriesOf, patientHead, timelinePage, viewOf, wholeTimeline, type PatientHead } from './journal.timeline';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** Safe in a file name: "HMS/000123" → "HMS-000123". */
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

export async function patientJournal(ctx: CallContext, input: In<'patients.journal'>): Promise<JournalPage> {
  const patient = await patientHead(ctx, input.patientId);
  const view = viewOf(ctx);
  const page = await timelinePage(ctx, view, input, input.cursor, input.limit);
  const items = await entriesOf(ctx, page.items, view);
  ctx.audit({
    action: 'patient.journal',
    entity: 'patient',
    entityId: patient.id,
    hospitalId: patient.hospitalId,
    changes: { kinds: input.kinds?.length ? input.kinds : view.kinds, from: input.from ?? null, to: input.to ?? null, page: input.cursor ? 'next' : 'first', entries: items.length },
  });
  return { items, nextCursor: page.nextCursor, view };
}

/** The hospital the document is printed at: the patient's own when the caller works there, else the caller's first. */
function printingHospital(ctx: CallContext, patient: PatientHead): number {
  const scope = ctx.scope();
  return scope === 'all' || scope.includes(patient.hospitalId) || scope.length === 0 ? patient.hospitalId : scope[0];
}

export async function patientJournalPdf(ctx: CallContext, input: In<'patients.journalPdf'>): Promise<{ fileName: string; pdfBase64: string; pages: number }> {
  const patient = await patientHead(ctx, input.patientId);
  const view = viewOf(ctx);
  const refs = await wholeTimeline(ctx, view, input);
  const entries = await entriesOf(ctx, refs, view);
  const { head, code, paper } = await letterheadOf(ctx, printingHospital(ctx, patient));
  const now = ctx.now();
  const { bytes, pages } = await renderJournalPdf({ patient, entries, view, from: input.from, to: input.to }, head, {
    paper,
    printedAt: now,
    timeZone: head.timeZone,
    printedBy: ctx.user.fullName,
  });
  ctx.audit({
    action: 'patient.journal_print',
    entity: 'patient',
    entityId: patient.id,
    hospitalId: patient.hospitalId,
    changes: { kinds: input.kinds?.length ? input.kinds : view.kinds, from: input.from ?? null, to: input.to ?? null, entries: entries.length, pages },
  });
  return { fileName: `journal-${fileSafe(patient.patientNumber)}-${code}-${localDate(now, head.timeZone)}.pdf`, pdfBase64: bytes.toString('base64'), pages };
}

async function testCodes(ctx: CallContext, ids: number[]): Promise<TestCodes> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; loinc: string | null; ucum: string | null }[] = await ctx.em.query(
    `SELECT id, loinc, ucum FROM test_definitions WHERE id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  return new Map(rows.map((r) => [Number(r.id), { loinc: r.loinc, ucum: r.ucum }]));
}

export async function patientFhirExport(ctx: CallContext, input: In<'patients.fhirExport'>): Promise<{ fileName: string; json: string; resources: number }> {
  const patient = await patientHead(ctx, input.patientId);
  const view = viewOf(ctx);
  const refs = await wholeTimeline(ctx, view, { patientId: patient.id, kinds: ['appointment', 'encounter', 'admission'] });
  const entries = await entriesOf(ctx, refs, view);
  const tests = new Set<number>();
  for (const e of entries) if (e.kind === 'encounter') for (const t of e.encounter.tests) tests.add(t.testId);
  const now = ctx.now();
  const bundle = fhirBundle(patient, entries, await testCodes(ctx, [...tests]), now);
  const byType: Record<string, number> = {};
  for (const { resource } of bundle.entry) byType[resource.resourceType] = (byType[resource.resourceType] ?? 0) + 1;
  ctx.audit({ action: 'patient.fhir_export', entity: 'patient', entityId: patient.id, hospitalId: patient.hospitalId, changes: { resources: byType } });
  const zone = (await hospitalZones(ctx.em, [patient.hospitalId])).get(patient.hospitalId)?.timeZone;
  return { fileName: `fhir-${fileSafe(patient.patientNumber)}-${localDate(now, zone)}.json`, json: JSON.stringify(bundle, null, 2), resources: bundle.entry.length };
}
