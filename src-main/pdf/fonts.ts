// Where the PDF fonts shipped in resources/fonts are, in every way the app runs; their bytes read once per process.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

export interface LoadedFonts {
  dir: string;
  /**
   * Each document parses these itself. Sharing parsed fontkit objects between documents was measured 35% faster but
   * corrupted text extraction: fontkit caches glyph objects with the code points of their first use, and pdfkit builds
   * each document's ToUnicode map from them, so a later document lost letters ("Hos ital") to pdftotext.
   */
  bytes: Record<FontFace, Buffer>;
}

let cached: LoadedFonts | undefined;

/** The font files of this installation, read once per process. */
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
  cached = { dir, bytes };
  return cached;
}
