// Free slots for one day, of one doctor or of every doctor of a department or specialization; when there is none,
// why not (on leave, not working, fully booked) and the next free slots of that doctor and of the others.
import { useState } from 'react';
import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { IconCalendarOff, IconClockHour4 } from '@tabler/icons-react';
import type { DaySlots, Slot, SlotOffer } from '@shared/contract/appointments';
import { byFirstFree } from '@shared/domain/scheduling';
import { api } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { FormAlert } from '../../components/FormSection';
import { formatTime, todayIn } from '../../components/format';
import { dateAt, dayLabel, dayStartsAt } from '../../components/calendar';

export type SlotSource =
  | { kind: 'doctor'; doctorId: number }
  | { kind: 'department'; hospitalId: number; departmentId: number }
  | { kind: 'specialization'; hospitalId: number; specialization: string };

export interface SlotPickerProps {
  source: SlotSource;
  date: string;
  timeZone: string;
  selected: { doctorId: number; start: string } | null;
  onSelect: (offer: SlotOffer) => void;
}

/** How many slots of each doctor a department view shows before "Show all". */
const PER_DOCTOR = 16;

const isSelected = (selected: SlotPickerProps['selected'], doctorId: number, s: Slot) => selected?.doctorId === doctorId && selected.start === s.start;

function SlotButton({ slot, doctorId, doctorName, selected, onSelect, timeZone, withDay }: { slot: Slot; doctorId: number; doctorName: string; selected: boolean; onSelect: (o: SlotOffer) => void; timeZone: string; withDay?: boolean }) {
  const time = formatTime(slot.start, timeZone);
  const text = withDay ? `${dayLabel(dateAt(slot.start, timeZone))}, ${time}` : time;
  return (
    <Button
      size="compact-sm"
      variant={selected ? 'filled' : 'light'}
      aria-pressed={selected}
      aria-label={`${text} with ${doctorName}`}
      title={`${text} with ${doctorName}`}
      miw={withDay ? undefined : 64}
      onClick={() => onSelect({ ...slot, doctorId, doctorName })}
    >
      {text}
    </Button>
  );
}

function SlotGrid({ day, props, limit }: { day: DaySlots; props: SlotPickerProps; limit?: number }) {
  const [all, setAll] = useState(false);
  const shown = limit && !all ? day.slots.slice(0, limit) : day.slots;
  return (
    <Group gap={6} role="group" aria-label={`Free slots of ${day.doctorName}`}>
      {shown.map((s) => (
        <SlotButton key={s.start} slot={s} doctorId={day.doctorId} doctorName={day.doctorName} selected={isSelected(props.selected, day.doctorId, s)} onSelect={props.onSelect} timeZone={props.timeZone} />
      ))}
      {shown.length < day.slots.length && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)}>
          Show all {day.slots.length}
        </Anchor>
      )}
    </Group>
  );
}

export function SlotPicker(props: SlotPickerProps) {
  return props.source.kind === 'doctor' ? <DoctorSlots {...props} doctorId={props.source.doctorId} /> : <GroupSlots {...props} />;
}

/** Searching from the chosen day on (a slot at midnight included: the search is for slots after the instant), or from now. */
function searchAfter(date: string, timeZone: string): string | undefined {
  return date > todayIn(timeZone) ? new Date(Date.parse(dayStartsAt(date, timeZone)) - 1).toISOString() : undefined;
}

