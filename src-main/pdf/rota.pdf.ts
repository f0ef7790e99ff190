// The week rota of a department for the ward notice board: landscape, staff × days with each shift's code and hours,
// leave marked, the day's coverage gaps below, and a legend of the shift types.
import type { PaperSize } from '@shared/contract/wards';
import type { Rota } from '@shared/contract/shifts';
import { STAFF_ROLE_LABELS } from '@shared/domain/scheduling';
import { hoursText, LEAVE_LABELS } from '@shared/domain/shifts';
import { readableDate, readableDateTime } from '@shared/domain/format';
import { createDocument, type Letterhead, type TableColumn, type TableRow } from './layout';

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export async function renderRotaPdf(rota: Rota, hospital: Letterhead, options: { paper: PaperSize; printedAt: Date }): Promise<{ bytes: Buffer; pages: number }> {
  const tz = rota.timeZone;
  const week = `${readableDate(rota.days[0])} – ${readableDate(rota.days[6])}`;
  const pdf = createDocument({
    paper: options.paper,
    layout: 'landscape',
    title: `Rota ${rota.department.name}, week of ${readableDate(rota.weekStart)}`,
    author: hospital.name,
    createdAt: options.printedAt,
    printedAt: readableDateTime(options.printedAt, tz, { offset: true }),
  });
  pdf.header(hospital, `Rota · ${rota.department.name}`, [week, `Times in ${tz}`]);
  pdf.paragraph(rota.shiftTypes.map((t) => `${t.code} = ${t.name} ${t.start}–${t.end}${t.crossesMidnight ? ' (+1)' : ''}`).join('    '), { size: 8.5, color: '#5a5f66' });

  const columns: TableColumn[] = [
    { header: 'Staff', flex: 1.7 },
    { header: 'Role', width: 62 },
    ...rota.days.map((d, i) => ({ header: `${WEEKDAY[i]} ${Number(d.slice(8, 10))}`, flex: 1, align: 'center' as const })),
    { header: 'Hours', width: 44, align: 'right' as const },
  ];
  const codes = new Map(rota.shiftTypes.map((t) => [t.id, t]));
  const rows: TableRow[] = rota.staff.map((p) => {
    const cells = rota.days.map((d) => {
      const leave = p.leave.find((l) => l.date === d);
      const mine = rota.assignments.filter((a) => a.staffId === p.id && a.date === d);
      const shifts = mine.map((a) => {
        const t = codes.get(a.shiftTypeId);
        return t ? `${t.code} ${t.start}–${t.end}` : a.shiftCode;
      });
      return [...shifts, ...(leave ? [LEAVE_LABELS[leave.kind]] : [])].join('\n');
    });
    const minutes = rota.assignments.filter((a) => a.staffId === p.id).reduce((n, a) => n + a.minutes, 0);
    return { cells: [p.name, STAFF_ROLE_LABELS[p.staffRole], ...cells, hoursText(minutes)] };
  });
  pdf.table(columns, rows, { fontSize: 8, zebra: true, continuedTitle: `${rota.department.name}, ${week}`, emptyText: 'Nobody works in this department this week.' });

  const gaps = rota.coverage.filter((c) => c.gap > 0);
  pdf.moveDown(6);
  pdf.paragraph(
    gaps.length === 0
      ? `Coverage: every minimum is met. Department hours this week: ${hoursText(rota.departmentMinutes)}.`
      : `Coverage gaps: ${gaps.map((g) => `${WEEKDAY[rota.days.indexOf(g.date)]} ${codes.get(g.shiftTypeId)?.code ?? ''} ${STAFF_ROLE_LABELS[g.staffRole].toLowerCase()} ${g.assigned}/${g.required}`).join(', ')}. Department hours this week: ${hoursText(rota.departmentMinutes)}.`,
    { size: 8.5 },
  );
  return pdf.finish();
}
