// Printed documents, read back with poppler: the layout pieces (fonts, scripts, page breaks, footers, paper) and the
// bed census.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Census, CensusRow } from '@shared/contract/wards';
import { renderCensusPdf } from '../../src-main/pdf/census.pdf';
import { FONT_FILES, findFontsDir, fontDirCandidates, loadFonts } from '../../src-main/pdf/fonts';
import { readableDate, readableDateTime } from '@shared/domain/format';
import { createDocument, type DocumentOptions, type Letterhead } from '../../src-main/pdf/layout';
import { scriptRuns } from '../../src-main/pdf/script-runs';
import { pdfInfo, pdfPages, pdfPng, pdfText } from '../support/pdf';

const KAMPALA: Letterhead = {
  name: 'Mulago Hill Hospital',
  address: 'Plot 12, Upper Mulago Hill Road',
  region: 'Kampala, Uganda',
  phone: '+256 414 123 456',
  taxNumber: 'TIN 1000234567',
};
const PRINTED_AT = new Date('2026-03-14T06:30:00Z');

function row(over: Partial<CensusRow>): CensusRow {
  return {
    floorName: 'Ground floor',
    roomNumber: '101',
    roomType: 'general_ward',
    bedLabel: 'A',
    stayId: 1,
    patientNumber: 'KLA/000001',
    patientName: 'Nakato Ssebunya',
    admittedAt: '2026-03-10T08:15:00Z',
    expectedDischarge: '2026-03-18',
    attendingDoctorName: 'Dr. Okello Mugisha',
    nights: 4,
    ...over,
  };
}

function census(rows: CensusRow[]): Census {
  return {
    hospitalId: 1,
    hospitalName: KAMPALA.name,
    date: '2026-03-14',
    timeZone: 'Africa/Kampala',
    rows,
    total: { beds: 24, usable: 22, occupied: rows.length, reserved: 2, free: 17 - rows.length + 3, cleaning: 1, outOfService: 2, percent: Math.round((rows.length / 22) * 1000) / 10 },
  };
}

const WARD_ROWS: CensusRow[] = [
  row({}),
  row({ bedLabel: 'B', stayId: 2, patientNumber: 'KLA/000002', patientName: 'Łukasz Wójcik', attendingDoctorName: 'Dr. Zoë Brontë', nights: 1, expectedDischarge: null }),
  row({ roomNumber: '102', roomType: 'private', stayId: 3, patientNumber: 'KLA/000003', patientName: 'Иван Петров', admittedAt: '2026-03-13T22:30:00Z', nights: 1 }),
  row({ floorName: 'First floor', roomNumber: '201', roomType: 'icu', stayId: 4, patientNumber: 'KLA/000004', patientName: 'अनन्या शर्मा', nights: 12, admittedAt: '2026-03-02T11:00:00Z', attendingDoctorName: 'Dr. प्रिया किशोर' }),
  row({ floorName: 'First floor', roomNumber: '202', roomType: 'isolation', stayId: 5, patientNumber: 'KLA/000005', patientName: 'Amara Nwosu-Ekwueme', nights: 0, admittedAt: '2026-03-14T05:00:00Z' }),
];

/** Page text with the runs of spaces pdftotext -layout puts between columns squeezed to one. */
function squeeze(text: string): string {
  return text.replace(/[ \t]+/g, ' ');
}

function docOptions(over: Partial<DocumentOptions> = {}): DocumentOptions {
  return { paper: 'A4', title: 'Test document', createdAt: PRINTED_AT, printedAt: '14 Mar 2026 09:30 (UTC+03:00)', ...over };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fonts shipped in resources/fonts', () => {
  const repo = resolve(__dirname, '../..');

  it('are found from the source folder, the built main process, a bundled chunk and a packaged app', () => {
    const candidates = (moduleDir: string, resourcesPath?: string) => fontDirCandidates({ moduleDir, resourcesPath });
    expect(candidates(join(repo, 'src-main/pdf'))[0]).toBe(join(repo, 'resources/fonts'));
    expect(candidates(join(repo, 'out/main'))[0]).toBe(join(repo, 'resources/fonts'));
    expect(candidates(join(repo, 'out/main/chunks'))).toContain(join(repo, 'resources/fonts'));
    expect(candidates('/opt/Hospital Desk/resources/app.asar/out/main', '/opt/Hospital Desk/resources')).toContain('/opt/Hospital Desk/resources/fonts');

    const installed = new Set(Object.values(FONT_FILES).map((f) => join('/opt/Hospital Desk/resources/fonts', f)));
    expect(findFontsDir(candidates('/opt/Hospital Desk/resources/app.asar/out/main', '/opt/Hospital Desk/resources'), (p) => installed.has(p))).toBe(
      '/opt/Hospital Desk/resources/fonts',
    );
    expect(findFontsDir(candidates(join(repo, 'out/main/chunks')))).toBe(join(repo, 'resources/fonts'));
  });

  it('refuses a folder missing one face, naming the folders it tried', () => {
    const partial = new Set([join('/x/fonts', FONT_FILES.sans)]);
    expect(() => findFontsDir(['/x/fonts', '/y/fonts'], (p) => partial.has(p))).toThrow(/looked in: \/x\/fonts; \/y\/fonts/);
  });

  it('ships the OFL licence with the fonts', () => {
    const { dir } = loadFonts();
    expect(existsSync(join(dir, 'OFL.txt'))).toBe(true);
    for (const file of Object.values(FONT_FILES)) expect(statSync(join(dir, file)).size).toBeGreaterThan(100_000);
  });
});

