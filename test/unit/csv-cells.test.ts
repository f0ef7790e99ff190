// The one CSV cell rule every export uses (main's streamed files, the renderer's few in-memory ones).
import { describe, expect, it } from 'vitest';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js/max';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { CSV_BOM, csvCell, csvLine, safeFileStem, toCsv } from '@shared/domain/csv';
import { formatPhone } from '@shared/domain/phone';
import { exportPhone } from '../../src-main/features/reports/exports.phone';

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

describe('phones in exported files', () => {
  it('are written exactly as formatPhone writes them, over every country’s numbers and their neighbours', () => {
    // Each country's example mobile, then numbers made from it: other digits after its first few, shorter and longer.
    let seed = 14;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');
    const numbers: string[] = ['+256772123456', '+919876543210', '+16175550123', '+256', '+0123', '0772123456', '+25607721234', '+1 617 555 0123', 'not a phone'];
    for (const [country, national] of Object.entries(mobileExamples as Record<string, string>)) {
      const code = getCountryCallingCode(country as CountryCode);
      for (let i = 0; i < 60; i++) {
        const keep = Math.min(national.length, i % 5);
        const length = national.length + (i % 7 === 0 ? -1 : i % 7 === 1 ? 1 : 0);
        numbers.push(`+${code}${national.slice(0, keep)}${digits(Math.max(0, length - keep))}`);
      }
      numbers.push(`+${code}${national}`);
    }
    const differ = numbers.filter((n) => exportPhone(n) !== formatPhone(n));
    expect(differ.map((n) => `${n}: ${exportPhone(n)} ≠ ${formatPhone(n)}`)).toEqual([]);
    // Twice: the second pass reads the groupings the first one kept.
    expect(numbers.filter((n) => exportPhone(n) !== formatPhone(n))).toEqual([]);
    expect(exportPhone(null)).toBe('');
    expect(exportPhone('')).toBe('');
  });
});