function DoctorSlots(props: SlotPickerProps & { doctorId: number }) {
  const { doctorId, date } = props;
  const slots = useChannelQuery('appointments.freeSlots', { doctorId, date });
  if (slots.isPending) return <Waiting />;
  if (slots.error) return <FormAlert title="The free slots could not be loaded" message={slots.error.message} />;
  const day = slots.data;
  if (day.slots.length === 0) {
    return (
      <Stack gap="sm">
        <Unavailable title={`No free slot with ${day.doctorName} on ${dayLabel(date)}`} message={day.unavailable?.message ?? 'Every slot of the day is taken.'} />
        <NextFree inputs={[{ doctorId, after: searchAfter(date, props.timeZone) }]} {...props} />
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {day.slots.length} free {day.slots.length === 1 ? 'slot' : 'slots'} with {day.doctorName} on {dayLabel(date)}
      </Text>
      <SlotGrid day={day} props={props} />
    </Stack>
  );
}

function GroupSlots(props: SlotPickerProps) {
  const { source, date } = props;
  const by = source.kind === 'department' ? { departmentId: source.departmentId } : source.kind === 'specialization' ? { specialization: source.specialization } : {};
  const hospitalId = source.kind === 'doctor' ? 0 : source.hospitalId;
  const slots = useChannelQuery('appointments.departmentSlots', { hospitalId, date, ...by });
  if (slots.isPending) return <Waiting />;
  if (slots.error) return <FormAlert title="The free slots could not be loaded" message={slots.error.message} />;

  // "First free doctor": the doctor with the earliest free slot comes first.
  const days = byFirstFree(slots.data);
  const first = days[0]?.slots[0];
  const where = source.kind === 'specialization' ? source.specialization : 'this department';
  if (days.length === 0) return <Unavailable title="No doctor to book" message={`No doctor of ${where} takes appointments at this hospital.`} />;
  if (!first) {
    const inputs = source.kind === 'department' ? [{ departmentId: source.departmentId, after: searchAfter(date, props.timeZone) }] : days.slice(0, 6).map((d) => ({ doctorId: d.doctorId, after: searchAfter(date, props.timeZone) }));
    return (
      <Stack gap="sm">
        <Unavailable title={`No free slot in ${where} on ${dayLabel(date)}`} message={days.map((d) => `${d.doctorName}: ${d.unavailable?.message ?? 'fully booked.'}`).join(' ')} />
        <NextFree inputs={inputs} {...props} />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <IconClockHour4 size={16} color="var(--mantine-color-teal-7)" />
        <Text size="sm">
          First free: <b>{formatTime(first.start, props.timeZone)}</b> with {days[0].doctorName}
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => props.onSelect({ ...first, doctorId: days[0].doctorId, doctorName: days[0].doctorName })}>
          Take it
        </Button>
      </Group>
      {days.map((d) => (
        <Paper key={d.doctorId} withBorder p="sm" radius="md">
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {d.doctorName}
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                · {d.slots.length ? `${d.slots.length} free` : d.unavailable?.message}
              </Text>
            </Text>
            {d.slots.length > 0 && <SlotGrid day={d} props={props} limit={PER_DOCTOR} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

type NextFreeInput = { doctorId?: number; departmentId?: number; after?: string };

/** The next free slots: of the doctor first, then of other doctors of the department. */
function NextFree({ inputs, ...props }: SlotPickerProps & { inputs: NextFreeInput[] }) {
  const results = useQueries({
    queries: inputs.map((i) => {
      const input = { ...i, limit: 6 };
      return { queryKey: channelKey('appointments.nextFree', input), queryFn: () => api.appointments.nextFree(input) };
    }),
  });
  if (results.some((r) => r.isPending)) return <Waiting />;
  const failed = results.find((r) => r.error);
  if (failed?.error) return <FormAlert title="The next free slots could not be loaded" message={failed.error.message} />;

  const ofDoctor = inputs[0]?.doctorId !== undefined && inputs.length === 1 ? (results[0].data?.doctor ?? []) : [];
  const seen = new Set<string>();
  const others = results
    .flatMap((r) => (inputs.length === 1 && inputs[0].doctorId !== undefined ? (r.data?.others ?? []) : [...(r.data?.doctor ?? []), ...(r.data?.others ?? [])]))
    .filter((o) => {
      const k = `${o.doctorId} ${o.start}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start.localeCompare(b.start))
    .slice(0, 8);

  const offer = (o: SlotOffer, withDoctor: boolean) => (
    <Button
      key={`${o.doctorId}-${o.start}`}
      size="compact-sm"
      variant={props.selected?.doctorId === o.doctorId && props.selected.start === o.start ? 'filled' : 'light'}
      onClick={() => props.onSelect(o)}
      aria-label={`${dayLabel(dateAt(o.start, props.timeZone))}, ${formatTime(o.start, props.timeZone)} with ${o.doctorName}`}
    >
      {dayLabel(dateAt(o.start, props.timeZone))}, {formatTime(o.start, props.timeZone)}
      {withDoctor ? ` · ${o.doctorName}` : ''}
    </Button>
  );

  return (
    <Stack gap="sm" aria-label="Next free slots">
      {inputs.length === 1 && inputs[0].doctorId !== undefined && (
        <div>
          <Text size="sm" fw={600} mb={6}>
            Next free slots of this doctor
          </Text>
          {ofDoctor.length ? (
            <Group gap={6}>{ofDoctor.map((o) => offer(o, false))}</Group>
          ) : (
            <Text size="sm" c="dimmed">
              None in the coming weeks.
            </Text>
          )}
        </div>
      )}
      <div>
        <Text size="sm" fw={600} mb={6}>
          {inputs.length === 1 && inputs[0].doctorId !== undefined ? 'Other doctors of the department' : 'Next free slots'}
        </Text>
        {others.length ? (
          <Group gap={6}>{others.map((o) => offer(o, true))}</Group>
        ) : (
          <Text size="sm" c="dimmed">
            None found.
          </Text>
        )}
      </div>
    </Stack>
  );
}

function Unavailable({ title, message }: { title: string; message: string }) {
  return (
    <Alert color="yellow" icon={<IconCalendarOff size={18} />} title={title} role="status">
      {message}
    </Alert>
  );
}

function Waiting() {
  return (
    <Center py="md">
      <Loader size="sm" />
    </Center>
  );
}
