// Every problem a dry run found (row, column, value, what is wrong): filtered by column or words, a page at a time so
// ten thousand problems stay quick, and the whole list downloadable as a CSV file to fix the source in a spreadsheet.
import { useMemo, useState } from 'react';
import { Badge, Button, Group, Pagination, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { csvFileName, downloadCsv } from '../../components/csv';
import type { ImportProblem } from '@shared/contract/imports';
import { TableHead } from '../../components/TableHead';

const PAGE = 25;

export function ProblemsTable({ problems, fileName }: { problems: readonly ImportProblem[]; fileName: string }) {
  const [severity, setSeverity] = useState<'all' | ImportProblem['severity']>('all');
  const [column, setColumn] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [words] = useDebouncedValue(query.trim().toLowerCase(), 150);
  const [page, setPage] = useState(1);

  const columns = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of problems) counts.set(p.column ?? '', (counts.get(p.column ?? '') ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [problems]);

  const shown = useMemo(
    () =>
      problems.filter(
        (p) =>
          (severity === 'all' || p.severity === severity) &&
          (column === null || (p.column ?? '') === column) &&
          (!words || `${p.row} ${p.column ?? ''} ${p.value ?? ''} ${p.message}`.toLowerCase().includes(words)),
      ),
    [problems, severity, column, words],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages);
  const slice = shown.slice((current - 1) * PAGE, current * PAGE);

  const download = () =>
    downloadCsv(
      csvFileName(`import-problems-${fileName.replace(/\.[^.]*$/, '')}`),
      ['Row', 'Column', 'Value', 'Problem', 'Severity'],
      problems.map((p) => [p.row || '', p.column ?? '', p.value ?? '', p.message, p.severity]),
    );

  return (
    <>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="sm" align="flex-end">
          {problems.some((p) => p.severity === 'warning') && problems.some((p) => p.severity === 'error') && (
            <SegmentedControl
              aria-label="Show"
              data={[
                { value: 'all', label: 'All' },
                { value: 'error', label: 'Errors' },
                { value: 'warning', label: 'Warnings' },
              ]}
              value={severity}
              onChange={(v) => {
                setSeverity(v as typeof severity);
                setPage(1);
              }}
            />
          )}
          <TextInput
            label="Find"
            placeholder="Row, value or words…"
            leftSection={<IconSearch size={16} />}
            value={query}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              setPage(1);
            }}
            w={260}
          />
          <Select
            label="Column"
            placeholder="Every column"
            data={columns.map(([c, n]) => ({ value: c, label: `${c || 'Whole file'} (${n.toLocaleString()})` }))}
            value={column}
            onChange={(v) => {
              setColumn(v);
              setPage(1);
            }}
            clearable
            w={260}
          />
        </Group>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download}>
          Download the list
        </Button>
      </Group>
      <Table verticalSpacing={6} striped withTableBorder aria-label="Problems" layout="fixed">
        <TableHead columns={[{ title: 'Row', width: 80 }, { title: 'Column', width: 170 }, { title: 'Value', width: 220 }, 'What is wrong', { title: '', width: 100 }]} />
        <Table.Tbody>
          {slice.map((p, i) => (
            <Table.Tr key={`${current}-${i}`}>
              <Table.Td ff="monospace">{p.row || '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500} truncate>
                  {p.column ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {p.value === null ? (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                ) : p.value === '' ? (
                  <Text size="sm" c="dimmed" fs="italic">
                    empty
                  </Text>
                ) : (
                  <Text size="sm" ff="monospace" truncate title={p.value}>
                    {p.value}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.message}</Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={p.severity === 'error' ? 'red' : 'yellow'}>
                  {p.severity === 'error' ? 'Error' : 'Warning'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {slice.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text size="sm" c="dimmed" ta="center" py="sm">
                  No problem matches.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {shown.length === 0
            ? ''
            : `${((current - 1) * PAGE + 1).toLocaleString()}–${Math.min(current * PAGE, shown.length).toLocaleString()} of ${shown.length.toLocaleString()} ${shown.length === 1 ? 'problem' : 'problems'}`}
        </Text>
        {pages > 1 && <Pagination total={pages} value={current} onChange={setPage} size="sm" aria-label="Pages of problems" />}
      </Group>
    </>
  );
}
