// An ICD-10 code found as the doctor types: a code prefix ("B5", "E11.") or words ("malar", "type 2 diab"); the
// common diagnoses of the starter list first. The option reads "B54 Unspecified malaria".
import { useState } from 'react';
import { Badge, Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import type { IcdCode } from '@shared/contract/clinical';
import { useChannelQuery } from '../../api/queries';

export const codeLabel = (c: Pick<IcdCode, 'code' | 'title'>) => `${c.code} ${c.title}`;

export function IcdCodePicker({ value, onChange, error }: { value: IcdCode | null; onChange: (c: IcdCode | null) => void; error?: string }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const searching = debounced !== '' && (!value || debounced !== codeLabel(value));
  const results = useChannelQuery('diagnoses.searchCodes', { query: debounced, limit: 20 }, { enabled: searching, placeholderData: (previous) => previous, staleTime: 60_000 });
  const found = new Map<string, IcdCode>();
  if (value) found.set(value.code, value);
  if (searching) for (const c of results.data ?? []) found.set(c.code, c);

  return (
    <Select
      label="Diagnosis (ICD-10)"
      placeholder="Type a code or words, e.g. malar"
      leftSection={<IconSearch size={16} />}
      data={[...found.values()].map((c) => ({ value: c.code, label: codeLabel(c) }))}
      value={value?.code ?? null}
      onChange={(v) => onChange(v ? (found.get(v) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has searched (code prefix or words); the list shows what it found, in its order.
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const c = found.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" ff="monospace" fw={600} miw={56}>
              {option.value}
            </Text>
            <Text size="sm">{c?.title}</Text>
            {c?.common && (
              <Badge size="xs" variant="light" color="gray" tt="none">
                common
              </Badge>
            )}
          </Group>
        );
      }}
      nothingFoundMessage={searching ? (results.isFetching ? 'Searching…' : 'No code matches') : 'Type to search'}
      clearable
      error={error}
      style={{ flex: 1 }}
      miw={320}
    />
  );
}
