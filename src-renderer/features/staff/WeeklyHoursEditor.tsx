// Setting a doctor's weekly hours at one hospital from a date: rows of weekday, start, end and slot length.
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { StaffMember } from '@shared/contract/staff';
import type { FieldErrors } from '@shared/errors';
import { countryInfo } from '@shared/domain/countries';
import { MAX_SLOT_MINUTES, MIN_SLOT_MINUTES, WEEKDAY_LABELS, WEEKDAYS } from '@shared/domain/scheduling';
import { api, isApiError } from '../../api/client';
import { channelKey } from '../../api/queries';
import { useSession } from '../../app/session';
import { ClockField } from '../../components/ClockField';
import { DateField } from '../../components/DateField';
import { focusFirstInvalid, useForm, type FormState } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { ModalButtons } from '../../components/ModalButtons';
import { formatDate, personName, todayIn } from '../../components/format';
import { TableHead } from '../../components/TableHead';
import { hoursRow, officeWeek, rowsOfPeriod, type HoursPeriod, type HoursRow } from './schedule';

interface WeekValues {
  hospitalId: string;
  validFrom: string;
  validTo: string;
  rows: HoursRow[];
}

const weekdayOptions = WEEKDAYS.map((d) => ({ value: String(d), label: WEEKDAY_LABELS[d] }));

export function WeeklyHoursEditor(props: { opened: boolean; onClose: () => void; member: StaffMember; periods: HoursPeriod[]; defaultSlotMinutes: number }) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={<Text fw={600}>Weekly hours of Dr {personName(props.member)}</Text>} size="xl">
      {props.opened && <WeekForm {...props} />}
    </Modal>
  );
}

/** Rows to start from: the hours now in force at that hospital, else Monday–Friday 09:00–17:00. */
function startingRows(periods: HoursPeriod[], hospitalId: number, slot: number): HoursRow[] {
  const current = periods.find((p) => p.hospitalId === hospitalId && p.when === 'current') ?? periods.find((p) => p.hospitalId === hospitalId && p.when === 'upcoming');
  return current ? rowsOfPeriod(current) : officeWeek(slot);
}

function WeekForm({ onClose, member, periods, defaultSlotMinutes }: { onClose: () => void; member: StaffMember; periods: HoursPeriod[]; defaultSlotMinutes: number }) {
  const queryClient = useQueryClient();
  const { hospitals } = useSession();
  const home = hospitals.find((h) => h.id === member.hospitalId) ?? hospitals[0];
  const form = useForm<WeekValues>(() => ({
    hospitalId: String(home?.id ?? member.hospitalId),
    validFrom: todayIn(home?.timeZone),
    validTo: '',
    rows: startingRows(periods, home?.id ?? member.hospitalId, defaultSlotMinutes),
  }));
  const v = form.values;
  const hospital = hospitals.find((h) => String(h.id) === v.hospitalId) ?? home;
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;

  const input = () => ({
    doctorId: member.id,
    hospitalId: Number(v.hospitalId),
    validFrom: v.validFrom,
    validTo: v.validTo.trim() ? v.validTo : null,
    hours: v.rows.map((r) => ({ weekday: Number(r.weekday), start: r.start, end: r.end, slotMinutes: r.slotMinutes === '' ? undefined : r.slotMinutes })),
  });

  const save = useMutation({
    mutationFn: (i: ReturnType<typeof input>) => api.doctors.setSchedule(i),
    onSuccess: (schedule, i) => {
      queryClient.setQueryData(channelKey('doctors.getSchedule', { doctorId: member.id }), schedule);
      const where = hospitals.find((h) => h.id === i.hospitalId)?.name ?? 'the hospital';
      notifications.show({
        color: 'teal',
        title: 'Weekly hours saved',
        message: `Dr ${personName(member)} at ${where} from ${formatDate(i.validFrom)}${i.validTo ? ` to ${formatDate(i.validTo)}` : ''}: ${i.hours.length} ${i.hours.length === 1 ? 'block' : 'blocks'} a week.`,
      });
      onClose();
    },
    onError: (e) => showFailure(form, e),
  });

  const setRows = (rows: HoursRow[]) => {
    form.set('rows', rows);
    form.setErrors(withoutRowErrors(form.errors));
  };
  const changeRow = (key: number, change: Partial<HoursRow>) => {
    const index = v.rows.findIndex((r) => r.key === key);
    form.set('rows', v.rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
    const rest = { ...form.errors };
    for (const field of Object.keys(change)) delete rest[`hours.${index}.${field}`];
    form.setErrors(rest);
  };
  const lastRow = v.rows[v.rows.length - 1];
  const addRow = () => {
    const next = lastRow ? Math.min(Number(lastRow.weekday) + 1, 7) : 1;
    setRows([...v.rows, hoursRow(next, lastRow?.start ?? '09:00', lastRow?.end ?? '17:00', lastRow?.slotMinutes ?? defaultSlotMinutes)]);
  };

  return (
    <form
      {...form.formProps(() => {
        const i = input();
        if (form.check(contract['doctors.setSchedule'].input, i)) save.mutate(i);
      })}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Select
            label="Hospital"
            required
            data={hospitals.map((h) => ({ value: String(h.id), label: h.name }))}
            value={v.hospitalId}
            onChange={(h) => {
              if (!h) return;
              form.setValues({ ...v, hospitalId: h, rows: startingRows(periods, Number(h), defaultSlotMinutes) });
            }}
            allowDeselect={false}
            error={form.errors.hospitalId}
          />
          <DateField label="Valid from" required value={v.validFrom} onChange={(d) => form.set('validFrom', d)} order={order} error={form.errors.validFrom} />
          <DateField label="Valid to" description="Empty: until changed" value={v.validTo} onChange={(d) => form.set('validTo', d)} order={order} error={form.errors.validTo} />
        </SimpleGrid>
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
          These rows replace the doctor's hours at this hospital for the period; before and after it the hours stay as they are. No rows: no hours at this hospital in this period.
        </Alert>

        <HoursRows form={form} onChange={changeRow} onRemove={(key) => setRows(v.rows.filter((r) => r.key !== key))} />
        {form.errors.hours && (
          <Text size="sm" c="red" role="alert">
            {form.errors.hours}
          </Text>
        )}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addRow} disabled={v.rows.length >= 50}>
            Add a block
          </Button>
          <Button variant="subtle" onClick={() => setRows(officeWeek(defaultSlotMinutes))}>
            Monday–Friday 09:00–17:00
          </Button>
        </Group>

        <FormAlert message={form.formError} title="The hours were not saved" />
        <ModalButtons onCancel={onClose} submitLabel="Save weekly hours" loading={save.isPending} />
      </Stack>
    </form>
  );
}

