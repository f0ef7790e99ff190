// Step 1: what the file holds, for which hospital, and the file itself; once read, its encoding, delimiter (which
// can be overridden), rows and columns.
import type { ReactNode } from 'react';
import { Alert, Badge, Button, FileInput, Group, Progress as ProgressBar, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconFileTypeCsv, IconInfoCircle } from '@tabler/icons-react';
import type { Hospital } from '@shared/contract/hospitals';
import type { ImportPreview } from '@shared/contract/imports';
import { counted } from '@shared/domain/format';
import { IMPORT_DELIMITERS, IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportDelimiter, type ImportKind } from '@shared/domain/csv-import';
import { Detail } from '../../components/Detail';
import { FormAlert, FormSection } from '../../components/FormSection';
import type { LoadedFile, Progress } from './ImportPage';
import { delimiterLabel, ENCODING_LABELS, fileSize, KIND_CARDS, StepActions } from './import-ui';

export interface FileStepProps {
  kind: ImportKind;
  onKind: (k: ImportKind) => void;
  hospitalId: number | null;
  hospitals: Hospital[];
  onHospital: (id: number | null) => void;
  file: LoadedFile | null;
  fileError: string | null;
  onFile: (f: File | null) => void;
  preview: ImportPreview | null;
  delimiter: ImportDelimiter | undefined;
  onDelimiter: (d: ImportDelimiter) => void;
  checking: boolean;
  /** The bar of a running check, with its Stop button. */
  checkBar: ReactNode;
  error: string | undefined;
  onNext: () => void;
}

export function FileStep(p: FileStepProps) {
  return (
    <Stack gap="lg">
      <FormSection title="What the file holds" description="Files that refer to others (appointments name patients and doctors) come after them: import patients and doctors first.">
        <Radio.Group value={p.kind} onChange={(v) => p.onKind(v as ImportKind)} aria-label="What the file holds">
          <SimpleGrid cols={{ base: 2, lg: 5 }} spacing="sm">
            {IMPORT_KINDS.map((k) => (
              <Radio.Card key={k} value={k} p="md" radius="md" aria-label={IMPORT_KIND_LABELS[k]} style={{ height: '100%' }}>
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator mt={2} />
                  <Stack gap={4}>
                    <Group gap={6} wrap="nowrap" c={p.kind === k ? 'teal.8' : 'gray.7'}>
                      {KIND_CARDS[k].icon}
                      <Text fw={600} size="sm">
                        {IMPORT_KIND_LABELS[k]}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {KIND_CARDS[k].hint}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Group align="flex-start" gap="md">
          <Select
            label="Into hospital"
            data={p.hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
            value={p.hospitalId ? String(p.hospitalId) : null}
            onChange={(v) => p.onHospital(v ? Number(v) : null)}
            allowDeselect={false}
            w={300}
            description="Phone numbers are read for its country."
          />
          <FileInput
            label="CSV file"
            placeholder="Choose a file…"
            accept=".csv,text/csv,.txt,text/plain,.tsv"
            value={p.file?.raw ?? null}
            onChange={p.onFile}
            clearable
            leftSection={<IconFileTypeCsv size={16} />}
            error={p.fileError}
            w={360}
            description="Any delimiter; UTF-8, UTF-16 or Windows-1252."
            disabled={p.checking}
          />
        </Group>
      </FormSection>

      {p.file && (
        <FormSection title={p.file.name} description={`${fileSize(p.file.size)} read on this desk; nothing is imported until the last step.`}>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
            <Detail label="Encoding (detected)">
              <span data-testid="file-encoding">
                {ENCODING_LABELS[p.file.encoding]}
                {p.file.bom ? ', with byte-order mark' : ''}
              </span>
            </Detail>
            <Select
              label="Delimiter"
              data={IMPORT_DELIMITERS.map((d) => ({
                value: d,
                label: `${delimiterLabel(d)}${p.preview?.delimiterDetected && p.preview.delimiter === d ? ' — detected' : ''}`,
              }))}
              value={p.delimiter ?? p.preview?.delimiter ?? null}
              onChange={(v) => v && p.onDelimiter(v as ImportDelimiter)}
              allowDeselect={false}
              disabled={p.checking || !p.preview}
              size="sm"
            />
            <Detail label="Rows">{p.preview ? p.preview.rows.toLocaleString() : '…'}</Detail>
            <Detail label="Columns">{p.preview ? p.preview.headers.length : '…'}</Detail>
          </SimpleGrid>
          {p.preview && (
            <Group gap={6} role="group" aria-label="Columns of the file">
              {p.preview.headers.map((h, i) => (
                <Badge key={`${h}-${i}`} variant="default" radius="sm" tt="none" fw={500} size="lg">
                  {h || <em>(no name)</em>}
                </Badge>
              ))}
            </Group>
          )}
          {p.preview && p.preview.headers.length === 1 && (
            <Alert color="yellow" icon={<IconInfoCircle size={18} />}>
              The file reads as a single column: if its values are separated by something else, choose the delimiter.
            </Alert>
          )}
          {p.checkBar}
          <FormAlert message={p.error} title="The file could not be read" />
        </FormSection>
      )}

      <StepActions>
        <Text size="sm" c="dimmed">
          {p.preview ? `${counted(p.preview.rows, 'row')} of ${IMPORT_KIND_LABELS[p.kind].toLowerCase()} to map.` : p.checking ? 'Reading the file…' : 'Choose the file to import.'}
        </Text>
        <Button rightSection={<IconArrowRight size={16} />} onClick={p.onNext} disabled={!p.preview || p.checking}>
          Next: columns
        </Button>
      </StepActions>
    </Stack>
  );
}

/** The bar under a running check: rows read and checked of the file. */
export function CheckProgress({ progress, onStop }: { progress: Progress | null; onStop: () => void }) {
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Stack gap={4}>
      <ProgressBar value={progress ? pct : 100} animated striped={!progress} aria-label="Checking the file" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {progress && progress.total > 0 ? `Checking the file: ${progress.done.toLocaleString()} of ${counted(progress.total, 'row')}…` : 'Checking the file…'}
        </Text>
        <Button variant="subtle" color="gray" size="compact-sm" onClick={onStop}>
          Stop
        </Button>
      </Group>
    </Stack>
  );
}
