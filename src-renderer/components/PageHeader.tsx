// The top of every page: title, a line of context, actions on the right; and the page for "nothing here".
import type { ReactNode } from 'react';
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconMoodEmpty } from '@tabler/icons-react';
import { EmptyState } from '@mantine/core';

export function PageHeader({ title, description, actions, back }: { title: ReactNode; description?: ReactNode; actions?: ReactNode; back?: { label: string; href: string } }) {
  return (
    <Stack gap={6} mb="lg">
      {back && (
        <Anchor href={back.href} size="sm" c="dimmed" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <IconArrowLeft size={14} /> {back.label}
        </Anchor>
      )}
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={2}>{title}</Title>
          {description && (
            <Text c="dimmed" size="sm" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
    </Stack>
  );
}

export function EmptyPage({ title, description }: { title: string; description: string }) {
  return <EmptyState mt={80} icon={<IconMoodEmpty size={32} />} title={title} description={description} withIndicatorBackground />;
}
