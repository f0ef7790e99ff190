// A staff member's pay on their record (HR): the structure in force, its history, the bank account (masked), and a new
// structure from a date (a raise from the 15th splits that month by days).
import { useState } from 'react';
import { ActionIcon, Button, Group, Modal, NumberInput, SegmentedControl, Input, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCash, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Differential, PayStructure, StaffPay } from '@shared/contract/payroll';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { Detail } from '../../components/Detail';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { formatDate, formatMoney, moneyDecimal, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { Panel } from '../../components/Panel';
import { bpToPercentText, percentToBp } from './payroll-ui';

const DIFF_KINDS = ['night', 'weekend', 'holiday', 'overtime'] as const;
const DIFF_LABELS: Record<(typeof DIFF_KINDS)[number], string> = { night: 'Night hours', weekend: 'Weekend hours', holiday: 'Public holiday hours', overtime: 'Overtime' };

export function differentialText(d: Differential, currency: string): string {
  if (d.kind === 'percent') return `+${bpToPercentText(d.rateBp)} %`;
  if (d.kind === 'amount') return `+${formatMoney(d.perHour, currency)} / h`;
  return 'none';
}

function payText(s: PayStructure): string {
  return s.basis === 'salaried' ? `${formatMoney(s.monthlyBase, s.currency)} a month` : `${formatMoney(s.hourlyRate, s.currency)} an hour`;
}

export function PaySection({ staffId, hospitalId, editable }: { staffId: number; hospitalId: number; editable: boolean }) {
  const pay = useChannelQuery('payroll.getStructure', { staffId });
  const [editing, setEditing] = useState(false);
  const p = pay.data;
  return (
    <Panel
      title="Pay"
      actions={
        editable && (
          <Button size="xs" leftSection={<IconCash size={16} />} onClick={() => setEditing(true)} disabled={!p}>
            Set pay from a date
          </Button>
        )
      }
    >
      <FormAlert message={pay.error?.message} title="The pay could not be loaded" />
      {p && (
        <>
          {p.current ? (
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
              <Detail label="Pay">{payText(p.current)}</Detail>
              <Detail label="Employment">{`${p.current.employmentPercent} %`}</Detail>
              <Detail label="Allowances">{p.current.allowances.map((a) => `${a.name} ${formatMoney(a.monthly, p.currency)}`).join(', ')}</Detail>
              <Detail label="Bank account">{p.bankAccountMasked ? `${p.bankName ?? ''} ${p.bankAccountMasked}`.trim() : null}</Detail>
              {DIFF_KINDS.map((k) => (
                <Detail key={k} label={DIFF_LABELS[k]}>
                  {differentialText(p.current![k], p.currency)}
                </Detail>
              ))}
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              No pay structure yet: this person is left out of payroll runs until one is set.
            </Text>
          )}
          {p.history.length > 0 && (
            <Table verticalSpacing={6} aria-label="Pay history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>From</Table.Th>
                  <Table.Th>Pay</Table.Th>
                  <Table.Th>Employment</Table.Th>
                  <Table.Th>Allowances</Table.Th>
                  <Table.Th>Set by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.history.map((s) => (
                  <Table.Tr key={s.id} aria-label={`From ${formatDate(s.validFrom)} ${payText(s)}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(s.validFrom)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{payText(s)}</Table.Td>
                    <Table.Td>{s.employmentPercent} %</Table.Td>
                    <Table.Td>{s.allowances.length ? formatMoney(s.allowances.reduce((t, a) => t + a.monthly, 0), s.currency) : '—'}</Table.Td>
                    <Table.Td>{s.createdByName ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {editing && <StructureModal pay={p} hospitalId={hospitalId} onClose={() => setEditing(false)} />}
        </>
      )}
    </Panel>
  );
}

interface DiffValues {
  kind: Differential['kind'];
  value: string;
}
interface Values {
  validFrom: string;
  basis: 'salaried' | 'hourly';
  amount: string;
  employmentPercent: number | string;
  allowances: { name: string; monthly: string }[];
  night: DiffValues;
  weekend: DiffValues;
  holiday: DiffValues;
  overtime: DiffValues;
  bankName: string;
  bankAccount: string;
}

const diffValues = (d: Differential | undefined, currency: string): DiffValues =>
  !d || d.kind === 'none' ? { kind: 'none', value: '' } : d.kind === 'percent' ? { kind: 'percent', value: bpToPercentText(d.rateBp) } : { kind: 'amount', value: moneyDecimal(d.perHour, currency) };

function StructureModal({ pay, hospitalId, onClose }: { pay: StaffPay; hospitalId: number; onClose: () => void }) {
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const cur = pay.current;
  const currency = pay.currency;
  const form = useForm<Values>(() => ({
    validFrom: todayIn(hospital?.timeZone),
    basis: cur?.basis ?? 'salaried',
    amount: cur ? moneyDecimal((cur.basis === 'salaried' ? cur.monthlyBase : cur.hourlyRate) ?? 0, currency) : '',
    employmentPercent: cur?.employmentPercent ?? 100,
    allowances: cur?.allowances.map((a) => ({ name: a.name, monthly: moneyDecimal(a.monthly, currency) })) ?? [],
    night: diffValues(cur?.night, currency),
    weekend: diffValues(cur?.weekend, currency),
    holiday: diffValues(cur?.holiday, currency),
    overtime: diffValues(cur?.overtime, currency),
    bankName: pay.bankName ?? '',
    bankAccount: '',
  }));
  const save = useMutation({
    mutationFn: (input: Parameters<typeof api.payroll.setStructure>[0]) => api.payroll.setStructure(input),
    onSuccess: (p) => {
      notifications.show({ color: 'teal', title: 'Pay saved', message: `${p.staffName}: from ${formatDate(form.values.validFrom)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const v = form.values;
  const submit = () => {
    const extra: Record<string, string> = {};
    const amount = readAmount(v.amount, currency);
    if (amount.error) extra.amount = amount.error;
    const allowances = v.allowances.map((a, i) => {
      const r = readAmount(a.monthly, currency);
      if (r.error) extra[`allowances.${i}.monthly`] = r.error;
      return { name: a.name.trim(), monthly: r.minor ?? 0 };
    });
    const diff = (k: (typeof DIFF_KINDS)[number]): Differential => {
      const d = v[k];
      if (d.kind === 'percent') {
        const bp = percentToBp(d.value, 100_000);
        if (bp === null) extra[k] = 'Type a percent, e.g. 25.';
        return { kind: 'percent', rateBp: bp ?? 0 };
      }
      if (d.kind === 'amount') {
        const r = readAmount(d.value, currency);
        if (r.error) extra[k] = r.error;
        return { kind: 'amount', perHour: r.minor ?? 0 };
      }
      return { kind: 'none' };
    };
    const input = form.check(
      contract['payroll.setStructure'].input,
      {
        staffId: pay.staffId,
        validFrom: v.validFrom,
        basis: v.basis,
        monthlyBase: v.basis === 'salaried' ? (amount.minor ?? 0) : null,
        hourlyRate: v.basis === 'hourly' ? (amount.minor ?? 0) : null,
        employmentPercent: v.employmentPercent === '' ? undefined : Number(v.employmentPercent),
        allowances,
        night: diff('night'),
        weekend: diff('weekend'),
        holiday: diff('holiday'),
        overtime: diff('overtime'),
        bankName: v.bankName.trim() || undefined,
        bankAccount: v.bankAccount.trim() || undefined,
      },
      extra,
    );
    if (input) save.mutate(input);
  };
  const setDiff = (k: (typeof DIFF_KINDS)[number], d: Partial<DiffValues>) => form.set(k, { ...v[k], ...d });

  return (
    <Modal opened onClose={onClose} size="xl" title={<Text fw={600}>Pay of {pay.staffName}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Pay not saved" label="Pay structure" onCancel={onClose} submitLabel="Save pay" loading={save.isPending} gap="md">
        <Group align="flex-start" grow>
          <DateField label="In force from" value={v.validFrom} onChange={(d) => form.set('validFrom', d)} order={order} required error={form.errors.validFrom} />
          <Input.Wrapper label="Basis">
            <SegmentedControl
              fullWidth
              mt={4}
              aria-label="Basis"
              data={[
                { value: 'salaried', label: 'Salaried' },
                { value: 'hourly', label: 'Hourly' },
              ]}
              value={v.basis}
              onChange={(b) => form.set('basis', b as Values['basis'])}
            />
          </Input.Wrapper>
        </Group>
        <Group align="flex-start" grow>
          <MoneyInput
            label={v.basis === 'salaried' ? 'Monthly base pay' : 'Hourly rate'}
            description={v.basis === 'salaried' ? 'At 100 % employment.' : 'Every hour worked is paid.'}
            currency={currency}
            value={v.amount}
            onChange={(a) => form.set('amount', a)}
            error={form.errors.amount ?? form.errors.monthlyBase ?? form.errors.hourlyRate}
          />
          <NumberInput label="Employment (%)" description="Of full time." min={1} max={100} allowDecimal={false} value={v.employmentPercent} onChange={(n) => form.set('employmentPercent', n)} error={form.errors.employmentPercent} />
        </Group>
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Allowances (monthly)
            </Text>
            <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => form.set('allowances', [...v.allowances, { name: '', monthly: '' }])} disabled={v.allowances.length >= 10}>
              Add allowance
            </Button>
          </Group>
          {v.allowances.map((a, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput
                label="Allowance"
                placeholder="Housing"
                value={a.name}
                onChange={(e) => form.set('allowances', v.allowances.map((x, j) => (j === i ? { ...x, name: e.currentTarget.value } : x)))}
                error={form.errors[`allowances.${i}.name`]}
                style={{ flex: 1 }}
              />
              <MoneyInput
                label="Monthly"
                currency={currency}
                value={a.monthly}
                onChange={(m) => form.set('allowances', v.allowances.map((x, j) => (j === i ? { ...x, monthly: m } : x)))}
                error={form.errors[`allowances.${i}.monthly`]}
                w={200}
              />
              <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove allowance ${i + 1}`} onClick={() => form.set('allowances', v.allowances.filter((_, j) => j !== i))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            Differentials (on top of the hourly rate)
          </Text>
          <SimpleGrid cols={2} spacing="sm">
            {DIFF_KINDS.map((k) => (
              <Group key={k} align="flex-start" wrap="nowrap" gap="xs">
                <Select
                  label={DIFF_LABELS[k]}
                  data={[
                    { value: 'none', label: 'None' },
                    { value: 'percent', label: '% of hourly rate' },
                    { value: 'amount', label: 'Amount per hour' },
                  ]}
                  value={v[k].kind}
                  onChange={(x) => setDiff(k, { kind: (x ?? 'none') as Differential['kind'] })}
                  allowDeselect={false}
                  w={170}
                />
                {v[k].kind === 'amount' ? (
                  <MoneyInput label={`${DIFF_LABELS[k]} per hour`} currency={currency} value={v[k].value} onChange={(x) => setDiff(k, { value: x })} error={form.errors[k]} />
                ) : (
                  // A differential of none keeps its (empty) field, so the four line up.
                  <TextInput
                    label={v[k].kind === 'percent' ? `${DIFF_LABELS[k]} (%)` : `${DIFF_LABELS[k]} rate`}
                    value={v[k].kind === 'percent' ? v[k].value : ''}
                    placeholder={v[k].kind === 'percent' ? '25' : '—'}
                    disabled={v[k].kind === 'none'}
                    onChange={(e) => setDiff(k, { value: e.currentTarget.value })}
                    error={form.errors[k]}
                    style={{ flex: 1 }}
                  />
                )}
              </Group>
            ))}
          </SimpleGrid>
        </Stack>
        <Group align="flex-start" grow>
          <TextInput label="Bank" placeholder="Stanbic Bank" maxLength={80} {...form.text('bankName')} />
          <TextInput
            label="Bank account"
            description={pay.bankAccountMasked ? `On file: ${pay.bankAccountMasked}. Leave empty to keep it.` : 'Shown masked once saved.'}
            maxLength={40}
            autoComplete="off"
            {...form.text('bankAccount')}
          />
        </Group>
      </ModalForm>
    </Modal>
  );
}
