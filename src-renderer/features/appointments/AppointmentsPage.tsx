// The hospital's day across all doctors (the real-time schedule): per doctor or as one list, refreshed as any desk changes it.
import { useMemo, useState } from 'react';
import { Badge, Button, Center, Group, Loader, Paper, Select, Stack, Text } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { IconCalendarOff, IconCalendarPlus, IconPlaneDeparture } from '@tabler/icons-react';
import { type AppointmentView, type DaySchedule } from '@shared/contract/appointments';
import { APPOINTMENT_STATUS_LABELS, APPOINTMENT_STATUSES } from '@shared/domain/scheduling';
import { countryInfo } from '@shared/domain/countries';
import { useChannelQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { DateNavigator } from '../../components/DateStepper';
import { FormAlert } from '../../components/FormSection';
import { formatTime, todayIn } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLink } from '../../components/RecordLink';
import { ViewSwitch } from '../../components/ViewSwitch';
import { PatientLink, STATUS_COLORS, StatusBadge } from './AppointmentActions';
import { DayTable, EAGER_ROWS, NearActions } from './DayTable';
import { dayLabel, isIsoDate } from '../../components/calendar';
import { useDepartments, useDoctors } from '../staff';
import classes from './appointments.module.css';

type View = 'doctors' | 'list';

// Kept across visits, like the patient search: coming back shows the same filters.
const remembered: { departmentId: string | null; doctorId: string | null; view: View } = { departmentId: null, doctorId: null, view: 'doctors' };

