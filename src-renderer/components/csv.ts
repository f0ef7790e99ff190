// CSV export of what a list has loaded: built in the renderer, saved through a Blob download.
import { downloadBlob } from './download';

/** Cells that a spreadsheet would run as a formula are defused; plain numbers such as +256 772 123456 stay as they are. */
function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().]+$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, header: string[], rows: unknown[][]): void {
  // The byte-order mark makes spreadsheet programs read the file as UTF-8 (names with accents).
  downloadBlob(fileName, new Blob(['\ufeff', toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** "patients-2026-03-14.csv" */
export const csvFileName = (what: string) => `${what}-${new Date().toISOString().slice(0, 10)}.csv`;
