// A department's week rota: choose the department and week, assign, move and unassign shifts in the grid (each checked
// by the server as it is made, a refusal shown with its sentence), copy a week, record leave, print or export it.
import { useMemo, useRef, useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, Center, Group, Loader, Menu, Paper, Select, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconChevronDown, IconChevronLeft, IconChevronRight, IconCopy, IconDeviceFloppy, IconDownload, IconPlaneDeparture, IconPrinter, IconSettings } from '@tabler/icons-react';
import { type Rota, type RotaPerson, type ShiftAssignment, type ShiftType } from '@shared/contract/shifts';
import { countryInfo } from '@shared/domain/countries';
import { STAFF_ROLE_LABELS } from '@shared/domain/scheduling';
import { hoursText, LEAVE_LABELS } from '@shared/domain/shifts';
import { api, isApiError } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { href, navigate } from '../../app/router';
import { useMayOpen, useSession } from '../../app/session';
import { downloadCsv } from '../../components/csv';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormSection';
import { formatDate, todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { PdfPreviewModal, savePdf, type PdfFile } from '../../components/PdfPreview';
import { addDays, dayLabel, isIsoDate, weekStart as mondayOf } from '../../components/calendar';
import { useDepartments } from '../staff';
import { CopyWeekModal } from './CopyWeekModal';
import { LeaveModal } from './LeaveModal';
import { RotaGrid, type RotaActions } from './RotaGrid';

// Kept across visits: coming back to the rota shows the same department.
const remembered: { departmentId: number | null } = { departmentId: null };

/** A refusal of the server, kept on screen until dismissed: which rule, and which other shift. */
interface Refusal {
  title: string;
  message: string;
}

export function RotaPage({ departmentId: routeDepartmentId, week }: { departmentId?: number; week?: string }) {
  const { hospital, can } = useSession();
  const hospitalId = hospital?.id ?? null;
  const timeZone = hospital?.timeZone ?? 'UTC';
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(timeZone);
  const thisWeek = mondayOf(today);
  const weekStart = isIsoDate(week) ? mondayOf(week) : thisWeek;
  // Planning (assigning, moving, copying shifts) for whoever may assign here; each other button by its own channel.
  const canPlan = can('shifts.assign');
  const mayOpen = useMayOpen();

  const departments = useDepartments(hospitalId);
  const departmentList = departments.data ?? [];
  const departmentId =
    [routeDepartmentId, remembered.departmentId].find((id) => id !== undefined && id !== null && departmentList.some((d) => d.id === id)) ?? departmentList[0]?.id ?? null;
  if (departmentId) remembered.departmentId = departmentId;

  const [typedWeek, setTypedWeek] = useState(weekStart);
  const goTo = (change: { departmentId?: number; week?: string }) => {
    const w = change.week ?? weekStart;
    setTypedWeek(w);
    navigate(`/rota?departmentId=${change.departmentId ?? departmentId}${w === thisWeek ? '' : `&week=${w}`}`);
  };

  const rota = useChannelQuery(
    'shifts.rota',
    { departmentId: departmentId ?? 0, weekStart },
    { enabled: departmentId !== null, placeholderData: (previous) => (previous?.department.id === departmentId ? previous : undefined), staleTime: 5_000 },
  );
  const data = rota.data?.weekStart === weekStart ? rota.data : undefined;

  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [leaveFor, setLeaveFor] = useState<RotaPerson | 'anyone' | null>(null);
  const [copying, setCopying] = useState(false);
  const [preview, setPreview] = useState<PdfFile | null>(null);

  const afterChange = () => setRefusal(null);
  const refused = (title: string) => (e: Error) => {
    if (isApiError(e) && (e.code === 'CONFLICT' || e.code === 'VALIDATION' || e.code === 'NOT_FOUND')) {
      const fields = Object.values(e.fields ?? {});
      setRefusal({ title, message: fields.length ? fields.join(' ') : e.message });
    } else notifications.show({ color: 'red', title, message: e.message });
    // What the grid shows may be out of date (another planner): ask again.
    void rota.refetch();
  };

  const assign = useMutation({
    mutationFn: (v: { person: RotaPerson; date: string; type: ShiftType }) => api.shifts.assign({ staffId: v.person.id, date: v.date, shiftTypeId: v.type.id, departmentId: departmentId! }),
    onSuccess: afterChange,
    onError: refused('Shift not assigned'),
  });
  const move = useMutation({
    mutationFn: (v: { a: ShiftAssignment; date?: string; shiftTypeId?: number }) => api.shifts.move({ id: v.a.id, date: v.date, shiftTypeId: v.shiftTypeId }),
    onSuccess: afterChange,
    onError: refused('Shift not moved'),
  });
  const unassign = useMutation({
    mutationFn: (a: ShiftAssignment) => api.shifts.unassign({ id: a.id }),
    onSuccess: afterChange,
    onError: refused('Shift not removed'),
  });

  const alignHours = useMutation({
    mutationFn: (a: ShiftAssignment) => api.doctors.alignWithShift({ shiftId: a.id }),
    onSuccess: (_s, a) => {
      notifications.show({ color: 'teal', title: 'Bookable hours updated', message: `${a.staffName} can be booked in the ${a.shiftName.toLowerCase()} shift's hours on ${dayLabel(a.date).replace(/ \d{4}$/, '')} and that weekday after it.` });
      afterChange();
    },
    onError: refused('Hours not changed'),
  });
  const mayAlign = can('doctors.alignWithShift');

  // The grid's rows are memoised: they get one stable object whose calls reach the current mutations.
  const current = useRef({ assign, move, unassign, alignHours });
  current.current = { assign, move, unassign, alignHours };
  const actions = useMemo<RotaActions>(
    () => ({
      assign: (person, date, type) => current.current.assign.mutate({ person, date, type }),
      move: (a, change) => current.current.move.mutate({ a, ...change }),
      unassign: (a) => current.current.unassign.mutate(a),
      recordLeave: (person) => setLeaveFor(person),
      alignHours: mayAlign ? (a) => current.current.alignHours.mutate(a) : undefined,
    }),
    [mayAlign],
  );

  const paper = hospital?.country === 'US' ? 'Letter' : 'A4';
  const pdf = useMutation({
    mutationFn: async (action: 'print' | 'save') => ({ action, file: await api.shifts.rotaPdf({ departmentId: departmentId!, weekStart, paper }) }),
    onSuccess: ({ action, file }) => {
      if (action === 'print') return setPreview(file);
      savePdf(file);
      notifications.show({ color: 'teal', title: 'Rota saved', message: `${file.fileName} (${file.pages} ${file.pages === 1 ? 'page' : 'pages'}).` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'The rota PDF could not be made', message: e.message }),
  });

  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;
  if (departments.isSuccess && departmentList.length === 0) {
    return <EmptyPage title="No departments yet" description="A rota is planned per department: an administrator adds departments first." />;
  }

  const busy = assign.isPending || move.isPending || unassign.isPending || alignHours.isPending;
  const gaps = data?.coverage.reduce((n, c) => n + c.gap, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Rota"
        description={
          data ? (
            <>
              {data.department.name} · week of {formatDate(weekStart)}
              {weekStart === thisWeek ? ' (this week)' : ''} · {hoursText(data.departmentMinutes)} planned · rest at least {hoursText(data.rules.minRestMinutes)}, at most {hoursText(data.rules.maxWeekMinutes)} a week
            </>
          ) : (
            `Week of ${formatDate(weekStart)}`
          )
        }
        actions={
          <>
            {mayOpen('/rota/leave') && (
              <Button component="a" href={href('/rota/leave')} variant="default" leftSection={<IconPlaneDeparture size={16} />}>
                Leave
              </Button>
            )}
            {mayOpen('/rota/setup') && (
              <Button component="a" href={href('/rota/setup')} variant="default" leftSection={<IconSettings size={16} />}>
                Shift types and rules
              </Button>
            )}
          </>
        }
      />
      <Paper withBorder radius="md" p="md" mb="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label="Department"
            data={departmentList.map((d) => ({ value: String(d.id), label: d.name }))}
            value={departmentId ? String(departmentId) : null}
            onChange={(v) => v && goTo({ departmentId: Number(v) })}
            allowDeselect={false}
            searchable
            w={220}
          />
          <Group gap={4} align="flex-end" wrap="nowrap">
            <Tooltip label="Previous week">
              <ActionIcon variant="default" size={36} aria-label="Previous week" onClick={() => goTo({ week: addDays(weekStart, -7) })}>
                <IconChevronLeft size={18} />
              </ActionIcon>
            </Tooltip>
            <Button variant={weekStart === thisWeek ? 'light' : 'default'} onClick={() => goTo({ week: thisWeek })}>
              This week
            </Button>
            <Tooltip label="Next week">
              <ActionIcon variant="default" size={36} aria-label="Next week" onClick={() => goTo({ week: addDays(weekStart, 7) })}>
                <IconChevronRight size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <DateField label="Week of" value={typedWeek} onChange={(d) => (isIsoDate(d) ? goTo({ week: mondayOf(d) }) : setTypedWeek(d))} order={order} w={160} />
          <Group gap="sm" ml="auto" align="flex-end">
            {can('shifts.copyWeek') && (
              <Button variant="default" leftSection={<IconCopy size={16} />} onClick={() => setCopying(true)} disabled={!data}>
                Copy a week…
              </Button>
            )}
            {can('leave.record') && (
              <Button variant="default" leftSection={<IconPlaneDeparture size={16} />} onClick={() => setLeaveFor('anyone')}>
                Record leave…
              </Button>
            )}
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />} leftSection={<IconPrinter size={16} />} loading={pdf.isPending} disabled={!data}>
                  Print / export
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconPrinter size={16} />} onClick={() => pdf.mutate('print')}>
                  Print rota ({paper}, landscape)
                </Menu.Item>
                <Menu.Item leftSection={<IconDeviceFloppy size={16} />} onClick={() => pdf.mutate('save')}>
                  Save PDF
                </Menu.Item>
                <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => data && exportCsv(data)}>
                  Export CSV
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        {data && <Legend rota={data} gaps={gaps} busy={busy} canPlan={canPlan} />}
      </Paper>

      {refusal && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={refusal.title} withCloseButton closeButtonLabel="Dismiss" onClose={() => setRefusal(null)} mb="md" role="alert">
          {refusal.message}
        </Alert>
      )}

      {rota.error ? (
        <FormAlert title="The rota could not be loaded" message={rota.error.message} />
      ) : !data ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
          {data.shiftTypes.length === 0 && (
            <Alert color="yellow" variant="light" radius={0}>
              This hospital has no shift types yet.{' '}
              {mayOpen('/rota/setup') ? (
                <Anchor href={href('/rota/setup')} size="sm">
                  Define Day, Evening and Night (or your own) first.
                </Anchor>
              ) : (
                'HR defines them.'
              )}
            </Alert>
          )}
          <RotaGrid rota={data} canPlan={canPlan} actions={actions} today={today} />
        </Paper>
      )}

      {data && <CopyWeekModal opened={copying} rota={data} order={order} onClose={() => setCopying(false)} />}
      <LeaveModal opened={leaveFor !== null} hospitalId={hospital.id} person={leaveFor === 'anyone' ? null : leaveFor} onClose={() => setLeaveFor(null)} />
      <PdfPreviewModal file={preview} title={data ? `Rota · ${data.department.name} · week of ${formatDate(weekStart)}` : 'Rota'} onClose={() => setPreview(null)} />
    </>
  );
}

