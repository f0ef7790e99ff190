// A section of an encounter edited in place (the notes, the vitals) against the version it was loaded at: a save
// from this section or another keeps it current; a change of its own fields from another desk while it is being
// edited is shown rather than silently overwritten, and the server's version check refuses a stale save.
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { Input } from '@shared/contract';
import type { Encounter } from '@shared/contract/clinical';
import { api, isApiError, type ApiError } from '../../api/client';
import { channelKey } from '../../api/queries';
import { useForm, type FormState } from '../../components/form';
import { useKeepEncounter } from './clinical-data';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface EncounterDraft<V extends object> {
  form: FormState<V>;
  /** The form differs from the encounter as it was loaded. */
  dirty: boolean;
  /** Another desk changed these fields while this one was editing them. */
  changedElsewhere: boolean;
  /** The fields the other desk changed, as they are now. */
  theirs: Partial<V>;
  /** Shows the other desk's version (drops this desk's edits). */
  loadLatest(): void;
  /** Saves this desk's edits over the other desk's version. */
  keepMine(): void;
  save(fields: Omit<Input<'encounters.update'>, 'id' | 'version'>, prefix?: string): void;
  saving: boolean;
}

/** The sections of an encounter page holding unsaved edits ("the notes"), so signing can warn about them. */
const UnsavedReport = createContext<((section: string, dirty: boolean) => void) | null>(null);
export const UnsavedProvider = UnsavedReport.Provider;

export function useUnsavedSections(): { unsaved: string[]; report: (section: string, dirty: boolean) => void } {
  const [unsaved, setUnsaved] = useState<string[]>([]);
  const report = useMemo(() => (section: string, dirty: boolean) => setUnsaved((list) => (dirty ? (list.includes(section) ? list : [...list, section]) : list.filter((s) => s !== section))), []);
  return { unsaved, report };
}

/** `section` names the part in a sentence ("the notes"); `savedMessage` is the notification of a save. */
export function useEncounterDraft<V extends object>(e: Encounter, valuesOf: (e: Encounter) => V, section: string, savedMessage: string): EncounterDraft<V> {
  const queryClient = useQueryClient();
  const keep = useKeepEncounter();
  const form = useForm<V>(() => valuesOf(e));
  const [base, setBase] = useState(() => ({ version: e.version, values: valuesOf(e) }));
  const [changedElsewhere, setChangedElsewhere] = useState(false);
  const dirty = !same(form.values, base.values);
  const latest = valuesOf(e);
  const report = useContext(UnsavedReport);
  useEffect(() => {
    report?.(section, dirty);
    return () => report?.(section, false);
  }, [report, section, dirty]);
  const theirs = Object.fromEntries(Object.entries(latest).filter(([k, v]) => !same(v, (base.values as Record<string, unknown>)[k]))) as Partial<V>;

  const adopt = (next: Encounter) => {
    const values = valuesOf(next);
    setBase({ version: next.version, values });
    form.setValues(values);
    setChangedElsewhere(false);
  };

  useEffect(() => {
    if (e.version === base.version) return;
    const now = valuesOf(e);
    // Another section's save: these fields are as loaded, only the version moved on.
    if (same(now, base.values)) setBase({ version: e.version, values: base.values });
    else if (!dirty) adopt(e);
    else setChangedElsewhere(true);
    // Only a new version of the encounter asks for a look.
  }, [e.version, base.version]);

  const mutation = useMutation<Encounter, ApiError, Input<'encounters.update'>>({
    mutationFn: (input) => api.encounters.update(input),
    onSuccess: (saved) => {
      adopt(saved);
      keep(saved);
      notifications.show({ color: 'teal', message: savedMessage });
    },
  });

  return {
    form,
    dirty,
    changedElsewhere,
    theirs,
    loadLatest: () => adopt(e),
    keepMine: () => {
      setBase({ version: e.version, values: valuesOf(e) });
      setChangedElsewhere(false);
      form.setFormError(null);
    },
    saving: mutation.isPending,
    save: (fields, prefix) =>
      mutation.mutate(
        { id: e.id, version: base.version, ...fields },
        {
          onError: (err) => {
            form.fail(err, prefix);
            // Saved meanwhile at another desk: fetch that version so the section can show it.
            if (isApiError(err, 'CONFLICT')) void queryClient.invalidateQueries({ queryKey: channelKey('encounters.get', { id: e.id }) });
          },
        },
      ),
  };
}
