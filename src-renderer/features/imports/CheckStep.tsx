// Step 3: the dry run's answer: what the import would do, what the hospital lacks (created on import when ticked),
// values to translate, possible duplicates, every problem, and the first rows as they would be stored.
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Checkbox, Group, List, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconCircleCheck, IconDatabaseImport, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import type { ImportPreview } from '@shared/contract/imports';
import { FormAlert } from '../../components/FormSection';
import { displayPhone } from '../../components/format';
import { Panel } from '../../components/Panel';
import type { ImportChoices } from './ImportPage';
import { choiceLabel, Figure, StepActions } from './import-ui';
import { ProblemsTable } from './ProblemsTable';

export interface CheckStepProps {
  fileName: string;
  hospitalName: string;
  preview: ImportPreview;
  choices: ImportChoices;
  onRecheck: (c: ImportChoices) => void;
  checking: boolean;
  /** The bar of a running check, with its Stop button. */
  checkBar: ReactNode;
  error: string | undefined;
  onBack: () => void;
  onImport: () => void;
}

export function CheckStep({ fileName, hospitalName, preview: p, choices, onRecheck, checking, checkBar, error, onBack, onImport }: CheckStepProps) {
  const s = p.summary;
  const duplicates = s.duplicatesInFile + s.duplicatesInDatabase;
  const missing = [
    ...p.missing.departments.map((name) => ({ what: 'Department', name })),
    ...p.missing.specializations.map((name) => ({ what: 'Specialization', name })),
    // Without a floor column the hospital's default floor is made anyway (told under "Good to know"): not a choice.
    ...(p.mapping.floor ? p.missing.floors : []).map((name) => ({ what: 'Floor', name })),
  ];

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 3, lg: 6 }} spacing="sm" aria-label="Summary">
        <Figure label="Rows" value={p.rows} />
        <Figure label="To create" value={s.create} color={s.create > 0 ? 'teal.8' : undefined} />
        <Figure label="Already imported" value={s.alreadyImported} hint="skipped" />
        <Figure label="Duplicates" value={duplicates} color={duplicates > 0 ? 'orange.7' : undefined} hint={duplicates ? `${s.duplicatesInFile} in the file, ${s.duplicatesInDatabase} registered` : undefined} />
        <Figure label="Problems" value={p.errorCount} color={p.errorCount > 0 ? 'red.7' : undefined} />
        <Figure label="Warnings" value={p.warningCount} color={p.warningCount > 0 ? 'yellow.8' : undefined} />
      </SimpleGrid>

      {p.canCommit ? (
        <Alert color="teal" icon={<IconCircleCheck size={20} />} title="Ready to import" role="status">
          {s.create.toLocaleString()} {s.create === 1 ? 'record' : 'records'} will be created at {hospitalName}
          {s.alreadyImported > 0 ? `; ${s.alreadyImported.toLocaleString()} rows imported before are skipped` : ''}. Nothing has been written yet.
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertCircle size={20} />} title={`${p.errorCount.toLocaleString()} ${p.errorCount === 1 ? 'problem stops' : 'problems stop'} the import`} role="alert">
          A file with any problem imports nothing. Fix the file and choose it again, or settle what this screen offers below, then check again.
        </Alert>
      )}

      {missing.length > 0 && (
        <Panel title={`Not at ${hospitalName} yet`} label="Missing at the hospital">
          <Text size="sm" c="dimmed">
            The file names {missing.length === 1 ? 'one that the hospital lacks' : `${missing.length} that the hospital lacks`}.
          </Text>
          <Group gap={6}>
            {missing.map((m) => (
              <Badge key={`${m.what}-${m.name}`} variant="light" color="gray" radius="sm" tt="none" size="lg" fw={500}>
                <Text span size="xs" c="dimmed" mr={4}>
                  {m.what}
                </Text>
                {m.name}
              </Badge>
            ))}
          </Group>
          <Checkbox
            label="Create them on import"
            description={choices.createMissing ? 'They are created in the same transaction as the rows.' : 'Without this, rows naming them are problems.'}
            checked={choices.createMissing}
            onChange={(e) => onRecheck({ ...choices, createMissing: e.currentTarget.checked })}
            disabled={checking}
          />
        </Panel>
      )}

      {p.unknownValues.length > 0 && <ValueTranslations preview={p} choices={choices} onRecheck={onRecheck} checking={checking} />}

      {(duplicates > 0 || choices.acknowledgeDuplicates) && (
        <Panel title="Possible duplicates" label="Possible duplicates">
          <Text size="sm" c="dimmed">
            Rows that match another row of the file or a registered patient by the same rules as registration (same phone, or same birth date and a similar name); each is listed below.
          </Text>
          <Checkbox
            label="They are different people: import them anyway"
            checked={choices.acknowledgeDuplicates}
            onChange={(e) => onRecheck({ ...choices, acknowledgeDuplicates: e.currentTarget.checked })}
            disabled={checking}
          />
        </Panel>
      )}

      {(p.assumptions.length > 0 || s.sharedPhones.length > 0) && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} title="Good to know">
          <List size="sm" spacing={2}>
            {p.assumptions.map((a) => (
              <List.Item key={a}>{a}</List.Item>
            ))}
            {s.sharedPhones.slice(0, 5).map((sp) => (
              <List.Item key={sp.phone}>
                {sp.rows} rows share the phone number {displayPhone(sp.phone) || sp.phone}.
              </List.Item>
            ))}
            {s.sharedPhones.length > 5 && <List.Item>And {s.sharedPhones.length - 5} more shared phone numbers.</List.Item>}
          </List>
        </Alert>
      )}

      {p.problems.length > 0 && (
        <Panel
          title={`${p.errorCount && p.warningCount ? 'Problems and warnings' : p.errorCount ? 'Problems' : 'Warnings'} (${(p.errorCount + p.warningCount).toLocaleString()})`}
          label="Problems of the file"
          gap="md"
        >
          {p.problemsTruncated && (
            <Text size="sm" c="dimmed">
              The first {p.problems.length.toLocaleString()} are listed; fix them and check again for the rest.
            </Text>
          )}
          <ProblemsTable problems={p.problems} fileName={fileName} />
        </Panel>
      )}

      {p.sample.length > 0 && <SampleRows sample={p.sample} fields={p.fields} />}

      {checkBar}
      <FormAlert message={error} title="Not checked" />
      <StepActions>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={checking}>
          Back to columns
        </Button>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => onRecheck(choices)} loading={checking}>
            Check again
          </Button>
          <Tooltip label="Every problem must be settled first: a file with any problem imports nothing." disabled={p.canCommit} multiline w={260}>
            <Button leftSection={<IconDatabaseImport size={16} />} onClick={onImport} disabled={!p.canCommit || checking} data-disabled={!p.canCommit || checking || undefined}>
              Import {s.create.toLocaleString()} {s.create === 1 ? 'record' : 'records'}
            </Button>
          </Tooltip>
        </Group>
      </StepActions>
    </Stack>
  );
}

