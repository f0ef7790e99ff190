// HR's setup of the rota: the hospital's shift types (with pay multipliers), its working-time rules, and each
// department's coverage rules (shift type × role → minimum headcount).
import { useEffect, useMemo, useState } from 'react';
import { Button, Center, Group, Loader, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconClockPlus, IconDeviceFloppy, IconWand } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Rota, RotaRules, ShiftType } from '@shared/contract/shifts';
import { STAFF_ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@shared/domain/scheduling';
import { hoursText } from '@shared/domain/shifts';
import { api } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert, FormSection } from '../../components/FormSection';
import { todayIn } from '../../components/format';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { weekStart } from '../../components/calendar';
import { useDepartments } from '../staff';
import { normalizeClock } from '../../components/ClockField';
import { shiftStyle, shiftTypeText } from './RotaGrid';
import classes from './shifts.module.css';

/** The shifts most hospitals start from. */
const USUAL_SHIFTS = [
  { name: 'Day', code: 'D', start: '07:00', end: '15:00', payMultiplierBp: 10000 },
  { name: 'Evening', code: 'E', start: '15:00', end: '23:00', payMultiplierBp: 11000 },
  { name: 'Night', code: 'N', start: '23:00', end: '07:00', payMultiplierBp: 12500 },
];

const multiplierText = (bp: number) => `×${(bp / 10000).toFixed(2)}`;

export function RotaSetupPage() {
  const { hospital } = useSession();
  const types = useChannelQuery('shifts.listTypes', { hospitalId: hospital?.id ?? 0 }, { enabled: !!hospital });
  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;
  return (
    <>
      <PageHeader title="Shift types and rules" back={{ label: 'Rota', href: href('/rota') }} description={`${hospital.name} · what the rota is planned with, and what every assignment is checked against`} />
      <Stack gap="lg">
        <ShiftTypesSection hospitalId={hospital.id} types={types.data} loading={types.isPending} error={types.error?.message} />
        <RulesSection hospitalId={hospital.id} />
        <CoverageSection hospitalId={hospital.id} timeZone={hospital.timeZone} types={types.data ?? []} />
      </Stack>
    </>
  );
}

