// Where the PDF fonts shipped in resources/fonts are, in every way the app runs; read and parsed once per process.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import PDFDocument from 'pdfkit';

/** The faces every document registers: Noto Sans for Latin, Greek and Cyrillic; Noto Sans Devanagari for Hindi, Marathi… */
export const FONT_FILES = {
  sans: 'NotoSans-Regular.ttf',
  sansBold: 'NotoSans-Bold.ttf',
  devanagari: 'NotoSansDevanagari-Regular.ttf',
  devanagariBold: 'NotoSansDevanagari-Bold.ttf',
} as const;
export type FontFace = keyof typeof FONT_FILES;

export interface FontPlaces {
  /** The folder of the running module: src-main/pdf under vitest, out/main or out/main/chunks when built. */
  moduleDir: string;
  /** Electron's process.resourcesPath in a packaged app (resources/fonts copied there as extra resources). */
  resourcesPath?: string;
  /** An explicit folder wins over everything (HMS_FONTS_DIR). */
  override?: string;
  cwd?: string;
}

/** The folders to try, most specific first. */
export function fontDirCandidates(places: FontPlaces): string[] {
  const dirs = [
    places.override,
    // src-main/pdf → repo root; out/main/x.js → repo root (or app.asar root when packaged with resources/ inside).
    resolve(places.moduleDir, '../../resources/fonts'),
    // out/main/chunks/x.js, where the bundler puts modules shared by several entries.
    resolve(places.moduleDir, '../../../resources/fonts'),
    places.resourcesPath ? join(places.resourcesPath, 'fonts') : undefined,
    places.resourcesPath ? join(places.resourcesPath, 'resources/fonts') : undefined,
    places.cwd ? resolve(places.cwd, 'resources/fonts') : undefined,
  ];
  return [...new Set(dirs.filter((d): d is string => !!d))];
}

/** The first candidate that holds every font file; throws naming the folders tried. */
export function findFontsDir(candidates: string[], exists: (path: string) => boolean = existsSync): string {
  const found = candidates.find((dir) => Object.values(FONT_FILES).every((file) => exists(join(dir, file))));
  if (!found) throw new Error(`PDF fonts not found (${Object.values(FONT_FILES).join(', ')}); looked in: ${candidates.join('; ')}`);
  return found;
}

/** A font as pdfkit's registerFont takes it. */
export type FontSource = NonNullable<Parameters<PDFKit.PDFDocument['registerFont']>[1]>;

export interface LoadedFonts {
  dir: string;
  bytes: Record<FontFace, Buffer>;
  /**
   * What documents register: the fontkit font objects parsed once (pdfkit 0.20 accepts them as a font source), so a
   * document does not re-parse ~1.5 MB of font tables; the bytes when they cannot be had.
   */
  sources: Record<FontFace, FontSource>;
}

let cached: LoadedFonts | undefined;

/**
 * Parses a font through pdfkit and hands back the fontkit object inside (pdfkit keeps it on its private `_font.font`;
 * fontkit is not a dependency of ours). Undefined when a pdfkit upgrade moves it: the caller falls back to the bytes.
 */
function parsedFont(bytes: Buffer): FontSource | undefined {
  const scratch = new PDFDocument({ autoFirstPage: false });
  scratch.registerFont('probe', bytes).font('probe');
  const font = (scratch as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  return typeof font?.layout === 'function' ? (font as unknown as FontSource) : undefined;
}

/** The font files of this installation, read and parsed once per process. */
export function loadFonts(): LoadedFonts {
  if (cached) return cached;
  const dir = findFontsDir(
    fontDirCandidates({
      moduleDir: __dirname,
      resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
      override: process.env.HMS_FONTS_DIR,
      cwd: process.cwd(),
    }),
  );
  const faces = Object.keys(FONT_FILES) as FontFace[];
  const bytes = Object.fromEntries(faces.map((face) => [face, readFileSync(join(dir, FONT_FILES[face]))])) as Record<FontFace, Buffer>;
  const sources = Object.fromEntries(faces.map((face) => [face, parsedFont(bytes[face]) ?? bytes[face]])) as Record<FontFace, FontSource>;
  cached = { dir, bytes, sources };
  return cached;
}
