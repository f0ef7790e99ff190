// Pharmacy on MariaDB: the medicine list per hospital, deliveries in batches with expiry dates, adjustments with a
// reason, dispensing against real prescriptions (first expiry first out, expired batches never, partial dispensing,
// never below zero, one charge per dispensing), the stock at a glance, hospital scope and roles, and 20 pharmacists
// dispensing the last units of one medicine at once. Prescriptions come through the real channels: a booked and
// checked-in appointment, its encounter, a prescription. The clock stands on Monday 1 March 2027, 09:00 in Kampala,
// and moves to later days only in the last block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

let app: TestApp;
let pharmacist: Desk;
let nurse: Desk;
let cashier: Desk;
let desk: Desk;
let puneId: number;
/** Per hospital: the doctor's desk and staff id, and the next free slot. */
const clinics = new Map<number, { doc: Desk; doctorId: number; slot: number }>();

type Item = Output<'pharmacy.createItem'>;

/** Kampala wall-clock time (UTC+3). */
const kla = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`);
const TODAY = '2027-03-01';

async function clinic(hospitalId: number): Promise<void> {
  const hr = await app.signedIn(['hr'], { hospitalIds: [hospitalId] });
  const doc = await app.signedIn(['doctor'], { hospitalIds: [hospitalId] });
  // 06:00–23:00 local every day in 15-minute slots: Kampala's 10:00 (07:00 UTC) and after are free slots in both zones.
  const d = await doctor(hr, hospitalId, { userId: doc.userId, slotMinutes: 15, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '06:00', end: '23:00', slotMinutes: 15 })) });
  clinics.set(hospitalId, { doc, doctorId: d.id, slot: 0 });
}

/** A new patient seen today: booked, checked in, an encounter opened by the doctor. */
async function encounter(hospitalId = app.hospitalId, over: Parameters<typeof patient>[2] = {}): Promise<{ id: number; patientId: number }> {
  const c = clinics.get(hospitalId)!;
  // Pune's patients have Indian phone numbers.
  const p = await patient(desk, hospitalId, hospitalId === puneId ? { phone: `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, ...over } : over);
  const start = new Date(Date.parse('2027-03-01T07:00:00.000Z') + 15 * 60_000 * c.slot++).toISOString();
  const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: c.doctorId, start });
  await desk.ok('appointments.checkIn', { id: a.id });
  const e = await c.doc.ok('encounters.open', { appointmentId: a.id });
  return { id: e.id, patientId: p.id };
}

/** A prescription of `quantity` units of the item, on a new encounter unless one is given. */
async function prescribe(item: Item, quantity: number, onEncounter?: { id: number }): Promise<Output<'prescriptions.get'>> {
  const c = clinics.get(item.hospitalId)!;
  const e = onEncounter ?? (await encounter(item.hospitalId));
  const after = await c.doc.ok('prescriptions.create', { encounterId: e.id, itemId: item.id, dose: 1, doseUnit: 'unit', route: 'oral', frequency: 'tds', durationDays: 5, quantity });
  return after.prescriptions.reduce((a, b) => (b.id > a.id ? b : a));
}

let serial = 0;
async function item(over: Partial<Input<'pharmacy.createItem'>> = {}): Promise<Item> {
  serial++;
  return pharmacist.ok('pharmacy.createItem', {
    hospitalId: app.hospitalId,
    name: `Medicine ${String(serial).padStart(3, '0')}`,
    strength: '500 mg',
    form: 'capsule',
    activeIngredient: null,
    unitPrice: 1_500,
    taxRateBp: 0,
    reorderLevel: 0,
    ...over,
  });
}

const receive = (itemId: number, batchNumber: string, expiryDate: string, quantity: number, by: Desk = pharmacist) => by.ok('pharmacy.receive', { itemId, batchNumber, expiryDate, quantity, supplier: 'Quality Chemicals Ltd' });

/** The medicine's batches as stored, by id, and its on_hand column. */
async function shelf(itemId: number): Promise<{ batches: Record<string, number>; onHandColumn: number }> {
  const rows = await app.db.sql<{ batch_number: string; quantity: number }>('SELECT batch_number, quantity FROM stock_batches WHERE item_id = ? ORDER BY id', [itemId]);
  const [m] = await app.db.sql<{ on_hand: number }>('SELECT on_hand FROM medicine_items WHERE id = ?', [itemId]);
  return { batches: Object.fromEntries(rows.map((r) => [r.batch_number, Number(r.quantity)])), onHandColumn: Number(m.on_hand) };
}

const chargesOf = (dispensingIds: number[]) =>
  app.db.sql<{ source_id: number; category: string; description: string; quantity: number; unit_price: number; amount: number; currency: string; tax_rate_bp: number; service_date: string }>(
    `SELECT source_id, category, description, quantity, unit_price, amount, currency, tax_rate_bp, service_date FROM charges WHERE source_type = 'dispensing' AND source_id IN (${dispensingIds.map(() => '?').join(',') || 'NULL'}) ORDER BY source_id`,
    dispensingIds,
  );

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(kla(TODAY, '09:00'));
  puneId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
  pharmacist = await app.signedIn(['pharmacist']);
  nurse = await app.signedIn(['nurse']);
  cashier = await app.signedIn(['billing'], { allHospitals: true });
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  await clinic(app.hospitalId);
  await clinic(puneId);
});
afterAll(async () => app?.close());

