// Taking a free or cleaning bed out of service, with why; it takes no patient until it is returned to service.
import { Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { bedName, type BedPlace } from './wards-data';

export function OutOfServiceForm({ place, onDone }: { place: BedPlace; onDone: () => void }) {
  const name = bedName(place.room.number, place.bed.label);
  const form = useForm({ note: '' });
  const save = useMutation({
    mutationFn: (input: { bedId: number; state: 'out_of_service'; note: string | null }) => api.rooms.setState(input),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: 'Out of service', message: `${name} takes no patient until it is returned to service.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const input = { bedId: place.bed.id, state: 'out_of_service' as const, note: form.values.note };
    const parsed = form.check(contract['rooms.setState'].input, input);
    if (parsed) save.mutate({ ...input, note: parsed.note });
  };
  return (
    <ModalForm form={form} onSubmit={submit} label="Take bed out of service" failTitle="Not changed" onCancel={onDone} cancelLabel="Back" submitLabel="Take out of service" loading={save.isPending}>
      <Title order={5}>Take {name} out of service</Title>
      <Textarea label="Why" autosize minRows={2} maxLength={200} placeholder="e.g. Broken bed rail" {...form.text('note')} />
    </ModalForm>
  );
}
