// Tests of an encounter: ordered from the hospital's test catalog (lab and imaging), their status, and their results
// with flags; a result is entered or corrected here too, and an order still waiting can be cancelled with a reason.
import { useState } from 'react';
import { Button, Group, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFlask, IconPencil } from '@tabler/icons-react';
import { type Encounter, type TestDefinition, type TestOrder } from '@shared/contract/clinical';
import type { TestPriority } from '@shared/domain/clinical';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { Panel } from '../../components/Panel';
import { TableHead } from '../../components/TableHead';
import { useEncounterRights, useEncounterWrite } from './clinical-data';
import { AddBox } from './AddBox';
import { ReasonModal, type ReasonRequest } from './ReasonModal';
import { ByWhom, CancelButton } from './record-cells';
import { ResultModal } from './ResultModal';
import { OrderStatusBadge, PriorityBadge, ResultView, TestOrderName } from './results-ui';
import { ServerSelect } from './ServerSelect';

const testLabel = (t: TestDefinition) => `${t.code} ${t.name}${t.unit ? ` (${t.unit})` : ''}`;

export function TestsSection({ encounter: e, timeZone }: { encounter: Encounter; timeZone: string }) {
  const rights = useEncounterRights(e);
  const { can } = useSession();
  // Results arrive after the consultation: they are entered whether or not the encounter is signed.
  const resulter = can('tests.recordResult', e.hospitalId);
  const [entering, setEntering] = useState<TestOrder | null>(null);
  const [cancelling, setCancelling] = useState<ReasonRequest | null>(null);
  const cancel = (o: TestOrder): ReasonRequest => ({
    title: `Cancel ${o.testName}`,
    about: `The order of ${o.testName} for ${o.patientName} will no longer be waiting for a result.`,
    submitLabel: 'Cancel order',
    done: `${o.testName} cancelled.`,
    send: (reason) => api.tests.cancel({ id: o.id, reason }),
  });
  return (
    <Panel title="Tests">
      {e.tests.length === 0 ? (
        <Text size="sm" c="dimmed">
          No test ordered.
        </Text>
      ) : (
        <Table verticalSpacing={8} aria-label="Test orders">
          <TableHead columns={['Test', { title: 'Status', width: 170 }, 'Result', { title: 'Ordered', width: 200 }, { title: '', width: 120 }]} />
          <Table.Tbody>
            {e.tests.map((o) => (
              <Table.Tr key={o.id} aria-label={`${o.testCode} ${o.testName}`} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <TestOrderName order={o} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <OrderStatusBadge status={o.status} />
                    <PriorityBadge priority={o.priority} />
                  </Group>
                  {o.cancelReason && (
                    <Text size="xs" c="dimmed">
                      {o.cancelReason}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ResultView order={o} timeZone={timeZone} />
                </Table.Td>
                <Table.Td>
                  <ByWhom name={o.orderedByName} at={o.orderedAt} timeZone={timeZone} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {resulter && o.status !== 'cancelled' && (
                      <Button size="compact-xs" variant="light" leftSection={<IconPencil size={12} />} onClick={() => setEntering(o)} aria-label={`${o.result ? 'Correct' : 'Enter'} result of ${o.testName}`}>
                        {o.result ? 'Correct' : 'Result'}
                      </Button>
                    )}
                    {rights.clinician && o.status === 'ordered' && (
                      <CancelButton what={o.testName} onClick={() => setCancelling(cancel(o))} />
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rights.clinician && <OrderTest encounter={e} />}
      <ResultModal order={entering} timeZone={timeZone} onClose={() => setEntering(null)} />
      <ReasonModal request={cancelling} onClose={() => setCancelling(null)} />
    </Panel>
  );
}

function OrderTest({ encounter: e }: { encounter: Encounter }) {
  const [test, setTest] = useState<TestDefinition | null>(null);
  const [search, setSearch] = useState('');
  const [priority, setPriority] = useState<TestPriority>('routine');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const query = test && search === testLabel(test) ? '' : search.trim();
  const [debounced] = useDebouncedValue(query, 200);
  const catalog = useChannelQuery('tests.catalog', { hospitalId: e.hospitalId, query: debounced }, { placeholderData: (previous) => previous });
  const order = useEncounterWrite(api.tests.order, {
    done: () => {
      setTest(null);
      setSearch('');
      setNote('');
      setPriority('routine');
    },
    onError: (err) => setError(err.message),
  });
  return (
    <form
      aria-label="Order a test"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!test) return setError('Choose a test from the catalog.');
        setError(undefined);
        order.mutate({ encounterId: e.id, testId: test.id, priority, note: note || null });
      }}
    >
      <AddBox>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <ServerSelect
            label="Test"
            placeholder="Search the test catalog"
            items={catalog.data ?? []}
            searching={catalog.isFetching}
            search={search}
            onSearchChange={setSearch}
            value={test}
            onChange={(t) => {
              setTest(t);
              setError(undefined);
            }}
            keyOf={(t) => t.id}
            labelOf={testLabel}
            error={error}
          />
          <SegmentedControl
            aria-label="Priority"
            data={[
              { value: 'routine', label: 'Routine' },
              { value: 'urgent', label: 'Urgent' },
            ]}
            value={priority}
            onChange={(p) => setPriority(p as TestPriority)}
            color={priority === 'urgent' ? 'red' : undefined}
          />
          <TextInput label="Note for the lab" placeholder="Optional" value={note} onChange={(ev) => setNote(ev.currentTarget.value)} maxLength={1000} w={220} />
          <Button type="submit" variant="light" leftSection={<IconFlask size={16} />} loading={order.isPending}>
            Order test
          </Button>
        </Group>
      </AddBox>
    </form>
  );
}
