// Handler maps are typed from the contract: a missing or misspelt handler is a type error.
import type { Contract, ChannelName, Output } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { CallContext } from './context';

export type Handler<K extends ChannelName> = (input: ParsedInputOf<Contract[K]>, ctx: CallContext) => Promise<Output<K>> | Output<K>;

export type HandlersOf<Area> = { [K in keyof Area & ChannelName]: Handler<K> };

export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** One area's handlers, checked against that area's declarations. */
export function defineHandlers<Area>(_area: Area, handlers: HandlersOf<Area>): HandlersOf<Area> {
  return handlers;
}
