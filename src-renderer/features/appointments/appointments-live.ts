// Keeps every appointment view current: a change at any workstation (the push event) or at this one refreshes the days it touched.
import { useEffect } from 'react';
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import type { Events } from '@shared/contract';
import type { AppointmentView } from '@shared/contract/appointments';
import { onEvent } from '../../api/client';

type Change = Pick<Events['appointments.changed'], 'hospitalId' | 'dates'> & { id?: number; doctorId?: number; patientId?: number };

const lists = (data: unknown): AppointmentView[] => {
  const d = data as { upcoming?: AppointmentView[]; past?: AppointmentView[] } | undefined;
  return [...(d?.upcoming ?? []), ...(d?.past ?? [])];
};

/** Whether a cached query shows something the change may have altered. */
function touches(query: Query, change: Change): boolean {
  const [channel, a, b] = query.queryKey as [string, unknown, unknown];
  switch (channel) {
    case 'appointments.freeSlots':
      return change.dates.includes(b as string);
    case 'appointments.departmentSlots':
    case 'appointments.daySchedule':
      return a === change.hospitalId && change.dates.includes(b as string);
    case 'appointments.get':
      return change.id === undefined || a === change.id;
    case 'appointments.forDoctor':
      return change.doctorId === undefined || a === change.doctorId;
    // Reading a patient's appointments is audited: asked again only for this patient's own appointments.
    case 'appointments.forPatient':
      return a === change.patientId || (change.id !== undefined && lists(query.state.data).some((x) => x.id === change.id));
    // The next free slots can be on any day: cheap to ask again.
    case 'appointments.nextFree':
      return true;
    default:
      return false;
  }
}

export function refreshAppointments(queryClient: QueryClient, change: Change): void {
  void queryClient.invalidateQueries({ predicate: (q) => touches(q, change) });
}

/** After this desk's own change (the push event follows too, but the desk that acted should not wait for it). */
export function refreshAfter(queryClient: QueryClient, ...changed: AppointmentView[]): void {
  for (const a of changed) refreshAppointments(queryClient, { id: a.id, hospitalId: a.hospitalId, doctorId: a.doctorId, patientId: a.patientId, dates: [a.date] });
}

/**
 * A change another workstation made, read from the shared audit trail: only its ids and hospitals are known, so the
 * day views of those hospitals are asked again (and a patient's list when it shows one of the appointments).
 */
function refreshFromElsewhere(queryClient: QueryClient, ids: number[], hospitalIds: number[]): void {
  void queryClient.invalidateQueries({
    predicate: (q) => {
      const [channel, a] = q.queryKey as [string, unknown];
      if (channel === 'appointments.forPatient') return lists(q.state.data).some((x) => ids.includes(x.id));
      if (channel === 'appointments.departmentSlots' || channel === 'appointments.daySchedule') return hospitalIds.includes(a as number);
      return channel.startsWith('appointments.');
    },
  });
}

/** Subscribes the mounted view to changes from this workstation's other windows and from other workstations. */
export function useAppointmentsLive(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offHere = onEvent('appointments.changed', (e) => refreshAppointments(queryClient, e));
    const offElsewhere = onEvent('records.changed', (e) => e.entity === 'appointment' && refreshFromElsewhere(queryClient, e.ids.map(Number), e.hospitalIds));
    return () => {
      offHere();
      offElsewhere();
    };
  }, [queryClient]);
}
