// Step 2: which column of the file feeds each field of the app (pre-filled: remembered for a file of this shape, or
// proposed from the headers), what happens to a field the file lacks, and the date format the file is written in.
import { useMemo, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Radio, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconBookmark, IconSparkles } from '@tabler/icons-react';
import type { ImportPreview } from '@shared/contract/imports';
import { DATE_FORMATS, IMPORT_FIELDS, parseCsv, unusedReason, type DateFormat, type ImportKind } from '@shared/domain/csv-import';
import { FormAlert, FormSection } from '../../components/FormSection';
import { TableHead } from '../../components/TableHead';
import type { ImportChoices, LoadedFile } from './ImportPage';
import { DATE_FORMAT_EXAMPLES, StepActions } from './import-ui';

/** The option that leaves a field out (reachable by keyboard, unlike the clear button). */
const NOT_IN_FILE = '\u0000none';

/** Rows of the file shown beside each field, so the administrator sees what a column holds. */
const EXAMPLE_ROWS = 3;

export interface MappingStepProps {
  kind: ImportKind;
  file: LoadedFile;
  preview: ImportPreview;
  origin: ImportPreview['mappingSource'] | null;
  choices: ImportChoices;
  onChoices: (c: ImportChoices) => void;
  checking: boolean;
  /** The bar of a running check, with its Stop button. */
  checkBar: ReactNode;
  error: string | undefined;
  onBack: () => void;
  onCheck: () => void;
}

