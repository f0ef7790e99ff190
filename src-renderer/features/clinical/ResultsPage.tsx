// The nurses' and lab's worklist: the hospital's test orders waiting for a result, urgent first, then oldest.
import { useState } from 'react';
import { Button, EmptyState, Group, Text } from '@mantine/core';
import { IconFlask, IconPencil } from '@tabler/icons-react';
import type { TestOrder } from '@shared/contract/clinical';
import type { TestKind } from '@shared/domain/clinical';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { RecordLink } from '../../components/RecordLink';
import { ViewSwitch } from '../../components/ViewSwitch';
import { ResultModal } from './ResultModal';
import { PriorityBadge, TEST_KIND_LABELS, TestOrderName } from './results-ui';

type KindChoice = 'all' | TestKind;
const KIND_CHOICES: Record<KindChoice, string> = { all: 'All tests', lab: 'Laboratory', imaging: 'Imaging' };

export function ResultsPage() {
  const { hospital } = useSession();
  const [kind, setKind] = useState<KindChoice>('all');
  const [entering, setEntering] = useState<TestOrder | null>(null);
  const list = useChannelInfiniteQuery('tests.pending', { hospitalId: hospital?.id ?? 0, kind: kind === 'all' ? undefined : kind, limit: 50 }, { enabled: !!hospital, keepPrevious: true });
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const tz = hospital.timeZone;
  const rows = pageItems(list.data);

  const columns: Column<TestOrder>[] = [
    { key: 'priority', header: 'Priority', render: (o) => <PriorityBadge priority={o.priority} />, csv: (o) => o.priority, width: 110, nowrap: true },
    { key: 'ordered', header: 'Ordered', render: (o) => formatDateTime(o.orderedAt, tz), csv: (o) => o.orderedAt, nowrap: true, width: 170 },
    {
      key: 'patient',
      header: 'Patient',
      render: (o) => (
        <RecordLink to={`/patients/${o.patientId}`} size="sm" stopPropagation>
          <Text span ff="monospace" size="xs" c="dimmed">
            {o.patientNumber}
          </Text>{' '}
          {o.patientName}
        </RecordLink>
      ),
      csv: (o) => `${o.patientNumber} ${o.patientName}`,
    },
    {
      key: 'test',
      header: 'Test',
      render: (o) => (
        <div>
          <TestOrderName order={o} />
        </div>
      ),
      csv: (o) => `${o.testCode} ${o.testName}`,
    },
    { key: 'by', header: 'Ordered by', render: (o) => o.orderedByName, csv: (o) => o.orderedByName },
    {
      key: 'enter',
      header: '',
      render: (o) => (
        <Group justify="flex-end">
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPencil size={14} />}
            aria-label={`Enter result: ${o.testName} of ${o.patientName}`}
            onClick={(e) => {
              e.stopPropagation();
              setEntering(o);
            }}
          >
            Enter result
          </Button>
        </Group>
      ),
      csv: false,
      width: 150,
    },
  ];

  return (
    <>
      <PageHeader title="Results" description={`Test orders at ${hospital.name} waiting for a result: urgent first, then the oldest.`} />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(o) => o.id}
        rowLabel={(o) => `${o.priority === 'urgent' ? 'Urgent ' : ''}${o.testName} for ${o.patientNumber} ${o.patientName}`}
        filters={<ViewSwitch label="Kind of test" value={kind} onChange={setKind} choices={KIND_CHOICES} />}
        onOpen={setEntering}
        {...pagingOf(list)}
        csvName="pending-results"
        exportSource={{ channel: 'tests.pending', input: { hospitalId: hospital.id, kind: kind === 'all' ? undefined : kind } }}
        countLabel={(n) => `${n} ${n === 1 ? 'order' : 'orders'} waiting`}
        empty={<EmptyState icon={<IconFlask size={28} />} title="Nothing waiting" description={`No ${kind === 'all' ? '' : `${TEST_KIND_LABELS[kind].toLowerCase()} `}test is waiting for a result.`} />}
      />
      <ResultModal order={entering} timeZone={tz} onClose={() => setEntering(null)} />
    </>
  );
}
