// A doctor's absences (leave, sickness, conferences…) that remove availability, and adding or removing one.
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconCalendarOff, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { AppointmentView } from '@shared/contract/appointments';
import type { ScheduleException, StaffMember } from '@shared/contract/staff';
import { countryInfo } from '@shared/domain/countries';
import { APPOINTMENT_STATUS_LABELS, EXCEPTION_KINDS, EXCEPTION_LABELS, type ExceptionKind } from '@shared/domain/scheduling';
import { api } from '../../api/client';
import { useHospital } from '../../app/session';
import { ClockField } from '../../components/ClockField';
import { DateField } from '../../components/DateField';
import { SectionGate } from '../../components/RecordGate';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { ModalButtons } from '../../components/ModalButtons';
import { formatDate, formatDateTime, personName, todayIn } from '../../components/format';
import { TableHead } from '../../components/TableHead';
import { useDoctorSchedule } from './WorkingHoursSection';

const KIND_COLORS: Record<ExceptionKind, string> = { leave: 'blue', sick: 'red', conference: 'grape', training: 'cyan', other: 'gray' };

export function ExceptionsSection({ member, editable }: { member: StaffMember; editable: boolean }) {
  const schedule = useDoctorSchedule(member.id);
  const [adding, setAdding] = useState(false);
  const exceptions = [...(schedule.data?.exceptions ?? [])].sort((a, b) => a.startDate.localeCompare(b.startDate) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));

  return (
    <FormSection title="Exceptions" description="Leave, sickness, conferences and other absences: no appointments can be booked in them. Shown from 30 days ago on.">
      <SectionGate query={schedule} failed="The exceptions could not be loaded" empty={exceptions.length === 0 && 'No absences recorded.'}>
        {() => <ExceptionsTable exceptions={exceptions} editable={editable} />}
      </SectionGate>
      {editable && (
        <Group>
          <Button variant="light" leftSection={<IconCalendarOff size={18} />} onClick={() => setAdding(true)}>
            Add exception…
          </Button>
        </Group>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={<Text fw={600}>Absence of Dr {personName(member)}</Text>} size="lg">
        {adding && <AddException member={member} onClose={() => setAdding(false)} />}
      </Modal>
    </FormSection>
  );
}

/** "all day", "from 13:00", "until 12:00", "09:00–12:00" (the first day's start, the last day's end). */
function timesOf(e: ScheduleException): string {
  if (!e.startTime && !e.endTime) return 'All day';
  const sameDay = e.startDate === e.endDate;
  if (e.startTime && e.endTime) return sameDay ? `${e.startTime}–${e.endTime}` : `from ${e.startTime} on the first day, until ${e.endTime} on the last`;
  return e.startTime ? `from ${e.startTime}${sameDay ? '' : ' on the first day'}` : `until ${e.endTime}${sameDay ? '' : ' on the last day'}`;
}

function ExceptionsTable({ exceptions, editable }: { exceptions: ScheduleException[]; editable: boolean }) {
  const remove = useMutation({
    mutationFn: (e: ScheduleException) => api.doctors.removeException({ id: e.id }),
    onSuccess: (_, e) => {
      notifications.show({ color: 'teal', title: 'Exception removed', message: `${EXCEPTION_LABELS[e.kind]} ${dates(e)} was removed; those hours can be booked again.` });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'The exception was not removed', message: err.message }),
  });
  return (
    <Table verticalSpacing="xs" aria-label="Exceptions" highlightOnHover>
      <TableHead columns={['Kind', 'Dates', 'Times', 'Note', editable && { title: '', width: 110 }]} />
      <Table.Tbody>
        {exceptions.map((e) => (
          <Table.Tr key={e.id}>
            <Table.Td>
              <Badge variant="light" color={KIND_COLORS[e.kind]} tt="none">
                {EXCEPTION_LABELS[e.kind]}
              </Badge>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{dates(e)}</Table.Td>
            <Table.Td>{timesOf(e)}</Table.Td>
            <Table.Td>
              <Text size="sm" c={e.note ? undefined : 'dimmed'}>
                {e.note ?? '—'}
              </Text>
            </Table.Td>
            {editable && (
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  loading={remove.isPending && remove.variables?.id === e.id}
                  aria-label={`Remove ${EXCEPTION_LABELS[e.kind]} ${dates(e)}`}
                  onClick={() => remove.mutate(e)}
                >
                  Remove
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const dates = (e: { startDate: string; endDate: string }) => (e.startDate === e.endDate ? formatDate(e.startDate) : `${formatDate(e.startDate)} – ${formatDate(e.endDate)}`);

interface ExceptionValues {
  kind: ExceptionKind;
  startDate: string;
  endDate: string;
  startTime: string;
  endTime: string;
  note: string;
}

function AddException({ member, onClose }: { member: StaffMember; onClose: () => void }) {
  const hospital = useHospital(member.hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(hospital?.timeZone);
  const form = useForm<ExceptionValues>({ kind: 'leave', startDate: today, endDate: today, startTime: '', endTime: '', note: '' });
  const [affected, setAffected] = useState<AppointmentView[] | null>(null);
  const v = form.values;

  const input = () => ({
    doctorId: member.id,
    kind: v.kind,
    startDate: v.startDate,
    endDate: v.endDate,
    startTime: v.startTime.trim() ? v.startTime.trim() : null,
    endTime: v.endTime.trim() ? v.endTime.trim() : null,
    note: v.note,
  });

  const add = useMutation({
    mutationFn: (i: ReturnType<typeof input>) => api.doctors.addException(i),
    onSuccess: (result) => {
      const e = result.exception;
      const booked = result.affectedAppointments;
      notifications.show({
        color: booked.length ? 'orange' : 'teal',
        title: 'Exception added',
        message: `${EXCEPTION_LABELS[e.kind]} of Dr ${personName(member)}, ${dates(e)}${booked.length ? `: ${booked.length} booked ${booked.length === 1 ? 'appointment falls' : 'appointments fall'} in it.` : '.'}`,
      });
      // Booked patients must be moved by hand: the desk sees who before the dialog closes.
      if (booked.length) setAffected(booked);
      else onClose();
    },
    onError: (e) => form.fail(e),
  });

  if (affected) return <AffectedAppointments appointments={affected} timeZone={hospital?.timeZone} onClose={onClose} />;

  return (
    <form
      {...form.formProps(() => {
        const i = input();
        if (form.check(contract['doctors.addException'].input, i)) add.mutate(i);
      })}
    >
      <Stack gap="md">
        <Select
          label="Kind"
          required
          data={EXCEPTION_KINDS.map((k) => ({ value: k, label: EXCEPTION_LABELS[k] }))}
          value={v.kind}
          onChange={(k) => k && form.set('kind', k as ExceptionKind)}
          allowDeselect={false}
          error={form.errors.kind}
          w={220}
          data-autofocus
        />
        <SimpleGrid cols={2} spacing="md">
          <DateField label="First day" required value={v.startDate} onChange={(d) => form.set('startDate', d)} order={order} error={form.errors.startDate} />
          <DateField label="Last day" required value={v.endDate} onChange={(d) => form.set('endDate', d)} order={order} error={form.errors.endDate} />
          <ClockField label="Start time" description="On the first day; empty: from the start of the day" value={v.startTime} onChange={(t) => form.set('startTime', t)} error={form.errors.startTime} />
          <ClockField label="End time" description="On the last day; empty: to the end of the day" value={v.endTime} onChange={(t) => form.set('endTime', t)} error={form.errors.endTime} />
        </SimpleGrid>
        <Textarea label="Note" autosize minRows={2} maxLength={500} placeholder="e.g. East African Paediatrics Congress, Nairobi" {...form.text('note')} />
        <FormAlert message={form.formError} title="The exception was not added" />
        <ModalButtons onCancel={onClose} submitLabel="Add exception" loading={add.isPending} />
      </Stack>
    </form>
  );
}

function AffectedAppointments({ appointments, timeZone, onClose }: { appointments: AppointmentView[]; timeZone?: string; onClose: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="These booked appointments fall in the absence: move them" role="alert">
        <List size="sm" spacing={4} aria-label="Appointments to move">
          {appointments.map((a) => (
            <List.Item key={a.id}>
              <b>{formatDateTime(a.start, timeZone)}</b> · {a.patientName} ({a.patientNumber}) · {APPOINTMENT_STATUS_LABELS[a.status]}
              {a.reason ? ` · ${a.reason}` : ''}
            </List.Item>
          ))}
        </List>
      </Alert>
      <Text size="sm" c="dimmed">
        The exception is saved. The appointments stay booked until they are moved or cancelled with the patients.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