describe('the medicine list', () => {
  it('keeps medicines per hospital with a label, the currency and tax; name, strength and form are unique together', async () => {
    const amox = await pharmacist.ok('pharmacy.createItem', { hospitalId: app.hospitalId, name: 'Amoxicillin', strength: '500 mg', form: 'capsule', activeIngredient: 'amoxicillin trihydrate', unitPrice: 800, reorderLevel: 50 });
    expect(amox).toMatchObject({ label: 'Amoxicillin 500 mg capsule', currency: 'UGX', taxRateBp: 1800, onHand: 0, expiredOnHand: 0, low: true, nextExpiry: null, active: true, version: 1 });
    const taken = await pharmacist.fails('pharmacy.createItem', { hospitalId: app.hospitalId, name: 'Amoxicillin', strength: '500 mg', form: 'capsule', unitPrice: 1 }, 'CONFLICT');
    expect(taken.fields).toEqual({ name: "Amoxicillin 500 mg capsule is already on this hospital's medicine list." });
    // Another strength, another form, the same name at another hospital: all fine.
    await pharmacist.ok('pharmacy.createItem', { hospitalId: app.hospitalId, name: 'Amoxicillin', strength: '250 mg/5 ml', form: 'suspension', unitPrice: 5_000 });
    await app.admin.ok('pharmacy.createItem', { hospitalId: puneId, name: 'Amoxicillin', strength: '500 mg', form: 'capsule', unitPrice: 900 });
    const noStrength = await pharmacist.ok('pharmacy.createItem', { hospitalId: app.hospitalId, name: 'Calamine', form: 'cream', unitPrice: 3_000, taxRateBp: 0 });
    expect(noStrength).toMatchObject({ label: 'Calamine cream', strength: null, taxRateBp: 0 });
    await pharmacist.fails('pharmacy.createItem', { hospitalId: app.hospitalId, name: 'Calamine', strength: null, form: 'cream', unitPrice: 1 }, 'CONFLICT');
  });

  it('edits a medicine with its version; a stale version or a taken name is refused', async () => {
    const m = await item({ name: 'Ibuprofen', strength: '200 mg', form: 'tablet' });
    const edited = await pharmacist.ok('pharmacy.updateItem', { id: m.id, version: m.version, unitPrice: 250, reorderLevel: 100, activeIngredient: 'ibuprofen' });
    expect(edited).toMatchObject({ unitPrice: 250, reorderLevel: 100, activeIngredient: 'ibuprofen', version: 2 });
    await pharmacist.fails('pharmacy.updateItem', { id: m.id, version: 1, unitPrice: 300 }, 'CONFLICT');
    await item({ name: 'Ibuprofen', strength: '400 mg', form: 'tablet' });
    expect((await pharmacist.fails('pharmacy.updateItem', { id: m.id, version: 2, strength: '400 mg' }, 'CONFLICT')).fields).toEqual({ name: "Ibuprofen 400 mg tablet is already on this hospital's medicine list." });
    const [row] = await app.db.sql<{ action: string; changes: string }>("SELECT action, changes FROM audit_log WHERE entity = 'medicine_item' AND entity_id = ? ORDER BY id DESC LIMIT 1", [String(m.id)]);
    expect(row.action).toBe('pharmacy.updateItem');
    expect(JSON.parse(row.changes)).toMatchObject({ unitPrice: [1500, 250], reorderLevel: [0, 100] });
    // A medicine out of use receives no stock and leaves the list unless asked for.
    const old = await item({ name: 'Chloroquine', strength: '250 mg', form: 'tablet' });
    await pharmacist.ok('pharmacy.updateItem', { id: old.id, version: 1, active: false });
    expect((await pharmacist.fails('pharmacy.receive', { itemId: old.id, batchNumber: 'CQ-1', expiryDate: '2027-12-31', quantity: 10 }, 'CONFLICT')).message).toBe(
      'Chloroquine 250 mg tablet is no longer in use; make it active again before receiving stock.',
    );
    expect((await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, query: 'chloroquine' })).items).toEqual([]);
    expect((await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, query: 'chloroquine', includeInactive: true })).items.map((i) => [i.label, i.active])).toEqual([['Chloroquine 250 mg tablet', false]]);
  });

  it('lists by name a page at a time, searches names and active ingredients, and lists low stock only', async () => {
    const doxyCaps = await item({ name: 'Doxycycline', strength: '100 mg', form: 'capsule', activeIngredient: 'doxycycline hyclate' });
    const doxyTabs = await item({ name: 'Doxycycline', strength: '50 mg', form: 'tablet', activeIngredient: 'doxycycline hyclate' });
    const folic = await item({ name: 'Folic acid', strength: '5 mg', form: 'tablet', reorderLevel: 100 });
    const p1 = await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, limit: 2 });
    expect(p1.items).toHaveLength(2);
    const all = [...p1.items];
    for (let cursor = p1.nextCursor; cursor; ) {
      const next = await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, limit: 2, cursor });
      all.push(...next.items);
      cursor = next.nextCursor;
    }
    // By name, then in the order they were added; this hospital's only, each once.
    const order = [...all].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    expect(all.map((i) => i.id)).toEqual(order.map((i) => i.id));
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(all.every((i) => i.hospitalId === app.hospitalId)).toBe(true);
    expect(all.map((i) => i.id)).toEqual(expect.arrayContaining([doxyCaps.id, doxyTabs.id, folic.id]));
    // Words of the name or of the active ingredient.
    expect((await nurse.ok('pharmacy.items', { hospitalId: app.hospitalId, query: 'hyclate' })).items.map((i) => i.label)).toEqual(['Doxycycline 100 mg capsule', 'Doxycycline 50 mg tablet']);
    expect((await nurse.ok('pharmacy.items', { hospitalId: app.hospitalId, query: 'doxy' })).items.map((i) => i.id)).toEqual([doxyCaps.id, doxyTabs.id]);
    expect((await nurse.ok('pharmacy.items', { hospitalId: app.hospitalId, query: 'folic' })).items.map((i) => i.id)).toEqual([folic.id]);
    // Folic acid: 30 tablets against a reorder level of 100 is low; 150 is not.
    await receive(folic.id, 'FA-1', '2028-01-31', 30);
    expect((await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, lowOnly: true })).items.map((i) => i.id)).toContain(folic.id);
    await receive(folic.id, 'FA-2', '2028-02-28', 120);
    const low = (await pharmacist.ok('pharmacy.items', { hospitalId: app.hospitalId, lowOnly: true })).items;
    expect(low.map((i) => i.id)).not.toContain(folic.id);
    expect(low.every((i) => i.low && i.onHand <= i.reorderLevel)).toBe(true);
    await pharmacist.fails('pharmacy.items', { hospitalId: app.hospitalId, cursor: 'bm90IGEgbWFya2Vy' }, 'VALIDATION');
  });
});

