// One medicine: what is on the shelf batch by batch (expired ones in red), its latest stock movements, receiving a
// delivery and adjusting a batch with a reason.
import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAdjustments, IconEdit, IconTruckDelivery } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import { type MedicineItem, type StockBatch, type StockMovement } from '@shared/contract/pharmacy';
import { ADJUSTMENT_REASON_LABELS, ADJUSTMENT_REASONS, type AdjustmentReason } from '@shared/domain/clinical';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { Detail } from '../../components/Detail';
import { useForm } from '../../components/form';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { RecordGate } from '../../components/RecordGate';
import { TableHead } from '../../components/TableHead';
import { MedicineModal } from './MedicineModal';
import { ExpiryText, FORM_LABELS, LowBadge } from './pharmacy-ui';

const KIND_LABELS: Record<StockMovement['kind'], string> = { receipt: 'Received', adjustment: 'Adjusted', dispense: 'Dispensed' };
const KIND_COLORS: Record<StockMovement['kind'], string> = { receipt: 'teal', adjustment: 'orange', dispense: 'blue' };

export function MedicinePage({ id }: { id: number }) {
  const record = useChannelQuery('pharmacy.item', { id });
  return (
    <RecordGate record={record} notFound="Medicine not found" failed="The medicine could not be loaded">
      {(r) => <MedicineView item={r.item} batches={r.batches} movements={r.movements} />}
    </RecordGate>
  );
}

