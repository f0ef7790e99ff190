// The ICD-10 code list: look a code up, and import a full list (CSV of code and title) with progress and a summary.
import { useEffect, useState } from 'react';
import { Badge, Button, FileInput, Group, Progress, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconFileTypeCsv, IconSearch, IconUpload } from '@tabler/icons-react';
import type { Output } from '@shared/contract';
import { api, onEvent } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { Detail } from '../../components/Detail';
import { FormAlert } from '../../components/FormSection';
import { Panel } from '../../components/Panel';
import { TableHead } from '../../components/TableHead';

const MAX_CHARS = 30_000_000;
/** Rejected lines shown on screen; the rest are counted. */
const SHOWN_REJECTS = 200;

type ImportResult = Output<'diagnoses.importCodes'>;

export function IcdImport() {
  return (
    <Stack gap="lg">
      <CodeLookup />
      <ImportPanel />
    </Stack>
  );
}

function CodeLookup() {
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const codes = useChannelQuery('diagnoses.searchCodes', { query: debounced, limit: 10 }, { enabled: debounced.length > 0 });
  return (
    <Panel title="Look up a code">
      <TextInput label="Code or words" placeholder="B54, E11.9, malaria, type 2 diab…" value={query} onChange={(e) => setQuery(e.currentTarget.value)} leftSection={<IconSearch size={16} />} w={420} />
      {debounced && codes.data && (
        codes.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No code matches “{debounced}”.
          </Text>
        ) : (
          <Table verticalSpacing={4} aria-label="Matching codes">
            <TableHead columns={[{ title: 'Code', width: 110 }, 'Title', { title: '', width: 90 }]} />
            <Table.Tbody>
              {codes.data.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>
                    <Text ff="monospace" size="sm" fw={600}>
                      {c.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{c.title}</Table.Td>
                  <Table.Td>{c.common && <Badge size="xs" variant="light">Common</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      )}
      <FormAlert message={codes.error?.message} />
    </Panel>
  );
}

function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ fileName: string; answer: ImportResult } | null>(null);
  useEffect(() => onEvent('diagnoses.importProgress', (e) => setProgress((p) => (p && p.jobId === e.jobId ? e : p))), []);

  const importCodes = useMutation({
    mutationFn: async (f: File) => {
      const csv = await f.text();
      if (csv.length > MAX_CHARS) throw new Error('The file is larger than 30 MB.');
      const jobId = `icd10-${crypto.randomUUID()}`;
      setProgress({ jobId, done: 0, total: 0 });
      return { fileName: f.name, answer: await api.diagnoses.importCodes({ csv, jobId }) };
    },
    onSuccess: (r) => {
      setResult(r);
      setFile(null);
      const a = r.answer;
      notifications.show({ color: 'teal', title: 'Code list imported', message: `${r.fileName}: ${a.added} added, ${a.updated} updated, ${a.unchanged} unchanged, ${a.rejected.length} rejected.` });
    },
  });

  const start = () => {
    setFileError(null);
    if (!file) return setFileError('Choose a CSV file.');
    if (file.size > MAX_CHARS * 4) return setFileError('The file is larger than 30 MB.');
    setResult(null);
    importCodes.mutate(file);
  };
  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Panel title="Import a code list" gap="md">
      <Text size="sm" c="dimmed">
        A CSV file with the code in the first column and its title in the second (a header line is allowed), e.g. a national ICD-10 release of about 75,000 codes. Codes already known get the new title;
        nothing is deleted. Lines that are not a code and a title are listed below and left out.
      </Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <Group align="flex-end" gap="sm">
          <FileInput
            label="Code list (CSV)"
            placeholder="Choose a file…"
            accept=".csv,text/csv,.txt,text/plain"
            value={file}
            onChange={(f) => {
              setFile(f);
              setFileError(null);
            }}
            leftSection={<IconFileTypeCsv size={16} />}
            error={fileError}
            w={420}
            clearable
            disabled={importCodes.isPending}
          />
          <Button type="submit" leftSection={<IconUpload size={16} />} loading={importCodes.isPending}>
            Import
          </Button>
        </Group>
      </form>
      {progress && (importCodes.isPending || importCodes.isSuccess) && (
        <Stack gap={4}>
          <Progress value={importCodes.isSuccess ? 100 : pct} animated={importCodes.isPending} aria-label="Import progress" />
          <Text size="sm" c="dimmed" role="status">
            {importCodes.isSuccess ? 'Done.' : progress.total > 0 ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} lines read` : 'Reading the file…'}
          </Text>
        </Stack>
      )}
      <FormAlert message={importCodes.error?.message} title="Not imported" />
      {result && <ImportSummary fileName={result.fileName} answer={result.answer} />}
    </Panel>
  );
}

function ImportSummary({ fileName, answer: a }: { fileName: string; answer: ImportResult }) {
  const shown = a.rejected.slice(0, SHOWN_REJECTS);
  return (
    <Stack gap="sm" aria-label="Import result">
      <Text fw={600}>{fileName}</Text>
      <SimpleGrid cols={4} maw={640}>
        <Detail label="Added">{a.added.toLocaleString()}</Detail>
        <Detail label="Updated">{a.updated.toLocaleString()}</Detail>
        <Detail label="Unchanged">{a.unchanged.toLocaleString()}</Detail>
        <Detail label="Rejected">
          <Text span size="sm" c={a.rejected.length ? 'red.7' : undefined} fw={a.rejected.length ? 600 : undefined}>
            {a.rejected.length.toLocaleString()}
          </Text>
        </Detail>
      </SimpleGrid>
      {shown.length > 0 && (
        <Table verticalSpacing={4} striped aria-label="Rejected lines">
          <TableHead columns={[{ title: 'Line', width: 90 }, 'Why it was left out']} />
          <Table.Tbody>
            {shown.map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>{r.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {a.rejected.length > shown.length && (
        <Text size="sm" c="dimmed">
          And {(a.rejected.length - shown.length).toLocaleString()} more rejected lines.
        </Text>
      )}
    </Stack>
  );
}