function HoursRows({ form, onChange, onRemove }: { form: FormState<WeekValues>; onChange: (key: number, change: Partial<HoursRow>) => void; onRemove: (key: number) => void }) {
  const { rows } = form.values;
  const error = (i: number, field: string) => form.errors[`hours.${i}.${field}`];
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No blocks: the doctor has no hours at this hospital in this period.
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} horizontalSpacing="xs" withRowBorders={false} aria-label="Weekly hours blocks">
      <TableHead columns={['Weekday', 'Start', 'End', 'Slot (min)', { title: '', width: 40 }]} />
      <Table.Tbody>
        {rows.map((r, i) => {
          const name = `block ${i + 1} (${WEEKDAY_LABELS[Number(r.weekday)]} ${r.start}–${r.end})`;
          return (
            <Table.Tr key={r.key} style={{ verticalAlign: 'top' }}>
              <Table.Td w={180}>
                <Select aria-label={`Weekday of block ${i + 1}`} data={weekdayOptions} value={r.weekday} onChange={(d) => d && onChange(r.key, { weekday: d })} allowDeselect={false} error={error(i, 'weekday')} />
              </Table.Td>
              <Table.Td>
                <ClockField aria-label={`Start of block ${i + 1}`} value={r.start} onChange={(start) => onChange(r.key, { start })} error={error(i, 'start')} styles={MONO} />
              </Table.Td>
              <Table.Td>
                <ClockField aria-label={`End of block ${i + 1}`} value={r.end} onChange={(end) => onChange(r.key, { end })} error={error(i, 'end')} styles={MONO} />
              </Table.Td>
              <Table.Td w={130}>
                <NumberInput
                  aria-label={`Slot minutes of block ${i + 1}`}
                  min={MIN_SLOT_MINUTES}
                  max={MAX_SLOT_MINUTES}
                  step={5}
                  allowDecimal={false}
                  allowNegative={false}
                  value={r.slotMinutes}
                  onChange={(n) => onChange(r.key, { slotMinutes: n === '' ? '' : Number(n) })}
                  error={error(i, 'slotMinutes')}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="gray" mt={4} aria-label={`Remove ${name}`} onClick={() => onRemove(r.key)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

const withoutRowErrors = (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('hours.')));

/** The server's field errors go by the rows they name (hours.2.end); anything else is said above the buttons. */
function showFailure(form: FormState<WeekValues>, error: unknown): void {
  if (!isApiError(error) || !error.fields) return form.fail(error);
  const shown = /^(hospitalId|validFrom|validTo|hours(\.\d+\.(weekday|start|end|slotMinutes))?)$/;
  const others = Object.entries(error.fields).filter(([k]) => !shown.test(k));
  form.setErrors(error.fields);
  focusFirstInvalid(form.ref.current);
  form.setFormError(error.code === 'VALIDATION' && others.length === 0 ? null : [error.message, ...others.map(([k, m]) => `${k}: ${m}`)].join(' '));
}

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
