// The hospital's charge catalog: code, description, category, price, tax rate and whether it is still in use.
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import { BILLING, type CatalogItem } from '@shared/contract/billing';
import { CHARGE_CATEGORIES, CHARGE_CATEGORY_LABELS, ratePercent, type ChargeCategory } from '@shared/domain/billing';
import { api, isApiError } from '../../api/client';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { issuesToFields } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { formatMoney, moneyDecimal } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { BillingTabs, bpToPercentText, percentToBp } from './billing-ui';

const PAGE = 100;

export function CatalogPage() {
  const { hospital, hasRole } = useSession();
  const canEdit = hasRole(...BILLING);
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
      <BillingTabs active="catalog" settings={hasRole('admin', 'billing')} />
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
        countLabel={(n) => `${n} ${n === 1 ? 'item' : 'items'}`}
        empty={<EmptyState icon={<IconListDetails size={28} />} title={debounced ? 'No item matches' : 'The catalog is empty'} description={debounced ? 'Try another code or word.' : 'Add the charges this hospital bills: tests, medicines, treatments.'} />}
      />
      {editing && <CatalogItemModal key={editing === 'new' ? 'new' : editing.id} item={editing === 'new' ? null : editing} hospitalId={hospital.id} currency={hospital.currency} defaultTaxBp={hospital.defaultTaxRateBp} onClose={() => setEditing(null)} />}
    </>
  );
}

function CatalogItemModal({ item, hospitalId, currency, defaultTaxBp, onClose }: { item: CatalogItem | null; hospitalId: number; currency: string; defaultTaxBp: number; onClose: () => void }) {
  const [code, setCode] = useState(item?.code ?? '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [category, setCategory] = useState<ChargeCategory>(item?.category ?? 'treatment');
  const [price, setPrice] = useState(item ? moneyDecimal(item.price, currency) : '');
  const [tax, setTax] = useState(bpToPercentText(item?.taxRateBp ?? defaultTaxBp));
  const [active, setActive] = useState(item?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (input: { price: number; taxRateBp: number }) =>
      item
        ? api.catalog.update({ id: item.id, description, price: input.price, taxRateBp: input.taxRateBp, active })
        : api.catalog.create({ hospitalId, code, description, category, price: input.price, taxRateBp: input.taxRateBp }),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: `${saved.code} ${saved.description}: ${formatMoney(saved.price, saved.currency)}, tax ${ratePercent(saved.taxRateBp)}.` });
      onClose();
    },
    onError: (e) => isApiError(e, 'VALIDATION') && setErrors(e.fields ?? {}),
  });
  const submit = () => {
    const amount = readAmount(price, currency);
    const bp = percentToBp(tax);
    const parsed = item
      ? contract['catalog.update'].input.safeParse({ id: item.id, description, price: amount.minor, taxRateBp: bp ?? undefined, active })
      : contract['catalog.create'].input.safeParse({ hospitalId, code, description, category, price: amount.minor, taxRateBp: bp ?? undefined });
    const fields: Record<string, string> = parsed.success ? {} : issuesToFields(parsed.error);
    if (amount.error) fields.price = amount.error;
    if (bp === null) fields.taxRateBp = 'A percentage from 0 to 100, e.g. 18 or 12.5.';
    setErrors(fields);
    if (!Object.keys(fields).length && amount.minor !== undefined && bp !== null) save.mutate({ price: amount.minor, taxRateBp: bp });
  };
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{item ? `Edit ${item.code}` : 'New catalog item'}</Text>}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput label="Code" value={code} onChange={(e) => setCode(e.currentTarget.value)} disabled={!!item} maxLength={20} error={errors.code} required data-autofocus={!item || undefined} />
            <Select
              label="Category"
              data={CHARGE_CATEGORIES.map((c) => ({ value: c, label: CHARGE_CATEGORY_LABELS[c] }))}
              value={category}
              onChange={(v) => v && setCategory(v as ChargeCategory)}
              disabled={!!item}
              allowDeselect={false}
            />
          </Group>
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} maxLength={200} error={errors.description} required />
          <Group grow align="flex-start">
            <MoneyInput label="Price" currency={currency} value={price} onChange={setPrice} error={errors.price} />
            <TextInput label="Tax rate (%)" value={tax} onChange={(e) => setTax(e.currentTarget.value)} error={errors.taxRateBp} inputMode="decimal" />
          </Group>
          {item && <Switch label="In use (offered for new charges)" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />}
          <FormAlert message={save.error && !isApiError(save.error, 'VALIDATION') ? save.error.message : null} title="Not saved" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {item ? 'Save' : 'Add to catalog'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