describe('receiving and adjusting stock', () => {
  it('receives a batch with its expiry and supplier, records a receipt movement by name, and refuses expired stock and a batch number twice', async () => {
    const m = await item({ name: 'Metformin', strength: '500 mg', form: 'tablet' });
    const b = await receive(m.id, 'MF-2027-01', '2027-11-30', 200);
    expect(b).toMatchObject({ itemId: m.id, itemLabel: 'Metformin 500 mg tablet', batchNumber: 'MF-2027-01', expiryDate: '2027-11-30', supplier: 'Quality Chemicals Ltd', receivedQuantity: 200, quantity: 200, expired: false });
    expect((await pharmacist.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-2027-01', expiryDate: '2028-01-31', quantity: 5 }, 'CONFLICT')).fields).toEqual({ batchNumber: 'Batch MF-2027-01 of Metformin 500 mg tablet was already received.' });
    // Expiring today is expired already (hospital-local day); yesterday too.
    expect((await pharmacist.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-X', expiryDate: TODAY, quantity: 5 }, 'VALIDATION')).fields?.expiryDate).toMatch(/after today \(1 Mar 2027\)/);
    await pharmacist.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-Y', expiryDate: '2027-02-28', quantity: 5 }, 'VALIDATION');
    await pharmacist.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-Z', expiryDate: '2027-12-31', quantity: 0 }, 'VALIDATION');
    // Only pharmacists keep stock.
    await nurse.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-N', expiryDate: '2027-12-31', quantity: 5 }, 'FORBIDDEN');
    await app.admin.fails('pharmacy.receive', { itemId: m.id, batchNumber: 'MF-N', expiryDate: '2027-12-31', quantity: 5 }, 'FORBIDDEN');
    const view = await nurse.ok('pharmacy.item', { id: m.id });
    expect(view.item).toMatchObject({ onHand: 200, nextExpiry: '2027-11-30' });
    expect(view.movements.map((x) => [x.kind, x.batchNumber, x.quantity, x.byName])).toEqual([['receipt', 'MF-2027-01', 200, expect.stringMatching(/^Test pharmacist\d+$/)]]);
    const audited = await app.db.sql<{ entity: string }>("SELECT entity FROM audit_log WHERE action = 'pharmacy.receive' AND entity_id IN (?, ?) ORDER BY id", [String(b.id), String(m.id)]);
    expect(audited.map((a) => a.entity)).toEqual(['stock_batch', 'medicine_item']);
  });

  it('adjusts a batch with a reason: write-offs down, count corrections up, never below zero (naming what is left)', async () => {
    const m = await item({ name: 'Salbutamol', strength: '100 mcg', form: 'inhaler' });
    const b = await receive(m.id, 'SB-1', '2027-10-31', 10);
    expect(await pharmacist.ok('pharmacy.adjust', { batchId: b.id, quantity: -3, reason: 'damaged', note: 'Cracked canisters' })).toMatchObject({ quantity: 7, receivedQuantity: 10 });
    expect(await pharmacist.ok('pharmacy.adjust', { batchId: b.id, quantity: 2, reason: 'count_correction' })).toMatchObject({ quantity: 9 });
    const refused = await pharmacist.fails('pharmacy.adjust', { batchId: b.id, quantity: -10, reason: 'lost' }, 'CONFLICT');
    expect(refused.message).toBe('Batch SB-1 of Salbutamol 100 mcg inhaler holds only 9 inhalers: 10 inhalers cannot be taken off.');
    expect(refused.details).toEqual({ quantity: 9 });
    // Units are added only by a count correction or a return; zero is no adjustment.
    expect((await pharmacist.fails('pharmacy.adjust', { batchId: b.id, quantity: 4, reason: 'damaged' }, 'VALIDATION')).fields?.reason).toBe('Only a count correction adds units.');
    await pharmacist.fails('pharmacy.adjust', { batchId: b.id, quantity: 0, reason: 'count_correction' }, 'VALIDATION');
    await nurse.fails('pharmacy.adjust', { batchId: b.id, quantity: -1, reason: 'lost' }, 'FORBIDDEN');
    expect(await pharmacist.ok('pharmacy.adjust', { batchId: b.id, quantity: -9, reason: 'expired' })).toMatchObject({ quantity: 0 });
    const view = await pharmacist.ok('pharmacy.item', { id: m.id });
    expect(view.item.onHand).toBe(0);
    expect(view.batches).toEqual([]);
    expect(view.movements.map((x) => [x.kind, x.quantity, x.reason, x.note])).toEqual([
      ['adjustment', -9, 'expired', null],
      ['adjustment', 2, 'count_correction', null],
      ['adjustment', -3, 'damaged', 'Cracked canisters'],
      ['receipt', 10, null, null],
    ]);
    expect(await shelf(m.id)).toEqual({ batches: { 'SB-1': 0 }, onHandColumn: 0 });
  });
});

describe('dispensing', () => {
  it('takes the batch that expires first, across batches, one movement per batch, one charge for the dispensing', async () => {
    const m = await item({ name: 'Paracetamol', strength: '500 mg', form: 'tablet', unitPrice: 200, taxRateBp: 1800 });
    await receive(m.id, 'PC-LATE', '2028-01-31', 10);
    await receive(m.id, 'PC-MID', '2027-09-30', 5);
    await receive(m.id, 'PC-SOON', '2027-06-30', 3);
    const rx = await prescribe(m, 6);
    expect(rx).toMatchObject({ status: 'active', dispensedQuantity: 0, quantity: 6 });
    const d = await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 6 });
    expect(d.batches.map((b) => [b.batchNumber, b.expiryDate, b.quantity])).toEqual([
      ['PC-SOON', '2027-06-30', 3],
      ['PC-MID', '2027-09-30', 3],
    ]);
    expect(d).toMatchObject({ prescriptionId: rx.id, itemId: m.id, quantity: 6 });
    expect(d.prescription).toMatchObject({ id: rx.id, status: 'dispensed', dispensedQuantity: 6 });
    expect(await shelf(m.id)).toEqual({ batches: { 'PC-LATE': 10, 'PC-MID': 2, 'PC-SOON': 0 }, onHandColumn: 12 });
    const view = await pharmacist.ok('pharmacy.item', { id: m.id });
    expect(view.item).toMatchObject({ onHand: 12, nextExpiry: '2027-09-30' });
    expect(view.movements.filter((x) => x.kind === 'dispense').map((x) => [x.batchNumber, x.quantity, x.prescriptionId])).toEqual([
      ['PC-MID', -3, rx.id],
      ['PC-SOON', -3, rx.id],
    ]);
    // One charge: 6 × 200 with the medicine's tax, in the hospital's currency, on the local day.
    expect(await chargesOf([d.id])).toEqual([
      { source_id: d.id, category: 'medicine', description: 'Paracetamol 500 mg tablet', quantity: 6, unit_price: 200, amount: 1_200, currency: 'UGX', tax_rate_bp: 1800, service_date: TODAY },
    ]);
    expect(d.chargeId).toBe(Number((await app.db.sql<{ id: number }>("SELECT id FROM charges WHERE source_type = 'dispensing' AND source_id = ?", [d.id]))[0].id));
    // The dispensing names its charge; the answer's prescription is the one `prescriptions.get` reads now.
    expect(Number((await app.db.sql<{ charge_id: number }>('SELECT charge_id FROM dispensings WHERE id = ?', [d.id]))[0].charge_id)).toBe(d.chargeId);
    expect(d.prescription).toEqual(await pharmacist.ok('prescriptions.get', { id: rx.id }));
    expect(d.prescription.dispensings).toEqual([{ id: d.id, quantity: 6, dispensedAt: d.dispensedAt, dispensedByName: expect.any(String) }]);
    const unbilled = await cashier.ok('charges.unbilled', { patientId: rx.patientId });
    expect(unbilled.items.filter((c) => c.category === 'medicine').map((c) => [c.description, c.amount])).toEqual([['Paracetamol 500 mg tablet', 1_200]]);
    const audited = await app.db.sql<{ entity: string; entity_id: string }>("SELECT entity, entity_id FROM audit_log WHERE action = 'pharmacy.dispense' ORDER BY id DESC LIMIT 6");
    expect(audited.map((a) => a.entity).sort()).toEqual(['charge', 'dispensing', 'medicine_item', 'prescription', 'stock_batch', 'stock_batch']);
  });

  it('dispenses a part and the rest later: status, dispensed quantity, a charge per dispensing; never more than is left to dispense', async () => {
    const m = await item({ name: 'Amlodipine', strength: '5 mg', form: 'tablet', unitPrice: 350 });
    await receive(m.id, 'AM-1', '2027-12-31', 100);
    const rx = await prescribe(m, 30);
    const first = await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 10 });
    expect(first.prescription).toMatchObject({ status: 'partially_dispensed', dispensedQuantity: 10 });
    const tooMany = await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 21 }, 'VALIDATION');
    expect(tooMany.fields?.quantity).toBe('Only 20 tablets are left to dispense on this prescription (30 prescribed, 10 dispensed).');
    const rest = await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 20 });
    expect(rest.prescription).toMatchObject({ status: 'dispensed', dispensedQuantity: 30 });
    expect(rest.prescription.dispensings.map((x) => [x.id, x.quantity])).toEqual([
      [first.id, 10],
      [rest.id, 20],
    ]);
    expect(first.prescription.dispensings.map((x) => x.id)).toEqual([first.id]);
    expect(rest.prescription).toEqual(await pharmacist.ok('prescriptions.get', { id: rx.id }));
    expect((await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 1 }, 'CONFLICT')).message).toBe('The prescription of Amlodipine 5 mg tablet was already dispensed in full.');
    expect((await chargesOf([first.id, rest.id])).map((c) => [c.quantity, Number(c.amount)])).toEqual([
      [10, 3_500],
      [20, 7_000],
    ]);
    expect(await shelf(m.id)).toEqual({ batches: { 'AM-1': 70 }, onHandColumn: 70 });
  });

  it('never dispenses more than is in stock: the refusal names the stock left and nothing changes', async () => {
    const m = await item({ name: 'Ciprofloxacin', strength: '500 mg', form: 'tablet' });
    await receive(m.id, 'CF-1', '2027-08-31', 4);
    const rx = await prescribe(m, 10);
    const refused = await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 10 }, 'CONFLICT');
    expect(refused.message).toBe('Only 4 tablets of Ciprofloxacin 500 mg in stock.');
    expect(refused.details).toEqual({ onHand: 4, expiredOnHand: 0 });
    expect(await shelf(m.id)).toEqual({ batches: { 'CF-1': 4 }, onHandColumn: 4 });
    expect(await app.db.sql("SELECT id FROM dispensings WHERE prescription_id = ?", [rx.id])).toEqual([]);
    // What there is can go now, the rest once a delivery comes.
    await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 4 });
    expect((await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 1 }, 'CONFLICT')).message).toBe('Out of stock: 0 tablets of Ciprofloxacin 500 mg left.');
    await receive(m.id, 'CF-2', '2027-12-31', 50);
    expect((await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 6 })).prescription.status).toBe('dispensed');
  });

  it('refuses a cancelled prescription, a doctor or a nurse dispensing, and what is not there', async () => {
    const m = await item({ name: 'Omeprazole', strength: '20 mg', form: 'capsule' });
    await receive(m.id, 'OM-1', '2027-12-31', 50);
    const rx = await prescribe(m, 14);
    const doc = clinics.get(app.hospitalId)!.doc;
    await doc.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 14 }, 'FORBIDDEN');
    await nurse.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 14 }, 'FORBIDDEN');
    await doc.ok('prescriptions.cancel', { id: rx.id, reason: 'Changed to another medicine' });
    expect((await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 14 }, 'CONFLICT')).message).toBe('The prescription of Omeprazole 20 mg capsule was cancelled; it cannot be dispensed.');
    await pharmacist.fails('pharmacy.dispense', { prescriptionId: 999_999, quantity: 1 }, 'NOT_FOUND');
    await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 0 }, 'VALIDATION');
    // Doctors read the list they prescribe from.
    expect((await doc.ok('pharmacy.item', { id: m.id })).item.onHand).toBe(50);
  });
});

