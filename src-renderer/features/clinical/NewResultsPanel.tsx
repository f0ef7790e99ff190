// Results of a doctor's orders they have not seen yet, newest first, on their day view: each leads to its encounter
// and is marked seen by the doctor (one by one or all at once).
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCheck, IconChecks } from '@tabler/icons-react';
import type { TestOrder } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { formatDateTime } from '../../components/format';
import { Panel } from '../../components/Panel';
import { SectionGate } from '../../components/RecordGate';
import { RecordLink } from '../../components/RecordLink';
import { FlagBadge, resultSummary } from './results-ui';

/** `mine`: the signed-in doctor's own results (they mark them seen); else a colleague's, read only. */
export function NewResultsPanel({ doctorId, mine, timeZone }: { doctorId: number; mine: boolean; timeZone: string }) {
  const { can } = useSession();
  const staff = can('tests.newResults');
  const results = useChannelQuery('tests.newResults', mine ? {} : { doctorId }, { enabled: staff });
  const seen = useMutation({
    mutationFn: (ids: number[]) => api.tests.markSeen({ ids }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not marked', message: e.message }),
  });
  if (!staff) return null;
  const rows = results.data ?? [];
  return (
    <Panel
      title={`New results${rows.length ? ` (${rows.length})` : ''}`}
      label="New results"
      actions={
        mine &&
        can('tests.markSeen') &&
        rows.length > 1 && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconChecks size={14} />} loading={seen.isPending} onClick={() => seen.mutate(rows.slice(0, 200).map((r) => r.id))}>
            All seen
          </Button>
        )
      }
    >
      <SectionGate query={results} failed="The new results could not be loaded" empty={rows.length === 0 && 'No new results.'}>
        {() => (
          <Stack gap={6}>
            {rows.map((o) => (
              <ResultLine key={o.id} order={o} timeZone={timeZone} onSeen={mine && can('tests.markSeen') ? () => seen.mutate([o.id]) : undefined} />
            ))}
          </Stack>
        )}
      </SectionGate>
    </Panel>
  );
}

function ResultLine({ order: o, timeZone, onSeen }: { order: TestOrder; timeZone: string; onSeen?: () => void }) {
  const r = o.result;
  return (
    <Group justify="space-between" wrap="nowrap" p="xs" style={{ borderRadius: 8, background: r?.flag === 'critical' ? 'var(--mantine-color-red-0)' : 'var(--mantine-color-gray-0)' }} aria-label={`${o.testName} of ${o.patientName}`}>
      <div>
        <Group gap={6}>
          <RecordLink to={`/encounters/${o.encounterId}`} fw={600} size="sm">
            {o.testName}
          </RecordLink>
          <Text size="sm">
            {o.patientName}{' '}
            <Text span ff="monospace" size="xs" c="dimmed">
              {o.patientNumber}
            </Text>
          </Text>
        </Group>
        <Group gap={6}>
          <Text size="sm" fw={r?.report && r.valueNumeric === null ? 400 : 600} lineClamp={1}>
            {r ? resultSummary(r) : ''}
          </Text>
          <FlagBadge flag={r?.flag ?? null} />
          <Text size="xs" c="dimmed">
            {r ? `${r.recordedByName}, ${formatDateTime(r.recordedAt, timeZone)}` : ''}
          </Text>
        </Group>
      </div>
      {onSeen && (
        <Button size="compact-sm" variant="light" color="gray" leftSection={<IconCheck size={14} />} onClick={onSeen} aria-label={`Seen: ${o.testName} of ${o.patientName}`}>
          Seen
        </Button>
      )}
    </Group>
  );
}
