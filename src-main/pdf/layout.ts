// The pieces every printed document is built from: page set-up, hospital header, headings, key/value blocks, tables
// that break across pages with their header row repeated, and footers with "Page N of M" and the print time.
//
// Text is set by our own small engine rather than pdfkit's line wrapper, because a name may mix scripts: each line is
// split into script runs and each run set in the font that has its glyphs (Noto Sans, Noto Sans Devanagari), on one
// baseline. Devanagari runs carry an ActualText span so copying or extracting the text gives the logical order
// ("शर्मा") rather than the visual order of the shaped glyphs (the reph and the i-matra move).
//
// Output is deterministic: no wall clock inside; CreationDate/ModDate come from the caller and pdfkit derives the file
// ID from the info dictionary, so the same input gives the same bytes.
import PDFDocument from 'pdfkit';
import { documentFont, type FontFace } from './fonts';
import { cleanText, scriptRuns, type ScriptRun } from './script-runs';

export type Paper = 'A4' | 'Letter';
/** A page of a size of its own, in points: a strip of till roll as long as the receipt. */
export interface PageSize {
  width: number;
  height: number;
}
/** 80 mm, the width of a thermal printer's till roll, in points. */
export const TILL_ROLL_WIDTH = (80 / 25.4) * 72;
export type Orientation = 'portrait' | 'landscape';
export type Align = 'left' | 'right' | 'center';

export interface Letterhead {
  name: string;
  address: string;
  region: string;
  phone?: string | null;
  taxNumber?: string | null;
}

/** A letterhead with the hospital's time zone: documents that print times print the hospital's wall clock. */
export interface HospitalLetterhead extends Letterhead {
  timeZone: string;
}

export interface DocumentOptions {
  paper: Paper | PageSize;
  /** Space around the page's content in points (40 unless given; a till roll has little). */
  margin?: number;
  layout?: Orientation;
  /** Document title: the PDF's Title and the footer's middle. */
  title: string;
  author?: string;
  subject?: string;
  /** When the document was made; becomes CreationDate (and ModDate unless given) and, through them, the file ID. */
  createdAt: Date;
  modifiedAt?: Date;
  /** The print time for the footer, already formatted in the hospital's time zone (readableDateTime with `offset` from @shared/domain/format). */
  printedAt: string;
  /** The word before `printedAt` in the footer: "Printed" unless the time is another (an invoice's "Issued"). */
  printedLabel?: string;
  /** Footer text after the print time, e.g. "Reprint" or the user who printed. */
  footerNote?: string;
  /**
   * Long documents (a batch of a thousand invoices): pages go out as they are finished instead of being kept until the
   * end, and footers say "Page N" without the total, which is only known at the end.
   */
  streaming?: boolean;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: string;
  align?: Align;
}

export interface TableColumn {
  header: string;
  /** Points; columns without a width share what is left by their flex (default 1). */
  width?: number;
  flex?: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
  /** One cell across the whole table (a group heading such as a room, or an invoice section); kept with the next row. */
  span?: boolean;
  /** Background of the row, e.g. '#eef1f4' for a subtotal. */
  fill?: string;
}

export interface TableOptions {
  fontSize?: number;
  /** Shade every other row. */
  zebra?: boolean;
  /** Printed as "<title> (continued)" above the repeated header row on each later page. */
  continuedTitle?: string;
  /** Shown in one cell across the table when there are no rows. */
  emptyText?: string;
}

const PAPER_POINTS: Record<Paper, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };
const MARGIN = 40;
const FOOTER_HEIGHT = 22;
const INK = '#1a1a1a';
const MUTED = '#5a5f66';
const RULE = '#9aa1a9';
const HEADER_FILL = '#e4e8ec';
const ZEBRA_FILL = '#f4f6f8';
const GROUP_FILL = '#eef1f4';
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
/** Line box and baseline as fractions of the font size: room for Devanagari's top matras and below-base marks. */
const LINE_HEIGHT = 1.36;
const ASCENT = 1.0;

