// The hospital's medicines with what is on the shelf: search, only the low ones, a new medicine; a row opens its stock.
import { useState } from 'react';
import { Button, Group, Stack, Switch, Text } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPill, IconPlus } from '@tabler/icons-react';
import type { Hospital } from '@shared/contract/hospitals';
import type { MedicineItem } from '@shared/contract/pharmacy';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { formatMoney, moneyDecimal, todayIn } from '../../components/format';
import { MedicineModal } from './MedicineModal';
import { ExpiryText, FORM_LABELS, LowBadge } from './pharmacy-ui';

const PAGE = 100;

export function StockList({ hospital }: { hospital: Hospital }) {
  const { can } = useSession();
  const mayOpen = useMayOpen();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [lowOnly, setLowOnly] = useState(false);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [adding, setAdding] = useState(false);
  const list = useChannelInfiniteQuery('pharmacy.items', { hospitalId: hospital.id, query: debounced, lowOnly, includeInactive, limit: PAGE }, { keepPrevious: true });
  const rows = pageItems(list.data);
  const today = todayIn(hospital.timeZone);

  const columns: Column<MedicineItem>[] = [
    {
      key: 'medicine',
      header: 'Medicine',
      render: (i) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} c={i.active ? undefined : 'dimmed'}>
            {i.label}
            {!i.active && ' (not in use)'}
          </Text>
          {i.activeIngredient && (
            <Text size="xs" c="dimmed">
              {i.activeIngredient}
            </Text>
          )}
        </Stack>
      ),
      csv: (i) => i.label,
    },
    { key: 'form', header: 'Form', render: (i) => FORM_LABELS[i.form], csv: (i) => FORM_LABELS[i.form], width: 110 },
    {
      key: 'onHand',
      header: 'On hand',
      render: (i) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600} data-testid="on-hand">
            {i.onHand}
          </Text>
          <LowBadge item={i} />
        </Group>
      ),
      csv: (i) => i.onHand,
      nowrap: true,
      width: 150,
    },
    { key: 'reorder', header: 'Reorder level', render: (i) => i.reorderLevel, csv: (i) => i.reorderLevel, width: 130 },
    {
      key: 'expired',
      header: 'Expired on shelf',
      render: (i) =>
        i.expiredOnHand > 0 ? (
          <Text size="sm" c="red.7" fw={600}>
            {i.expiredOnHand}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
      csv: (i) => i.expiredOnHand,
      width: 140,
    },
    { key: 'expiry', header: 'Next expiry', render: (i) => (i.nextExpiry ? <ExpiryText date={i.nextExpiry} expired={false} today={today} /> : '—'), csv: (i) => i.nextExpiry ?? '', nowrap: true, width: 170 },
    { key: 'price', header: 'Unit price', render: (i) => formatMoney(i.unitPrice, i.currency), csv: (i) => moneyDecimal(i.unitPrice, i.currency), nowrap: true, width: 120 },
  ];

  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(i) => i.id}
        rowLabel={(i) => `Open ${i.label}`}
        search={{ label: 'Search medicines', placeholder: 'Name, strength or ingredient', value: query, onChange: setQuery }}
        filters={
          <Group gap="md" mb={8}>
            <Switch label="Low stock only" checked={lowOnly} onChange={(e) => setLowOnly(e.currentTarget.checked)} />
            <Switch label="Include medicines not in use" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
          </Group>
        }
        actions={
          can('pharmacy.createItem', hospital.id) && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              New medicine
            </Button>
          )
        }
        onOpen={mayOpen('pharmacy-item', hospital.id) ? (i) => navigate(`/pharmacy/items/${i.id}`) : undefined}
        {...pagingOf(list)}
        csvName="medicine-stock"
        exportSource={{ channel: 'pharmacy.items', input: { hospitalId: hospital.id, query: debounced, lowOnly, includeInactive } }}
        countLabel={(n) => `${n} ${n === 1 ? 'medicine' : 'medicines'}`}
        empty={
          <EmptyState
            icon={<IconPill size={28} />}
            title={debounced || lowOnly ? 'No medicine matches' : 'No medicines yet'}
            description={debounced || lowOnly ? 'Try another name, or show every medicine.' : 'Add the medicines this pharmacy keeps, then receive their stock in batches.'}
          />
        }
      />
      {adding && <MedicineModal item={null} hospitalId={hospital.id} currency={hospital.currency} onClose={() => setAdding(false)} onSaved={(i) => navigate(`/pharmacy/items/${i.id}`)} />}
    </>
  );
}
