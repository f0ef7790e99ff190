// Ways into an encounter from other screens: a checked-in appointment's consultation (doctor's queue) and the ward
// round of a stay (ward drawer). Opening is idempotent: the open encounter of the appointment or of today's round.
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { IconStethoscope } from '@tabler/icons-react';
import { localDate } from '@shared/domain/dates';
import type { AppointmentStatus } from '@shared/domain/scheduling';
import { api } from '../../api/client';
import { useChannelQuery } from '../../api/queries';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { formatDate } from '../../components/format';
import { RecordLink } from '../../components/RecordLink';
import { useKeepEncounter } from './clinical-data';

function useOpenEncounter(failTitle: string) {
  const keep = useKeepEncounter();
  return useMutation({
    mutationFn: (input: { appointmentId: number } | { stayId: number }) => api.encounters.open(input),
    onSuccess: (e) => {
      keep(e);
      navigate(`/encounters/${e.id}`);
    },
    onError: (e) => notifications.show({ color: 'red', title: failTitle, message: e.message }),
  });
}

/** A checked-in appointment, for a doctor: "Start consultation", or "Open consultation" once begun. */
export function ConsultationButton({ appointment: a, size = 'xs' }: { appointment: { id: number; status: AppointmentStatus; patientName: string }; size?: string }) {
  const { can } = useSession();
  const relevant = a.status === 'checked_in' && can('encounters.open');
  const found = useChannelQuery('encounters.find', { appointmentId: a.id }, { enabled: relevant });
  const open = useOpenEncounter('Consultation not opened');
  if (!relevant) return null;
  const begun = (found.data?.length ?? 0) > 0;
  return (
    <Button size={size} color="blue" leftSection={<IconStethoscope size={14} />} loading={open.isPending} onClick={() => open.mutate({ appointmentId: a.id })} aria-label={`${begun ? 'Open' : 'Start'} consultation with ${a.patientName}`}>
      {begun ? 'Open consultation' : 'Start consultation'}
    </Button>
  );
}

/**
 * The ward rounds of a current stay, latest first, for doctors and nurses to open; a doctor starts today's round
 * (or opens it again: one encounter per round a day).
 */
export function WardRoundButton({ stayId, timeZone }: { stayId: number; timeZone: string }) {
  const { can } = useSession();
  const doctor = can('encounters.open');
  const staff = can('encounters.find');
  const rounds = useChannelQuery('encounters.find', { stayId }, { enabled: staff });
  // A round without its day is named by the day it started at the stay's hospital, not by the UTC date.
  const dayOf = (r: { startedAt: string }) => localDate(new Date(r.startedAt), timeZone);
  const open = useOpenEncounter('Ward round not opened');
  if (!staff) return null;
  const latest = [...(rounds.data ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, 5);
  return (
    <Stack gap={6}>
      {latest.length > 0 && (
        <Group gap="xs" role="group" aria-label="Ward rounds">
          <Text size="sm" c="dimmed" w={140}>
            Ward rounds
          </Text>
          {latest.map((r) => (
            <RecordLink key={r.id} to={`/encounters/${r.id}`} size="sm">
              {formatDate(r.roundDate ?? dayOf(r))}
              {r.status === 'open' ? ' (open)' : ''}
            </RecordLink>
          ))}
        </Group>
      )}
      {doctor && (
        <Group>
          <Button leftSection={<IconStethoscope size={16} />} onClick={() => open.mutate({ stayId })} loading={open.isPending}>
            Ward round
          </Button>
        </Group>
      )}
    </Stack>
  );
}
