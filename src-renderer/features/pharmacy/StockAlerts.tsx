// What needs the pharmacist's attention: medicines at or below their reorder level, batches expiring within 90 days.
import { SimpleGrid, Table, Text } from '@mantine/core';
import { EXPIRY_WARNING_DAYS } from '@shared/domain/clinical';
import { useChannelQuery } from '../../api/queries';
import { Panel } from '../../components/Panel';
import { SectionGate } from '../../components/RecordGate';
import { RecordLink } from '../../components/RecordLink';
import { TableHead } from '../../components/TableHead';
import { ExpiryText, LowBadge } from './pharmacy-ui';

export function StockAlerts({ hospitalId }: { hospitalId: number }) {
  const stock = useChannelQuery('pharmacy.stock', { hospitalId });
  const low = stock.data?.lowStock ?? [];
  const expiring = stock.data?.expiring ?? [];
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Panel title={`Low stock${stock.data ? ` (${low.length})` : ''}`} label="Low stock">
        <SectionGate query={stock} failed="The stock could not be loaded" empty={stock.data && low.length === 0 ? 'Every medicine is above its reorder level.' : undefined}>
          {() => (
            <Table verticalSpacing={6}>
              <TableHead columns={['Medicine', { title: 'On hand', width: 150 }, { title: 'Reorder level', width: 130 }]} />
              <Table.Tbody>
                {low.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <RecordLink to={`/pharmacy/items/${i.id}`} size="sm">
                        {i.label}
                      </RecordLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" span fw={600} mr={6}>
                        {i.onHand}
                      </Text>
                      <LowBadge item={i} />
                    </Table.Td>
                    <Table.Td>{i.reorderLevel}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </SectionGate>
      </Panel>
      <Panel title={`Expiring within ${EXPIRY_WARNING_DAYS} days${stock.data ? ` (${expiring.length})` : ''}`} label="Expiring batches">
        <SectionGate query={stock} failed="The stock could not be loaded" empty={stock.data && expiring.length === 0 ? `No batch on the shelf expires within ${EXPIRY_WARNING_DAYS} days.` : undefined}>
          {(data) => (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={6} aria-label="Batches expiring">
                <TableHead columns={['Medicine', 'Batch', { title: 'Expiry', width: 180 }, { title: 'Units', width: 70 }]} />
                <Table.Tbody>
                  {expiring.map((b) => (
                    <Table.Tr key={b.id} bg={b.expired ? 'red.0' : undefined}>
                      <Table.Td>
                        <RecordLink to={`/pharmacy/items/${b.itemId}`} size="sm">
                          {b.itemLabel}
                        </RecordLink>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {b.batchNumber}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <ExpiryText date={b.expiryDate} expired={b.expired} today={data.today} />
                      </Table.Td>
                      <Table.Td>{b.quantity}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </SectionGate>
      </Panel>
    </SimpleGrid>
  );
}
