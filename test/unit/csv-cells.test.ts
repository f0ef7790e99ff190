// The one CSV cell rule every export uses (main's streamed files, the renderer's few in-memory ones).
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvLine, safeFileStem, toCsv } from '@shared/domain/csv';

describe('csv cells', () => {
  it('defuses what a spreadsheet would run as a formula, and leaves plain numbers alone', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('+A1')).toBe("'+A1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('\t=cmd')).toBe("'\t=cmd");
    expect(csvCell('+256 772 123456')).toBe('+256 772 123456');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('(0)772 123')).toBe('(0)772 123');
  });

  it('quotes commas, quotes and line breaks; empty for null; instants as ISO', () => {
    expect(csvCell('Ann "Jo", Jr')).toBe('"Ann ""Jo"", Jr"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(new Date('2026-03-14T09:05:00Z'))).toBe('2026-03-14T09:05:00.000Z');
    expect(csvCell('王小明')).toBe('王小明');
  });

  it('ends every line with CRLF; the BOM is the file’s first character', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
    expect(toCsv(['h1', 'h2'], [['x', 'y']])).toBe('h1,h2\r\nx,y\r\n');
    expect(CSV_BOM).toBe('\ufeff');
  });

  it('makes a file name part safe on every file system', () => {
    expect(safeFileStem('staff-HMS')).toBe('staff-HMS');
    expect(safeFileStem('a/b:c')).toBe('a-b-c');
    expect(safeFileStem('../..')).toBe('export');
    expect(safeFileStem('Zoë 王')).toBe('Zoë 王');
  });
});
