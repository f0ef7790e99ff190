// Staff leave of the hospital: current and upcoming, or the past year; recording new leave and cancelling it.
import { useState } from 'react';
import { ActionIcon, Badge, Button, EmptyState, Modal, SegmentedControl, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCalendarOff, IconPlaneDeparture, IconX } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { LeaveRecord } from '@shared/contract/shifts';
import { LEAVE_LABELS, type LeaveKind } from '@shared/domain/shifts';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { useForm } from '../../components/form';
import { formatDate, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { addDays } from '../../components/calendar';
import { LeaveModal } from './LeaveModal';

const KIND_COLORS: Record<LeaveKind, string> = { annual: 'blue', sick: 'red', training: 'cyan', maternity: 'grape', unpaid: 'gray', other: 'gray' };

type Period = 'upcoming' | 'past';

const PAGE = 100;

const days = (l: LeaveRecord) => Math.round((Date.parse(l.endDate) - Date.parse(l.startDate)) / 86_400_000) + 1;

export function LeavePage() {
  const { hospital, can } = useSession();
  const canPlan = can('leave.record');
  const today = todayIn(hospital?.timeZone);
  const [period, setPeriod] = useState<Period>('upcoming');
  const [search, setSearch] = useState('');
  const [recording, setRecording] = useState(false);
  const [cancelling, setCancelling] = useState<LeaveRecord | null>(null);
  const [from, to] = period === 'upcoming' ? [today, addDays(today, 366)] : [addDays(today, -366), addDays(today, -1)];
  const leave = useChannelInfiniteQuery('leave.list', { hospitalId: hospital?.id ?? 0, from, to, limit: PAGE }, { enabled: !!hospital, keepPrevious: true });
  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;

  const q = search.trim().toLowerCase();
  // The search narrows the periods loaded so far; "Load more" brings the next page into it.
  const rows = pageItems(leave.data).filter((l) => !q || l.staffName.toLowerCase().includes(q) || LEAVE_LABELS[l.kind].toLowerCase().includes(q));
  const columns: Column<LeaveRecord>[] = [
    { key: 'staff', header: 'Staff member', render: (l) => <Text size="sm" fw={500}>{l.staffName}</Text>, csv: (l) => l.staffName },
    { key: 'kind', header: 'Kind', render: (l) => <Badge color={KIND_COLORS[l.kind]} variant="light" tt="none">{LEAVE_LABELS[l.kind]}</Badge>, csv: (l) => LEAVE_LABELS[l.kind], nowrap: true },
    { key: 'from', header: 'First day', render: (l) => formatDate(l.startDate), csv: (l) => l.startDate, nowrap: true },
    { key: 'to', header: 'Last day', render: (l) => formatDate(l.endDate), csv: (l) => l.endDate, nowrap: true },
    { key: 'days', header: 'Days', render: days, csv: days, nowrap: true, width: 70 },
    { key: 'note', header: 'Note', render: (l) => l.note ?? '', csv: (l) => l.note ?? '' },
  ];
  if (canPlan) {
    columns.push({
      key: 'actions',
      header: '',
      csv: false,
      width: 50,
      render: (l) => (
        <Tooltip label="Cancel this leave">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Cancel ${LEAVE_LABELS[l.kind]} of ${l.staffName} from ${formatDate(l.startDate)}`}
            onClick={(e) => {
              e.stopPropagation();
              setCancelling(l);
            }}
          >
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="Leave"
        back={{ label: 'Rota', href: href('/rota') }}
        description={`${hospital.name} · leave blocks shifts and, for doctors, appointment slots`}
        actions={
          canPlan && (
            <Button leftSection={<IconPlaneDeparture size={18} />} onClick={() => setRecording(true)}>
              Record leave
            </Button>
          )
        }
      />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(l) => l.id}
        rowLabel={(l) => `${l.staffName} ${LEAVE_LABELS[l.kind]} ${formatDate(l.startDate)} to ${formatDate(l.endDate)}`}
        search={{ label: 'Find leave', placeholder: 'Name or kind of leave', value: search, onChange: setSearch }}
        filters={
          <SegmentedControl
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={[
              { value: 'upcoming', label: 'Current and upcoming' },
              { value: 'past', label: 'Past year' },
            ]}
            aria-label="Period"
          />
        }
        loading={leave.isPending}
        error={leave.error}
        onRetry={() => void leave.refetch()}
        hasMore={leave.hasNextPage}
        loadingMore={leave.isFetchingNextPage}
        onLoadMore={() => void leave.fetchNextPage()}
        csvName={`leave-${hospital.code}`}
        exportSource={q ? undefined : { channel: 'leave.list', input: { hospitalId: hospital.id, from, to } }}
        countLabel={(n) => `${n} ${n === 1 ? 'period of leave' : 'periods of leave'}`}
        empty={<EmptyState icon={<IconCalendarOff size={28} />} title="No leave" description={q ? `Nothing matches “${search.trim()}”.` : period === 'upcoming' ? 'Nobody is on leave now or later this year.' : 'No leave in the past year.'} />}
      />
      <LeaveModal opened={recording} hospitalId={hospital.id} person={null} onClose={() => setRecording(false)} />
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={<Text fw={600}>Cancel leave</Text>}>
        {cancelling && <CancelLeave leave={cancelling} onClose={() => setCancelling(null)} />}
      </Modal>
    </>
  );
}

function CancelLeave({ leave, onClose }: { leave: LeaveRecord; onClose: () => void }) {
  const form = useForm({ reason: '' });
  const cancel = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.leave.cancel(input),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: 'Leave cancelled', message: `${leave.staffName} can be planned from ${formatDate(leave.startDate)} to ${formatDate(leave.endDate)} again.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const input = { id: leave.id, reason: form.values.reason };
    if (form.check(contract['leave.cancel'].input, input)) cancel.mutate(input);
  };
  return (
    <ModalForm form={form} onSubmit={submit} gap="md" failTitle="The leave stays" onCancel={onClose} cancelLabel="Keep leave" submitLabel="Cancel leave" color="red" loading={cancel.isPending}>
      <Text size="sm">
        {LEAVE_LABELS[leave.kind]} of <b>{leave.staffName}</b>, {formatDate(leave.startDate)} – {formatDate(leave.endDate)}. Shifts removed with it are not planned again.
      </Text>
      <Textarea label="Reason" required autosize minRows={2} maxLength={300} placeholder="e.g. Course postponed" {...form.text('reason')} data-autofocus />
    </ModalForm>
  );
}
