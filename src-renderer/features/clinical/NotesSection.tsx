// The presenting complaint and the SOAP notes of an encounter: edited while it is open, read-only once signed.
import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Encounter } from '@shared/contract/clinical';
import { Detail } from '../../components/Detail';
import { FormAlert } from '../../components/FormSection';
import { Panel } from '../../components/Panel';
import { useEncounterRights } from './clinical-data';
import { useEncounterDraft, type EncounterDraft } from './encounter-draft';

const NOTES = [
  ['subjective', 'Subjective', 'History as the patient tells it'],
  ['objective', 'Objective', 'Examination findings'],
  ['assessment', 'Assessment', 'What you make of it'],
  ['plan', 'Plan', 'Treatment, follow-up, advice'],
] as const;

const NOTE_LABELS = { complaint: 'Presenting complaint', ...Object.fromEntries(NOTES.map(([k, label]) => [k, label])) } as Record<keyof ReturnType<typeof notesOf>, string>;

const notesOf = (e: Encounter) => ({
  complaint: e.complaint ?? '',
  subjective: e.subjective ?? '',
  objective: e.objective ?? '',
  assessment: e.assessment ?? '',
  plan: e.plan ?? '',
});

export function NotesSection({ encounter: e }: { encounter: Encounter }) {
  const rights = useEncounterRights(e);
  if (!rights.notes) {
    return (
      <Panel title="Notes">
        <Stack gap="sm">
          <Detail label="Presenting complaint">{e.complaint}</Detail>
          {NOTES.map(([key, label]) => (
            <Detail key={key} label={label}>
              {e[key]}
            </Detail>
          ))}
        </Stack>
      </Panel>
    );
  }
  return <NotesForm encounter={e} />;
}

function NotesForm({ encounter: e }: { encounter: Encounter }) {
  const draft = useEncounterDraft(e, notesOf, 'the notes', 'Notes saved.');
  const { form } = draft;
  const submit = () => {
    const input = form.check(contract['encounters.update'].input, { id: e.id, version: e.version, ...form.values });
    if (input) draft.save({ complaint: input.complaint || null, subjective: input.subjective, objective: input.objective, assessment: input.assessment, plan: input.plan });
  };
  return (
    <Panel title="Notes" actions={<SaveState draft={draft} />}>
      <form {...form.formProps(submit)} aria-label="Notes">
        <Stack gap="sm">
          <DraftConflict draft={draft} what="the notes" labels={NOTE_LABELS} />
          <TextInput label="Presenting complaint" placeholder="e.g. Fever and headache for 3 days" maxLength={2000} {...form.text('complaint')} />
          {NOTES.map(([key, label, hint]) => (
            <Textarea key={key} label={label} placeholder={hint} autosize minRows={2} maxRows={10} maxLength={10_000} {...form.text(key)} />
          ))}
          <FormAlert message={draft.changedElsewhere ? null : form.formError} title="Notes not saved" />
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={draft.saving} disabled={!draft.dirty}>
              Save notes
            </Button>
          </Group>
        </Stack>
      </form>
    </Panel>
  );
}

/** "Unsaved changes" beside a section's title while it differs from what is stored. */
export function SaveState({ draft }: { draft: Pick<EncounterDraft<object>, 'dirty'> }) {
  return draft.dirty ? (
    <Text size="sm" c="orange.8">
      Unsaved changes
    </Text>
  ) : null;
}

/** Another desk saved these fields while this one was editing: show theirs, or save this desk's over them. */
export function DraftConflict<V extends object>({ draft, what, labels }: { draft: Pick<EncounterDraft<V>, 'changedElsewhere' | 'theirs' | 'loadLatest' | 'keepMine'>; what: string; labels: Record<keyof V, string> }) {
  if (!draft.changedElsewhere) return null;
  const changed = Object.entries(draft.theirs) as [keyof V & string, unknown][];
  return (
    <Alert color="orange" title={`Changed at another desk`} role="alert">
      <Stack gap="xs">
        <Text size="sm">Someone saved {what} while you were editing them here. Your text is still in the form, not saved.</Text>
        {changed.length > 0 && (
          <Stack gap={2} aria-label="Their version">
            {changed.map(([k, v]) => (
              <Text key={k} size="sm">
                <b>{labels[k]}</b> now reads: {v === '' ? '(empty)' : `“${String(v)}”`}
              </Text>
            ))}
          </Stack>
        )}
        <Group gap="xs">
          <Button size="xs" variant="white" color="orange" onClick={draft.loadLatest}>
            Show their version
          </Button>
          <Button size="xs" color="orange" onClick={draft.keepMine}>
            Keep mine (save over theirs next)
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
