// A choice from a list the server searches (a treatment of the catalog, a test, a medicine): the caller asks with the
// typed text and hands the answer in; the chosen record stays an option while the search moves on.
import type { ReactNode } from 'react';
import { Select } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

export interface ServerSelectProps<T> {
  label: string;
  placeholder: string;
  /** What the server found for `search`. */
  items: T[];
  searching: boolean;
  search: string;
  onSearchChange: (text: string) => void;
  value: T | null;
  onChange: (item: T | null) => void;
  keyOf: (item: T) => number;
  labelOf: (item: T) => string;
  renderOption?: (item: T) => ReactNode;
  error?: string;
  required?: boolean;
  autoFocus?: boolean;
}

export function ServerSelect<T>(p: ServerSelectProps<T>) {
  const found = new Map<string, T>();
  if (p.value) found.set(String(p.keyOf(p.value)), p.value);
  for (const item of p.items) found.set(String(p.keyOf(item)), item);
  return (
    <Select
      label={p.label}
      placeholder={p.placeholder}
      leftSection={<IconSearch size={16} />}
      data={[...found.entries()].map(([value, item]) => ({ value, label: p.labelOf(item) }))}
      value={p.value ? String(p.keyOf(p.value)) : null}
      onChange={(v) => p.onChange(v ? (found.get(v) ?? null) : null)}
      searchable
      searchValue={p.search}
      onSearchChange={p.onSearchChange}
      filter={({ options }) => options}
      renderOption={p.renderOption ? ({ option }) => p.renderOption!(found.get(option.value)!) : undefined}
      nothingFoundMessage={p.searching ? 'Searching…' : 'Nothing matches'}
      clearable
      error={p.error}
      required={p.required}
      data-autofocus={p.autoFocus || undefined}
      style={{ flex: 1 }}
      miw={280}
    />
  );
}
