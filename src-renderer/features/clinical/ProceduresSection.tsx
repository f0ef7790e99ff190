// Treatments and procedures of an encounter, from the hospital's priced catalog (charged when recorded).
import { useState } from 'react';
import { ActionIcon, Button, Group, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { CatalogItem } from '@shared/contract/billing';
import type { Encounter } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { formatMoney } from '../../components/format';
import { Panel } from '../../components/Panel';
import { TableHead } from '../../components/TableHead';
import { useEncounterRights, useEncounterWrite } from './clinical-data';
import { AddBox } from './AddBox';
import { ByWhom } from './record-cells';
import { ServerSelect } from './ServerSelect';

const itemLabel = (i: CatalogItem) => `${i.code} ${i.description} · ${formatMoney(i.price, i.currency)}`;

export function ProceduresSection({ encounter: e, timeZone }: { encounter: Encounter; timeZone: string }) {
  const rights = useEncounterRights(e);
  const remove = useEncounterWrite(api.procedures.remove, { failTitle: 'Procedure not removed' });
  return (
    <Panel title="Procedures and treatments">
      {e.procedures.length === 0 ? (
        <Text size="sm" c="dimmed">
          No procedure recorded.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label="Procedures">
          <TableHead columns={[{ title: 'Code', width: 120 }, 'Procedure', { title: 'Qty', width: 60 }, { title: 'Performed', width: 260 }, rights.clinician && { title: '', width: 40 }]} />
          <Table.Tbody>
            {e.procedures.map((p) => (
              <Table.Tr key={p.id} aria-label={`${p.code} ${p.description}`}>
                <Table.Td ff="monospace">{p.code}</Table.Td>
                <Table.Td>
                  <Text size="sm">{p.description}</Text>
                  {p.notes && (
                    <Text size="xs" c="dimmed">
                      {p.notes}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{p.quantity}</Table.Td>
                <Table.Td>
                  <ByWhom name={p.performedByName} at={p.performedAt} timeZone={timeZone} />
                </Table.Td>
                {rights.clinician && (
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${p.code}`} loading={remove.isPending && remove.variables?.id === p.id} onClick={() => remove.mutate({ id: p.id })}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rights.clinician && <RecordProcedure encounter={e} />}
    </Panel>
  );
}

function RecordProcedure({ encounter: e }: { encounter: Encounter }) {
  const [item, setItem] = useState<CatalogItem | null>(null);
  const [search, setSearch] = useState('');
  const [quantity, setQuantity] = useState<number | string>(1);
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<string | undefined>();
  const query = item && search === itemLabel(item) ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 200);
  const catalog = useChannelQuery('catalog.list', { hospitalId: e.hospitalId, query: debounced, limit: 30 }, { placeholderData: (previous) => previous });
  const treatments = (catalog.data?.items ?? []).filter((i) => i.category === 'treatment');
  const record = useEncounterWrite(api.procedures.record, {
    done: () => {
      setItem(null);
      setSearch('');
      setQuantity(1);
      setNotes('');
    },
    onError: (err) => setError(err.message),
  });
  return (
    <form
      aria-label="Record a procedure"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!item) return setError('Choose a treatment from the catalog.');
        setError(undefined);
        record.mutate({ encounterId: e.id, catalogItemId: item.id, quantity: typeof quantity === 'number' ? quantity : 1, notes: notes || null });
      }}
    >
      <AddBox>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <ServerSelect
            label="Treatment or procedure"
            placeholder="Search the catalog"
            items={treatments}
            searching={catalog.isFetching}
            search={search}
            onSearchChange={setSearch}
            value={item}
            onChange={(i) => {
              setItem(i);
              setError(undefined);
            }}
            keyOf={(i) => i.id}
            labelOf={itemLabel}
            error={error}
          />
          <NumberInput label="Quantity" value={quantity} onChange={setQuantity} min={1} max={100_000} allowDecimal={false} w={100} />
          <TextInput label="Notes" placeholder="Optional" value={notes} onChange={(ev) => setNotes(ev.currentTarget.value)} maxLength={2000} w={220} />
          <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={record.isPending}>
            Record
          </Button>
        </Group>
      </AddBox>
    </form>
  );
}
