// Where the MariaDB/MySQL database is: test it, save it (the password is stored encrypted on this workstation).
import { Alert, Button, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck, IconPlugConnected } from '@tabler/icons-react';
import { ConnectionChange, type ConnectionStatus } from '@shared/contract/setup';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';

interface Values {
  host: string;
  port: number | '';
  user: string;
  password: string;
  database: string;
  ca: string;
  readReplicas: string;
  adminUsername: string;
  adminPassword: string;
}

export function ConnectionForm({ status, onSaved }: { status: ConnectionStatus | undefined; onSaved: (s: ConnectionStatus) => void }) {
  // The saved replicas as host:port; sent only when changed, so a replica's own account saved earlier stays.
  const savedReplicas = status?.replicas?.join(', ') ?? '';
  const form = useForm<Values>({
    host: status?.host ?? '127.0.0.1',
    port: status?.port ?? 3306,
    user: status?.user ?? '',
    password: '',
    database: status?.database ?? 'hospital_desk',
    ca: '',
    readReplicas: savedReplicas,
    adminUsername: '',
    adminPassword: '',
  });
  const fromEnvironment = status?.source === 'env';
  // The configured database cannot be reached: only the workstation's administrator may point it elsewhere.
  const guarded = status?.needsAdminPassword === true;
  const input = (): ConnectionChange => {
    const { adminUsername, adminPassword, ca, readReplicas, ...fields } = form.values;
    return {
      ...fields,
      port: fields.port === '' ? 3306 : fields.port,
      ...(ca.trim() ? { ca } : {}),
      ...(readReplicas.trim() !== savedReplicas ? { readReplicas } : {}),
      ...(guarded ? { adminUsername, adminPassword } : {}),
    };
  };

  const test = useMutation({ mutationFn: () => api.connection.test(input()), onError: (e) => form.fail(e) });
  const save = useMutation({
    mutationFn: () => api.connection.save(input()),
    onSuccess: (s) => {
      notifications.show({ color: s.connected ? 'teal' : 'orange', title: 'Connection saved', message: s.connected ? `Connected to ${s.database} on ${s.host}.` : (s.message ?? 'Not connected yet.') });
      onSaved(s);
    },
    onError: (e) => form.fail(e),
  });

  const valid = () => {
    test.reset();
    return form.check(ConnectionChange, input()) !== null;
  };

  return (
    <form
      {...form.formProps(() => {
        if (valid()) save.mutate();
      })}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="Host" required {...form.text('host')} style={{ gridColumn: 'span 2' }} data-autofocus />
          <NumberInput label="Port" required min={1} max={65535} allowDecimal={false} value={form.values.port} onChange={(v) => form.set('port', typeof v === 'number' ? v : '')} error={form.errors.port} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="User" required {...form.text('user')} />
          <PasswordInput label="Password" {...form.text('password')} autoComplete="off" />
          <TextInput label="Database" required {...form.text('database')} />
        </SimpleGrid>
        <TextInput
          label="Read replicas (optional)"
          description="Servers replicating this one, comma-separated: host:port (same account) or mysql://user:password@host:port. Reports and boards read from them."
          placeholder="replica1.hospital.lan:3306, replica2.hospital.lan:3306"
          {...form.text('readReplicas')}
        />
        <Textarea label="CA certificate (optional, for TLS)" description="The server’s certificate is checked against it and the connection is encrypted." placeholder="-----BEGIN CERTIFICATE-----" autosize minRows={2} maxRows={6} {...form.text('ca')} />
        {guarded && (
          <Alert color="orange" title="The administrator’s password is needed" role="note">
            <Stack gap="sm">
              <Text size="sm">The database this workstation uses cannot be reached. Only its administrator can point it at another one.</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput label="Administrator" required {...form.text('adminUsername')} autoComplete="off" />
                <PasswordInput label="Administrator password" required {...form.text('adminPassword')} autoComplete="off" />
              </SimpleGrid>
            </Stack>
          </Alert>
        )}
        {test.data && (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} role="status">
            The server answers (version {test.data.serverVersion}).{' '}
            {test.data.databaseExists ? 'The database exists.' : 'The database does not exist yet; it is created when you save.'}
          </Alert>
        )}
        <FormAlert message={form.formError} />
        {fromEnvironment && (
          <Text size="sm" c="dimmed">
            This workstation takes its database from the HMS_DATABASE_URL setting; you can test other settings here, but not save them.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" leftSection={<IconPlugConnected size={16} />} onClick={() => valid() && test.mutate()} loading={test.isPending}>
            Test connection
          </Button>
          <Button type="submit" loading={save.isPending} disabled={fromEnvironment}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
