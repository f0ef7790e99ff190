// A framed section of a page (a patient's appointments or billing, a part of an invoice): its title, actions on the
// right, then its content; screen readers name it by the title.
import type { ReactNode } from 'react';
import { Group, Paper, Stack, Title } from '@mantine/core';

export function Panel({ title, label, actions, gap = 'sm', children }: { title: string; label?: string; actions?: ReactNode; gap?: 'sm' | 'md'; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" component="section" aria-label={label ?? title}>
      <Stack gap={gap}>
        <Group justify="space-between">
          <Title order={4} fw={600}>
            {title}
          </Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
