// The hospital's test catalog: lab tests and imaging with their unit, codes, the catalog item they are billed as, and
// reference ranges by sex and age band (normal and critical limits).
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFlask, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract, type Input } from '@shared/contract';
import type { TestDefinition } from '@shared/contract/clinical';
import { TEST_KINDS, type ReferenceRange, type TestKind } from '@shared/domain/clinical';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { DataTable, type Column } from '../../components/DataTable';
import { useForm } from '../../components/form';
import { formatMoney } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { TableHead } from '../../components/TableHead';

const KIND_LABELS: Record<TestKind, string> = { lab: 'Lab', imaging: 'Imaging' };
const SEX_OPTIONS = [
  { value: 'any', label: 'Any' },
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
];

/** "F 18–65 y: 12–16 (critical < 7, > 20)" */
export function rangeText(r: ReferenceRange, unit: string | null): string {
  const who = r.sex === 'female' ? 'F' : r.sex === 'male' ? 'M' : 'All';
  const age = r.ageFromYears === 0 && r.ageToYears == null ? '' : r.ageToYears == null ? ` ${r.ageFromYears}+ y` : ` ${r.ageFromYears}–${r.ageToYears} y`;
  const normal = r.low != null && r.high != null ? `${r.low}–${r.high}` : r.low != null ? `≥ ${r.low}` : r.high != null ? `≤ ${r.high}` : 'no limits';
  const crit = [r.criticalLow != null ? `≤ ${r.criticalLow}` : null, r.criticalHigh != null ? `≥ ${r.criticalHigh}` : null].filter(Boolean).join(', ');
  return `${who}${age}: ${normal}${unit && (r.low != null || r.high != null) ? ` ${unit}` : ''}${crit ? ` (critical ${crit})` : ''}`;
}

export function TestCatalog({ hospitalId }: { hospitalId: number }) {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [kind, setKind] = useState<'all' | TestKind>('all');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<TestDefinition | 'new' | null>(null);
  const tests = useChannelQuery('tests.catalog', { hospitalId, query: debounced, kind: kind === 'all' ? undefined : kind, includeInactive }, { placeholderData: (p) => p });
  const rows = tests.data ?? [];

  const columns: Column<TestDefinition>[] = [
    { key: 'code', header: 'Code', render: (t) => <Text ff="monospace" size="sm">{t.code}</Text>, csv: (t) => t.code, nowrap: true, width: 110 },
    {
      key: 'name',
      header: 'Test',
      render: (t) => (
        <Text size="sm" c={t.active ? undefined : 'dimmed'}>
          {t.name}
          {!t.active && ' (not in use)'}
        </Text>
      ),
      csv: (t) => t.name,
    },
    { key: 'kind', header: 'Kind', render: (t) => <Badge variant="light" size="sm" color={t.kind === 'lab' ? 'grape' : 'cyan'}>{KIND_LABELS[t.kind]}</Badge>, csv: (t) => t.kind, width: 90 },
    { key: 'unit', header: 'Unit', render: (t) => t.unit ?? '—', csv: (t) => t.unit ?? '', width: 100 },
    {
      key: 'ranges',
      header: 'Reference ranges',
      render: (t) =>
        t.ranges.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Stack gap={0}>
            {t.ranges.map((r, i) => (
              <Text key={i} size="xs">
                {rangeText(r, t.unit)}
              </Text>
            ))}
          </Stack>
        ),
      csv: (t) => t.ranges.map((r) => rangeText(r, t.unit)).join('; '),
    },
    { key: 'price', header: 'Price', render: (t) => (t.price != null ? formatMoney(t.price, t.currency) : <Text size="sm" c="dimmed">Not billed</Text>), csv: (t) => t.price ?? '', nowrap: true, width: 130 },
  ];

  return (
    <>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(t) => t.id}
        rowLabel={(t) => `${t.code} ${t.name}`}
        search={{ label: 'Search tests', placeholder: 'Code or name', value: query, onChange: setQuery }}
        filters={
          <Group gap="md" mb={4}>
            <SegmentedControl
              aria-label="Kind"
              data={[{ value: 'all', label: 'All' }, ...TEST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))]}
              value={kind}
              onChange={(k) => setKind(k as 'all' | TestKind)}
            />
            <Switch label="Include tests not in use" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
          </Group>
        }
        actions={
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            New test
          </Button>
        }
        onOpen={setEditing}
        loading={tests.isPending || (tests.isFetching && tests.isPlaceholderData)}
        error={tests.error}
        onRetry={() => void tests.refetch()}
        csvName="test-catalog"
        countLabel={(n) => `${n} ${n === 1 ? 'test' : 'tests'}`}
        empty={<EmptyState icon={<IconFlask size={28} />} title={debounced ? 'No test matches' : 'No tests yet'} description={debounced ? 'Try another code or name.' : 'Add the lab tests and imaging this hospital offers.'} />}
      />
      {editing && <TestModal key={editing === 'new' ? 'new' : editing.id} test={editing === 'new' ? null : editing} hospitalId={hospitalId} onClose={() => setEditing(null)} />}
    </>
  );
}

