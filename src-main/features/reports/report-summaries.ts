// Every report summary counted afresh: what a bulk writer that deferred them (@hms_report_summaries_deferred) runs when
// it is done, and what whoever truncates a summarised table runs after.
import { REBUILD_REPORT_SUMMARIES } from '../../db/migrations/1765100000000-ReportSummaries';
import { REBUILD_VISIT_SUMMARIES } from '../../db/migrations/1765300000000-ReportVisitSummaries';
import { REBUILD_PATIENT_DAYS } from '../../db/migrations/1765400000000-ReportPatientDays';

export { DEFER_REPORT_SUMMARIES } from '../../db/migrations/1765100000000-ReportSummaries';

export async function rebuildReportSummaries(query: (statement: string) => Promise<unknown>): Promise<void> {
  for (const statement of [...REBUILD_REPORT_SUMMARIES, ...REBUILD_VISIT_SUMMARIES, ...REBUILD_PATIENT_DAYS]) await query(statement);
}
