// The bed census as a PDF: today's occupants by ward, printed at the hospital's local time.
import type { PaperSize } from '@shared/contract/wards';
import type { CallContext } from '../../ipc/context';
import { renderCensusPdf } from '../../pdf/census.pdf';
import { requireHospitalEntity } from '../hospitals/hospitals.service';
import { bedCensus } from './occupancy.queries';

export async function censusPdf(ctx: CallContext, hospitalId: number, paper: PaperSize): Promise<{ fileName: string; pdfBase64: string; pages: number }> {
  const census = await bedCensus(ctx, hospitalId);
  const h = await requireHospitalEntity(ctx, hospitalId);
  const { bytes, pages } = await renderCensusPdf(census, { name: h.name, address: h.address ?? '', region: h.region ?? '' }, { paper, printedAt: ctx.now() });
  ctx.audit({ action: 'census.print', entity: 'hospital', entityId: h.id, hospitalId: h.id, changes: { date: census.date, patients: census.rows.length, paper } });
  return { fileName: `bed-census-${h.code}-${census.date}.pdf`, pdfBase64: bytes.toString('base64'), pages };
}