interface RangeRow {
  sex: 'any' | 'female' | 'male';
  ageFromYears: number | '';
  ageToYears: number | '';
  low: number | '';
  high: number | '';
  criticalLow: number | '';
  criticalHigh: number | '';
}

interface Values {
  code: string;
  name: string;
  kind: TestKind;
  unit: string;
  ucum: string;
  loinc: string;
  catalogItemId: string | null;
  ranges: RangeRow[];
  active: boolean;
}

const num = (v: number | null) => (v == null ? '' : v);
const back = (v: number | '') => (v === '' ? null : v);
const rowOf = (r: ReferenceRange): RangeRow => ({ sex: r.sex ?? 'any', ageFromYears: r.ageFromYears, ageToYears: num(r.ageToYears), low: num(r.low), high: num(r.high), criticalLow: num(r.criticalLow), criticalHigh: num(r.criticalHigh) });
const rangeOf = (r: RangeRow) => ({
  sex: r.sex === 'any' ? null : r.sex,
  ageFromYears: r.ageFromYears === '' ? 0 : r.ageFromYears,
  ageToYears: back(r.ageToYears),
  low: back(r.low),
  high: back(r.high),
  criticalLow: back(r.criticalLow),
  criticalHigh: back(r.criticalHigh),
});
const EMPTY_ROW: RangeRow = { sex: 'any', ageFromYears: 0, ageToYears: '', low: '', high: '', criticalLow: '', criticalHigh: '' };

