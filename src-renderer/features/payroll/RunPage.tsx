// One payroll run: totals, the by-department table and bars, every slip; HR recomputes a draft and finalizes it with
// the paid-on date; HR and the billing office print the batch PDF (with a progress bar) and the bank transfer list.
import { useEffect, useState } from 'react';
import { Alert, Button, EmptyState, Grid, Group, Modal, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCheck, IconDownload, IconLock, IconPrinter, IconRefresh, IconUsers } from '@tabler/icons-react';
import { type PayrollRun, type SlipSummary } from '@shared/contract/payroll';
import { countryInfo } from '@shared/domain/countries';
import { api, onEvent } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useHospital, useMayOpen, useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { downloadBlob } from '../../components/download';
import { FormAlert } from '../../components/FormSection';
import { counted, formatDate, formatDateTime, formatMoney, moneyDecimal, todayIn } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { Panel } from '../../components/Panel';
import { PdfPreviewModal, type PdfFile } from '../../components/PdfPreview';
import { RecordGate } from '../../components/RecordGate';
import { DepartmentBars, FigureCard, monthLabel, RunStatusBadge } from './payroll-ui';

export function RunPage({ id }: { id: number }) {
  const run = useChannelQuery('payroll.getRun', { runId: id });
  return (
    <RecordGate record={run} notFound="Payroll run not found" failed="The payroll run could not be loaded">
      {(r) => <RunView run={r} />}
    </RecordGate>
  );
}

