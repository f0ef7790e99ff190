// The full-screen lock: the work underneath stays as it was, behind the password.
import { useState } from 'react';
import { Alert, Box, Button, Center, FocusTrap, Group, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertCircle, IconLock } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/contract/users';
import { api } from '../api/client';

export function LockScreen({ session, onUnlocked, onSignOut }: { session: SessionInfo; onUnlocked: (s: SessionInfo) => void; onSignOut: () => void }) {
  const [password, setPassword] = useState('');
  const unlock = useMutation({
    mutationFn: () => api.auth.unlock({ password }),
    onSuccess: (s) => {
      setPassword('');
      onUnlocked(s);
    },
  });

  return (
    <Box pos="fixed" inset={0} bg="gray.1" style={{ zIndex: 1000 }} role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <FocusTrap active>
        <Center h="100%" p="lg">
          <Paper withBorder shadow="md" p="xl" w="100%" maw={400}>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                unlock.mutate();
              }}
            >
              <Stack gap="md">
                <Group gap="sm">
                  <ThemeIcon size={40} radius="xl" variant="light">
                    <IconLock size={22} />
                  </ThemeIcon>
                  <div>
                    <Title order={3} id="lock-title">
                      Screen locked
                    </Title>
                    <Text size="sm" c="dimmed">
                      {session.user.fullName} ({session.user.username})
                    </Text>
                  </div>
                </Group>
                <Text size="sm">Enter your password to continue where you left off.</Text>
                {unlock.error && (
                  <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                    {unlock.error.message}
                  </Alert>
                )}
                <PasswordInput label="Password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} data-autofocus autoComplete="current-password" />
                <Group justify="space-between">
                  <Button variant="subtle" color="gray" onClick={onSignOut}>
                    Sign out
                  </Button>
                  <Button type="submit" loading={unlock.isPending}>
                    Unlock
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Center>
      </FocusTrap>
    </Box>
  );
}
