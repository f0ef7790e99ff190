// One bed of the board in a side drawer: who is in it, and what can be done from here — admit, transfer, discharge (with
// the room-day charges it recorded), reserve, cancel a reservation, release after cleaning, take out of service.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { IconArrowsExchange, IconBed, IconCalendarPlus, IconCircleCheck, IconDoorExit, IconSparkles, IconTool, IconX } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { PatientSummary } from '@shared/contract/patients';
import { WARD_BOOKERS, WARD_NURSES, type BedBooking, type OccupancyBoard, type Stay } from '@shared/contract/wards';
import { countryInfo } from '@shared/domain/countries';
import { BED_STATUS_LABELS, ROOM_TYPE_LABELS, UNIT_STATE_LABELS } from '@shared/domain/wards';
import { api } from '../../api/client';
import { keys } from '../../api/queries';
import { href } from '../../app/router';
import { useHospital, useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { formatDate, formatDateTime, formatMoney, todayIn } from '../../components/format';
import { PatientPicker } from '../appointments/BookingPage';
import { addDays } from '../appointments/calendar';
import { doctorLabel, useDoctors } from '../appointments/scheduling-data';
import { bedName, bedPlaceLabel, indexBeds, STATUS_COLORS, type BedPlace } from './wards-data';
import { refreshWards } from './wards-live';

type Mode = 'view' | 'admit' | 'reserve' | 'transfer' | 'discharge' | 'out_of_service' | 'cancel';

export function BedDrawer({ board, bedId, onSelect, onClose }: { board: OccupancyBoard; bedId: number | null; onSelect: (id: number) => void; onClose: () => void }) {
  const index = useMemo(() => indexBeds(board), [board]);
  const place = bedId !== null ? index.get(bedId) : undefined;
  return (
    <Drawer
      opened={bedId !== null}
      onClose={onClose}
      position="right"
      size={480}
      title={
        <Group gap="xs">
          <IconBed size={20} />
          <Text fw={600}>{place ? bedName(place.room.number, place.bed.label) : 'Bed'}</Text>
        </Group>
      }
      overlayProps={{ backgroundOpacity: 0.15 }}
    >
      {place ? <BedPanel key={place.bed.id} place={place} board={board} index={index} onSelect={onSelect} /> : <Text c="dimmed">This bed is no longer on the board.</Text>}
    </Drawer>
  );
}

function BedPanel({ place, board, index, onSelect }: { place: BedPlace; board: OccupancyBoard; index: Map<number, BedPlace>; onSelect: (id: number) => void }) {
  const { hasRole } = useSession();
  const queryClient = useQueryClient();
  const nurse = hasRole(...WARD_NURSES);
  const booker = hasRole(...WARD_BOOKERS);
  const [mode, setMode] = useState<Mode>('view');
  const [discharged, setDischarged] = useState<Stay | null>(null);
  const [cancelling, setCancelling] = useState<BedBooking | null>(null);
  const { bed, room, floor } = place;
  const hospitalId = board.hospitalId;

  // A change elsewhere (another desk admitted here) ends what this desk was about to do with the bed.
  useEffect(() => {
    if (mode === 'admit' && bed.status !== 'free' && bed.status !== 'reserved') setMode('view');
    if ((mode === 'transfer' || mode === 'discharge') && bed.status !== 'occupied') setMode('view');
  }, [bed.status, mode]);

  const bookings = useQuery({ queryKey: keys.bedBookings(hospitalId), queryFn: () => api.beds.bookings({ hospitalId }) });
  const upcoming = (bookings.data ?? []).filter((b) => b.bedId === bed.id && b.status === 'reserved');

  const setState = useMutation({
    mutationFn: (state: 'available' | 'cleaning') => api.rooms.setState({ bedId: bed.id, state, note: null }),
    onSuccess: (_room, state) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: state === 'available' ? 'Bed released' : 'Sent to cleaning', message: `${bedName(room.number, bed.label)} is ${state === 'available' ? 'free again' : 'being cleaned'}.` });
    },
    onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: e.message }),
  });

  const done = () => setMode('view');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {floor.name} · {ROOM_TYPE_LABELS[room.roomType]} · {formatMoney(room.dailyRate, board.currency)} a night
          </Text>
          {room.state !== 'available' && (
            <Text size="sm" c="orange.8">
              The whole room is {UNIT_STATE_LABELS[room.state].toLowerCase()}.
            </Text>
          )}
        </div>
        <Badge size="lg" color={STATUS_COLORS[bed.status]} variant="light" data-testid="bed-status">
          {BED_STATUS_LABELS[bed.status]}
        </Badge>
      </Group>
      {bed.note && (
        <Text size="sm" c="dimmed">
          Note: {bed.note}
        </Text>
      )}

      {discharged && <DischargeSummary stay={discharged} />}

      {bed.occupant && mode === 'view' && (
        <Stack gap={6}>
          <Title order={5}>Occupant</Title>
          <Detail label="Patient">
            <Anchor href={href(`/patients/${bed.occupant.patientId}`)}>{bed.occupant.patientName}</Anchor> ({bed.occupant.patientNumber})
          </Detail>
          <Detail label="Since">{formatDateTime(bed.occupant.since, board.timeZone)}</Detail>
          <Detail label="Expected discharge">{bed.occupant.expectedDischarge ? formatDate(bed.occupant.expectedDischarge) : 'Not set'}</Detail>
          <Detail label="Attending doctor">{bed.occupant.attendingDoctorName}</Detail>
          <StayHistory stayId={bed.occupant.stayId} />
          {nurse && (
            <Group gap="sm" mt="xs">
              <Button leftSection={<IconArrowsExchange size={16} />} variant="default" onClick={() => setMode('transfer')}>
                Transfer
              </Button>
              <Button leftSection={<IconDoorExit size={16} />} color="red" variant="light" onClick={() => setMode('discharge')}>
                Discharge
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {bed.reservation && mode === 'view' && (
        <Stack gap={6}>
          <Title order={5}>Reserved</Title>
          <Detail label="Patient">
            {bed.reservation.patientName} ({bed.reservation.patientNumber})
          </Detail>
          <Detail label="Nights">
            {formatDate(bed.reservation.from)} to {formatDate(bed.reservation.to)}
          </Detail>
          {nurse && (
            <Group gap="sm" mt="xs">
              <Button leftSection={<IconBed size={16} />} onClick={() => setMode('admit')}>
                Admit {bed.reservation.patientName}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      {mode === 'view' && (
        <Group gap="sm">
          {nurse && bed.status === 'free' && (
            <Button leftSection={<IconBed size={16} />} onClick={() => setMode('admit')}>
              Admit patient
            </Button>
          )}
          {booker && bed.status !== 'out_of_service' && (
            <Button leftSection={<IconCalendarPlus size={16} />} variant="default" onClick={() => setMode('reserve')}>
              Reserve
            </Button>
          )}
          {nurse && bed.status === 'cleaning' && (
            <Button leftSection={<IconSparkles size={16} />} onClick={() => setState.mutate('available')} loading={setState.isPending}>
              Release after cleaning
            </Button>
          )}
          {nurse && bed.status === 'free' && (
            <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => setState.mutate('cleaning')} loading={setState.isPending}>
              Send to cleaning
            </Button>
          )}
          {nurse && bed.status === 'out_of_service' && (
            <Button leftSection={<IconCircleCheck size={16} />} onClick={() => setState.mutate('available')} loading={setState.isPending}>
              Return to service
            </Button>
          )}
          {nurse && (bed.status === 'free' || bed.status === 'cleaning') && (
            <Button variant="subtle" color="gray" leftSection={<IconTool size={16} />} onClick={() => setMode('out_of_service')}>
              Out of service…
            </Button>
          )}
        </Group>
      )}

      {mode === 'admit' && <AdmitForm place={place} hospitalId={hospitalId} onDone={done} />}
      {mode === 'reserve' && <ReserveForm place={place} hospitalId={hospitalId} onDone={done} />}
      {mode === 'transfer' && bed.occupant && <TransferForm place={place} hospitalId={hospitalId} index={index} onDone={(toBedId) => (toBedId ? onSelect(toBedId) : done())} />}
      {mode === 'discharge' && bed.occupant && (
        <DischargeForm
          place={place}
          hospitalId={hospitalId}
          onDone={(stay) => {
            if (stay) setDischarged(stay);
            done();
          }}
        />
      )}
      {mode === 'out_of_service' && <OutOfServiceForm place={place} hospitalId={hospitalId} onDone={done} />}
      {mode === 'cancel' && cancelling && (
        <CancelBookingForm
          booking={cancelling}
          hospitalId={hospitalId}
          onDone={() => {
            setCancelling(null);
            done();
          }}
        />
      )}

      {upcoming.length > 0 && mode === 'view' && (
        <>
          <Divider />
          <Title order={5}>Reservations of this bed</Title>
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {upcoming.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    {b.patientName}
                    <Text size="xs" c="dimmed">
                      {b.patientNumber}
                      {b.reason ? ` · ${b.reason}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(b.from)} – {formatDate(b.to)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {booker && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        leftSection={<IconX size={14} />}
                        onClick={() => {
                          setCancelling(b);
                          setMode('cancel');
                        }}
                      >
                        Cancel
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={140} style={{ flex: 'none' }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

function StayHistory({ stayId }: { stayId: number }) {
  const stay = useQuery({ queryKey: keys.stay(stayId), queryFn: () => api.admissions.get({ id: stayId }) });
  const moves = stay.data?.history ?? [];
  if (moves.length < 2) return stay.data ? <Detail label="Reason">{stay.data.reason}</Detail> : null;
  return (
    <>
      <Detail label="Reason">{stay.data?.reason}</Detail>
      <Detail label="Beds of this stay">
        {moves.map((m) => (
          <div key={`${m.bedId}-${m.from}`}>
            Room {m.roomNumber}, bed {m.bedLabel} from {formatDate(m.from.slice(0, 10))}
          </div>
        ))}
      </Detail>
    </>
  );
}

function DischargeSummary({ stay }: { stay: Stay }) {
  const total = stay.charges.reduce((n, c) => n + c.amount, 0);
  const currency = stay.charges[0]?.currency;
  return (
    <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`${stay.patientName} discharged`} data-testid="discharge-summary">
      <Stack gap="xs">
        <Text size="sm">The bed goes to cleaning. Room-days recorded as charges:</Text>
        {stay.charges.length === 0 ? (
          <Text size="sm">None (discharged the day of admission).</Text>
        ) : (
          <Table verticalSpacing={2} fz="sm" aria-label="Room-day charges">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Charge</Table.Th>
                <Table.Th ta="right">Nights</Table.Th>
                <Table.Th ta="right">Rate</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stay.charges.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td ta="right">{c.quantity}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.unitPrice, c.currency)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.amount, c.currency)}</Table.Td>
                </Table.Tr>
              ))}
              {currency && (
                <Table.Tr>
                  <Table.Td colSpan={3} fw={600}>
                    Total
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(total, currency)}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Alert>
  );
}

function FormButtons({ onCancel, submitLabel, loading, color }: { onCancel: () => void; submitLabel: string; loading: boolean; color?: string }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Back
      </Button>
      <Button type="submit" loading={loading} color={color}>
        {submitLabel}
      </Button>
    </Group>
  );
}

function AdmitForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const doctors = useDoctors(hospitalId);
  const reservation = place.bed.reservation;
  const form = useForm({ patient: null as PatientSummary | null, attendingDoctorId: null as string | null, reason: '', expectedDischarge: '' }, { aliases: { patientId: 'patient' } });
  const reserved = useQuery({ queryKey: keys.patient(reservation?.patientId ?? 0), queryFn: () => api.patients.get({ id: reservation!.patientId }), enabled: !!reservation, staleTime: 60_000 });
  useEffect(() => {
    if (reserved.data) form.set('patient', reserved.data);
  }, [reserved.data]);

  const admit = useMutation({
    mutationFn: (input: { patientId: number; bedId: number; attendingDoctorId: number; reason: string; expectedDischarge: string | null; bookingId?: number }) => api.admissions.admit(input),
    onSuccess: (s) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: 'Admitted', message: `${s.patientName} is in ${bedName(s.roomNumber, s.bedLabel)}, under ${s.attendingDoctorName}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const v = form.values;
    const input = {
      patientId: v.patient?.id,
      bedId: place.bed.id,
      attendingDoctorId: v.attendingDoctorId ? Number(v.attendingDoctorId) : undefined,
      reason: v.reason,
      expectedDischarge: v.expectedDischarge || null,
      bookingId: reservation && v.patient?.id === reservation.patientId ? reservation.bookingId : undefined,
    };
    const parsed = form.check(contract['admissions.admit'].input, input, v.patient ? {} : { patient: 'Find the patient first.' });
    if (parsed) admit.mutate(parsed);
  };

  return (
    <form {...form.formProps(submit)} aria-label="Admit patient">
      <Stack gap="sm">
        <Title order={5}>Admit to {bedName(place.room.number, place.bed.label)}</Title>
        <PatientPicker value={form.values.patient} onChange={(p) => form.set('patient', p)} error={form.errors.patient} />
        <Select
          label="Attending doctor"
          placeholder="Choose a doctor"
          data={(doctors.data ?? []).map((d) => ({ value: String(d.id), label: doctorLabel(d) }))}
          value={form.values.attendingDoctorId}
          onChange={(v) => form.set('attendingDoctorId', v)}
          error={form.errors.attendingDoctorId}
          searchable
          required
          nothingFoundMessage={doctors.isPending ? 'Loading…' : 'No doctor'}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label="Reason for admission" required autosize minRows={2} maxLength={500} placeholder="e.g. Community-acquired pneumonia" {...form.text('reason')} />
        <DateField label="Expected discharge" value={form.values.expectedDischarge} onChange={(d) => form.set('expectedDischarge', d)} order={order} error={form.errors.expectedDischarge} w={220} />
        <FormAlert message={form.formError} title="Not admitted" />
        <FormButtons onCancel={onDone} submitLabel="Admit" loading={admit.isPending} />
      </Stack>
    </form>
  );
}

function ReserveForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const hospital = useHospital(hospitalId);
  const order = countryInfo(hospital?.country ?? 'UG').dateOrder;
  const today = todayIn(hospital?.timeZone);
  const form = useForm({ patient: null as PatientSummary | null, from: addDays(today, 1), to: addDays(today, 4), reason: '' }, { aliases: { patientId: 'patient' } });

  const book = useMutation({
    mutationFn: (input: { bedId: number; patientId: number; from: string; to: string; reason: string | null }) => api.beds.book(input),
    onSuccess: (b) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: 'Bed reserved', message: `${bedName(b.roomNumber, b.bedLabel)} for ${b.patientName}, ${formatDate(b.from)} to ${formatDate(b.to)}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const v = form.values;
    const input = { bedId: place.bed.id, patientId: v.patient?.id, from: v.from, to: v.to, reason: v.reason };
    const parsed = form.check(contract['beds.book'].input, input, v.patient ? {} : { patient: 'Find the patient first.' });
    if (parsed) book.mutate(parsed);
  };

  return (
    <form {...form.formProps(submit)} aria-label="Reserve bed">
      <Stack gap="sm">
        <Title order={5}>Reserve {bedName(place.room.number, place.bed.label)}</Title>
        <PatientPicker value={form.values.patient} onChange={(p) => form.set('patient', p)} error={form.errors.patient} />
        <Group grow>
          <DateField label="First night" required value={form.values.from} onChange={(d) => form.set('from', d)} order={order} error={form.errors.from} />
          <DateField label="Free again on" required value={form.values.to} onChange={(d) => form.set('to', d)} order={order} error={form.errors.to} />
        </Group>
        <Textarea label="Reason" autosize minRows={2} maxLength={500} placeholder="e.g. Elective hip replacement" {...form.text('reason')} />
        <FormAlert message={form.formError} title="Not reserved" />
        <FormButtons onCancel={onDone} submitLabel="Reserve" loading={book.isPending} />
      </Stack>
    </form>
  );
}

function TransferForm({ place, hospitalId, index, onDone }: { place: BedPlace; hospitalId: number; index: Map<number, BedPlace>; onDone: (toBedId?: number) => void }) {
  const queryClient = useQueryClient();
  const occupant = place.bed.occupant!;
  const form = useForm({ toBedId: null as string | null, reason: '' });
  const free = useMemo(() => [...index.values()].filter((p) => p.bed.status === 'free' && p.bed.id !== place.bed.id), [index, place.bed.id]);

  const transfer = useMutation({
    mutationFn: (input: { stayId: number; toBedId: number; reason: string | null }) => api.admissions.transfer(input),
    onSuccess: (s) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({
        color: 'teal',
        title: 'Transferred',
        message: `${s.patientName} moved to ${bedName(s.roomNumber, s.bedLabel)}; ${bedName(place.room.number, place.bed.label)} goes to cleaning.`,
      });
      onDone(s.bedId);
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const input = { stayId: occupant.stayId, toBedId: form.values.toBedId ? Number(form.values.toBedId) : undefined, reason: form.values.reason };
    const parsed = form.check(contract['admissions.transfer'].input, input, form.values.toBedId ? {} : { toBedId: 'Choose a free bed.' });
    if (parsed) transfer.mutate(parsed);
  };

  return (
    <form {...form.formProps(submit)} aria-label="Transfer patient">
      <Stack gap="sm">
        <Title order={5}>Transfer {occupant.patientName}</Title>
        <Select
          label="To bed"
          placeholder={free.length ? 'Choose a free bed' : 'No free bed'}
          data={free.map((p) => ({ value: String(p.bed.id), label: bedPlaceLabel(p) }))}
          value={form.values.toBedId}
          onChange={(v) => form.set('toBedId', v)}
          error={form.errors.toBedId}
          searchable
          required
          limit={200}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea label="Reason" autosize minRows={2} maxLength={500} placeholder="e.g. Needs isolation" {...form.text('reason')} />
        <Text size="sm" c="dimmed">
          {bedName(place.room.number, place.bed.label)} goes to cleaning once the patient has left.
        </Text>
        <FormAlert message={form.formError} title="Not transferred" />
        <FormButtons onCancel={() => onDone()} submitLabel="Transfer" loading={transfer.isPending} />
      </Stack>
    </form>
  );
}

function DischargeForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: (stay?: Stay) => void }) {
  const queryClient = useQueryClient();
  const occupant = place.bed.occupant!;
  const timeZone = useHospital(hospitalId)?.timeZone;
  const form = useForm({ note: '' });

  const discharge = useMutation({
    mutationFn: (input: { stayId: number; note: string | null }) => api.admissions.discharge(input),
    onSuccess: (s) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: 'Discharged', message: `${s.patientName} is discharged; ${bedName(s.roomNumber, s.bedLabel)} goes to cleaning.` });
      onDone(s);
    },
    onError: (e) => form.fail(e),
  });

  const submit = () => {
    const parsed = form.check(contract['admissions.discharge'].input, { stayId: occupant.stayId, note: form.values.note });
    if (parsed) discharge.mutate(parsed);
  };

  return (
    <form {...form.formProps(submit)} aria-label="Discharge patient">
      <Stack gap="sm">
        <Title order={5}>Discharge {occupant.patientName}</Title>
        <Text size="sm">
          Admitted {formatDateTime(occupant.since, timeZone)}. The nights of the stay are recorded as room charges, and the bed goes to cleaning.
        </Text>
        <Textarea label="Discharge note" autosize minRows={2} maxLength={500} placeholder="e.g. Discharged home, review in 2 weeks" {...form.text('note')} data-autofocus />
        <FormAlert message={form.formError} title="Not discharged" />
        <FormButtons onCancel={() => onDone()} submitLabel={`Discharge ${occupant.patientName}`} loading={discharge.isPending} color="red" />
      </Stack>
    </form>
  );
}

function OutOfServiceForm({ place, hospitalId, onDone }: { place: BedPlace; hospitalId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({ note: '' });
  const save = useMutation({
    mutationFn: (input: { bedId: number; state: 'out_of_service'; note: string | null }) => api.rooms.setState(input),
    onSuccess: () => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: 'Out of service', message: `${bedName(place.room.number, place.bed.label)} takes no patient until it is returned to service.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const input = { bedId: place.bed.id, state: 'out_of_service' as const, note: form.values.note };
    const parsed = form.check(contract['rooms.setState'].input, input);
    if (parsed) save.mutate({ ...input, note: parsed.note });
  };
  return (
    <form {...form.formProps(submit)} aria-label="Take bed out of service">
      <Stack gap="sm">
        <Title order={5}>Take {bedName(place.room.number, place.bed.label)} out of service</Title>
        <Textarea label="Why" autosize minRows={2} maxLength={200} placeholder="e.g. Broken bed rail" {...form.text('note')} />
        <FormAlert message={form.formError} title="Not changed" />
        <FormButtons onCancel={onDone} submitLabel="Take out of service" loading={save.isPending} />
      </Stack>
    </form>
  );
}

function CancelBookingForm({ booking, hospitalId, onDone }: { booking: BedBooking; hospitalId: number; onDone: () => void }) {
  const queryClient = useQueryClient();
  const form = useForm({ reason: '' });
  const cancel = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.beds.cancelBooking(input),
    onSuccess: (b) => {
      refreshWards(queryClient, [hospitalId]);
      notifications.show({ color: 'teal', title: 'Reservation cancelled', message: `${bedName(b.roomNumber, b.bedLabel)} is no longer held for ${b.patientName}.` });
      onDone();
    },
    onError: (e) => form.fail(e),
  });
  const submit = () => {
    const parsed = form.check(contract['beds.cancelBooking'].input, { id: booking.id, reason: form.values.reason });
    if (parsed) cancel.mutate(parsed);
  };
  return (
    <form {...form.formProps(submit)} aria-label="Cancel reservation">
      <Stack gap="sm">
        <Title order={5}>Cancel the reservation of {booking.patientName}</Title>
        <Text size="sm">
          {formatDate(booking.from)} to {formatDate(booking.to)}
        </Text>
        <Textarea label="Reason for cancelling" required autosize minRows={2} maxLength={500} {...form.text('reason')} data-autofocus />
        <FormAlert message={form.formError} title="Not cancelled" />
        <FormButtons onCancel={onDone} submitLabel="Cancel reservation" loading={cancel.isPending} color="red" />
      </Stack>
    </form>
  );
}