describe('hospital scope', () => {
  it("refuses another hospital's medicines, batches and prescriptions by id, and its lists", async () => {
    const pune = await app.admin.ok('pharmacy.createItem', { hospitalId: puneId, name: 'Azithromycin', strength: '500 mg', form: 'tablet', unitPrice: 12_00 });
    expect(pune).toMatchObject({ currency: 'INR', taxRateBp: 1200 });
    const punePharmacist = await app.signedIn(['pharmacist'], { hospitalIds: [puneId] });
    const batch = await receive(pune.id, 'AZ-1', '2027-12-31', 30, punePharmacist);
    const rx = await prescribe(pune, 3);
    await pharmacist.fails('pharmacy.createItem', { hospitalId: puneId, name: 'X', form: 'tablet', unitPrice: 1 }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.updateItem', { id: pune.id, version: 1, unitPrice: 1 }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.item', { id: pune.id }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.receive', { itemId: pune.id, batchNumber: 'AZ-2', expiryDate: '2027-12-31', quantity: 1 }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.adjust', { batchId: batch.id, quantity: -1, reason: 'lost' }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 3 }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.items', { hospitalId: puneId }, 'FORBIDDEN');
    await pharmacist.fails('pharmacy.stock', { hospitalId: puneId }, 'FORBIDDEN');
    expect(await shelf(pune.id)).toEqual({ batches: { 'AZ-1': 30 }, onHandColumn: 30 });
    // Pune's own pharmacist dispenses it, charged in rupees on Pune's day.
    const d = await punePharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 3 });
    expect((await chargesOf([d.id])).map((c) => [c.currency, Number(c.amount), c.tax_rate_bp])).toEqual([['INR', 36_00, 1200]]);
  });
});

