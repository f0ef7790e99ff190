// A patient's unbilled charges (consultations, room-days, items added by hand) with checkboxes → a draft invoice;
// adding a charge from the catalog; and the patient's invoices.
import { useEffect, useState } from 'react';
import { Badge, Button, Center, Checkbox, Grid, Group, Loader, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFilePlus, IconPlus } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { CatalogItem, Charge } from '@shared/contract/billing';
import type { Patient } from '@shared/contract/patients';
import { CHARGE_CATEGORY_LABELS, lineAmounts, ratePercent } from '@shared/domain/billing';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { formatDate, formatMoney, personName } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordGate } from '../../components/RecordGate';
import { RecordLink } from '../../components/RecordLink';
import { InvoiceStatusBadge } from './billing-ui';
import { LoadMore } from '../../components/DataTable';

export function PatientChargesPage({ patientId }: { patientId: number }) {
  const patient = useChannelQuery('patients.get', { id: patientId }, { staleTime: 60_000 });
  return (
    <RecordGate record={patient} notFound="Patient not found">
      {(p) => <PatientCharges patient={p} />}
    </RecordGate>
  );
}

function PatientCharges({ patient: p }: { patient: Patient }) {
  const { hospital, can } = useSession();
  const mayOpen = useMayOpen();
  // Charges go on a draft for whoever may create one; anyone who may add a charge (billing, clinicians) adds one.
  const canBill = can('invoices.createDraft');
  const hospitalId = hospital?.id ?? null;
  const unbilled = useChannelInfiniteQuery('charges.unbilled', { patientId: p.id, hospitalId: hospitalId ?? undefined, limit: 100 });
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const charges = pageItems(unbilled.data);

  // Charges billed elsewhere meanwhile drop out of the choice.
  useEffect(() => {
    const present = new Set(charges.map((c) => c.id));
    setChosen((s) => (([...s].every((id) => present.has(id)) ? s : new Set([...s].filter((id) => present.has(id))))));
  }, [unbilled.data]);

  const draft = useMutation({
    mutationFn: (chargeIds: number[]) => api.invoices.createDraft({ patientId: p.id, chargeIds }),
    onSuccess: (inv) => {
      notifications.show({ color: 'teal', title: 'Draft invoice created', message: `${inv.lines.length} ${inv.lines.length === 1 ? 'line' : 'lines'}, ${formatMoney(inv.total, inv.currency)}.` });
      navigate(`/billing/invoices/${inv.id}`);
    },
  });

  const currency = charges[0]?.currency ?? hospital?.currency ?? 'UGX';
  const selected = charges.filter((c) => chosen.has(c.id));
  const sum = (list: Charge[]) =>
    list.reduce(
      (t, c) => {
        const a = lineAmounts(c.quantity, c.unitPrice, c.taxRateBp);
        return { net: t.net + a.net, tax: t.tax + a.tax };
      },
      { net: 0, tax: 0 },
    );
  const picked = sum(selected);
  const allChosen = charges.length > 0 && selected.length === charges.length;
  const toggle = (id: number, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <PageHeader
        back={mayOpen(`/patients/${p.id}`) ? { label: personName(p), href: href(`/patients/${p.id}`) } : { label: 'Billing', href: href('/billing') }}
        title={`Billing · ${personName(p)}`}
        description={
          <>
            {p.patientNumber}
            {p.insuranceProvider ? ` · insured with ${p.insuranceProvider}${p.insuranceCoveragePercent !== null ? ` (${p.insuranceCoveragePercent}%)` : ''}${p.insuranceValidUntil ? `, valid until ${formatDate(p.insuranceValidUntil)}` : ''}` : ' · no insurance on file'}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper withBorder p="lg" component="section" aria-label="Unbilled charges">
              <Stack gap="md">
                <Group justify="space-between">
                  <Title order={4} fw={600}>
                    Unbilled charges
                  </Title>
                  {canBill && (
                    <Button leftSection={<IconFilePlus size={18} />} disabled={selected.length === 0} loading={draft.isPending} onClick={() => draft.mutate(selected.map((c) => c.id))}>
                      Create draft invoice{selected.length ? ` (${selected.length})` : ''}
                    </Button>
                  )}
                </Group>
                {unbilled.error ? (
                  <FormAlert title="The charges could not be loaded" message={unbilled.error.message} />
                ) : unbilled.isPending ? (
                  <Center py="md">
                    <Loader size="sm" />
                  </Center>
                ) : charges.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nothing to bill: every charge of {personName(p)} is on an invoice.
                  </Text>
                ) : (
                  <Table verticalSpacing="xs" highlightOnHover>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={40}>
                          {canBill && (
                            <Checkbox
                              aria-label="Choose every charge"
                              checked={allChosen}
                              indeterminate={selected.length > 0 && !allChosen}
                              onChange={(e) => setChosen(e.currentTarget.checked ? new Set(charges.map((c) => c.id)) : new Set())}
                            />
                          )}
                        </Table.Th>
                        <Table.Th>Date</Table.Th>
                        <Table.Th>Charge</Table.Th>
                        <Table.Th ta="right">Qty</Table.Th>
                        <Table.Th ta="right">Unit price</Table.Th>
                        <Table.Th ta="right">Tax</Table.Th>
                        <Table.Th ta="right">Amount</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {charges.map((c) => (
                        <Table.Tr key={c.id} aria-label={`${c.description} ${formatMoney(c.amount, c.currency)}`}>
                          <Table.Td>{canBill && <Checkbox aria-label={`Bill ${c.description}`} checked={chosen.has(c.id)} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.serviceDate)}</Table.Td>
                          <Table.Td>
                            <Text size="sm">{c.description}</Text>
                            <Text size="xs" c="dimmed">
                              {CHARGE_CATEGORY_LABELS[c.category]}
                              {c.sourceType === 'appointment' ? ' · completed appointment' : c.sourceType === 'stay' ? ' · hospital stay' : ''}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">{c.quantity}</Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {formatMoney(c.unitPrice, c.currency)}
                          </Table.Td>
                          <Table.Td ta="right">{ratePercent(c.taxRateBp)}</Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {formatMoney(c.amount, c.currency)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {charges.length > 0 && (
                  <Text size="sm" c="dimmed" data-testid="chosen-total">
                    {selected.length
                      ? `${selected.length} of ${charges.length} chosen: ${formatMoney(picked.net, currency)} before tax, ${formatMoney(picked.net + picked.tax, currency)} with tax.`
                      : `${charges.length} unbilled${unbilled.hasNextPage ? ' shown' : ''}, ${formatMoney(sum(charges).net, currency)} before tax. Choose the charges to put on one invoice.`}
                  </Text>
                )}
                <LoadMore list={unbilled} label="More charges" />
                <FormAlert message={draft.error?.message} title="No draft was created" />
              </Stack>
            </Paper>
            <PatientInvoices patientId={p.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>{hospitalId && can('charges.add', hospitalId) && <AddCharge patientId={p.id} hospitalId={hospitalId} onAdded={(c) => toggle(c.id, true)} />}</Grid.Col>
      </Grid>
    </>
  );
}

/** A charge from the hospital's catalog, added by hand (a medicine, a test, a dressing). */
function AddCharge({ patientId, hospitalId, onAdded }: { patientId: number; hospitalId: number; onAdded: (c: Charge) => void }) {
  const empty = { item: null as CatalogItem | null, quantity: 1 as number | string, note: '' };
  const form = useForm(empty, { aliases: { catalogItemId: 'item' } });
  const { item } = form.values;

  const add = useMutation({
    mutationFn: (input: Input<'charges.add'>) => api.charges.add(input),
    onSuccess: (c) => {
      onAdded(c);
      form.setValues(empty);
      notifications.show({ color: 'teal', message: `Added: ${c.quantity} × ${c.description}.` });
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const input = { patientId, catalogItemId: item?.id, quantity: Number(form.values.quantity), note: form.values.note };
    const parsed = form.check(contract['charges.add'].input, input, item ? {} : { item: 'Choose an item of the catalog.' });
    if (parsed) add.mutate(parsed);
  };

  return (
    <FormSection title="Add a charge" description="From the hospital's charge catalog.">
      <form {...form.formProps(submit)}>
        <Stack gap="sm">
          <CatalogItemPicker hospitalId={hospitalId} value={item} onChange={(i) => form.set('item', i)} error={form.errors.item} />
          {item && (
            <Text size="sm" c="dimmed">
              {CHARGE_CATEGORY_LABELS[item.category]} · {formatMoney(item.price, item.currency)} each · tax {ratePercent(item.taxRateBp)}
            </Text>
          )}
          <NumberInput label="Quantity" value={form.values.quantity} onChange={(q) => form.set('quantity', q)} min={1} max={10_000} allowDecimal={false} allowNegative={false} error={form.errors.quantity} />
          <TextInput label="Note" placeholder="e.g. left knee" maxLength={200} {...form.text('note')} />
          <FormAlert message={form.formError} title="Not added" />
          <Group justify="flex-end">
            <Button type="submit" variant="light" leftSection={<IconPlus size={16} />} loading={add.isPending}>
              Add charge
            </Button>
          </Group>
        </Stack>
      </form>
    </FormSection>
  );
}

const itemLabel = (i: CatalogItem) => `${i.code} · ${i.description}`;

/** Items of the hospital's catalog still in use, found by code or description as the desk types. */
function CatalogItemPicker({ hospitalId, value, onChange, error }: { hospitalId: number; value: CatalogItem | null; onChange: (item: CatalogItem | null) => void; error?: string }) {
  const [search, setSearch] = useState('');
  // Once an item is chosen the box shows its label: that is not a search.
  const [query] = useDebouncedValue(value && search === itemLabel(value) ? '' : search.trim(), 200);
  const found = useChannelQuery('catalog.list', { hospitalId, query, includeInactive: false, limit: 50 }, { placeholderData: (p) => p });
  const items = found.data?.items ?? [];
  // The chosen item stays offered while another search is typed.
  const offered = value && !items.some((i) => i.id === value.id) ? [value, ...items] : items;
  return (
    <Select
      label="Catalog item"
      placeholder="Code or description"
      data={offered.map((i) => ({ value: String(i.id), label: itemLabel(i) }))}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(offered.find((i) => String(i.id) === v) ?? null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      clearable
      nothingFoundMessage={found.isFetching ? 'Searching…' : 'No item'}
      error={error}
    />
  );
}

/** The patient's invoices at this hospital, newest first (drafts to finish, balances to collect). */
export function PatientInvoices({ patientId, limit = 20, framed = true }: { patientId: number; limit?: number; framed?: boolean }) {
  const { hospital } = useSession();
  const list = useChannelQuery('invoices.list', { hospitalId: hospital?.id ?? 0, patientId, query: '', archived: false, limit }, { enabled: !!hospital });
  const rows = list.data?.items ?? [];
  const body = (
    <Stack gap="sm">
      <Title order={framed ? 4 : 5} fw={600}>
        Invoices
      </Title>
      {list.error ? (
          <FormAlert message={list.error.message} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {list.isPending ? 'Loading…' : 'No invoice yet.'}
          </Text>
        ) : (
          <Table verticalSpacing={6}>
            <Table.Tbody>
              {rows.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <RecordLink to={`/billing/invoices/${i.id}`} ff="monospace" size="sm">
                      {i.number ?? 'Draft'}
                    </RecordLink>
                  </Table.Td>
                  <Table.Td>{formatDate(i.issueDate) || <Badge variant="outline" color="gray" size="sm">not issued</Badge>}</Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={i.status} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">{formatMoney(i.total, i.currency)}</Table.Td>
                  <Table.Td ta="right" c={i.balance > 0 && i.status !== 'draft' ? 'red.7' : undefined}>
                    {i.status === 'draft' ? '' : `Balance ${formatMoney(i.balance, i.currency)}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Stack>
  );
  return framed ? (
    <Paper withBorder p="lg" component="section" aria-label="Invoices">
      {body}
    </Paper>
  ) : (
    body
  );
}
