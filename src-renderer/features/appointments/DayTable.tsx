// A doctor's appointments of one day as table rows (time, patient and visit note, status, next actions), on the
// hospital's schedule and on the doctor's own day alike.
import { Table, Text, type MantineSpacing } from '@mantine/core';
import type { AppointmentView } from '@shared/contract/appointments';
import { APPOINTMENT_STATUS_LABELS } from '@shared/domain/scheduling';
import { formatTime } from '../../components/format';
import { PatientLink, StatusAndActionCells, VisitNote } from './AppointmentActions';
import classes from './appointments.module.css';

export function DayTable({ appointments, timeZone, emptyPadding = 'sm' }: { appointments: AppointmentView[]; timeZone: string; emptyPadding?: MantineSpacing }) {
  if (appointments.length === 0) {
    return (
      <Text size="sm" c="dimmed" px="md" py={emptyPadding}>
        No appointments.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} horizontalSpacing="md" className={classes.table}>
      <Table.Tbody>
        {appointments.map((a) => (
          <Table.Tr key={a.id} data-status={a.status} aria-label={`${formatTime(a.start, timeZone)} ${a.patientName} ${APPOINTMENT_STATUS_LABELS[a.status]}`}>
            <Table.Td w={110} style={{ whiteSpace: 'nowrap' }}>
              <Text size="sm" fw={600} td={a.status === 'cancelled' ? 'line-through' : undefined}>
                {formatTime(a.start, timeZone)}
                <Text span size="xs" c="dimmed" fw={400}>
                  –{formatTime(a.end, timeZone)}
                </Text>
              </Text>
            </Table.Td>
            <Table.Td>
              <PatientLink a={a} />
              <VisitNote a={a} />
            </Table.Td>
            <StatusAndActionCells appointment={a} timeZone={timeZone} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
