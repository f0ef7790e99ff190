// The reservations still ahead for one bed, each with a way to cancel it.
import { Button, Divider, Group, Table, Text, Title } from '@mantine/core';
import type { BedBooking } from '@shared/contract/wards';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { formatDate } from '../../components/format';
import { CancelBookingButton } from './CancelBookingButton';

export function BedReservations({ hospitalId, bedId, onCancel }: { hospitalId: number; bedId: number; onCancel?: (b: BedBooking) => void }) {
  const bookings = useChannelInfiniteQuery('beds.bookings', { hospitalId, bedId, limit: 20 });
  const upcoming = pageItems(bookings.data).filter((b) => b.status === 'reserved');
  const more = bookings.hasNextPage && (
    <Group justify="center">
      <Button size="compact-sm" variant="subtle" loading={bookings.isFetchingNextPage} onClick={() => void bookings.fetchNextPage()}>
        More reservations
      </Button>
    </Group>
  );
  if (upcoming.length === 0) return null;
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
