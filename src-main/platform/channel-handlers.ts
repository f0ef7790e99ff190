// The handler table as features may reach it: a feature that runs another channel's handler under its own call
// (the CSV export re-running a list, page after page) looks it up here; ipc/handler-table.ts registers the table.
import type { ChannelName } from '@shared/contract';
import type { CallContext } from './context';
import type { Handler, HandlerTable } from './handlers';

let table: HandlerTable | null = null;

export function registerHandlerTable(handlers: HandlerTable): void {
  table = handlers;
}

/** The handler of a channel, or null for a name the table does not hold. */
export function handlerOf(name: string): ((input: unknown, ctx: CallContext) => unknown) | null {
  if (!table || !Object.hasOwn(table, name)) return null;
  return table[name as keyof HandlerTable] as unknown as (input: unknown, ctx: CallContext) => unknown;
}

/**
 * A list's page as an export reads it: the same input (its page size over the public limit), the same rows, filter,
 * order and page marker as the channel's handler, read more cheaply for thousands of rows a page. It runs where the
 * handler would (after the channel's access rule and input schema, under the caller's context) and does what the
 * handler does besides its query (scope, audit). A list without one is exported through its handler.
 */
export type ExportPageTable = { [K in ChannelName]?: Handler<K> };

let exportPages: ExportPageTable = {};

export function registerExportPages(pages: ExportPageTable): void {
  exportPages = pages;
}

/** The export page reader of a channel, or null: the export then runs the channel's handler. */
export function exportPageOf(name: string): ((input: unknown, ctx: CallContext) => unknown) | null {
  if (!Object.hasOwn(exportPages, name)) return null;
  return (exportPages[name as ChannelName] as unknown as (input: unknown, ctx: CallContext) => unknown) ?? null;
}
