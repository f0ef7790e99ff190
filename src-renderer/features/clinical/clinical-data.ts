// The encounter as the page holds it, and the writes that answer with it: their answer replaces the cached record
// at once, so the section that saved and every other section show the same version.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Encounter } from '@shared/contract/clinical';
import type { ApiError } from '../../api/client';
import { channelKey, useChannelQuery } from '../../api/queries';
import { useSession } from '../../app/session';

export const useEncounter = (id: number) => useChannelQuery('encounters.get', { id });

/** Puts an encounter a write answered with where the page reads it. */
export function useKeepEncounter(): (e: Encounter) => void {
  const queryClient = useQueryClient();
  return (e) => queryClient.setQueryData(channelKey('encounters.get', { id: e.id }), e);
}

/**
 * A write of one part of an encounter (a diagnosis, an order, a prescription): the answer is the whole encounter.
 * `failTitle` names a refusal shown as a notification when the form does not show it itself (`onError`).
 */
export function useEncounterWrite<I>(
  write: (input: I) => Promise<Encounter>,
  opts: { done?: (e: Encounter, input: I) => void; onError?: (e: ApiError) => void; failTitle?: string } = {},
) {
  const keep = useKeepEncounter();
  return useMutation<Encounter, ApiError, I>({
    mutationFn: write,
    onSuccess: (e, input) => {
      keep(e);
      opts.done?.(e, input);
    },
    onError: opts.onError ?? ((e) => notifications.show({ color: 'red', title: opts.failTitle ?? 'Not saved', message: e.message })),
  });
}

/**
 * What the signed-in user may do with an encounter, by the channels the buttons call at its hospital: doctors record
 * care, nurses notes and vitals; nothing but addenda once signed.
 */
export function useEncounterRights(e: Pick<Encounter, 'status' | 'hospitalId'>) {
  const { can } = useSession();
  const open = e.status === 'open';
  return {
    open,
    /** Diagnoses, procedures, orders, prescriptions, signing. */
    clinician: open && can('encounters.sign', e.hospitalId),
    /** Notes and vitals. */
    notes: open && can('encounters.update', e.hospitalId),
    addendum: !open && can('encounters.addendum', e.hospitalId),
  };
}
