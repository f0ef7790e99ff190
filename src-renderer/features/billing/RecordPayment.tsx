// Taking a payment on an issued invoice: amount (the balance at one click), method and reference; a receipt is numbered.
import { useState } from 'react';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCash } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { Invoice } from '@shared/contract/billing';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS, type PaymentMethod } from '@shared/domain/billing';
import { api, isApiError } from '../../api/client';
import { channelKey } from '../../api/queries';
import { issuesToFields } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { formatMoney, moneyDecimal } from '../../components/format';
import { MoneyInput, readAmount } from '../../components/MoneyInput';

export function RecordPayment({ invoice: inv }: { invoice: Invoice }) {
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (input: Input<'payments.record'>) => api.payments.record(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(channelKey('invoices.get', { id: saved.id }), saved);
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
