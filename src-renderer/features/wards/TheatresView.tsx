// Operating theatres on a day: each theatre's bookings in time order, booking a time range, and cancelling with a reason.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCalendarPlus, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { PatientSummary } from '@shared/contract/patients';
import type { TheatreBooking } from '@shared/contract/wards';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useHospital, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { ModalForm } from '../../components/ModalButtons';
import { formatTime, todayIn } from '../../components/format';
import { PatientPicker } from '../../components/PatientPicker';
import { addDays, dateAt, dayLabel, isIsoDate } from '../../components/calendar';
import { doctorLabel, useDoctors } from '../staff';
import { CancelBookingButton } from './CancelBookingButton';
import { localInstant, useWardLayout } from './wards-data';

interface Theatre {
  id: number;
  number: string;
  floorName: string;
  state: string;
}

export function TheatresView({ hospitalId }: { hospitalId: number }) {
  const hospital = useHospital(hospitalId);
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const { can } = useSession();
  const books = can('theatres.book', hospitalId);
  const cancels = can('theatres.cancel', hospitalId);
  const [date, setDate] = useState(() => todayIn(timeZone));
  const [booking, setBooking] = useState<number | null>(null);
  const [cancelling, setCancelling] = useState<TheatreBooking | null>(null);
  const layout = useWardLayout(hospitalId);
  const theatres: Theatre[] = (layout.data?.floors ?? []).flatMap((f) =>
    f.rooms.filter((r) => r.roomType === 'operating_theatre').map((r) => ({ id: r.id, number: r.number, floorName: f.name, state: r.state })),
  );
  const schedule = useChannelQuery('theatres.schedule', { hospitalId, date }, { enabled: isIsoDate(date), placeholderData: (previous) => previous });

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="xs">
        <Tooltip label="Previous day">
          <ActionIcon variant="default" size={36} aria-label="Previous day" onClick={() => isIsoDate(date) && setDate(addDays(date, -1))}>
            <IconChevronLeft size={18} />
          </ActionIcon>
        </Tooltip>
        <DateField label="Day" value={date} onChange={setDate} order={order} w={200} />
        <Tooltip label="Next day">
          <ActionIcon variant="default" size={36} aria-label="Next day" onClick={() => isIsoDate(date) && setDate(addDays(date, 1))}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Tooltip>
        <Text size="sm" c="dimmed" pb={8} px="xs">
          {isIsoDate(date) ? dayLabel(date) : ''}
          {date === todayIn(timeZone) ? ' (today)' : ''}
        </Text>
      </Group>
      {layout.data && theatres.length === 0 && (
        <Paper withBorder p="xl">
          <Text c="dimmed" ta="center">
            This hospital has no operating theatre yet. An administrator adds one under Ward setup (room type “Operating theatre”).
          </Text>
        </Paper>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {theatres.map((t) => {
          const list = (schedule.data ?? []).filter((b) => b.roomId === t.id).sort((a, b) => a.start.localeCompare(b.start));
          return (
            <Paper key={t.id} withBorder p="md" component="section" aria-label={`Theatre ${t.number}`}>
              <Group justify="space-between" mb="sm">
                <div>
                  <Title order={5}>Theatre {t.number}</Title>
                  <Text size="xs" c="dimmed">
                    {t.floorName}
                    {t.state !== 'available' ? ` · ${t.state === 'cleaning' ? 'cleaning' : 'out of service'}` : ''}
                  </Text>
                </div>
                {books && (
                  <Button size="xs" variant="light" leftSection={<IconCalendarPlus size={14} />} onClick={() => setBooking(t.id)}>
                    Book
                  </Button>
                )}
              </Group>
              {list.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing booked on this day.
                </Text>
              ) : (
                <Table verticalSpacing={4} fz="sm">
                  <Table.Tbody>
                    {list.map((b) => (
                      <Table.Tr key={b.id} style={b.status === 'cancelled' ? { opacity: 0.55 } : undefined}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {formatTime(b.start, timeZone)}–{formatTime(b.end, timeZone)}
                          {dateAt(b.end, timeZone) !== date ? ' (+1)' : ''}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {b.procedure}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {b.patientName} ({b.patientNumber}){b.surgeonName ? ` · ${b.surgeonName}` : ''}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          {b.status === 'cancelled' ? (
                            <Badge color="gray" variant="light">
                              Cancelled
                            </Badge>
                          ) : (
                            cancels && <CancelBookingButton onClick={() => setCancelling(b)} />
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Modal opened={booking !== null} onClose={() => setBooking(null)} title={<Text fw={600}>Book operating theatre</Text>} size="lg">
        {booking !== null && <TheatreBookingForm hospitalId={hospitalId} theatres={theatres} roomId={booking} date={date} onClose={() => setBooking(null)} />}
      </Modal>
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={<Text fw={600}>Cancel theatre booking</Text>}>
        {cancelling && <CancelTheatreForm booking={cancelling} timeZone={timeZone} onClose={() => setCancelling(null)} />}
      </Modal>
    </Stack>
  );
}

function TheatreBookingForm({ hospitalId, theatres, roomId, date, onClose }: { hospitalId: number; theatres: Theatre[]; roomId: number; date: string; onClose: () => void }) {
  const hospital = useHospital(hospitalId);
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const doctors = useDoctors(hospitalId);
  const form = useForm(
    { roomId: String(roomId), patient: null as PatientSummary | null, date, startTime: '08:00', endTime: '10:00', procedure: '', surgeonId: null as string | null },
    { aliases: { patientId: 'patient', start: 'startTime', end: 'endTime' } },
  );

  const book = useMutation({
    mutationFn: (input: { roomId: number; patientId: number; start: string; end: string; procedure: string; surgeonId?: number }) => api.theatres.book(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Theatre booked', message: `Theatre ${b.roomNumber}, ${formatTime(b.start, timeZone)}–${formatTime(b.end, timeZone)}: ${b.procedure} for ${b.patientName}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const v = form.values;
    const start = isIsoDate(v.date) ? localInstant(v.date, v.startTime, timeZone) : null;
    // An end before the start runs past midnight into the next day.
    let end = isIsoDate(v.date) ? localInstant(v.date, v.endTime, timeZone) : null;
    if (start && end && end <= start && isIsoDate(v.date)) end = localInstant(addDays(v.date, 1), v.endTime, timeZone);
    const input = { roomId: Number(v.roomId), patientId: v.patient?.id, start: start ?? undefined, end: end ?? undefined, procedure: v.procedure, surgeonId: v.surgeonId ? Number(v.surgeonId) : undefined };
    const extra: Record<string, string> = {};
    if (!v.patient) extra.patient = 'Find the patient first.';
    if (!isIsoDate(v.date)) extra.date = 'Type the day.';
    const parsed = form.check(contract['theatres.book'].input, input, extra);
    if (parsed) book.mutate(parsed);
  };

  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not booked" onCancel={onClose} cancelLabel="Back" submitLabel="Book theatre" loading={book.isPending}>
      <Select
        label="Theatre"
        data={theatres.map((t) => ({ value: String(t.id), label: `Theatre ${t.number} · ${t.floorName}` }))}
        value={form.values.roomId}
        onChange={(v) => v && form.set('roomId', v)}
        allowDeselect={false}
        required
      />
      <PatientPicker value={form.values.patient} onChange={(p) => form.set('patient', p)} error={form.errors.patient} />
      <Group grow align="flex-start">
        <DateField label="Day" required value={form.values.date} onChange={(d) => form.set('date', d)} order={order} error={form.errors.date} />
        <TextInput label="From" type="time" required {...form.text('startTime')} />
        <TextInput label="To" type="time" required {...form.text('endTime')} />
      </Group>
      <TextInput label="Procedure" required maxLength={200} placeholder="e.g. Laparoscopic appendicectomy" {...form.text('procedure')} />
      <Select
        label="Surgeon"
        placeholder="Optional"
        data={(doctors.data ?? []).map((d) => ({ value: String(d.id), label: doctorLabel(d) }))}
        value={form.values.surgeonId}
        onChange={(v) => form.set('surgeonId', v)}
        searchable
        clearable
      />
    </ModalForm>
  );
}

function CancelTheatreForm({ booking, timeZone, onClose }: { booking: TheatreBooking; timeZone: string; onClose: () => void }) {
  const form = useForm({ reason: '' });
  const cancel = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.theatres.cancel(input),
    onSuccess: (b) => {
      notifications.show({ color: 'teal', title: 'Theatre booking cancelled', message: `Theatre ${b.roomNumber} is free ${formatTime(b.start, timeZone)}–${formatTime(b.end, timeZone)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['theatres.cancel'].input, { id: booking.id, reason: form.values.reason });
    if (parsed) cancel.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not cancelled" onCancel={onClose} cancelLabel="Keep booking" submitLabel="Cancel booking" color="red" loading={cancel.isPending}>
      <Text size="sm">
        {booking.procedure} for {booking.patientName}, theatre {booking.roomNumber}, {formatTime(booking.start, timeZone)}–{formatTime(booking.end, timeZone)}.
      </Text>
      <Textarea label="Reason for cancelling" required autosize minRows={2} maxLength={500} {...form.text('reason')} data-autofocus />
    </ModalForm>
  );
}
