// The audit trail (administrators): filter by user, record and dates; page; export; verify the hash chain. Each entry
// reads as a sentence in hospital words; the entry as stored (channel, keys, ids) is behind its Details button.
import { useMemo, useState } from 'react';
import { Alert, Button, Code, EmptyState, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck, IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { contract, RECORD_KINDS } from '@shared/contract';
import type { AuditEntry } from '@shared/contract/audit';
import { actionLabel, changeLines, recordKindLabel } from '@shared/domain/audit-labels';
import { countryInfo } from '@shared/domain/countries';
import { gmtOffset } from '@shared/domain/format';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { issuesToFields } from '../../components/form';
import { counted, formatDate, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { RecordLink } from '../../components/RecordLink';
import { AuditAnchors } from './AuditAnchors';
import classes from './audit.module.css';

/** Every kind of record the trail may be about, by its name, alphabetically. */
const RECORD_KIND_OPTIONS = RECORD_KINDS.map((k) => ({ value: k, label: recordKindLabel(k) })).sort((a, b) => a.label.localeCompare(b.label));

/** Sign-in failures, lockouts and alarms stand out. */
const alarming = (action: string) => /fail|locked|tampered|emergency/i.test(action);

/** What happened, in words: the action as a sentence, and the record by its name. */
function WhatHappened({ entry }: { entry: AuditEntry }) {
  const kind = recordKindLabel(entry.entity);
  const name = entry.recordName;
  return (
    <Stack gap={0} data-testid="audit-what">
      <Text size="sm" fw={500} c={alarming(entry.action) ? 'red' : undefined}>
        {actionLabel(entry.action)}
      </Text>
      {kind && (
        <Text size="xs" c="dimmed">
          {kind}
          {name && ': '}
          {name &&
            (entry.entity === 'patient' && entry.entityId ? (
              <RecordLink to={`/patients/${entry.entityId}`} size="xs" stopPropagation>
                {name}
              </RecordLink>
            ) : (
              name
            ))}
        </Text>
      )}
    </Stack>
  );
}

function Changes({ entry, formatInstant }: { entry: AuditEntry; formatInstant: (iso: string) => string }) {
  const lines = changeLines(entry.changes, { names: entry.names, formatInstant, formatDate });
  if (!lines.length) return <Text size="xs" c="dimmed">—</Text>;
  const shown = lines.slice(0, 4);
  return (
    <Tooltip label={lines.join('\n')} multiline maw={520} openDelay={400} withinPortal disabled={lines.length <= shown.length} style={{ whiteSpace: 'pre-line' }}>
      <Stack gap={0} data-testid="audit-changes">
        {shown.map((l) => (
          <Text key={l} size="xs" lineClamp={2} maw={420}>
            {l}
          </Text>
        ))}
        {lines.length > shown.length && (
          <Text size="xs" c="dimmed">
            and {lines.length - shown.length} more
          </Text>
        )}
      </Stack>
    </Tooltip>
  );
}

/** The entry as the trail stores it, for the administrator who needs it: entry number, channel, keys and raw changes. */
function Details({ entry }: { entry: AuditEntry }) {
  const rows: [string, string][] = [
    ['Entry', String(entry.id)],
    ['Channel', entry.channel],
    ['Action', entry.action],
    ['Record', [entry.entity, entry.entityId].filter(Boolean).join(' ') || '—'],
    ['Hospital ID', entry.hospitalId === null ? '—' : String(entry.hospitalId)],
    ['User ID', entry.userId === null ? '—' : String(entry.userId)],
  ];
  return (
    <Paper withBorder p="xs" mt={6} bg="var(--mantine-color-gray-light)" data-testid="audit-details">
      <Stack gap={2}>
        {rows.map(([k, v]) => (
          <Text key={k} size="xs" ff="monospace">
            {k}: {v}
          </Text>
        ))}
        {entry.changes && (
          <Code block fz={11} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {JSON.stringify(entry.changes, null, 2)}
          </Code>
        )}
      </Stack>
    </Paper>
  );
}

export function AuditPage({ entity: initialEntity, entityId: initialEntityId }: { entity?: string; entityId?: string }) {
  const { hospital, hospitals } = useSession();
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  // Each entry at its own hospital's clock, the offset beside it: the same entry reads the same whichever hospital the
  // desk has chosen. Entries of no hospital (sign-ins, accounts) at the desk's hospital's clock, whose days the From/To
  // filter counts them in.
  const hospitalOf = (e: AuditEntry) => (e.hospitalId === null ? (hospital ?? undefined) : hospitals.find((h) => h.id === e.hospitalId));
  const [userId, setUserId] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(initialEntity ?? null);
  const [entityId, setEntityId] = useState(initialEntityId ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [debouncedId] = useDebouncedValue(entityId.trim(), 300);

  const users = useChannelQuery('users.list', { includeInactive: true, limit: 200 }, { staleTime: 60_000 });
  const userById = new Map((users.data?.items ?? []).map((u) => [u.id, u]));
  // Entries whose technical details are shown (entry number, channel, keys, raw changes).
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const filters = useMemo(
    () => ({
      userId: userId ? Number(userId) : undefined,
      entity: entity ?? undefined,
      entityId: debouncedId || undefined,
      from: from || undefined,
      to: to || undefined,
      hospitalId: hospital?.id,
    }),
    [userId, entity, debouncedId, from, to, hospital?.id],
  );
  const checked = contract['audit.list'].input.safeParse(filters);
  const filterErrors = checked.success ? {} : issuesToFields(checked.error);

  const list = useChannelInfiniteQuery('audit.list', { ...filters, limit: 50 }, { enabled: checked.success, keepPrevious: true });
  const rows = pageItems(list.data);

  const verify = useMutation({ mutationFn: () => api.audit.verify() });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: 'Time',
      render: (e) => {
        const h = hospitalOf(e);
        return (
          <span title={h ? `${h.name} time (${h.timeZone})` : 'This workstation’s time'} data-testid="audit-time">
            {formatDateTime(e.at, h?.timeZone, true)}{' '}
            <Text span size="xs" c="dimmed">
              {gmtOffset(e.at, h?.timeZone)}
            </Text>
          </span>
        );
      },
      csv: (e) => e.at,
      nowrap: true,
      width: 230,
    },
    {
      key: 'user',
      header: 'User',
      render: (e) => {
        const u = e.userId === null ? undefined : userById.get(e.userId);
        if (!e.username) return <Text size="sm" c="dimmed">The system</Text>;
        return <span title={e.username}>{u?.fullName ?? e.username}</span>;
      },
      csv: (e) => e.username ?? '',
    },
    { key: 'what', header: 'What happened', render: (e) => <WhatHappened entry={e} />, csv: (e) => actionLabel(e.action) },
    {
      key: 'changes',
      header: 'Changes',
      render: (e) => (
        <>
          <Changes entry={e} formatInstant={(iso) => formatDateTime(iso, hospitalOf(e)?.timeZone, true)} />
          {open.has(e.id) && <Details entry={e} />}
        </>
      ),
      csv: (e) => changeLines(e.changes, { names: e.names, formatDate }).join('; '),
    },
    {
      key: 'details',
      header: '',
      render: (e) => (
        <Button
          variant="subtle"
          size="compact-xs"
          aria-expanded={open.has(e.id)}
          aria-label={`Details of entry ${e.id}`}
          onClick={(ev) => {
            ev.stopPropagation();
            toggle(e.id);
          }}
        >
          {open.has(e.id) ? 'Hide details' : 'Details'}
        </Button>
      ),
      csv: false,
      nowrap: true,
      width: 110,
    },
  ];
  // The file also says which channel wrote each entry and for which hospital.
  const csvColumns: Column<AuditEntry>[] = [
    { key: 'entry', header: 'Entry', render: () => null, csv: (e) => e.id },
    ...columns,
    { key: 'channel', header: 'Channel', render: () => null, csv: (e) => e.channel },
    { key: 'hospital', header: 'Hospital ID', render: () => null, csv: (e) => e.hospitalId ?? '' },
  ];

  const v = verify.data;
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, sign-in and read of a patient record, newest first. Nobody can edit or delete it."
        actions={
          <Button variant="default" leftSection={<IconShieldCheck size={18} />} onClick={() => verify.mutate()} loading={verify.isPending}>
            Verify chain
          </Button>
        }
      />
      {(v || verify.error) && (
        <Alert
          mb="md"
          withCloseButton
          onClose={() => verify.reset()}
          color={verify.error ? 'red' : v?.ok ? 'teal' : 'red'}
          icon={v?.ok ? <IconCircleCheck size={18} /> : <IconShieldX size={18} />}
          title={verify.error ? 'The chain could not be verified' : v?.ok ? 'Audit chain OK' : v?.brokenAt ? `Audit chain broken at entry ${v.brokenAt.id}` : 'Audit chain not trustworthy'}
          role="status"
        >
          {verify.error ? verify.error.message : v?.ok ? v.checked === 1 ? 'The one entry is linked and unchanged.' : `All ${counted(v.checked, 'entry', 'entries')} are linked and unchanged.` : `${v?.brokenAt?.reason ?? v?.problems[0] ?? ''} (${counted(v?.checked ?? 0, 'entry', 'entries')} checked).`}
          {v && (
            <Text size="sm" mt={4}>
              {v.checkpoint
                ? `The trail matches checkpoint #${v.checkpoint.id} (entry ${v.checkpoint.entryId}, signed by ${v.checkpoint.signedBy ?? 'unknown'} ${formatDateTime(v.checkpoint.signedAt, undefined, true)} ${gmtOffset(v.checkpoint.signedAt)}).`
                : v.checkpoints.total
                  ? 'The trail matches none of the signed checkpoints.'
                  : 'No checkpoint has been signed yet.'}
              {v.witness && (v.witness.ok ? ` This workstation's witness (entry ${v.witness.entryId}) holds.` : ` This workstation's witness: ${v.witness.reason}.`)}
            </Text>
          )}
          {v && v.problems.length > 1 && (
            <Stack gap={0} mt={4}>
              {v.problems.map((p) => (
                <Text key={p} size="xs">
                  {p}
                </Text>
              ))}
            </Stack>
          )}
        </Alert>
      )}
      {/* Checkpoints belong to no hospital: the workstation's clock, with its offset. */}
      <AuditAnchors />
      <div className={classes.trail}>
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(e) => e.id}
          filters={
            <>
              <Select
                label="User"
                placeholder="Anyone"
                data={(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.username} (${u.fullName})` }))}
                value={userId}
                onChange={setUserId}
                clearable
                searchable
                w={220}
              />
              <Select label="Record" placeholder="Any" data={RECORD_KIND_OPTIONS} value={entity} onChange={setEntity} clearable searchable w={190} />
              <TextInput label="Record ID" placeholder="e.g. 12" value={entityId} onChange={(e) => setEntityId(e.currentTarget.value)} w={110} error={filterErrors.entityId} />
              <DateField label="From" value={from} onChange={setFrom} order={order} error={filterErrors.from} w={150} />
              <DateField label="To" value={to} onChange={setTo} order={order} error={filterErrors.to} w={150} />
            </>
          }
          {...pagingOf(list)}
          csvName="audit-trail"
          exportSource={checked.success ? { channel: 'audit.list', input: filters } : undefined}
          csvColumns={csvColumns}
          countLabel={(n) => `${n} ${n === 1 ? 'entry' : 'entries'}`}
          empty={<EmptyState icon={<IconHistory size={28} />} title="No entries" description={checked.success ? 'Nothing matches these filters.' : 'Correct the filters above.'} />}
        />
      </div>
    </>
  );
}
