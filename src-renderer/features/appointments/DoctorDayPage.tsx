// A doctor's day or week: the queue of checked-in patients by number, and the patient list, with Complete for the doctor.
import { useState } from 'react';
import { Alert, Center, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { IconCalendarOff, IconUsersGroup } from '@tabler/icons-react';
import type { AppointmentView } from '@shared/contract/appointments';
import { countryInfo } from '@shared/domain/countries';
import { useChannelQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { DateNavigator } from '../../components/DateStepper';
import { FormAlert } from '../../components/FormSection';
import { formatTime, todayIn } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLink } from '../../components/RecordLink';
import { ViewSwitch } from '../../components/ViewSwitch';
import { AppointmentActions } from './AppointmentActions';
import { DayTable } from './DayTable';
import { addDays, dayLabel, isIsoDate, weekStart } from '../../components/calendar';
import { useDoctors } from '../staff';
import { ConsultationButton, NewResultsPanel } from '../clinical';
import { useMyDoctor } from './scheduling-data';
import classes from './appointments.module.css';

type Span = 'day' | 'week';
let rememberedSpan: Span = 'day';

export function DoctorDayPage({ doctorId: routeDoctorId, date: routeDate }: { doctorId?: number; date?: string }) {
  const { hospital } = useSession();
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(timeZone);
  const date = isIsoDate(routeDate) ? routeDate : today;
  const [span, setSpanState] = useState<Span>(rememberedSpan);
  const setSpan = (s: Span) => setSpanState((rememberedSpan = s));

  const { doctor: me, isPending: findingMe } = useMyDoctor();
  const doctors = useDoctors(hospital?.id ?? null);
  // The signed-in doctor sees their own day; anyone else (or a doctor looking at a colleague) picks the doctor.
  const doctorId = routeDoctorId ?? me?.id ?? doctors.data?.[0]?.id ?? null;
  const doctor = doctors.data?.find((d) => d.id === doctorId) ?? (me?.id === doctorId ? me : null);
  const isMine = me !== null && me.id === doctorId;

  const go = (next: { doctorId?: number | null; date?: string }) => {
    const q = new URLSearchParams();
    const id = next.doctorId === undefined ? routeDoctorId : next.doctorId;
    if (id && id !== me?.id) q.set('doctorId', String(id));
    const d = next.date ?? date;
    if (d !== today) q.set('date', d);
    navigate(`/my-day${q.size ? `?${q}` : ''}`);
  };

  const from = span === 'day' ? date : weekStart(date);
  const days = span === 'day' ? 1 : 7;
  const list = useChannelQuery('appointments.forDoctor', { doctorId: doctorId ?? 0, from, days }, { enabled: doctorId !== null, placeholderData: (previous) => previous, staleTime: 5_000 });
  const slots = useChannelQuery('appointments.freeSlots', { doctorId: doctorId ?? 0, date }, { enabled: doctorId !== null && span === 'day' });

  const title = isMine ? 'My day' : doctor ? `${doctor.fullName}’s ${span === 'day' ? 'day' : 'week'}` : 'Doctor’s day';

  if (findingMe || doctors.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (doctorId === null) {
    return <EmptyState mt={80} icon={<IconUsersGroup size={32} />} title="No doctors yet" description="Doctors with working hours will be listed here." />;
  }

  const appointments = list.data ?? [];
  return (
    <>
      <PageHeader
        title={title}
        description={
          <>
            {doctor ? `${[doctor.fullName, doctor.specialization, doctor.departmentName].filter((t, i, all) => t && all.indexOf(t) === i).join(' · ')} · ` : ''}
            {span === 'day' ? dayLabel(date) : `Week of ${dayLabel(from)}`}
          </>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Doctor"
            data={(doctors.data ?? []).map((d) => ({ value: String(d.id), label: d.id === me?.id ? `${d.fullName} (me)` : d.fullName }))}
            value={String(doctorId)}
            onChange={(v) => v && go({ doctorId: Number(v) })}
            allowDeselect={false}
            searchable
            w={240}
          />
          <DateNavigator date={date} today={today} unit={span} order={order} onGo={(d) => go({ date: d })} />
          <ViewSwitch ml="auto" label="Day or week" value={span} onChange={setSpan} choices={{ day: 'Day', week: 'Week' }} />
        </Group>
      </Paper>

      {list.error ? (
        <FormAlert title="The appointments could not be loaded" message={list.error.message} />
      ) : list.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : span === 'day' ? (
        <Stack gap="md">
          {slots.data?.unavailable && slots.data.unavailable.reason !== 'fully_booked' && slots.data.unavailable.reason !== 'past' && (
            <Alert color="yellow" icon={<IconCalendarOff size={18} />}>
              {slots.data.unavailable.message}
            </Alert>
          )}
          <Queue appointments={appointments} timeZone={timeZone} />
          <NewResultsPanel doctorId={doctorId} mine={isMine} timeZone={timeZone} />
          <DayList title="Patients of the day" date={date} appointments={appointments} timeZone={timeZone} freeSlots={slots.data?.slots.length} />
        </Stack>
      ) : (
        <Stack gap="md">
          {Array.from({ length: 7 }, (_, i) => addDays(from, i)).map((d) => (
            <DayList key={d} title={dayLabel(d) + (d === today ? ' (today)' : '')} date={d} appointments={appointments.filter((a) => a.date === d)} timeZone={timeZone} compact />
          ))}
        </Stack>
      )}
    </>
  );
}

/** Checked-in patients in the order they were given their numbers: who the doctor sees next. */
function Queue({ appointments, timeZone }: { appointments: AppointmentView[]; timeZone: string }) {
  // A check-in the server has not yet numbered (shown at once, see optimistic.ts) waits at the end of the queue.
  const waiting = appointments.filter((a) => a.status === 'checked_in').sort((a, b) => (a.queueNumber ?? Infinity) - (b.queueNumber ?? Infinity));
  const seen = appointments.filter((a) => a.status === 'completed').length;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Queue">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Queue</Title>
        <Text size="sm" c="dimmed">
          {waiting.length} waiting · {seen} seen
        </Text>
      </Group>
      {waiting.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody is waiting. Patients join the queue when the desk checks them in.
        </Text>
      ) : (
        <Stack gap="xs">
          {waiting.map((a, i) => (
            <Group key={a.id} justify="space-between" wrap="nowrap" p="xs" bg={i === 0 ? 'orange.0' : undefined} style={{ borderRadius: 8 }} aria-label={a.queueNumber === null ? `Checking in: ${a.patientName}` : `Queue number ${a.queueNumber}: ${a.patientName}`}>
              <Group gap="md" wrap="nowrap">
                <div className={classes.queueNumber}>{a.queueNumber ?? '…'}</div>
                <div>
                  <RecordLink to={`/patients/${a.patientId}`} hospitalId={a.hospitalId} fw={600}>
                    {a.patientName}
                  </RecordLink>
                  <Text size="xs" c="dimmed">
                    {a.patientNumber} · booked {formatTime(a.start, timeZone)} · arrived {formatTime(a.checkedInAt, timeZone)}
                    {a.reason ? ` · ${a.reason}` : ''}
                  </Text>
                </div>
              </Group>
              <Group gap={4} wrap="nowrap">
                <ConsultationButton appointment={a} />
                <AppointmentActions appointment={a} timeZone={timeZone} size="xs" />
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function DayList({ title, date, appointments, timeZone, freeSlots, compact }: { title: string; date: string; appointments: AppointmentView[]; timeZone: string; freeSlots?: number; compact?: boolean }) {
  const sorted = [...appointments].sort((a, b) => a.start.localeCompare(b.start));
  const patients = sorted.filter((a) => a.status !== 'cancelled').length;
  return (
    <Paper withBorder radius="md" className={classes.doctor} component="section" aria-label={title}>
      <Group justify="space-between" px="md" py="sm" className={classes.doctorHeader}>
        <RecordLink to={`/appointments?date=${date}`} fw={600} c="dark">
          {title}
        </RecordLink>
        <Text size="sm" c="dimmed">
          {patients} {patients === 1 ? 'patient' : 'patients'}
          {sorted.length > patients ? ` (${sorted.length - patients} cancelled)` : ''}
          {freeSlots !== undefined ? ` · ${freeSlots} free ${freeSlots === 1 ? 'slot' : 'slots'} left` : ''}
        </Text>
      </Group>
      <DayTable appointments={sorted} timeZone={timeZone} emptyPadding={compact ? 'xs' : 'md'} />
    </Paper>
  );
}