describe('twenty pharmacists at once', () => {
  it('dispense the last units of one medicine: stock never below zero, what was dispensed is what left the shelf, every refusal names the stock left', async () => {
    const m = await item({ name: 'Artemether-lumefantrine', strength: '20/120 mg', form: 'tablet', unitPrice: 600 });
    await receive(m.id, 'AL-1', '2027-05-31', 9);
    await receive(m.id, 'AL-2', '2027-07-31', 8);
    const desks = await Promise.all(Array.from({ length: 20 }, () => app.signedIn(['pharmacist'])));
    const e = await encounter();
    const asked = Array.from({ length: 20 }, (_, i) => 1 + (i % 4));
    const rxs: Output<'prescriptions.get'>[] = [];
    for (const q of asked) rxs.push(await prescribe(m, q, e));
    const results = await Promise.all(desks.map((d, i) => d.call('pharmacy.dispense', { prescriptionId: rxs[i].id, quantity: asked[i] })));

    const done = results.flatMap((r) => (r.ok ? [r.data] : []));
    const refused = results.flatMap((r, i) => (r.ok ? [] : [{ error: r.error, asked: asked[i] }]));
    expect(refused.every((r) => r.error.code === 'CONFLICT')).toBe(true);
    const dispensed = done.reduce((n, d) => n + d.quantity, 0);
    const after = await shelf(m.id);
    const left = after.batches['AL-1'] + after.batches['AL-2'];
    expect(Object.values(after.batches).every((q) => q >= 0)).toBe(true);
    expect(dispensed + left).toBe(17);
    expect(after.onHandColumn).toBe(left);
    expect(dispensed).toBeGreaterThan(0);
    // Whoever was refused asked for more than there was at that moment, and was told how much that was.
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      const { onHand } = r.error.details as { onHand: number };
      expect(onHand).toBeLessThan(r.asked);
      expect(onHand).toBeGreaterThanOrEqual(left);
      expect(r.error.message).toBe(onHand === 0 ? 'Out of stock: 0 tablets of Artemether-lumefantrine 20/120 mg left.' : `Only ${onHand} tablet${onHand === 1 ? '' : 's'} of Artemether-lumefantrine 20/120 mg in stock.`);
    }
    // The movements add up to what was dispensed; one charge per dispensing with the right amount.
    const [moved] = await app.db.sql<{ n: number | string }>("SELECT -SUM(quantity) AS n FROM stock_movements WHERE item_id = ? AND kind = 'dispense'", [m.id]);
    expect(Number(moved.n ?? 0)).toBe(dispensed);
    const charges = await chargesOf(done.map((d) => d.id));
    expect(charges.map((c) => [Number(c.source_id), Number(c.amount)])).toEqual(done.map((d) => [d.id, d.quantity * 600]).sort((a, b) => a[0] - b[0]));
  });
});

