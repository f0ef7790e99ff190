// One invoice: loaded, then shown as the draft editor (billing office, draft) or as the issued invoice (everyone else).
import { Center, Loader } from '@mantine/core';
import { BILLING } from '@shared/contract/billing';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { FormAlert } from '../../components/FormSection';
import { EmptyPage } from '../../components/PageHeader';
import { DraftInvoice } from './DraftInvoice';
import { IssuedInvoice } from './IssuedInvoice';

export function InvoicePage({ id }: { id: number }) {
  const { hasRole } = useSession();
  const invoice = useChannelQuery('invoices.get', { id });
  if (invoice.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (!invoice.data) {
    return invoice.error?.code === 'NOT_FOUND' ? (
      <EmptyPage title="Invoice not found" description="It does not exist (a deleted draft?) or is not at one of your hospitals." />
    ) : (
      <FormAlert title="The invoice could not be loaded" message={invoice.error?.message} />
    );
  }
  const inv = invoice.data;
  const canBill = hasRole(...BILLING);
  return inv.status === 'draft' && canBill ? <DraftInvoice key={inv.id} invoice={inv} /> : <IssuedInvoice invoice={inv} canBill={canBill} />;
}