function MedicineView({ item, batches, movements }: { item: MedicineItem; batches: StockBatch[]; movements: StockMovement[] }) {
  const { can } = useSession();
  const hospital = useHospital(item.hospitalId);
  const timeZone = hospital?.timeZone;
  // Receiving and adjusting stock (the pharmacy); editing the medicine (its keepers).
  const keeps = can('pharmacy.receive', item.hospitalId);
  const [form, setForm] = useState<'receive' | 'edit' | { adjust: StockBatch } | null>(null);
  const today = todayIn(timeZone);
  const shelf = batches.filter((b) => b.quantity > 0);
  const empty = batches.length - shelf.length;

  return (
    <>
      <PageHeader
        back={{ label: 'Pharmacy stock', href: href('/pharmacy?tab=stock') }}
        title={
          <Group gap="sm">
            {item.label}
            <LowBadge item={item} />
            {!item.active && (
              <Badge color="gray" variant="light">
                Not in use
              </Badge>
            )}
          </Group>
        }
        description={`${FORM_LABELS[item.form]}${item.activeIngredient ? ` · ${item.activeIngredient}` : ''} · ${formatMoney(item.unitPrice, item.currency)} a unit`}
        actions={
          <>
            {can('pharmacy.updateItem', item.hospitalId) && (
              <Button variant="default" leftSection={<IconEdit size={18} />} onClick={() => setForm('edit')}>
                Edit
              </Button>
            )}
            {keeps && (
              <Button leftSection={<IconTruckDelivery size={18} />} onClick={() => setForm('receive')}>
                Receive stock
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <Panel title="Stock" label="Stock summary">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Detail label="On hand (usable)">
              <Text span fw={700} size="lg" data-testid="on-hand">
                {item.onHand}
              </Text>
            </Detail>
            <Detail label="Expired, still on the shelf">{item.expiredOnHand > 0 ? <Text span c="red.7" fw={600}>{item.expiredOnHand}</Text> : '0'}</Detail>
            <Detail label="Reorder level">{item.reorderLevel}</Detail>
            <Detail label="Next expiry">{item.nextExpiry ? <ExpiryText date={item.nextExpiry} expired={false} today={today} /> : null}</Detail>
          </SimpleGrid>
        </Panel>

        <Panel title="Batches on the shelf" label="Batches">
          {shelf.length === 0 ? (
            <Text size="sm" c="dimmed">
              No stock on the shelf.{keeps ? ' Receive a delivery to add a batch.' : ''}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing={6} aria-label="Batches on the shelf">
                <TableHead columns={['Batch', { title: 'Expiry', width: 190 }, 'Supplier', { title: 'Received', width: 170 }, { title: 'Units', width: 90 }, keeps && { title: '', width: 100 }]} />
                <Table.Tbody>
                  {shelf.map((b) => (
                    <Table.Tr key={b.id} bg={b.expired ? 'red.0' : undefined} aria-label={`Batch ${b.batchNumber}`}>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {b.batchNumber}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <ExpiryText date={b.expiryDate} expired={b.expired} today={today} />
                      </Table.Td>
                      <Table.Td>{b.supplier ?? '—'}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(b.receivedAt, timeZone)}
                        <Text size="xs" c="dimmed">
                          {b.receivedQuantity} received
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600} c={b.expired ? 'red.7' : undefined}>
                          {b.quantity}
                        </Text>
                      </Table.Td>
                      {keeps && (
                        <Table.Td>
                          <Button size="compact-xs" variant="light" color={b.expired ? 'red' : undefined} leftSection={<IconAdjustments size={14} />} onClick={() => setForm({ adjust: b })} aria-label={`Adjust batch ${b.batchNumber}`}>
                            Adjust
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {empty > 0 && (
            <Text size="xs" c="dimmed">
              {empty} used-up {empty === 1 ? 'batch is' : 'batches are'} not shown.
            </Text>
          )}
        </Panel>

        <Panel title="Latest movements" label="Stock movements">
          {movements.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nothing received or dispensed yet.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing={6} striped aria-label="Stock movements">
                <TableHead columns={[{ title: 'When', width: 170 }, { title: 'What', width: 110 }, 'Batch', { title: 'Units', width: 80 }, 'Reason or note', 'By']} />
                <Table.Tbody>
                  {movements.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.at, timeZone)}</Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={KIND_COLORS[m.kind]}>
                          {KIND_LABELS[m.kind]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {m.batchNumber}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={600} c={m.quantity < 0 ? 'red.7' : 'teal.8'}>
                          {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {[m.reason ? ADJUSTMENT_REASON_LABELS[m.reason] : null, m.note, m.prescriptionId ? `Prescription #${m.prescriptionId}` : null].filter(Boolean).join(' · ') || '—'}
                      </Table.Td>
                      <Table.Td>{m.byName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Panel>
      </Stack>

      {form === 'edit' && hospital && <MedicineModal item={item} hospitalId={item.hospitalId} currency={item.currency} onClose={() => setForm(null)} />}
      {form === 'receive' && <ReceiveModal item={item} country={hospital?.country ?? 'UG'} onClose={() => setForm(null)} />}
      {form && typeof form === 'object' && <AdjustModal batch={form.adjust} onClose={() => setForm(null)} />}
    </>
  );
}

function ReceiveModal({ item, country, onClose }: { item: MedicineItem; country: string; onClose: () => void }) {
  const order = countryInfo(country).dateOrder;
  const form = useForm<{ batchNumber: string; expiryDate: string; quantity: number | ''; supplier: string }>({ batchNumber: '', expiryDate: '', quantity: '', supplier: '' });
  const v = form.values;
  const receive = useMutation({
    mutationFn: (input: Parameters<typeof api.pharmacy.receive>[0]) => api.pharmacy.receive(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Stock received', message: `${b.quantity} × ${b.itemLabel}, batch ${b.batchNumber}, expires ${formatDate(b.expiryDate)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['pharmacy.receive'].input, { itemId: item.id, batchNumber: v.batchNumber, expiryDate: v.expiryDate, quantity: v.quantity === '' ? Number.NaN : v.quantity, supplier: v.supplier });
    if (parsed) receive.mutate(parsed);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Receive {item.label}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not received" onCancel={onClose} submitLabel="Receive" submitIcon={<IconTruckDelivery size={16} />} loading={receive.isPending}>
        <Group grow align="flex-start">
          <TextInput label="Batch number" {...form.text('batchNumber')} maxLength={40} required data-autofocus />
          <DateField label="Expiry date" value={v.expiryDate} onChange={(d) => form.set('expiryDate', d)} order={order} error={form.errors.expiryDate} required />
        </Group>
        <Group grow align="flex-start">
          <NumberInput label="Quantity (units)" value={v.quantity} onChange={(n) => form.set('quantity', typeof n === 'number' ? n : '')} min={1} allowDecimal={false} error={form.errors.quantity} required />
          <TextInput label="Supplier" {...form.text('supplier')} maxLength={120} />
        </Group>
      </ModalForm>
    </Modal>
  );
}

function AdjustModal({ batch, onClose }: { batch: StockBatch; onClose: () => void }) {
  const form = useForm<{ direction: 'remove' | 'add'; units: number | ''; reason: AdjustmentReason; note: string }>({
    direction: 'remove',
    units: batch.expired ? batch.quantity : '',
    reason: batch.expired ? 'expired' : 'damaged',
    note: '',
  });
  const v = form.values;
  const adjust = useMutation({
    mutationFn: (input: Parameters<typeof api.pharmacy.adjust>[0]) => api.pharmacy.adjust(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Batch adjusted', message: `Batch ${b.batchNumber} of ${b.itemLabel} now holds ${b.quantity}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const adds = v.reason === 'count_correction' || v.reason === 'returned';
  const submit = () => {
    const units = v.units === '' ? Number.NaN : v.units;
    const quantity = v.direction === 'add' ? units : -units;
    const parsed = form.check(contract['pharmacy.adjust'].input, { batchId: batch.id, quantity, reason: v.reason, note: v.note }, v.units === '' ? { units: 'Required.' } : {});
    if (parsed) adjust.mutate(parsed);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Adjust batch {batch.batchNumber}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not adjusted" onCancel={onClose} submitLabel="Adjust" loading={adjust.isPending}>
        <Text size="sm" c="dimmed">
          {batch.itemLabel}: {batch.quantity} on the shelf, expires {formatDate(batch.expiryDate)}
          {batch.expired ? ' (expired)' : ''}.
        </Text>
        <Select
          label="Reason"
          data={ADJUSTMENT_REASONS.map((r) => ({ value: r, label: ADJUSTMENT_REASON_LABELS[r] }))}
          value={v.reason}
          onChange={(r) => {
            if (!r) return;
            form.set('reason', r as AdjustmentReason);
            if (r !== 'count_correction' && r !== 'returned') form.set('direction', 'remove');
          }}
          allowDeselect={false}
          error={form.errors.reason}
        />
        <Group align="flex-end" grow>
          <SegmentedControl
            aria-label="Take off or add"
            data={[
              { value: 'remove', label: 'Take off' },
              { value: 'add', label: 'Add', disabled: !adds },
            ]}
            value={v.direction}
            onChange={(d) => form.set('direction', d as 'remove' | 'add')}
          />
          <NumberInput label="Units" value={v.units} onChange={(n) => form.set('units', typeof n === 'number' ? n : '')} min={1} allowDecimal={false} error={form.errors.units ?? form.errors.quantity} required />
        </Group>
        <Textarea label="Note" {...form.text('note')} maxLength={300} autosize minRows={2} />
      </ModalForm>
    </Modal>
  );
}
