// CSV export built in the renderer, for the few lists without a channel of their own (the rest are exported by main,
// every page, through reports.exportCsv). The cells are written as main writes them (@shared/domain/csv).
import { CSV_BOM, toCsv } from '@shared/domain/csv';
import { localDate } from '@shared/domain/dates';
import { downloadBlob } from './download';

export { toCsv };

export function downloadCsv(fileName: string, header: string[], rows: unknown[][]): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
  downloadBlob(fileName, new Blob([CSV_BOM, toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** "patients-2026-03-14.csv": today in the hospital's time zone when given, else at the workstation (never UTC's date). */
export const csvFileName = (what: string, timeZone?: string) => `${what}-${localDate(new Date(), timeZone)}.csv`;
