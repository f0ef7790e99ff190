// Throughput of the bed census PDF: N one-page documents (default 1,000) into buffers; prints time and peak RSS.
// Run: npx tsx --tsconfig tsconfig.node.json test/bench/census-pdf.measure.mts   (N=200 for a quicker look)
import { renderCensusPdf } from '../../src-main/pdf/census.pdf';
import type { Census, CensusRow } from '../../src-shared/contract/wards';
const names = ['Nakato Ssebunya', 'Łukasz Wójcik', 'Иван Петров', 'अनन्या शर्मा', 'Amara Nwosu'];
const rows: CensusRow[] = Array.from({ length: 20 }, (_, i) => ({
  floorName: i < 10 ? 'Ground floor' : 'First floor', roomNumber: String(100 + Math.floor(i / 4)), roomType: 'general_ward', bedLabel: 'ABCD'[i % 4],
  stayId: i, patientNumber: `KLA/${String(i).padStart(6, '0')}`, patientName: names[i % 5], admittedAt: '2026-03-10T08:15:00Z',
  expectedDischarge: '2026-03-18', attendingDoctorName: 'Dr. Okello Mugisha', nights: 4,
}));
const census: Census = { hospitalId: 1, hospitalName: 'H', date: '2026-03-14', timeZone: 'Africa/Kampala', rows, total: { beds: 30, usable: 28, occupied: 20, reserved: 1, free: 6, cleaning: 1, outOfService: 2, percent: 71.4 } };
const hospital = { name: 'Mulago Hill Hospital', address: 'Plot 12', region: 'Kampala, Uganda', phone: '+256 414 123 456', taxNumber: 'TIN 1' };
let peak = 0;
const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
const first = await renderCensusPdf(census, hospital, { paper: 'A4', printedAt: new Date('2026-03-14T06:30:00Z') });
console.log('pages', first.pages, 'bytes', first.bytes.length);
const base = process.memoryUsage().rss; console.log('rss after first doc', (base/1048576).toFixed(0), 'MB');
const t0 = performance.now();
let total = 0;
for (let i = 0; i < (Number(process.env.N) || 1000); i++) {
  const r = await renderCensusPdf(census, hospital, { paper: 'A4', printedAt: new Date(Date.UTC(2026, 2, 14, 6, 30, i)) });
  total += r.bytes.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
const ms = performance.now() - t0;
clearInterval(timer);
console.log(`${Number(process.env.N) || 1000} docs: ${(ms / 1000).toFixed(2)} s, ${(ms / (Number(process.env.N) || 1000)).toFixed(2)} ms each, ${(total / (Number(process.env.N) || 1000) / 1024).toFixed(1)} KB each, peak RSS ${(Math.max(peak, process.memoryUsage().rss) / 1048576).toFixed(0)} MB`);
