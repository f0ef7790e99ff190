// A hospital's fields: used by the first-run set-up and by Settings → Hospitals.
import { useMemo } from 'react';
import { Code, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { COUNTRIES, CURRENCIES, countryInfo } from '@shared/domain/countries';
import { checkPatientNumberFormat, renderPatientNumber } from '@shared/domain/patient-number';
import type { FormState } from '../../components/form';
import type { HospitalFormValues } from './hospital-form';

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return COUNTRIES.map((c) => c.timeZone);
  }
}

export function HospitalForm({ form, autoFocus = true }: { form: FormState<HospitalFormValues>; autoFocus?: boolean }) {
  const { values, errors, set, text } = form;
  const zones = useMemo(() => {
    const all = timeZones();
    return all.includes(values.timeZone) || !values.timeZone ? all : [values.timeZone, ...all];
  }, [values.timeZone]);
  const year = new Date().getFullYear();
  const formatProblem = values.patientNumberFormat ? checkPatientNumberFormat(values.patientNumberFormat) : null;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <TextInput label="Code" required placeholder="e.g. KGH" {...text('code')} onChange={(e) => set('code', e.currentTarget.value.toUpperCase())} data-autofocus={autoFocus || undefined} autoFocus={autoFocus} />
        <TextInput label="Hospital name" required {...text('name')} style={{ gridColumn: 'span 2' }} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Select
          label="Country"
          required
          data={COUNTRIES.map((c) => ({ value: c.code, label: c.name }))}
          value={values.country}
          allowDeselect={false}
          error={errors.country}
          onChange={(code) => {
            if (!code) return;
            const info = countryInfo(code);
            // The country proposes its currency and time zone; both can still be changed.
            form.setValues({ ...values, country: code, currency: info.currency, timeZone: info.timeZone });
          }}
        />
        <TextInput label="State / region" {...text('region')} />
        <Select label="Time zone" required searchable data={zones} value={values.timeZone || null} onChange={(z) => set('timeZone', z ?? '')} error={errors.timeZone} allowDeselect={false} />
      </SimpleGrid>
      <Textarea label="Address" autosize minRows={2} {...text('address')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Select label="Currency" required data={CURRENCIES} value={values.currency} onChange={(c) => set('currency', c ?? '')} error={errors.currency} allowDeselect={false} />
        <NumberInput
          label="Default tax rate"
          suffix=" %"
          min={0}
          max={100}
          decimalScale={2}
          allowNegative={false}
          value={values.taxPercent}
          onChange={(v) => set('taxPercent', typeof v === 'number' ? v : v === '' ? '' : Number(v))}
          error={errors.taxPercent}
        />
        <TextInput label="Patient ID format" required {...text('patientNumberFormat')} />
      </SimpleGrid>
      <Group gap="xs" px="sm" py={8} bg="gray.0" style={{ borderRadius: 8 }}>
        <Text size="sm" c="dimmed">
          Patient IDs will look like
        </Text>
        {formatProblem || !values.patientNumberFormat ? (
          <Text size="sm" c="red">
            {formatProblem ?? 'Enter a format such as HMS/{seq:6}.'}
          </Text>
        ) : (
          <>
            <Code fz="sm" data-testid="patient-number-preview">
              {renderPatientNumber(values.patientNumberFormat, 1, year)}
            </Code>
            <Code fz="sm">{renderPatientNumber(values.patientNumberFormat, 2, year)}</Code>
            <Text size="sm" c="dimmed">
              …
            </Text>
            <Text size="xs" c="dimmed" ml="auto">
              {'{seq:6}'}: the number with 6 digits · {'{yyyy}'} or {'{yy}'}: the year
            </Text>
          </>
        )}
      </Group>
    </Stack>
  );
}
