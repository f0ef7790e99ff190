// The pharmacy's queue: prescriptions still to dispense, oldest first, each dispensed (all of it or a part) from here.
import { useRef, useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconPill } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Prescription } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { Detail } from '../../components/Detail';
import { useForm } from '../../components/form';
import { formatDateTime } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { RecordLink } from '../../components/RecordLink';
import { doseLine, ExpiryText } from './pharmacy-ui';

const PAGE = 50;

export const remainderOf = (p: Pick<Prescription, 'quantity' | 'dispensedQuantity'>) => Math.max(0, p.quantity - p.dispensedQuantity);

export function DispenseQueue({ hospitalId, timeZone }: { hospitalId: number; timeZone: string }) {
  const { can } = useSession();
  const dispenses = can('pharmacy.dispense', hospitalId);
  const list = useChannelInfiniteQuery('prescriptions.list', { hospitalId, status: 'to_dispense', limit: PAGE });
  const [dispensing, setDispensing] = useState<Prescription | null>(null);
  const rows = pageItems(list.data);

  const columns: Column<Prescription>[] = [
    { key: 'at', header: 'Prescribed', render: (p) => formatDateTime(p.prescribedAt, timeZone), csv: (p) => p.prescribedAt, nowrap: true, width: 150 },
    {
      key: 'patient',
      header: 'Patient',
      render: (p) => (
        <Stack gap={0}>
          <RecordLink to={`/patients/${p.patientId}`} hospitalId={hospitalId} size="sm" stopPropagation>
            {p.patientName}
          </RecordLink>
          <Text size="xs" c="dimmed" ff="monospace">
            {p.patientNumber}
          </Text>
        </Stack>
      ),
      csv: (p) => `${p.patientNumber} ${p.patientName}`,
    },
    {
      key: 'medicine',
      header: 'Medicine',
      render: (p) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {p.medicine}
          </Text>
          {p.instructions && (
            <Text size="xs" c="dimmed">
              {p.instructions}
            </Text>
          )}
        </Stack>
      ),
      csv: (p) => p.medicine,
    },
    { key: 'dose', header: 'Dose and frequency', render: (p) => doseLine(p), csv: (p) => doseLine(p) },
    {
      key: 'quantity',
      header: 'Dispensed / prescribed',
      render: (p) => (
        <Stack gap={0}>
          <Text size="sm">
            {p.dispensedQuantity} / {p.quantity}
          </Text>
          {p.dispensedQuantity > 0 && (
            <Text size="xs" c="orange.8">
              {remainderOf(p)} still to go
            </Text>
          )}
        </Stack>
      ),
      csv: (p) => `${p.dispensedQuantity}/${p.quantity}`,
      nowrap: true,
      width: 120,
    },
    { key: 'prescriber', header: 'Prescriber', render: (p) => p.prescriberName, csv: (p) => p.prescriberName },
    {
      key: 'action',
      header: '',
      render: (p) =>
        dispenses && (
          <Button
            size="xs"
            leftSection={<IconPill size={14} />}
            aria-label={`Dispense ${p.medicine} for ${p.patientName}`}
            onClick={(e) => {
              e.stopPropagation();
              setDispensing(p);
            }}
          >
            Dispense
          </Button>
        ),
      csv: false,
      width: 110,
    },
  ];

  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(p) => p.id}
        rowLabel={(p) => `${p.patientName} ${p.medicine}`}
        onOpen={dispenses ? setDispensing : undefined}
        {...pagingOf(list)}
        csvName="to-dispense"
        exportSource={{ channel: 'prescriptions.list', input: { hospitalId, status: 'to_dispense' } }}
        countLabel={(n) => `${n} ${n === 1 ? 'prescription' : 'prescriptions'} to dispense`}
        empty={<EmptyState icon={<IconPill size={28} />} title="Nothing to dispense" description="Prescriptions appear here as doctors write them." />}
      />
      {dispensing && <DispenseModal key={dispensing.id} prescription={dispensing} timeZone={timeZone} onClose={() => setDispensing(null)} />}
    </>
  );
}

