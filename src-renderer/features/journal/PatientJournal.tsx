// A patient's journal: one timeline of appointments, encounters, admissions and invoices (what this user's roles may
// see), newest first, filtered by kind and date; printed as a PDF; exported as FHIR (doctors and nurses).
import { useState } from 'react';
import { Button, Center, Chip, Group, Loader, Paper, Stack, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconBed, IconCalendarEvent, IconFileExport, IconPrinter, IconReceipt, IconStethoscope } from '@tabler/icons-react';
import type { JournalEntry } from '@shared/contract/journal';
import { JOURNAL_KINDS, type JournalKind } from '@shared/domain/clinical';
import { countryInfo } from '@shared/domain/countries';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useHospital, useSession } from '../../app/session';
import { LoadMore } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { downloadBlob } from '../../components/download';
import { FormAlert } from '../../components/FormSection';
import { formatDateTime } from '../../components/format';
import { Panel } from '../../components/Panel';
import { PdfPreviewModal, type PdfFile } from '../../components/PdfPreview';
import { EntryBody, entryTitle } from './JournalEntries';

const PAGE = 20;

export const KIND_LABELS: Record<JournalKind, string> = { appointment: 'Appointments', encounter: 'Encounters', admission: 'Admissions', invoice: 'Invoices' };
const KIND_ICONS: Record<JournalKind, typeof IconBed> = { appointment: IconCalendarEvent, encounter: IconStethoscope, admission: IconBed, invoice: IconReceipt };
const KIND_COLORS: Record<JournalKind, string> = { appointment: 'blue', encounter: 'teal', admission: 'grape', invoice: 'yellow' };

const isIso = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);

export function PatientJournal({ patientId, hospitalId, patientLabel }: { patientId: number; hospitalId: number; patientLabel: string }) {
  const { can } = useSession();
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const [hidden, setHidden] = useState<JournalKind[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pdf, setPdf] = useState<PdfFile | null>(null);

  const datesOk = (from === '' || isIso(from)) && (to === '' || isIso(to)) && !(from && to && from > to);
  const filter = {
    patientId,
    kinds: hidden.length ? JOURNAL_KINDS.filter((k) => !hidden.includes(k)) : undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const journal = useChannelInfiniteQuery('patients.journal', { ...filter, limit: PAGE }, { enabled: datesOk, keepPrevious: true });
  const view = journal.data?.pages[0]?.view;
  const entries = pageItems(journal.data);

  const print = useMutation({
    mutationFn: () => api.patients.journalPdf(filter),
    onSuccess: setPdf,
    onError: (e) => notifications.show({ color: 'red', title: 'The journal could not be printed', message: e.message }),
  });
  const fhir = useMutation({
    mutationFn: () => api.patients.fhirExport({ patientId }),
    onSuccess: (f) => {
      downloadBlob(f.fileName, new Blob([f.json], { type: 'application/fhir+json' }));
      notifications.show({ color: 'teal', title: 'FHIR export saved', message: `${f.fileName}: a bundle of ${f.resources} resources.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not exported', message: e.message }),
  });

  const visibleKinds = view?.kinds ?? [];
  const toggle = (k: JournalKind, on: boolean) => {
    const next = on ? hidden.filter((h) => h !== k) : [...hidden, k];
    // One kind at least stays shown.
    if (visibleKinds.every((v) => next.includes(v))) return;
    setHidden(next);
  };

  return (
    <Panel
      title="Journal"
      gap="md"
      actions={
        <Group gap="sm">
          {can('patients.fhirExport') && (
            <Button size="xs" variant="default" leftSection={<IconFileExport size={16} />} loading={fhir.isPending} onClick={() => fhir.mutate()}>
              Export FHIR
            </Button>
          )}
          <Button size="xs" leftSection={<IconPrinter size={16} />} loading={print.isPending} disabled={!datesOk} onClick={() => print.mutate()}>
            Print journal (PDF)
          </Button>
        </Group>
      }
    >
      <Group align="flex-end" gap="md" wrap="wrap">
        {visibleKinds.length > 1 && (
          <Group gap={6} role="group" aria-label="Kinds shown">
            {visibleKinds.map((k) => (
              <Chip key={k} checked={!hidden.includes(k)} onChange={(on) => toggle(k, on)} size="sm" color={KIND_COLORS[k]}>
                {KIND_LABELS[k]}
              </Chip>
            ))}
          </Group>
        )}
        <DateField label="From" value={from} onChange={setFrom} order={order} w={150} error={from && !isIso(from) ? 'Not a date.' : undefined} />
        <DateField label="To" value={to} onChange={setTo} order={order} w={150} error={to && !isIso(to) ? 'Not a date.' : from && to && from > to ? 'Before the start.' : undefined} />
        {(from || to || hidden.length > 0) && (
          <Button
            variant="subtle"
            size="xs"
            mb={6}
            onClick={() => {
              setFrom('');
              setTo('');
              setHidden([]);
            }}
          >
            Show everything
          </Button>
        )}
      </Group>
      {view && !view.clinical && (
        <Text size="xs" c="dimmed">
          {view.prescriptions
            ? 'Encounters show their prescriptions and dispensing only; clinical notes are for doctors and nurses.'
            : `Your role sees ${view.kinds.map((k) => KIND_LABELS[k].toLowerCase()).join(', ')}; clinical content is for doctors and nurses.`}
        </Text>
      )}
      {journal.isPending && datesOk ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : journal.error ? (
        <FormAlert title="The journal could not be loaded" message={journal.error.message} />
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {from || to || hidden.length ? 'Nothing in the journal matches these filters.' : `Nothing recorded for ${patientLabel} yet.`}
        </Text>
      ) : (
        <Stack gap="sm">
          <Timeline bulletSize={28} lineWidth={2} aria-label="Journal entries">
            {entries.map((e) => (
              <Timeline.Item key={`${e.kind}-${e.id}`} bullet={<KindIcon kind={e.kind} />} color={KIND_COLORS[e.kind]} title={<EntryTitle entry={e} />}>
                <Paper withBorder p="sm" mt={6} radius="md" component="article" aria-label={`${entryTitle(e)}, ${formatDateTime(e.at, e.timeZone)}`}>
                  <EntryBody entry={e} />
                </Paper>
              </Timeline.Item>
            ))}
          </Timeline>
          <LoadMore list={journal} label="Load older entries" />
        </Stack>
      )}
      <PdfPreviewModal file={pdf} title={`Journal of ${patientLabel}`} onClose={() => setPdf(null)} />
    </Panel>
  );
}

function KindIcon({ kind }: { kind: JournalKind }) {
  const Icon = KIND_ICONS[kind];
  return <Icon size={15} />;
}

function EntryTitle({ entry: e }: { entry: JournalEntry }) {
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      <Text fw={600} size="sm">
        {entryTitle(e)}
      </Text>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {formatDateTime(e.at, e.timeZone)} · {e.hospitalName}
      </Text>
    </Group>
  );
}
