// Sign-in with username and password (auth.login).
import { useState } from 'react';
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import type { SessionInfo } from '@shared/contract/users';
import { api } from '../api/client';
import { PublicLayout } from './PublicLayout';

export function SignIn({ notice, username: initialUsername, onSignedIn }: { notice?: string; username?: string; onSignedIn: (s: SessionInfo) => void }) {
  const [username, setUsername] = useState(initialUsername ?? '');
  const [password, setPassword] = useState('');
  const login = useMutation({ mutationFn: () => api.auth.login({ username, password }), onSuccess: onSignedIn });

  return (
    <PublicLayout>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate();
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={3}>Sign in</Title>
            <Text size="sm" c="dimmed">
              Use the account your administrator gave you.
            </Text>
          </div>
          {notice && (
            <Alert color="teal" icon={<IconInfoCircle size={18} />}>
              {notice}
            </Alert>
          )}
          {login.error && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {login.error.message}
            </Alert>
          )}
          <TextInput label="Username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} autoFocus={!initialUsername} required autoComplete="username" />
          <PasswordInput label="Password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus={!!initialUsername} required autoComplete="current-password" />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
