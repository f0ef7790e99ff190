// Ward setup for administrators: the hospital's floors, their rooms (number, type, daily rate) and beds, and setting a
// room or bed to cleaning or out of service.
import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Menu, Modal, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconBuildingHospital, IconEdit, IconPlus, IconStack2 } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { Bed, Room, WardLayout } from '@shared/contract/wards';
import { ROOM_TYPE_LABELS, ROOM_TYPES, UNIT_STATE_LABELS, UNIT_STATES, type RoomType, type UnitState } from '@shared/domain/wards';
import { api } from '../../api/client';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { counted, formatMoney, moneyDecimal } from '../../components/format';
import { ModalForm } from '../../components/ModalButtons';
import { MoneyInput, readAmount } from '../../components/MoneyInput';
import { EmptyPage, PageHeader } from '../../components/PageHeader';
import { useWardLayout } from './wards-data';

const STATE_COLORS: Record<UnitState, string> = { available: 'teal', cleaning: 'yellow', out_of_service: 'gray' };

export function WardSetupPage() {
  const { hospital, can } = useSession();
  const hospitalId = hospital?.id ?? null;
  const layout = useWardLayout(hospitalId);
  const [floorModal, setFloorModal] = useState(false);
  const [roomModal, setRoomModal] = useState<{ floorId: number | null } | null>(null);
  const [editing, setEditing] = useState<Room | null>(null);

  if (!hospital) return <EmptyPage title="No hospital chosen" description="Choose the hospital this desk works for in the header." />;
  const floors = [...(layout.data?.floors ?? [])].sort((a, b) => a.level - b.level);
  const bedCount = floors.reduce((n, f) => n + f.rooms.reduce((m, r) => m + r.beds.length, 0), 0);

  return (
    <>
      <PageHeader
        title="Ward setup"
        description={`${hospital.name}: ${floors.length} ${floors.length === 1 ? 'floor' : 'floors'}, ${floors.reduce((n, f) => n + f.rooms.length, 0)} rooms, ${bedCount} beds. Rates are per night in ${hospital.currency}. Beds: outlined available, yellow cleaning, grey out of service${can('rooms.setState') ? ' — click a bed or a room state to change it' : ''}.`}
        back={{ label: 'Wards', href: href('/wards') }}
        actions={
          <>
            <Button variant="default" leftSection={<IconStack2 size={16} />} onClick={() => setFloorModal(true)}>
              Add floor
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRoomModal({ floorId: null })} disabled={floors.length === 0}>
              Add room
            </Button>
          </>
        }
      />
      {layout.error && <FormAlert message={layout.error.message} title="The wards could not be loaded" />}
      {layout.data && floors.length === 0 && (
        <Paper withBorder p="xl">
          <Stack align="center" gap="sm">
            <IconBuildingHospital size={32} />
            <Text c="dimmed">No floors yet. Add the first floor, then its rooms and beds.</Text>
            <Button onClick={() => setFloorModal(true)}>Add floor</Button>
          </Stack>
        </Paper>
      )}
      <Stack gap="lg">
        {floors.map((f) => (
          <Paper key={f.id} withBorder p="md" component="section" aria-label={f.name}>
            <Group justify="space-between" mb="sm">
              <div>
                <Title order={4}>{f.name}</Title>
                <Text size="xs" c="dimmed">
                  Level {f.level} · {f.rooms.length} {f.rooms.length === 1 ? 'room' : 'rooms'}
                </Text>
              </div>
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setRoomModal({ floorId: f.id })}>
                Add room to {f.name}
              </Button>
            </Group>
            {f.rooms.length === 0 ? (
              <Text size="sm" c="dimmed">
                No rooms on this floor yet.
              </Text>
            ) : (
              <Table verticalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>Room</Table.Th>
                    <Table.Th w={150}>Type</Table.Th>
                    <Table.Th w={130} ta="right">
                      Daily rate
                    </Table.Th>
                    <Table.Th>Beds</Table.Th>
                    <Table.Th w={150}>Room state</Table.Th>
                    <Table.Th w={48} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {f.rooms.map((r) => (
                    <RoomRow key={r.id} room={r} onEdit={() => setEditing(r)} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        ))}
      </Stack>
      <Modal opened={floorModal} onClose={() => setFloorModal(false)} title={<Text fw={600}>Add floor</Text>}>
        {floorModal && <FloorForm hospitalId={hospital.id} nextLevel={floors.length ? Math.max(...floors.map((f) => f.level)) + 1 : 0} onClose={() => setFloorModal(false)} />}
      </Modal>
      <Modal opened={roomModal !== null} onClose={() => setRoomModal(null)} title={<Text fw={600}>Add room</Text>}>
        {roomModal && layout.data && <RoomForm layout={layout.data} floorId={roomModal.floorId ?? floors[0]?.id ?? null} currency={hospital.currency} onClose={() => setRoomModal(null)} />}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={<Text fw={600}>Edit room {editing?.number}</Text>}>
        {editing && <EditRoomForm room={editing} onClose={() => setEditing(null)} />}
      </Modal>
    </>
  );
}

/** Setting a room or a bed available, cleaning or out of service from the layout. */
function useSetState() {
  return useMutation({
    mutationFn: (input: { roomId?: number; bedId?: number; state: UnitState; what: string }) => api.rooms.setState({ roomId: input.roomId, bedId: input.bedId, state: input.state, note: null }),
    onSuccess: (_room, input) => {
      notifications.show({ color: 'teal', title: 'State changed', message: `${input.what} is now ${UNIT_STATE_LABELS[input.state].toLowerCase()}.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: e.message }),
  });
}

function RoomRow({ room, onEdit }: { room: Room; onEdit: () => void }) {
  const setState = useSetState();
  const addBed = useMutation({
    mutationFn: () => api.rooms.addBed({ roomId: room.id }),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Bed added', message: `Room ${r.number} now has ${counted(r.beds.length, 'bed')}.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'No bed added', message: e.message }),
  });
  const theatre = room.roomType === 'operating_theatre';
  return (
    <Table.Tr>
      <Table.Td fw={600}>{room.number}</Table.Td>
      <Table.Td>{ROOM_TYPE_LABELS[room.roomType]}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {theatre ? '—' : formatMoney(room.dailyRate, room.currency)}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {theatre && (
            <Text size="sm" c="dimmed">
              Booked by time range
            </Text>
          )}
          {room.beds.map((b) => (
            <BedStateMenu key={b.id} bed={b} roomNumber={room.number} onChange={(state) => setState.mutate({ bedId: b.id, state, what: `Room ${room.number}, bed ${b.label}` })} />
          ))}
          {!theatre && (
            <Tooltip label={`Add a bed to room ${room.number}`}>
              <ActionIcon size="sm" variant="subtle" aria-label={`Add a bed to room ${room.number}`} onClick={() => addBed.mutate()} loading={addBed.isPending}>
                <IconPlus size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <StateMenu
          label={`State of room ${room.number}`}
          state={room.state}
          onChange={(state) => setState.mutate({ roomId: room.id, state, what: `Room ${room.number}` })}
          target={
            <Badge color={STATE_COLORS[room.state]} variant="light" style={{ cursor: 'pointer' }}>
              {UNIT_STATE_LABELS[room.state]}
            </Badge>
          }
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="gray" aria-label={`Edit room ${room.number}`} onClick={onEdit}>
          <IconEdit size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

function BedStateMenu({ bed, roomNumber, onChange }: { bed: Bed; roomNumber: string; onChange: (s: UnitState) => void }) {
  return (
    <StateMenu
      label={`State of room ${roomNumber}, bed ${bed.label}`}
      state={bed.state}
      onChange={onChange}
      target={
        <Badge color={STATE_COLORS[bed.state]} variant={bed.state === 'available' ? 'outline' : 'filled'} style={{ cursor: 'pointer' }} title={bed.stateNote ?? UNIT_STATE_LABELS[bed.state]}>
          {bed.label}
        </Badge>
      }
    />
  );
}

function StateMenu({ label, state, onChange, target }: { label: string; state: UnitState; onChange: (s: UnitState) => void; target: React.ReactNode }) {
  const { can } = useSession();
  // Cleaning and repairs are the nurses' work: whoever may not set a state sees it without a menu.
  if (!can('rooms.setState')) {
    return (
      <span role="img" aria-label={`${label}: ${UNIT_STATE_LABELS[state]}`} style={{ display: 'inline-flex' }}>
        {target}
      </span>
    );
  }
  return (
    <Menu position="bottom-start" withinPortal shadow="md">
      <Menu.Target>
        <button type="button" aria-label={`${label}: ${UNIT_STATE_LABELS[state]}`} style={{ all: 'unset', cursor: 'pointer', display: 'inline-flex' }}>
          {target}
        </button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{label}</Menu.Label>
        {UNIT_STATES.map((s) => (
          <Menu.Item key={s} disabled={s === state} onClick={() => onChange(s)}>
            {UNIT_STATE_LABELS[s]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function FloorForm({ hospitalId, nextLevel, onClose }: { hospitalId: number; nextLevel: number; onClose: () => void }) {
  const form = useForm({ name: '', level: nextLevel as number | string });
  const create = useMutation({
    mutationFn: (input: { hospitalId: number; name: string; level: number }) => api.rooms.createFloor(input),
    onSuccess: (f) => {
      notifications.show({ color: 'teal', title: 'Floor added', message: `${f.name} (level ${f.level}).` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['rooms.createFloor'].input, { hospitalId, name: form.values.name, level: form.values.level === '' ? undefined : Number(form.values.level) });
    if (parsed) create.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not added" onCancel={onClose} submitLabel="Add floor" loading={create.isPending}>
      <TextInput label="Name" required maxLength={60} placeholder="e.g. 2nd floor – Medical" {...form.text('name')} data-autofocus />
      <NumberInput label="Level" description="Orders the floors: -1 basement, 0 ground, 1 first…" required allowDecimal={false} min={-10} max={200} value={form.values.level} onChange={(v) => form.set('level', v)} error={form.errors.level} w={200} />
    </ModalForm>
  );
}

/** Beds a new room of this type usually has: one in a private room, none in a theatre (booked by time instead). */
const usualBeds = (t: RoomType) => (t === 'operating_theatre' ? 0 : t === 'private' || t === 'icu' || t === 'isolation' ? 1 : t === 'semi_private' ? 2 : 4);

function RoomForm({ layout, floorId, currency, onClose }: { layout: WardLayout; floorId: number | null; currency: string; onClose: () => void }) {
  const form = useForm(
    { floorId: floorId === null ? null : String(floorId), number: '', roomType: 'general_ward' as RoomType, rate: '', beds: 4 as number | string },
    { aliases: { dailyRate: 'rate' } },
  );
  const theatre = form.values.roomType === 'operating_theatre';
  const create = useMutation({
    mutationFn: (input: { floorId: number; number: string; roomType: RoomType; dailyRate: number; beds: number }) => api.rooms.createRoom(input),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Room added', message: `Room ${r.number} (${ROOM_TYPE_LABELS[r.roomType]})${r.beds.length ? ` with beds ${r.beds.map((b) => b.label).join(', ')}` : ''}.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const v = form.values;
    // A theatre is booked by time, not by the night: its rate may stay empty.
    const rate = theatre && v.rate.trim() === '' ? { minor: 0 } : readAmount(v.rate, currency);
    const input = { floorId: v.floorId ? Number(v.floorId) : undefined, number: v.number, roomType: v.roomType, dailyRate: rate.minor, beds: theatre ? 0 : Number(v.beds) };
    const parsed = form.check(contract['rooms.createRoom'].input, input, rate.error ? { rate: rate.error } : {});
    if (parsed) create.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not added" onCancel={onClose} submitLabel="Add room" loading={create.isPending}>
      <Select
        label="Floor"
        required
        data={layout.floors.map((f) => ({ value: String(f.id), label: f.name }))}
        value={form.values.floorId}
        onChange={(v) => form.set('floorId', v)}
        error={form.errors.floorId}
        allowDeselect={false}
      />
      <Group grow align="flex-start">
        <TextInput label="Room number" required maxLength={20} placeholder="e.g. 204" {...form.text('number')} data-autofocus />
        <Select
          label="Room type"
          required
          data={ROOM_TYPES.map((t) => ({ value: t, label: ROOM_TYPE_LABELS[t] }))}
          value={form.values.roomType}
          onChange={(v) => {
            if (!v) return;
            form.set('roomType', v as RoomType);
            form.set('beds', usualBeds(v as RoomType));
          }}
          error={form.errors.roomType}
          allowDeselect={false}
        />
      </Group>
      <Group grow align="flex-start">
        <RateInput currency={currency} value={form.values.rate} onChange={(v) => form.set('rate', v)} error={form.errors.rate} />
        <NumberInput
          label="Beds"
          description={theatre ? 'A theatre has no beds' : 'Labelled A, B, C…'}
          required
          disabled={theatre}
          allowDecimal={false}
          min={0}
          max={60}
          value={form.values.beds}
          onChange={(v) => form.set('beds', v)}
          error={form.errors.beds}
        />
      </Group>
    </ModalForm>
  );
}

function EditRoomForm({ room, onClose }: { room: Room; onClose: () => void }) {
  const form = useForm({ number: room.number, rate: moneyDecimal(room.dailyRate, room.currency) }, { aliases: { dailyRate: 'rate' } });
  const save = useMutation({
    mutationFn: (input: { id: number; version: number; number?: string; dailyRate?: number }) => api.rooms.updateRoom(input),
    onSuccess: (r) => {
      notifications.show({ color: 'teal', title: 'Room saved', message: `Room ${r.number}: ${formatMoney(r.dailyRate, r.currency)} a night.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const rate = readAmount(form.values.rate, room.currency);
    const input = { id: room.id, version: room.version, number: form.values.number, dailyRate: rate.minor };
    const parsed = form.check(contract['rooms.updateRoom'].input, input, rate.error ? { rate: rate.error } : {});
    if (parsed) save.mutate(parsed);
  };
  return (
    <ModalForm form={form} onSubmit={submit} failTitle="Not saved" onCancel={onClose} submitLabel="Save" loading={save.isPending}>
      <TextInput label="Room number" required maxLength={20} {...form.text('number')} data-autofocus />
      <RateInput currency={room.currency} value={form.values.rate} onChange={(v) => form.set('rate', v)} error={form.errors.rate} />
    </ModalForm>
  );
}

function RateInput(props: { currency: string; value: string; onChange: (v: string) => void; error?: string }) {
  return <MoneyInput label="Daily rate" description={`Per night, in ${props.currency}`} {...props} />;
}
