// One-off lines of a month: deductions (an advance, a loan instalment) and earning adjustments that pay something
// back. HR adds them per staff member before the run is computed (or recomputes the draft after); a correction of a
// finalized month is such a line in a later month naming the month it corrects (a finalized slip never changes).
import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, EmptyState, Group, Input, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { OneOffDeduction, OneOffKind } from '@shared/contract/payroll';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { useForm } from '../../components/form';
import { formatMoney, moneyDecimal, personName, todayIn } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { monthChoices, monthLabel, PayrollTabs } from './payroll-ui';

export function OneOffsPage() {
  const { hospital } = useSession();
  const today = todayIn(hospital?.timeZone);
  const [month, setMonth] = useState(today.slice(0, 7));
  const [adding, setAdding] = useState(false);
  const list = useChannelQuery('payroll.oneOffs', { hospitalId: hospital?.id ?? 0, month }, { enabled: !!hospital });
  const staff = useChannelInfiniteQuery('staff.list', { hospitalId: hospital?.id, query: '', view: 'all', limit: 200 }, { enabled: !!hospital });
  const names = useMemo(() => new Map(pageItems(staff.data).map((m) => [m.id, `${personName(m)} · ${m.employeeNumber}`])), [staff.data]);
  const remove = useMutation({
    mutationFn: (id: number) => api.payroll.removeOneOff({ id }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not removed', message: e.message }),
  });
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const currency = hospital.currency;
  const columns: Column<OneOffDeduction>[] = [
    { key: 'who', header: 'Staff member', render: (o) => names.get(o.staffId) ?? `#${o.staffId}`, csv: (o) => names.get(o.staffId) ?? o.staffId },
    { key: 'label', header: 'Line', render: (o) => o.label, csv: (o) => o.label },
    {
      key: 'kind',
      header: 'Kind',
      render: (o) => (
        <Badge variant="light" color={o.kind === 'earning' ? 'teal' : 'gray'}>
          {KIND_LABELS[o.kind]}
        </Badge>
      ),
      csv: (o) => KIND_LABELS[o.kind],
      width: 140,
    },
    { key: 'corrects', header: 'Corrects', render: (o) => (o.correctsMonth ? monthLabel(o.correctsMonth) : '—'), csv: (o) => o.correctsMonth ?? '', nowrap: true, width: 160 },
    {
      key: 'amount',
      header: 'Amount',
      render: (o) => (o.kind === 'earning' ? `+${formatMoney(o.amount, currency)}` : formatMoney(o.amount, currency)),
      csv: (o) => moneyDecimal(o.amount, currency),
      nowrap: true,
      width: 180,
    },
    {
      key: 'remove',
      header: '',
      render: (o) => (
        <ActionIcon variant="subtle" color="red" aria-label={`Remove ${o.label}`} loading={remove.isPending && remove.variables === o.id} onClick={() => remove.mutate(o.id)}>
          <IconTrash size={16} />
        </ActionIcon>
      ),
      csv: false,
      width: 60,
    },
  ];
  return (
    <>
      <PageHeader title="Payroll" description={`One-off lines of ${hospital.name} for a month: deductions (an advance, a loan instalment) and adjustments that pay something back, such as a correction of a finalized month. They go on that month's slip.`} />
      <PayrollTabs active="one-offs" />
      <DataTable
        rows={list.data ?? []}
        columns={columns}
        rowKey={(o) => o.id}
        rowLabel={(o) =>
          `${names.get(o.staffId) ?? ''} ${o.label} ${o.kind === 'earning' ? '+' : ''}${formatMoney(o.amount, currency)}${o.kind === 'earning' ? ' adjustment' : ''}${o.correctsMonth ? ` corrects ${monthLabel(o.correctsMonth)}` : ''}`
        }
        filters={<Select label="Month" data={monthChoices(today, 24, 2)} value={month} onChange={(m) => m && setMonth(m)} allowDeselect={false} w={200} searchable />}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            Add deduction or adjustment
          </Button>
        }
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        csvName={`one-offs-${month}`}
        countLabel={(n) => `${n} ${n === 1 ? 'line' : 'lines'}`}
        empty={<EmptyState icon={<IconMinus size={28} />} title={`No one-off lines in ${monthLabel(month)}`} description="Add a deduction or an adjustment for a staff member: it goes on that month's slip." />}
      />
      {adding && <AddOneOffModal hospitalId={hospital.id} currency={currency} month={month} onClose={() => setAdding(false)} />}
    </>
  );
}

