// The handler table as features may reach it: a feature that runs another channel's handler under its own call
// (the CSV export re-running a list, page after page) looks it up here; ipc/handler-table.ts registers the table.
import type { CallContext } from './context';
import type { HandlerTable } from './handlers';

let table: HandlerTable | null = null;

export function registerHandlerTable(handlers: HandlerTable): void {
  table = handlers;
}

/** The handler of a channel, or null for a name the table does not hold. */
export function handlerOf(name: string): ((input: unknown, ctx: CallContext) => unknown) | null {
  if (!table || !Object.hasOwn(table, name)) return null;
  return table[name as keyof HandlerTable] as unknown as (input: unknown, ctx: CallContext) => unknown;
}
