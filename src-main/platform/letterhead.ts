// The hospital at the top of every printed document (invoice, receipt, census, rota), read in one query.
import { notFound } from '@shared/errors';
import type { ReceiptLayout } from '@shared/domain/billing';
import type { CallContext } from './context';
import type { HospitalLetterhead, Paper } from '../pdf/layout';

export interface HospitalPaper {
  head: HospitalLetterhead;
  /** The hospital's code, for file names ("invoice-KLA-…"). */
  code: string;
  /** The paper the hospital's billing prints on (billing settings; A4 until set). */
  paper: Paper;
  /** How its receipts print: on that paper, or on an 80 mm till roll (billing settings; on the paper until set). */
  receiptLayout: ReceiptLayout;
}

/**
 * The hospital's letterhead. Documents that must show the tax number (invoices, receipts) ask for it with `taxNumber`;
 * the others (census, rota) carry name and address only.
 */
export async function letterheadOf(ctx: CallContext, hospitalId: number, options: { taxNumber?: boolean } = {}): Promise<HospitalPaper> {
  const [h]: { code: string; name: string; address: string | null; region: string | null; time_zone: string; tax_number: string | null; paper: Paper | null; receipt_layout: ReceiptLayout | null }[] = await ctx.em.query(
    `SELECT h.code, h.name, h.address, h.region, h.time_zone, bs.tax_number, bs.paper, bs.receipt_layout
       FROM hospitals h LEFT JOIN billing_settings bs ON bs.hospital_id = h.id
      WHERE h.id = ?`,
    [hospitalId],
  );
  if (!h) throw notFound('The hospital');
  return {
    head: { name: h.name, address: h.address ?? '', region: h.region ?? '', timeZone: h.time_zone, ...(options.taxNumber ? { taxNumber: h.tax_number } : {}) },
    code: h.code,
    paper: h.paper ?? 'A4',
    receiptLayout: h.receipt_layout ?? 'a4',
  };
}