function DispenseModal({ prescription: p, timeZone, onClose }: { prescription: Prescription; timeZone: string; onClose: () => void }) {
  const remainder = remainderOf(p);
  const stock = useChannelQuery('pharmacy.item', { id: p.itemId });
  const form = useForm<{ quantity: number | '' }>({ quantity: remainder });
  // One key per dialog: a second click or a retry after a lost answer sends the same key, and main dispenses once.
  const submitKey = useRef(crypto.randomUUID());
  const dispense = useMutation({
    mutationFn: (input: { prescriptionId: number; quantity: number; idempotencyKey?: string }) => api.pharmacy.dispense(input),
    onSuccess: (d) => {
      const left = d.prescription.quantity - d.prescription.dispensedQuantity;
      const from = d.batches.map((b) => `${b.quantity} from ${b.batchNumber}`).join(', ');
      notifications.show({
        color: 'teal',
        title: `Dispensed ${d.quantity} × ${d.prescription.medicine}`,
        message: `${d.prescription.patientName}: ${from}.${left > 0 ? ` ${left} still to dispense.` : ' Prescription complete.'}`,
      });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['pharmacy.dispense'].input, { prescriptionId: p.id, quantity: form.values.quantity === '' ? Number.NaN : form.values.quantity, idempotencyKey: submitKey.current });
    if (parsed) dispense.mutate(parsed);
  };
  const item = stock.data?.item;
  const q = form.values.quantity;
  const partial = typeof q === 'number' && q > 0 && q < remainder;
  const tooMany = typeof q === 'number' && q > remainder;

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Dispense {p.medicine}</Text>} size="lg">
      <ModalForm form={form} onSubmit={submit} failTitle="Not dispensed" onCancel={onClose} submitLabel="Dispense" submitIcon={<IconPill size={16} />} loading={dispense.isPending}>
        <Stack gap={6}>
          <Detail label="Patient" inline>
            {p.patientName} · {p.patientNumber}
          </Detail>
          <Detail label="Prescribed" inline>
            {doseLine(p)}
          </Detail>
          {p.instructions && (
            <Detail label="Instructions" inline>
              {p.instructions}
            </Detail>
          )}
          <Detail label="By" inline>
            {p.prescriberName}, {formatDateTime(p.prescribedAt, timeZone)}
          </Detail>
          <Detail label="Quantity" inline>
            {p.quantity} prescribed, {p.dispensedQuantity} dispensed, {remainder} to go
          </Detail>
          <Detail label="On the shelf" inline>
            {item ? (
              <span data-testid="on-hand">
                {item.onHand} usable
                {item.expiredOnHand > 0 ? ` (${item.expiredOnHand} expired, not dispensed)` : ''}
                {item.nextExpiry ? (
                  <>
                    {' · next expiry '}
                    <ExpiryText date={item.nextExpiry} expired={false} />
                  </>
                ) : null}
              </span>
            ) : stock.isPending ? (
              'Loading…'
            ) : (
              stock.error?.message
            )}
          </Detail>
        </Stack>
        {p.allergyOverrideReason && (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Prescribed despite a recorded allergy">
            {p.allergyOverrideReason}
          </Alert>
        )}
        {p.dispensings.length > 0 && (
          <Text size="sm" c="dimmed">
            Earlier: {p.dispensings.map((d) => `${d.quantity} on ${formatDateTime(d.dispensedAt, timeZone)} by ${d.dispensedByName}`).join('; ')}
          </Text>
        )}
        <NumberInput
          label="Quantity to dispense"
          description={partial ? `A part: ${remainder - (q as number)} stay to dispense later.` : tooMany ? `More than the ${remainder} left on the prescription.` : 'All that is left on the prescription.'}
          value={q}
          onChange={(v) => form.set('quantity', typeof v === 'number' ? v : '')}
          min={1}
          max={remainder}
          allowDecimal={false}
          error={form.errors.quantity}
          w={220}
          data-autofocus
        />
        {item && typeof q === 'number' && q > item.onHand && item.onHand > 0 && item.onHand < remainder && (
          <Group gap="xs">
            <Text size="sm" c="orange.8">
              Only {item.onHand} usable on the shelf.
            </Text>
            <Button size="compact-sm" variant="light" onClick={() => form.set('quantity', item.onHand)}>
              Dispense those {item.onHand} now
            </Button>
          </Group>
        )}
      </ModalForm>
    </Modal>
  );
}