const KIND_LABELS: Record<OneOffKind, string> = { deduction: 'Deduction', earning: 'Adjustment (pay)' };

function AddOneOffModal({ hospitalId, currency, month, onClose }: { hospitalId: number; currency: string; month: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const staff = useChannelInfiniteQuery('staff.list', { hospitalId, query: debounced, view: 'current', limit: 50 }, { keepPrevious: true });
  const form = useForm({ staffId: '', label: '', amount: '', kind: 'deduction' as OneOffKind, correctsMonth: '' });
  // A correction names a finalized month before this one.
  const runs = useChannelQuery('payroll.runs', { hospitalId });
  const finalized = (runs.data ?? []).filter((r) => r.status === 'finalized' && r.month < month).map((r) => ({ value: r.month, label: monthLabel(r.month) }));
  const add = useMutation({
    mutationFn: (input: Parameters<typeof api.payroll.addOneOff>[0]) => api.payroll.addOneOff(input),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: form.values.kind === 'earning' ? 'Adjustment added' : 'Deduction added', message: `For ${monthLabel(month)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const amount = readAmount(form.values.amount, currency);
    const input = form.check(
      contract['payroll.addOneOff'].input,
      {
        staffId: form.values.staffId ? Number(form.values.staffId) : undefined,
        month,
        label: form.values.label.trim(),
        kind: form.values.kind,
        amount: amount.minor ?? 0,
        correctsMonth: form.values.correctsMonth || null,
      },
      amount.error ? { amount: amount.error } : {},
    );
    if (input) add.mutate(input);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{form.values.kind === 'earning' ? 'Adjustment' : 'One-off deduction'} for {monthLabel(month)}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not added" label="One-off line" onCancel={onClose} submitLabel={form.values.kind === 'earning' ? 'Add adjustment' : 'Add deduction'} loading={add.isPending}>
        <Stack gap="sm">
          <Input.Wrapper label="Kind" description="A deduction is taken from pay; an adjustment pays something back (taxed as earnings).">
            <SegmentedControl
              fullWidth
              aria-label="Kind"
              data={(Object.keys(KIND_LABELS) as OneOffKind[]).map((k) => ({ value: k, label: KIND_LABELS[k] }))}
              value={form.values.kind}
              onChange={(v) => form.set('kind', v as OneOffKind)}
            />
          </Input.Wrapper>
          <Select
            label="Staff member"
            searchable
            searchValue={query}
            onSearchChange={setQuery}
            filter={({ options }) => options}
            data={pageItems(staff.data).map((m) => ({ value: String(m.id), label: `${personName(m)} · ${m.employeeNumber}` }))}
            value={form.values.staffId || null}
            onChange={(v) => form.set('staffId', v ?? '')}
            error={form.errors.staffId}
            nothingFoundMessage="No staff member matches"
          />
          <Group grow align="flex-start">
            <TextInput label={form.values.kind === 'earning' ? 'Adjustment' : 'Deduction'} placeholder={form.values.kind === 'earning' ? 'Night hours missed' : 'Salary advance'} maxLength={60} {...form.text('label')} />
            <MoneyInput label="Amount" currency={currency} value={form.values.amount} onChange={(a) => form.set('amount', a)} error={form.errors.amount} />
          </Group>
          <Select
            label="Corrects month"
            description="The finalized month this line corrects, if it is a correction. That month's slips stay as they are."
            placeholder="None"
            clearable
            data={finalized}
            value={form.values.correctsMonth || null}
            onChange={(v) => form.set('correctsMonth', v ?? '')}
            error={form.errors.correctsMonth}
            nothingFoundMessage="No finalized month before this one"
          />
        </Stack>
      </ModalForm>
    </Modal>
  );
}
