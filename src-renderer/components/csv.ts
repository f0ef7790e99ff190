// CSV export built in the renderer, for the few lists without a channel of their own (the rest are exported by main,
// every page, through reports.exportCsv). The cells are written as main writes them (@shared/domain/csv).
import { CSV_BOM, toCsv } from '@shared/domain/csv';
import { downloadBlob } from './download';

export { toCsv };

export function downloadCsv(fileName: string, header: string[], rows: unknown[][]): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
  downloadBlob(fileName, new Blob([CSV_BOM, toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** "patients-2026-03-14.csv" */
export const csvFileName = (what: string) => `${what}-${new Date().toISOString().slice(0, 10)}.csv`;
