// The occupancy board: every bed of the hospital by floor and room, coloured by status, with the percentages per floor,
// per room type and for the hospital. Beds are plain buttons (no component per bed) so 2,000 of them render at once.
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconSearch } from '@tabler/icons-react';
import type { BedCounts, BoardBed, BoardRoom, OccupancyBoard as Board } from '@shared/contract/wards';
import { BED_STATUS_LABELS, BED_STATUSES, ROOM_TYPE_LABELS, ROOM_TYPES, type BedStatus, type RoomType } from '@shared/domain/wards';
import { counted, formatDate, formatMoney } from '../../components/format';
import { BedDrawer } from './BedDrawer';
import { useBoard } from './wards-data';
import classes from './wards.module.css';

interface Filters {
  floorId: string | null;
  roomType: RoomType | null;
  status: BedStatus | null;
  query: string;
}

// Kept across visits, like the staff list's filters.
let lastFilters: Filters = { floorId: null, roomType: null, status: null, query: '' };

/** A link's filters (the home screen's free beds, one ward's beds) replace the remembered ones. */
export function presetBoardFilters(preset: { floorId?: number; status?: string }): void {
  const status = (BED_STATUSES as readonly string[]).includes(preset.status ?? '') ? (preset.status as BedStatus) : null;
  lastFilters = { floorId: preset.floorId ? String(preset.floorId) : null, roomType: null, status, query: '' };
}

const FIRST_FLOORS = 2;

const COUNT_KEYS: Record<BedStatus, keyof BedCounts> = { occupied: 'occupied', reserved: 'reserved', free: 'free', cleaning: 'cleaning', out_of_service: 'outOfService' };

export function OccupancyBoardView({ hospitalId }: { hospitalId: number }) {
  const board = useBoard(hospitalId);
  const [filters, setFiltersState] = useState(lastFilters);
  const setFilters = (change: Partial<Filters>) => {
    lastFilters = { ...lastFilters, ...change };
    setFiltersState(lastFilters);
  };
  const query = useDeferredValue(filters.query.trim().toLowerCase());
  const [selectedBedId, setSelectedBedId] = useState<number | null>(null);
  const select = useCallback((id: number) => setSelectedBedId(id), []);

  const data = board.data;
  const floors = useMemo(() => filterBoard(data, { ...filters, query }), [data, filters.floorId, filters.roomType, filters.status, query]);
  // The first floors paint at once; the rest follow in an interruptible render, so a click on a bed is answered meanwhile.
  const [allFloors, setAllFloors] = useState(false);
  useEffect(() => {
    if (allFloors || !data) return;
    const t = setTimeout(() => startTransition(() => setAllFloors(true)), 0);
    return () => clearTimeout(t);
  }, [allFloors, data]);
  const painted = allFloors ? floors : floors.slice(0, FIRST_FLOORS);
  const shownBeds = useMemo(() => floors.reduce((n, f) => n + f.rooms.reduce((m, r) => m + r.beds.length, 0), 0), [floors]);

  if (board.error && !data) {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The board could not be loaded">
        <Group justify="space-between">
          <Text size="sm">{board.error.message}</Text>
          <Button size="xs" variant="white" color="red" onClick={() => void board.refetch()}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
  if (!data) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (data.total.beds === 0 && data.floors.every((f) => f.rooms.length === 0)) {
    return (
      <Paper withBorder p="xl">
        <Text c="dimmed" ta="center">
          No beds yet. An administrator describes the floors, rooms and beds under Ward setup.
        </Text>
      </Paper>
    );
  }

  const filtered = filters.floorId !== null || filters.roomType !== null || filters.status !== null || query !== '';

  return (
    <Stack gap="md" data-testid="occupancy-board" data-beds={data.total.beds}>
      <Summary board={data} status={filters.status} onStatus={(s) => setFilters({ status: s === filters.status ? null : s })} />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Find"
          placeholder="Patient, patient ID, room or bed"
          leftSection={<IconSearch size={16} />}
          value={filters.query}
          onChange={(e) => setFilters({ query: e.currentTarget.value })}
          w={280}
        />
        <Select
          label="Floor"
          placeholder="All floors"
          data={data.floors.map((f) => ({ value: String(f.id), label: f.name }))}
          value={filters.floorId}
          onChange={(v) => setFilters({ floorId: v })}
          clearable
          w={180}
        />
        <Select
          label="Room type"
          placeholder="Any room type"
          data={ROOM_TYPES.filter((t) => t !== 'operating_theatre').map((t) => ({ value: t, label: ROOM_TYPE_LABELS[t] }))}
          value={filters.roomType}
          onChange={(v) => setFilters({ roomType: v as RoomType | null })}
          clearable
          w={170}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={BED_STATUSES.map((s) => ({ value: s, label: BED_STATUS_LABELS[s] }))}
          value={filters.status}
          onChange={(v) => setFilters({ status: v as BedStatus | null })}
          clearable
          w={160}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setFilters({ floorId: null, roomType: null, status: null, query: '' })}>
            Show all beds
          </Button>
        )}
        <Text size="sm" c="dimmed" ml="auto" aria-live="polite">
          {filtered ? `${shownBeds} of ${counted(data.total.beds, 'bed')} shown` : counted(data.total.beds, 'bed')} · {formatDate(data.date)}
          {board.isFetching ? ' · updating…' : ''}
        </Text>
      </Group>
      {floors.length === 0 && (
        <Paper withBorder p="xl">
          <Text c="dimmed" ta="center">
            No bed matches these filters.
          </Text>
        </Paper>
      )}
      {painted.map((f) => (
        <section key={f.id} className={classes.floor} aria-label={f.name}>
          <div className={classes.floorHead}>
            <Title order={4}>{f.name}</Title>
            <Text size="sm" c="dimmed" data-testid={`floor-counts-${f.id}`}>
              {f.counts.occupied} of {f.counts.usable} occupied · <b>{f.counts.percent.toFixed(1)} %</b> · {f.counts.free} free · {f.counts.reserved} reserved · {f.counts.cleaning} cleaning
              {f.counts.outOfService ? ` · ${f.counts.outOfService} out of service` : ''}
            </Text>
          </div>
          <div className={classes.rooms}>
            {f.rooms.map((r) => (
              <RoomCard key={r.id} room={r} currency={data.currency} selectedBedId={r.beds.some((b) => b.id === selectedBedId) ? selectedBedId : null} onSelect={select} />
            ))}
          </div>
        </section>
      ))}
      <BedDrawer board={data} bedId={selectedBedId} onSelect={setSelectedBedId} onClose={() => setSelectedBedId(null)} />
    </Stack>
  );
}

