// Ending something with a reason (cancelling a test order or a prescription): the reason is required and kept.
import { Modal, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';

export interface ReasonRequest {
  title: string;
  /** What is being ended, in a sentence. */
  about: string;
  submitLabel: string;
  done: string;
  send: (reason: string) => Promise<unknown>;
}

export function ReasonModal({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  return (
    <Modal opened={request !== null} onClose={onClose} title={<Text fw={600}>{request?.title}</Text>}>
      {request && <ReasonForm request={request} onClose={onClose} />}
    </Modal>
  );
}

function ReasonForm({ request, onClose }: { request: ReasonRequest; onClose: () => void }) {
  const form = useForm({ reason: '' });
  const send = useMutation({
    mutationFn: (reason: string) => request.send(reason),
    onSuccess: () => {
      notifications.show({ color: 'gray', message: request.done });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const reason = form.values.reason.trim();
    if (!reason) return form.setErrors({ reason: 'Required.' });
    send.mutate(reason);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not changed" onCancel={onClose} cancelLabel="Back" submitLabel={request.submitLabel} color="red" loading={send.isPending}>
      <Text size="sm">{request.about}</Text>
      <Textarea label="Reason" required autosize minRows={2} maxLength={300} data-autofocus {...form.text('reason')} />
    </ModalForm>
  );
}
