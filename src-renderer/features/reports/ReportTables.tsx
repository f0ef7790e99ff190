// The tables of a report as `reportTables` describes them (the same the PDF and the CSV file hold): numbers right-aligned,
// money in its own currency, long tables folded after a screenful; each table exports on its own as CSV.
import { useState, type ReactNode } from 'react';
import { Button, Group, ScrollArea, Table, Text } from '@mantine/core';
import { cellText, type ReportTable } from '@shared/domain/reports';
import { formatDate } from '../../components/format';
import { Panel } from '../../components/Panel';

const FOLDED_ROWS = 25;

export function ReportTableView({ table, actions, note }: { table: ReportTable; actions?: ReactNode; note?: ReactNode }) {
  const [all, setAll] = useState(false);
  const rows = all ? table.rows : table.rows.slice(0, FOLDED_ROWS);
  const wide = table.columns.length > 8;
  return (
    <Panel title={table.title} actions={actions}>
      {note}
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing in this period.
        </Text>
      ) : (
        <ScrollArea type="auto" offsetScrollbars="x">
          <Table verticalSpacing={6} horizontalSpacing={wide ? 6 : 'sm'} fz={wide ? 'xs' : 'sm'} striped highlightOnHover aria-label={table.title} style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c.key} ta={c.kind === 'text' ? 'left' : 'right'}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i} fw={isTotal(row) ? 600 : undefined}>
                  {table.columns.map((c) => (
                    <Table.Td key={c.key} ta={c.kind === 'text' ? 'left' : 'right'}>
                      {c.kind === 'date' && typeof row[c.key] === 'string' ? formatDate(row[c.key] as string) : cellText(table, c, row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {table.rows.length > FOLDED_ROWS && (
        <Group justify="center">
          <Button size="compact-sm" variant="subtle" onClick={() => setAll((a) => !a)}>
            {all ? `Show the first ${FOLDED_ROWS}` : `Show all ${table.rows.length} rows`}
          </Button>
        </Group>
      )}
    </Panel>
  );
}

/** The occupancy table's last row sums the others. */
const isTotal = (row: Record<string, unknown>) => row.hospitalName === 'All';
