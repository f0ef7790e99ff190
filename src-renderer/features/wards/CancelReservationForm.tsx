// Cancelling a reservation of a bed, with the reason.
import { Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import type { BedBooking } from '@shared/contract/wards';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { formatDate } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { bedName } from './wards-data';

export function CancelReservationForm({ booking, onDone }: { booking: BedBooking; onDone: () => void }) {
  const form = useForm({ reason: '' });
  const cancel = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.beds.cancelBooking(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Reservation cancelled', message: `${bedName(b.roomNumber, b.bedLabel)} is no longer held for ${b.patientName}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['beds.cancelBooking'].input, { id: booking.id, reason: form.values.reason });
    if (parsed) cancel.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} label="Cancel reservation" failTitle="Not cancelled" onCancel={onDone} cancelLabel="Back" submitLabel="Cancel reservation" color="red" loading={cancel.isPending}>
      <Title order={5}>Cancel the reservation of {booking.patientName}</Title>
      <Text size="sm">
        {formatDate(booking.from)} to {formatDate(booking.to)}
      </Text>
      <Textarea label="Reason for cancelling" required autosize minRows={2} maxLength={500} {...form.text('reason')} data-autofocus />
    </ModalForm>
  );
}
