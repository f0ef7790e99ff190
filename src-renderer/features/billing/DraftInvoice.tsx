// Editing a draft invoice: quantities, lines, the discount with its reason, the insurance share, more unbilled charges;
// then issuing it (which numbers it for good, after the desk confirms the total) or deleting it (its charges are
// unbilled again).
import { useEffect, useState } from 'react';
import { ActionIcon, Button, Grid, Group, Modal, NumberInput, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconDeviceFloppy, IconFileCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { Invoice } from '@shared/contract/billing';
import { invoiceAmounts, lineAmounts } from '@shared/domain/billing';
import { api, isApiError } from '../../api/client';
import { channelKey, pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { issuesToFields } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { counted, formatDate, formatMoney, moneyDecimal } from '../../components/format';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { amountRows, Figures, InvoiceHeader, InvoiceLines } from './InvoiceParts';
import { LoadMore } from '../../components/DataTable';

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

/** The change of a draft that only adds, removes or re-applies something (no quantities, no discount). */
const only = (inv: Invoice, change: Partial<Input<'invoices.updateDraft'>>): Input<'invoices.updateDraft'> => ({ id: inv.id, version: inv.version, quantities: [], removeLineIds: [], addChargeIds: [], ...change });

export function DraftInvoice({ invoice: inv }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<DraftEdits>(() => editsOf(inv));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [confirmIssue, setConfirmIssue] = useState(false);
  // A saved draft (here or at another desk) is shown as it now is.
  useEffect(() => setEdits(editsOf(inv)), [inv.version]);

  const show = (saved: Invoice) => queryClient.setQueryData(channelKey('invoices.get', { id: saved.id }), saved);
  const failed = (e: Error) => {
    const current = isApiError(e, 'CONFLICT') ? (e.details as { current?: Invoice } | undefined)?.current : undefined;
    if (current) show(current);
    if (isApiError(e, 'VALIDATION')) setErrors(e.fields ?? {});
    setFailure(e.message);
  };

  const discountRead = edits.discount.trim() ? readAmount(edits.discount, inv.currency) : { minor: 0 };
  const quantity = (lineId: number) => Number(edits.quantities[lineId] ?? 0);
  /** The quantity as the figures count it while the field holds something that is not one. */
  const countable = (lineId: number) => Math.max(1, Math.trunc(quantity(lineId)) || 1);
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
      notifications.show({ color: 'gray', message: 'The draft was deleted; its charges are unbilled again.' });
      navigate(`/billing/patient/${inv.patientId}`);
    },
    onError: failed,
  });
  const busy = update.isPending || issue.isPending || remove.isPending;

  // What the draft will add up to with the edits, by the same exact arithmetic as main.
  const preview = invoiceAmounts(
    inv.lines.map((l) => ({ quantity: countable(l.id), unitPrice: l.unitPrice, taxRateBp: l.taxRateBp })),
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
            <Button
              leftSection={<IconFileCheck size={18} />}
              loading={issue.isPending}
              disabled={busy && !issue.isPending}
              onClick={() => {
                // Edits that would not save are shown now, not after the desk has confirmed.
                if (!dirty || pending()) setConfirmIssue(true);
              }}
            >
              Issue invoice
            </Button>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <InvoiceLines
              invoice={inv}
              editing={{
                quantity: (l) => (
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
                ),
                amounts: (l) => lineAmounts(countable(l.id), l.unitPrice, l.taxRateBp),
                remove: (l) => (
                  <Tooltip label={inv.lines.length === 1 ? 'The last line: delete the draft instead' : 'Remove the line (its charge is unbilled again)'}>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove ${l.description}`} disabled={inv.lines.length === 1 || busy} onClick={() => update.mutate(only(inv, { removeLineIds: [l.id] }))}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                ),
              }}
            />
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
            <InsuranceSection invoice={inv} busy={busy} onApply={(applyInsurance) => update.mutate(only(inv, { applyInsurance }))} />
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
            <MoreCharges invoice={inv} busy={busy} onAdd={(chargeId) => update.mutate(only(inv, { addChargeIds: [chargeId] }))} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Figures
            title={dirty ? 'Figures with your changes' : 'Figures'}
            currency={inv.currency}
            rows={amountRows(preview, inv.currency, { discountReason: edits.reason.trim(), insurance: inv.insurancePercent ? `Insurance share (${inv.insurancePercent}%)` : null })}
            note={dirty ? 'Not saved yet: “Save draft” or “Issue invoice” saves it.' : undefined}
          />
        </Grid.Col>
      </Grid>
      <Modal opened={confirmIssue} onClose={() => setConfirmIssue(false)} title={<Text fw={600}>Issue this invoice?</Text>}>
        <Stack gap="md">
          <Text size="sm">
            {inv.patientName}: total{' '}
            <Text span fw={700} data-testid="issue-total">
              {formatMoney(preview.total, inv.currency)}
            </Text>
            {preview.insuranceShare ? `, of which the insurer pays ${formatMoney(preview.insuranceShare, inv.currency)} and the patient ${formatMoney(preview.patientShare, inv.currency)}` : ''}.
          </Text>
          <Text size="sm">
            Issuing gives the invoice the next number of the hospital for good{dirty ? ', with your changes saved' : ''}. After that it cannot be edited or deleted: a mistake can only be corrected by voiding it, and its number stays used.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmIssue(false)} data-autofocus>
              Keep editing
            </Button>
            <Button
              leftSection={<IconFileCheck size={18} />}
              onClick={() => {
                setConfirmIssue(false);
                issue.mutate();
              }}
            >
              Issue invoice
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={confirmDelete} onClose={() => setConfirmDelete(false)} title={<Text fw={600}>Delete this draft?</Text>}>
        <Stack gap="md">
          <Text size="sm">The draft is removed and {inv.lines.length === 1 ? 'its charge is' : `its ${counted(inv.lines.length, 'charge')} are`} unbilled again; nothing is numbered.</Text>
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
  const unbilled = useChannelInfiniteQuery('charges.unbilled', { patientId: inv.patientId, hospitalId: inv.hospitalId, limit: 50 });
  const rows = pageItems(unbilled.data);
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
      <LoadMore list={unbilled} label="More charges" />
    </FormSection>
  );
}