const FONT_NAMES: Record<FontFace, string> = { sans: 'Sans', sansBold: 'Sans-Bold', devanagari: 'Deva', devanagariBold: 'Deva-Bold' };

function faceOf(run: ScriptRun, bold: boolean): string {
  if (run.script === 'devanagari') return FONT_NAMES[bold ? 'devanagariBold' : 'devanagari'];
  return FONT_NAMES[bold ? 'sansBold' : 'sans'];
}

/** UTF-16BE hex string with BOM, the PDF text-string form for non-Latin-1 text. */
function pdfTextString(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/**
 * Widths of text runs by face, size and text, shared by every document of the process: a width depends on nothing
 * else (the same font files, no document state), so a cached value is the value any document would measure, and the
 * bytes stay the same whatever was printed before. Bounded: emptied when full (names and amounts vary without end).
 */
const sharedWidths = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 50_000;

interface Line {
  runs: ScriptRun[];
  width: number;
}

/** A document under construction; `finish()` adds the footers and resolves the bytes. */
export class PdfDocument {
  readonly doc: PDFKit.PDFDocument;
  /** Where the next block starts (points from the top of the page). */
  y: number;
  private readonly options: DocumentOptions;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;

  constructor(options: DocumentOptions) {
    this.options = options;
    const [w, h] = typeof options.paper === 'string' ? PAPER_POINTS[options.paper] : [options.paper.width, options.paper.height];
    this.margin = options.margin ?? MARGIN;
    // A narrow page (a till roll) stacks the footer's parts instead of setting them side by side.
    this.footerHeight = w - 2 * this.margin < 300 ? FOOTER_HEIGHT + 20 : FOOTER_HEIGHT;
    const createdAt = options.createdAt;
    // Every value is defined: pdfkit hashes the info dictionary into the file ID and cannot serialise undefined.
    const info: PDFKit.DocumentInfo = {
      Title: options.title,
      Creator: 'Hospital Desk',
      Producer: 'Hospital Desk (PDFKit)',
      CreationDate: createdAt,
      ModDate: options.modifiedAt ?? createdAt,
    };
    if (options.author) info.Author = options.author;
    if (options.subject) info.Subject = options.subject;
    this.doc = new PDFDocument({
      // No starting font: pdfkit would otherwise load Helvetica's metrics for every document; we set ours below.
      font: '',
      size: [w, h],
      layout: options.layout ?? 'portrait',
      margins: { top: this.margin, bottom: this.margin, left: this.margin, right: this.margin },
      bufferPages: !options.streaming,
      autoFirstPage: true,
      compress: true,
      displayTitle: true,
      lang: 'en',
      info,
    });
    // Each face is a per-document view of a font parsed once per process (its tables shared, its glyphs its own).
    for (const face of Object.keys(FONT_NAMES) as FontFace[]) this.doc.registerFont(FONT_NAMES[face], documentFont(face) as unknown as Buffer);
    this.doc.font(FONT_NAMES.sans);
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve());
      this.doc.on('error', reject);
    });
    this.y = this.margin;
    if (options.streaming) {
      this.drawFooter(1, null);
      this.doc.on('pageAdded', () => this.drawFooter(++this.streamedPages, null));
    }
  }

  private streamedPages = 1;
  private readonly margin: number;
  private readonly footerHeight: number;

  get pageWidth(): number {
    return this.doc.page.width;
  }
  get pageHeight(): number {
    return this.doc.page.height;
  }
  get left(): number {
    return this.margin;
  }
  get right(): number {
    return this.doc.page.width - this.margin;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  /** The lowest point content may reach; below it are the footer and the margin. */
  get bottom(): number {
    return this.doc.page.height - this.margin - this.footerHeight;
  }

  /** The page height that holds what is drawn so far with the footer below it: a till-roll receipt is cut there. */
  get heightUsed(): number {
    return this.y + this.footerHeight + this.margin;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.margin;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.margin) this.newPage();
  }

  moveDown(points: number): void {
    this.y += points;
  }

  // --- Text engine -------------------------------------------------------------------------------------------------

  private runWidth(run: ScriptRun, size: number, bold: boolean): number {
    const face = faceOf(run, bold);
    const key = `${face}|${size}|${run.text}`;
    let width = sharedWidths.get(key);
    if (width === undefined) {
      width = this.doc.font(face).fontSize(size).widthOfString(run.text);
      if (sharedWidths.size >= WIDTH_CACHE_LIMIT) sharedWidths.clear();
      sharedWidths.set(key, width);
    }
    return width;
  }

  private measure(text: string, size: number, bold: boolean): number {
    let w = 0;
    for (const run of scriptRuns(text)) w += this.runWidth(run, size, bold);
    return w;
  }

  private line(text: string, size: number, bold: boolean): Line {
    const runs = scriptRuns(text);
    let width = 0;
    for (const run of runs) width += this.runWidth(run, size, bold);
    return { runs, width };
  }

  /**
   * Breaks text into lines no wider than `width`: at spaces, then after a hyphen or slash of a word too wide for the
   * line ("Ssekandi-Nsubuga-" / "Kiwanuka"), and inside a word (between graphemes) only when a part alone is too wide.
   */
  wrap(text: string, width: number, style: TextStyle = {}): Line[] {
    const size = style.size ?? 10;
    const bold = style.bold ?? false;
    const lines: Line[] = [];
    for (const paragraph of cleanText(text).split(/\r?\n/)) {
      const words = paragraph.split(/[ \u00a0]+/).filter((w) => w.length > 0);
      if (words.length === 0) {
        lines.push({ runs: [], width: 0 });
        continue;
      }
      const space = this.runWidth({ text: ' ', script: 'latin' }, size, bold);
      let current = '';
      let currentWidth = 0;
      const push = () => {
        lines.push(this.line(current, size, bold));
        current = '';
        currentWidth = 0;
      };
      for (const word of words) {
        // Lines are measured word by word (kerning across a space is nil); the drawn width is measured exactly.
        const wordWidth = this.measure(word, size, bold);
        if (current && currentWidth + space + wordWidth <= width) {
          current = `${current} ${word}`;
          currentWidth += space + wordWidth;
          continue;
        }
        if (current) push();
        if (wordWidth <= width) {
          current = word;
          currentWidth = wordWidth;
          continue;
        }
        // A word wider than the column: its parts after each hyphen or slash, as many to a line as fit.
        for (const part of word.match(/[^-‐/]+[-‐/]*|[-‐/]+/g) ?? [word]) {
          if (current && this.measure(current + part, size, bold) <= width) {
            current += part;
            currentWidth = this.measure(current, size, bold);
            continue;
          }
          if (current) push();
          if (this.measure(part, size, bold) <= width) {
            current = part;
            currentWidth = this.measure(current, size, bold);
            continue;
          }
          // A part wider than the column alone: break it between grapheme clusters (never inside a Devanagari syllable).
          for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(part)) {
            if (current && this.measure(current + segment, size, bold) > width) push();
            current += segment;
            currentWidth = this.measure(current, size, bold);
          }
        }
      }
      if (current) push();
    }
    return lines;
  }

  lineHeight(size: number): number {
    return size * LINE_HEIGHT;
  }

  /** Height of `text` wrapped to `width`. */
  heightOf(text: string, width: number, style: TextStyle = {}): number {
    return this.wrap(text, width, style).length * this.lineHeight(style.size ?? 10);
  }

  private drawLine(line: Line, x: number, top: number, width: number, style: TextStyle): void {
    const size = style.size ?? 10;
    const bold = style.bold ?? false;
    const align = style.align ?? 'left';
    let cx = align === 'right' ? x + width - line.width : align === 'center' ? x + (width - line.width) / 2 : x;
    const baseline = top + size * ASCENT;
    this.doc.fillColor(style.color ?? INK);
    for (const run of line.runs) {
      this.doc.font(faceOf(run, bold)).fontSize(size);
      const draw = () => this.doc.text(run.text, cx, baseline, { lineBreak: false, baseline: 'alphabetic' });
      if (run.script === 'devanagari') this.withActualText(run.text, draw);
      else draw();
      cx += this.runWidth(run, size, bold);
    }
  }

  /**
   * Wraps one pdfkit text call in a marked-content span whose ActualText is the logical string. The span is opened
   * inside pdfkit's q…Q around the text object, so readers place it where the glyphs are.
   */
  private withActualText(text: string, draw: () => void): void {
    const doc = this.doc;
    const addContent = doc.addContent;
    doc.addContent = (data: unknown) => {
      if (data === 'BT') addContent.call(doc, `/Span << /ActualText ${pdfTextString(text)} >> BDC`);
      addContent.call(doc, data);
      if (data === 'ET') addContent.call(doc, 'EMC');
      return doc;
    };
    try {
      draw();
    } finally {
      Reflect.deleteProperty(doc, 'addContent');
    }
  }

  /** Draws wrapped text in a box at (x, top); returns its height. Does not move `y` nor break pages. */
  textAt(text: string, x: number, top: number, width: number, style: TextStyle = {}): number {
    const lines = this.wrap(text, width, style);
    const lh = this.lineHeight(style.size ?? 10);
    lines.forEach((line, i) => this.drawLine(line, x, top + i * lh, width, style));
    return lines.length * lh;
  }

  // --- Blocks ------------------------------------------------------------------------------------------------------

  /** A paragraph across the content width, starting a new page between lines when needed. */
  paragraph(text: string, style: TextStyle = {}, spaceAfter = 4): void {
    const lh = this.lineHeight(style.size ?? 10);
    for (const line of this.wrap(text, this.contentWidth, style)) {
      this.ensureSpace(lh);
      this.drawLine(line, this.left, this.y, this.contentWidth, style);
      this.y += lh;
    }
    this.y += spaceAfter;
  }

  /** The hospital on the left, the document's title and subtitle lines on the right, a rule below. */
  header(hospital: Letterhead, title: string, subtitle: string[] = []): void {
    const gap = 16;
    const leftWidth = this.contentWidth * 0.55;
    const rightWidth = this.contentWidth - leftWidth - gap;
    const rightX = this.right - rightWidth;
    const top = this.y;

    let ly = top;
    ly += this.textAt(hospital.name, this.left, ly, leftWidth, { size: 15, bold: true });
    ly += 2;
    const contact = [hospital.phone ? `Tel. ${hospital.phone}` : '', hospital.taxNumber ? `Tax no. ${hospital.taxNumber}` : ''].filter(Boolean).join('   ');
    for (const text of [hospital.address, hospital.region, contact]) {
      if (text) ly += this.textAt(text, this.left, ly, leftWidth, { size: 9, color: MUTED });
    }

    let ry = top;
    ry += this.textAt(title, rightX, ry, rightWidth, { size: 15, bold: true, align: 'right' });
    ry += 2;
    for (const text of subtitle) ry += this.textAt(text, rightX, ry, rightWidth, { size: 9, color: MUTED, align: 'right' });

    this.y = Math.max(ly, ry) + 6;
    this.rule();
    this.y += 10;
  }

  /** A horizontal rule across the content width at `y`. */
  rule(color = RULE, weight = 0.75): void {
    this.doc.save().moveTo(this.left, this.y).lineTo(this.right, this.y).lineWidth(weight).strokeColor(color).stroke().restore();
  }

  /** A section heading, kept on the same page as at least `keepWithNext` points of what follows. */
  heading(text: string, options: { size?: number; keepWithNext?: number } = {}): void {
    const size = options.size ?? 11.5;
    const height = this.heightOf(text, this.contentWidth, { size, bold: true });
    this.ensureSpace(height + (options.keepWithNext ?? 50));
    this.y += this.textAt(text, this.left, this.y, this.contentWidth, { size, bold: true });
    this.y += 3;
  }

  /** Label/value pairs in one or two columns, labels muted. */
  keyValues(pairs: [label: string, value: string][], options: { columns?: 1 | 2; labelWidth?: number; size?: number } = {}): void {
    const columns = options.columns ?? 1;
    const size = options.size ?? 9.5;
    const gap = 16;
    const colWidth = (this.contentWidth - gap * (columns - 1)) / columns;
    const labelWidth = options.labelWidth ?? Math.min(130, colWidth * 0.4);
    const valueWidth = colWidth - labelWidth - 6;
    for (let i = 0; i < pairs.length; i += columns) {
      const row = pairs.slice(i, i + columns);
      const height = Math.max(
        ...row.map(([label, value]) => Math.max(this.heightOf(label, labelWidth, { size }), this.heightOf(value, valueWidth, { size, bold: true }))),
      );
      this.ensureSpace(height);
      row.forEach(([label, value], c) => {
        const x = this.left + c * (colWidth + gap);
        this.textAt(label, x, this.y, labelWidth, { size, color: MUTED });
        this.textAt(value, x + labelWidth + 6, this.y, valueWidth, { size, bold: true });
      });
      this.y += height + 2;
    }
    this.y += 4;
  }

  /** Column widths in points: fixed ones as given, the rest shared by flex. */
  columnWidths(columns: TableColumn[]): number[] {
    const fixed = columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
    const flexTotal = columns.reduce((sum, c) => sum + (c.width === undefined ? (c.flex ?? 1) : 0), 0);
    const spare = Math.max(0, this.contentWidth - fixed);
    return columns.map((c) => c.width ?? (spare * (c.flex ?? 1)) / flexTotal);
  }

  /**
   * A table. Cells wrap; a row is never split across pages; when the next row does not fit, the table goes on on a
   * new page under a repeated header row (and "<continuedTitle> (continued)" when given).
   */
  table(columns: TableColumn[], rows: (string[] | TableRow)[], options: TableOptions = {}): void {
    const size = options.fontSize ?? 9;
    const widths = this.columnWidths(columns);
    const lh = this.lineHeight(size);
    // A row taller than a page would never fit: cut its cells to what a page can hold.
    const maxLines = Math.max(1, Math.floor((this.bottom - this.margin - 3 * lh - 4 * CELL_PAD_Y) / lh / 2));

    const layoutRow = (cells: string[], bold: boolean, span = false) => {
      const cellWidths = span ? [this.contentWidth] : widths;
      const wrapped = cellWidths.map((width, i) => {
        const lines = this.wrap(cells[i] ?? '', width - 2 * CELL_PAD_X, { size, bold });
        if (lines.length <= maxLines) return lines;
        const kept = lines.slice(0, maxLines);
        kept[maxLines - 1] = this.line(`${kept[maxLines - 1].runs.map((r) => r.text).join('')} …`, size, bold);
        return kept;
      });
      const height = Math.max(1, ...wrapped.map((l) => l.length)) * lh + 2 * CELL_PAD_Y;
      return { wrapped, height };
    };

    const drawRow = (row: { wrapped: Line[][]; height: number }, style: { bold: boolean; fill?: string; color?: string }) => {
      if (style.fill) this.doc.save().rect(this.left, this.y, this.contentWidth, row.height).fill(style.fill).restore();
      const span = row.wrapped.length === 1 && columns.length > 1;
      let x = this.left;
      row.wrapped.forEach((lines, i) => {
        const width = span ? this.contentWidth : widths[i];
        lines.forEach((line, n) =>
          this.drawLine(line, x + CELL_PAD_X, this.y + CELL_PAD_Y + n * lh, width - 2 * CELL_PAD_X, {
            size,
            bold: style.bold,
            align: span ? 'left' : columns[i].align,
            color: style.color,
          }),
        );
        x += width;
      });
      this.y += row.height;
    };

    const head = layoutRow(
      columns.map((c) => c.header),
      true,
    );
    const drawHeader = () => {
      drawRow(head, { bold: true, fill: HEADER_FILL });
      this.rule(RULE, 0.5);
    };

    const body = rows.map((r) => (Array.isArray(r) ? { cells: r } : r));
    if (body.length === 0) {
      const empty = layoutRow([options.emptyText ?? 'None.'], false);
      this.ensureSpace(head.height + empty.height);
      drawHeader();
      this.y += this.textAt(options.emptyText ?? 'None.', this.left + CELL_PAD_X, this.y + CELL_PAD_Y, this.contentWidth - 2 * CELL_PAD_X, { size, color: MUTED });
      this.y += 2 * CELL_PAD_Y + 6;
      return;
    }

    const laidOut = body.map((r) => layoutRow(r.cells, r.bold ?? r.span ?? false, r.span));
    let stripe = 0;
    body.forEach((r, index) => {
      const row = laidOut[index];
      // A spanning group row needs the first row of its group beside it.
      const needed = row.height + (r.span && index + 1 < body.length ? laidOut[index + 1].height : 0);
      if (index === 0) {
        this.ensureSpace(head.height + needed);
        drawHeader();
      } else if (this.y + needed > this.bottom) {
        this.newPage();
        if (options.continuedTitle) {
          this.y += this.textAt(`${options.continuedTitle} (continued)`, this.left, this.y, this.contentWidth, { size: 9, bold: true, color: MUTED });
          this.y += 2;
        }
        drawHeader();
      }
      if (r.span) stripe = 0;
      const fill = r.fill ?? (r.span ? GROUP_FILL : options.zebra && stripe++ % 2 === 1 ? ZEBRA_FILL : undefined);
      drawRow(row, { bold: r.bold ?? r.span ?? false, fill });
    });
    this.rule(RULE, 0.5);
    this.y += 8;
  }

  /** Number of pages so far. */
  get pageCount(): number {
    return this.options.streaming ? this.streamedPages : this.doc.bufferedPageRange().count;
  }

  /** The footer of the current page: print time and note, the title, "Page n of total" (or "Page n"). */
  private drawFooter(page: number, total: number | null): void {
    const top = this.doc.page.height - this.margin - this.footerHeight + 8;
    const y = this.y;
    this.y = top;
    this.rule('#c9ced4', 0.5);
    this.y = y;
    const third = this.contentWidth / 3;
    const style = { size: 7.5, color: MUTED };
    const left = [`${this.options.printedLabel ?? 'Printed'} ${this.options.printedAt}`, this.options.footerNote].filter(Boolean).join(' · ');
    if (this.footerHeight > FOOTER_HEIGHT) {
      const line = this.lineHeight(style.size);
      this.textAt(left, this.left, top + 3, this.contentWidth, { ...style, align: 'center' });
      this.textAt(total === null || total > 1 ? `${this.options.title} · page ${page}${total ? ` of ${total}` : ''}` : this.options.title, this.left, top + 3 + line, this.contentWidth, { ...style, align: 'center' });
      return;
    }
    this.textAt(left, this.left, top + 3, third * 1.2, style);
    this.textAt(this.options.title, this.left + third * 1.2, top + 3, third * 0.9, { ...style, align: 'center' });
    this.textAt(total === null ? `Page ${page}` : `Page ${page} of ${total}`, this.right - third * 0.9, top + 3, third * 0.9, { ...style, align: 'right' });
  }

  private drawFooters(): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      this.drawFooter(i - start + 1, count);
    }
  }

  /** Adds the footers, ends the document and resolves its bytes and page count. */
  async finish(): Promise<{ bytes: Buffer; pages: number }> {
    const pages = this.pageCount;
    if (!this.options.streaming) this.drawFooters();
    this.doc.end();
    await this.ended;
    return { bytes: Buffer.concat(this.chunks), pages };
  }

  /** The bytes only. */
  async toBuffer(): Promise<Buffer> {
    return (await this.finish()).bytes;
  }
}

export function createDocument(options: DocumentOptions): PdfDocument {
  return new PdfDocument(options);
}
