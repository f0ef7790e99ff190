// The staff of the hospital this desk works for: current staff, those on leave, and the archive of former staff.
import { useState } from 'react';
import { ActionIcon, Badge, Button, EmptyState, Menu, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArchive, IconDots, IconEdit, IconPlayerPlay, IconPlaneDeparture, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { STAFF_LIST_VIEWS, type StaffMember } from '@shared/contract/staff';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@shared/domain/scheduling';
import { pageItems, useChannelInfiniteQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { DataTable, pagingOf, type Column } from '../../components/DataTable';
import { displayPhone, formatDate, personName } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { StaffModal } from './StaffModal';
import { useDepartments } from './staff-data';
import { STATUS_COLORS, STATUS_LABELS, useStaffStatusChange } from './staff-status';
import { TerminateModal } from './TerminateModal';

type StaffView = (typeof STAFF_LIST_VIEWS)[number];

const VIEW_LABELS: Record<StaffView, string> = { current: 'Current', active: 'Active', on_leave: 'On leave', archive: 'Archive', all: 'All' };

const VIEW_PHRASES: Record<StaffView, string> = { current: 'current staff', active: 'active staff', on_leave: 'staff on leave', archive: 'the archive', all: 'all staff' };

interface StaffFilters {
  query: string;
  view: StaffView;
  staffRole: StaffRole | null;
  departmentId: string | null;
}

// Kept across visits, so coming back from a record shows the same list.
let lastFilters: StaffFilters = { query: '', view: 'current', staffRole: null, departmentId: null };

export function StaffPage() {
  const { hospital, can } = useSession();
  const mayOpen = useMayOpen();
  const [filters, setFiltersState] = useState(lastFilters);
  const setFilters = (change: Partial<StaffFilters>) => {
    lastFilters = { ...lastFilters, ...change };
    setFiltersState(lastFilters);
  };
  const [query] = useDebouncedValue(filters.query.trim(), 200);
  const [editing, setEditing] = useState<StaffMember | 'new' | null>(null);
  const [terminating, setTerminating] = useState<StaffMember | null>(null);
  const keeps = can('staff.update');
  const hospitalId = hospital?.id ?? null;

  const input = {
    hospitalId: hospitalId ?? undefined,
    query,
    view: filters.view,
    staffRole: filters.staffRole ?? undefined,
    departmentId: filters.departmentId ? Number(filters.departmentId) : undefined,
  };
  const list = useChannelInfiniteQuery('staff.list', { ...input, limit: 50 }, { enabled: hospitalId !== null, keepPrevious: true });
  const rows = pageItems(list.data);
  const departments = useDepartments(hospitalId, { includeInactive: true });

  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;

  const archive = filters.view === 'archive';
  const columns = staffColumns(filters.view);
  // The file carries the e-mail too, which the table leaves out for width.
  const csvColumns = [...columns, { key: 'email', header: 'E-mail', render: () => null, csv: (m) => m.email ?? '' } satisfies Column<StaffMember>];
  if (keeps && !archive) {
    columns.push({
      key: 'actions',
      header: '',
      width: 48,
      render: (m) => (m.status === 'terminated' ? null : <StaffRowActions member={m} onEdit={() => setEditing(m)} onTerminate={() => setTerminating(m)} />),
      csv: false,
    });
  }
  const addButton = can('staff.create') && !archive && (
    <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing('new')}>
      Add staff member
    </Button>
  );

  return (
    <>
      <PageHeader
        title={archive ? 'Staff archive' : 'Staff'}
        description={archive ? `Former staff of ${hospital.name}: read-only, never deleted.` : `Staff records of ${hospital.name}: employment, contact, and doctors' practice.`}
        actions={
          <SegmentedControl
            aria-label="Show"
            data={STAFF_LIST_VIEWS.map((v) => ({ value: v, label: VIEW_LABELS[v] }))}
            value={filters.view}
            onChange={(v) => setFilters({ view: v as StaffView })}
          />
        }
      />
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(m) => m.id}
        rowLabel={(m) => `${m.employeeNumber} ${personName(m)} ${STAFF_ROLE_LABELS[m.staffRole]}`}
        search={{ label: 'Search staff', placeholder: 'Name or employee number', value: filters.query, onChange: (q) => setFilters({ query: q }) }}
        filters={
          <>
            <Select
              label="Role"
              placeholder="Any role"
              data={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
              value={filters.staffRole}
              onChange={(r) => setFilters({ staffRole: r as StaffRole | null })}
              clearable
              w={140}
            />
            <Select
              label="Department"
              placeholder="Any department"
              data={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.active ? d.name : `${d.name} (inactive)` }))}
              value={filters.departmentId}
              onChange={(d) => setFilters({ departmentId: d })}
              clearable
              searchable
              w={170}
            />
          </>
        }
        actions={addButton}
        onOpen={mayOpen('staff-member') ? (m) => navigate(`/staff/${m.id}`) : undefined}
        {...pagingOf(list)}
        csvColumns={csvColumns}
        csvName={archive ? `staff-archive-${hospital.code}` : `staff-${hospital.code}`}
        exportSource={{ channel: 'staff.list', input }}
        countLabel={(n) => `${n} ${archive ? 'former ' : ''}${n === 1 ? 'staff member' : 'staff members'}`}
        empty={
          <EmptyState
            icon={archive ? <IconArchive size={28} /> : <IconUsersGroup size={28} />}
            title={query ? 'Nobody matches' : archive ? 'The archive is empty' : 'No staff here yet'}
            description={
              query ? `Nobody found for “${query}” in ${VIEW_PHRASES[filters.view]}.` : archive ? 'Staff whose employment ended are kept here.' : 'Add the staff of this hospital to see them here.'
            }
          >
            {!query && !archive && addButton && <EmptyState.Actions>{addButton}</EmptyState.Actions>}
          </EmptyState>
        }
      />
      <StaffModal opened={editing !== null} member={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      <TerminateModal member={terminating} onClose={() => setTerminating(null)} />
    </>
  );
}