describe('eight pharmacists, one prescription', () => {
  it('dispense a part each at once: they take turns, and each answer lists every dispensing made so far', async () => {
    const m = await item({ name: 'Metformin', strength: '850 mg', form: 'tablet', unitPrice: 100 });
    await receive(m.id, 'MF-1', '2027-12-31', 100);
    const rx = await prescribe(m, 8);
    const desks = await Promise.all(Array.from({ length: 8 }, () => app.signedIn(['pharmacist'])));
    const answers = await Promise.all(desks.map((d) => d.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 1 })));
    // Whoever waited for the prescription behind another sees that one's dispensing in its answer, however its own
    // transaction began before the other's was committed.
    for (const a of answers) {
      expect(a.prescription.dispensings.reduce((n, x) => n + x.quantity, 0)).toBe(a.prescription.dispensedQuantity);
      expect(a.prescription.dispensings.at(-1)!.id).toBe(a.id);
    }
    expect(answers.map((a) => a.prescription.dispensedQuantity).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const last = answers.find((a) => a.prescription.dispensedQuantity === 8)!;
    expect(last.prescription).toEqual(await pharmacist.ok('prescriptions.get', { id: rx.id }));
    expect(last.prescription.status).toBe('dispensed');
    expect(await shelf(m.id)).toEqual({ batches: { 'MF-1': 92 }, onHandColumn: 92 });
    expect((await chargesOf(answers.map((a) => a.id))).map((c) => Number(c.amount))).toEqual(Array(8).fill(100));
  });
});

