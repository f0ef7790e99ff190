// The payroll runs of the selected hospital, newest first; HR starts the run of a month as a draft.
import { useState } from 'react';
import { Button, EmptyState, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconPlayerPlay, IconReportMoney } from '@tabler/icons-react';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { FormAlert } from '../../components/FormSection';
import { formatDate, formatMoney, moneyDecimal, todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { lastMonth, monthChoices, monthLabel, PayrollTabs, RunStatusBadge } from './payroll-ui';

type RunRow = { id: number; month: string; status: 'draft' | 'finalized'; count: number; net: number; currency: string; paidOn: string | null };

const columns: Column<RunRow>[] = [
  { key: 'month', header: 'Month', render: (r) => <Text size="sm" fw={500}>{monthLabel(r.month)}</Text>, csv: (r) => r.month, nowrap: true },
  { key: 'status', header: 'Status', render: (r) => <RunStatusBadge status={r.status} size="sm" />, csv: (r) => r.status, width: 120 },
  { key: 'count', header: 'Slips', render: (r) => r.count, csv: (r) => r.count, width: 90 },
  { key: 'net', header: 'Net pay', render: (r) => formatMoney(r.net, r.currency), csv: (r) => moneyDecimal(r.net, r.currency), nowrap: true, width: 180 },
  { key: 'paid', header: 'Paid on', render: (r) => formatDate(r.paidOn) || '—', csv: (r) => r.paidOn ?? '', nowrap: true, width: 140 },
];

export function RunsPage() {
  const { hospital, can } = useSession();
  const keeps = can('payroll.startRun');
  const mayOpen = useMayOpen();
  const [starting, setStarting] = useState(false);
  const runs = useChannelQuery('payroll.runs', { hospitalId: hospital?.id ?? 0 }, { enabled: !!hospital });
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const rows = runs.data ?? [];
  return (
    <>
      <PageHeader
        title="Payroll"
        description={`Monthly runs of ${hospital.name} in ${hospital.currency}: review a draft, recompute, finalize; print slips and the bank list.`}
        actions={
          keeps && (
            <Button leftSection={<IconPlayerPlay size={18} />} onClick={() => setStarting(true)}>
              Start run
            </Button>
          )
        }
      />
      <PayrollTabs active="runs" />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        rowLabel={(r) => `${monthLabel(r.month)} ${r.status === 'finalized' ? 'Finalized' : 'Draft'}`}
        onOpen={mayOpen('payroll-run') ? (r) => navigate(`/payroll/runs/${r.id}`) : undefined}
        loading={runs.isPending}
        error={runs.error}
        onRetry={() => void runs.refetch()}
        csvName="payroll-runs"
        exportSource={{ channel: 'payroll.runs', input: { hospitalId: hospital.id } }}
        countLabel={(n) => `${n} ${n === 1 ? 'run' : 'runs'}`}
        empty={<EmptyState icon={<IconReportMoney size={28} />} title="No payroll runs yet" description={keeps ? 'Start the run of a month: every active staff member with a pay structure gets a draft slip.' : 'HR starts the monthly runs.'} />}
      />
      {starting && <StartRunModal hospitalId={hospital.id} today={todayIn(hospital.timeZone)} taken={new Set(rows.map((r) => r.month))} onClose={() => setStarting(false)} />}
    </>
  );
}

function StartRunModal({ hospitalId, today, taken, onClose }: { hospitalId: number; today: string; taken: Set<string>; onClose: () => void }) {
  // Last month, unless it has its run already: then this month.
  const [month, setMonth] = useState(() => [lastMonth(today), today.slice(0, 7)].find((m) => !taken.has(m)) ?? lastMonth(today));
  const start = useMutation({
    mutationFn: () => api.payroll.startRun({ hospitalId, month }),
    onSuccess: (run) => navigate(`/payroll/runs/${run.id}`),
  });
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Start a payroll run</Text>}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <Stack gap="md">
          <Select
            label="Month"
            data={monthChoices(today).map((m) => ({ ...m, label: taken.has(m.value) ? `${m.label} (has a run)` : m.label }))}
            value={month}
            onChange={(m) => m && setMonth(m)}
            allowDeselect={false}
            searchable
          />
          <Text size="sm" c="dimmed">
            Every active staff member with a pay structure gets a draft slip from their shifts, leave and one-off deductions of that month. Nothing is paid until the run is finalized.
          </Text>
          <FormAlert message={start.error?.message} title="Not started" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={start.isPending}>
              Start run of {monthLabel(month)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
