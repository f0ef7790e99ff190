// Today's bed census (occupants by ward): a table with CSV export, and the same census as a PDF to print or save.
import { useState } from 'react';
import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconDeviceFloppy, IconDownload, IconPrinter } from '@tabler/icons-react';
import { PAPER_SIZES, type CensusRow, type PaperSize } from '@shared/contract/wards';
import { localDate } from '@shared/domain/dates';
import { clockTime } from '@shared/domain/format';
import { ROOM_TYPE_LABELS } from '@shared/domain/wards';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { csvFileName, downloadCsv } from '../../components/csv';
import { DataTable, type Column } from '../../components/DataTable';
import { PdfPreviewModal, savePdf, type PdfFile } from '../../components/PdfPreview';
import { formatDate, formatDateTime } from '../../components/format';

const PAGE = 200;

export function CensusView({ hospitalId }: { hospitalId: number }) {
  const hospital = useHospital(hospitalId);
  const [paper, setPaper] = useState<PaperSize>(hospital?.country === 'US' ? 'Letter' : 'A4');
  const [preview, setPreview] = useState<PdfFile | null>(null);
  const census = useChannelQuery('occupancy.census', { hospitalId });
  const timeZone = census.data?.timeZone ?? hospital?.timeZone;
  const [search, setSearch] = useState('');
  // A 2,000-bed hospital has ~1,600 occupants: the table shows them a page at a time; the CSV file has them all.
  const [shown, setShown] = useState(PAGE);

  const pdf = useMutation({
    mutationFn: async (action: 'print' | 'save') => ({ action, file: await api.occupancy.censusPdf({ hospitalId, paper }) }),
    onSuccess: ({ action, file }) => {
      if (action === 'print') return setPreview(file);
      savePdf(file);
      notifications.show({ color: 'teal', title: 'Census saved', message: `${file.fileName} (${file.pages} ${file.pages === 1 ? 'page' : 'pages'}).` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'The census PDF could not be made', message: e.message }),
  });

  const q = search.trim().toLowerCase();
  const rows = (census.data?.rows ?? []).filter(
    (r) => !q || r.patientName.toLowerCase().includes(q) || r.patientNumber.toLowerCase().includes(q) || r.roomNumber.toLowerCase().includes(q) || r.attendingDoctorName.toLowerCase().includes(q),
  );

  const columns: Column<CensusRow>[] = [
    { key: 'floor', header: 'Floor', render: (r) => r.floorName, csv: (r) => r.floorName, nowrap: true },
    { key: 'room', header: 'Room', render: (r) => `${r.roomNumber} · ${ROOM_TYPE_LABELS[r.roomType]}`, csv: (r) => r.roomNumber, nowrap: true },
    { key: 'bed', header: 'Bed', render: (r) => r.bedLabel, csv: (r) => r.bedLabel, nowrap: true, width: 60 },
    {
      key: 'patient',
      header: 'Patient',
      render: (r) => (
        <>
          <Text size="sm" fw={500}>
            {r.patientName}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {r.patientNumber}
          </Text>
        </>
      ),
      csv: (r) => r.patientName,
    },
    // In the file, dates read as the expected discharge does ("2026-12-04 00:29", "2026-12-06"), in the hospital's zone.
    { key: 'admitted', header: 'Admitted', render: (r) => formatDateTime(r.admittedAt, timeZone), csv: (r) => `${localDate(new Date(r.admittedAt), timeZone)} ${clockTime(r.admittedAt, timeZone)}`, nowrap: true },
    { key: 'nights', header: 'Nights', render: (r) => r.nights, csv: (r) => r.nights, nowrap: true, width: 70 },
    { key: 'expected', header: 'Expected discharge', render: (r) => formatDate(r.expectedDischarge) || '—', csv: (r) => r.expectedDischarge ?? '', nowrap: true },
    { key: 'doctor', header: 'Attending doctor', render: (r) => r.attendingDoctorName, csv: (r) => r.attendingDoctorName },
  ];
  // The file names the room type and patient number in columns of their own.
  const csvColumns: Column<CensusRow>[] = [
    ...columns.slice(0, 2),
    { key: 'roomType', header: 'Room type', render: () => null, csv: (r) => ROOM_TYPE_LABELS[r.roomType] },
    columns[2],
    { key: 'patientNumber', header: 'Patient ID', render: () => null, csv: (r) => r.patientNumber },
    ...columns.slice(3),
  ];

  const t = census.data?.total;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed">
          {census.data ? (
            <>
              {census.data.hospitalName}, {formatDate(census.data.date)}: {t?.occupied} {t?.occupied === 1 ? 'patient' : 'patients'} in {t?.usable} usable beds ({t?.percent.toFixed(1)} %), {t?.free} free, {t?.reserved} reserved,{' '}
              {t?.cleaning} cleaning.
            </>
          ) : (
            ' '
          )}
        </Text>
        <Group gap="sm" align="flex-end">
          <Select label="Paper" data={[...PAPER_SIZES]} value={paper} onChange={(v) => v && setPaper(v as PaperSize)} allowDeselect={false} w={110} />
          <Button leftSection={<IconPrinter size={16} />} onClick={() => pdf.mutate('print')} loading={pdf.isPending && pdf.variables === 'print'}>
            Print census
          </Button>
          <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => pdf.mutate('save')} loading={pdf.isPending && pdf.variables === 'save'}>
            Save PDF
          </Button>
        </Group>
      </Group>
      <DataTable
        rows={rows.slice(0, shown)}
        columns={columns}
        csvColumns={csvColumns}
        rowKey={(r) => r.stayId}
        rowLabel={(r) => `${r.roomNumber} ${r.bedLabel} ${r.patientName}`}
        loading={census.isPending}
        error={census.error}
        onRetry={() => void census.refetch()}
        search={{ label: 'Find in the census', placeholder: 'Patient, room or doctor', value: search, onChange: (v) => (setSearch(v), setShown(PAGE)) }}
        hasMore={rows.length > shown}
        onLoadMore={() => setShown((n) => n + PAGE)}
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={rows.length === 0}
            onClick={() => {
              const cols = csvColumns.filter((c) => c.csv !== false);
              downloadCsv(
                csvFileName(`census-${hospital?.code ?? hospitalId}`, timeZone),
                cols.map((c) => c.header),
                rows.map((r) => cols.map((c) => (c.csv as (row: CensusRow) => unknown)(r))),
              );
            }}
          >
            Export CSV
          </Button>
        }
        countLabel={(n) => (rows.length > n ? `${n} of ${rows.length} patients` : `${n} ${n === 1 ? 'patient' : 'patients'}`)}
        empty={<Text c="dimmed">{q ? `Nobody matches “${search.trim()}”.` : 'No patient is admitted today.'}</Text>}
      />
      <PdfPreviewModal file={preview} title="Bed census" onClose={() => setPreview(null)} />
    </Stack>
  );
}