function filterBoard(board: Board | undefined, f: Filters): Board['floors'] {
  if (!board) return [];
  const out: Board['floors'] = [];
  for (const floor of board.floors) {
    if (f.floorId !== null && String(floor.id) !== f.floorId) continue;
    const rooms: BoardRoom[] = [];
    for (const room of floor.rooms) {
      // Theatres have no beds: they are booked on the Theatres tab.
      if (room.roomType === 'operating_theatre') continue;
      if (f.roomType !== null && room.roomType !== f.roomType) continue;
      const roomMatches = f.query !== '' && room.number.toLowerCase().includes(f.query);
      const beds = room.beds.filter((b) => (f.status === null || b.status === f.status) && (f.query === '' || roomMatches || bedMatches(b, f.query)));
      if (beds.length === room.beds.length) rooms.push(room);
      else if (beds.length > 0) rooms.push({ ...room, beds });
    }
    if (rooms.length > 0) out.push(rooms.length === floor.rooms.length ? floor : { ...floor, rooms });
  }
  return out;
}

function bedMatches(b: BoardBed, q: string): boolean {
  const who = b.occupant ?? b.reservation;
  return b.label.toLowerCase() === q || (!!who && (who.patientName.toLowerCase().includes(q) || who.patientNumber.toLowerCase().includes(q)));
}