function RunView({ run }: { run: PayrollRun }) {
  const { can } = useSession();
  const mayOpen = useMayOpen();
  const hospital = useHospital(run.hospitalId);
  const at = run.hospitalId;
  const draft = run.status === 'draft';
  const [finalizing, setFinalizing] = useState(false);
  const [batching, setBatching] = useState(false);
  const money = (n: number) => formatMoney(n, run.currency);
  const recompute = useMutation({
    mutationFn: () => api.payroll.recompute({ runId: run.id, version: run.version }),
    onSuccess: (r) => notifications.show({ color: 'teal', title: 'Recomputed', message: `${counted(r.totals.count, 'slip')} of ${monthLabel(r.month)} computed again.` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not recomputed', message: e.message }),
  });
  const bank = useMutation({
    mutationFn: () => api.payroll.bankCsv({ runId: run.id }),
    onSuccess: (f) => downloadBlob(f.fileName, new Blob([f.csv], { type: 'text/csv;charset=utf-8' })),
    onError: (e) => notifications.show({ color: 'red', title: 'No bank list', message: e.message }),
  });

  const columns: Column<SlipSummary>[] = [
    { key: 'number', header: 'Number', render: (s) => <Text size="sm" ff="monospace">{s.employeeNumber}</Text>, csv: (s) => s.employeeNumber, nowrap: true, width: 130 },
    { key: 'name', header: 'Name', render: (s) => s.name, csv: (s) => s.name },
    { key: 'dept', header: 'Department', render: (s) => s.department ?? '—', csv: (s) => s.department ?? '' },
    { key: 'gross', header: 'Gross', render: (s) => money(s.gross), csv: (s) => moneyDecimal(s.gross, run.currency), nowrap: true },
    { key: 'ded', header: 'Deductions', render: (s) => money(s.totalDeductions), csv: (s) => moneyDecimal(s.totalDeductions, run.currency), nowrap: true },
    { key: 'net', header: 'Net pay', render: (s) => <Text size="sm" fw={600}>{money(s.net)}</Text>, csv: (s) => moneyDecimal(s.net, run.currency), nowrap: true },
    { key: 'cost', header: 'Employer cost', render: (s) => money(s.employerCost), csv: (s) => moneyDecimal(s.employerCost, run.currency), nowrap: true },
  ];

  return (
    <>
      <PageHeader
        back={{ label: 'Payroll', href: href('/payroll') }}
        title={
          <Group gap="sm" component="span">
            Payroll {monthLabel(run.month)} <RunStatusBadge status={run.status} />
          </Group>
        }
        description={
          draft
            ? `Draft computed ${formatDateTime(run.computedAt, hospital?.timeZone)}: correct inputs and recompute, then finalize.`
            : `Finalized ${formatDateTime(run.finalizedAt, hospital?.timeZone)} · paid on ${formatDate(run.paidOn)}. Slips no longer change: a correction is a line in a later month.`
        }
        actions={
          <>
            {can('payroll.batchPdf', at) && (
              <Button variant="default" leftSection={<IconPrinter size={18} />} onClick={() => setBatching(true)} disabled={run.totals.count === 0}>
                Print all slips
              </Button>
            )}
            {can('payroll.bankCsv', at) && !draft && (
              <Button variant="default" leftSection={<IconDownload size={18} />} loading={bank.isPending} onClick={() => bank.mutate()}>
                Bank list (CSV)
              </Button>
            )}
            {can('payroll.recompute', at) && draft && (
              <Button variant="default" leftSection={<IconRefresh size={18} />} loading={recompute.isPending} onClick={() => recompute.mutate()}>
                Recompute
              </Button>
            )}
            {can('payroll.finalize', at) && draft && (
              <Button leftSection={<IconLock size={18} />} onClick={() => setFinalizing(true)} disabled={run.totals.count === 0}>
                Finalize…
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <FigureCard label="Slips" value={String(run.totals.count)} />
          <FigureCard label="Gross" value={money(run.totals.gross)} />
          <FigureCard label="Deductions" value={money(run.totals.deductions)} />
          <FigureCard label="Net pay" value={money(run.totals.net)} />
          <FigureCard label="Employer cost" value={money(run.totals.employerCost)} />
        </SimpleGrid>
        {run.byDepartment.length > 0 && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Panel title="By department">
                <Table verticalSpacing={6} aria-label="Totals by department">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Department</Table.Th>
                      <Table.Th ta="right">Slips</Table.Th>
                      <Table.Th ta="right">Gross</Table.Th>
                      <Table.Th ta="right">Net pay</Table.Th>
                      <Table.Th ta="right">Employer cost</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {run.byDepartment.map((d) => (
                      <Table.Tr key={d.department ?? '—'}>
                        <Table.Td>{d.department ?? 'No department'}</Table.Td>
                        <Table.Td ta="right">{d.count}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(d.gross)}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(d.net)}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{money(d.employerCost)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Panel>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Panel title="Cost by department">
                <DepartmentBars rows={run.byDepartment} currency={run.currency} />
              </Panel>
            </Grid.Col>
          </Grid>
        )}
        <DataTable
          rows={run.slips}
          columns={columns}
          rowKey={(s) => s.id}
          rowLabel={(s) => `${s.employeeNumber} ${s.name} ${money(s.net)}`}
          onOpen={mayOpen('payroll-slip', at) ? (s) => navigate(`/payroll/slips/${s.id}`) : undefined}
          csvName={`payroll-${run.month}`}
          countLabel={(n) => `${n} ${n === 1 ? 'slip' : 'slips'}`}
          empty={<EmptyState icon={<IconUsers size={28} />} title="No slips" description="No active staff member has a pay structure for this month. Set pay on the staff records, then recompute." />}
        />
      </Stack>
      {finalizing && <FinalizeModal run={run} onClose={() => setFinalizing(false)} />}
      {batching && <BatchPdfModal run={run} onClose={() => setBatching(false)} />}
    </>
  );
}

function FinalizeModal({ run, onClose }: { run: PayrollRun; onClose: () => void }) {
  const hospital = useHospital(run.hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const [paidOn, setPaidOn] = useState(() => todayIn(hospital?.timeZone));
  const finalize = useMutation({
    mutationFn: () => api.payroll.finalize({ runId: run.id, version: run.version, paidOn }),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Finalized', message: `${counted(r.totals.count, 'slip')} of ${monthLabel(r.month)} ${r.totals.count === 1 ? 'is' : 'are'} final and paid on ${formatDate(r.paidOn)}.` });
      onClose();
    },
  });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(paidOn);
  return (
    <Modal opened onClose={() => !finalize.isPending && onClose()} title={<Text fw={600}>Finalize {monthLabel(run.month)}</Text>}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) finalize.mutate();
        }}
      >
        <Stack gap="md">
          <Alert color="yellow" icon={<IconLock size={18} />}>
            {counted(run.totals.count, 'slip')}, net {formatMoney(run.totals.net, run.currency)}, {run.totals.count === 1 ? 'becomes' : 'become'} final: each is stored as a PDF and can no longer change.
          </Alert>
          <DateField label="Paid on" value={paidOn} onChange={setPaidOn} order={order} required error={valid ? undefined : 'Required.'} />
          <FormAlert message={finalize.error?.message} title="Not finalized" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={finalize.isPending}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconCheck size={16} />} loading={finalize.isPending}>
              Finalize run
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Every slip of the run as one PDF; main pushes progress events for this job while it renders the slips. */
function BatchPdfModal({ run, onClose }: { run: PayrollRun; onClose: () => void }) {
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [file, setFile] = useState<PdfFile | null>(null);
  const batch = useMutation({ mutationFn: (jobId: string) => api.payroll.batchPdf({ runId: run.id, jobId }), onSuccess: setFile });
  useEffect(() => onEvent('payroll.progress', (e) => setProgress((p) => (p && p.jobId === e.jobId ? e : p))), []);
  const start = () => {
    const jobId = `slips-${crypto.randomUUID()}`;
    setProgress({ jobId, done: 0, total: run.totals.count });
    batch.mutate(jobId);
  };
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <Modal opened={!file} onClose={() => !batch.isPending && onClose()} title={<Text fw={600}>Print all slips of {monthLabel(run.month)}</Text>}>
        <Stack gap="md">
          <Text size="sm">
            {counted(run.totals.count, 'slip')} as one PDF{run.status === 'draft' ? ', each marked DRAFT' : ', the stored slips as paid'}.
          </Text>
          {progress && (batch.isPending || batch.isSuccess) && (
            <Paper p={0}>
              <Stack gap={4}>
                <Progress value={batch.isSuccess ? 100 : pct} animated={batch.isPending} aria-label="Batch progress" />
                <Text size="sm" c="dimmed" role="status">
                  {progress.done} of {counted(progress.total, 'slip')}
                </Text>
              </Stack>
            </Paper>
          )}
          <FormAlert message={batch.error?.message} title="Not printed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={batch.isPending}>
              Close
            </Button>
            <Button leftSection={<IconPrinter size={16} />} loading={batch.isPending} onClick={start}>
              Make PDF
            </Button>
          </Group>
        </Stack>
      </Modal>
      <PdfPreviewModal
        file={file}
        title={`Salary slips ${monthLabel(run.month)}`}
        onClose={() => {
          setFile(null);
          onClose();
        }}
      />
    </>
  );
}
