// Every list of the app: search as you type, keyset paging ("Load more"), CSV export, keyboard use.
//
// Export CSV of a list with a channel (`exportSource`) writes every page of what the filter shows: main reads the list
// again page after page and streams it to a file (reports.exportCsv), the bar below the toolbar follows its progress
// and a notification names the saved file. A list without a channel exports the rows it holds, in the renderer.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Center, Group, Kbd, Loader, Paper, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ChannelName, Input } from '@shared/contract';
import { api, onEvent } from '../api/client';
import { IconAlertTriangle, IconDownload, IconSearch } from '@tabler/icons-react';
import { csvFileName, downloadCsv } from './csv';
import classes from './DataTable.module.css';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The cell in the CSV file; false leaves the column out of the export. */
  csv: ((row: T) => unknown) | false;
  width?: number | string;
  /** Cells that should not wrap (numbers, dates). */
  nowrap?: boolean;
}

export interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  search?: { label: string; placeholder: string; value: string; onChange: (value: string) => void };
  /** Filters shown beside the search box. */
  filters?: ReactNode;
  /** Buttons at the right of the toolbar (e.g. "Register patient"). */
  actions?: ReactNode;
  onOpen?: (row: T) => void;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Name of the exported file, e.g. "patients" → patients-2026-03-14.csv. */
  csvName?: string;
  /** Columns of the CSV file when they differ from the table's (renderer export only). */
  csvColumns?: Column<T>[];
  /**
   * The list's channel and its current filter: Export CSV then writes every page of it (main, streamed, with
   * progress), not only the rows loaded. Without it the loaded rows are exported here.
   */
  exportSource?: ExportSourceOf;
  empty: ReactNode;
  /** "12 patients" */
  countLabel: (n: number) => string;
  /** Accessible name of a row ("Open patient HMS/000001 …"). */
  rowLabel?: (row: T) => string;
}

/** A list channel and the input its screen sends (filters; any cursor is ignored: the export starts at the first row). */
export type ExportSourceOf = { [K in ChannelName]: { channel: K; input?: Input<K> } }[ChannelName];

/** What a list needs to know of its paged query: `<DataTable {...pagingOf(list)} …/>`. */
export interface PagedList {
  isLoading: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  isPlaceholderData: boolean;
  error: unknown;
  hasNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * The loading, error and "Load more" props of a list fed by a paged query: a first load or a new search shows the
 * spinner (over the old rows while they stand in), a list waiting for valid filters shows none.
 */
export function pagingOf(list: PagedList): Pick<DataTableProps<unknown>, 'loading' | 'error' | 'onRetry' | 'hasMore' | 'loadingMore' | 'onLoadMore'> {
  return {
    loading: list.isLoading || (list.isFetching && !list.isFetchingNextPage && list.isPlaceholderData),
    error: list.error,
    onRetry: () => void list.refetch(),
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    onLoadMore: () => void list.fetchNextPage(),
  };
}

/** "Load more" under a list that is not a DataTable (a section, a drawer): nothing once every page is loaded. */
export function LoadMore({ list, label = 'Load more' }: { list: Pick<PagedList, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>; label?: string }) {
  if (!list.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button size="compact-sm" variant="subtle" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
        {label}
      </Button>
    </Group>
  );
}

const isTyping = (el: Element | null) =>
  !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);