function Legend({ rota, gaps, busy, canPlan }: { rota: Rota; gaps: number; busy: boolean; canPlan: boolean }) {
  const onLeave = rota.staff.filter((p) => p.leave.length > 0).length;
  return (
    <Group gap="md" mt="sm" wrap="wrap">
      <Text size="sm" fw={500}>
        {rota.assignments.length} {rota.assignments.length === 1 ? 'shift' : 'shifts'} · {rota.staff.length} staff
        {onLeave ? ` · ${onLeave} on leave this week` : ''}
      </Text>
      <Text size="sm" c={gaps ? 'red.8' : 'teal.8'} fw={500} aria-live="polite" data-testid="coverage-summary">
        {rota.coverage.length === 0 ? 'No coverage rules for this department' : gaps ? `${gaps} ${gaps === 1 ? 'person' : 'people'} short of the minimum` : 'Every shift covered'}
      </Text>
      {busy && <Loader size="xs" />}
      {canPlan && (
        <Text size="xs" c="dimmed" ml="auto">
          Click an empty day to assign; click a shift to change, move or unassign it.
        </Text>
      )}
    </Group>
  );
}

/** The week as a spreadsheet: a row per person with the shift codes of each day, their hours and their contract. */
function exportCsv(rota: Rota): void {
  const byPersonDay = new Map<string, string[]>();
  for (const a of rota.assignments) {
    const k = `${a.staffId}|${a.date}`;
    byPersonDay.set(k, [...(byPersonDay.get(k) ?? []), a.shiftCode]);
  }
  const header = ['Employee no.', 'Name', 'Role', ...rota.days.map(dayLabel), 'Week hours', 'Contracted hours'];
  const rows = rota.staff.map((p) => [
    p.employeeNumber,
    p.name,
    STAFF_ROLE_LABELS[p.staffRole],
    ...rota.days.map((d) => {
      const leave = p.leave.find((l) => l.date === d);
      return leave ? LEAVE_LABELS[leave.kind] : (byPersonDay.get(`${p.id}|${d}`) ?? []).join(' ');
    }),
    (p.weekMinutes / 60).toFixed(2),
    p.contractedHours,
  ]);
  const slug = rota.department.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  downloadCsv(`rota-${slug}-${rota.weekStart}.csv`, header, rows);
}