describe('text in any script', () => {
  it('splits a string into script runs, spaces staying with their neighbours', () => {
    expect(scriptRuns('Dr. प्रिया किशोर (ICU)')).toEqual([
      { text: 'Dr. ', script: 'latin' },
      { text: 'प्रिया किशोर', script: 'devanagari' },
      { text: ' (ICU)', script: 'latin' },
    ]);
    expect(scriptRuns('Иван Петров')).toEqual([{ text: 'Иван Петров', script: 'latin' }]);
  });

  it('prints Latin with diacritics, Cyrillic and Devanagari names as written', async () => {
    const names = ['Nakato Ssebunya', 'Łukasz Wójcik', 'Zoë Brontë', 'Иван Петров', 'अनन्या शर्मा', 'प्रिया किशोर', 'क्षत्रिय हिन्दी', 'Dr. प्रिया किशोर (ICU)'];
    const pdf = createDocument(docOptions());
    pdf.table([{ header: 'Name' }, { header: 'Again, bold', width: 200 }], names.map((n) => ({ cells: [n, n], bold: false })));
    for (const n of names) pdf.paragraph(n, { bold: true });
    const { bytes } = await pdf.finish();
    const plain = pdfText(bytes, false);
    const layout = pdfText(bytes, true);
    for (const n of names) {
      expect(plain).toContain(n);
      expect(layout).toContain(n);
    }
    // A name typed with combining accents (NFD) prints as the precomposed letters.
    const nfd = createDocument(docOptions());
    nfd.paragraph('Łukasz Wójcik'.normalize('NFD'));
    expect(pdfText(await nfd.toBuffer())).toContain('Łukasz Wójcik');
    pdfPng(bytes, 'scripts');
  });

  it('reads back whole in a document printed after others with Cyrillic and accented names (no state shared between documents)', async () => {
    for (const name of ['Иван Петров', 'Łukasz Wójcik']) {
      const before = createDocument(docOptions());
      before.paragraph(name, { bold: true });
      await before.toBuffer();
    }
    const pdf = createDocument(docOptions());
    pdf.paragraph('Mulago Hill Hospital, Kampala', { bold: true });
    pdf.paragraph('Ivan Petrov, Lukasz Wojcik');
    const text = pdfText(await pdf.toBuffer());
    expect(text).toContain('Mulago Hill Hospital, Kampala');
    expect(text).toContain('Ivan Petrov, Lukasz Wojcik');
  });
});

