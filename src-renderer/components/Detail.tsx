// A labelled value on a record page or in a drawer: the label muted (above it, or beside it when inline), a dash when
// there is nothing; the titled sections of a record page that hold them; the record's number beside its title.
import type { ReactNode } from 'react';
import { Badge, Group, SimpleGrid, Text } from '@mantine/core';
import { FormSection } from './FormSection';

export function Detail({ label, children, wide, inline }: { label: string; children: ReactNode; wide?: boolean; inline?: boolean }) {
  const empty = children === null || children === undefined || children === '';
  const value = empty ? '—' : children;
  if (inline) {
    // A narrow drawer reads better as a two-column list of label and value.
    return (
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" c="dimmed" w={140} style={{ flex: 'none' }}>
          {label}
        </Text>
        <Text size="sm" component="div" c={empty ? 'dimmed' : undefined}>
          {value}
        </Text>
      </Group>
    );
  }
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" c={empty ? 'dimmed' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </div>
  );
}

/** One titled section of a record page: its details in a grid. */
export function DetailSection({ title, cols, children }: { title: string; cols: number; children: ReactNode }) {
  return (
    <FormSection title={title}>
      <SimpleGrid cols={cols} spacing="md">
        {children}
      </SimpleGrid>
    </FormSection>
  );
}

/** The line under a record page's title: the record's number as a badge, then what else identifies it. */
export function RecordSummary({ number, children }: { number: string; children: ReactNode }) {
  return (
    <Group gap="xs" component="span">
      <Badge variant="light" size="lg" radius="sm" ff="monospace" tt="none">
        {number}
      </Badge>
      {children}
    </Group>
  );
}
