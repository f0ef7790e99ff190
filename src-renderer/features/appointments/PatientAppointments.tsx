// A patient's appointments on their record: upcoming (with the desk's actions) and past, and "Book appointment".
import { useState } from 'react';
import { Button, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { type AppointmentView, type PatientAppointmentList } from '@shared/contract/appointments';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { formatTime } from '../../components/format';
import { Panel } from '../../components/Panel';
import { SectionGate } from '../../components/RecordGate';
import { RecordLink } from '../../components/RecordLink';
import { TableHead } from '../../components/TableHead';
import { AppointmentActions, StatusBadge } from './AppointmentActions';
import { dayLabel } from '../../components/calendar';
import { LoadMore } from '../../components/DataTable';

export function PatientAppointments({ patientId, hospitalId }: { patientId: number; hospitalId: number }) {
  const { can } = useSession();
  const hospital = useHospital(hospitalId);
  const timeZone = hospital?.timeZone;
  const [tab, setTab] = useState<PatientAppointmentList>('upcoming');
  // Every answer is an audited read of the patient: the past is asked for only once its tab is opened.
  const upcoming = useChannelInfiniteQuery('appointments.forPatient', { patientId, when: 'upcoming', limit: PAGE });
  const past = useChannelInfiniteQuery('appointments.forPatient', { patientId, when: 'past', limit: PAGE }, { enabled: tab === 'past' });
  // The column of the desk's and the doctor's moves, for whoever may make any of them here.
  const actions = (['appointments.checkIn', 'appointments.reschedule', 'appointments.markNoShow', 'appointments.cancel', 'appointments.complete'] as const).some((c) => can(c, hospitalId));

  return (
    <Panel
      title="Appointments"
      gap="md"
      actions={
        can('appointments.book') && (
          <Button size="xs" leftSection={<IconCalendarPlus size={16} />} component="a" href={href(`/appointments/book?patientId=${patientId}`)}>
            Book appointment
          </Button>
        )
      }
    >
      <Tabs value={tab} onChange={(t) => t && setTab(t as PatientAppointmentList)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="upcoming">Upcoming{counted(upcoming)}</Tabs.Tab>
          <Tabs.Tab value="past">Past{counted(past)}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upcoming" pt="sm">
          <AppointmentPages list={upcoming} timeZone={timeZone} empty="No upcoming appointment." actions={actions} />
        </Tabs.Panel>
        <Tabs.Panel value="past" pt="sm">
          <AppointmentPages list={past} timeZone={timeZone} empty="No past appointments." actions={actions} />
        </Tabs.Panel>
      </Tabs>
    </Panel>
  );
}

const PAGE = 20;

type AppointmentList = ReturnType<typeof useChannelInfiniteQuery<'appointments.forPatient'>>;

/** " (3)" once a list is in, " (20+)" while more pages wait. */
const counted = (list: AppointmentList) => (list.data ? ` (${pageItems(list.data).length}${list.hasNextPage ? '+' : ''})` : '');

function AppointmentPages({ list, timeZone, empty, actions }: { list: AppointmentList; timeZone?: string; empty: string; actions: boolean }) {
  return (
    <SectionGate query={list} failed="The appointments could not be loaded">
      {(data) => (
        <Stack gap="xs">
          <AppointmentTable rows={pageItems(data)} timeZone={timeZone} empty={empty} actions={actions} />
          <LoadMore list={list} />
        </Stack>
      )}
    </SectionGate>
  );
}

function AppointmentTable({ rows, timeZone, empty, actions }: { rows: AppointmentView[]; timeZone?: string; empty: string; actions: boolean }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={6} aria-label="Appointments of the patient">
        <TableHead columns={['When', 'Doctor', 'Reason', 'Status', actions && '']} />
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} aria-label={`${dayLabel(a.date)} ${formatTime(a.start, timeZone)} ${a.doctorName}`}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RecordLink to={`/appointments?date=${a.date}`} hospitalId={a.hospitalId} size="sm">
                  {dayLabel(a.date)}, {formatTime(a.start, timeZone)}
                </RecordLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.doctorName}</Text>
                {a.departmentName && (
                  <Text size="xs" c="dimmed">
                    {a.departmentName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.reason ?? ''}</Text>
                {a.cancelReason && (
                  <Text size="xs" c="dimmed">
                    Cancelled: {a.cancelReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge appointment={a} />
              </Table.Td>
              {actions && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <AppointmentActions appointment={a} timeZone={timeZone} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
