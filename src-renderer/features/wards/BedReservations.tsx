// The reservations still ahead for one bed, each with a way to cancel it.
import { Divider, Table, Text, Title } from '@mantine/core';
import type { BedBooking } from '@shared/contract/wards';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { formatDate } from '../../components/format';
import { CancelBookingButton } from './CancelBookingButton';
import { LoadMore } from '../../components/DataTable';

export function BedReservations({ hospitalId, bedId, onCancel }: { hospitalId: number; bedId: number; onCancel?: (b: BedBooking) => void }) {
  const bookings = useChannelInfiniteQuery('beds.bookings', { hospitalId, bedId, limit: 20 });
  const upcoming = pageItems(bookings.data).filter((b) => b.status === 'reserved');
  const more = <LoadMore list={bookings} label="More reservations" />;
  // Only cancelled or past ones on the pages loaded so far: the bed may still have reservations further on.
  if (upcoming.length === 0 && !bookings.hasNextPage) return null;
  return (
    <>
      <Divider />
      <Title order={5}>Reservations of this bed</Title>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {upcoming.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>
                {b.patientName}
                <Text size="xs" c="dimmed">
                  {b.patientNumber}
                  {b.reason ? ` · ${b.reason}` : ''}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(b.from)} – {formatDate(b.to)}
              </Table.Td>
              <Table.Td ta="right">
                {onCancel && <CancelBookingButton onClick={() => onCancel(b)} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {more}
    </>
  );
}
