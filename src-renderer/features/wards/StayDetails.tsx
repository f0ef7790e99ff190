// Who is in a bed: the patient, since when, until when, under whom, why, and the beds of the stay so far.
import { Stack, Title } from '@mantine/core';
import type { BoardBed } from '@shared/contract/wards';
import { localDate } from '@shared/domain/dates';
import { useChannelQuery } from '../../api/queries';
import { Detail } from '../../components/Detail';
import { formatDate, formatDateTime } from '../../components/format';
import { RecordLink } from '../../components/RecordLink';
import { bedName } from './wards-data';

export function StayDetails({ occupant, timeZone }: { occupant: NonNullable<BoardBed['occupant']>; timeZone: string }) {
  const stay = useChannelQuery('admissions.get', { id: occupant.stayId });
  const moves = stay.data?.history ?? [];
  return (
    <Stack gap={6}>
      <Title order={5}>Occupant</Title>
      <Detail inline label="Patient">
        <RecordLink to={`/patients/${occupant.patientId}`}>{occupant.patientName}</RecordLink> ({occupant.patientNumber})
      </Detail>
      <Detail inline label="Since">
        {formatDateTime(occupant.since, timeZone)}
      </Detail>
      <Detail inline label="Expected discharge">
        {occupant.expectedDischarge ? formatDate(occupant.expectedDischarge) : 'Not set'}
      </Detail>
      <Detail inline label="Attending doctor">
        {occupant.attendingDoctorName}
      </Detail>
      {stay.data && (
        <Detail inline label="Reason">
          {stay.data.reason}
        </Detail>
      )}
      {moves.length > 1 && (
        <Detail inline label="Beds of this stay">
          {moves.map((m) => (
            <div key={`${m.bedId}-${m.from}`}>
              {bedName(m.roomNumber, m.bedLabel)} from {formatDate(localDate(new Date(m.from), timeZone))}
            </div>
          ))}
        </Detail>
      )}
    </Stack>
  );
}
