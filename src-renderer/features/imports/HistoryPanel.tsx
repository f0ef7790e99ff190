// The imports committed at the hospital, newest first: file, kind, rows, what was created, who and when.
import { EmptyState, Stack, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import type { ImportBatch } from '@shared/contract/imports';
import { IMPORT_KIND_LABELS } from '@shared/domain/csv-import';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';

export function HistoryPanel({ hospitalId }: { hospitalId: number }) {
  const hospital = useHospital(hospitalId);
  const list = useChannelInfiniteQuery('import.history', { hospitalId, limit: 20 });
  const columns: Column<ImportBatch>[] = [
    { key: 'at', header: 'Imported', render: (b) => formatDateTime(b.importedAt, hospital?.timeZone), csv: (b) => b.importedAt, nowrap: true, width: 180 },
    { key: 'kind', header: 'Kind', render: (b) => IMPORT_KIND_LABELS[b.kind], csv: (b) => b.kind, width: 150 },
    { key: 'file', header: 'File', render: (b) => b.fileName ?? '—', csv: (b) => b.fileName ?? '' },
    { key: 'rows', header: 'Rows', render: (b) => b.rows.toLocaleString(), csv: (b) => b.rows, width: 90 },
    { key: 'created', header: 'Created', render: (b) => b.created.toLocaleString(), csv: (b) => b.created, width: 100 },
    { key: 'skipped', header: 'Already imported', render: (b) => b.alreadyImported.toLocaleString(), csv: (b) => b.alreadyImported, width: 150 },
    { key: 'by', header: 'By', render: (b) => b.importedBy ?? '—', csv: (b) => b.importedBy ?? '', width: 170 },
  ];
  return (
    <Stack gap="sm" mt={48} component="section" aria-label="Past imports">
      <Title order={4} fw={600}>
        Past imports
      </Title>
      <DataTable
        rows={pageItems(list.data)}
        columns={columns}
        rowKey={(b) => b.id}
        {...pagingOf(list)}
        csvName="imports"
        countLabel={(n) => `${n} ${n === 1 ? 'import' : 'imports'}`}
        empty={<EmptyState icon={<IconFileImport size={28} />} title="No imports yet" description="Files imported at this hospital are listed here." />}
      />
    </Stack>
  );
}
