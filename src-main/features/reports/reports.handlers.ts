// Handlers of src-shared/contract/reports.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { contract } from '@shared/contract';
import { reports } from '@shared/contract/reports';
import { REPORTS, type ReportChannel } from '@shared/domain/reports';
import { invalid } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { defineHandlers } from '../../platform/handlers';
import { letterheadOf } from '../../platform/letterhead';
import { authorise } from '../permissions';
import { renderReportPdf } from '../../pdf/report.pdf';
import type { Letterhead } from '../../pdf/layout';
import { appointmentsByDepartment, departmentPerformance, schedulingTrends } from './appointments.report';
import { demographics } from './demographics.report';
import { occupancy } from './occupancy.report';
import { revenue } from './revenue.report';
import { staffHours } from './staff-hours.report';
import { reportReader } from './report-reader';

/** Each report's service, by channel: the PDF export runs the same one the screen calls. */
const RUN: { [K in ReportChannel]: (ctx: CallContext, input: z.output<(typeof reports)[K]['input']>) => Promise<unknown> } = {
  'reports.appointmentsByDepartment': appointmentsByDepartment,
  'reports.departmentPerformance': departmentPerformance,
  'reports.schedulingTrends': schedulingTrends,
  'reports.demographics': demographics,
  'reports.occupancy': occupancy,
  'reports.revenue': revenue,
  'reports.staffHours': staffHours,
};

/**
 * Runs a report by name under the caller's context: its access rule (the report channel's roles with the hospital's
 * role table, narrowing the call's hospitals as a call of the channel would) and its input schema first, then its
 * service. For the PDF here and the CSV export.
 */
export async function runReport(ctx: CallContext, report: ReportChannel, raw: unknown): Promise<unknown> {
  ctx.authorised = await authorise(ctx.em, ctx.user, report);
  const parsed = contract[report].input.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[['input', ...issue.path.map(String)].join('.')] ??= issue.message;
    throw invalid(fields);
  }
  return (RUN[report] as (ctx: CallContext, input: unknown) => Promise<unknown>)(ctx, parsed.data);
}

async function exportPdf(ctx: CallContext, input: { report: ReportChannel; input: unknown }) {
  const output = (await runReport(ctx, input.report, input.input)) as { from: string; to: string; departmentId: number | null; hospitals: { id: number; name: string; timeZone: string }[] };
  const meta = REPORTS[input.report];
  let letterhead: Letterhead;
  let code = 'chain';
  if (output.hospitals.length === 1) {
    const paper = await letterheadOf(ctx, output.hospitals[0].id);
    letterhead = paper.head;
    code = paper.code;
  } else {
    letterhead = { name: `${output.hospitals.length} hospitals`, address: output.hospitals.map((h) => h.name).join(', '), region: '' };
  }
  let departmentName: string | null = null;
  if (output.departmentId !== null) {
    const [d] = await reportReader(ctx).query<{ name: string }>('SELECT name FROM departments WHERE id = ?', [output.departmentId]);
    departmentName = d?.name ?? null;
  }
  const { bytes, pages } = await renderReportPdf(input.report, output as never, letterhead, {
    printedAt: ctx.now(),
    timeZone: output.hospitals[0]?.timeZone ?? 'UTC',
    departmentName,
    printedBy: ctx.user.username,
  });
  return {
    fileName: `${meta.slug}-${code}-${output.from}-${output.to}.pdf`.replace(/[^\w.-]+/g, '_'),
    pdfBase64: bytes.toString('base64'),
    pages,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export const reportHandlers = defineHandlers(reports, {
  'reports.appointmentsByDepartment': (input, ctx) => appointmentsByDepartment(ctx, input),
  'reports.departmentPerformance': (input, ctx) => departmentPerformance(ctx, input),
  'reports.schedulingTrends': (input, ctx) => schedulingTrends(ctx, input),
  'reports.demographics': (input, ctx) => demographics(ctx, input),
  'reports.occupancy': (input, ctx) => occupancy(ctx, input),
  'reports.revenue': (input, ctx) => revenue(ctx, input),
  'reports.staffHours': (input, ctx) => staffHours(ctx, input),
  'reports.exportPdf': (input, ctx) => exportPdf(ctx, input),
});
