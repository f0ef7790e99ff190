// Reads PDFs back for tests with poppler-utils: text (pdftotext), page facts (pdfinfo), first-page PNG (pdftoppm).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A PDF as bytes, or as the base64 the channels answer with (`pdfBase64`). */
export type Pdf = Buffer | string;

function withFile<T>(pdf: Pdf, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hms-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, typeof pdf === 'string' ? Buffer.from(pdf, 'base64') : pdf);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${command} did not run (${r.error.message}); install poppler-utils`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** The text of every page, pages split on form feed. `-layout` keeps table rows on one line. */
export function pdfPages(bytes: Pdf, layout = true): string[] {
  const text = withFile(bytes, (path) => run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', path, '-']));
  return text.split('\f').slice(0, -1);
}

export function pdfText(bytes: Pdf, layout = true): string {
  return pdfPages(bytes, layout).join('\n');
}

export interface PdfInfo {
  pages: number;
  /** Width × height of the first page in points. */
  width: number;
  height: number;
  title: string;
  fields: Record<string, string>;
}

export function pdfInfo(bytes: Pdf): PdfInfo {
  const out = withFile(bytes, (path) => run('pdfinfo', [path]));
  const fields = Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  const size = /([\d.]+) x ([\d.]+) pts/.exec(fields['Page size'] ?? '');
  return { pages: Number(fields.Pages), width: Number(size?.[1]), height: Number(size?.[2]), title: fields.Title ?? '', fields };
}

/** Renders page `page` to test-artifacts/pdf/<name>.png at `dpi` and returns the file's path. */
export function pdfPng(bytes: Pdf, name: string, page = 1, dpi = 60): string {
  const dir = resolve(__dirname, '../../test-artifacts/pdf');
  mkdirSync(dir, { recursive: true });
  const prefix = join(dir, name);
  withFile(bytes, (path) => run('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', path, prefix]));
  return `${prefix}.png`;
}
