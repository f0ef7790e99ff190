// An issued, paid or void invoice (or a draft seen by someone who does not bill): its lines, figures and payments, what
// the patient and the insurer each still owe; printing it as issued or as a statement of now, its receipts, taking a
// payment and voiding it.
import { useState } from 'react';
import { Alert, Box, Button, Grid, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconBan, IconDeviceFloppy, IconFileDescription, IconPrinter, IconReceipt } from '@tabler/icons-react';
import type { Invoice } from '@shared/contract/billing';
import { invoiceShares, PAYMENT_METHOD_LABELS } from '@shared/domain/billing';
import { api } from '../../api/client';
import { useHospital, useSession } from '../../app/session';
import { formatDate, formatDateTime, formatMoney } from '../../components/format';
import { PdfPreviewModal, savePdf, type PdfFile } from '../../components/PdfPreview';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { amountRows, Figures, InvoiceHeader, InvoiceLines, InvoiceSection } from './InvoiceParts';
import { RecordPayment } from './RecordPayment';
import { VoidInvoiceModal } from './VoidInvoiceModal';

export function IssuedInvoice({ invoice: inv, canBill }: { invoice: Invoice; canBill: boolean }) {
  const hospital = useHospital(inv.hospitalId);
  const { can } = useSession();
  // Who may print a statement: the contract's roles, as the hospital's role table has them.
  const mayPrintStatement = can('invoices.statementPdf', inv.hospitalId);
  const [preview, setPreview] = useState<{ file: PdfFile; title: string } | null>(null);
  const [voiding, setVoiding] = useState(false);
  const pdf = useMutation({
    mutationFn: async (action: 'print' | 'save') => ({ action, file: await api.invoices.pdf({ id: inv.id }) }),
    onSuccess: ({ action, file }) => (action === 'print' ? setPreview({ file, title: `Invoice ${inv.number ?? ''}` }) : savePdf(file)),
    onError: (e) => notifications.show({ color: 'red', title: 'The PDF could not be opened', message: e.message }),
  });
  // The invoice as of now: the stored document stays as issued, the statement shows the payments since.
  const statement = useMutation({
    mutationFn: () => api.invoices.statementPdf({ invoiceId: inv.id }),
    onSuccess: (file) => setPreview({ file, title: `Statement of ${inv.number ?? ''}` }),
    onError: (e) => notifications.show({ color: 'red', title: 'The statement could not be made', message: e.message }),
  });
  const receipt = useMutation({
    mutationFn: (p: { id: number; receiptNumber: string }) => api.payments.receiptPdf({ paymentId: p.id }).then((file) => ({ file, title: `Receipt ${p.receiptNumber}` })),
    onSuccess: setPreview,
    onError: (e) => notifications.show({ color: 'red', title: 'The receipt could not be opened', message: e.message }),
  });
  const payable = canBill && (inv.status === 'issued' || inv.status === 'partially_paid');
  const insurance = inv.insurancePercent ? `Insurance share, ${inv.insuranceProvider} (${inv.insurancePercent}%)` : null;

  return (
    <>
      <InvoiceHeader
        invoice={inv}
        actions={
          inv.status !== 'draft' && (
            <>
              {canBill && inv.status === 'issued' && (
                <Button variant="default" color="red" leftSection={<IconBan size={18} />} onClick={() => setVoiding(true)}>
                  Void
                </Button>
              )}
              <Button variant="default" leftSection={<IconDeviceFloppy size={18} />} loading={pdf.isPending && pdf.variables === 'save'} onClick={() => pdf.mutate('save')}>
                Save PDF
              </Button>
              <Button leftSection={<IconPrinter size={18} />} loading={pdf.isPending && pdf.variables === 'print'} onClick={() => pdf.mutate('print')}>
                Print
              </Button>
              {inv.status !== 'void' && mayPrintStatement && (
                <Button variant="light" leftSection={<IconFileDescription size={18} />} loading={statement.isPending} onClick={() => statement.mutate()}>
                  Statement as of now
                </Button>
              )}
            </>
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            {inv.status === 'void' && (
              <Alert color="red" icon={<IconBan size={18} />} title={`Void since ${formatDateTime(inv.voidedAt, hospital?.timeZone)}`}>
                {inv.voidReason}. The number {inv.number} stays used; its charges can be billed again.
              </Alert>
            )}
            {inv.status === 'draft' && (
              <Alert color="gray" title="A draft">
                Not issued yet: only the billing office edits and issues drafts.
              </Alert>
            )}
            <InvoiceLines invoice={inv} />
            <Payments invoice={inv} timeZone={hospital?.timeZone} onReceipt={(p) => receipt.mutate(p)} />
            {payable && <RecordPayment key={inv.version} invoice={inv} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Figures
            title="Figures"
            currency={inv.currency}
            rows={[
              ...amountRows({ ...inv, patientShare: inv.total - inv.insuranceShare }, inv.currency, { discountReason: inv.discountReason, insurance }),
              ['Paid', inv.paid],
              ['Balance', inv.balance, true],
            ]}
            note={inv.issueDate ? `Issued ${formatDate(inv.issueDate)}` : undefined}
          />
          {/* The issued document's fingerprint proves a saved copy unchanged: for whoever checks the audit trail. */}
          <TechnicalDetails facts={[['Invoice record', inv.id], ['Issued document SHA-256', inv.pdfSha256]]} />
          {inv.insuranceShare > 0 && inv.status !== 'void' && <WhoOwes invoice={inv} />}
        </Grid.Col>
      </Grid>
      <PdfPreviewModal file={preview?.file ?? null} title={preview?.title ?? ''} onClose={() => setPreview(null)} />
      <VoidInvoiceModal invoice={inv} opened={voiding} onClose={() => setVoiding(false)} />
    </>
  );
}

/** What the patient and the insurer each still owe, with their share and what they paid (insurance payments are the insurer's). */
function WhoOwes({ invoice: inv }: { invoice: Invoice }) {
  const { patient, insurer } = invoiceShares(inv);
  const money = (minor: number) => formatMoney(minor, inv.currency);
  const parties = [
    { who: 'Patient', owes: patient.due, detail: `Patient share ${money(patient.share)} · paid ${money(patient.paid)}` },
    { who: inv.insuranceProvider ?? 'Insurer', owes: insurer.due, detail: `Insurance share ${money(insurer.share)} · paid by insurance ${money(insurer.paid)}` },
  ];
  return (
    <Box mt="lg">
      <InvoiceSection title="Who owes what">
        {parties.map((p) => (
          <Stack key={p.who} gap={0} aria-label={`${p.who} still owes ${money(p.owes)}`} role="group">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" fw={700}>
                {p.who} still owes
              </Text>
              <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {money(p.owes)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {p.detail}
            </Text>
          </Stack>
        ))}
        <Text size="xs" c="dimmed">
          Record the insurer’s payments with the method Insurance; every other method counts for the patient.
        </Text>
      </InvoiceSection>
    </Box>
  );
}

function Payments({ invoice: inv, timeZone, onReceipt }: { invoice: Invoice; timeZone?: string; onReceipt: (p: { id: number; receiptNumber: string }) => void }) {
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <InvoiceSection title="Payments">
      {inv.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No payment yet.
        </Text>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Receipt</Table.Th>
              <Table.Th>Paid at</Table.Th>
              <Table.Th>Method</Table.Th>
              <Table.Th>Reference</Table.Th>
              <Table.Th>Cashier</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inv.payments.map((p) => (
              <Table.Tr key={p.id} aria-label={`${p.receiptNumber} ${PAYMENT_METHOD_LABELS[p.method]} ${formatMoney(p.amount, inv.currency)}`}>
                <Table.Td style={nowrap}>
                  {/* The receipt number opens the receipt's PDF. */}
                  <Button size="compact-xs" variant="subtle" px={4} ff="monospace" leftSection={<IconReceipt size={14} />} onClick={() => onReceipt(p)} aria-label={`Receipt ${p.receiptNumber}`}>
                    {p.receiptNumber}
                  </Button>
                </Table.Td>
                <Table.Td style={nowrap}>{formatDateTime(p.paidAt, timeZone)}</Table.Td>
                <Table.Td style={nowrap}>{PAYMENT_METHOD_LABELS[p.method]}</Table.Td>
                <Table.Td>{p.reference ?? '—'}</Table.Td>
                <Table.Td style={nowrap}>{p.cashierName}</Table.Td>
                <Table.Td ta="right" style={nowrap}>
                  {formatMoney(p.amount, inv.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </InvoiceSection>
  );
}
