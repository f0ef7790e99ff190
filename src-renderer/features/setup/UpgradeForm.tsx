// The database is older than this version of Hospital Desk: an administrator upgrades it with the owner account's
// credentials, typed here for this once and never stored.
import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDatabaseCog } from '@tabler/icons-react';
import { UpgradeInput, type ConnectionStatus } from '@shared/contract/setup';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';

export function UpgradeForm({ onUpgraded }: { onUpgraded: (s: ConnectionStatus) => void }) {
  const form = useForm<{ ownerUser: string; ownerPassword: string }>({ ownerUser: 'hd_owner', ownerPassword: '' });
  const upgrade = useMutation({
    mutationFn: () => api.setup.upgrade(form.values),
    onSuccess: (s) => {
      form.set('ownerPassword', '');
      onUpgraded(s);
    },
    onError: (e) => form.fail(e),
  });
  return (
    <form
      {...form.formProps(() => {
        if (form.check(UpgradeInput, form.values) !== null) upgrade.mutate();
      })}
    >
      <Alert color="orange" icon={<IconDatabaseCog size={18} />} title="Upgrade the database" role="note">
        <Stack gap="sm">
          <Text size="sm">
            The database needs upgrading to this version of Hospital Desk. An administrator can upgrade it here with the owner account (the one `npm run db:provision` printed). Its password is used for this once and
            is not stored; this workstation keeps connecting with its own account.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Owner account" required {...form.text('ownerUser')} autoComplete="off" />
            <PasswordInput label="Owner password" {...form.text('ownerPassword')} autoComplete="off" />
          </SimpleGrid>
          <FormAlert message={form.formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={upgrade.isPending}>
              Upgrade the database
            </Button>
          </Group>
        </Stack>
      </Alert>
    </form>
  );
}
