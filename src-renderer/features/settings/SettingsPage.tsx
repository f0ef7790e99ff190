// Settings (administrators): the idle screen lock, the hospitals of the chain, the database connection.
import { useEffect } from 'react';
import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { contract } from '@shared/contract';
import { counted } from '@shared/domain/format';
import { api } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';
import { HospitalsSection } from '../hospitals';
import { ConnectionForm, ConnectionStatusLine } from '../setup';

export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Apply to every workstation of the installation, except the database connection, which is per workstation." />
      <Stack gap="lg">
        <IdleLockSection />
        <HospitalsSection />
        <ConnectionSection />
      </Stack>
    </>
  );
}

function IdleLockSection() {
  const queryClient = useQueryClient();
  // The lock holds for every hospital's workstations: only an administrator of the whole chain sets it.
  const chainWide = useSession().session.user.allHospitals;
  const settings = useChannelQuery('settings.get');
  const form = useForm<{ idleLockMinutes: number | '' }>({ idleLockMinutes: '' });
  const loaded = settings.data?.idleLockMinutes;
  useEffect(() => {
    if (loaded !== undefined) form.setValues({ idleLockMinutes: loaded });
    // Only a newly loaded value replaces what is in the field.
  }, [loaded]);

  const save = useMutation({
    mutationFn: (idleLockMinutes: number) => api.settings.update({ idleLockMinutes }),
    onSuccess: (s) => {
      queryClient.setQueryData(channelKey('settings.get'), s);
      notifications.show({ color: 'teal', title: 'Settings saved', message: `Screens lock after ${counted(s.idleLockMinutes, 'minute')} without use (from the next sign-in).` });
    },
    onError: (e) => form.fail(e),
  });

  return (
    <FormSection title="Screen lock" description="A workstation left alone locks itself; the password unlocks it and the work on screen is kept.">
      <form
        {...form.formProps(() => {
          const input = { idleLockMinutes: form.values.idleLockMinutes === '' ? Number.NaN : form.values.idleLockMinutes };
          const ok = form.check(contract['settings.update'].input, input);
          if (ok) save.mutate(ok.idleLockMinutes);
        })}
      >
        <Group align="flex-end" gap="md">
          <NumberInput
            label="Lock after (minutes without use)"
            min={1}
            max={240}
            allowDecimal={false}
            w={260}
            value={form.values.idleLockMinutes}
            onChange={(v) => form.set('idleLockMinutes', typeof v === 'number' ? v : '')}
            error={form.errors.idleLockMinutes}
            disabled={settings.isPending || !chainWide}
          />
          {chainWide && (
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          {chainWide ? 'Between 1 and 240 minutes.' : 'Set for every hospital by an administrator of the whole chain.'}
        </Text>
        <FormAlert message={form.formError ?? settings.error?.message} />
      </form>
    </FormSection>
  );
}

function ConnectionSection() {
  const queryClient = useQueryClient();
  const status = useChannelQuery('connection.status');
  return (
    <FormSection title="Database connection" description="Where this workstation finds the hospital database. The password is stored encrypted on this computer.">
      <ConnectionStatusLine status={status.data} />
      {status.data && (
        // Which build this workstation runs and which schema its database holds: a chain upgrades workstations to match.
        <Text size="sm" c="dimmed" mt="xs" data-testid="versions">
          Hospital Desk {status.data.appVersion} on this workstation · database schema {status.data.schemaVersion ?? 'not known while disconnected'}
        </Text>
      )}
      {status.data && <ConnectionForm key={`${status.data.host}-${status.data.database}`} status={status.data} onSaved={(s) => queryClient.setQueryData(channelKey('connection.status'), s)} />}
    </FormSection>
  );
}