function staffColumns(view: StaffView): Column<StaffMember>[] {
  const columns: Column<StaffMember>[] = [
    { key: 'number', header: 'Employee no.', render: (m) => <Text ff="monospace" size="sm">{m.employeeNumber}</Text>, csv: (m) => m.employeeNumber, nowrap: true, width: 130 },
    {
      key: 'name',
      header: 'Name',
      render: (m) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {personName(m)}
          </Text>
          {m.doctor && (
            <Text size="xs" c="dimmed">
              {m.doctor.specialization}
            </Text>
          )}
        </Stack>
      ),
      csv: (m) => personName(m),
    },
    { key: 'role', header: 'Role', render: (m) => STAFF_ROLE_LABELS[m.staffRole], csv: (m) => STAFF_ROLE_LABELS[m.staffRole], nowrap: true },
    { key: 'department', header: 'Department', render: (m) => m.departmentName ?? <Text size="sm" c="dimmed">—</Text>, csv: (m) => m.departmentName ?? '' },
    { key: 'phone', header: 'Phone', render: (m) => displayPhone(m.phone), csv: (m) => displayPhone(m.phone), nowrap: true },
    { key: 'hired', header: 'Hired', render: (m) => formatDate(m.hireDate), csv: (m) => m.hireDate, nowrap: true },
    { key: 'hours', header: 'Hours/wk', render: (m) => m.contractedHours, csv: (m) => m.contractedHours, nowrap: true, width: 90 },
    {
      key: 'status',
      header: 'Status',
      render: (m) => (
        <Badge variant="dot" color={STATUS_COLORS[m.status]} size="sm" tt="none">
          {STATUS_LABELS[m.status]}
        </Badge>
      ),
      csv: (m) => m.status,
      nowrap: true,
    },
  ];
  // Everyone in the archive is terminated: its dates and reasons say more than a status column.
  if (view === 'archive') columns.splice(columns.findIndex((c) => c.key === 'status'), 1);
  if (view === 'archive' || view === 'all') {
    columns.push(
      { key: 'terminatedOn', header: 'Terminated', render: (m) => formatDate(m.terminatedOn), csv: (m) => m.terminatedOn ?? '', nowrap: true },
      { key: 'reason', header: 'Reason', render: (m) => <Text size="sm" lineClamp={2}>{m.terminationReason}</Text>, csv: (m) => m.terminationReason ?? '' },
    );
  }
  return columns;
}

/** Edit, leave and termination from the list; the clicks stay here instead of opening the record behind. */
function StaffRowActions({ member, onEdit, onTerminate }: { member: StaffMember; onEdit: () => void; onTerminate: () => void }) {
  const status = useStaffStatusChange();
  const onLeave = member.status === 'on_leave';
  return (
    <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${personName(member)}`} loading={status.isPending}>
            <IconDots size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconEdit size={16} />} onClick={onEdit}>
            Edit record
          </Menu.Item>
          <Menu.Item
            leftSection={onLeave ? <IconPlayerPlay size={16} /> : <IconPlaneDeparture size={16} />}
            onClick={() => status.mutate({ member, status: onLeave ? 'active' : 'on_leave' })}
          >
            {onLeave ? 'Back from leave (active)' : 'Mark on leave'}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={onTerminate}>
            Terminate employment…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
