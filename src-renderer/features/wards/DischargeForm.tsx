// Discharging an admitted patient, and the summary of the room-night charges the discharge recorded.
import { Alert, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Stay } from '@shared/contract/wards';
import { api } from '../../api/client';
import { useHospital } from '../../app/session';
import { useForm } from '../../components/form';
import { formatDateTime, formatMoney } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { bedName, type BedPlace } from './wards-data';

export function DischargeForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: (stay?: Stay) => void }) {
  const occupant = place.bed.occupant!;
  const timeZone = useHospital(hospitalId)?.timeZone;
  const form = useForm({ note: '' });

  const discharge = useMutation({
    mutationFn: (input: { stayId: number; note: string | null }) => api.admissions.discharge(input),
    onSuccess: (s) => {
      notifications.show({ color: 'teal', title: 'Discharged', message: `${s.patientName} is discharged; ${bedName(s.roomNumber, s.bedLabel)} goes to cleaning.` });
      onDone(s);
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const parsed = form.check(contract['admissions.discharge'].input, { stayId: occupant.stayId, note: form.values.note });
    if (parsed) discharge.mutate(parsed);
  };

  return (
    <ModalForm
      form={form}
      onSubmit={submit}
      label="Discharge patient"
      failTitle="Not discharged"
      onCancel={() => onDone()}
      cancelLabel="Back"
      submitLabel={`Discharge ${occupant.patientName}`}
      color="red"
      loading={discharge.isPending}
    >
      <Title order={5}>Discharge {occupant.patientName}</Title>
      <Text size="sm">Admitted {formatDateTime(occupant.since, timeZone)}. The nights of the stay are recorded as room charges, and the bed goes to cleaning.</Text>
      <Textarea label="Discharge note" autosize minRows={2} maxLength={500} placeholder="e.g. Discharged home, review in 2 weeks" {...form.text('note')} data-autofocus />
    </ModalForm>
  );
}

export function DischargeSummary({ stay }: { stay: Stay }) {
  const total = stay.charges.reduce((n, c) => n + c.amount, 0);
  const currency = stay.charges[0]?.currency;
  return (
    <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`${stay.patientName} discharged`} data-testid="discharge-summary">
      <Stack gap="xs">
        <Text size="sm">The bed goes to cleaning. Room-days recorded as charges:</Text>
        {stay.charges.length === 0 ? (
          <Text size="sm">None (discharged the day of admission).</Text>
        ) : (
          <Table verticalSpacing={2} fz="sm" aria-label="Room-day charges">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Charge</Table.Th>
                <Table.Th ta="right">Nights</Table.Th>
                <Table.Th ta="right">Rate</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stay.charges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td ta="right">{c.quantity}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.unitPrice, c.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.amount, c.currency)}</Table.Td>
                </Table.Tr>
              ))}
              {currency && (
                <Table.Tr>
                  <Table.Td colSpan={3} fw={600}>
                    Total
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(total, currency)}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Alert>
  );
}
