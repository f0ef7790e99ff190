// Choosing a patient by search, wherever a form needs one (booking, admission, theatre, billing).
import { useState } from 'react';
import { Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { useChannelQuery } from '../api/queries';
import { useSession } from '../app/session';
import { datePattern, formatDate, personName } from './format';

/** How a chosen patient reads in the field: number, name and birth date tell namesakes apart. */
export const patientLabel = (p: PatientSummary) => `${p.patientNumber} · ${personName(p)} · born ${formatDate(p.dateOfBirth)}`;

/** Finds a patient as you type (name, patient ID, phone or date of birth), like the patient list. */
export function PatientPicker({ value, onChange, error }: { value: PatientSummary | null; onChange: (p: PatientSummary | null) => void; error?: string }) {
  const { hospital } = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const searching = debounced !== '' && (!value || debounced !== patientLabel(value));
  // A typed date is read in the desk's hospital's order, as its date fields are.
  const results = useChannelQuery('patients.search', { query: debounced, limit: 10, hospitalId: hospital?.id }, { enabled: searching, placeholderData: (previous) => previous });
  const found = new Map<string, PatientSummary>();
  if (value) found.set(String(value.id), value);
  if (searching) for (const p of results.data?.items ?? []) found.set(String(p.id), p);

  return (
    <Select
      label="Patient"
      placeholder={`Name, patient ID, phone or ${datePattern(countryInfo(hospital?.country ?? 'UG').dateOrder)}`}
      leftSection={<IconSearch size={16} />}
      data={[...found.values()].map((p) => ({ value: String(p.id), label: patientLabel(p) }))}
      value={value ? String(value.id) : null}
      onChange={(v) => onChange(v ? (found.get(v) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched already; the list shows what it found.
      filter={({ options }) => options}
      nothingFoundMessage={searching ? (results.isFetching ? 'Searching…' : 'No patient matches') : 'Type to search'}
      clearable
      // Focused for its error after a failed submit, the list (empty until something is typed) stays closed over it.
      openOnFocus={false}
      error={error}
      required
      // A long name does not fit the field: the field ends in an ellipsis and names the patient in full on hover, and
      // the line below names them in full, wrapped between words.
      title={value ? patientLabel(value) : undefined}
      styles={{ input: { textOverflow: 'ellipsis' } }}
      inputContainer={(field) => (
        <>
          {field}
          {value && (
            <Text size="xs" c="dimmed" mt={4} data-testid="chosen-patient">
              {patientLabel(value)}
            </Text>
          )}
        </>
      )}
    />
  );
}