function Summary({ board, status, onStatus }: { board: Board; status: BedStatus | null; onStatus: (s: BedStatus) => void }) {
  const t = board.total;
  return (
    <div className={classes.summary}>
      <Paper withBorder p="md">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          Hospital occupancy
        </Text>
        <Text fz={34} fw={700} lh={1.2} data-testid="hospital-occupancy">
          {t.percent.toFixed(1)} %
        </Text>
        <Text size="sm" c="dimmed">
          {t.occupied} of {counted(t.usable, 'usable bed')}
        </Text>
        <div className={classes.bar} style={{ marginTop: 8 }}>
          <div className={classes.barFill} style={{ width: `${Math.min(100, t.percent)}%` }} />
        </div>
      </Paper>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <div className={classes.legend} role="group" aria-label="Beds by status">
            {BED_STATUSES.map((s) => (
              <button key={s} type="button" className={classes.legendItem} data-active={status === s || undefined} aria-pressed={status === s} onClick={() => onStatus(s)}>
                <span className={`${classes.swatch} ${classes[`sw-${s}`]}`} />
                {BED_STATUS_LABELS[s]} <b>{t[COUNT_KEYS[s]]}</b>
              </button>
            ))}
          </div>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
            <CountsTable
              label="Occupancy by room type"
              heading="Room type"
              rows={board.byRoomType.filter((r) => r.roomType !== 'operating_theatre').map((r) => ({ key: r.roomType, name: ROOM_TYPE_LABELS[r.roomType], counts: r.counts }))}
            />
            <CountsTable label="Occupancy by floor" heading="Floor" rows={board.floors.map((f) => ({ key: f.id, name: f.name, counts: f.counts }))} />
          </SimpleGrid>
        </Stack>
      </Paper>
    </div>
  );
}

/** Occupied, free and percent per group of beds (a room type, a floor). */
function CountsTable({ label, heading, rows }: { label: string; heading: string; rows: { key: string | number; name: string; counts: BedCounts }[] }) {
  return (
    <div>
      <Table withRowBorders={false} verticalSpacing={2} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{heading}</Table.Th>
            <Table.Th ta="right">Occupied</Table.Th>
            <Table.Th ta="right">Free</Table.Th>
            <Table.Th ta="right">%</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">
                {r.counts.occupied} / {r.counts.usable}
              </Table.Td>
              <Table.Td ta="right">{r.counts.free}</Table.Td>
              <Table.Td ta="right">{r.counts.percent.toFixed(1)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

const RoomCard = memo(function RoomCard({ room, currency, selectedBedId, onSelect }: { room: BoardRoom; currency: string; selectedBedId: number | null; onSelect: (id: number) => void }) {
  return (
    <div className={classes.room} data-state={room.state}>
      <div className={classes.roomHead}>
        <span>
          <span className={classes.roomNumber}>{room.number}</span> {ROOM_TYPE_LABELS[room.roomType]}
        </span>
        <span>{formatMoney(room.dailyRate, currency)}/night</span>
      </div>
      <div className={classes.beds}>
        {room.beds.map((b) => (
          <BedTile key={b.id} bed={b} roomNumber={room.number} selected={b.id === selectedBedId} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
});

function BedTile({ bed, roomNumber, selected, onSelect }: { bed: BoardBed; roomNumber: string; selected: boolean; onSelect: (id: number) => void }) {
  const who = bed.occupant ?? bed.reservation;
  const status = BED_STATUS_LABELS[bed.status];
  const detail = bed.occupant?.expectedDischarge ? `until ${formatDate(bed.occupant.expectedDischarge)}` : bed.reservation ? `from ${formatDate(bed.reservation.from)}` : bed.note;
  return (
    <button
      type="button"
      className={classes.bed}
      data-status={bed.status}
      data-selected={selected || undefined}
      aria-label={`Room ${roomNumber}, bed ${bed.label}: ${status}${who ? `, ${who.patientName}` : ''}`}
      title={[`Bed ${bed.label} · ${status}`, who && `${who.patientName} (${who.patientNumber})`, bed.occupant && `Dr: ${bed.occupant.attendingDoctorName}`, detail].filter(Boolean).join('\n')}
      onClick={() => onSelect(bed.id)}
    >
      <span className={classes.bedLine}>
        <span className={classes.bedLabel}>{bed.label}</span> · {status}
      </span>
      {who && <span className={classes.bedLine}>{shortName(who.patientName)}</span>}
      {detail && <span className={classes.bedLine}>{detail}</span>}
    </button>
  );
}

/** "Nakato N." — the tile is narrow; the drawer has the full name. */
function shortName(name: string): string {
  const parts = name.split(/\s+/).filter(Boolean);
  return parts.length < 2 ? name : `${parts[0]} ${parts[parts.length - 1][0]}.`;
}
