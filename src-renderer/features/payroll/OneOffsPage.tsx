// One-off deductions of a month (an advance, a loan instalment): HR adds them per staff member before the run is
// computed (or recomputes the draft after).
import { useMemo, useState } from 'react';
import { ActionIcon, Button, EmptyState, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconMinus, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { OneOffDeduction } from '@shared/contract/payroll';
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
    { key: 'label', header: 'Deduction', render: (o) => o.label, csv: (o) => o.label },
    { key: 'amount', header: 'Amount', render: (o) => formatMoney(o.amount, currency), csv: (o) => moneyDecimal(o.amount, currency), nowrap: true, width: 180 },
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
      <PageHeader title="Payroll" description={`One-off deductions of ${hospital.name} for a month: an advance, a loan instalment. They go on that month's slip.`} />
      <PayrollTabs active="one-offs" keeps />
      <DataTable
        rows={list.data ?? []}
        columns={columns}
        rowKey={(o) => o.id}
        rowLabel={(o) => `${names.get(o.staffId) ?? ''} ${o.label} ${formatMoney(o.amount, currency)}`}
        filters={<Select label="Month" data={monthChoices(today, 24, 2)} value={month} onChange={(m) => m && setMonth(m)} allowDeselect={false} w={200} searchable />}
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
            Add deduction
          </Button>
        }
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        csvName={`one-off-deductions-${month}`}
        countLabel={(n) => `${n} ${n === 1 ? 'deduction' : 'deductions'}`}
        empty={<EmptyState icon={<IconMinus size={28} />} title={`No one-off deductions in ${monthLabel(month)}`} description="Add one for a staff member: it goes on that month's slip." />}
      />
      {adding && <AddOneOffModal hospitalId={hospital.id} currency={currency} month={month} onClose={() => setAdding(false)} />}
    </>
  );
}

function AddOneOffModal({ hospitalId, currency, month, onClose }: { hospitalId: number; currency: string; month: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const staff = useChannelInfiniteQuery('staff.list', { hospitalId, query: debounced, view: 'current', limit: 50 }, { keepPrevious: true });
  const form = useForm({ staffId: '', label: '', amount: '' });
  const add = useMutation({
    mutationFn: (input: Parameters<typeof api.payroll.addOneOff>[0]) => api.payroll.addOneOff(input),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: 'Deduction added', message: `For ${monthLabel(month)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const amount = readAmount(form.values.amount, currency);
    const input = form.check(
      contract['payroll.addOneOff'].input,
      { staffId: form.values.staffId ? Number(form.values.staffId) : undefined, month, label: form.values.label.trim(), amount: amount.minor ?? 0 },
      amount.error ? { amount: amount.error } : {},
    );
    if (input) add.mutate(input);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>One-off deduction for {monthLabel(month)}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not added" label="One-off deduction" onCancel={onClose} submitLabel="Add deduction" loading={add.isPending}>
        <Stack gap="sm">
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
            <TextInput label="Deduction" placeholder="Salary advance" maxLength={60} {...form.text('label')} />
            <MoneyInput label="Amount" currency={currency} value={form.values.amount} onChange={(a) => form.set('amount', a)} error={form.errors.amount} />
          </Group>
        </Stack>
      </ModalForm>
    </Modal>
  );
}