describe('the same dispensing sent twice (a second click, a retry after a lost answer)', () => {
  const KEY = '6f1c2a9e-4b7d-4c1e-9a3f-0d5e8b7c6a21';

  it('with its key is dispensed once: the repeat answers with the first dispensing and takes and charges nothing more', async () => {
    const m = await item({ name: 'Salbutamol', strength: '4 mg', form: 'tablet', unitPrice: 150 });
    await receive(m.id, 'SB-A', '2027-10-31', 40);
    const rx = await prescribe(m, 20);
    const first = await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 8, idempotencyKey: KEY });
    // The same submit again, its key in capitals as another desk's browser might write it.
    const again = await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 8, idempotencyKey: KEY.toUpperCase() });
    expect(again).toEqual({ ...first, prescription: await pharmacist.ok('prescriptions.get', { id: rx.id }) });
    expect(again.prescription).toMatchObject({ status: 'partially_dispensed', dispensedQuantity: 8 });
    expect(await shelf(m.id)).toEqual({ batches: { 'SB-A': 32 }, onHandColumn: 32 });
    expect(await app.db.sql<{ id: string }>('SELECT id FROM dispensings WHERE prescription_id = ?', [rx.id])).toHaveLength(1);
    expect(await chargesOf([first.id])).toHaveLength(1);
    const [audited] = await app.db.sql<{ entity_id: string; changes: string }>("SELECT entity_id, changes FROM audit_log WHERE action = 'pharmacy.dispense_repeat_ignored' ORDER BY id DESC LIMIT 1");
    expect(Number(audited.entity_id)).toBe(first.id);

    // The key with other details is not this submit: refused, nothing dispensed.
    const other = await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 5, idempotencyKey: KEY }, 'CONFLICT');
    expect(other.message).toBe('This submit was already recorded as another dispensing; reload the prescription before dispensing again.');
    const rx2 = await prescribe(m, 4);
    await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx2.id, quantity: 8, idempotencyKey: KEY }, 'CONFLICT');
    expect(await shelf(m.id)).toEqual({ batches: { 'SB-A': 32 }, onHandColumn: 32 });
    // A new submit, a new key: dispensed.
    await pharmacist.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 5, idempotencyKey: '0b3a6c2d-1e4f-4a5b-8c7d-9e0f1a2b3c4d' });
    expect(await shelf(m.id)).toEqual({ batches: { 'SB-A': 27 }, onHandColumn: 27 });
    await pharmacist.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 1, idempotencyKey: 'not-a-uuid' }, 'VALIDATION');
  });

  it('sent by two desks at once with one key is dispensed once, and both answers are that dispensing', async () => {
    const m = await item({ name: 'Prednisolone', strength: '5 mg', form: 'tablet', unitPrice: 120 });
    await receive(m.id, 'PN-1', '2027-11-30', 30);
    const rx = await prescribe(m, 10);
    const key = 'a4e5d6c7-b8a9-4f0e-9d1c-2b3a4f5e6d7c';
    // The whole prescription each: without the key the second would be refused as already dispensed in full.
    const desks = [pharmacist, await app.signedIn(['pharmacist'])];
    const [a, b] = await Promise.all(desks.map((d) => d.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 10, idempotencyKey: key })));
    expect(a.id).toBe(b.id);
    expect([a.prescription.status, b.prescription.status]).toEqual(['dispensed', 'dispensed']);
    expect(await shelf(m.id)).toEqual({ batches: { 'PN-1': 20 }, onHandColumn: 20 });
    expect(await chargesOf([a.id])).toHaveLength(1);
  });
});

