// Step 4: the import itself. All or nothing: progress from main's `import.progress` events, a Cancel that stops it
// before it commits (nothing written then), and the counts of what was created.
import { Alert, Button, Group, Progress as ProgressBar, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck, IconFileImport, IconPlayerStop } from '@tabler/icons-react';
import type { ImportKind } from '@shared/domain/csv-import';
import { counted } from '@shared/domain/format';
import { href } from '../../app/router';
import { FormSection } from '../../components/FormSection';
import type { CommitOutcome, Progress } from './ImportPage';
import { Figure, KIND_CARDS, recordLabel } from './import-ui';

export interface CommitStepProps {
  kind: ImportKind;
  fileName: string;
  hospitalName: string;
  rows: number;
  committing: boolean;
  progress: Progress | null;
  outcome: CommitOutcome | null;
  error: string | undefined;
  cancelling: boolean;
  onCancel: () => void;
  onBack: () => void;
  onAnother: () => void;
}

export function CommitStep({ kind, fileName, hospitalName, rows, committing, progress, outcome, error, cancelling, onCancel, onBack, onAnother }: CommitStepProps) {
  if (committing) {
    const writing = progress?.phase === 'writing';
    const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
    return (
      <FormSection title={`Importing ${fileName}`} description="Every row is checked again, then written in one transaction: until it commits, Cancel leaves the hospital as it was.">
        <Stack gap={6}>
          <ProgressBar value={progress ? pct : 100} animated striped={!progress} size="lg" aria-label="Import progress" color={writing ? 'teal' : 'blue'} />
          <Text size="sm" c="dimmed" role="status">
            {cancelling
              ? 'Stopping…'
              : progress && progress.total > 0
                ? `${writing ? 'Writing' : 'Checking'} ${progress.done.toLocaleString()} of ${counted(progress.total, 'row')}…`
                : `Starting the import of ${counted(rows, 'row')}…`}
          </Text>
        </Stack>
        <Group>
          <Button variant="outline" color="red" leftSection={<IconPlayerStop size={16} />} onClick={onCancel} loading={cancelling}>
            Cancel import
          </Button>
        </Group>
      </FormSection>
    );
  }

  if (outcome && 'cancelled' in outcome) {
    return (
      <Stack gap="lg">
        <Alert color="gray" icon={<IconPlayerStop size={20} />} title="Import cancelled" role="status">
          It stopped before committing: nothing of {fileName} was written.
        </Alert>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            Back to the check
          </Button>
          <Button variant="light" leftSection={<IconFileImport size={16} />} onClick={onAnother}>
            Import another file
          </Button>
        </Group>
      </Stack>
    );
  }

  if (outcome) {
    const r = outcome.result;
    const created = Object.entries(r.created).filter(([, n]) => n > 0);
    const list = KIND_CARDS[kind].list;
    return (
      <Stack gap="lg">
        <Alert color="teal" icon={<IconCircleCheck size={20} />} title="Imported" role="status">
          {fileName} is imported at {hospitalName}: {created.length ? created.map(([what, n]) => `${n.toLocaleString()} ${recordLabel(what).toLowerCase()}`).join(', ') : 'nothing new'} created in one transaction.
          {r.alreadyImported > 0 ? ` ${r.alreadyImported.toLocaleString()} rows imported before were skipped.` : ''}
        </Alert>
        <SimpleGrid cols={{ base: 3, lg: 5 }} spacing="sm" aria-label="Import result">
          {created.map(([what, n]) => (
            <Figure key={what} label={`${recordLabel(what)} created`} value={n} color="teal.8" />
          ))}
          {created.length === 0 && <Figure label="Created" value={0} />}
          <Figure label="Already imported" value={r.alreadyImported} hint="skipped" />
          {r.updated > 0 && <Figure label="Completed" value={r.updated} hint="staff given their doctor details" />}
          {r.warningCount > 0 && <Figure label="Warnings" value={r.warningCount} color="yellow.8" />}
        </SimpleGrid>
        <Group justify="space-between">
          <Button component="a" href={href(list.path)} variant="default">
            {list.label}
          </Button>
          <Button leftSection={<IconFileImport size={16} />} onClick={onAnother}>
            Import another file
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Alert color="red" icon={<IconAlertCircle size={20} />} title="Nothing was imported" role="alert">
        {error ?? 'The import failed.'} The file was imported all or nothing: the hospital is as it was.
      </Alert>
      <Group>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          Back to the check
        </Button>
      </Group>
    </Stack>
  );
}
