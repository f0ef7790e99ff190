// Where the PDF fonts shipped in resources/fonts are, in every way the app runs; their bytes read once per process.
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

export interface LoadedFonts {
  dir: string;
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

/** The parts of a fontkit font this module touches. */
interface FontkitFont {
  _glyphs: Record<number, unknown>;
  _cmapProcessor: unknown;
  _variationProcessor?: unknown;
  directory: { tables: Record<string, unknown> };
  layout: (...args: unknown[]) => unknown;
  createSubset: () => TtfSubset;
}

/** fontkit's TrueType subset while it encodes: the glyphs' bytes, offsets and horizontal metrics, in subset order. */
interface TtfSubset {
  _addGlyph: (gid: number) => number;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
}

/** A simple (not composite) glyph as a subset copies it: its outline bytes verbatim and its advance and bearing. */
interface SimpleGlyph {
  buffer: Uint8Array;
  advance: number;
  bearing: number;
}

/** Simple glyphs by face and glyph id, shared by all documents: they depend on the font file only. */
const simpleGlyphs: Partial<Record<FontFace, Map<number, SimpleGlyph>>> = {};

let parsed: Record<FontFace, FontkitFont> | undefined;

/**
 * The fonts parsed once per process, by pdfkit's own fontkit (a throwaway document opens each face; nothing is drawn).
 * Never handed to a document themselves: see documentFont.
 */
function parsedFonts(): Record<FontFace, FontkitFont> {
  if (parsed) return parsed;
  const { bytes } = loadFonts();
  const doc = new PDFDocument({ font: '', autoFirstPage: false });
  const faces = Object.keys(FONT_FILES) as FontFace[];
  parsed = Object.fromEntries(
    faces.map((face) => {
      doc.font(bytes[face]);
      const font = (doc as unknown as { _font: { font: FontkitFont } })._font.font;
      // Parsed on the shared font itself (tables and the character map are the same for every document).
      void font._cmapProcessor;
      return [face, font];
    }),
  ) as Record<FontFace, FontkitFont>;
  return parsed;
}

/**
 * A font for one document: a view of the process's parsed font that shares its tables (cmap, hmtx, GSUB, GPOS, glyf:
 * parsed once) but has its own glyph cache and layout engine (fontkit makes both lazily on the object asking).
 *
 * Why not the parsed font itself: fontkit caches glyph objects with the code points of their first use, and pdfkit
 * builds each document's ToUnicode map from them, so a document would depend on what was printed before it (one lost
 * letters, "Hos ital", to pdftotext) and a reprint might not be byte-identical. A fresh glyph cache per document makes
 * every document exactly what it was when each parsed the font itself.
 */
export function documentFont(face: FontFace): FontkitFont {
  const base = parsedFonts()[face];
  const font = Object.create(base, { _glyphs: { value: {}, writable: true, configurable: true, enumerable: true } }) as FontkitFont;
  if (!base.directory.tables.glyf || base._variationProcessor) return font;
  const known = (simpleGlyphs[face] ??= new Map<number, SimpleGlyph>());
  // Embedding subsets the font at the document's end, decoding every glyph it uses to copy its outline and metrics.
  // A simple glyph's copy is the same bytes in every document, so it is decoded once per process; a composite glyph
  // names its parts by their place in this document's subset and is always made afresh by fontkit.
  font.createSubset = function createSubset(this: FontkitFont): TtfSubset {
    const subset = base.createSubset.call(this);
    const addGlyph = subset._addGlyph;
    subset._addGlyph = function cachedAddGlyph(this: TtfSubset, gid: number): number {
      const glyph = known.get(gid);
      if (!glyph) {
        const index = addGlyph.call(this, gid);
        const buffer = this.glyf[index];
        const composite = buffer.length >= 2 && ((buffer[0] << 8) | buffer[1]) & 0x8000;
        if (!composite) known.set(gid, { buffer, advance: this.hmtx.metrics[index].advance, bearing: this.hmtx.metrics[index].bearing });
        return index;
      }
      this.glyf.push(glyph.buffer);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance: glyph.advance, bearing: glyph.bearing });
      this.offset += glyph.buffer.length;
      return this.glyf.length - 1;
    };
    return subset;
  };
  return font;
}
