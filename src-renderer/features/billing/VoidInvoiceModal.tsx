// Voiding an issued invoice with a reason: the number stays used and the invoice's charges can be billed again.
import { Modal, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import type { Invoice } from '@shared/contract/billing';
import { api } from '../../api/client';
import { channelKey } from '../../api/queries';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';

export function VoidInvoiceModal({ invoice: inv, opened, onClose }: { invoice: Invoice; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Void {inv.number}</Text>}>
      {opened && <VoidForm invoice={inv} onClose={onClose} />}
    </Modal>
  );
}

function VoidForm({ invoice: inv, onClose }: { invoice: Invoice; onClose: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({ reason: '' });
  const voidIt = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.invoices.void(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(channelKey('invoices.get', { id: saved.id }), saved);
      notifications.show({ color: 'gray', title: `${saved.number} is void`, message: 'Its charges can be billed again on a corrected invoice.' });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['invoices.void'].input, { id: inv.id, reason: form.values.reason });
    if (parsed) voidIt.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} gap="md" failTitle="Not voided" onCancel={onClose} submitLabel="Void invoice" color="red" loading={voidIt.isPending}>
      <Text size="sm">The number stays used and the printed invoice says VOID. This cannot be undone.</Text>
      <Textarea label="Reason" placeholder="e.g. Wrong patient" maxLength={300} data-autofocus autosize minRows={2} {...form.text('reason')} />
    </ModalForm>
  );
}
