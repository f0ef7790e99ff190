// CSV import: preview (dry run) and all-or-nothing commit. (Being written.)
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { ImportBatch, ImportPreview, ImportResult } from '@shared/contract/imports';
import type { Page } from '@shared/contract/channel';
import { AppError } from '@shared/errors';
import type { CallContext } from '../../platform/context';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

export async function previewImport(_ctx: CallContext, _input: In<'import.preview'>): Promise<ImportPreview> {
  throw new AppError('INTERNAL', 'Not yet.');
}
export async function commitImport(_ctx: CallContext, _input: In<'import.commit'>): Promise<ImportResult> {
  throw new AppError('INTERNAL', 'Not yet.');
}
export function cancelImport(_ctx: CallContext, _jobId: string): { cancelled: boolean } {
  return { cancelled: false };
}
export async function importHistory(_ctx: CallContext, _input: In<'import.history'>): Promise<Page<ImportBatch>> {
  return { items: [], nextCursor: null };
}
