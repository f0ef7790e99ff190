// The next 14 days bed by bed: stays and reservations as bars, one floor at a time (a 2,000-bed hospital stays light).
import { memo, useMemo, useState } from 'react';
import { ActionIcon, Alert, Center, Group, Loader, Select, Text, Tooltip } from '@mantine/core';
import { DateTime } from 'luxon';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { OccupancyTimeline, TimelineSegment } from '@shared/contract/wards';
import { ROOM_TYPE_LABELS } from '@shared/domain/wards';
import { useChannelQuery } from '../../api/queries';
import { useHospital } from '../../app/session';
import { formatDate, todayIn } from '../../components/format';
import { addDays } from '../../components/calendar';
import { useBoard } from './wards-data';
import classes from './wards.module.css';

const DAYS = 14;
const ALL = 'all';

export function TimelineView({ hospitalId }: { hospitalId: number }) {
  const hospital = useHospital(hospitalId);
  const today = todayIn(hospital?.timeZone);
  const [from, setFrom] = useState(today);
  const board = useBoard(hospitalId);
  const floors = (board.data?.floors ?? []).filter((f) => f.rooms.some((r) => r.beds.length > 0));
  const [floorChoice, setFloorChoice] = useState<string | null>(null);
  // A smaller hospital sees all its floors at once; a large one starts at its first floor (and is not offered all of them).
  const allowAll = (board.data?.total.beds ?? Infinity) <= 600;
  const floorId = floorChoice ?? (!board.data ? null : allowAll ? ALL : floors[0] ? String(floors[0].id) : null);
  const floor = floorId === ALL ? null : floorId ? Number(floorId) : null;

  const timeline = useChannelQuery(
    'occupancy.timeline',
    { hospitalId, from, days: DAYS, floorId: floor ?? undefined },
    { enabled: floorId !== null, placeholderData: (previous) => previous },
  );

  return (
    <>
      <Group align="flex-end" gap="sm" mb="md">
        <Select
          label="Floor"
          data={[...(allowAll ? [{ value: ALL, label: 'All floors' }] : []), ...floors.map((f) => ({ value: String(f.id), label: f.name }))]}
          value={floorId}
          onChange={(v) => v && setFloorChoice(v)}
          allowDeselect={false}
          w={200}
        />
        <Group gap={4} align="flex-end">
          <Tooltip label="A week earlier">
            <ActionIcon variant="default" size={36} aria-label="A week earlier" onClick={() => setFrom(addDays(from, -7))}>
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Text size="sm" px="sm" pb={8} fw={500}>
            {formatDate(from)} – {formatDate(addDays(from, DAYS - 1))}
          </Text>
          <Tooltip label="A week later">
            <ActionIcon variant="default" size={36} aria-label="A week later" onClick={() => setFrom(addDays(from, 7))}>
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
        </Group>
        {from !== today && (
          <Text component="button" type="button" size="sm" c="teal.8" pb={8} style={{ background: 'none', border: 0, cursor: 'pointer' }} onClick={() => setFrom(today)}>
            Back to today
          </Text>
        )}
        <Group gap="md" ml="auto" pb={8}>
          <LegendBar kind="stay" label="Stay (to expected discharge)" />
          <LegendBar kind="booking" label="Reservation" />
        </Group>
      </Group>
      {timeline.error ? (
        <Alert color="red" title="The timeline could not be loaded">
          {timeline.error.message}
        </Alert>
      ) : !timeline.data ? (
        <Center py="xl">{floorId === null && board.data ? <Text c="dimmed">No beds yet.</Text> : <Loader size="sm" />}</Center>
      ) : (
        <TimelineGrid timeline={timeline.data} today={today} />
      )}
    </>
  );
}

function LegendBar({ kind, label }: { kind: 'stay' | 'booking'; label: string }) {
  return (
    <Group gap={6}>
      <span className={classes.tlBar} data-kind={kind} style={{ position: 'static', display: 'inline-block', width: 28, height: 12 }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
}

const TimelineGrid = memo(function TimelineGrid({ timeline, today }: { timeline: OccupancyTimeline; today: string }) {
  const days = useMemo(() => Array.from({ length: timeline.days }, (_, i) => addDays(timeline.from, i)), [timeline.from, timeline.days]);
  const style = { '--days': timeline.days } as React.CSSProperties;
  const dayColumns = { gridTemplateColumns: `repeat(${timeline.days}, 1fr)` };
  let lastGroup = '';
  return (
    <div className={classes.timeline} style={style} role="table" aria-label={`Beds from ${formatDate(timeline.from)}, ${timeline.days} days`} data-testid="timeline">
      <div className={`${classes.tlRow} ${classes.tlHeadRow}`} role="row">
        <div className={classes.tlLabel} role="columnheader">
          Bed
        </div>
        <div className={classes.tlDays} style={dayColumns}>
          {days.map((d) => {
            const dt = DateTime.fromISO(d, { zone: 'utc' });
            return (
              <div key={d} className={classes.tlDay} data-weekend={dt.weekday >= 6 || undefined} data-today={d === today || undefined} role="columnheader">
                {dt.toFormat('ccc')}
                <br />
                {dt.toFormat('d LLL')}
              </div>
            );
          })}
        </div>
      </div>
      {timeline.beds.length === 0 && (
        <Text c="dimmed" p="md">
          No beds on this floor.
        </Text>
      )}
      {timeline.beds.map((b) => {
        const group = `${b.floorName} · Room ${b.roomNumber} · ${ROOM_TYPE_LABELS[b.roomType]}`;
        const head = group !== lastGroup;
        lastGroup = group;
        return (
          <div key={b.bedId} role="rowgroup">
            {head && <div className={classes.tlGroup}>{group}</div>}
            <div className={classes.tlRow} role="row" aria-label={`Room ${b.roomNumber}, bed ${b.label}`}>
              <div className={classes.tlLabel} role="rowheader">
                Room {b.roomNumber} · bed {b.label}
              </div>
              <div className={classes.tlTrack} role="cell">
                {b.segments.map((s) => (
                  <Bar key={`${s.kind}-${s.id}`} segment={s} from={timeline.from} days={timeline.days} />
                ))}
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
});

function Bar({ segment: s, from, days }: { segment: TimelineSegment; from: string; days: number }) {
  const start = Math.max(0, dayIndex(from, s.from));
  const end = Math.min(days, dayIndex(from, s.to));
  if (end <= start) return null;
  // A stay with no expected discharge runs to the end of the window: its bar stays open on the right.
  const what = s.kind === 'stay' ? 'Stay' : 'Reserved';
  return (
    <div
      className={classes.tlBar}
      data-kind={s.kind}
      data-open={dayIndex(from, s.to) > days || undefined}
      style={{ left: `${(start / days) * 100}%`, width: `calc(${((end - start) / days) * 100}% - 2px)` }}
      title={`${what}: ${s.patientName} (${s.patientNumber}), ${formatDate(s.from)} – ${formatDate(s.to)}`}
    >
      {s.patientName}
    </div>
  );
}

const dayIndex = (from: string, date: string) => Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
