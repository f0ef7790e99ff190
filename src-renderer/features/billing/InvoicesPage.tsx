// The billing office's invoice list of the selected hospital: status, dates, number or patient, the archive, CSV;
// printing a day's invoices as one PDF with a progress bar, archiving old invoices, and billing a patient.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Progress, Select, Stack, Switch, Text } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconArchive, IconFileInvoice, IconPrinter, IconReceipt } from '@tabler/icons-react';
import type { InvoiceSummary } from '@shared/contract/billing';
import type { PatientSummary } from '@shared/contract/patients';
import { INVOICE_STATUS_LABELS } from '@shared/domain/billing';
import { countryInfo } from '@shared/domain/countries';
import { api, onEvent } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormSection';
import { counted, formatDate, formatMoney, moneyDecimal, todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { PdfPreviewModal, type PdfFile } from '../../components/PdfPreview';
import { PatientPicker } from '../../components/PatientPicker';
import { BillingTabs, InvoiceStatusBadge } from './billing-ui';

const PAGE = 50;
type StatusFilter = 'all' | 'open' | 'draft' | 'issued' | 'partially_paid' | 'paid' | 'void';
const STATUS_CHOICES = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open (unpaid balance)' },
  ...(['draft', 'issued', 'partially_paid', 'paid', 'void'] as const).map((s) => ({ value: s, label: INVOICE_STATUS_LABELS[s] })),
];

const columns: Column<InvoiceSummary>[] = [
  { key: 'number', header: 'Number', render: (i) => <Text ff="monospace" size="sm">{i.number ?? 'Draft'}</Text>, csv: (i) => i.number ?? '', nowrap: true, width: 170 },
  { key: 'date', header: 'Issued', render: (i) => formatDate(i.issueDate) || '—', csv: (i) => i.issueDate ?? '', nowrap: true, width: 120 },
  {
    key: 'patient',
    header: 'Patient',
    render: (i) => (
      <>
        <Text size="sm" fw={500}>
          {i.patientName}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {i.patientNumber}
        </Text>
      </>
    ),
    csv: (i) => i.patientName,
  },
  { key: 'status', header: 'Status', render: (i) => <InvoiceStatusBadge status={i.status} size="sm" />, csv: (i) => INVOICE_STATUS_LABELS[i.status], nowrap: true, width: 120 },
  { key: 'total', header: 'Total', render: (i) => formatMoney(i.total, i.currency), csv: (i) => moneyDecimal(i.total, i.currency), nowrap: true, width: 140 },
  { key: 'balance', header: 'Balance', render: (i) => formatMoney(i.balance, i.currency), csv: (i) => moneyDecimal(i.balance, i.currency), nowrap: true, width: 140 },
];
const csvColumns: Column<InvoiceSummary>[] = [
  ...columns.slice(0, 2),
  { key: 'patientNumber', header: 'Patient ID', render: () => null, csv: (i) => i.patientNumber },
  ...columns.slice(2),
  { key: 'currency', header: 'Currency', render: () => null, csv: (i) => i.currency },
];

/** Filters a link may open the list with (the home screen's "issued today", "open invoices"). */
export function InvoicesPage(opened: { status?: string; from?: string; to?: string } = {}) {
  const { hospital, can } = useSession();
  const mayOpen = useMayOpen();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [status, setStatus] = useState<StatusFilter>(STATUS_CHOICES.some((c) => c.value === opened.status) ? (opened.status as StatusFilter) : 'all');
  const [from, setFrom] = useState(opened.from ?? '');
  const [to, setTo] = useState(opened.to ?? '');
  const [archived, setArchived] = useState(false);
  const [batchOpen, setBatchOpen] = useState(false);
  const [billOpen, setBillOpen] = useState(false);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const filters = { query: debounced, status: status === 'all' ? undefined : status, from: isDate(from) ? from : undefined, to: isDate(to) ? to : undefined, archived };

  const list = useChannelInfiniteQuery('invoices.list', { hospitalId: hospital?.id ?? 0, ...filters, limit: PAGE }, { enabled: !!hospital, keepPrevious: true });
  const rows = pageItems(list.data);

  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const filtered = !!(debounced || status !== 'all' || filters.from || filters.to);

  return (
    <>
      <PageHeader
        title="Billing"
        description={`Invoices of ${hospital.name} in ${hospital.currency}: find by number, patient ID or name.`}
        actions={
          <>
            {can('invoices.archive') && <ArchiveButton hospitalId={hospital.id} />}
            {can('invoices.batchPdf') && (
              <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => setBatchOpen(true)}>
                Print day’s invoices
              </Button>
            )}
            {can('invoices.createDraft') && (
              <Button leftSection={<IconReceipt size={18} />} onClick={() => setBillOpen(true)}>
                Bill a patient
              </Button>
            )}
          </>
        }
      />
      <BillingTabs active="invoices" />
      <DataTable
        rows={rows}
        columns={columns}
        csvColumns={csvColumns}
        rowKey={(i) => i.id}
        rowLabel={(i) => `${i.number ?? 'Draft'} ${i.patientName} ${INVOICE_STATUS_LABELS[i.status]}`}
        search={{ label: 'Search invoices', placeholder: 'INV-2026-000123, patient ID or name', value: query, onChange: setQuery }}
        filters={
          <>
            <Select label="Status" data={STATUS_CHOICES} value={status} onChange={(v) => setStatus((v ?? 'all') as StatusFilter)} allowDeselect={false} w={180} />
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <DateField label="Issued from" value={from} onChange={setFrom} order={order} w={140} />
              <DateField label="Issued to" value={to} onChange={setTo} order={order} w={140} />
            </Group>
            <Switch label="Archive" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} mb={8} />
          </>
        }
        onOpen={mayOpen('billing-invoice') ? (i) => navigate(`/billing/invoices/${i.id}`) : undefined}
        loading={list.isPending || (list.isFetching && !list.isFetchingNextPage && list.isPlaceholderData)}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        csvName={archived ? 'invoices-archive' : 'invoices'}
        exportSource={{ channel: 'invoices.list', input: { hospitalId: hospital.id, ...filters } }}
        countLabel={(n) => `${n} ${n === 1 ? 'invoice' : 'invoices'}`}
        empty={
          <EmptyState
            icon={<IconFileInvoice size={28} />}
            title={filtered ? 'No invoice matches' : archived ? 'The archive is empty' : 'No invoices yet'}
            description={filtered ? 'Change the filters or the search.' : archived ? 'Paid and void invoices move here once they are older than the archive age.' : 'Bill a patient: their unbilled charges become a draft invoice.'}
          />
        }
      />
      <BatchPrintModal opened={batchOpen} onClose={() => setBatchOpen(false)} hospitalId={hospital.id} timeZone={hospital.timeZone} order={order} />
      <BillPatientModal opened={billOpen} onClose={() => setBillOpen(false)} />
    </>
  );
}