/** Values of fixed-list fields the app does not know ("specialized units"): each given one of the app's values. */
function ValueTranslations({ preview, choices, onRecheck, checking }: { preview: ImportPreview; choices: ImportChoices; onRecheck: (c: ImportChoices) => void; checking: boolean }) {
  const [given, setGiven] = useState<Record<string, Record<string, string>>>(choices.values ?? {});
  const set = (field: string, value: string, meaning: string | null) =>
    setGiven((g) => {
      const forField = { ...g[field] };
      if (meaning) forField[value] = meaning;
      else delete forField[value];
      return { ...g, [field]: forField };
    });
  return (
    <Panel title="Values the app does not know" gap="md">
      <Text size="sm" c="dimmed" mt={-8}>
        Say what each means here, or leave it: rows holding it are problems.
      </Text>
      {preview.unknownValues.map((u) => {
        const choicesOf = preview.fields.find((f) => f.name === u.field)?.choices ?? [];
        return (
          <Stack key={u.field} gap="xs">
            <Text size="sm" fw={600}>
              {u.column}
            </Text>
            <Stack gap="xs">
              {u.values.map((v) => (
                <Group key={v} gap="sm" wrap="nowrap">
                  <Badge variant="light" color="gray" radius="sm" tt="none" fw={500} size="lg" w={220} style={{ justifyContent: 'flex-start' }}>
                    {v}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    means
                  </Text>
                  <Select
                    aria-label={`${u.column} “${v}” means`}
                    data={choicesOf.map((c) => ({ value: c, label: choiceLabel(c) }))}
                    value={given[u.field]?.[v] ?? null}
                    onChange={(m) => set(u.field, v, m)}
                    placeholder="Choose…"
                    clearable
                    size="sm"
                    w={260}
                  />
                </Group>
              ))}
            </Stack>
          </Stack>
        );
      })}
      <Group>
        <Button variant="light" onClick={() => onRecheck({ ...choices, values: given })} loading={checking}>
          Use these meanings and check again
        </Button>
      </Group>
    </Panel>
  );
}

/** The first rows as they would be stored: mapped, dates and phones normalised. */
function SampleRows({ sample, fields }: { sample: ImportPreview['sample']; fields: ImportPreview['fields'] }) {
  // Columns with nothing in any sample row are left out; the rest under the app's field names.
  const keys = Object.keys(sample[0] ?? {}).filter((k) => sample.some((r) => r[k] !== null && r[k] !== ''));
  const label = (k: string) => (k === 'row' ? 'Row' : (fields.find((f) => f.name === k)?.label ?? k));
  return (
    <Panel title="First rows as they will be stored" label="Sample rows">
      <ScrollArea type="auto">
        <Table verticalSpacing={4} striped withTableBorder aria-label="Sample rows" style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              {keys.map((k) => (
                <Table.Th key={k}>{label(k)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sample.map((r, i) => (
              <Table.Tr key={i}>
                {keys.map((k) => (
                  <Table.Td key={k}>
                    {r[k] === null || r[k] === '' ? (
                      <Text span size="sm" c="dimmed">
                        —
                      </Text>
                    ) : (
                      String(r[k])
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Panel>
  );
}