describe('expiry (the clock moves on)', () => {
  it('lists low stock and batches expiring within 90 days or expired with units, soonest first', async () => {
    const m = await item({ name: 'Zinc', strength: '20 mg', form: 'tablet', reorderLevel: 40 });
    await receive(m.id, 'ZN-SOON', '2027-04-15', 25);
    await receive(m.id, 'ZN-FAR', '2027-12-31', 10);
    const gone = await receive(m.id, 'ZN-GONE', '2027-04-01', 5);
    await pharmacist.ok('pharmacy.adjust', { batchId: gone.id, quantity: -5, reason: 'damaged' });
    const report = await nurse.ok('pharmacy.stock', { hospitalId: app.hospitalId });
    expect(report.today).toBe(TODAY);
    expect(report.lowStock.map((i) => i.label)).toContain('Zinc 20 mg tablet');
    expect(report.lowStock.every((i) => i.onHand <= i.reorderLevel)).toBe(true);
    expect(report.expiring.map((b) => b.batchNumber)).toContain('ZN-SOON');
    expect(report.expiring.map((b) => b.batchNumber)).not.toContain('ZN-FAR');
    // Empty batches are not listed.
    expect(report.expiring.map((b) => b.batchNumber)).not.toContain('ZN-GONE');
    const dates = report.expiring.map((b) => b.expiryDate);
    expect(dates).toEqual([...dates].sort());
    expect(report.expiring.every((b) => b.quantity > 0 && b.expiryDate <= '2027-05-30')).toBe(true);
  });

  it('never dispenses an expired batch, one expiring today included, and lists it as expired on the shelf', async () => {
    const m = await item({ name: 'Oral rehydration salts', strength: '20.5 g', form: 'sachet', reorderLevel: 5 });
    await receive(m.id, 'ORS-A', '2027-03-02', 6);
    await receive(m.id, 'ORS-B', '2027-03-03', 4);
    await receive(m.id, 'ORS-C', '2027-09-30', 3);
    const rx = await prescribe(m, 8);
    const rx2 = await prescribe(m, 2);
    // The next day at 09:00: ORS-A expires today and is expired.
    await app.setClock(kla('2027-03-02', '09:00'));
    const ph = await app.signedIn(['pharmacist']);
    const before = await ph.ok('pharmacy.item', { id: m.id });
    expect(before.item).toMatchObject({ onHand: 7, expiredOnHand: 6, low: false, nextExpiry: '2027-03-03' });
    expect(before.batches.map((b) => [b.batchNumber, b.expired])).toEqual([
      ['ORS-A', true],
      ['ORS-B', false],
      ['ORS-C', false],
    ]);
    const refused = await ph.fails('pharmacy.dispense', { prescriptionId: rx.id, quantity: 8 }, 'CONFLICT');
    expect(refused.message).toBe('Only 7 sachets of Oral rehydration salts 20.5 g in stock; 6 sachets on the shelf have expired and are not dispensed.');
    expect(refused.details).toEqual({ onHand: 7, expiredOnHand: 6 });
    const d = await ph.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 5 });
    expect(d.batches.map((b) => [b.batchNumber, b.quantity])).toEqual([
      ['ORS-B', 4],
      ['ORS-C', 1],
    ]);
    const report = await ph.ok('pharmacy.stock', { hospitalId: app.hospitalId });
    expect(report.today).toBe('2027-03-02');
    // ORS-C (30 Sep) is beyond the 90 days; ORS-A is expired with units on the shelf.
    expect(report.expiring.filter((b) => b.itemId === m.id).map((b) => [b.batchNumber, b.quantity, b.expired])).toEqual([['ORS-A', 6, true]]);
    // 29 Sep, 23:59 in Kampala (20:59 UTC): ORS-C expires tomorrow and still goes out.
    await app.setClock(new Date('2027-09-29T20:59:00Z'));
    const late = await app.signedIn(['pharmacist']);
    expect((await late.ok('pharmacy.item', { id: m.id })).item).toMatchObject({ onHand: 2, expiredOnHand: 6, nextExpiry: '2027-09-30' });
    await late.ok('pharmacy.dispense', { prescriptionId: rx2.id, quantity: 1 });
    // Two minutes later it is 30 Sep in Kampala (still 29 Sep in UTC): the hospital's day decides, ORS-C has expired.
    await app.setClock(new Date('2027-09-29T21:01:00Z'));
    const refusedAtMidnight = await late.fails('pharmacy.dispense', { prescriptionId: rx2.id, quantity: 1 }, 'CONFLICT');
    expect(refusedAtMidnight.message).toBe('Out of stock: 0 sachets of Oral rehydration salts 20.5 g left; 7 sachets on the shelf have expired and are not dispensed.');
    expect(await shelf(m.id)).toEqual({ batches: { 'ORS-A': 6, 'ORS-B': 0, 'ORS-C': 1 }, onHandColumn: 7 });
    // Written off with a reason, the expired batches leave the shelf.
    await late.ok('pharmacy.adjust', { batchId: before.batches[0].id, quantity: -6, reason: 'expired', note: 'Destroyed under supervision' });
    await late.ok('pharmacy.adjust', { batchId: before.batches[2].id, quantity: -1, reason: 'expired' });
    expect((await late.ok('pharmacy.item', { id: m.id })).item).toMatchObject({ onHand: 0, expiredOnHand: 0, low: true, nextExpiry: null });
  });
});
