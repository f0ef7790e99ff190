// A labelled value on a record page or in a drawer: the label muted (above it, or beside it when inline), a dash when there is nothing.
import type { ReactNode } from 'react';
import { Group, Text } from '@mantine/core';

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
