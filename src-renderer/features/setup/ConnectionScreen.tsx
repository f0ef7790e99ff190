// Shown when the workstation has no working database connection: status, and the connection form.
import { useEffect, useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowBack, IconDatabasePlus, IconRefresh } from '@tabler/icons-react';
import { useChannelQuery } from '../../api/queries';
import { PublicLayout } from '../../app/PublicLayout';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionStatusLine } from './ConnectionStatusLine';
import { ProvisionForm } from './ProvisionForm';
import { UpgradeForm } from './UpgradeForm';
import { WhereChoice } from './WhereChoice';

export function ConnectionScreen({ onConnected }: { onConnected: () => void }) {
  const status = useChannelQuery('connection.status', undefined, { refetchInterval: 5000 });
  const connected = status.data?.connected === true;
  // Nothing configured yet: first the choice between this computer and a server; then connecting to a database an
  // administrator set up, or setting up a new one with the server's administrator account.
  const [chosen, setMode] = useState<'choose' | 'connect' | 'provision' | null>(null);
  const mode = chosen ?? (status.data?.source === 'none' && status.data.thisComputer ? 'choose' : 'connect');
  const canProvision = status.data !== undefined && status.data.source !== 'env';
  // After setting up a new database the screen stays until the owner password has been noted (onDone below).
  useEffect(() => {
    if (connected && mode === 'connect') onConnected();
  }, [connected, mode, onConnected]);

  return (
    <PublicLayout width={640}>
      <Stack gap="md">
        {mode === 'choose' ? (
          <div>
            <Title order={3}>Where should Hospital Desk keep its records?</Title>
            <Text size="sm" c="dimmed">
              Choose once; an administrator can move the records to a server later.
            </Text>
          </div>
        ) : (
          <div>
            <Title order={3}>Connect to the database</Title>
            <Text size="sm" c="dimmed">
              Hospital Desk keeps its records in a MariaDB or MySQL database shared by every workstation of the hospital.
            </Text>
          </div>
        )}
        {mode !== 'choose' && <ConnectionStatusLine status={status.data} />}
        {status.data?.source === 'env' && (
          <Text size="sm">Hospital Desk keeps trying and carries on by itself as soon as the database answers.</Text>
        )}
        {status.data?.needsUpgrade && <UpgradeForm onUpgraded={() => void status.refetch()} />}
        {status.data && mode === 'choose' && <WhereChoice status={status.data} onThisComputer={(s) => (s.connected ? onConnected() : void status.refetch())} onServer={() => setMode('connect')} />}
        {!status.isPending && mode === 'connect' && <ConnectionForm status={status.data} onSaved={(s) => s.connected && onConnected()} />}
        {!status.isPending && mode === 'provision' && canProvision && <ProvisionForm status={status.data} onProvisioned={() => void status.refetch()} onDone={(s) => s.connected && onConnected()} />}
        <Group justify="flex-start">
          {mode !== 'choose' && status.data?.source === 'none' && status.data.thisComputer && (
            <Button variant="subtle" leftSection={<IconArrowBack size={16} />} onClick={() => setMode('choose')}>
              Back to the choice: this computer or a server
            </Button>
          )}
          {canProvision &&
            mode !== 'choose' &&
            (mode === 'connect' ? (
              <Button variant="subtle" leftSection={<IconDatabasePlus size={16} />} onClick={() => setMode('provision')}>
                Set up a new database with the server’s administrator account
              </Button>
            ) : (
              <Button variant="subtle" leftSection={<IconArrowBack size={16} />} onClick={() => setMode('connect')}>
                Connect to an existing database instead
              </Button>
            ))}
          {mode !== 'choose' && (
            <Button variant="subtle" leftSection={<IconRefresh size={16} />} onClick={() => void status.refetch()} loading={status.isFetching}>
              Check again
            </Button>
          )}
        </Group>
      </Stack>
    </PublicLayout>
  );
}
