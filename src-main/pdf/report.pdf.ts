// A report on paper: the letterhead, the report's title with its period, hospitals and department, a bar chart where
// the report has one, then every table of the report exactly as `reportTables` describes it (the CSV export and the
// screens show the same tables).
import type { ReportHead, ReportOutputs } from '@shared/contract/reports';
import { readableDate, readableDateTime } from '@shared/domain/format';
import { cellText, REPORTS, reportTables, type ReportChannel, type ReportRow, type ReportTable } from '@shared/domain/reports';
import { createDocument, type Letterhead, type PdfDocument, type TableColumn } from './layout';

const BAR_COLORS = ['#2f6fb0', '#8db8e3', '#e0a84a', '#c0504d', '#8c9196'];
const MUTED = '#5a5f66';
const AXIS = '#9aa1a9';

/** Labels of the chart's value columns, from the table's headers. */
function seriesOf(table: ReportTable, values: string[]): { key: string; header: string }[] {
  return values.map((key) => ({ key, header: table.columns.find((c) => c.key === key)?.header ?? key }));
}

const num = (v: ReportRow[string]): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);

/** A bar chart drawn with pdfkit: vertical bars over time (a date label), horizontal bars for categories. */
export function drawBarChart(pdf: PdfDocument, table: ReportTable, chart: { label: string; values: string[]; title: string }): void {
  const series = seriesOf(table, chart.values);
  const labelColumn = table.columns.find((c) => c.key === chart.label);
  const labelOf = (r: ReportRow) => {
    const v = r[chart.label];
    if (labelColumn?.kind === 'date' && typeof v === 'string') return readableDate(v);
    const base = String(v ?? '');
    // Chain reports: the same department name at two hospitals reads apart.
    return 'hospitalName' in r && new Set(table.rows.map((x) => x.hospitalName)).size > 1 ? `${base} (${String(r.hospitalName)})` : base;
  };
  const rows = table.rows;
  if (!rows.some((r) => chart.values.some((k) => num(r[k]) > 0))) return;
  const total = (r: ReportRow) => chart.values.reduce((s, k) => s + num(r[k]), 0);
  const stacked = chart.values.length > 1 && !chart.values.includes('contractedHours');
  const peak = niceCeiling(Math.max(1, ...rows.map((r) => (stacked ? total(r) : Math.max(...chart.values.map((k) => num(r[k])))))));
  const doc = pdf.doc;

  pdf.heading(chart.title, { keepWithNext: 170 });
  // Legend.
  let lx = pdf.left;
  series.forEach((s, i) => {
    doc.save().rect(lx, pdf.y + 2, 8, 8).fill(BAR_COLORS[i % BAR_COLORS.length]).restore();
    pdf.textAt(s.header, lx + 11, pdf.y, 120, { size: 8, color: MUTED });
    lx += 16 + Math.min(120, s.header.length * 4.6 + 6);
  });
  pdf.moveDown(22);

  const vertical = labelColumn?.kind === 'date';
  if (vertical) {
    const height = 130;
    const labelRoom = 14;
    pdf.ensureSpace(height + labelRoom + 8);
    const top = pdf.y;
    const axisX = pdf.left + 34;
    const width = pdf.right - axisX;
    const slot = width / rows.length;
    const barWidth = Math.max(0.8, Math.min(28, slot * 0.75));
    // Grid lines and the value scale.
    for (let i = 0; i <= 4; i++) {
      const y = top + height - (height * i) / 4;
      doc.save().moveTo(axisX, y).lineTo(pdf.right, y).lineWidth(0.3).strokeColor(i === 0 ? AXIS : '#e1e5e9').stroke().restore();
      pdf.textAt(formatTick((peak * i) / 4), pdf.left, y - 5, 30, { size: 6.5, color: MUTED, align: 'right' });
    }
    rows.forEach((r, i) => {
      let base = top + height;
      const x = axisX + i * slot + (slot - barWidth) / 2;
      chart.values.forEach((k, si) => {
        const h = (num(r[k]) / peak) * height;
        if (h > 0) doc.save().rect(x, base - h, barWidth, h).fill(BAR_COLORS[si % BAR_COLORS.length]).restore();
        base -= h;
      });
    });
    // At most ~12 labels under the axis.
    const every = Math.max(1, Math.ceil(rows.length / 12));
    rows.forEach((r, i) => {
      if (i % every !== 0) return;
      const cx = axisX + i * slot + slot / 2;
      pdf.textAt(shortDate(String(r[chart.label] ?? '')), cx - 30, top + height + 3, 60, { size: 6.5, color: MUTED, align: 'center' });
    });
    pdf.y = top + height + labelRoom + 10;
    return;
  }

  // The table's own order (age bands stay in age order); the 20 largest when there are more.
  const shown = rows.length <= 20 ? rows : [...rows].sort((a, b) => total(b) - total(a)).slice(0, 20);
  const barHeight = 11;
  const gap = 4;
  const labelWidth = 150;
  const valueWidth = 44;
  const axisX = pdf.left + labelWidth + 6;
  const width = pdf.right - axisX - valueWidth;
  for (const r of shown) {
    const groups = stacked ? [chart.values] : chart.values.map((k) => [k]);
    const rowHeight = groups.length * barHeight + gap;
    pdf.ensureSpace(rowHeight);
    pdf.textAt(labelOf(r), pdf.left, pdf.y + (groups.length * barHeight - 10) / 2, labelWidth, { size: 8, align: 'right' });
    groups.forEach((keys, gi) => {
      let x = axisX;
      const y = pdf.y + gi * barHeight;
      keys.forEach((k) => {
        const si = chart.values.indexOf(k);
        const w = (num(r[k]) / peak) * width;
        if (w > 0) doc.save().rect(x, y + 1, w, barHeight - 2).fill(BAR_COLORS[si % BAR_COLORS.length]).restore();
        x += w;
      });
      const value = keys.reduce((s, k) => s + num(r[k]), 0);
      pdf.textAt(formatTick(value), x + 3, y + 1, valueWidth, { size: 7, color: MUTED });
    });
    pdf.y += rowHeight;
  }
  if (rows.length > shown.length) pdf.paragraph(`The ${shown.length} largest of ${rows.length} shown; the table below has them all.`, { size: 7.5, color: MUTED });
  pdf.moveDown(8);
}

