// One bed of the board in a side drawer: its state, who is in it or holds it, and what can be done from here. Each
// action is a form of its own (admit, reserve, transfer, discharge, out of service, cancel a reservation).
import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconArrowsExchange, IconBed, IconCalendarPlus, IconCircleCheck, IconDoorExit, IconSparkles, IconTool } from '@tabler/icons-react';
import { type BedBooking, type OccupancyBoard, type Stay } from '@shared/contract/wards';
import { BED_STATUS_LABELS, ROOM_TYPE_LABELS, UNIT_STATE_LABELS } from '@shared/domain/wards';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { Detail } from '../../components/Detail';
import { formatDate, formatMoney } from '../../components/format';
import { WRAPPING_BUTTON } from '../../components/ModalButtons';
import { AdmitForm } from './AdmitForm';
import { BedReservations } from './BedReservations';
import { CancelReservationForm } from './CancelReservationForm';
import { DischargeForm, DischargeSummary } from './DischargeForm';
import { OutOfServiceForm } from './OutOfServiceForm';
import { ReserveBedForm } from './ReserveBedForm';
import { StayDetails } from './StayDetails';
import { WardRoundButton } from '../clinical';
import { TransferForm } from './TransferForm';
import { bedName, indexBeds, STATUS_COLORS, type BedPlace } from './wards-data';

/** What the drawer shows: the bed, or one form; cancelling names the reservation. */
type Mode = { form: 'view' | 'admit' | 'reserve' | 'transfer' | 'discharge' | 'out_of_service' } | { form: 'cancel'; booking: BedBooking };

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
  const { can } = useSession();
  const [mode, setMode] = useState<Mode>({ form: 'view' });
  const [discharged, setDischarged] = useState<Stay | null>(null);
  const { bed, room, floor } = place;
  const hospitalId = board.hospitalId;
  const form = mode.form;

  // A change elsewhere (another desk admitted here) ends what this desk was about to do with the bed.
  useEffect(() => {
    if (form === 'admit' && bed.status !== 'free' && bed.status !== 'reserved') setMode({ form: 'view' });
    if ((form === 'transfer' || form === 'discharge') && bed.status !== 'occupied') setMode({ form: 'view' });
  }, [bed.status, form]);

  const done = () => setMode({ form: 'view' });

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

      {form === 'view' && (
        <>
          <BedView place={place} timeZone={board.timeZone} onForm={(f) => setMode({ form: f })} />
          <BedReservations hospitalId={hospitalId} bedId={bed.id} onCancel={can('beds.cancelBooking', hospitalId) ? (booking) => setMode({ form: 'cancel', booking }) : undefined} />
        </>
      )}
      {form === 'admit' && <AdmitForm place={place} hospitalId={hospitalId} onDone={done} />}
      {form === 'reserve' && <ReserveBedForm place={place} hospitalId={hospitalId} onDone={done} />}
      {form === 'transfer' && bed.occupant && <TransferForm place={place} index={index} onDone={(toBedId) => (toBedId ? onSelect(toBedId) : done())} />}
      {form === 'discharge' && bed.occupant && (
        <DischargeForm
          place={place}
          hospitalId={hospitalId}
          onDone={(stay) => {
            if (stay) setDischarged(stay);
            done();
          }}
        />
      )}
      {form === 'out_of_service' && <OutOfServiceForm place={place} onDone={done} />}
      {mode.form === 'cancel' && <CancelReservationForm booking={mode.booking} onDone={done} />}
    </Stack>
  );
}

type BedForm = Exclude<Mode['form'], 'view' | 'cancel'>;

/** The bed as it is, and the buttons for what this desk may do with it. */
function BedView({ place, timeZone, onForm }: { place: BedPlace; timeZone: string; onForm: (f: BedForm) => void }) {
  const { can } = useSession();
  // Each button for whoever may call the channel it calls, at the board's hospital (the desk's).
  const may = {
    admit: can('admissions.admit'),
    transfer: can('admissions.transfer'),
    discharge: can('admissions.discharge'),
    reserve: can('beds.book'),
    setState: can('rooms.setState'),
  };
  const { bed, room } = place;
  const setState = useMutation({
    mutationFn: (state: 'available' | 'cleaning') => api.rooms.setState({ bedId: bed.id, state, note: null }),
    onSuccess: (_room, state) =>
      notifications.show({ color: 'teal', title: state === 'available' ? 'Bed released' : 'Sent to cleaning', message: `${bedName(room.number, bed.label)} is ${state === 'available' ? 'free again' : 'being cleaned'}.` }),
    onError: (e) => notifications.show({ color: 'red', title: 'Not changed', message: e.message }),
  });

  return (
    <>
      {bed.occupant && (
        <>
          <StayDetails occupant={bed.occupant} timeZone={timeZone} />
          <WardRoundButton stayId={bed.occupant.stayId} timeZone={timeZone} />
          {(may.transfer || may.discharge) && (
            <Group gap="sm">
              {may.transfer && (
                <Button leftSection={<IconArrowsExchange size={16} />} variant="default" onClick={() => onForm('transfer')}>
                  Transfer
                </Button>
              )}
              {may.discharge && (
                <Button leftSection={<IconDoorExit size={16} />} color="red" variant="light" onClick={() => onForm('discharge')}>
                  Discharge
                </Button>
              )}
            </Group>
          )}
        </>
      )}

      {bed.reservation && (
        <Stack gap={6}>
          <Title order={5}>Reserved</Title>
          <Detail inline label="Patient">
            {bed.reservation.patientName} ({bed.reservation.patientNumber})
          </Detail>
          <Detail inline label="Nights">
            {formatDate(bed.reservation.from)} to {formatDate(bed.reservation.to)}
          </Detail>
          {may.admit && (
            <Group gap="sm" mt="xs">
              <Button leftSection={<IconBed size={16} />} onClick={() => onForm('admit')} styles={WRAPPING_BUTTON}>
                Admit {bed.reservation.patientName}
              </Button>
            </Group>
          )}
        </Stack>
      )}

      <Group gap="sm">
        {may.admit && bed.status === 'free' && (
          <Button leftSection={<IconBed size={16} />} onClick={() => onForm('admit')}>
            Admit patient
          </Button>
        )}
        {may.reserve && bed.status !== 'out_of_service' && (
          <Button leftSection={<IconCalendarPlus size={16} />} variant="default" onClick={() => onForm('reserve')}>
            Reserve
          </Button>
        )}
        {may.setState && bed.status === 'cleaning' && (
          <Button leftSection={<IconSparkles size={16} />} onClick={() => setState.mutate('available')} loading={setState.isPending}>
            Release after cleaning
          </Button>
        )}
        {may.setState && bed.status === 'free' && (
          <Button variant="default" leftSection={<IconSparkles size={16} />} onClick={() => setState.mutate('cleaning')} loading={setState.isPending}>
            Send to cleaning
          </Button>
        )}
        {may.setState && bed.status === 'out_of_service' && (
          <Button leftSection={<IconCircleCheck size={16} />} onClick={() => setState.mutate('available')} loading={setState.isPending}>
            Return to service
          </Button>
        )}
        {may.setState && (bed.status === 'free' || bed.status === 'cleaning') && (
          <Button variant="subtle" color="gray" leftSection={<IconTool size={16} />} onClick={() => onForm('out_of_service')}>
            Out of service…
          </Button>
        )}
      </Group>
    </>
  );
}
