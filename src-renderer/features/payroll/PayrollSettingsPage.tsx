// A hospital's payroll settings (HR): income-tax bands over a tax-free threshold, pension, health insurance, and the
// public holidays of a year.
import { useEffect, useState } from 'react';
import { ActionIcon, Button, Center, Group, Loader, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { DeductionRules, Holiday } from '@shared/contract/payroll';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { moneyDecimal, todayIn } from '../../components/format';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { bpToPercentText, PayrollTabs, percentToBp } from './payroll-ui';

const ROUNDING_LABELS = { down_unit: 'Down to the unit', down_100: 'Down to 100', down_1000: 'Down to 1,000', half_up_unit: 'Half up to the unit' } as const;

interface Values {
  basis: 'monthly' | 'annualised';
  threshold: string;
  bands: { upTo: string; rate: string }[];
  rounding: keyof typeof ROUNDING_LABELS;
  pension: boolean;
  pensionName: string;
  employee: string;
  employer: string;
  ceiling: string;
  health: boolean;
  healthName: string;
  healthMonthly: string;
}

const valuesOf = (r: DeductionRules): Values => ({
  basis: r.tax.basis,
  threshold: moneyDecimal(r.tax.taxFreeThreshold, r.currency),
  bands: r.tax.bands.map((b) => ({ upTo: b.upTo == null ? '' : moneyDecimal(b.upTo, r.currency), rate: bpToPercentText(b.rateBp) })),
  rounding: r.tax.rounding,
  pension: !!r.pension,
  pensionName: r.pension?.name ?? 'Pension',
  employee: r.pension ? bpToPercentText(r.pension.employeeBp) : '',
  employer: r.pension ? bpToPercentText(r.pension.employerBp) : '',
  ceiling: r.pension?.monthlyCeiling != null ? moneyDecimal(r.pension.monthlyCeiling, r.currency) : '',
  health: !!r.healthInsurance,
  healthName: r.healthInsurance?.name ?? 'Health insurance',
  healthMonthly: r.healthInsurance ? moneyDecimal(r.healthInsurance.monthly, r.currency) : '',
});

export function PayrollSettingsPage() {
  const { hospital } = useSession();
  if (!hospital) return <EmptyPage title="No hospital" description="Choose the hospital this desk works for." />;
  return (
    <>
      <PageHeader title="Payroll" description={`Deductions and public holidays of ${hospital.name}, in ${hospital.currency}: they apply to runs computed from now on.`} />
      <PayrollTabs active="settings" />
      <Stack gap="lg" maw={860}>
        <RulesForm key={hospital.id} hospitalId={hospital.id} currency={hospital.currency} />
        <HolidaysForm key={`h${hospital.id}`} hospitalId={hospital.id} today={todayIn(hospital.timeZone)} order={countryInfo(hospital.country).dateOrder} />
      </Stack>
    </>
  );
}

function RulesForm({ hospitalId, currency }: { hospitalId: number; currency: string }) {
  const rules = useChannelQuery('payroll.getDeductionRules', { hospitalId });
  const form = useForm<Values>({ basis: 'monthly', threshold: '0', bands: [], rounding: 'down_unit', pension: false, pensionName: 'Pension', employee: '', employer: '', ceiling: '', health: false, healthName: 'Health insurance', healthMonthly: '' });
  useEffect(() => {
    if (rules.data) form.setValues(valuesOf(rules.data));
  }, [rules.data]);
  const save = useMutation({
    mutationFn: (input: Parameters<typeof api.payroll.setDeductionRules>[0]) => api.payroll.setDeductionRules(input),
    onSuccess: () => notifications.show({ color: 'teal', title: 'Saved', message: 'Deduction rules saved.' }),
    onError: (e) => form.fail(e),
  });
  const v = form.values;
  const money = (text: string, key: string, extra: Record<string, string>, optional = false): number | null => {
    if (optional && !text.trim()) return null;
    const r = readAmount(text, currency);
    if (r.error) extra[key] = r.error;
    return r.minor ?? 0;
  };
  const rate = (text: string, key: string, extra: Record<string, string>): number => {
    const bp = percentToBp(text);
    if (bp === null) extra[key] = 'Type a percent, e.g. 10 or 12.5.';
    return bp ?? 0;
  };
  const submit = () => {
    const extra: Record<string, string> = {};
    const input = form.check(
      contract['payroll.setDeductionRules'].input,
      {
        hospitalId,
        tax: {
          basis: v.basis,
          taxFreeThreshold: money(v.threshold || '0', 'threshold', extra),
          bands: v.bands.map((b, i) => ({ upTo: money(b.upTo, `bands.${i}.upTo`, extra, true), rateBp: rate(b.rate, `bands.${i}.rate`, extra) })),
          rounding: v.rounding,
        },
        pension: v.pension ? { name: v.pensionName.trim(), employeeBp: rate(v.employee, 'employee', extra), employerBp: rate(v.employer, 'employer', extra), monthlyCeiling: money(v.ceiling, 'ceiling', extra, true) } : null,
        healthInsurance: v.health ? { name: v.healthName.trim(), monthly: money(v.healthMonthly, 'healthMonthly', extra) } : null,
      },
      extra,
    );
    if (input) save.mutate(input);
  };
  const setBand = (i: number, b: Partial<Values['bands'][number]>) => form.set('bands', v.bands.map((x, j) => (j === i ? { ...x, ...b } : x)));

  if (rules.isPending)
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  return (
    <form {...form.formProps(submit)} aria-label="Deduction rules">
      <Stack gap="lg">
        <FormSection title="Income tax" description="Progressive bands over a tax-free threshold: each rate applies to the part of pay up to its limit; the last band is open.">
          <Group align="flex-start" grow>
            <Select
              label="Basis"
              data={[
                { value: 'monthly', label: 'Monthly pay' },
                { value: 'annualised', label: 'Annualised (× 12, tax ÷ 12)' },
              ]}
              value={v.basis}
              onChange={(b) => form.set('basis', (b ?? 'monthly') as Values['basis'])}
              allowDeselect={false}
            />
            <MoneyInput label="Tax-free threshold" currency={currency} value={v.threshold} onChange={(t) => form.set('threshold', t)} error={form.errors.threshold ?? form.errors['tax.taxFreeThreshold']} />
            <Select
              label="Rounding of the tax"
              data={Object.entries(ROUNDING_LABELS).map(([value, label]) => ({ value, label }))}
              value={v.rounding}
              onChange={(r) => form.set('rounding', (r ?? 'down_unit') as Values['rounding'])}
              allowDeselect={false}
            />
          </Group>
          <Stack gap={6}>
            {v.bands.map((b, i) => (
              <Group key={i} align="flex-start" wrap="nowrap">
                <Text size="sm" c="dimmed" mt={32} w={60}>
                  Band {i + 1}
                </Text>
                <MoneyInput
                  label={`Band ${i + 1} up to`}
                  description={i === v.bands.length - 1 ? 'Empty: the rest of the pay.' : undefined}
                  currency={currency}
                  value={b.upTo}
                  onChange={(t) => setBand(i, { upTo: t })}
                  error={form.errors[`bands.${i}.upTo`] ?? form.errors[`tax.bands.${i}.upTo`]}
                  w={240}
                />
                <TextInput label={`Band ${i + 1} rate (%)`} value={b.rate} onChange={(e) => setBand(i, { rate: e.currentTarget.value })} error={form.errors[`bands.${i}.rate`]} w={150} />
                <ActionIcon variant="subtle" color="red" mt={32} aria-label={`Remove band ${i + 1}`} onClick={() => form.set('bands', v.bands.filter((_, j) => j !== i))}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <FormAlert message={form.errors['tax.bands']} />
            <Group>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.set('bands', [...v.bands, { upTo: '', rate: '' }])} disabled={v.bands.length >= 12}>
                Add band
              </Button>
            </Group>
          </Stack>
        </FormSection>
        <FormSection title="Pension">
          <Switch label="Deduct a pension contribution" checked={v.pension} onChange={(e) => form.set('pension', e.currentTarget.checked)} />
          {v.pension && (
            <Group align="flex-start" grow>
              <TextInput label="Pension name" placeholder="NSSF" {...form.text('pensionName')} error={form.errors.pensionName ?? form.errors['pension.name']} />
              <TextInput label="Employee (%)" {...form.text('employee')} />
              <TextInput label="Employer (%)" {...form.text('employer')} />
              <MoneyInput label="Monthly wage ceiling" description="Empty: no ceiling." currency={currency} value={v.ceiling} onChange={(c) => form.set('ceiling', c)} error={form.errors.ceiling} />
            </Group>
          )}
        </FormSection>
        <FormSection title="Health insurance">
          <Switch label="Deduct a fixed monthly health insurance" checked={v.health} onChange={(e) => form.set('health', e.currentTarget.checked)} />
          {v.health && (
            <Group align="flex-start" grow>
              <TextInput label="Insurance name" {...form.text('healthName')} error={form.errors.healthName ?? form.errors['healthInsurance.name']} />
              <MoneyInput label="Monthly amount" currency={currency} value={v.healthMonthly} onChange={(m) => form.set('healthMonthly', m)} error={form.errors.healthMonthly} />
            </Group>
          )}
        </FormSection>
        <FormAlert message={form.formError ?? rules.error?.message} title="Not saved" />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending}>
            Save deduction rules
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function HolidaysForm({ hospitalId, today, order }: { hospitalId: number; today: string; order: 'DMY' | 'MDY' }) {
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const list = useChannelQuery('payroll.holidays', { hospitalId, year });
  const [rows, setRows] = useState<Holiday[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (list.data) setRows(list.data);
  }, [list.data]);
  const save = useMutation({
    mutationFn: () => api.payroll.setHolidays({ hospitalId, year, holidays: rows.map((h) => ({ date: h.date, name: h.name.trim() })) }),
    onSuccess: (h) => {
      setError(null);
      notifications.show({ color: 'teal', title: 'Saved', message: `${h.length} public holidays in ${year}.` });
    },
    onError: (e) => setError(e.message),
  });
  const submit = () => {
    const parsed = contract['payroll.setHolidays'].input.safeParse({ hospitalId, year, holidays: rows.map((h) => ({ date: h.date, name: h.name.trim() })) });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join(' '));
    save.mutate();
  };
  return (
    <FormSection title="Public holidays" description="Hours worked on these days are paid with the holiday differential; they are not working days.">
      <NumberInput label="Year" value={year} onChange={(y) => typeof y === 'number' && y >= 2000 && y <= 2100 && setYear(y)} min={2000} max={2100} allowDecimal={false} w={120} />
      {list.isPending ? (
        <Loader size="sm" />
      ) : (
        <Stack gap={6}>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              No public holidays in {year} yet.
            </Text>
          )}
          {rows.map((h, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <DateField label={`Holiday ${i + 1} date`} value={h.date} onChange={(d) => setRows(rows.map((x, j) => (j === i ? { ...x, date: d } : x)))} order={order} w={170} />
              <TextInput label={`Holiday ${i + 1} name`} value={h.name} onChange={(e) => { const name = e.currentTarget.value; setRows(rows.map((x, j) => (j === i ? { ...x, name } : x))); }} style={{ flex: 1 }} maxLength={80} />
              <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove holiday ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      )}
      <FormAlert message={error ?? list.error?.message} title="Holidays not saved" />
      <Group justify="space-between">
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRows([...rows, { date: '', name: '' }])} disabled={rows.length >= 60}>
          Add holiday
        </Button>
        <Button leftSection={<IconDeviceFloppy size={18} />} loading={save.isPending} onClick={submit}>
          Save holidays of {year}
        </Button>
      </Group>
    </FormSection>
  );
}

