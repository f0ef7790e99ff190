// The status of an appointment and what this desk may do with it next: check in, complete, no-show, reschedule, cancel.
import { memo, useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCalendarEvent, IconCheck, IconLogin2, IconUserX, IconX } from '@tabler/icons-react';
import { contract } from '@shared/contract';
import type { AppointmentView } from '@shared/contract/appointments';
import { APPOINTMENT_STATUS_LABELS, canMove, type AppointmentStatus } from '@shared/domain/scheduling';
import { api, isApiError } from '../../api/client';
import { refreshShowing } from '../../api/queries';
import { useSession } from '../../app/session';
import { useForm } from '../../components/form';
import { FormAlert } from '../../components/FormSection';
import { RecordLink } from '../../components/RecordLink';
import { ModalButtons } from '../../components/ModalButtons';
import { formatTime } from '../../components/format';
import { dayLabel } from '../../components/calendar';
import { RescheduleModal } from './RescheduleModal';
import { useMyDoctor } from './scheduling-data';
import { patchAppointmentEverywhere, showAppointmentEverywhere } from './optimistic';

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  checked_in: 'orange',
  completed: 'teal',
  cancelled: 'gray',
  no_show: 'red',
};

/** The patient of an appointment, linked to their record for those who may open it (a click does not also open the row). */
export function PatientLink({ a }: { a: AppointmentView }) {
  return (
    <RecordLink to={`/patients/${a.patientId}`} hospitalId={a.hospitalId} size="sm" stopPropagation>
      <Text span ff="monospace" size="xs" c="dimmed">
        {a.patientNumber}
      </Text>{' '}
      {a.patientName}
    </RecordLink>
  );
}

export function StatusBadge({ appointment: a }: { appointment: Pick<AppointmentView, 'status' | 'queueNumber'> }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 'max-content' }}>
      <Badge variant="light" color={STATUS_COLORS[a.status]} radius="sm" tt="none">
        {APPOINTMENT_STATUS_LABELS[a.status]}
      </Badge>
      {a.queueNumber !== null && (
        <Badge variant="filled" color="orange" radius="sm" tt="none" aria-label={`Queue number ${a.queueNumber}`}>
          No. {a.queueNumber}
        </Badge>
      )}
    </Group>
  );
}

/**
 * What the signed-in user may do to an appointment: each move for whoever may call its channel at the appointment's
 * hospital; completing, a doctor only their own (a widened role that is no doctor completes any).
 */
export function useAppointmentRights() {
  const { can, hasRole } = useSession();
  const { doctor: me } = useMyDoctor();
  const doctor = hasRole('doctor');
  return {
    may: (move: 'checkIn' | 'reschedule' | 'markNoShow' | 'cancel', a: AppointmentView) => can(`appointments.${move}`, a.hospitalId),
    mayComplete: (a: AppointmentView) => can('appointments.complete', a.hospitalId) && (!doctor || a.doctorId === me?.id),
  };
}

/** "Nakato Namubiru with Dr Okot, Mon 14 Mar 2026 at 09:00" */
export const appointmentSentence = (a: AppointmentView, timeZone?: string) => `${a.patientName} with ${a.doctorName}, ${dayLabel(a.date)} at ${formatTime(a.start, timeZone)}`;

type Move = 'checkIn' | 'complete' | 'markNoShow';

/** The check-in as the desk sees it before the server answers: checked in now, its queue number still to come. */
const checkedInNow = (a: AppointmentView): AppointmentView => ({ ...a, status: 'checked_in', checkedInAt: new Date().toISOString() });

const MOVE_VERB: Record<Move, string> = { checkIn: 'Not checked in', complete: 'Not completed', markNoShow: 'Not marked as a no-show' };

