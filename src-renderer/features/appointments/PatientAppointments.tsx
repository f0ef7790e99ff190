// A patient's appointments on their record: upcoming (with the desk's actions) and past, and "Book appointment".
import { Anchor, Button, Table, Tabs, Text } from '@mantine/core';
import { IconCalendarPlus } from '@tabler/icons-react';
import { APPOINTMENT_DESK, type AppointmentView } from '@shared/contract/appointments';
import { SCHEDULE_READERS } from '@shared/contract/staff';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { formatTime } from '../../components/format';
import { Panel } from '../../components/Panel';
import { SectionGate } from '../../components/RecordGate';
import { TableHead } from '../../components/TableHead';
import { AppointmentActions, StatusBadge } from './AppointmentActions';
import { dayLabel } from '../../components/calendar';

export function PatientAppointments({ patientId, hospitalId }: { patientId: number; hospitalId: number }) {
  const { hasRole } = useSession();
  const hospital = useHospital(hospitalId);
  const timeZone = hospital?.timeZone;
  const list = useChannelQuery('appointments.forPatient', { patientId });

  return (
    <Panel
      title="Appointments"
      gap="md"
      actions={
        hasRole(...APPOINTMENT_DESK) && (
          <Button size="xs" leftSection={<IconCalendarPlus size={16} />} component="a" href={href(`/appointments/book?patientId=${patientId}`)}>
            Book appointment
          </Button>
        )
      }
    >
      <SectionGate query={list} failed="The appointments could not be loaded">
        {({ upcoming, past }) => (
          <Tabs defaultValue="upcoming" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="upcoming">Upcoming ({upcoming.length})</Tabs.Tab>
              <Tabs.Tab value="past">Past ({past.length}{past.length === 100 ? '+' : ''})</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="upcoming" pt="sm">
              <AppointmentTable rows={upcoming} timeZone={timeZone} empty="No upcoming appointment." actions={hasRole(...SCHEDULE_READERS)} />
            </Tabs.Panel>
            <Tabs.Panel value="past" pt="sm">
              <AppointmentTable rows={past} timeZone={timeZone} empty="No past appointments." actions={hasRole(...SCHEDULE_READERS)} />
            </Tabs.Panel>
          </Tabs>
        )}
      </SectionGate>
    </Panel>
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
                <Anchor href={href(`/appointments?date=${a.date}`)} size="sm">
                  {dayLabel(a.date)}, {formatTime(a.start, timeZone)}
                </Anchor>
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
