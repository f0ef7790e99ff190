// One salary slip: who and which period, earnings and deductions side by side each with its year-to-date column, the
// net in figures and words, employer contributions below the line; printed through the PDF preview.
import { useState } from 'react';
import { Alert, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconPrinter } from '@tabler/icons-react';
import type { SalarySlip, SlipLine } from '@shared/contract/payroll';
import { STAFF_ROLE_LABELS } from '@shared/domain/scheduling';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { Detail } from '../../components/Detail';
import { formatDate, formatMoney } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { PdfPreviewModal, type PdfFile } from '../../components/PdfPreview';
import { RecordGate } from '../../components/RecordGate';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { monthLabel, RunStatusBadge } from './payroll-ui';

/** The designation as the staff list names it ("Nurse"), or as stored when it is not a role. */
export const designationText = (d: string) => (STAFF_ROLE_LABELS as Record<string, string>)[d] ?? d;

/** HR's and the billing office's view of a slip: the header with the way back to its run and printing. */
export function SlipPage({ id }: { id: number }) {
  const slip = useChannelQuery('payroll.slip', { slipId: id });
  const { can } = useSession();
  return (
    <RecordGate record={slip} notFound="Salary slip not found" failed="The salary slip could not be loaded">
      {(s) => (
        <>
          <PageHeader
            back={{ label: `Payroll ${monthLabel(s.month)}`, href: href(`/payroll/runs/${s.runId}`) }}
            title={
              <Group gap="sm" component="span">
                {s.name} <RunStatusBadge status={s.status} />
              </Group>
            }
            description={`Salary slip ${monthLabel(s.month)} · ${s.employeeNumber} · ${designationText(s.designation)}${s.department ? ` · ${s.department}` : ''}`}
            actions={can('payroll.slipPdf', s.hospitalId) && <PrintSlipButton slip={s} own={false} />}
          />
          <SlipBody slip={s} />
        </>
      )}
    </RecordGate>
  );
}

export function PrintSlipButton({ slip, own, size }: { slip: SalarySlip; own: boolean; size?: 'xs' | 'sm' }) {
  const [file, setFile] = useState<PdfFile | null>(null);
  const pdf = useMutation({
    mutationFn: () => (own ? api.payroll.mySlipPdf({ slipId: slip.id }) : api.payroll.slipPdf({ slipId: slip.id })),
    onSuccess: setFile,
    onError: (e) => notifications.show({ color: 'red', title: 'The slip could not be opened', message: e.message }),
  });
  return (
    <>
      <Button size={size} leftSection={<IconPrinter size={size === 'xs' ? 14 : 18} />} loading={pdf.isPending} onClick={() => pdf.mutate()}>
        Print slip
      </Button>
      <PdfPreviewModal file={file} title={`Salary slip ${slip.name}, ${monthLabel(slip.month)}`} onClose={() => setFile(null)} />
    </>
  );
}

export function SlipBody({ slip: s }: { slip: SalarySlip }) {
  const money = (n: number) => formatMoney(n, s.currency);
  return (
    <Stack gap="lg">
      {s.status === 'draft' && (
        <Alert color="gray" title="Draft">
          This slip changes when the run is recomputed; it is final once HR finalizes the run.
        </Alert>
      )}
      <Paper withBorder p="lg">
        <SimpleGrid cols={{ base: 2, md: 6 }} spacing="md">
          <Detail label="Period">{`${formatDate(s.periodStart)} – ${formatDate(s.periodEnd)}`}</Detail>
          <Detail label="Working days">{String(s.workingDays)}</Detail>
          <Detail label="Paid days">{String(s.paidDays)}</Detail>
          <Detail label="Designation">{designationText(s.designation)}</Detail>
          <Detail label="Bank account">{s.bankAccountMasked}</Detail>
          <Detail label="Paid on">{s.paidOn ? formatDate(s.paidOn) : null}</Detail>
        </SimpleGrid>
      </Paper>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Lines title="Earnings" lines={s.earnings} total={['Gross pay', s.gross, s.ytdGross]} currency={s.currency} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Lines title="Deductions" lines={s.deductions} total={['Total deductions', s.totalDeductions, null]} currency={s.currency} />
        </Grid.Col>
      </Grid>
      <Paper withBorder p="lg" aria-label="Net pay">
        <Group justify="space-between" align="flex-end">
          <div>
            <Text size="xs" c="dimmed" fw={500} tt="uppercase">
              Net pay
            </Text>
            <Title order={2} data-testid="net-pay">
              {money(s.net)}
            </Title>
            <Text size="sm" c="dimmed" fs="italic">
              {s.netInWords}
            </Text>
          </div>
          <Text size="sm" c="dimmed">
            Net year to date {money(s.ytdNet)}
          </Text>
        </Group>
      </Paper>
      {s.employer.length > 0 && <Lines title="Employer contributions" lines={s.employer} total={['Cost to employer (gross pay and contributions)', s.employerCost, null]} currency={s.currency} />}
      {/* The stored slip's fingerprint proves a saved copy unchanged: for whoever checks the audit trail. */}
      <TechnicalDetails facts={[['Stored slip SHA-256', s.sha256]]} />
    </Stack>
  );
}

function Lines({ title, lines, total, currency }: { title: string; lines: SlipLine[]; total: [string, number, number | null]; currency: string }) {
  const money = (n: number) => formatMoney(n, currency);
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Paper withBorder p="lg" component="section" aria-label={title}>
      <Title order={4} fw={600} mb="sm">
        {title}
      </Title>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Quantity</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th ta="right">Year to date</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.code} aria-label={`${l.label}: ${money(l.amount)}`}>
              <Table.Td>{l.label}</Table.Td>
              <Table.Td ta="right" style={nowrap}>
                {l.quantity != null ? `${l.quantity}${l.rate != null ? ` × ${money(l.rate)}` : ''}` : ''}
              </Table.Td>
              <Table.Td ta="right" style={nowrap}>
                {money(l.amount)}
              </Table.Td>
              <Table.Td ta="right" style={nowrap} c="dimmed">
                {money(l.ytd)}
              </Table.Td>
            </Table.Tr>
          ))}
          {lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4} c="dimmed">
                None
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr aria-label={`${total[0]}: ${money(total[1])}`}>
            <Table.Th>{total[0]}</Table.Th>
            <Table.Th />
            <Table.Th ta="right" style={nowrap}>
              {money(total[1])}
            </Table.Th>
            <Table.Th ta="right" style={nowrap} c="dimmed">
              {total[2] != null ? money(total[2]) : ''}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Paper>
  );
}
