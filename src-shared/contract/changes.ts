// Which screens a change concerns: read from the channels' `changes` and `shows`, so nobody keeps a list by hand.
import type { AnyChannel } from './channel';
import { contract, RECORD_KINDS, type ChannelName, type Events, type RecordKind } from './index';

/** What a `records.changed` event says: the kind, the records (when known) and the hospitals they belong to. */
export type RecordsChanged = Events['records.changed'];

const declared = contract as Record<string, AnyChannel>;
const KINDS = new Set<string>(RECORD_KINDS);

export const isRecordKind = (s: unknown): s is RecordKind => typeof s === 'string' && KINDS.has(s);

export const isWriteChannel = (name: string): boolean => Object.hasOwn(declared, name) && declared[name].kind === 'write';

/** The kinds a write channel may change; none for reads and unknown names. */
export function kindsChangedBy(name: string): readonly RecordKind[] {
  return isWriteChannel(name) ? declared[name].changes : [];
}

const showing = new Map<RecordKind, ChannelName[]>(RECORD_KINDS.map((k) => [k, []]));
for (const [name, def] of Object.entries(declared)) for (const k of def.shows) showing.get(k)!.push(name as ChannelName);

/** The read channels whose answers show records of this kind. */
export function channelsShowing(kind: RecordKind): readonly ChannelName[] {
  return showing.get(kind) ?? [];
}

/**
 * The ids of the records an answer lists: the answer itself, its arrays and the arrays of its fields (a page's
 * `items`), and in a paged list's cached answer (`{ pages: [{ items, nextCursor }], pageParams }`) every loaded page's.
 */
function listedIds(answer: unknown): Set<string> {
  const ids = new Set<string>();
  const take = (v: unknown) => {
    if (v && typeof v === 'object' && 'id' in v) ids.add(String((v as { id: unknown }).id));
  };
  const visit = (v: unknown, depth: number) => {
    if (Array.isArray(v)) v.forEach(take);
    else if (v && typeof v === 'object' && depth > 0) Object.values(v).forEach((f) => visit(f, depth - 1));
  };
  take(answer);
  visit(answer, 1);
  const pages = answer && typeof answer === 'object' ? (answer as { pages?: unknown }).pages : undefined;
  if (Array.isArray(pages)) pages.forEach((page) => visit(page, 1));
  return ids;
}

/**
 * Whether an answer of `channel`, asked with `input`, may show what changed: the channel shows the kind, and when
 * the question names one hospital and the change names hospitals, it is one of them. An audited read (a patient's
 * record or appointments looked at) is asked again only when the change names a record its `answer` lists, so
 * somebody else's work elsewhere does not write reads of this patient into the trail every few seconds.
 */
export function answerShowsChange(
  channel: string,
  input: unknown,
  change: Pick<RecordsChanged, 'entity' | 'hospitalIds'> & { ids?: string[] },
  answer?: unknown,
): boolean {
  if (!(showing.get(change.entity) as readonly string[] | undefined)?.includes(channel)) return false;
  const asked = typeof input === 'object' && input !== null ? (input as { hospitalId?: unknown; id?: unknown }) : {};
  // A read of one record by `id` (patients.get, invoices.get…) reads a record of the first kind it shows: another
  // record of that kind changing leaves it as it was (and an audited read is not repeated for nothing).
  if (typeof asked.id === 'number' && change.ids?.length && declared[channel].shows[0] === change.entity && !change.ids.includes(String(asked.id))) return false;
  if (declared[channel].auditedRead && change.ids?.length && answer !== undefined) {
    const listed = listedIds(answer);
    if (!change.ids.some((id) => listed.has(id))) return false;
  }
  if (typeof asked.hospitalId !== 'number' || change.hospitalIds.length === 0) return true;
  return change.hospitalIds.includes(asked.hospitalId);
}
