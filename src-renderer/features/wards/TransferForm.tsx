// Moving an admitted patient to another free bed; the bed they leave goes to cleaning. The beds offered are those the
// server would take now (a bed reserved for somebody else over the stay's nights is not offered).
import { useMemo } from 'react';
import { Select, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { bedName, bedPlaceLabel, type BedPlace } from './wards-data';

export function TransferForm({ place, index, onDone }: { place: BedPlace; index: Map<number, BedPlace>; onDone: (toBedId?: number) => void }) {
  const occupant = place.bed.occupant!;
  const here = bedName(place.room.number, place.bed.label);
  const form = useForm({ toBedId: null as string | null, reason: '' });
  const offered = useChannelQuery('admissions.transferBeds', { stayId: occupant.stayId });
  const free = useMemo(() => {
    const ids = new Set(offered.data ?? []);
    return [...index.values()].filter((p) => ids.has(p.bed.id));
  }, [index, offered.data]);

  const transfer = useMutation({
    mutationFn: (input: { stayId: number; toBedId: number; reason: string | null }) => api.admissions.transfer(input),
    onSuccess: (s) => {
      notifications.show({ color: 'teal', title: 'Transferred', message: `${s.patientName} moved to ${bedName(s.roomNumber, s.bedLabel)}; ${here} goes to cleaning.` });
      onDone(s.bedId);
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const input = { stayId: occupant.stayId, toBedId: form.values.toBedId ? Number(form.values.toBedId) : undefined, reason: form.values.reason };
    const parsed = form.check(contract['admissions.transfer'].input, input, form.values.toBedId ? {} : { toBedId: 'Choose a free bed.' });
    if (parsed) transfer.mutate(parsed);
  };

  return (
    <ModalForm form={form} onSubmit={submit} label="Transfer patient" failTitle="Not transferred" onCancel={() => onDone()} cancelLabel="Back" submitLabel="Transfer" loading={transfer.isPending}>
      <Title order={5}>Transfer {occupant.patientName}</Title>
      <Select
        label="To bed"
        placeholder={offered.isPending ? 'Finding the free beds…' : free.length ? 'Choose a free bed' : 'No free bed'}
        data={free.map((p) => ({ value: String(p.bed.id), label: bedPlaceLabel(p) }))}
        value={form.values.toBedId}
        onChange={(v) => form.set('toBedId', v)}
        error={form.errors.toBedId ?? offered.error?.message}
        searchable
        required
        limit={200}
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea label="Reason" autosize minRows={2} maxLength={500} placeholder="e.g. Needs isolation" {...form.text('reason')} />
      <Text size="sm" c="dimmed">
        {here} goes to cleaning once the patient has left.
      </Text>
    </ModalForm>
  );
}