/** The top of the value axis: four equal steps of 1, 2, 2.5 or 5 × a power of ten. */
export function niceCeiling(peak: number): number {
  const step = peak / 4;
  const power = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= step - 1e-9) ?? 10 * power;
  return peak <= 4 ? 4 : nice * 4;
}

function formatTick(v: number): string {
  if (v >= 10_000) return `${Math.round(v / 1000).toLocaleString('en')}k`;
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toLocaleString('en', { maximumFractionDigits: 1 });
}

function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m) - 1] ?? m;
  return d === '01' ? `${month} ${y.slice(2)}` : `${Number(d)} ${month}`;
}

/** The line naming the period, the hospitals and the department under the title. */
export function filterLines(head: ReportHead, departmentName: string | null): string[] {
  const zones = new Set(head.hospitals.map((h) => h.timeZone));
  const lines = [`${readableDate(head.from)} – ${readableDate(head.to)}${zones.size > 1 ? " (each hospital's local days)" : ''}`];
  lines.push(head.hospitals.length === 1 ? head.hospitals[0].name : `${head.hospitals.length} hospitals: ${head.hospitals.map((h) => h.name).join(', ')}`);
  if (departmentName) lines.push(`Department: ${departmentName}`);
  const currencies = [...new Set(head.hospitals.map((h) => h.currency))];
  if (currencies.length > 1) lines.push(`Amounts in ${currencies.join(', ')}, never converted`);
  return lines;
}

export async function renderReportPdf<K extends ReportChannel>(
  report: K,
  output: ReportOutputs[K],
  letterhead: Letterhead,
  options: { printedAt: Date; timeZone: string; departmentName: string | null; printedBy?: string },
): Promise<{ bytes: Buffer; pages: number }> {
  const meta = REPORTS[report];
  const tables = reportTables(report, output);
  const pdf = createDocument({
    paper: 'A4',
    // Landscape always: the charts get their width, wide tables their columns, the footer its title on one line.
    layout: 'landscape',
    title: `${meta.title}, ${readableDate(output.from)} – ${readableDate(output.to)}`,
    author: letterhead.name,
    subject: meta.description,
    createdAt: options.printedAt,
    printedAt: readableDateTime(options.printedAt, options.timeZone, { offset: true }),
    footerNote: options.printedBy ? `by ${options.printedBy}` : undefined,
  });
  pdf.header(letterhead, meta.title, filterLines(output, options.departmentName));
  pdf.paragraph(meta.description, { size: 8.5, color: MUTED }, 8);

  if (meta.chart) {
    const table = tables.find((t) => t.key === meta.chart!.table);
    if (table) drawBarChart(pdf, table, meta.chart);
  }

  for (const table of tables) {
    const numeric = (kind: string) => kind !== 'text' && kind !== 'date';
    const columns: TableColumn[] = table.columns.map((c) => ({
      header: c.header,
      align: numeric(c.kind) ? 'right' : 'left',
      ...(table.columns.length > 20 ? (c.kind === 'text' ? { width: 62 } : {}) : c.kind === 'text' ? { flex: 1.6 } : { flex: 1 }),
    }));
    pdf.heading(table.title);
    pdf.table(
      columns,
      table.rows.map((r) => ({ cells: table.columns.map((c) => cellText(table, c, r)), bold: r.hospitalName === 'All' })),
      { fontSize: table.columns.length > 20 ? 6.5 : 8, zebra: true, continuedTitle: table.title, emptyText: 'Nothing in this period.' },
    );
  }
  return pdf.finish();
}
