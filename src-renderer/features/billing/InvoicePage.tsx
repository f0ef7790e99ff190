// One invoice. A draft is edited here (quantities, lines, discount with its reason, the insurance share) and issued or
// deleted; an issued invoice shows its figures and payments, takes payments, prints, gives receipts, and can be voided.
import { useEffect, useState, type ReactNode } from 'react';
import { ActionIcon, Alert, Button, Center, Grid, Group, Loader, Modal, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconBan, IconCash, IconDeviceFloppy, IconFileCheck, IconPlus, IconPrinter, IconReceipt, IconTrash } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import { BILLING, type Invoice } from '@shared/contract/billing';
import { CHARGE_CATEGORY_LABELS, invoiceAmounts, lineAmounts, PAYMENT_METHOD_LABELS, PAYMENT_METHODS, ratePercent, type PaymentMethod } from '@shared/domain/billing';
import { api, isApiError } from '../../api/client';
import { keys } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { issuesToFields } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { formatDate, formatDateTime, formatMoney, moneyDecimal } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { PdfPreviewModal, savePdf, type PdfFile } from '../../components/PdfPreview';
import { refreshBilling, useBillingLive } from './billing-live';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { InvoiceStatusBadge } from './billing-ui';

export function InvoicePage({ id }: { id: number }) {
  useBillingLive();
  const { hasRole } = useSession();
  const invoice = useQuery({ queryKey: keys.invoice(id), queryFn: () => api.invoices.get({ id }) });
  if (invoice.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (!invoice.data) {
    return isApiError(invoice.error, 'NOT_FOUND') ? (
      <EmptyPage title="Invoice not found" description="It does not exist (a deleted draft?) or is not at one of your hospitals." />
    ) : (
      <FormAlert title="The invoice could not be loaded" message={invoice.error?.message} />
    );
  }
  const inv = invoice.data;
  const canBill = hasRole(...BILLING);
  return inv.status === 'draft' && canBill ? <DraftEditor key={inv.id} invoice={inv} /> : <IssuedInvoice invoice={inv} canBill={canBill} />;
}

function InvoiceHeader({ invoice: inv, actions }: { invoice: Invoice; actions?: ReactNode }) {
  const hospital = useHospital(inv.hospitalId);
  return (
    <PageHeader
      back={{ label: `Billing · ${inv.patientName}`, href: href(`/billing/patient/${inv.patientId}`) }}
      title={
        <Group gap="sm" component="span">
          <span data-testid="invoice-number">{inv.number ?? 'Draft invoice'}</span>
          <InvoiceStatusBadge status={inv.status} size="lg" />
        </Group>
      }
      description={
        <>
          <Text span size="sm" fw={500} c="dark">
            {inv.patientName}
          </Text>{' '}
          · {inv.patientNumber} · {hospital?.name}
          {inv.issuedAt ? ` · issued ${formatDateTime(inv.issuedAt, hospital?.timeZone)}` : ''}
          {inv.archived ? ' · archived' : ''}
        </>
      }
      actions={actions}
    />
  );
}

// ---- the draft ----

interface DraftEdits {
  quantities: Record<number, number | string>;
  discount: string;
  reason: string;
}

const editsOf = (inv: Invoice): DraftEdits => ({
  quantities: Object.fromEntries(inv.lines.map((l) => [l.id, l.quantity])),
  discount: inv.discount ? moneyDecimal(inv.discount, inv.currency) : '',
  reason: inv.discountReason ?? '',
});

function DraftEditor({ invoice: inv }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<DraftEdits>(() => editsOf(inv));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // A saved draft (here or at another desk) is shown as it now is.
  useEffect(() => setEdits(editsOf(inv)), [inv.version]);

  const show = (saved: Invoice) => {
    queryClient.setQueryData(keys.invoice(saved.id), saved);
    refreshBilling(queryClient);
  };
  const failed = (e: Error) => {
    const current = isApiError(e, 'CONFLICT') ? (e.details as { current?: Invoice } | undefined)?.current : undefined;
    if (current) queryClient.setQueryData(keys.invoice(current.id), current);
    if (isApiError(e, 'VALIDATION')) setErrors(e.fields ?? {});
    setFailure(e.message);
  };

  const discountRead = edits.discount.trim() ? readAmount(edits.discount, inv.currency) : { minor: 0 };
  const quantity = (lineId: number) => Number(edits.quantities[lineId] ?? 0);
  const changedQuantities = inv.lines.filter((l) => quantity(l.id) !== l.quantity).map((l) => ({ lineId: l.id, quantity: quantity(l.id) }));
  const discountChanged = discountRead.minor !== inv.discount || (edits.reason.trim() || null) !== inv.discountReason;
  const dirty = changedQuantities.length > 0 || discountChanged;

  /** The update as the contract reads it, or null with the errors shown. */
  const pending = (): Input<'invoices.updateDraft'> | null => {
    const input = {
      id: inv.id,
      version: inv.version,
      quantities: changedQuantities,
      ...(discountChanged ? { discount: discountRead.minor ?? 0, discountReason: edits.reason } : {}),
    };
    const parsed = contract['invoices.updateDraft'].input.safeParse(input);
    const fields: Record<string, string> = parsed.success ? {} : issuesToFields(parsed.error);
    if (discountRead.error) fields.discount = discountRead.error;
    for (const l of inv.lines) {
      const q = quantity(l.id);
      if (!Number.isInteger(q) || q < 1) fields[`line.${l.id}`] = 'At least 1.';
    }
    setErrors(fields);
    setFailure(null);
    return Object.keys(fields).length ? null : input;
  };

  const update = useMutation({ mutationFn: (input: Input<'invoices.updateDraft'>) => api.invoices.updateDraft(input), onSuccess: show, onError: failed });
  const issue = useMutation({
    mutationFn: async () => {
      let version = inv.version;
      if (dirty) {
        const input = pending();
        if (!input) throw new Error('Correct the draft before issuing it.');
        version = (await api.invoices.updateDraft(input)).version;
      }
      return api.invoices.issue({ id: inv.id, version });
    },
    onSuccess: (issued) => {
      show(issued);
      notifications.show({ color: 'teal', title: `Issued ${issued.number}`, message: `${issued.patientName}: ${formatMoney(issued.total, issued.currency)}.` });
    },
    onError: failed,
  });
  const remove = useMutation({
    mutationFn: () => api.invoices.deleteDraft({ id: inv.id }),
    onSuccess: () => {
      refreshBilling(queryClient);
      notifications.show({ color: 'gray', message: 'The draft was deleted; its charges are unbilled again.' });
      navigate(`/billing/patient/${inv.patientId}`);
    },
    onError: failed,
  });
  const busy = update.isPending || issue.isPending || remove.isPending;

  // What the draft will add up to with the edits, by the same exact arithmetic as main.
  const preview = invoiceAmounts(
    inv.lines.map((l) => ({ quantity: Math.max(1, Math.trunc(quantity(l.id)) || 1), unitPrice: l.unitPrice, taxRateBp: l.taxRateBp })),
    discountRead.minor ?? inv.discount,
    inv.insurancePercent,
  );

  return (
    <>
      <InvoiceHeader
        invoice={inv}
        actions={
          <>
            <Button variant="default" color="red" leftSection={<IconTrash size={18} />} onClick={() => setConfirmDelete(true)} disabled={busy}>
              Delete draft
            </Button>
            <Button leftSection={<IconFileCheck size={18} />} loading={issue.isPending} disabled={busy && !issue.isPending} onClick={() => issue.mutate()}>
              Issue invoice
            </Button>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper withBorder p="lg" component="section" aria-label="Lines">
              <Stack gap="sm">
                <Title order={4} fw={600}>
                  Lines
                </Title>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Description</Table.Th>
                      <Table.Th w={110}>Qty</Table.Th>
                      <Table.Th ta="right">Unit price</Table.Th>
                      <Table.Th ta="right">Tax</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {inv.lines.map((l) => {
                      const a = lineAmounts(Math.max(1, Math.trunc(quantity(l.id)) || 1), l.unitPrice, l.taxRateBp);
                      return (
                        <Table.Tr key={l.id}>
                          <Table.Td>
                            <Text size="sm">{l.description}</Text>
                            <Text size="xs" c="dimmed">
                              {CHARGE_CATEGORY_LABELS[l.category]}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <NumberInput
                              aria-label={`Quantity of ${l.description}`}
                              size="xs"
                              value={edits.quantities[l.id]}
                              onChange={(v) => setEdits((e) => ({ ...e, quantities: { ...e.quantities, [l.id]: v } }))}
                              min={1}
                              max={10_000}
                              allowDecimal={false}
                              allowNegative={false}
                              error={errors[`line.${l.id}`]}
                            />
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {formatMoney(l.unitPrice, inv.currency)}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {ratePercent(l.taxRateBp)} · {formatMoney(a.tax, inv.currency)}
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {formatMoney(a.total, inv.currency)}
                          </Table.Td>
                          <Table.Td>
                            <Tooltip label={inv.lines.length === 1 ? 'The last line: delete the draft instead' : 'Remove the line (its charge is unbilled again)'}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={`Remove ${l.description}`}
                                disabled={inv.lines.length === 1 || busy}
                                onClick={() => update.mutate({ id: inv.id, version: inv.version, removeLineIds: [l.id], quantities: [], addChargeIds: [] })}
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Stack>
            </Paper>
            <FormSection title="Discount" description="A discount is taken off the total after tax and needs a reason.">
              <Group align="flex-start" grow>
                <MoneyInput label="Discount" currency={inv.currency} value={edits.discount} onChange={(v) => setEdits((e) => ({ ...e, discount: v }))} error={errors.discount} />
                <TextInput
                  label="Reason for the discount"
                  placeholder="e.g. Staff family"
                  value={edits.reason}
                  onChange={(e) => {
                    const reason = e.currentTarget.value;
                    setEdits((x) => ({ ...x, reason }));
                  }}
                  maxLength={300}
                  error={errors.discountReason}
                />
              </Group>
            </FormSection>
            <InsuranceSection invoice={inv} busy={busy} onApply={(applyInsurance) => update.mutate({ id: inv.id, version: inv.version, applyInsurance, quantities: [], removeLineIds: [], addChargeIds: [] })} />
            <FormAlert message={failure} title="The draft was not changed" />
            <Group justify="flex-end">
              <Button
                variant="light"
                leftSection={<IconDeviceFloppy size={18} />}
                disabled={!dirty || (busy && !update.isPending)}
                loading={update.isPending}
                onClick={() => {
                  const input = pending();
                  if (input) update.mutate(input);
                }}
              >
                Save draft
              </Button>
            </Group>
            <MoreCharges invoice={inv} busy={busy} onAdd={(chargeId) => update.mutate({ id: inv.id, version: inv.version, addChargeIds: [chargeId], quantities: [], removeLineIds: [] })} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Figures
            title={dirty ? 'Figures with your changes' : 'Figures'}
            currency={inv.currency}
            rows={[
              ['Subtotal', preview.subtotal],
              ...preview.taxByRate.map((r): [string, number] => [`Tax ${ratePercent(r.rateBp)} on ${formatMoney(r.net, inv.currency)}`, r.tax]),
              ...(preview.discount ? [[`Discount${edits.reason.trim() ? ` (${edits.reason.trim()})` : ''}`, -preview.discount] as [string, number]] : []),
              ['Total', preview.total, true],
              ...(inv.insurancePercent ? [[`Insurance share (${inv.insurancePercent}%)`, preview.insuranceShare] as [string, number], ['Patient share', preview.patientShare] as [string, number]] : []),
            ]}
            note={dirty ? 'Not saved yet: “Save draft” or “Issue invoice” saves it.' : undefined}
          />
        </Grid.Col>
      </Grid>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={<Text fw={600}>Delete this draft?</Text>}>
        <Stack gap="md">
          <Text size="sm">The draft is removed and its {inv.lines.length} charges are unbilled again; nothing is numbered.</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmDelete(false)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => {
                setConfirmDelete(false);
                remove.mutate();
              }}
            >
              Delete draft
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function InsuranceSection({ invoice: inv, busy, onApply }: { invoice: Invoice; busy: boolean; onApply: (apply: boolean) => void }) {
  return (
    <FormSection title="Insurance" description="The insurer's share is taken from the patient's insurance when it is valid today.">
      <Group justify="space-between">
        <Text size="sm">
          {inv.insuranceProvider
            ? `${inv.insuranceProvider}${inv.insurancePolicyNumber ? `, policy ${inv.insurancePolicyNumber}` : ''}: ${inv.insurancePercent}% → ${formatMoney(inv.insuranceShare, inv.currency)}`
            : 'No insurance share on this invoice.'}
        </Text>
        {inv.insuranceProvider ? (
          <Button size="xs" variant="default" disabled={busy} onClick={() => onApply(false)}>
            Remove insurance
          </Button>
        ) : (
          <Button size="xs" variant="light" disabled={busy} onClick={() => onApply(true)}>
            Apply patient’s insurance
          </Button>
        )}
      </Group>
    </FormSection>
  );
}

/** The patient's other unbilled charges at this invoice's hospital, to put on the draft too. */
function MoreCharges({ invoice: inv, busy, onAdd }: { invoice: Invoice; busy: boolean; onAdd: (chargeId: number) => void }) {
  const unbilled = useQuery({ queryKey: keys.unbilled(inv.patientId, inv.hospitalId), queryFn: () => api.charges.unbilled({ patientId: inv.patientId, hospitalId: inv.hospitalId }) });
  const rows = unbilled.data ?? [];
  if (rows.length === 0) return null;
  return (
    <FormSection title="Other unbilled charges" description="Add them to this draft, or leave them for another invoice.">
      <Table verticalSpacing={6}>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{formatDate(c.serviceDate)}</Table.Td>
              <Table.Td>
                {c.quantity} × {c.description}
              </Table.Td>
              <Table.Td ta="right">{formatMoney(c.amount, c.currency)}</Table.Td>
              <Table.Td w={80}>
                <Button size="compact-xs" variant="light" leftSection={<IconPlus size={12} />} disabled={busy} onClick={() => onAdd(c.id)} aria-label={`Add ${c.description} to the draft`}>
                  Add
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </FormSection>
  );
}

function Figures({ title, currency, rows, note }: { title: string; currency: string; rows: ([string, number] | [string, number, boolean])[]; note?: string }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label="Figures">
      <Stack gap="sm">
        <Title order={4} fw={600}>
          {title}
        </Title>
        <Table verticalSpacing={4} withRowBorders={false}>
          <Table.Tbody>
            {rows.map(([label, amount, strong]) => (
              <Table.Tr key={label} aria-label={`${label}: ${formatMoney(amount, currency)}`}>
                <Table.Td>
                  <Text size="sm" fw={strong ? 700 : undefined}>
                    {label}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={strong ? 700 : undefined}>
                    {formatMoney(amount, currency)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

// ---- issued, paid, void ----

function IssuedInvoice({ invoice: inv, canBill }: { invoice: Invoice; canBill: boolean }) {
  const hospital = useHospital(inv.hospitalId);
  const [preview, setPreview] = useState<{ file: PdfFile; title: string } | null>(null);
  const [voiding, setVoiding] = useState(false);
  const pdf = useMutation({
    mutationFn: async (action: 'print' | 'save') => ({ action, file: await api.invoices.pdf({ id: inv.id }) }),
    onSuccess: ({ action, file }) => (action === 'print' ? setPreview({ file, title: `Invoice ${inv.number ?? ''}` }) : savePdf(file)),
    onError: (e) => notifications.show({ color: 'red', title: 'The PDF could not be opened', message: e.message }),
  });
  const receipt = useMutation({
    mutationFn: (p: { id: number; receiptNumber: string }) => api.payments.receiptPdf({ paymentId: p.id }).then((file) => ({ file, title: `Receipt ${p.receiptNumber}` })),
    onSuccess: setPreview,
    onError: (e) => notifications.show({ color: 'red', title: 'The receipt could not be opened', message: e.message }),
  });
  const payable = canBill && (inv.status === 'issued' || inv.status === 'partially_paid');

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
            <Paper withBorder p="lg" component="section" aria-label="Lines">
              <Stack gap="sm">
                <Title order={4} fw={600}>
                  Lines
                </Title>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Description</Table.Th>
                      <Table.Th ta="right">Qty</Table.Th>
                      <Table.Th ta="right">Unit price</Table.Th>
                      <Table.Th ta="right">Tax</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {inv.lines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{l.description}</Table.Td>
                        <Table.Td ta="right">{l.quantity}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {formatMoney(l.unitPrice, inv.currency)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {ratePercent(l.taxRateBp)} · {formatMoney(l.tax, inv.currency)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {formatMoney(l.total, inv.currency)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            </Paper>
            <Payments invoice={inv} timeZone={hospital?.timeZone} onReceipt={(p) => receipt.mutate(p)} />
            {payable && <RecordPayment key={inv.version} invoice={inv} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Figures
            title="Figures"
            currency={inv.currency}
            rows={[
              ['Subtotal', inv.subtotal],
              ...inv.taxByRate.map((r): [string, number] => [`Tax ${ratePercent(r.rateBp)} on ${formatMoney(r.net, inv.currency)}`, r.tax]),
              ...(inv.discount ? [[`Discount (${inv.discountReason ?? ''})`, -inv.discount] as [string, number]] : []),
              ['Total', inv.total, true],
              ...(inv.insurancePercent ? [[`Insurance share, ${inv.insuranceProvider} (${inv.insurancePercent}%)`, inv.insuranceShare] as [string, number], ['Patient share', inv.total - inv.insuranceShare] as [string, number]] : []),
              ['Paid', inv.paid],
              ['Balance', inv.balance, true],
            ]}
            note={inv.issueDate ? `Issued ${formatDate(inv.issueDate)}${inv.pdfSha256 ? ` · PDF SHA-256 ${inv.pdfSha256.slice(0, 12)}…` : ''}` : undefined}
          />
        </Grid.Col>
      </Grid>
      <PdfPreviewModal file={preview?.file ?? null} title={preview?.title ?? ''} onClose={() => setPreview(null)} />
      <VoidModal invoice={inv} opened={voiding} onClose={() => setVoiding(false)} />
    </>
  );
}

function Payments({ invoice: inv, timeZone, onReceipt }: { invoice: Invoice; timeZone?: string; onReceipt: (p: { id: number; receiptNumber: string }) => void }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label="Payments">
      <Stack gap="sm">
        <Title order={4} fw={600}>
          Payments
        </Title>
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
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {/* The receipt number opens the receipt's PDF. */}
                    <Button size="compact-xs" variant="subtle" px={4} ff="monospace" leftSection={<IconReceipt size={14} />} onClick={() => onReceipt(p)} aria-label={`Receipt ${p.receiptNumber}`}>
                      {p.receiptNumber}
                    </Button>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(p.paidAt, timeZone)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{PAYMENT_METHOD_LABELS[p.method]}</Table.Td>
                  <Table.Td>{p.reference ?? '—'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.cashierName}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(p.amount, inv.currency)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function RecordPayment({ invoice: inv }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (input: Input<'payments.record'>) => api.payments.record(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.invoice(saved.id), saved);
      refreshBilling(queryClient);
      const p = saved.payments[saved.payments.length - 1];
      notifications.show({
        color: 'teal',
        title: `Payment recorded: ${p?.receiptNumber ?? ''}`,
        message: saved.balance === 0 ? `${saved.number} is paid in full.` : `${formatMoney(saved.balance, saved.currency)} still to pay on ${saved.number}.`,
      });
    },
    onError: (e) => isApiError(e, 'VALIDATION') && setErrors(e.fields ?? {}),
  });
  const submit = () => {
    const read = readAmount(amount, inv.currency);
    const input = { invoiceId: inv.id, amount: read.minor, method, reference };
    const parsed = contract['payments.record'].input.safeParse(input);
    const fields: Record<string, string> = parsed.success ? {} : issuesToFields(parsed.error);
    if (read.error) fields.amount = read.error;
    setErrors(fields);
    // More than the balance is for main to refuse, in its own words.
    if (parsed.success && !read.error) record.mutate(parsed.data as Input<'payments.record'>);
  };
  return (
    <FormSection title="Record a payment" description={`Balance ${formatMoney(inv.balance, inv.currency)}. Part payments are fine.`}>
      <form
        noValidate
        aria-label="Record a payment"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <MoneyInput
              label="Amount"
              currency={inv.currency}
              value={amount}
              onChange={setAmount}
              error={errors.amount}
              rightSection={
                <Button size="compact-xs" variant="subtle" mr={4} onClick={() => setAmount(moneyDecimal(inv.balance, inv.currency))}>
                  Balance
                </Button>
              }
            />
            <Select label="Method" data={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))} value={method} onChange={(v) => v && setMethod(v as PaymentMethod)} allowDeselect={false} />
            <TextInput label="Reference" placeholder="Transaction or cheque number" value={reference} onChange={(e) => setReference(e.currentTarget.value)} maxLength={80} error={errors.reference} />
          </Group>
          <FormAlert message={record.error && !isApiError(record.error, 'VALIDATION') ? record.error.message : null} title="Payment not recorded" />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconCash size={18} />} loading={record.isPending}>
              Record payment
            </Button>
          </Group>
        </Stack>
      </form>
    </FormSection>
  );
}

function VoidModal({ invoice: inv, opened, onClose }: { invoice: Invoice; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const voidIt = useMutation({
    mutationFn: () => api.invoices.void({ id: inv.id, reason }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.invoice(saved.id), saved);
      refreshBilling(queryClient);
      notifications.show({ color: 'gray', title: `${saved.number} is void`, message: 'Its charges can be billed again on a corrected invoice.' });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Void {inv.number}</Text>}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = contract['invoices.void'].input.safeParse({ id: inv.id, reason });
          setError(parsed.success ? undefined : reason.trim() ? issuesToFields(parsed.error).reason : 'Required.');
          if (parsed.success) voidIt.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">The number stays used and the printed invoice says VOID. This cannot be undone.</Text>
          <Textarea label="Reason" placeholder="e.g. Wrong patient" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={300} error={error} data-autofocus autosize minRows={2} />
          <FormAlert message={voidIt.error?.message} title="Not voided" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={voidIt.isPending}>
              Void invoice
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
