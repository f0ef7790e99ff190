// Taking a payment on an issued invoice: amount (the balance at one click), method and reference; a receipt is numbered.
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCash } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { Invoice } from '@shared/contract/billing';
import { invoiceShares, PAYMENT_METHOD_LABELS, PAYMENT_METHODS, type PaymentMethod } from '@shared/domain/billing';
import { api } from '../../api/client';
import { channelKey } from '../../api/queries';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { formatMoney, moneyDecimal } from '../../components/format';
import { MoneyInput, readAmount } from '../../components/MoneyInput';

export function RecordPayment({ invoice: inv }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const form = useForm({ amount: '', method: 'cash' as PaymentMethod, reference: '' });
  // One key per payment: a second click or a retry after a lost answer sends the same key, and main records it once.
  // A new key only once this payment is recorded.
  const paymentKey = useRef(crypto.randomUUID());
  const record = useMutation({
    mutationFn: (input: Input<'payments.record'>) => api.payments.record(input),
    onSuccess: (saved) => {
      paymentKey.current = crypto.randomUUID();
      queryClient.setQueryData(channelKey('invoices.get', { id: saved.id }), saved);
      const p = saved.payments[saved.payments.length - 1];
      notifications.show({
        color: 'teal',
        title: `Payment recorded: ${p?.receiptNumber ?? ''}`,
        message: saved.balance === 0 ? `${saved.number} is paid in full.` : `${formatMoney(saved.balance, saved.currency)} still to pay on ${saved.number}.`,
      });
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const read = readAmount(form.values.amount, inv.currency);
    const input = { invoiceId: inv.id, amount: read.minor, method: form.values.method, reference: form.values.reference, idempotencyKey: paymentKey.current };
    // More than the balance is for main to refuse, in its own words.
    const parsed = form.check(contract['payments.record'].input, input, read.error ? { amount: read.error } : {});
    if (parsed) record.mutate(parsed);
  };
  const { patient, insurer } = invoiceShares(inv);
  // Quick fills: the open balance, and with insurance the part of the payer at the desk as well: the insurer's for a
  // payment by Insurance, the patient's for any other (the whole balance is mostly the insurer's; a patient who pays
  // all of it, the claim refused, takes Balance).
  const fills = [
    ...(inv.insuranceShare ? [form.values.method === 'insurance' ? { label: 'Insurer’s part', minor: insurer.due } : { label: 'Patient’s part', minor: patient.due }] : []),
    { label: 'Balance', minor: inv.balance },
  ];
  const owed = inv.insuranceShare
    ? `The patient owes ${formatMoney(patient.due, inv.currency)}; ${inv.insuranceProvider ?? 'the insurer'} owes ${formatMoney(insurer.due, inv.currency)} (its payments with the method Insurance).`
    : `Balance ${formatMoney(inv.balance, inv.currency)}.`;
  return (
    <FormSection title="Record a payment" description={`${owed} Part payments are fine.`}>
      <form {...form.formProps(submit)} aria-label="Record a payment">
        <Stack gap="sm">
          <Group align="flex-start" grow>
            <Stack gap={4}>
              <MoneyInput label="Amount" currency={inv.currency} value={form.values.amount} onChange={(a) => form.set('amount', a)} error={form.errors.amount} />
              {/* Under the field, not inside it: two buttons inside would cover the amount typed. */}
              <Group gap={4} wrap="wrap" aria-label="Quick fills">
                {fills.map((f) => (
                  <Button
                    key={f.label}
                    size="compact-xs"
                    variant="light"
                    aria-label={`${f.label}: fill in ${formatMoney(f.minor, inv.currency)}`}
                    onClick={() => form.set('amount', moneyDecimal(f.minor, inv.currency))}
                  >
                    {f.label} {formatMoney(f.minor, inv.currency)}
                  </Button>
                ))}
              </Group>
            </Stack>
            <Select
              label="Method"
              data={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
              value={form.values.method}
              onChange={(m) => m && form.set('method', m as PaymentMethod)}
              allowDeselect={false}
            />
            <TextInput label="Reference" placeholder="Transaction or cheque number" maxLength={80} {...form.text('reference')} />
          </Group>
          <FormAlert message={form.formError} title="Payment not recorded" />
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
