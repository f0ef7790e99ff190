// The bed census as a printed document: today's occupants by ward (floor, then room), with the occupancy summary.
import type { Census, CensusRow, PaperSize } from '@shared/contract/wards';
import { ROOM_TYPE_LABELS } from '@shared/domain/wards';
import { readableDate, readableDateTime } from '@shared/domain/format';
import { createDocument, type Letterhead, type TableColumn, type TableRow } from './layout';

export interface CensusPrintOptions {
  paper: PaperSize;
  /** The moment of printing: shown in the footer in the hospital's time zone and stamped into the PDF's dates. */
  printedAt: Date;
  printedBy?: string;
}

const COLUMNS: TableColumn[] = [
  { header: 'Bed', width: 30 },
  { header: 'Patient no.', width: 74 },
  { header: 'Patient', flex: 1.2 },
  { header: 'Admitted', width: 82 },
  { header: 'Nights', width: 40, align: 'right' },
  { header: 'Expected discharge', width: 64 },
  { header: 'Attending doctor', flex: 1 },
];

/** Rows grouped by floor in the order they come (the census lists them by floor level, room and bed). */
function byFloor(rows: CensusRow[]): [floor: string, rows: CensusRow[]][] {
  const groups = new Map<string, CensusRow[]>();
  for (const row of rows) {
    const group = groups.get(row.floorName);
    if (group) group.push(row);
    else groups.set(row.floorName, [row]);
  }
  return [...groups];
}

function patients(n: number): string {
  return `${n} ${n === 1 ? 'patient' : 'patients'}`;
}

export async function renderCensusPdf(census: Census, hospital: Letterhead, options: CensusPrintOptions): Promise<{ bytes: Buffer; pages: number }> {
  const tz = census.timeZone;
  const day = readableDate(census.date);
  const pdf = createDocument({
    paper: options.paper,
    title: `Bed census ${day}`,
    subject: `Occupied beds of ${hospital.name} on ${day}`,
    author: hospital.name,
    createdAt: options.printedAt,
    printedAt: readableDateTime(options.printedAt, tz, { offset: true }),
    footerNote: options.printedBy ? `by ${options.printedBy}` : undefined,
  });

  pdf.header(hospital, 'Bed census', [day, `Times in ${tz}`]);

  const t = census.total;
  pdf.keyValues(
    [
      ['Occupied', `${t.occupied} of ${t.usable} usable beds (${t.percent.toFixed(1)}%)`],
      ['Reserved', String(t.reserved)],
      ['Free', String(t.free)],
      ['Cleaning', String(t.cleaning)],
      ['Out of service', String(t.outOfService)],
      ['Beds in all', String(t.beds)],
    ],
    { columns: 2, labelWidth: 80 },
  );

  if (census.rows.length === 0) {
    pdf.paragraph(`No patients were admitted on ${day}.`, { color: '#5a5f66' });
  }
  for (const [floor, rows] of byFloor(census.rows)) {
    pdf.heading(`${floor} · ${patients(rows.length)}`);
    const tableRows: TableRow[] = [];
    let room = '';
    for (const r of rows) {
      if (r.roomNumber !== room) {
        room = r.roomNumber;
        tableRows.push({ cells: [`Room ${r.roomNumber} · ${ROOM_TYPE_LABELS[r.roomType]}`], span: true });
      }
      tableRows.push({
        cells: [
          r.bedLabel,
          r.patientNumber,
          r.patientName,
          readableDateTime(r.admittedAt, tz),
          String(r.nights),
          r.expectedDischarge ? readableDate(r.expectedDischarge) : '—',
          r.attendingDoctorName,
        ],
      });
    }
    pdf.table(COLUMNS, tableRows, { continuedTitle: floor, zebra: true, fontSize: 8.5 });
  }
  return pdf.finish();
}
