// CSV cells and lines as every export writes them (the lists' files in main, the few in-renderer exports): one copy,
// so a cell is defused and quoted the same way wherever the file is made. UTF-8 with a byte-order mark, CRLF.

/** The byte-order mark spreadsheet programs need to read a file as UTF-8 (names in any script). */
export const CSV_BOM = '\ufeff';
export const CSV_EOL = '\r\n';

/**
 * One cell: text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe;
 * plain numbers such as +256 772 123456 or -12.50 stay as they are. Quoted when it holds a comma, quote or line break.
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().]+$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line with its CRLF. */
export const csvLine = (cells: readonly unknown[]): string => cells.map(csvCell).join(',') + CSV_EOL;

/** A whole file's text (without the byte-order mark). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}

/** A file name part made safe for every file system: "staff-HMS" stays, "a/b:c" becomes "a-b-c". */
export function safeFileStem(name: string): string {
  const s = name
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._ -]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-. ]+|[-. ]+$/g, '')
    .slice(0, 80);
  return s || 'export';
}
