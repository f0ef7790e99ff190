// The bed census as a PDF: today's occupants by ward, printed at the hospital's local time.
import type { PaperSize } from '@shared/contract/wards';
import type { CallContext } from '../../platform/context';
import { renderCensusPdf } from '../../pdf/census.pdf';
import { letterheadOf } from '../../platform/letterhead';
import { bedCensus } from './occupancy.queries';

export async function censusPdf(ctx: CallContext, hospitalId: number, paper: PaperSize): Promise<{ fileName: string; pdfBase64: string; pages: number }> {
  const census = await bedCensus(ctx, hospitalId);
  const { head, code } = await letterheadOf(ctx, hospitalId);
  const { bytes, pages } = await renderCensusPdf(census, head, { paper, printedAt: ctx.now() });
  ctx.audit({ action: 'census.print', entity: 'hospital', entityId: hospitalId, hospitalId, changes: { date: census.date, patients: census.rows.length, paper } });
  return { fileName: `bed-census-${code}-${census.date}.pdf`, pdfBase64: bytes.toString('base64'), pages };
}