function TestModal({ test, hospitalId, onClose }: { test: TestDefinition | null; hospitalId: number; onClose: () => void }) {
  const form = useForm<Values>({
    code: test?.code ?? '',
    name: test?.name ?? '',
    kind: test?.kind ?? 'lab',
    unit: test?.unit ?? '',
    ucum: test?.ucum ?? '',
    loinc: test?.loinc ?? '',
    catalogItemId: test?.catalogItemId ? String(test.catalogItemId) : null,
    ranges: test?.ranges.map(rowOf) ?? [],
    active: test?.active ?? true,
  });
  const v = form.values;
  // The catalog items a test can be billed as: this hospital's tests.
  const catalog = useChannelInfiniteQuery('catalog.list', { hospitalId, query: '', includeInactive: false, limit: 200 });
  const items = pageItems(catalog.data).filter((i) => i.category === 'test' || String(i.id) === v.catalogItemId);
  const save = useMutation({
    mutationFn: (input: Input<'tests.define'> | Input<'tests.updateDefinition'>) => ('hospitalId' in input ? api.tests.define(input) : api.tests.updateDefinition(input)),
    onSuccess: (t) => {
      notifications.show({ color: 'teal', title: test ? 'Test saved' : 'Test added', message: `${t.code} ${t.name}${t.ranges.length ? `, ${t.ranges.length} reference ${t.ranges.length === 1 ? 'range' : 'ranges'}` : ''}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const setRow = (i: number, patch: Partial<RangeRow>) => form.set('ranges', v.ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () => {
    const fields = { name: v.name, unit: v.unit, ucum: v.ucum, loinc: v.loinc, catalogItemId: v.catalogItemId ? Number(v.catalogItemId) : null, ranges: v.ranges.map(rangeOf) };
    const parsed = test
      ? form.check(contract['tests.updateDefinition'].input, { id: test.id, ...fields, active: v.active })
      : form.check(contract['tests.define'].input, { hospitalId, code: v.code, kind: v.kind, ...fields });
    if (parsed) save.mutate(parsed);
  };
  const rangeError = (i: number, k: keyof RangeRow) => form.errors[`ranges.${i}.${k}`];
  const numberCell = (i: number, k: Exclude<keyof RangeRow, 'sex'>, label: string, w = 90) => (
    <NumberInput
      aria-label={`${label}, range ${i + 1}`}
      value={v.ranges[i]![k]}
      onChange={(n) => setRow(i, { [k]: typeof n === 'number' ? n : '' })}
      error={rangeError(i, k)}
      allowDecimal={k !== 'ageFromYears' && k !== 'ageToYears'}
      hideControls
      size="xs"
      w={w}
    />
  );

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{test ? `Edit ${test.code}` : 'New test'}</Text>} size="62rem">
      <ModalForm form={form} onSubmit={submit} failTitle="Not saved" onCancel={onClose} submitLabel={test ? 'Save' : 'Add test'} loading={save.isPending} gap="md">
        <Group grow align="flex-start">
          <TextInput label="Code" placeholder="FBC" {...form.text('code')} disabled={!!test} maxLength={20} required data-autofocus={!test || undefined} />
          <TextInput label="Name" placeholder="Full blood count" {...form.text('name')} maxLength={120} required data-autofocus={test ? true : undefined} />
          <Select label="Kind" data={TEST_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={v.kind} onChange={(k) => k && form.set('kind', k as TestKind)} disabled={!!test} allowDeselect={false} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="Unit as shown" placeholder="g/dL" {...form.text('unit')} maxLength={30} />
          <TextInput label="UCUM unit" description="For FHIR export." placeholder="g/dL" {...form.text('ucum')} maxLength={30} />
          <TextInput label="LOINC code" placeholder="718-7" {...form.text('loinc')} maxLength={20} />
        </Group>
        <Select
          label="Billed as"
          description="The charge catalog item a result is charged as; none leaves the test unbilled."
          placeholder={catalog.isPending ? 'Loading the catalog…' : 'Not billed'}
          data={items.map((i) => ({ value: String(i.id), label: `${i.code} · ${i.description} · ${formatMoney(i.price, i.currency)}` }))}
          value={v.catalogItemId}
          onChange={(id) => form.set('catalogItemId', id)}
          searchable
          clearable
          nothingFoundMessage="No test in the charge catalog"
          error={form.errors.catalogItemId}
        />
        <Stack gap={6}>
          <Group justify="space-between">
            <div>
              <Text fw={600} size="sm">
                Reference ranges
              </Text>
              <Text size="xs" c="dimmed">
                A range for the patient’s sex is used before one for any sex; the age band holds ages from its lower age up to (not including) its upper age. Results at or beyond a critical limit are flagged critical.
              </Text>
            </div>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.set('ranges', [...v.ranges, { ...EMPTY_ROW }])} disabled={v.ranges.length >= 20}>
              Add range
            </Button>
          </Group>
          {v.ranges.length === 0 ? (
            <Text size="sm" c="dimmed">
              No ranges: results are shown without a flag.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-label="Reference ranges">
              <TableHead columns={['Sex', 'Age from', 'Age to', 'Low', 'High', 'Critical low', 'Critical high', '']} />
              <Table.Tbody>
                {v.ranges.map((r, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <Select aria-label={`Sex, range ${i + 1}`} data={SEX_OPTIONS} value={r.sex} onChange={(s) => s && setRow(i, { sex: s as RangeRow['sex'] })} allowDeselect={false} size="xs" w={100} />
                    </Table.Td>
                    <Table.Td>{numberCell(i, 'ageFromYears', 'Age from', 70)}</Table.Td>
                    <Table.Td>{numberCell(i, 'ageToYears', 'Age to', 70)}</Table.Td>
                    <Table.Td>{numberCell(i, 'low', 'Low')}</Table.Td>
                    <Table.Td>{numberCell(i, 'high', 'High')}</Table.Td>
                    <Table.Td>{numberCell(i, 'criticalLow', 'Critical low')}</Table.Td>
                    <Table.Td>{numberCell(i, 'criticalHigh', 'Critical high')}</Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove range ${i + 1}`} onClick={() => form.set('ranges', v.ranges.filter((_, j) => j !== i))}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        {test && <Switch label="In use (offered to doctors)" checked={v.active} onChange={(e) => form.set('active', e.currentTarget.checked)} />}
      </ModalForm>
    </Modal>
  );
}
