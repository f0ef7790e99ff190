// First start, nothing configured: keep the records on this computer (a private MariaDB server, nothing to set up) or
// on a database server shared by the hospital's workstations.
import { Alert, Button, Card, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDeviceDesktop, IconServer2 } from '@tabler/icons-react';
import type { ConnectionStatus } from '@shared/contract/setup';
import { api, isApiError } from '../../api/client';

export function WhereChoice({ status, onThisComputer, onServer }: { status: ConnectionStatus; onThisComputer: (s: ConnectionStatus) => void; onServer: () => void }) {
  const useThisComputer = useMutation({ mutationFn: () => api.setup.useThisComputer({}), onSuccess: onThisComputer });
  const available = status.thisComputer?.available === true;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="where-this-computer">
          <Stack gap="sm" h="100%">
            <ThemeIcon variant="light" size="lg">
              <IconDeviceDesktop size={20} />
            </ThemeIcon>
            <Title order={4} id="where-this-computer">
              Only this computer
            </Title>
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              For a single desk or a small clinic. Hospital Desk runs its own private database on this computer, started and
              stopped with the app: nothing to set up. The records can move to a database server later.
            </Text>
            {!available && (
              <Text size="sm" c="orange">
                MariaDB is not installed on this computer: install the mariadb-server package first.
              </Text>
            )}
            <Button onClick={() => useThisComputer.mutate()} loading={useThisComputer.isPending} disabled={!available}>
              Only this computer
            </Button>
          </Stack>
        </Card>
        <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="where-server">
          <Stack gap="sm" h="100%">
            <ThemeIcon variant="light" size="lg" color="gray">
              <IconServer2 size={20} />
            </ThemeIcon>
            <Title order={4} id="where-server">
              A database server
            </Title>
            <Text size="sm" c="dimmed" style={{ flex: 1 }}>
              For several workstations or hospitals sharing one set of records: a MariaDB or MySQL server that your
              administrator runs, or one you set up now with the server’s administrator account.
            </Text>
            <Button variant="default" onClick={onServer} disabled={useThisComputer.isPending}>
              A database server
            </Button>
          </Stack>
        </Card>
      </SimpleGrid>
      {useThisComputer.isPending && (
        <Text size="sm" c="dimmed" role="status">
          Starting the private database and setting it up: this takes a few seconds the first time.
        </Text>
      )}
      {useThisComputer.isError && (
        <Alert color="red" title="The private database did not start" role="alert">
          {isApiError(useThisComputer.error) ? useThisComputer.error.message : String(useThisComputer.error)}
        </Alert>
      )}
    </Stack>
  );
}
