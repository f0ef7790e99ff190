// Addenda of a signed encounter: corrections and later notes, kept with their author and time; never edited.
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconNotes } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Encounter } from '@shared/contract/clinical';
import { api } from '../../api/client';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { formatDateTime } from '../../components/format';
import { Panel } from '../../components/Panel';
import { useEncounterRights, useEncounterWrite } from './clinical-data';

export function AddendaSection({ encounter: e, timeZone }: { encounter: Encounter; timeZone: string }) {
  const rights = useEncounterRights(e);
  if (e.status === 'open' && e.addenda.length === 0) return null;
  return (
    <Panel title="Addenda">
      {e.addenda.length === 0 ? (
        <Text size="sm" c="dimmed">
          No addendum yet. Corrections to a signed record are added here; the record itself stays as signed.
        </Text>
      ) : (
        <Stack gap="xs" aria-label="Addenda list">
          {e.addenda.map((a) => (
            <Paper key={a.id} withBorder p="sm" bg="gray.0" aria-label={`Addendum by ${a.authorName}`}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {a.text}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {a.authorName}, {formatDateTime(a.createdAt, timeZone)}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {rights.addendum && <AddendumForm encounter={e} />}
    </Panel>
  );
}

function AddendumForm({ encounter: e }: { encounter: Encounter }) {
  const form = useForm({ text: '' });
  const add = useEncounterWrite(api.encounters.addendum, { done: () => form.setValues({ text: '' }), onError: (err) => form.fail(err) });
  const submit = () => {
    const input = form.check(contract['encounters.addendum'].input, { id: e.id, text: form.values.text });
    if (input) add.mutate(input);
  };
  return (
    <form {...form.formProps(submit)} aria-label="Add an addendum">
      <Stack gap="xs">
        <Textarea label="New addendum" placeholder="A correction or a later note; it is kept with your name and the time." autosize minRows={2} maxLength={5000} {...form.text('text')} />
        <FormAlert message={form.formError} title="Addendum not added" />
        <Group justify="flex-end">
          <Button type="submit" variant="light" leftSection={<IconNotes size={16} />} loading={add.isPending}>
            Add addendum
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