describe('layout pieces', () => {
  it('breaks a long table across pages, repeating the header row, with "Page N of M" footers and the print time', async () => {
    const pdf = createDocument(docOptions({ title: 'Long list' }));
    pdf.header(KAMPALA, 'Long list', ['120 rows']);
    const rows = Array.from({ length: 120 }, (_, i) => [`Item ${String(i + 1).padStart(3, '0')}`, `Описание ${i + 1}`, `${(i + 1) * 100}.00`]);
    pdf.table([{ header: 'Item code', width: 90 }, { header: 'Description' }, { header: 'Amount', width: 80, align: 'right' }], rows, { continuedTitle: 'Items', zebra: true });
    const { bytes, pages } = await pdf.finish();
    expect(pages).toBeGreaterThanOrEqual(3);
    const texts = pdfPages(bytes);
    expect(texts).toHaveLength(pages);
    texts.forEach((page, i) => {
      expect(squeeze(page)).toMatch(/Item code Description Amount/);
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(page).toContain('Printed 14 Mar 2026 09:30 (UTC+03:00)');
    });
    expect(texts[1]).toContain('Items (continued)');
    const all = texts.join('\n');
    for (const [code] of rows) expect(all.split(code).length - 1).toBe(1);
    expect(squeeze(all)).toContain('Item 120 Описание 120 12000.00');
    // The header sits on the first page only; the rows run on in order.
    expect(texts[0]).toContain('Mulago Hill Hospital');
    expect(texts[1]).not.toContain('Mulago Hill Hospital');
    expect(texts[0].indexOf('Item 001')).toBeLessThan(texts[0].indexOf('Item 002'));
    pdfPng(bytes, 'long-table-page-2', 2);
  });

  it('wraps long cells and never splits a row between pages', async () => {
    const pdf = createDocument(docOptions());
    const long = 'Chronic obstructive pulmonary disease with acute exacerbation, requiring oxygen and nebulised bronchodilators';
    const rows = Array.from({ length: 40 }, (_, i) => [`R${i + 1}`, `${long} (${i + 1})`]);
    pdf.table([{ header: 'Row', width: 40 }, { header: 'Reason', width: 160 }], rows);
    const { bytes, pages } = await pdf.finish();
    expect(pages).toBeGreaterThan(1);
    const texts = pdfPages(bytes, false);
    for (let i = 1; i <= 40; i++) {
      const page = texts.findIndex((t) => new RegExp(`\\bR${i}\\b`).test(t));
      // The end of the row's wrapped reason is on the page of its first cell.
      expect(texts[page]).toContain(`bronchodilators (${i})`);
    }
  });

  it('prints on A4 and US Letter, portrait and landscape', async () => {
    const render = async (paper: 'A4' | 'Letter', layout: 'portrait' | 'landscape') => {
      const pdf = createDocument(docOptions({ paper, layout, title: `Rota ${paper} ${layout}` }));
      pdf.header(KAMPALA, 'Duty rota', ['Week 11']);
      pdf.table(
        Array.from({ length: 8 }, (_, i) => ({ header: i === 0 ? 'Nurse' : `Day ${i}` })),
        [['Nakato Ssebunya', 'Early', 'Early', 'Late', 'Off', 'Night', 'Night', 'Off']],
      );
      return pdfInfo(await pdf.toBuffer());
    };
    expect(await render('A4', 'portrait')).toMatchObject({ width: 595.28, height: 841.89, pages: 1, title: 'Rota A4 portrait' });
    expect(await render('Letter', 'portrait')).toMatchObject({ width: 612, height: 792 });
    expect(await render('A4', 'landscape')).toMatchObject({ width: 841.89, height: 595.28 });
    expect(await render('Letter', 'landscape')).toMatchObject({ width: 792, height: 612 });
  });

  it('prints key/value blocks with labels and values side by side', async () => {
    const pdf = createDocument(docOptions());
    pdf.keyValues(
      [
        ['Patient', 'Łukasz Wójcik'],
        ['Ward', 'First floor'],
      ],
      { columns: 2 },
    );
    expect(squeeze(pdfText(await pdf.toBuffer()))).toMatch(/Patient Łukasz Wójcik Ward First floor/);
  });

  it('gives the same bytes for the same input, whatever the wall clock says', async () => {
    const render = () => renderCensusPdf(census(WARD_ROWS), KAMPALA, { paper: 'A4', printedAt: PRINTED_AT });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = await render();
    vi.setSystemTime(new Date('2031-06-15T12:34:56Z'));
    // Other documents printed in between (other scripts, bold) leave nothing behind that changes a reprint.
    const between = createDocument(docOptions());
    between.paragraph('Иван Петров · Łukasz Wójcik · अनन्या शर्मा', { bold: true });
    await between.toBuffer();
    const second = await render();
    vi.useRealTimers();
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const info = pdfInfo(first.bytes);
    expect(info.fields.CreationDate).toMatch(/2026/);
    // Another print time is another document (dates and file ID change).
    const later = await renderCensusPdf(census(WARD_ROWS), KAMPALA, { paper: 'A4', printedAt: new Date('2026-03-14T07:00:00Z') });
    expect(later.bytes.equals(first.bytes)).toBe(false);
    const id = (b: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(b.toString('latin1'))?.[1];
    expect(id(first.bytes)).toBe(id(second.bytes));
    expect(id(later.bytes)).not.toBe(id(first.bytes));
  });
});

describe('the bed census', () => {
  it('lists every patient by ward with numbers, dates in the hospital time zone and the occupancy summary', async () => {
    const { bytes, pages } = await renderCensusPdf(census(WARD_ROWS), KAMPALA, { paper: 'A4', printedAt: PRINTED_AT, printedBy: 'Sarah Achieng' });
    expect(pages).toBe(1);
    const text = pdfText(bytes);
    const flat = squeeze(text);
    expect(flat).toContain('Mulago Hill Hospital');
    expect(flat).toContain('Tax no. TIN 1000234567');
    expect(flat).toContain('Bed census');
    expect(flat).toContain('14 Mar 2026');
    expect(flat).toContain('Occupied 5 of 22 usable beds (22.7%)');
    expect(flat).toMatch(/Reserved 2/);
    expect(flat).toMatch(/Out of service 2/);
    for (const r of WARD_ROWS) {
      expect(text).toContain(r.patientName);
      expect(text).toContain(r.patientNumber);
      expect(text).toContain(r.attendingDoctorName);
    }
    // Floors in order with their counts; each floor's rooms under it.
    expect(flat.indexOf('Ground floor · 3 patients')).toBeGreaterThan(-1);
    expect(flat.indexOf('First floor · 2 patients')).toBeGreaterThan(flat.indexOf('KLA/000003'));
    expect(flat.indexOf('KLA/000004')).toBeGreaterThan(flat.indexOf('First floor · 2 patients'));
    // Admitted 22:30 UTC on the 13th is 01:30 on the 14th in Kampala; a missing expected discharge shows a dash.
    expect(flat).toMatch(/Room 101 · General ward\s+A KLA\/000001 Nakato Ssebunya 10 Mar 2026 11:15 4 18 Mar 2026 Dr. Okello Mugisha/);
    expect(flat).toMatch(/B KLA\/000002 Łukasz Wójcik 10 Mar 2026 11:15 1 — Dr. Zoë Brontë/);
    expect(flat).toMatch(/Room 102 · Private\s+A KLA\/000003 Иван Петров 14 Mar 2026 01:30 1 18 Mar 2026/);
    expect(flat).toMatch(/Room 201 · ICU\s+A KLA\/000004 अनन्या शर्मा 2 Mar 2026 14:00 12 18 Mar 2026 Dr. प्रिया किशोर/);
    expect(flat).toContain('Printed 14 Mar 2026 09:30 (UTC+03:00) · by Sarah Achieng');
    expect(flat).toContain('Page 1 of 1');
    pdfPng(bytes, 'census');
  });

  it('runs onto more pages for a big hospital, each with the column headings and the floor named', async () => {
    const rows = Array.from({ length: 150 }, (_, i) =>
      row({ floorName: i < 70 ? 'Ground floor' : 'First floor', roomNumber: String(100 + Math.floor(i / 4)), bedLabel: 'ABCD'[i % 4], stayId: i + 1, patientNumber: `KLA/${String(i + 1).padStart(6, '0')}` }),
    );
    const { bytes, pages } = await renderCensusPdf(census(rows), KAMPALA, { paper: 'Letter', printedAt: PRINTED_AT });
    const texts = pdfPages(bytes);
    expect(texts).toHaveLength(pages);
    expect(pages).toBeGreaterThanOrEqual(4);
    texts.forEach((page, i) => {
      expect(squeeze(page)).toContain('Bed Patient no. Patient Admitted Nights');
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
    });
    const all = texts.join('\n');
    for (const r of rows) expect(all).toContain(r.patientNumber);
    expect(all).toContain('Ground floor (continued)');
    expect(pdfInfo(bytes)).toMatchObject({ width: 612, height: 792 });
  });

  it('says so when nobody is admitted', async () => {
    const { bytes } = await renderCensusPdf(census([]), KAMPALA, { paper: 'A4', printedAt: PRINTED_AT });
    expect(squeeze(pdfText(bytes))).toContain('No patients were admitted on 14 Mar 2026.');
  });
});

describe('printed dates', () => {
  it('are unambiguous and in the given time zone', () => {
    expect(readableDate('2026-09-04')).toBe('4 Sep 2026');
    expect(readableDateTime('2026-03-13T22:30:00Z', 'Africa/Kampala')).toBe('14 Mar 2026 01:30');
    expect(readableDateTime('2026-03-13T22:30:00Z', 'America/New_York')).toBe('13 Mar 2026 18:30');
    expect(readableDateTime(new Date('2026-07-01T12:00:00Z'), 'Asia/Kolkata', { offset: true })).toBe('1 Jul 2026 17:30 (UTC+05:30)');
  });
});
