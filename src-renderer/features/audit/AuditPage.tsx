// The audit trail (administrators): filter by user, record and dates; page; export; verify the hash chain.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, EmptyState, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck, IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { AuditEntry } from '@shared/contract/audit';
import { countryInfo } from '@shared/domain/countries';
import { gmtOffset } from '@shared/domain/format';
import { api } from '../../api/client';
import { pageItems, useChannelInfiniteQuery, useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { DateField } from '../../components/DateField';
import { issuesToFields } from '../../components/form';
import { counted, formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { AuditAnchors } from './AuditAnchors';

const ENTITIES = [
  { value: 'patient', label: 'Patient' },
  { value: 'user', label: 'User' },
  { value: 'hospital', label: 'Hospital' },
  { value: 'settings', label: 'Settings' },
];

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** One line per field: "city: Entebbe → Kampala", or "hospital: HMS" for facts of an event. */
export function changeLines(changes: AuditEntry['changes']): string[] {
  if (!changes) return [];
  // Facts of an event that are empty say nothing ("middleName: ∅" on a registration); a change to or from empty does.
  return Object.entries(changes)
    .filter(([, v]) => Array.isArray(v) || (v !== null && v !== undefined && v !== ''))
    .map(([k, v]) => (Array.isArray(v) && v.length === 2 ? `${k}: ${value(v[0])} → ${value(v[1])}` : `${k}: ${value(v)}`));
}

function Changes({ changes }: { changes: AuditEntry['changes'] }) {
  const lines = changeLines(changes);
  if (!lines.length) return <Text size="xs" c="dimmed">—</Text>;
  const shown = lines.slice(0, 4);
  return (
    <Tooltip label={<pre style={{ margin: 0, fontSize: 11 }}>{JSON.stringify(changes, null, 2)}</pre>} multiline maw={520} openDelay={400} withinPortal>
      <Stack gap={0}>
        {shown.map((l) => (
          <Text key={l} size="xs" ff="monospace" lineClamp={1} maw={420}>
            {l}
          </Text>
        ))}
        {lines.length > shown.length && (
          <Text size="xs" c="dimmed">
            +{lines.length - shown.length} more
          </Text>
        )}
      </Stack>
    </Tooltip>
  );
}

function actionColor(action: string): string {
  if (/fail|locked|denied/.test(action)) return 'red';
  if (/read|revealed/.test(action)) return 'gray';
  if (/create|register|initialize/.test(action)) return 'teal';
  if (/update|reset|password/.test(action)) return 'blue';
  return 'violet';
}

export function AuditPage({ entity: initialEntity, entityId: initialEntityId }: { entity?: string; entityId?: string }) {
  const { hospital, hospitals } = useSession();
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  // Each entry at its own hospital's clock (the workstation's for entries of no hospital), the offset beside it: the
  // same entry reads the same whichever hospital the desk has chosen.
  const hospitalOf = (e: AuditEntry) => hospitals.find((h) => h.id === e.hospitalId);
  const [userId, setUserId] = useState<string | null>(null);
  const [entity, setEntity] = useState<string | null>(initialEntity ?? null);
  const [entityId, setEntityId] = useState(initialEntityId ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [debouncedId] = useDebouncedValue(entityId.trim(), 300);

  const users = useChannelQuery('users.list', { includeInactive: true, limit: 200 }, { staleTime: 60_000 });

  const filters = useMemo(
    () => ({
      userId: userId ? Number(userId) : undefined,
      entity: entity ?? undefined,
      entityId: debouncedId || undefined,
      from: from || undefined,
      to: to || undefined,
    }),
    [userId, entity, debouncedId, from, to],
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
    { key: 'user', header: 'User', render: (e) => e.username ?? <Text size="sm" c="dimmed">—</Text>, csv: (e) => e.username ?? '' },
    {
      key: 'action',
      header: 'Action',
      render: (e) => (
        <Badge variant="light" color={actionColor(e.action)} tt="none" radius="sm" ff="monospace">
          {e.action}
        </Badge>
      ),
      csv: (e) => e.action,
      nowrap: true,
    },
    { key: 'entity', header: 'Entity', render: (e) => e.entity ?? '', csv: (e) => e.entity ?? '' },
    {
      key: 'id',
      header: 'ID',
      render: (e) =>
        e.entity === 'patient' && e.entityId ? (
          <Anchor href={href(`/patients/${e.entityId}`)} size="sm" onClick={(ev) => ev.stopPropagation()}>
            {e.entityId}
          </Anchor>
        ) : (
          e.entityId ?? ''
        ),
      csv: (e) => e.entityId ?? '',
    },
    { key: 'changes', header: 'Changes', render: (e) => <Changes changes={e.changes} />, csv: (e) => (e.changes ? JSON.stringify(e.changes) : '') },
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
            <Select label="Entity" placeholder="Any" data={ENTITIES} value={entity} onChange={setEntity} clearable w={140} />
            <TextInput label="Entity ID" placeholder="e.g. 12" value={entityId} onChange={(e) => setEntityId(e.currentTarget.value)} w={110} error={filterErrors.entityId} />
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
    </>
  );
}
