// Permissions (administrators): the role table of one hospital. Each channel of the contract that roles gate, the
// roles PRODUCT.md's table gives it, and this hospital's changes: a tick widened or a tick withdrawn, audited. The
// fixed areas (accounts, permissions, audit trail, installation) are shown but never change; some things exist for
// nobody.
import { useMemo, useState } from 'react';
import { Badge, Checkbox, Group, List, Paper, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconLock, IconSearch } from '@tabler/icons-react';
import type { PermissionMatrix, PermissionRow } from '@shared/contract/permissions';
import { ROLE_LABELS, type Role } from '@shared/domain/roles';
import { api } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { FormAlert } from '../../components/FormSection';
import { PageHeader } from '../../components/PageHeader';

/** "appointments.markNoShow" → "Mark no show". */
function actionLabel(channel: string): string {
  const action = channel.slice(channel.indexOf('.') + 1).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return action.charAt(0).toUpperCase() + action.slice(1).replace(/\bpdf\b/, 'PDF').replace(/\bcsv\b/, 'CSV').replace(/\bid\b/, 'ID');
}

const areaLabel = (area: string): string => area.charAt(0).toUpperCase() + area.slice(1);

const allowedFor = (row: PermissionRow, role: Role): boolean => row.overrides.find((o) => o.role === role)?.allowed ?? row.defaults.includes(role);

export function PermissionsPage({ hospitalId: asked }: { hospitalId?: number }) {
  const { hospitals, hospital } = useSession();
  const [hospitalId, setHospitalId] = useState<number | null>(asked ?? hospital?.id ?? null);
  const [query, setQuery] = useState('');
  const matrix = useChannelQuery('permissions.matrix', { hospitalId: hospitalId ?? 0 }, { enabled: hospitalId !== null });
  const queryClient = useQueryClient();
  const set = useMutation({
    mutationFn: (v: { role: Role; channel: string; allowed: boolean | null }) => api.permissions.set({ hospitalId: hospitalId!, ...v }),
    onSuccess: (row, v) => {
      queryClient.setQueryData<PermissionMatrix>(channelKey('permissions.matrix', { hospitalId: hospitalId! }), (m) => (m ? { ...m, channels: m.channels.map((c) => (c.channel === row.channel ? row : c)) } : m));
      const allowed = allowedFor(row, v.role);
      notifications.show({ color: 'teal', message: `${ROLE_LABELS[v.role]} ${allowed ? 'may now' : 'may no longer'} ${actionLabel(row.channel).toLowerCase()} (${areaLabel(row.area).toLowerCase()}) at ${hospitals.find((h) => h.id === hospitalId)?.name ?? 'this hospital'}.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: e.message }),
  });

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const rows = (matrix.data?.channels ?? []).filter((c) => !q || c.channel.toLowerCase().includes(q) || actionLabel(c.channel).toLowerCase().includes(q));
    const byArea = new Map<string, PermissionRow[]>();
    for (const r of rows) byArea.set(r.area, [...(byArea.get(r.area) ?? []), r]);
    return [...byArea.entries()];
  }, [matrix.data, query]);
  const roles = matrix.data?.roles ?? [];
  const changed = (matrix.data?.channels ?? []).reduce((n, c) => n + c.overrides.length, 0);

  return (
    <>
      <PageHeader
        title="Permissions"
        description="What each role may do at a hospital. Ticks follow the standard role table; a change applies to this hospital only, at once, on every workstation, and is recorded in the audit trail."
      />
      <Stack gap="md">
        <Group gap="md" align="flex-end">
          <Select
            label="Hospital"
            data={hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
            value={hospitalId === null ? null : String(hospitalId)}
            onChange={(v) => v && setHospitalId(Number(v))}
            allowDeselect={false}
            w={280}
          />
          <TextInput label="Find" placeholder="e.g. book, invoice, discharge" leftSection={<IconSearch size={16} />} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={280} />
          <Text size="sm" c="dimmed" pb={8}>
            {changed === 0 ? 'Standard role table' : `${changed} change${changed === 1 ? '' : 's'} from the standard table (green: widened here, orange: withdrawn here)`}
          </Text>
        </Group>
        <FormAlert message={matrix.error?.message} />
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900} maxHeight={620}>
            <Table stickyHeader highlightOnHover verticalSpacing={6} aria-label="Permissions by role">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>What</Table.Th>
                  {roles.map((r) => (
                    <Table.Th key={r} ta="center" style={{ whiteSpace: 'nowrap' }}>
                      {ROLE_LABELS[r]}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map(([area, rows]) => [
                  <Table.Tr key={`area-${area}`}>
                    <Table.Td colSpan={roles.length + 1} bg="gray.1">
                      <Text fw={600} size="sm">
                        {areaLabel(area)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>,
                  ...rows.map((row) => (
                    <Table.Tr key={row.channel}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {!row.overridable && (
                            <Tooltip label="Accounts, permissions, the audit trail and installation settings keep the standard roles.">
                              <IconLock size={14} aria-label="Fixed" color="var(--mantine-color-gray-6)" />
                            </Tooltip>
                          )}
                          <Text size="sm">{actionLabel(row.channel)}</Text>
                          {row.kind === 'write' ? null : (
                            <Badge size="xs" variant="light" color="gray">
                              view
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      {roles.map((role) => {
                        const allowed = allowedFor(row, role);
                        const override = row.overrides.find((o) => o.role === role);
                        const label = `${ROLE_LABELS[role]}: ${actionLabel(row.channel).toLowerCase()} (${area})`;
                        return (
                          // A plain title, not a Tooltip: 170 rows × 8 roles of tooltips made the page slow to draw.
                          <Table.Td key={role} ta="center" bg={override ? (override.allowed ? 'teal.1' : 'orange.1') : undefined} title={override ? (override.allowed ? 'Widened at this hospital' : 'Withdrawn at this hospital') : undefined}>
                            <Checkbox
                                aria-label={label}
                                checked={allowed}
                                disabled={!row.overridable || set.isPending}
                                onChange={(e) => {
                                  const want = e.currentTarget.checked;
                                  set.mutate({ role, channel: row.channel, allowed: want === row.defaults.includes(role) ? null : want });
                                }}
                                style={{ display: 'inline-block' }}
                                color={override ? (override.allowed ? 'teal' : 'orange') : undefined}
                              />
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  )),
                ])}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
        {matrix.data && (
          <Paper withBorder radius="md" p="md">
            <Text fw={600} size="sm" mb={6}>
              Nobody may do these, and no change here can allow them
            </Text>
            <List size="sm" spacing={4}>
              {matrix.data.nobody.map((n) => (
                <List.Item key={n.key}>
                  <Text span size="sm" fw={500}>
                    {n.label}
                  </Text>
                  <Text span size="sm" c="dimmed">
                    {' '}
                    — {n.why}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Paper>
        )}
      </Stack>
    </>
  );
}
