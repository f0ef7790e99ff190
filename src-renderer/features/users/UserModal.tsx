// Creating an account, or changing one: roles, hospitals, active; and resetting its password (which also lifts a lockout).
import { useState } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, PasswordInput, SimpleGrid, Stack, Switch, Tabs, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconLock } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { UserAccount } from '@shared/contract/users';
import { ROLE_LABELS, ROLES, type Role } from '@shared/domain/roles';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { confirmMatches, useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { ModalButtons } from '../../components/ModalButtons';
import { formatDateTime } from '../../components/format';

interface AccountValues {
  username: string;
  fullName: string;
  password: string;
  confirmPassword: string;
  roles: Role[];
  allHospitals: boolean;
  hospitalIds: string[];
  active: boolean;
}

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UserModal({ user, opened, onClose }: { user: UserAccount | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{user ? `Account of ${user.fullName}` : 'New user account'}</Text>} size="lg">
      {opened && (user ? <EditUser user={user} onClose={onClose} /> : <CreateUser onClose={onClose} />)}
    </Modal>
  );
}

function HospitalScopeFields({ values, set, error }: { values: AccountValues; set: <K extends keyof AccountValues>(k: K, v: AccountValues[K]) => void; error?: string }) {
  const { hospitals } = useSession();
  return (
    <Stack gap="xs">
      <Switch label="All hospitals of the chain" description="For chain-wide staff and administrators" checked={values.allHospitals} onChange={(e) => set('allHospitals', e.currentTarget.checked)} />
      <MultiSelect
        label="Hospitals"
        placeholder={values.allHospitals ? 'All hospitals' : 'Choose hospitals'}
        data={hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
        value={values.allHospitals ? [] : values.hospitalIds}
        onChange={(v) => set('hospitalIds', v)}
        disabled={values.allHospitals}
        error={error}
        searchable
      />
    </Stack>
  );
}

function CreateUser({ onClose }: { onClose: () => void }) {
  const { hospital } = useSession();
  const form = useForm<AccountValues>({
    username: '',
    fullName: '',
    password: '',
    confirmPassword: '',
    roles: ['front_desk'],
    allHospitals: false,
    hospitalIds: hospital ? [String(hospital.id)] : [],
    active: true,
  });
  const v = form.values;
  const input = () => ({ username: v.username, fullName: v.fullName, password: v.password, roles: v.roles, allHospitals: v.allHospitals, hospitalIds: v.allHospitals ? [] : v.hospitalIds.map(Number) });
  const create = useMutation({
    mutationFn: () => api.users.create(input()),
    onSuccess: (u) => {
      notifications.show({ color: 'teal', title: 'Account created', message: `${u.fullName} can now sign in as ${u.username}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  return (
    <form
      {...form.formProps(() => {
        const extra = confirmMatches(v.password, v.confirmPassword);
        if (form.check(contract['users.create'].input, input(), extra)) create.mutate();
      })}
    >
      <Stack gap="md">
        <SimpleGrid cols={2}>
          <TextInput label="Username" required description="Letters, digits, dot, dash, underscore" {...form.text('username')} data-autofocus />
          <TextInput label="Full name" required {...form.text('fullName')} />
          <PasswordInput label="Password" required description="At least 12 characters, not the username, not a common password" {...form.text('password')} autoComplete="new-password" />
          <PasswordInput label="Confirm password" required {...form.text('confirmPassword')} autoComplete="new-password" />
        </SimpleGrid>
        <MultiSelect label="Roles" required data={roleOptions} value={v.roles} onChange={(r) => form.set('roles', r as Role[])} error={form.errors.roles} />
        <HospitalScopeFields values={v} set={form.set} error={form.errors.hospitalIds} />
        <FormAlert message={form.formError} />
        <ModalButtons onCancel={onClose} submitLabel="Create account" loading={create.isPending} />
      </Stack>
    </form>
  );
}

function EditUser({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  const { session } = useSession();
  const [tab, setTab] = useState<string | null>('account');
  const lockedUntil = user.lockedUntil && new Date(user.lockedUntil) > new Date() ? user.lockedUntil : null;
  const form = useForm<AccountValues>({
    username: user.username,
    fullName: user.fullName,
    password: '',
    confirmPassword: '',
    roles: user.roles,
    allHospitals: user.allHospitals,
    hospitalIds: user.hospitalIds.map(String),
    active: user.active,
  });
  const v = form.values;
  const input = () => ({
    id: user.id,
    version: user.version,
    fullName: v.fullName,
    roles: v.roles,
    allHospitals: v.allHospitals,
    hospitalIds: v.allHospitals ? [] : v.hospitalIds.map(Number),
    active: v.active,
  });
  const update = useMutation({
    mutationFn: () => api.users.update(input()),
    onSuccess: (u) => {
      notifications.show({ color: 'teal', title: 'Account saved', message: `${u.fullName}: ${u.active ? 'active' : 'deactivated'}, ${u.roles.map((r) => ROLE_LABELS[r]).join(', ')}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });

  const pw = useForm({ newPassword: '', confirmPassword: '' });
  const reset = useMutation({
    mutationFn: () => api.users.resetPassword({ id: user.id, newPassword: pw.values.newPassword }),
    onSuccess: () => {
      notifications.show({ color: 'teal', title: 'Password reset', message: `${user.fullName} can sign in with the new password${lockedUntil ? '; the lockout is lifted' : ''}.` });
      onClose();
    },
    onError: (e) => pw.fail(e),
  });

  return (
    <Stack gap="md">
      {lockedUntil && (
        <Alert color="orange" icon={<IconLock size={18} />}>
          Locked after repeated failed sign-ins until {formatDateTime(lockedUntil)}. Resetting the password lifts the lock.
        </Alert>
      )}
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="account">Account</Tabs.Tab>
          <Tabs.Tab value="password">Reset password</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="account" pt="md">
          <form
            {...form.formProps(() => {
              if (form.check(contract['users.update'].input, input())) update.mutate();
            })}
          >
            <Stack gap="md">
              <SimpleGrid cols={2}>
                <TextInput label="Username" value={user.username} readOnly variant="filled" description="Cannot be changed" />
                <TextInput label="Full name" required {...form.text('fullName')} data-autofocus />
              </SimpleGrid>
              <MultiSelect label="Roles" required data={roleOptions} value={v.roles} onChange={(r) => form.set('roles', r as Role[])} error={form.errors.roles} />
              <HospitalScopeFields values={v} set={form.set} error={form.errors.hospitalIds} />
              <Switch
                label="Active"
                description={user.id === session.user.id ? 'You cannot deactivate your own account.' : 'A deactivated account cannot sign in; its history stays.'}
                checked={v.active}
                disabled={user.id === session.user.id}
                onChange={(e) => form.set('active', e.currentTarget.checked)}
              />
              <FormAlert message={form.formError} />
              <ModalButtons onCancel={onClose} submitLabel="Save account" loading={update.isPending} />
            </Stack>
          </form>
        </Tabs.Panel>
        <Tabs.Panel value="password" pt="md">
          <form
            {...pw.formProps(() => {
              const extra = confirmMatches(pw.values.newPassword, pw.values.confirmPassword);
              if (pw.check(contract['users.resetPassword'].input, { id: user.id, newPassword: pw.values.newPassword }, extra)) reset.mutate();
            })}
          >
            <Stack gap="md">
              <Text size="sm" c="dimmed">
                Give the new password to {user.fullName} in person. Resetting also unlocks an account locked after failed sign-ins.
              </Text>
              <SimpleGrid cols={2}>
                <PasswordInput label="New password" required description="At least 12 characters, not the username, not a common password" {...pw.text('newPassword')} autoComplete="new-password" />
                <PasswordInput label="Confirm new password" required {...pw.text('confirmPassword')} autoComplete="new-password" />
              </SimpleGrid>
              <FormAlert message={pw.formError} />
              <Group justify="flex-end">
                <Button type="submit" loading={reset.isPending}>
                  Reset password
                </Button>
              </Group>
            </Stack>
          </form>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
