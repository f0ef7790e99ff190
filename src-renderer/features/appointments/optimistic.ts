// An appointment changed on screen before the server has answered (a check-in shows at once), and put back exactly as
// it was when the server refuses. Only the cached answers of the appointment read channels are touched; each other
// appointment keeps its object, so memoised rows do not draw again.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AppointmentView } from '@shared/contract/appointments';

/** The read channels whose answers list appointments, in one of the shapes `patchAnswer` knows. */
const APPOINTMENT_READS = new Set(['appointments.daySchedule', 'appointments.forDoctor', 'appointments.forPatient', 'appointments.get']);

type Patch = (a: AppointmentView) => AppointmentView;

const isAppointment = (x: unknown): x is AppointmentView => typeof x === 'object' && x !== null && 'status' in x && 'patientId' in x && 'id' in x;

function patchList(list: AppointmentView[], id: number, patch: Patch): AppointmentView[] {
  const i = list.findIndex((a) => a.id === id);
  if (i < 0) return list;
  const next = [...list];
  next[i] = patch(list[i]);
  return next;
}

/** The answer with appointment `id` patched, or the same answer when it does not show it. */
function patchAnswer(data: unknown, id: number, patch: Patch): unknown {
  if (Array.isArray(data)) return data.length && isAppointment(data[0]) ? patchList(data as AppointmentView[], id, patch) : data;
  if (typeof data !== 'object' || data === null) return data;
  if (isAppointment(data)) return data.id === id ? patch(data) : data;
  const o = data as { appointments?: unknown; items?: unknown; pages?: unknown[] };
  if (Array.isArray(o.appointments)) {
    const next = patchList(o.appointments as AppointmentView[], id, patch);
    return next === o.appointments ? data : { ...o, appointments: next };
  }
  if (Array.isArray(o.items)) {
    const next = patchList(o.items as AppointmentView[], id, patch);
    return next === o.items ? data : { ...o, items: next };
  }
  if (Array.isArray(o.pages)) {
    const pages = o.pages.map((p) => patchAnswer(p, id, patch));
    return pages.every((p, i) => p === o.pages![i]) ? data : { ...o, pages };
  }
  return data;
}

/**
 * Applies `patch` to appointment `id` in every cached answer that shows it, after stopping their refetches (an answer
 * arriving meanwhile would undo the change). Returns what puts them back.
 */
export async function patchAppointmentEverywhere(client: QueryClient, id: number, patch: Patch): Promise<() => void> {
  const predicate = (q: { queryKey: QueryKey }) => APPOINTMENT_READS.has(String(q.queryKey[0]));
  await client.cancelQueries({ predicate });
  const before: [QueryKey, unknown][] = [];
  for (const q of client.getQueryCache().findAll({ predicate })) {
    const data = q.state.data;
    const next = patchAnswer(data, id, patch);
    if (next !== data) {
      before.push([q.queryKey, data]);
      client.setQueryData(q.queryKey, next);
    }
  }
  return () => {
    for (const [key, data] of before) client.setQueryData(key, data);
  };
}

/** Puts the server's answer for one appointment into every cached answer that shows it. */
export function showAppointmentEverywhere(client: QueryClient, done: AppointmentView): void {
  for (const q of client.getQueryCache().findAll({ predicate: (x) => APPOINTMENT_READS.has(String(x.queryKey[0])) })) {
    const data = q.state.data;
    const next = patchAnswer(data, done.id, () => done);
    if (next !== data) client.setQueryData(q.queryKey, next);
  }
}