export function AppointmentsPage({ date: routeDate, status }: { date?: string; status?: string }) {
  const { hospital, can } = useSession();
  const mayOpen = useMayOpen();
  const hospitalId = hospital?.id ?? null;
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(timeZone);
  const date = isIsoDate(routeDate) ? routeDate : today;
  const [departmentId, setDepartmentIdState] = useState(remembered.departmentId);
  const [doctorId, setDoctorIdState] = useState(remembered.doctorId);
  // A link for one status (the home screen's check-in queue) opens the list of the day showing those only.
  const [view, setViewState] = useState<View>(status ? 'list' : remembered.view);
  const [query, setQuery] = useState('');
  const setDepartmentId = (v: string | null) => {
    remembered.departmentId = v;
    remembered.doctorId = null;
    setDepartmentIdState(v);
    setDoctorIdState(null);
  };
  const setDoctorId = (v: string | null) => setDoctorIdState((remembered.doctorId = v));
  const setView = (v: View) => setViewState((remembered.view = v));
  const goTo = (d: string) => {
    navigate(d === today ? '/appointments' : `/appointments?date=${d}`);
  };

  const departments = useDepartments(hospitalId);
  const doctors = useDoctors(hospitalId);
  const filters = useMemo(() => ({ departmentId: departmentId ? Number(departmentId) : undefined, doctorId: doctorId ? Number(doctorId) : undefined }), [departmentId, doctorId]);
  const schedule = useChannelQuery('appointments.daySchedule', { hospitalId: hospitalId ?? 0, date, ...filters }, { enabled: hospitalId !== null, placeholderData: (previous) => previous, staleTime: 5_000 });
  const data = schedule.data;
  const appointments = data?.appointments ?? [];
  const listed = appointments.filter((a) => matches(a, query) && (!status || view !== 'list' || a.status === status));

  return (
    <>
      <PageHeader
        title="Hospital schedule"
        description={
          <>
            {dayLabel(date)}
            {date === today ? ' (today)' : ''} · {hospital?.name} · updates as other desks book and check in
          </>
        }
        actions={
          can('appointments.book') && (
            <Button leftSection={<IconCalendarPlus size={18} />} component="a" href={href('/appointments/book')}>
              Book appointment
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateNavigator date={date} today={today} order={order} onGo={goTo} />
          <Select
            label="Department"
            placeholder="All departments"
            data={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
            value={departmentId}
            onChange={setDepartmentId}
            clearable
            searchable
            w={210}
          />
          <Select
            label="Doctor"
            placeholder="All doctors"
            data={(doctors.data ?? []).filter((d) => !departmentId || d.departmentId === Number(departmentId)).map((d) => ({ value: String(d.id), label: d.fullName }))}
            value={doctorId}
            onChange={setDoctorId}
            clearable
            searchable
            w={220}
          />
          <ViewSwitch ml="auto" label="Show the day" value={view} onChange={setView} choices={{ doctors: 'By doctor', list: 'List' }} />
        </Group>
        <StatusCounts appointments={appointments} />
        {status && view === 'list' && APPOINTMENT_STATUSES.includes(status as never) && (
          <Button variant="subtle" size="xs" mt="xs" onClick={() => navigate(date === today ? '/appointments' : `/appointments?date=${date}`)}>
            Showing “{APPOINTMENT_STATUS_LABELS[status as keyof typeof APPOINTMENT_STATUS_LABELS]}” only · show every status
          </Button>
        )}
      </Paper>

      {schedule.error ? (
        <FormAlert title="The schedule could not be loaded" message={schedule.error.message} />
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : view === 'doctors' ? (
        <ByDoctor schedule={data} timeZone={timeZone} />
      ) : (
        <DataTable
          rows={listed}
          columns={listColumns(timeZone, new Set(listed.slice(0, EAGER_ROWS).map((a) => a.id)))}
          rowKey={(a) => a.id}
          rowLabel={(a) => `${formatTime(a.start, timeZone)} ${a.doctorName} ${a.patientName} ${APPOINTMENT_STATUS_LABELS[a.status]}`}
          search={{ label: 'Find in the day', placeholder: 'Patient name or ID, doctor', value: query, onChange: setQuery }}
          onOpen={mayOpen('patient') ? (a) => navigate(`/patients/${a.patientId}`) : undefined}
          csvName={`appointments-${date}`}
          exportSource={query.trim() || (status && view === 'list') || hospitalId === null ? undefined : { channel: 'appointments.daySchedule', input: { hospitalId, date, ...filters } }}
          countLabel={(n) => `${n} ${n === 1 ? 'appointment' : 'appointments'}`}
          empty={<EmptyState icon={<IconCalendarOff size={28} />} title="No appointments" description={query ? `Nothing matches “${query}”.` : `Nothing is booked on ${dayLabel(date)}.`} />}
        />
      )}
    </>
  );
}

/** Appointments that hold the doctor's time (cancelled ones do not). */
const active = (list: AppointmentView[]) => list.filter((a) => a.status !== 'cancelled').length;

const matches = (a: AppointmentView, q: string) => {
  const t = q.trim().toLowerCase();
  return !t || `${a.patientName} ${a.patientNumber} ${a.doctorName}`.toLowerCase().includes(t);
};

function StatusCounts({ appointments }: { appointments: AppointmentView[] }) {
  const count = (s: string) => appointments.filter((a) => a.status === s).length;
  return (
    <Group gap="xs" mt="sm" aria-label="Appointments by status">
      <Text size="sm" fw={500}>
        {appointments.length} {appointments.length === 1 ? 'appointment' : 'appointments'}
      </Text>
      {APPOINTMENT_STATUSES.map((s) => (
        <Badge key={s} variant="dot" color={STATUS_COLORS[s]} tt="none" radius="sm">
          {APPOINTMENT_STATUS_LABELS[s]}: {count(s)}
        </Badge>
      ))}
    </Group>
  );
}

function listColumns(timeZone: string, eager: ReadonlySet<number>): Column<AppointmentView>[] {
  return [
    { key: 'time', header: 'Time', render: (a) => `${formatTime(a.start, timeZone)}–${formatTime(a.end, timeZone)}`, csv: (a) => `${formatTime(a.start, timeZone)}–${formatTime(a.end, timeZone)}`, nowrap: true, width: 120 },
    { key: 'doctor', header: 'Doctor', render: (a) => a.doctorName, csv: (a) => a.doctorName },
    { key: 'department', header: 'Department', render: (a) => a.departmentName ?? '', csv: (a) => a.departmentName ?? '' },
    { key: 'patient', header: 'Patient', render: (a) => <PatientLink a={a} />, csv: (a) => `${a.patientNumber} ${a.patientName}` },
    { key: 'reason', header: 'Reason', render: (a) => a.reason ?? '', csv: (a) => a.reason ?? '' },
    { key: 'status', header: 'Status', render: (a) => <StatusBadge appointment={a} />, csv: (a) => APPOINTMENT_STATUS_LABELS[a.status] + (a.queueNumber ? ` (no. ${a.queueNumber})` : ''), nowrap: true },
    // The first rows' buttons at once, the others' as they come within reach of the window (as on the By doctor view).
    { key: 'actions', header: '', render: (a) => <NearActions appointment={a} timeZone={timeZone} eager={eager.has(a.id)} />, csv: false },
  ];
}

function ByDoctor({ schedule, timeZone }: { schedule: DaySchedule; timeZone: string }) {
  const groups = useMemo(() => {
    const byDoctor = new Map<number, AppointmentView[]>();
    for (const a of schedule.appointments) byDoctor.set(a.doctorId, [...(byDoctor.get(a.doctorId) ?? []), a]);
    const known = schedule.doctors.map((d) => ({ ...d, appointments: (byDoctor.get(d.id) ?? []).sort((x, y) => x.start.localeCompare(y.start)) }));
    // Appointments of a doctor the day's list does not name still show, under their own heading.
    const missing = [...byDoctor.keys()].filter((id) => !schedule.doctors.some((d) => d.id === id));
    return [
      ...known,
      ...missing.map((id) => {
        const first = byDoctor.get(id)![0];
        return { id, name: first.doctorName, departmentName: first.departmentName, hours: [], away: null, appointments: byDoctor.get(id)! };
      }),
    ];
  }, [schedule]);

  if (groups.length === 0) {
    return (
      <Paper withBorder radius="md" py={48}>
        <EmptyState icon={<IconCalendarOff size={28} />} title="Nobody works this day" description={`No doctor has hours or appointments on ${dayLabel(schedule.date)}.`} />
      </Paper>
    );
  }
  return (
    <Stack gap="md">
      {groups.map((d) => (
        <Paper key={d.id} withBorder radius="md" className={classes.doctor} component="section" aria-label={`Schedule of ${d.name}`}>
          <Group justify="space-between" px="md" py="sm" className={classes.doctorHeader} wrap="wrap">
            <Group gap="sm">
              <RecordLink to={`/my-day?doctorId=${d.id}&date=${schedule.date}`} fw={600} c="dark">
                {d.name}
              </RecordLink>
              {d.departmentName && (
                <Text size="sm" c="dimmed">
                  {d.departmentName}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              {d.away && (
                <Badge color="yellow" variant="light" tt="none" leftSection={<IconPlaneDeparture size={12} />}>
                  {d.away}
                </Badge>
              )}
              <Text size="sm" c="dimmed">
                {d.hours.length ? `Hours ${d.hours.map((h) => `${h.start}–${h.end}`).join(', ')}` : 'No hours this day'}
              </Text>
              <Badge variant="default" tt="none">
                {active(d.appointments)} {active(d.appointments) === 1 ? 'patient' : 'patients'}
                {d.appointments.length > active(d.appointments) ? ` · ${d.appointments.length - active(d.appointments)} cancelled` : ''}
              </Badge>
            </Group>
          </Group>
          <DayTable appointments={d.appointments} timeZone={timeZone} />
        </Paper>
      ))}
    </Stack>
  );
}
