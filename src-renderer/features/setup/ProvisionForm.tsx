// A new database set up with the server's administrator account (typed once, never stored): the database, an owner
// account for upgrades (shown once, for the administrator to keep) and the application account this workstation keeps.
import { useState } from 'react';
import { Alert, Button, Code, Group, NumberInput, PasswordInput, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDatabasePlus, IconKey } from '@tabler/icons-react';
import { ProvisionInput, type ConnectionStatus, type ProvisionOutcome } from '@shared/contract/setup';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';

interface Values {
  host: string;
  port: number | '';
  serverAdminUser: string;
  serverAdminPassword: string;
  database: string;
  ownerUser: string;
  appUser: string;
  ca: string;
  adminUsername: string;
  adminPassword: string;
}

export function ProvisionForm({ status, onProvisioned, onDone }: { status: ConnectionStatus | undefined; onProvisioned: () => void; onDone: (s: ConnectionStatus) => void }) {
  const form = useForm<Values>({
    host: status?.host ?? '127.0.0.1',
    port: status?.port ?? 3306,
    serverAdminUser: 'root',
    serverAdminPassword: '',
    database: status?.database ?? 'hospital_desk',
    ownerUser: 'hd_owner',
    appUser: 'hd_app',
    ca: '',
    adminUsername: '',
    adminPassword: '',
  });
  const guarded = status?.needsAdminPassword === true;
  const [outcome, setOutcome] = useState<ProvisionOutcome | null>(null);
  const input = (): ProvisionInput => {
    const { adminUsername, adminPassword, ca, ...fields } = form.values;
    return { ...fields, port: fields.port === '' ? 3306 : fields.port, ...(ca.trim() ? { ca } : {}), ...(guarded ? { adminUsername, adminPassword } : {}) };
  };
  const provision = useMutation({
    mutationFn: () => api.setup.provision(input()),
    onSuccess: (r) => {
      // The server administrator's password is not kept, not even in the form.
      form.set('serverAdminPassword', '');
      setOutcome(r);
      onProvisioned();
    },
    onError: (e) => form.fail(e),
  });

  if (outcome) {
    return (
      <Stack gap="md">
        <Alert color="teal" icon={<IconKey size={18} />} title="The database is set up" role="status">
          <Stack gap="xs">
            <Text size="sm">
              This workstation now connects as <Code>{outcome.appUser}</Code>, which may read and write the hospital’s records but not change the
              database’s structure or the audit trail.
            </Text>
            <Text size="sm">
              Upgrades to new versions of Hospital Desk run as the owner account. Write its password down and keep it with the server’s administrator:
              it is shown this once and is not stored on this workstation.
            </Text>
            <Text size="sm">
              Owner account: <Code>{outcome.ownerUser}</Code> · password: <Code data-testid="owner-password">{outcome.ownerPassword}</Code>
            </Text>
          </Stack>
        </Alert>
        <Group justify="flex-end">
          <Button onClick={() => onDone(outcome.status)}>I have noted the owner password</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      {...form.formProps(() => {
        if (form.check(ProvisionInput, input()) !== null) provision.mutate();
      })}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          The server administrator’s account (root) is used for this once and is not stored. It creates the database, an owner account for upgrades and
          an application account for the workstations.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="Host" required {...form.text('host')} style={{ gridColumn: 'span 2' }} data-autofocus />
          <NumberInput label="Port" required min={1} max={65535} allowDecimal={false} value={form.values.port} onChange={(v) => form.set('port', typeof v === 'number' ? v : '')} error={form.errors.port} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Server administrator" required {...form.text('serverAdminUser')} autoComplete="off" />
          <PasswordInput label="Server administrator password" {...form.text('serverAdminPassword')} autoComplete="off" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="New database" required {...form.text('database')} />
          <TextInput label="Owner account" required {...form.text('ownerUser')} />
          <TextInput label="Application account" required {...form.text('appUser')} />
        </SimpleGrid>
        <Textarea label="CA certificate (optional, for TLS)" placeholder="-----BEGIN CERTIFICATE-----" autosize minRows={2} maxRows={6} {...form.text('ca')} />
        {guarded && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Hospital Desk administrator" required {...form.text('adminUsername')} autoComplete="off" />
            <PasswordInput label="Hospital Desk administrator password" required {...form.text('adminPassword')} autoComplete="off" />
          </SimpleGrid>
        )}
        <FormAlert message={form.formError} />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconDatabasePlus size={16} />} loading={provision.isPending}>
            Set up the database
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