export const AppointmentActions = memo(function AppointmentActions({ appointment: a, timeZone, size = 'compact-xs' }: { appointment: AppointmentView; timeZone?: string; size?: string }) {
  const queryClient = useQueryClient();
  const rights = useAppointmentRights();
  const [cancelling, setCancelling] = useState(false);
  const [moving, setMoving] = useState(false);
  // The dialogs are mounted on first use: a closed Mantine modal still costs a portal, and a busy day has 125 rows.
  const cancelShown = useMountedOnce(cancelling);
  const movingShown = useMountedOnce(moving);

  const move = useMutation({
    mutationFn: (m: Move) => api.appointments[m]({ id: a.id }),
    // A check-in shows at once (the desk sees the patient arrive without waiting for the server); the queue number
    // follows with the answer. Refused, the row goes back to what it was and the reason is shown.
    onMutate: async (m) => (m === 'checkIn' ? { undo: await patchAppointmentEverywhere(queryClient, a.id, checkedInNow) } : { undo: () => undefined }),
    onSuccess: (done, m) => {
      showAppointmentEverywhere(queryClient, done);
      const message =
        m === 'checkIn'
          ? `${done.patientName} is checked in: number ${done.queueNumber ?? '?'} in ${done.doctorName}'s queue.`
          : m === 'complete'
            ? `The appointment of ${done.patientName} is completed.`
            : `${done.patientName} was marked as a no-show.`;
      notifications.show({ color: 'teal', message });
    },
    onError: (e, m, context) => {
      context?.undo();
      notifications.show({ color: 'red', title: `${MOVE_VERB[m]}: ${a.patientName}`, message: e.message });
      // Refused because the appointment moved on elsewhere: show what it is now.
      if (isApiError(e, 'CONFLICT') || isApiError(e, 'NOT_FOUND')) void refreshShowing(queryClient, { entity: 'appointment', hospitalIds: [a.hospitalId] });
    },
  });

  const buttons = [
    rights.may('checkIn', a) && canMove(a.status, 'checked_in') && (
      <Button key="in" size={size} variant="light" color="orange" leftSection={<IconLogin2 size={14} />} onClick={() => move.mutate('checkIn')}>
        Check in
      </Button>
    ),
    rights.mayComplete(a) && canMove(a.status, 'completed') && (
      <Button
        key="done"
        size={size}
        variant="light"
        color="teal"
        leftSection={<IconCheck size={14} />}
        // Not before the server has given the check-in its queue number.
        disabled={move.isPending && move.variables === 'checkIn'}
        loading={move.isPending && move.variables === 'complete'}
        onClick={() => move.mutate('complete')}
      >
        Complete
      </Button>
    ),
    rights.may('reschedule', a) && a.status === 'booked' && (
      <Button key="move" size={size} variant="subtle" leftSection={<IconCalendarEvent size={14} />} onClick={() => setMoving(true)}>
        Reschedule
      </Button>
    ),
    // A patient can only miss an appointment that has begun.
    rights.may('markNoShow', a) && canMove(a.status, 'no_show') && Date.parse(a.start) <= Date.now() && (
      <Button key="noshow" size={size} variant="subtle" color="red" leftSection={<IconUserX size={14} />} loading={move.isPending && move.variables === 'markNoShow'} onClick={() => move.mutate('markNoShow')}>
        No-show
      </Button>
    ),
    rights.may('cancel', a) && canMove(a.status, 'cancelled') && (
      <Button key="cancel" size={size} variant="subtle" color="gray" leftSection={<IconX size={14} />} disabled={move.isPending && move.variables === 'checkIn'} onClick={() => setCancelling(true)}>
        Cancel
      </Button>
    ),
  ].filter(Boolean);

  if (buttons.length === 0) return null;
  return (
    <>
      <Group gap={4} wrap="nowrap" style={{ minWidth: 'max-content' }} onClick={(e) => e.stopPropagation()}>
        {buttons}
      </Group>
      {cancelShown && <CancelModal appointment={a} timeZone={timeZone} opened={cancelling} onClose={() => setCancelling(false)} />}
      {movingShown && <RescheduleModal appointment={a} timeZone={timeZone} opened={moving} onClose={() => setMoving(false)} />}
    </>
  );
});

/** True from the first time `opened` is true: a dialog mounted then stays, so it can play its closing transition. */
function useMountedOnce(opened: boolean): boolean {
  const [shown, setShown] = useState(opened);
  if (opened && !shown) setShown(true);
  return shown || opened;
}

function CancelModal({ appointment: a, timeZone, opened, onClose }: { appointment: AppointmentView; timeZone?: string; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Cancel appointment</Text>}>
      {opened && <CancelForm appointment={a} timeZone={timeZone} onClose={onClose} />}
    </Modal>
  );
}

function CancelForm({ appointment: a, timeZone, onClose }: { appointment: AppointmentView; timeZone?: string; onClose: () => void }) {
  const form = useForm({ reason: '' });
  const cancel = useMutation({
    mutationFn: (input: { id: number; reason: string }) => api.appointments.cancel(input),
    onSuccess: (done) => {
      notifications.show({ color: 'teal', message: `Cancelled: ${appointmentSentence(done, timeZone)}. The slot is free again.` });
      onClose();
    },
    onError: (e) => form.fail(e),
  });
  return (
    <form
      {...form.formProps(() => {
        const input = form.check(contract['appointments.cancel'].input, { id: a.id, reason: form.values.reason });
        if (input) cancel.mutate(input);
      })}
    >
      <Stack gap="md">
        <Text size="sm">{appointmentSentence(a, timeZone)}</Text>
        <Textarea label="Reason for cancelling" required placeholder="e.g. Patient called: travelling that week" autosize minRows={2} maxLength={500} data-autofocus {...form.text('reason')} />
        <FormAlert message={form.formError} title="Not cancelled" />
        <ModalButtons onCancel={onClose} cancelLabel="Keep appointment" submitLabel="Cancel appointment" color="red" loading={cancel.isPending} />
      </Stack>
    </form>
  );
}
