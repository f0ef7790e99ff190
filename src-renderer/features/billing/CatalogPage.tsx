// The hospital's charge catalog: code, description, category, price, tax rate and whether it is still in use.
import { useState } from 'react';
import { Button, Group, Modal, Select, Switch, Text, TextInput } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { CatalogItem } from '@shared/contract/billing';
import { CHARGE_CATEGORIES, CHARGE_CATEGORY_LABELS, ratePercent, type ChargeCategory } from '@shared/domain/billing';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { useForm } from '../../components/form';
import { formatMoney, moneyDecimal } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { BillingTabs, bpToPercentText, percentToBp } from './billing-ui';

const PAGE = 100;

export function CatalogPage() {
  const { hospital, can } = useSession();
  // The catalog is kept by whoever may add to it (the administrator, by the contract and the hospital's role table).
  const canEdit = can('catalog.create', hospital?.id);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<CatalogItem | 'new' | null>(null);
  const list = useChannelInfiniteQuery('catalog.list', { hospitalId: hospital?.id ?? 0, query: debounced, includeInactive, limit: PAGE }, { enabled: !!hospital, keepPrevious: true });
  const toggle = useMutation({
    mutationFn: (i: CatalogItem) => api.catalog.update({ id: i.id, active: !i.active }),
    onSuccess: (i) => {
      notifications.show({ color: 'gray', message: `${i.code} is ${i.active ? 'in use again' : 'no longer in use: it is not offered for new charges'}.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: e.message }),
  });
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  const items = pageItems(list.data);

  const columns: Column<CatalogItem>[] = [
    { key: 'code', header: 'Code', render: (i) => <Text ff="monospace" size="sm">{i.code}</Text>, csv: (i) => i.code, nowrap: true, width: 130 },
    { key: 'description', header: 'Description', render: (i) => i.description, csv: (i) => i.description },
    { key: 'category', header: 'Category', render: (i) => CHARGE_CATEGORY_LABELS[i.category], csv: (i) => CHARGE_CATEGORY_LABELS[i.category], width: 130 },
    { key: 'price', header: 'Price', render: (i) => formatMoney(i.price, i.currency), csv: (i) => moneyDecimal(i.price, i.currency), nowrap: true, width: 130 },
    { key: 'tax', header: 'Tax', render: (i) => ratePercent(i.taxRateBp), csv: (i) => ratePercent(i.taxRateBp), nowrap: true, width: 80 },
    {
      key: 'active',
      header: 'In use',
      render: (i) => (
        // The switch acts on its own; the click does not also open the row's editor.
        <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          <Switch aria-label={`${i.code} in use`} checked={i.active} disabled={!canEdit || toggle.isPending} onChange={() => toggle.mutate(i)} />
        </div>
      ),
      csv: (i) => (i.active ? 'yes' : 'no'),
      width: 80,
    },
  ];

  return (
    <>
      <PageHeader title="Billing" description={`The charge catalog of ${hospital.name}: prices in ${hospital.currency}, tax per item (default ${ratePercent(hospital.defaultTaxRateBp)}).`} />
      <BillingTabs active="catalog" />
      <DataTable
        rows={items}
        columns={columns}
        rowKey={(i) => i.id}
        rowLabel={(i) => `${i.code} ${i.description}`}
        search={{ label: 'Search the catalog', placeholder: 'Code or description', value: query, onChange: setQuery }}
        filters={<Switch label="Show items no longer in use" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb={8} />}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              New item
            </Button>
          )
        }
        onOpen={canEdit ? (i) => setEditing(i) : undefined}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        csvName="charge-catalog"
        exportSource={hospital ? { channel: 'catalog.list', input: { hospitalId: hospital.id, query: debounced, includeInactive } } : undefined}
        countLabel={(n) => `${n} ${n === 1 ? 'item' : 'items'}`}
        empty={<EmptyState icon={<IconListDetails size={28} />} title={debounced ? 'No item matches' : 'The catalog is empty'} description={debounced ? 'Try another code or word.' : 'Add the charges this hospital bills: tests, medicines, treatments.'} />}
      />
      {editing && <CatalogItemModal key={editing === 'new' ? 'new' : editing.id} item={editing === 'new' ? null : editing} hospitalId={hospital.id} currency={hospital.currency} defaultTaxBp={hospital.defaultTaxRateBp} onClose={() => setEditing(null)} />}
    </>
  );
}

function CatalogItemModal({ item, hospitalId, currency, defaultTaxBp, onClose }: { item: CatalogItem | null; hospitalId: number; currency: string; defaultTaxBp: number; onClose: () => void }) {
  const form = useForm(
    {
      code: item?.code ?? '',
      description: item?.description ?? '',
      category: (item?.category ?? 'treatment') as ChargeCategory,
      price: item ? moneyDecimal(item.price, currency) : '',
      tax: bpToPercentText(item?.taxRateBp ?? defaultTaxBp),
      active: item?.active ?? true,
    },
    { aliases: { taxRateBp: 'tax' } },
  );
  const v = form.values;
  const save = useMutation({
    mutationFn: (input: Input<'catalog.update'> | Input<'catalog.create'>) => ('id' in input ? api.catalog.update(input) : api.catalog.create(input)),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: `${saved.code} ${saved.description}: ${formatMoney(saved.price, saved.currency)}, tax ${ratePercent(saved.taxRateBp)}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const amount = readAmount(v.price, currency);
    const bp = percentToBp(v.tax);
    const extra: Record<string, string> = {};
    if (amount.error) extra.price = amount.error;
    if (bp === null) extra.tax = 'A percentage from 0 to 100, e.g. 18 or 12.5.';
    const fields = { description: v.description, price: amount.minor, taxRateBp: bp ?? undefined };
    const parsed = item
      ? form.check(contract['catalog.update'].input, { id: item.id, ...fields, active: v.active }, extra)
      : form.check(contract['catalog.create'].input, { hospitalId, code: v.code, category: v.category, ...fields }, extra);
    if (parsed) save.mutate(parsed);
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{item ? `Edit ${item.code}` : 'New catalog item'}</Text>}>
      <ModalForm form={form} onSubmit={submit} failTitle="Not saved" onCancel={onClose} submitLabel={item ? 'Save' : 'Add to catalog'} loading={save.isPending}>
        <Group grow align="flex-start">
          <TextInput label="Code" {...form.text('code')} disabled={!!item} maxLength={20} required data-autofocus={!item || undefined} />
          <Select
            label="Category"
            data={CHARGE_CATEGORIES.map((c) => ({ value: c, label: CHARGE_CATEGORY_LABELS[c] }))}
            value={v.category}
            onChange={(c) => c && form.set('category', c as ChargeCategory)}
            disabled={!!item}
            allowDeselect={false}
          />
        </Group>
        <TextInput label="Description" {...form.text('description')} maxLength={200} required />
        <Group grow align="flex-start">
          <MoneyInput label="Price" currency={currency} value={v.price} onChange={(p) => form.set('price', p)} error={form.errors.price} />
          <TextInput label="Tax rate (%)" {...form.text('tax')} inputMode="decimal" />
        </Group>
        {item && <Switch label="In use (offered for new charges)" checked={v.active} onChange={(e) => form.set('active', e.currentTarget.checked)} />}
      </ModalForm>
    </Modal>
  );
}
