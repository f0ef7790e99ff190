// The typed client: api.patients.search(input) or api.call('patients.search', input), typed from the contract.
import type { ChannelName, EventName, Events, Input, Output } from '@shared/contract';
import type { ErrorCode, FieldErrors } from '@shared/errors';
import { transport } from './transport';

/** A failed call: the envelope's error, thrown. */
export class ApiError extends Error {
  constructor(
    readonly channel: string,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown, code?: ErrorCode): e is ApiError => e instanceof ApiError && (!code || e.code === code);

type CallArgs<K extends ChannelName> = undefined extends Input<K> ? [input?: Input<K>] : [input: Input<K>];

type FailureListener = (error: ApiError) => void;
const failureListeners = new Set<FailureListener>();
type SuccessListener = (channel: ChannelName) => void;
const successListeners = new Set<SuccessListener>();

/** Every failed call, whoever made it: the database banner and the lock screen watch these. */
export function onCallFailure(listener: FailureListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Every successful call: the live refresh asks again what a write of this desk changed. */
export function onCallSuccess(listener: SuccessListener): () => void {
  successListeners.add(listener);
  return () => successListeners.delete(listener);
}

export async function call<K extends ChannelName>(channel: K, ...[input]: CallArgs<K>): Promise<Output<K>> {
  const result = await transport.invoke(channel, input);
  if (result.ok) {
    for (const l of successListeners) l(channel);
    return result.data as Output<K>;
  }
  const { code, message, fields, details } = result.error;
  const error = new ApiError(channel, code, message, fields, details);
  for (const l of failureListeners) l(error);
  throw error;
}

export function onEvent<K extends EventName>(event: K, callback: (payload: Events[K]) => void): () => void {
  return transport.on(event, callback);
}

type AreaOf<K> = K extends `${infer A}.${string}` ? A : never;
type AreaApi<A extends string> = {
  [K in ChannelName as K extends `${A}.${infer Verb}` ? Verb : never]: (...args: CallArgs<K>) => Promise<Output<K>>;
};
export type Api = { call: typeof call } & { [A in AreaOf<ChannelName>]: AreaApi<A> };

export const api = new Proxy({} as Api, {
  get: (_target, area: string) => {
    if (area === 'call') return call;
    return new Proxy({}, { get: (_t, verb: string) => (input?: unknown) => (call as (c: string, i?: unknown) => Promise<unknown>)(`${area}.${verb}`, input) });
  },
});