export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, search, onOpen, loading, error, hasMore, loadingMore, onLoadMore, csvName } = props;
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const rowRefs = useRef(new Map<number, HTMLTableRowElement>());

  // A new search starts at its first row, so Enter right after typing opens the best match.
  useEffect(() => setSelected(0), [search?.value]);
  useEffect(() => {
    if (selected >= rows.length && rows.length > 0) setSelected(rows.length - 1);
  }, [rows.length, selected]);
  useEffect(() => {
    rowRefs.current.get(selected)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  useWindowEvent('keydown', (e) => {
    if (e.key !== '/' || !search || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(document.activeElement) || document.querySelector('[role="dialog"]')) return;
    e.preventDefault();
    searchRef.current?.focus();
    searchRef.current?.select();
  });

  const onKeyDown = (e: KeyboardEvent) => {
    // Keys typed in a cell's button or in a dialog opened from a row (portals bubble through React) are theirs.
    if (rows.length === 0 || e.target !== e.currentTarget) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (selected === rows.length - 1 && hasMore && !loadingMore) onLoadMore?.();
      setSelected((s) => Math.min(s + 1, rows.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((s) => Math.max(s - 1, 0));
    } else if (e.key === 'PageDown') {
      e.preventDefault();
      setSelected((s) => Math.min(s + 10, rows.length - 1));
    } else if (e.key === 'PageUp') {
      e.preventDefault();
      setSelected((s) => Math.max(s - 10, 0));
    } else if (e.key === 'Enter' && onOpen && rows[selected]) {
      e.preventDefault();
      onOpen(rows[selected]);
    }
  };

  const [exporting, setExporting] = useState<{ jobId: string; done: number; total: number | null } | null>(null);
  const exportJob = exporting?.jobId ?? null;
  useEffect(() => {
    if (!exportJob) return;
    return onEvent('reports.exportProgress', (e) => {
      if (e.jobId === exportJob) setExporting((x) => (x && x.jobId === exportJob ? { jobId: exportJob, done: e.done, total: e.total } : x));
    });
  }, [exportJob]);

  const exportAll = async (source: ExportSourceOf) => {
    const jobId = `csv-${crypto.randomUUID()}`;
    setExporting({ jobId, done: 0, total: null });
    try {
      const r = await api.reports.exportCsv({ jobId, source: { kind: 'list', channel: source.channel, input: source.input }, name: csvName });
      notifications.show({
        color: 'teal',
        title: 'CSV saved',
        message: `${r.rows.toLocaleString('en')} ${r.rows === 1 ? 'row' : 'rows'} saved to ${r.path}`,
        autoClose: 10_000,
      });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Not exported', message: e instanceof Error ? e.message : String(e), autoClose: false });
    } finally {
      setExporting(null);
    }
  };

  const exportCsv = () => {
    if (props.exportSource) return void exportAll(props.exportSource);
    const cols = (props.csvColumns ?? columns).filter((c) => c.csv !== false);
    downloadCsv(
      csvFileName(csvName ?? 'export'),
      cols.map((c) => c.header),
      rows.map((r) => cols.map((c) => (c.csv as (row: T) => unknown)(r))),
    );
  };

  return (
    <Paper withBorder radius="md" className={classes.root}>
      <Group justify="space-between" align="flex-end" p="md" gap="sm" wrap="wrap" className={classes.toolbar}>
        <Group align="flex-end" gap="sm" wrap="wrap" style={{ flex: 1 }}>
          {search && (
            <TextInput
              ref={searchRef}
              label={search.label}
              placeholder={search.placeholder}
              value={search.value}
              onChange={(e) => search.onChange(e.currentTarget.value)}
              onKeyDown={onKeyDown}
              leftSection={<IconSearch size={16} />}
              rightSection={<Kbd size="xs">/</Kbd>}
              w={360}
              autoComplete="off"
              data-autofocus
            />
          )}
          {props.filters}
        </Group>
        <Group gap="sm">
          {csvName && (
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={exportCsv} disabled={rows.length === 0} loading={!!exporting}>
              Export CSV
            </Button>
          )}
          {props.actions}
        </Group>
      </Group>

      {exporting && (
        <Stack gap={4} px="md" pb="sm" role="status" aria-label="Export progress">
          <Progress
            value={exporting.total ? Math.min(100, (exporting.done / exporting.total) * 100) : 100}
            striped={!exporting.total}
            animated={!exporting.total}
            size="sm"
            aria-label="Exported rows"
          />
          <Text size="xs" c="dimmed">
            Exporting every page: {exporting.done.toLocaleString('en')}
            {exporting.total ? ` of ${exporting.total.toLocaleString('en')}` : ''} {exporting.done === 1 ? 'row' : 'rows'} written
          </Text>
        </Stack>
      )}

      {error ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} m="md" title="The list could not be loaded">
          <Group justify="space-between">
            <Text size="sm">{error instanceof Error ? error.message : String(error)}</Text>
            {props.onRetry && (
              <Button size="xs" variant="white" color="red" onClick={props.onRetry}>
                Try again
              </Button>
            )}
          </Group>
        </Alert>
      ) : loading && rows.length === 0 ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : rows.length === 0 ? (
        <Center py={48} px="md">
          {props.empty}
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md" tabIndex={0} onKeyDown={onKeyDown} className={classes.table} aria-label={props.countLabel(rows.length)}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} w={c.width}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr
                  key={rowKey(row)}
                  ref={(el) => {
                    if (el) rowRefs.current.set(i, el);
                    else rowRefs.current.delete(i);
                  }}
                  data-selected={(onOpen && i === selected) || undefined}
                  aria-label={props.rowLabel?.(row)}
                  className={onOpen ? classes.clickable : undefined}
                  onClick={(e) => {
                    // A dialog opened from a cell (cancel, reschedule) lives in a portal, yet its clicks bubble here
                    // through React: only a click on the row itself opens it.
                    if (!e.currentTarget.contains(e.target as Node)) return;
                    setSelected(i);
                    onOpen?.(row);
                  }}
                >
                  {columns.map((c) => (
                    <Table.Td key={c.key} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {rows.length > 0 && (
        <Group justify="space-between" px="md" py="sm" className={classes.footer}>
          <Text size="sm" c="dimmed">
            {props.countLabel(rows.length)}
            {hasMore ? ' loaded' : ''}
            {onOpen && (
              <>
                {' · '}
                <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move, <Kbd size="xs">Enter</Kbd> to open
              </>
            )}
          </Text>
          {hasMore && (
            <Button variant="light" size="xs" onClick={onLoadMore} loading={loadingMore}>
              Load more
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}
