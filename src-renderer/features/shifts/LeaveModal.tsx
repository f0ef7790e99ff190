// Recording leave (annual, sick, training…) for a date range: it blocks shifts and, for doctors, appointment slots.
// Planned shifts in that time are refused by the server unless the planner asks for them to be removed with the leave.
import { useState } from 'react';
import { Alert, Checkbox, List, Modal, Select, SimpleGrid, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { ShiftAssignment } from '@shared/contract/shifts';
import { LEAVE_KINDS, LEAVE_LABELS, type LeaveKind } from '@shared/domain/shifts';
import { countryInfo } from '@shared/domain/countries';
import { api, isApiError } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { formatDate, personName, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { dayLabel } from '../../components/calendar';

/** The person is fixed when leave is recorded from their row of the rota; otherwise it is chosen here. */
export function LeaveModal({ opened, hospitalId, person, onClose }: { opened: boolean; hospitalId: number; person: { id: number; name: string } | null; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{person ? `Record leave for ${person.name}` : 'Record leave'}</Text>} size="lg">
      {opened && <LeaveForm hospitalId={hospitalId} person={person} onClose={onClose} />}
    </Modal>
  );
}

function LeaveForm({ hospitalId, person, onClose }: { hospitalId: number; person: { id: number; name: string } | null; onClose: () => void }) {
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(hospital?.timeZone);
  const form = useForm({ staffId: person ? String(person.id) : '', kind: 'annual' as LeaveKind, startDate: today, endDate: today, note: '', removeShifts: false });
  const [clashes, setClashes] = useState<ShiftAssignment[]>([]);

  const record = useMutation({
    mutationFn: (input: { staffId: number; kind: LeaveKind; startDate: string; endDate: string; note: string; removeShifts: boolean }) => api.leave.record(input),
    onSuccess: ({ leave, removedShifts }) => {
      const removed = removedShifts.length ? ` ${removedShifts.length} planned ${removedShifts.length === 1 ? 'shift was' : 'shifts were'} removed.` : '';
      notifications.show({ color: 'teal', title: 'Leave recorded', message: `${LEAVE_LABELS[leave.kind]} for ${leave.staffName}, ${formatDate(leave.startDate)} – ${formatDate(leave.endDate)}.${removed}` });
      onClose();
    },
    onError: (e) => {
      const shifts = isApiError(e, 'CONFLICT') ? (e.details as { shifts?: ShiftAssignment[] } | undefined)?.shifts : undefined;
      setClashes(shifts ?? []);
      form.fail(e);
    },
  });

  const submit = () => {
    const input = { ...form.values, staffId: Number(form.values.staffId) || 0 };
    if (form.check(contract['leave.record'].input, input)) record.mutate(input);
  };

  return (
    <ModalForm form={form} onSubmit={submit} gap="md" failTitle="Leave not recorded" onCancel={onClose} submitLabel="Record leave" loading={record.isPending}>
      {!person && <StaffPicker hospitalId={hospitalId} value={form.values.staffId} onChange={(v) => form.set('staffId', v)} error={form.errors.staffId} />}
      <Select
        label="Kind"
        required
        data={LEAVE_KINDS.map((k) => ({ value: k, label: LEAVE_LABELS[k] }))}
        value={form.values.kind}
        onChange={(v) => v && form.set('kind', v as LeaveKind)}
        allowDeselect={false}
        error={form.errors.kind}
        data-autofocus={person ? true : undefined}
      />
      <SimpleGrid cols={2}>
        <DateField label="First day" required value={form.values.startDate} onChange={(d) => form.set('startDate', d)} order={order} error={form.errors.startDate} />
        <DateField label="Last day" required value={form.values.endDate} onChange={(d) => form.set('endDate', d)} order={order} error={form.errors.endDate} />
      </SimpleGrid>
      <Textarea label="Note" autosize minRows={2} maxLength={500} placeholder="e.g. Course in Kampala" {...form.text('note')} />
      <Checkbox
        label="Remove planned shifts in that time"
        description="Without this, leave over planned shifts is refused and the shifts are listed."
        checked={form.values.removeShifts}
        onChange={(e) => form.set('removeShifts', e.currentTarget.checked)}
      />
      {clashes.length > 0 && !form.values.removeShifts && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Shifts planned in that time">
          <List size="sm">
            {clashes.map((s) => (
              <List.Item key={s.id}>
                {dayLabel(s.date)}: {s.shiftName} ({s.shiftCode}) in {s.departmentName}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </ModalForm>
  );
}

/** Staff of the hospital found by name or employee number as the planner types. */
function StaffPicker({ hospitalId, value, onChange, error }: { hospitalId: number; value: string; onChange: (v: string) => void; error?: string }) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 200);
  const input = { hospitalId, query, view: 'current' as const, limit: 20 };
  const found = useChannelQuery('staff.list', input, { placeholderData: (p) => p });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (found.data?.items ?? []).map((m) => ({ value: String(m.id), label: `${personName(m)} · ${m.employeeNumber}` }));
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      label="Staff member"
      required
      placeholder="Type a name or employee number"
      searchable
      data-autofocus
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      data={options}
      value={value || null}
      onChange={(v, option) => {
        setChosen(option ?? null);
        onChange(v ?? '');
      }}
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'Nobody found'}
      error={error}
    />
  );
}
