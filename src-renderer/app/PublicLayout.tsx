// The frame of the screens before sign-in: a centred card on a quiet background.
import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import { DbBanner } from './DbBanner';

export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 40 : 30} radius="md" variant="filled">
        <IconBuildingHospital size={size === 'lg' ? 24 : 18} />
      </ThemeIcon>
      <Title order={size === 'lg' ? 2 : 4} fw={650} lh={1}>
        Hospital Desk
      </Title>
    </Group>
  );
}

export function PublicLayout({ children, width = 420, footer }: { children: ReactNode; width?: number; footer?: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <DbBanner />
      <Center mih="100vh" p="lg" style={{ flexDirection: 'column', gap: 24 }}>
        <Brand size="lg" />
        <Paper withBorder shadow="sm" p="xl" w="100%" maw={width}>
          {children}
        </Paper>
        {footer ?? (
          <Text size="xs" c="dimmed">
            Patients, appointments, wards and billing for hospitals and hospital chains.
          </Text>
        )}
      </Center>
    </Box>
  );
}