function ArchiveButton({ hospitalId }: { hospitalId: number }) {
  const settings = useChannelQuery('billing.getSettings', { hospitalId });
  const archive = useMutation({
    mutationFn: () => api.invoices.archive({ hospitalId }),
    onSuccess: ({ archived }) => {
      notifications.show({ color: 'teal', title: 'Archive', message: archived === 0 ? 'No invoice was old enough to archive.' : `${archived} ${archived === 1 ? 'invoice was' : 'invoices were'} moved to the archive.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not archived', message: e.message }),
  });
  const days = settings.data?.archiveAfterDays;
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconArchive size={18} />} loading={archive.isPending} onClick={() => setConfirming(true)}>
        Archive old invoices
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={<Text fw={600}>Archive old invoices</Text>}>
        <Stack gap="md">
          <Text size="sm">
            Paid and void invoices issued more than {days ?? '…'} days ago move to the archive. They stay searchable there (turn on “Archive”) and can be printed
            again.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              data-autofocus
              onClick={() => {
                setConfirming(false);
                archive.mutate();
              }}
            >
              Archive
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** One PDF of every invoice issued on a day; main pushes progress events for this job while it makes the file. */
function BatchPrintModal({ opened, onClose, hospitalId, timeZone, order }: { opened: boolean; onClose: () => void; hospitalId: number; timeZone: string; order: 'DMY' | 'MDY' }) {
  const [day, setDay] = useState(() => todayIn(timeZone));
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [file, setFile] = useState<PdfFile | null>(null);
  const batch = useMutation({
    mutationFn: (input: { issueDate: string; jobId: string }) => api.invoices.batchPdf({ hospitalId, ...input }),
    // A day without invoices gives a one-page file saying so.
    onSuccess: setFile,
  });
  useEffect(() => onEvent('billing.progress', (e) => setProgress((p) => (p && p.jobId === e.jobId ? e : p))), []);
  const start = () => {
    const jobId = `batch-${crypto.randomUUID()}`;
    setProgress({ jobId, done: 0, total: 0 });
    batch.mutate({ issueDate: day, jobId });
  };
  const close = () => {
    if (batch.isPending) return;
    setProgress(null);
    batch.reset();
    onClose();
  };
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <Modal opened={opened && !file} onClose={close} title={<Text fw={600}>Print a day’s invoices</Text>}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (/^\d{4}-\d{2}-\d{2}$/.test(day)) start();
          }}
        >
          <Stack gap="md">
            <DateField label="Issued on" value={day} onChange={setDay} order={order} required />
            {progress && (batch.isPending || batch.isSuccess) && (
              <Stack gap={4}>
                <Progress value={batch.isSuccess ? 100 : pct} animated={batch.isPending} aria-label="Batch progress" />
                <Text size="sm" c="dimmed" role="status">
                  {progress.total > 0 ? `${progress.done} of ${counted(progress.total, 'invoice')}` : 'Finding the invoices…'}
                </Text>
              </Stack>
            )}
            <FormAlert message={batch.error?.message} title="Not printed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={batch.isPending}>
                Close
              </Button>
              <Button type="submit" leftSection={<IconPrinter size={16} />} loading={batch.isPending}>
                Make PDF
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <PdfPreviewModal
        file={file}
        title={`Invoices issued on ${formatDate(day)}`}
        onClose={() => {
          setFile(null);
          close();
        }}
      />
    </>
  );
}

function BillPatientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [patient, setPatient] = useState<PatientSummary | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Bill a patient</Text>}>
      <Stack gap="md">
        <PatientPicker value={patient} onChange={setPatient} />
        <Group justify="flex-end">
          <Button disabled={!patient} onClick={() => patient && navigate(`/billing/patient/${patient.id}`)}>
            Unbilled charges
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
