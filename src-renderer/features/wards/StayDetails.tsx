// Who is in a bed: the patient, since when, until when, under whom, why, and the beds of the stay so far.
import { Anchor, SimpleGrid, Stack, Title } from '@mantine/core';
import type { BoardBed } from '@shared/contract/wards';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { Detail } from '../../components/Detail';
import { formatDate, formatDateTime } from '../../components/format';
import { bedName } from './wards-data';

export function StayDetails({ occupant, timeZone }: { occupant: NonNullable<BoardBed['occupant']>; timeZone: string }) {
  const stay = useChannelQuery('admissions.get', { id: occupant.stayId });
  const moves = stay.data?.history ?? [];
  return (
    <Stack gap={6}>
      <Title order={5}>Occupant</Title>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
        <Detail label="Patient" wide>
          <Anchor href={href(`/patients/${occupant.patientId}`)}>{occupant.patientName}</Anchor> ({occupant.patientNumber})
        </Detail>
        <Detail label="Since">{formatDateTime(occupant.since, timeZone)}</Detail>
        <Detail label="Expected discharge">{occupant.expectedDischarge ? formatDate(occupant.expectedDischarge) : 'Not set'}</Detail>
        <Detail label="Attending doctor" wide>
          {occupant.attendingDoctorName}
        </Detail>
        {stay.data && (
          <Detail label="Reason" wide>
            {stay.data.reason}
          </Detail>
        )}
        {moves.length > 1 && (
          <Detail label="Beds of this stay" wide>
            {moves.map((m) => (
              <div key={`${m.bedId}-${m.from}`}>
                {bedName(m.roomNumber, m.bedLabel)} from {formatDate(m.from.slice(0, 10))}
              </div>
            ))}
          </Detail>
        )}
      </SimpleGrid>
    </Stack>
  );
}
