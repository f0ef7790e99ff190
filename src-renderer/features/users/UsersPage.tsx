// User accounts (administrators): search, include inactive, create, edit, reset password.
import { useState } from 'react';
import { Badge, Button, EmptyState, Group, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import type { UserAccount } from '@shared/contract/users';
import { gmtOffset } from '@shared/domain/format';
import { ROLE_LABELS } from '@shared/domain/roles';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { UserModal } from './UserModal';

const isLocked = (u: UserAccount) => !!u.lockedUntil && new Date(u.lockedUntil) > new Date();

export function UsersPage() {
  const { hospitals } = useSession();
  const [query, setQuery] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const [editing, setEditing] = useState<UserAccount | 'new' | null>(null);
  // Sign-ins belong to no one hospital: the workstation's clock, its offset stated (not the hospital the desk chose).
  const at = (iso: string) => `${formatDateTime(iso)} ${gmtOffset(iso)}`;
  const hospitalName = (id: number) => hospitals.find((h) => h.id === id)?.name ?? `#${id}`;
  const scope = (u: UserAccount) => (u.allHospitals ? 'All hospitals' : u.hospitalIds.map(hospitalName).join(', '));

  const list = useChannelInfiniteQuery('users.list', { query: debounced, includeInactive, limit: 50 }, { keepPrevious: true });
  const rows = pageItems(list.data);

  const columns: Column<UserAccount>[] = [
    { key: 'username', header: 'Username', render: (u) => <Text size="sm" ff="monospace">{u.username}</Text>, csv: (u) => u.username, nowrap: true },
    { key: 'name', header: 'Full name', render: (u) => <Text size="sm" fw={500}>{u.fullName}</Text>, csv: (u) => u.fullName },
    {
      key: 'roles',
      header: 'Roles',
      render: (u) => (
        <Group gap={4}>
          {u.roles.map((r) => (
            <Badge key={r} variant="light" color={r === 'admin' ? 'grape' : 'teal'} size="sm" tt="none">
              {ROLE_LABELS[r]}
            </Badge>
          ))}
        </Group>
      ),
      csv: (u) => u.roles.map((r) => ROLE_LABELS[r]).join('; '),
    },
    { key: 'hospitals', header: 'Hospitals', render: (u) => <Text size="sm">{scope(u)}</Text>, csv: scope },
    {
      key: 'status',
      header: 'Status',
      render: (u) => (
        <Group gap={4}>
          <Badge variant="dot" color={u.active ? "teal" : "gray"} size="sm" tt="none">
            {u.active ? 'Active' : 'Inactive'}
          </Badge>
          {isLocked(u) && (
            <Badge variant="light" color="orange" size="sm" tt="none">
              Locked until {formatDateTime(u.lockedUntil).split(', ')[1]} {gmtOffset(u.lockedUntil ?? '')}
            </Badge>
          )}
        </Group>
      ),
      csv: (u) => (u.active ? 'active' : 'inactive') + (isLocked(u) ? ` (locked until ${u.lockedUntil})` : ''),
      nowrap: true,
    },
    { key: 'last', header: 'Last sign-in', render: (u) => (u.lastLoginAt ? <span data-testid="last-sign-in">{at(u.lastLoginAt)}</span> : <Text size="sm" c="dimmed">Never</Text>), csv: (u) => u.lastLoginAt ?? '', nowrap: true },
  ];

  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which roles, at which hospitals." />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(u) => u.id}
        rowLabel={(u) => `${u.username} ${u.fullName}`}
        search={{ label: 'Search users', placeholder: 'Username or name', value: query, onChange: setQuery }}
        filters={<Switch label="Include inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb={8} />}
        actions={
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing('new')}>
            New user
          </Button>
        }
        onOpen={(u) => setEditing(u)}
        {...pagingOf(list)}
        csvName="users"
        exportSource={{ channel: 'users.list', input: { query: debounced, includeInactive } }}
        countLabel={(n) => `${n} ${n === 1 ? 'account' : 'accounts'}`}
        empty={<EmptyState icon={<IconUsers size={28} />} title="No accounts match" description={debounced ? `Nobody found for “${debounced}”.` : 'No accounts to show.'} />}
      />
      <UserModal opened={editing !== null} user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </>
  );
}
