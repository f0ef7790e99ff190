// A labelled value on a record page (a patient, a staff member): muted label above, a dash when there is nothing.
import type { ReactNode } from 'react';
import { Text } from '@mantine/core';

export function Detail({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed" fw={500} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text size="sm" c={empty ? 'dimmed' : undefined} style={{ whiteSpace: 'pre-wrap' }}>
        {empty ? '—' : children}
      </Text>
    </div>
  );
}