function ShiftTypesSection({ hospitalId, types, loading, error }: { hospitalId: number; types: ShiftType[] | undefined; loading: boolean; error?: string }) {
  const form = useForm({ name: '', code: '', start: '', end: '', multiplier: 1 as number | string });
  const create = useMutation({
    mutationFn: (input: { hospitalId: number; name: string; code: string; start: string; end: string; payMultiplierBp: number }) => api.shifts.createType(input),
    onSuccess: (t) => {
      notifications.show({ color: 'teal', title: 'Shift type added', message: `${t.code} · ${shiftTypeText(t)}, pay ${multiplierText(t.payMultiplierBp)}.` });
      form.setValues({ name: '', code: '', start: '', end: '', multiplier: 1 });
    },
    onError: (e) => form.fail(e),
  });
  const usual = useMutation({
    mutationFn: async () => {
      const taken = new Set((types ?? []).map((t) => t.code));
      for (const t of USUAL_SHIFTS) if (!taken.has(t.code)) await api.shifts.createType({ hospitalId, ...t });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not every shift type was added', message: e.message }),
  });
  const submit = () => {
    const v = form.values;
    const input = { hospitalId, name: v.name, code: v.code.toUpperCase(), start: normalizeClock(v.start), end: normalizeClock(v.end), payMultiplierBp: Math.round(Number(v.multiplier) * 10000) };
    if (form.check(contract['shifts.createType'].input, input, {}) !== null) create.mutate(input);
  };

  return (
    <FormSection title="Shift types" description="Each has a code shown in the rota grid and a pay multiplier. A shift that ends at or before its start crosses midnight (Night 23:00–07:00).">
      {loading ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : error ? (
        <FormAlert title="The shift types could not be loaded" message={error} />
      ) : types && types.length > 0 ? (
        <Table verticalSpacing={6} aria-label="Shift types" maw={720}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>Code</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Hours</Table.Th>
              <Table.Th>Length</Table.Th>
              <Table.Th>Pay</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {types.map((t, i) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <span className={classes.swatch} style={shiftStyle(t, i)}>
                    {t.code}
                  </span>
                </Table.Td>
                <Table.Td fw={500}>{t.name}</Table.Td>
                <Table.Td>{shiftTypeText(t).slice(t.name.length + 1)}</Table.Td>
                <Table.Td>{hoursText(lengthMinutes(t))}</Table.Td>
                <Table.Td>{multiplierText(t.payMultiplierBp)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Group>
          <Text size="sm" c="dimmed">
            No shift types yet.
          </Text>
          <Button variant="light" leftSection={<IconWand size={16} />} onClick={() => usual.mutate()} loading={usual.isPending}>
            Add Day, Evening and Night
          </Button>
        </Group>
      )}
      <form {...form.formProps(submit)} aria-label="New shift type">
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            New shift type
          </Text>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label="Name" required placeholder="e.g. Long day" maxLength={40} w={180} {...form.text('name')} />
            <TextInput label="Code" required placeholder="e.g. LD" maxLength={4} w={90} {...form.text('code')} />
            <TextInput label="Starts" required placeholder="07:00" w={100} {...form.text('start')} onBlur={() => form.set('start', normalizeClock(form.values.start))} />
            <TextInput label="Ends" required placeholder="19:00" w={100} {...form.text('end')} onBlur={() => form.set('end', normalizeClock(form.values.end))} />
            <NumberInput
              label="Pay multiplier"
              prefix="×"
              decimalScale={2}
              fixedDecimalScale
              step={0.05}
              min={1}
              max={4}
              w={130}
              value={form.values.multiplier}
              onChange={(v) => form.set('multiplier', v)}
              error={form.errors.payMultiplierBp}
            />
            <Button type="submit" mt={25} leftSection={<IconClockPlus size={16} />} loading={create.isPending}>
              Add shift type
            </Button>
          </Group>
          <FormAlert message={form.formError} title="Not added" />
        </Stack>
      </form>
    </FormSection>
  );
}

function lengthMinutes(t: ShiftType): number {
  const [sh, sm] = t.start.split(':').map(Number);
  const [eh, em] = t.end.split(':').map(Number);
  const m = eh * 60 + em - (sh * 60 + sm);
  return m <= 0 ? m + 1440 : m;
}

function RulesSection({ hospitalId }: { hospitalId: number }) {
  const queryClient = useQueryClient();
  const rules = useChannelQuery('shifts.getRules', { hospitalId });
  const form = useForm({ restHours: '' as number | string, weekHours: '' as number | string }, { aliases: { minRestMinutes: 'restHours', maxWeekMinutes: 'weekHours' } });
  const { setValues } = form;
  useEffect(() => {
    if (rules.data) setValues({ restHours: rules.data.minRestMinutes / 60, weekHours: rules.data.maxWeekMinutes / 60 });
  }, [rules.data, setValues]);
  const save = useMutation({
    mutationFn: (input: { hospitalId: number; minRestMinutes: number; maxWeekMinutes: number }) => api.shifts.setRules(input),
    onSuccess: (r: RotaRules) => {
      queryClient.setQueryData(channelKey('shifts.getRules', { hospitalId }), r);
      notifications.show({ color: 'teal', title: 'Rules saved', message: `At least ${hoursText(r.minRestMinutes)} of rest between shifts; at most ${hoursText(r.maxWeekMinutes)} a week.` });
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const input = { hospitalId, minRestMinutes: Math.round(Number(form.values.restHours) * 60), maxWeekMinutes: Math.round(Number(form.values.weekHours) * 60) };
    if (form.check(contract['shifts.setRules'].input, input)) save.mutate(input);
  };
  return (
    <FormSection title="Working-time rules" description="Every assignment, move and copied shift is checked against them; a refusal names the rule and the other shift.">
      <form {...form.formProps(submit)}>
        <Group align="flex-start" gap="sm">
          <NumberInput label="Minimum rest between shifts" suffix=" h" min={0} max={24} decimalScale={2} w={220} value={form.values.restHours} onChange={(v) => form.set('restHours', v)} error={form.errors.restHours} />
          <NumberInput label="Maximum hours a week" suffix=" h" min={1} max={80} decimalScale={2} w={220} value={form.values.weekHours} onChange={(v) => form.set('weekHours', v)} error={form.errors.weekHours} />
          <Button type="submit" mt={25} variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!rules.data}>
            Save rules
          </Button>
        </Group>
        <FormAlert message={form.formError} title="Not saved" />
      </form>
    </FormSection>
  );
}

/** The roles a ward usually staffs by shift come first; the others are there for departments that need them. */
const COVERAGE_ROLES: StaffRole[] = ['nurse', 'doctor', 'technician', 'pharmacist', 'support', ...STAFF_ROLES.filter((r) => !['nurse', 'doctor', 'technician', 'pharmacist', 'support'].includes(r))];

function CoverageSection({ hospitalId, timeZone, types }: { hospitalId: number; timeZone: string; types: ShiftType[] }) {
  const departments = useDepartments(hospitalId);
  const [departmentId, setDepartmentId] = useState<number | null>(null);
  const chosen = departmentId ?? departments.data?.[0]?.id ?? null;
  const thisWeek = weekStart(todayIn(timeZone));
  // The rules of a department come with its rota (every cell names the rule's minimum).
  const rota = useChannelQuery('shifts.rota', { departmentId: chosen ?? 0, weekStart: thisWeek }, { enabled: chosen !== null });
  const saved = useMemo(() => rulesOf(rota.data), [rota.data]);
  const [edits, setEdits] = useState<Map<string, number>>(new Map());
  useEffect(() => setEdits(new Map()), [chosen, saved]);
  const valueOf = (typeId: number, role: StaffRole) => edits.get(`${typeId}|${role}`) ?? saved.get(`${typeId}|${role}`) ?? 0;
  const changed = [...edits].filter(([k, v]) => (saved.get(k) ?? 0) !== v);

  const save = useMutation({
    mutationFn: async () => {
      for (const [k, v] of changed) {
        const [typeId, role] = k.split('|');
        await api.shifts.setCoverage({ departmentId: chosen!, shiftTypeId: Number(typeId), staffRole: role as StaffRole, minHeadcount: v });
      }
    },
    onSuccess: () => notifications.show({ color: 'teal', title: 'Coverage saved', message: `${changed.length} ${changed.length === 1 ? 'rule' : 'rules'} changed; gaps show in the rota.` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not every rule was saved', message: e.message }),
  });

  return (
    <FormSection title="Coverage" description="The fewest people of each role a department needs on each shift, every day. Days short of it show in the rota; 0 means no rule.">
      <Select
        label="Department"
        data={(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
        value={chosen ? String(chosen) : null}
        onChange={(v) => v && setDepartmentId(Number(v))}
        allowDeselect={false}
        searchable
        w={260}
      />
      {types.length === 0 ? (
        <Text size="sm" c="dimmed">
          Add shift types first.
        </Text>
      ) : !rota.data ? (
        <Center py="md">{rota.error ? <FormAlert message={rota.error.message} /> : <Loader size="sm" />}</Center>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing={4} horizontalSpacing={6} aria-label={`Coverage rules of ${rota.data.department.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Shift</Table.Th>
                {COVERAGE_ROLES.map((r) => (
                  <Table.Th key={r} style={{ whiteSpace: 'nowrap', fontSize: 'var(--mantine-font-size-xs)' }}>
                    {STAFF_ROLE_LABELS[r]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {types.map((t, i) => (
                <Table.Tr key={t.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <span className={classes.swatch} style={shiftStyle(t, i)}>
                      {t.code}
                    </span>{' '}
                    {t.name}
                  </Table.Td>
                  {COVERAGE_ROLES.map((r) => (
                    <Table.Td key={r}>
                      <NumberInput
                        aria-label={`${t.name} ${STAFF_ROLE_LABELS[r]} minimum`}
                        min={0}
                        max={200}
                        allowDecimal={false}
                        allowNegative={false}
                        hideControls
                        size="xs"
                        w={56}
                        value={valueOf(t.id, r)}
                        onChange={(v) => setEdits((m) => new Map(m).set(`${t.id}|${r}`, Number(v) || 0))}
                        styles={{ input: { textAlign: 'center', fontWeight: valueOf(t.id, r) ? 700 : 400 } }}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => save.mutate()} disabled={changed.length === 0} loading={save.isPending}>
          Save coverage
        </Button>
        {changed.length > 0 && (
          <Text size="sm" c="dimmed">
            {changed.length} unsaved {changed.length === 1 ? 'change' : 'changes'}
          </Text>
        )}
      </Group>
    </FormSection>
  );
}

function rulesOf(rota: Rota | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of rota?.coverage ?? []) m.set(`${c.shiftTypeId}|${c.staffRole}`, c.required);
  return m;
}
