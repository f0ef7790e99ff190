// One invoice: loaded, then shown as the draft editor (billing office, draft) or as the issued invoice (everyone else).
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { RecordGate } from '../../components/RecordGate';
import { DraftInvoice } from './DraftInvoice';
import { IssuedInvoice } from './IssuedInvoice';

export function InvoicePage({ id }: { id: number }) {
  const { can } = useSession();
  const invoice = useChannelQuery('invoices.get', { id });
  return (
    <RecordGate record={invoice} notFound="Invoice not found" notFoundHint="It does not exist (a deleted draft?) or is not at one of your hospitals." failed="The invoice could not be loaded">
      {(inv) =>
        inv.status === 'draft' && can('invoices.updateDraft', inv.hospitalId) ? <DraftInvoice key={inv.id} invoice={inv} /> : <IssuedInvoice invoice={inv} canBill={can('payments.record', inv.hospitalId)} />
      }
    </RecordGate>
  );
}