export function MappingStep({ kind, file, preview, origin, choices, onChoices, checking, checkBar, error, onBack, onCheck }: MappingStepProps) {
  const mapping = choices.mapping ?? preview.mapping;
  const fields = preview.fields;
  const hasDates = IMPORT_FIELDS[kind].some((f) => f.type === 'date' && mapping[f.name]);

  // The first rows, read on this desk from the start of the file: enough to show examples.
  const examples = useMemo(() => {
    const parsed = parseCsv(file.text.slice(0, 200_000), preview.delimiter);
    const [header = [], ...rows] = parsed.records;
    return (column: string | null) => {
      const at = column === null ? -1 : header.indexOf(column);
      return at < 0 ? [] : rows.slice(0, EXAMPLE_ROWS).map((r) => r[at] ?? '');
    };
  }, [file.text, preview.delimiter]);

  const used = new Set(Object.values(mapping).filter((v): v is string => !!v));
  const unused = preview.headers.filter((h) => !used.has(h));
  const missingRequired = fields.filter((f) => f.required && !mapping[f.name]);
  const setField = (name: string, header: string | null) => onChoices({ ...choices, mapping: { ...mapping, [name]: header } });
  const headerOptions = preview.headers.map((h) => ({ value: h, label: h }));

  const declared = choices.dateFormat;
  const possible = preview.dateFormatsPossible;
  const ambiguous = !declared && possible.length > 1;

  return (
    <Stack gap="lg">
      <FormSection
        title="Columns"
        description={
          <>
            Each field of the app takes one column of <b>{file.name}</b>. Fields marked <Text span c="red.7" fw={700}>*</Text> are required.
          </>
        }
      >
        {origin === 'remembered' ? (
          <Alert color="teal" variant="light" icon={<IconBookmark size={18} />} title="Mapping remembered">
            A file with these columns was imported before: its mapping is filled in. Change it if this file differs.
          </Alert>
        ) : (
          <Alert color="blue" variant="light" icon={<IconSparkles size={18} />} title="Mapping proposed from the headers">
            Check each field; the mapping is remembered for the next file with these columns once it is imported.
          </Alert>
        )}
        <Table verticalSpacing="sm" aria-label="Column mapping" layout="fixed">
          <TableHead columns={[{ title: 'Field', width: '30%' }, { title: 'Column of the file', width: '30%' }, 'First rows of that column']} />
          <Table.Tbody>
            {fields.map((f) => {
              const column = mapping[f.name] ?? null;
              const values = examples(column);
              return (
                <Table.Tr key={f.name}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {f.label}
                      {f.required && (
                        <Text span c="red.7" fw={700} aria-label="required">
                          {' '}*
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      e.g. {f.example}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={f.label}
                      data={f.required ? headerOptions : [{ value: NOT_IN_FILE, label: 'Not in the file (leave out)' }, ...headerOptions]}
                      value={column}
                      onChange={(v) => setField(f.name, v === NOT_IN_FILE ? null : v)}
                      placeholder="Not in the file"
                      clearable={!f.required}
                      // A file completing records imported before (seed 001's doctor.csv: an id and a specialization)
                      // may lack a required field: the check says whether any row needed it.
                      description={f.required && !column ? 'Required for new records' : undefined}
                      styles={f.required && !column ? { input: { borderColor: 'var(--mantine-color-orange-5)' }, description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
                      searchable
                      size="sm"
                    />
                  </Table.Td>
                  <Table.Td>
                    {column ? (
                      <Group gap={6}>
                        {values.map((v, i) =>
                          v === '' ? (
                            <Text key={i} size="xs" c="dimmed" fs="italic">
                              empty
                            </Text>
                          ) : (
                            <Badge key={i} variant="light" color="gray" radius="sm" tt="none" fw={500} ff="monospace" maw={200}>
                              {v}
                            </Badge>
                          ),
                        )}
                      </Group>
                    ) : f.whenAbsent ? (
                      <Text size="xs" c="dimmed">
                        Without it, {f.whenAbsent}.
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {unused.length > 0 && (
          <Stack gap={4} component="section" aria-label="Columns not imported">
            <Text size="sm" fw={600}>
              Not imported
            </Text>
            {unused.map((h) => (
              <Text key={h} size="sm" c="dimmed">
                <Text span fw={500} c="gray.8">
                  {h}
                </Text>
                : {unusedReason(kind, h)}.
              </Text>
            ))}
          </Stack>
        )}
      </FormSection>

      {hasDates && (
        <FormSection title="Dates" description="How the file writes its dates. A value that does not fit (a 13 where the month goes) is reported as a problem, never guessed.">
          <Radio.Group
            value={declared ?? preview.dateFormat ?? ''}
            onChange={(v) => onChoices({ ...choices, dateFormat: v as DateFormat })}
            aria-label="Date format"
          >
            <SimpleGrid cols={3} maw={720}>
              {DATE_FORMATS.map((d) => (
                <Radio.Card key={d} value={d} p="sm" radius="md" aria-label={d}>
                  <Group wrap="nowrap" gap="sm">
                    <Radio.Indicator />
                    <div>
                      <Group gap={6}>
                        <Text size="sm" fw={600} ff="monospace">
                          {d}
                        </Text>
                        {preview.dateFormatDetected && preview.dateFormat === d && (
                          <Badge size="xs" variant="light">
                            Detected
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        15 May 1980 is {DATE_FORMAT_EXAMPLES[d]}
                      </Text>
                    </div>
                  </Group>
                </Radio.Card>
              ))}
            </SimpleGrid>
          </Radio.Group>
          {ambiguous && (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Declare the date format">
              Every date of the file reads as {possible.join(' and as ')}: say which one the file uses.
            </Alert>
          )}
          {!declared && possible.length === 0 && preview.dateFormat === null && (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              The dates fit no single format: choose the one most of the file uses; the others are listed as problems.
            </Alert>
          )}
        </FormSection>
      )}

      {checkBar}
      <FormAlert message={error} title="Not checked" />
      <StepActions>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack} disabled={checking}>
          Back
        </Button>
        <Group gap="sm">
          {missingRequired.length > 0 && (
            <Text size="sm" c="orange.8">
              No column for {missingRequired.map((f) => f.label.toLowerCase()).join(', ')}: only rows completing earlier imports can do without.
            </Text>
          )}
          <Button rightSection={<IconArrowRight size={16} />} onClick={onCheck} loading={checking} disabled={ambiguous}>
            Check the file
          </Button>
        </Group>
      </StepActions>
    </Stack>
  );
}
