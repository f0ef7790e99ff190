// A report out of the app: one of its tables as a CSV file written by main (progress shown while rows are written,
// then where the file went), or the whole report as a PDF on the letterhead, previewed to print or save.
import { useEffect, useState } from 'react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFileTypeCsv, IconFileTypePdf } from '@tabler/icons-react';
import type { TrendFilter } from '@shared/contract/reports';
import type { ReportChannel, ReportTable } from '@shared/domain/reports';
import { api, onEvent } from '../../api/client';
import { PdfPreviewModal, type PdfFile } from '../../components/PdfPreview';

/** Writes one table of a report to a CSV file in main; a notification follows the rows written, then names the file. */
export function ExportCsvButton({ report, input, table, slug, disabled }: { report: ReportChannel; input: TrendFilter; table: ReportTable; slug: string; disabled?: boolean }) {
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => {
    if (!jobId) return;
    return onEvent('reports.exportProgress', (e) => {
      if (e.jobId !== jobId) return;
      notifications.update({ id: jobId, loading: true, autoClose: false, withCloseButton: false, title: `Exporting ${table.title}`, message: e.total ? `${e.done.toLocaleString('en')} of ${e.total.toLocaleString('en')} rows` : `${e.done.toLocaleString('en')} rows` });
    });
  }, [jobId, table.title]);
  const exportCsv = useMutation({
    mutationFn: (id: string) => api.reports.exportCsv({ jobId: id, source: { kind: 'report', report, input, table: table.key }, name: `${slug}-${table.key}` }),
    onSuccess: (r, id) =>
      notifications.update({
        id,
        color: 'teal',
        loading: false,
        autoClose: 8_000,
        withCloseButton: true,
        title: 'CSV saved',
        message: `${r.fileName}: ${r.rows.toLocaleString('en')} ${r.rows === 1 ? 'row' : 'rows'}, saved to ${r.path}`,
      }),
    onError: (e, id) => notifications.update({ id, color: 'red', loading: false, autoClose: false, withCloseButton: true, title: 'Not exported', message: e.message }),
    onSettled: () => setJobId(null),
  });
  const start = () => {
    const id = `report-csv-${crypto.randomUUID()}`;
    setJobId(id);
    notifications.show({ id, loading: true, autoClose: false, withCloseButton: false, title: `Exporting ${table.title}`, message: 'Starting…' });
    exportCsv.mutate(id);
  };
  return (
    <Button size="compact-sm" variant="default" leftSection={<IconFileTypeCsv size={16} />} loading={exportCsv.isPending} disabled={disabled || table.rows.length === 0} onClick={start} aria-label={`Export ${table.title} as CSV`}>
      Export CSV
    </Button>
  );
}

/** The report as a PDF (its tables, filter and period, on the letterhead), shown in the built-in viewer. */
export function ExportPdfButton({ report, input, title, disabled }: { report: ReportChannel; input: TrendFilter; title: string; disabled?: boolean }) {
  const [file, setFile] = useState<PdfFile | null>(null);
  const pdf = useMutation({
    mutationFn: () => api.reports.exportPdf({ report, input }),
    onSuccess: setFile,
    onError: (e) => notifications.show({ color: 'red', title: 'No PDF', message: e.message }),
  });
  return (
    <>
      <Button variant="default" leftSection={<IconFileTypePdf size={18} />} loading={pdf.isPending} disabled={disabled} onClick={() => pdf.mutate()}>
        Export PDF
      </Button>
      <PdfPreviewModal file={file} title={title} onClose={() => setFile(null)} />
    </>
  );
}
