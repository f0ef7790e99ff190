// The diagnoses of an encounter, coded with ICD-10: primary or secondary, provisional or confirmed.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Diagnosis, Encounter, IcdCode } from '@shared/contract/clinical';
import type { DiagnosisCertainty, DiagnosisRank } from '@shared/domain/clinical';
import { api } from '../../api/client';
import { Panel } from '../../components/Panel';
import { TableHead } from '../../components/TableHead';
import { useEncounterRights, useEncounterWrite } from './clinical-data';
import { AddBox } from './AddBox';
import { IcdCodePicker } from './IcdCodePicker';

const RANKS: Record<DiagnosisRank, string> = { primary: 'Primary', secondary: 'Secondary' };
const CERTAINTIES: Record<DiagnosisCertainty, string> = { provisional: 'Provisional', confirmed: 'Confirmed' };
const choices = <T extends string>(labels: Record<T, string>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

export function DiagnosesSection({ encounter: e }: { encounter: Encounter }) {
  const rights = useEncounterRights(e);
  return (
    <Panel title="Diagnoses">
      {e.diagnoses.length === 0 ? (
        <Text size="sm" c="dimmed">
          No diagnosis yet.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label="Diagnoses">
          <TableHead columns={[{ title: 'Code', width: 90 }, 'Diagnosis', { title: 'Rank', width: 200 }, { title: 'Certainty', width: 220 }, rights.clinician && { title: '', width: 40 }]} />
          <Table.Tbody>
            {e.diagnoses.map((d) => (
              <DiagnosisRow key={d.id} d={d} editable={rights.clinician} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rights.clinician && <AddDiagnosis encounter={e} />}
    </Panel>
  );
}

function DiagnosisRow({ d, editable }: { d: Diagnosis; editable: boolean }) {
  const update = useEncounterWrite(api.diagnoses.update, { failTitle: 'Diagnosis not changed' });
  const remove = useEncounterWrite(api.diagnoses.remove, { failTitle: 'Diagnosis not removed' });
  return (
    <Table.Tr aria-label={`${d.code} ${d.title}`}>
      <Table.Td>
        <Text ff="monospace" fw={600} size="sm">
          {d.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{d.title}</Text>
        {d.note && (
          <Text size="xs" c="dimmed">
            {d.note}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <SegmentedControl size="xs" aria-label={`Rank of ${d.code}`} data={choices(RANKS)} value={d.rank} onChange={(rank) => update.mutate({ id: d.id, rank: rank as DiagnosisRank })} disabled={update.isPending} />
        ) : (
          <Badge variant={d.rank === 'primary' ? 'filled' : 'light'} radius="sm" tt="none">
            {RANKS[d.rank]}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {editable ? (
          <SegmentedControl size="xs" aria-label={`Certainty of ${d.code}`} data={choices(CERTAINTIES)} value={d.certainty} onChange={(c) => update.mutate({ id: d.id, certainty: c as DiagnosisCertainty })} disabled={update.isPending} />
        ) : (
          <Badge variant="light" color={d.certainty === 'confirmed' ? 'teal' : 'yellow'} radius="sm" tt="none">
            {CERTAINTIES[d.certainty]}
          </Badge>
        )}
      </Table.Td>
      {editable && (
        <Table.Td>
          <ActionIcon variant="subtle" color="red" aria-label={`Remove ${d.code}`} loading={remove.isPending} onClick={() => remove.mutate({ id: d.id })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function AddDiagnosis({ encounter: e }: { encounter: Encounter }) {
  const hasPrimary = e.diagnoses.some((d) => d.rank === 'primary');
  const [code, setCode] = useState<IcdCode | null>(null);
  const [rank, setRank] = useState<DiagnosisRank | null>(null);
  const [certainty, setCertainty] = useState<DiagnosisCertainty>('provisional');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = useEncounterWrite(api.diagnoses.add, {
    done: () => {
      setCode(null);
      setRank(null);
      setCertainty('provisional');
      setNote('');
    },
    onError: (err) => setError(err.fields?.code ?? err.message),
  });
  const chosenRank = rank ?? (hasPrimary ? 'secondary' : 'primary');
  return (
    <form
      aria-label="Add a diagnosis"
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!code) return setError('Choose a code from the list.');
        setError(undefined);
        add.mutate({ encounterId: e.id, code: code.code, rank: chosenRank, certainty, note: note || null });
      }}
    >
      <AddBox>
        <Stack gap="xs">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <IcdCodePicker
              value={code}
              onChange={(c) => {
                setCode(c);
                setError(undefined);
              }}
              error={error}
            />
            <SegmentedControl aria-label="Rank" data={choices(RANKS)} value={chosenRank} onChange={(r) => setRank(r as DiagnosisRank)} />
            <SegmentedControl aria-label="Certainty" data={choices(CERTAINTIES)} value={certainty} onChange={(c) => setCertainty(c as DiagnosisCertainty)} />
          </Group>
          <Group align="flex-end" gap="sm">
            <TextInput label="Note" placeholder="Optional, e.g. RDT positive" value={note} onChange={(ev) => setNote(ev.currentTarget.value)} maxLength={1000} style={{ flex: 1 }} />
            <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
              Add diagnosis
            </Button>
          </Group>
        </Stack>
      </AddBox>
    </form>
  );
}
