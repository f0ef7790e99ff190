// For every record kind the contract declares: a write at one workstation refreshes an open view at another. The
// second workstation is a runtime of its own (its own main process) on the same database, with the change feed running;
// its screen is stood in for by the renderer's pure refresh rule and a call of the read channel at that workstation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS, type ChannelName, type Input, type Output, type RecordKind } from '@shared/contract';
import { answerShowsChange, channelsShowing, type RecordsChanged } from '@shared/contract/changes';
import { addDays } from '@shared/domain/dates';
import { ROLES } from '@shared/domain/roles';
import { startChangeFeed } from '../../src-main/ipc/change-feed';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../src-main/ipc/runtime';
import { deskOn, startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department, doctor, everyDay, patient } from '../support/scheduling';

const FEED_MS = 200;
/** The feed's interval here, and the margin a loaded test machine needs on top. */
const WITHIN_MS = 5000;

/** An open screen at the other workstation: the read channel it shows, its input, and whether its answer shows the change. */
interface View {
  channel: ChannelName;
  input: unknown;
  shows: (answer: never) => boolean;
}
const view = <K extends ChannelName>(channel: K, input: Input<K>, shows: (answer: Output<K>) => boolean): View => ({ channel, input, shows: shows as (a: never) => boolean });

/** Prepares what the write needs, names the view that must show it, and the write itself (giving the audited record's id when the event names it). */
type Scenario = () => Promise<{ view: View; write: () => Promise<number | undefined> }>;

let app: TestApp;
let here: Desk & { userId: number };
let there: Desk;
let elsewhere: Runtime;
let stopFeed: () => void;
const seenHere: RecordsChanged[] = [];
const seenThere: RecordsChanged[] = [];

let hospitalId: number;
let ward: Output<'departments.create'>;
let dr: Output<'staff.create'>;
let nurse: Output<'staff.create'>;
let pt: Output<'patients.register'>;
let floor: Output<'rooms.createFloor'>;
let room: Output<'rooms.createRoom'>;
let theatre: Output<'rooms.createRoom'>;
let dayShift: Output<'shifts.createType'>;
let item: Output<'catalog.create'>;
let medicine: Output<'pharmacy.createItem'>;
let bloodTest: Output<'tests.define'>;

/** A fresh patient admitted to a bed of their own: a stay to open ward rounds on. */
async function admitted(): Promise<Output<'admissions.admit'>> {
  const p = await patient(here, hospitalId);
  const r = await here.ok('rooms.createRoom', { floorId: floor.id, number: `FR-${++serial}`, roomType: 'general_ward', dailyRate: 40_000, beds: 1 });
  return here.ok('admissions.admit', { patientId: p.id, bedId: r.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation' });
}

/** Today's ward round of a fresh stay. */
async function wardRound(): Promise<Output<'encounters.open'>> {
  const stay = await admitted();
  return here.ok('encounters.open', { stayId: stay.id });
}

async function prescribed(): Promise<Output<'encounters.open'>['prescriptions'][number]> {
  const e = await wardRound();
  const after = await here.ok('prescriptions.create', { encounterId: e.id, itemId: medicine.id, dose: 1000, doseUnit: 'mg', route: 'oral', frequency: 'tds', durationDays: 3, quantity: 18 });
  return after.prescriptions[0];
}
/** A Monday three weeks ahead: shifts and leave in a week nobody has worked yet. */
let monday: string;
let serial = 0;

/** Today in Kampala. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: UGANDA.timeZone }).format(new Date());

beforeAll(async () => {
  app = await startTestApp();
  hospitalId = app.hospitalId;
  here = await app.signedIn([...ROLES], { allHospitals: true });
  const colleague = await app.signedIn([...ROLES], { allHospitals: true });

  // The other workstation: its own runtime and sessions; the colleague signs in there.
  elsewhere = createRuntime({ envTarget: app.db.target, profiles: memoryProfiles(), poolSize: 2 });
  there = deskOn(createDispatch(elsewhere, handlerTable), 'elsewhere');
  await there.ok('auth.login', { username: colleague.username, password: colleague.password });
  app.runtime.events.subscribe((name, payload) => name === 'records.changed' && seenHere.push(payload as RecordsChanged));
  elsewhere.events.subscribe((name, payload) => name === 'records.changed' && seenThere.push(payload as RecordsChanged));
  stopFeed = startChangeFeed(elsewhere, FEED_MS);

  ward = await department(here, hospitalId, 'Feed ward');
  // The signed-in user here is this doctor: clinical writes are a doctor's.
  dr = await doctor(here, hospitalId, { departmentId: ward.id, hours: everyDay('08:00', '17:00'), userId: here.userId });
  nurse = await here.ok('staff.create', { hospitalId, firstName: 'Nora', lastName: 'Nurse', staffRole: 'nurse', departmentId: ward.id, hireDate: '2020-01-06', contractedHours: 40 });
  pt = await patient(here, hospitalId);
  floor = await here.ok('rooms.createFloor', { hospitalId, name: 'Feed floor', level: 1 });
  room = await here.ok('rooms.createRoom', { floorId: floor.id, number: 'F-1', roomType: 'general_ward', dailyRate: 40_000, beds: 2 });
  theatre = await here.ok('rooms.createRoom', { floorId: floor.id, number: 'F-OT', roomType: 'operating_theatre', dailyRate: 0, beds: 0 });
  dayShift = await here.ok('shifts.createType', { hospitalId, name: 'Feed day', code: 'FD', start: '07:00', end: '15:00' });
  item = await here.ok('catalog.create', { hospitalId, code: 'FEED-ITEM', description: 'Feed dressing', category: 'treatment', price: 5_000 });
  medicine = await here.ok('pharmacy.createItem', { hospitalId, name: 'Feedamol', strength: '500 mg', form: 'tablet', activeIngredient: 'paracetamol', unitPrice: 200, reorderLevel: 10 });
  await here.ok('pharmacy.receive', { itemId: medicine.id, batchNumber: 'FEED-B1', expiryDate: addDays(today(), 400), quantity: 100, supplier: 'Feed Pharma' });
  bloodTest = await here.ok('tests.define', { hospitalId, code: 'FEED-HB', name: 'Feed haemoglobin', kind: 'lab', unit: 'g/dL', ucum: 'g/dL', catalogItemId: null, ranges: [{ low: 12, high: 16 }] });
  const t = today();
  const weekday = (new Date(`${t}T00:00:00Z`).getUTCDay() + 6) % 7;
  monday = addDays(t, 21 - weekday);
});

afterAll(async () => {
  stopFeed?.();
  await elsewhere?.db.close();
  await app?.close();
});

const scenarios: Record<RecordKind, Scenario> = {
  user: async () => {
    const username = `feedclerk${++serial}`;
    return {
      view: view('users.list', { query: 'feedclerk' }, (page) => page.items.some((u) => u.username === username)),
      write: async () => (await here.ok('users.create', { username, password: 'feed-password-1', fullName: 'Feed Clerk', roles: ['front_desk'], hospitalIds: [hospitalId] })).id,
    };
  },
  hospital: async () => ({
    view: view('hospitals.list', undefined, (list) => list.some((h) => h.code === 'FEED')),
    write: async () => (await here.ok('hospitals.create', { ...UGANDA, code: 'FEED', name: 'Feed Hospital' })).id,
  }),
  settings: async () => ({
    view: view('settings.get', undefined, (s) => s.idleLockMinutes === 37),
    write: async () => {
      await here.ok('settings.update', { idleLockMinutes: 37 });
      return undefined;
    },
  }),
  role_permission: async () => ({
    view: view('permissions.matrix', { hospitalId }, (m) => m.channels.some((c) => c.channel === 'beds.book' && c.overrides.some((o) => o.role === 'nurse' && o.allowed))),
    write: async () => {
      await here.ok('permissions.set', { hospitalId, role: 'nurse', channel: 'beds.book', allowed: true });
      return undefined;
    },
  }),
  audit_signing_key: async () => ({
    view: view('audit.signingKeys', undefined, (keys) => keys.length > 0),
    write: async () => (await here.ok('audit.createSigningKey', { passphrase: 'feed-key-passphrase' })).key.id,
  }),
  audit_checkpoint: async () => {
    const { file } = await here.ok('audit.createSigningKey', { passphrase: 'feed-key-passphrase' });
    return {
      view: view('audit.checkpoints', {}, (page) => page.items.length > 0),
      write: async () => (await here.ok('audit.signCheckpoint', { keyFile: file.contents, passphrase: 'feed-key-passphrase' })).id,
    };
  },
  patient: async () => ({
    view: view('patients.get', { id: pt.id }, (p) => p.firstName === 'Renamed'),
    write: async () => (await here.ok('patients.update', { id: pt.id, version: pt.version, firstName: 'Renamed' })).id,
  }),
  department: async () => ({
    view: view('departments.list', { hospitalId }, (list) => list.some((d) => d.name === 'Feed theatre suite')),
    write: async () => (await here.ok('departments.create', { hospitalId, name: 'Feed theatre suite' })).id,
  }),
  staff: async () => ({
    view: view('staff.list', { hospitalId, query: 'Porter' }, (page) => page.items.some((s) => s.lastName === 'Porter')),
    write: async () => (await here.ok('staff.create', { hospitalId, firstName: 'Paul', lastName: 'Porter', staffRole: 'support', hireDate: '2021-02-01', contractedHours: 40 })).id,
  }),
  doctor: async () => {
    const day = addDays(today(), 60);
    return {
      view: view('doctors.getSchedule', { doctorId: dr.id }, (s) => s.exceptions.some((e) => e.note === 'Feed conference')),
      write: async () => {
        await here.ok('doctors.addException', { doctorId: dr.id, kind: 'conference', startDate: day, endDate: day, note: 'Feed conference' });
        return dr.id;
      },
    };
  },
  appointment: async () => {
    const offer = await here.ok('appointments.nextFree', { doctorId: dr.id });
    const slot = offer.doctor[0];
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: UGANDA.timeZone }).format(new Date(slot.start));
    return {
      view: view('appointments.daySchedule', { hospitalId, date }, (d) => d.appointments.some((a) => a.start === slot.start && a.doctorId === dr.id)),
      write: async () => (await here.ok('appointments.book', { patientId: pt.id, doctorId: dr.id, start: slot.start })).id,
    };
  },
  floor: async () => ({
    view: view('rooms.list', { hospitalId }, (l) => l.floors.some((f) => f.name === 'Feed annex')),
    write: async () => (await here.ok('rooms.createFloor', { hospitalId, name: 'Feed annex', level: 2 })).id,
  }),
  room: async () => ({
    view: view('rooms.list', { hospitalId }, (l) => l.floors.flatMap((f) => f.rooms).some((r) => r.number === 'F-2')),
    write: async () => (await here.ok('rooms.createRoom', { floorId: floor.id, number: 'F-2', roomType: 'private', dailyRate: 90_000, beds: 1 })).id,
  }),
  bed: async () => {
    const beds = room.beds.length;
    return {
      view: view('rooms.list', { hospitalId }, (l) => l.floors.flatMap((f) => f.rooms).find((r) => r.id === room.id)!.beds.length === beds + 1),
      write: async () => {
        const grown = await here.ok('rooms.addBed', { roomId: room.id });
        return grown.beds.at(-1)!.id;
      },
    };
  },
  stay: async () => {
    const admitted = await patient(here, hospitalId);
    return {
      view: view('admissions.forPatient', { patientId: admitted.id }, (stays) => stays.items.length === 1),
      write: async () => (await here.ok('admissions.admit', { patientId: admitted.id, bedId: room.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation' })).id,
    };
  },
  bed_booking: async () => {
    const booked = await patient(here, hospitalId);
    const from = addDays(today(), 10);
    return {
      view: view('beds.bookings', { hospitalId }, (page) => page.items.some((b) => b.patientId === booked.id)),
      write: async () => (await here.ok('beds.book', { bedId: room.beds[1].id, patientId: booked.id, from, to: addDays(from, 2) })).id,
    };
  },
  theatre_booking: async () => {
    const date = addDays(today(), 14);
    return {
      view: view('theatres.schedule', { hospitalId, date }, (list) => list.some((t) => t.procedure === 'Feed appendectomy')),
      // 09:00–11:00 in Kampala (UTC+3).
      write: async () => (await here.ok('theatres.book', { roomId: theatre.id, patientId: pt.id, start: `${date}T06:00:00Z`, end: `${date}T08:00:00Z`, procedure: 'Feed appendectomy' })).id,
    };
  },
  shift_type: async () => ({
    view: view('shifts.listTypes', { hospitalId }, (types) => types.some((t) => t.code === 'FN')),
    write: async () => (await here.ok('shifts.createType', { hospitalId, name: 'Feed night', code: 'FN', start: '22:00', end: '06:00' })).id,
  }),
  rota_rules: async () => ({
    view: view('shifts.getRules', { hospitalId }, (r) => r.minRestMinutes === 601),
    write: async () => (await here.ok('shifts.setRules', { hospitalId, minRestMinutes: 601, maxWeekMinutes: 48 * 60 })).hospitalId,
  }),
  coverage_rule: async () => ({
    view: view('shifts.rota', { departmentId: ward.id, weekStart: monday }, (r) => r.coverage.some((c) => c.shiftTypeId === dayShift.id && c.staffRole === 'nurse' && c.required === 3)),
    write: async () => {
      await here.ok('shifts.setCoverage', { departmentId: ward.id, shiftTypeId: dayShift.id, staffRole: 'nurse', minHeadcount: 3 });
      return ward.id;
    },
  }),
  shift: async () => ({
    view: view('shifts.rota', { departmentId: ward.id, weekStart: monday }, (r) => r.assignments.some((a) => a.staffId === nurse.id && a.date === monday)),
    write: async () => (await here.ok('shifts.assign', { staffId: nurse.id, date: monday, shiftTypeId: dayShift.id, departmentId: ward.id })).id,
  }),
  leave: async () => {
    const from = addDays(monday, 2);
    const to = addDays(monday, 4);
    return {
      view: view('leave.list', { hospitalId, from, to }, (page) => page.items.some((l) => l.staffId === nurse.id)),
      write: async () => (await here.ok('leave.record', { staffId: nurse.id, kind: 'annual', startDate: from, endDate: to })).leave.id,
    };
  },
  catalog_item: async () => ({
    view: view('catalog.list', { hospitalId, query: 'FEED' }, (page) => page.items.some((i) => i.code === 'FEED-XRAY')),
    write: async () => (await here.ok('catalog.create', { hospitalId, code: 'FEED-XRAY', description: 'Feed X-ray', category: 'test', price: 45_000 })).id,
  }),
  charge: async () => {
    const charged = await patient(here, hospitalId);
    return {
      view: view('charges.unbilled', { patientId: charged.id }, (list) => list.items.some((c) => c.description === item.description)),
      write: async () => (await here.ok('charges.add', { patientId: charged.id, catalogItemId: item.id })).id,
    };
  },
  invoice: async () => {
    const billed = await patient(here, hospitalId);
    const charge = await here.ok('charges.add', { patientId: billed.id, catalogItemId: item.id });
    return {
      view: view('invoices.list', { hospitalId, patientId: billed.id }, (page) => page.items.length === 1),
      write: async () => (await here.ok('invoices.createDraft', { patientId: billed.id, chargeIds: [charge.id] })).id,
    };
  },
  encounter: async () => {
    const stay = await admitted();
    return {
      view: view('encounters.find', { stayId: stay.id }, (list) => list.length === 1),
      write: async () => (await here.ok('encounters.open', { stayId: stay.id })).id,
    };
  },
  test_order: async () => {
    const e = await wardRound();
    return {
      view: view('tests.pending', { hospitalId }, (page) => page.items.some((o) => o.encounterId === e.id)),
      write: async () => {
        const after = await here.ok('tests.order', { encounterId: e.id, testId: bloodTest.id });
        return after.tests[0].id;
      },
    };
  },
  prescription: async () => {
    const e = await wardRound();
    return {
      view: view('prescriptions.list', { hospitalId }, (page) => page.items.some((p) => p.encounterId === e.id)),
      write: async () => {
        const after = await here.ok('prescriptions.create', { encounterId: e.id, itemId: medicine.id, dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'bd', durationDays: 5, quantity: 10 });
        return after.prescriptions[0].id;
      },
    };
  },
  test_definition: async () => ({
    view: view('tests.catalog', { hospitalId, query: 'Feed' }, (list) => list.some((t) => t.code === 'FEED-CRP')),
    write: async () => (await here.ok('tests.define', { hospitalId, code: 'FEED-CRP', name: 'Feed C-reactive protein', kind: 'lab', unit: 'mg/L', ucum: 'mg/L', catalogItemId: null, ranges: [{ high: 5 }] })).id,
  }),
  icd10_code: async () => ({
    view: view('diagnoses.searchCodes', { query: 'U85' }, (list) => list.some((c) => c.code === 'U85')),
    write: async () => {
      await here.ok('diagnoses.importCodes', { csv: 'code,title\nU85,Resistance to antineoplastic drugs\n' });
      return undefined;
    },
  }),
  medicine_item: async () => ({
    view: view('pharmacy.items', { hospitalId, query: 'Feedoxil' }, (page) => page.items.length === 1),
    write: async () => (await here.ok('pharmacy.createItem', { hospitalId, name: 'Feedoxil', strength: '250 mg', form: 'capsule', activeIngredient: 'amoxicillin', unitPrice: 300, reorderLevel: 20 })).id,
  }),
  stock_batch: async () => ({
    view: view('pharmacy.item', { id: medicine.id }, (m) => m.batches.some((b) => b.batchNumber === 'FEED-B2')),
    write: async () => (await here.ok('pharmacy.receive', { itemId: medicine.id, batchNumber: 'FEED-B2', expiryDate: addDays(today(), 500), quantity: 50 })).id,
  }),
  dispensing: async () => {
    const rx = await prescribed();
    return {
      view: view('prescriptions.get', { id: rx.id }, (p) => p.dispensedQuantity === 6),
      write: async () => (await here.ok('pharmacy.dispense', { prescriptionId: rx.id, quantity: 6 })).id,
    };
  },
  pay_structure: async () => ({
    view: view('payroll.getStructure', { staffId: nurse.id }, (p) => p.current?.monthlyBase === 1_234_000),
    write: async () => {
      await here.ok('payroll.setStructure', { staffId: nurse.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 1_234_000 });
      return undefined;
    },
  }),
  payroll_settings: async () => ({
    view: view('payroll.holidays', { hospitalId, year: 2031 }, (list) => list.some((h) => h.name === 'Feed Day')),
    write: async () => {
      await here.ok('payroll.setHolidays', { hospitalId, year: 2031, holidays: [{ date: '2031-06-09', name: 'Feed Day' }] });
      return undefined;
    },
  }),
  pay_adjustment: async () => ({
    view: view('payroll.oneOffs', { hospitalId, month: '2031-02' }, (list) => list.some((o) => o.label === 'Feed advance')),
    write: async () => (await here.ok('payroll.addOneOff', { staffId: nurse.id, month: '2031-02', label: 'Feed advance', amount: 50_000 })).id,
  }),
  payroll_run: async () => ({
    view: view('payroll.runs', { hospitalId }, (list) => list.some((r) => r.month === '2026-01')),
    write: async () => (await here.ok('payroll.startRun', { hospitalId, month: '2026-01' })).id,
  }),
  import_batch: async () => ({
    view: view('import.history', { hospitalId }, (page) => page.items.some((b) => b.fileName === 'feed-patients.csv')),
    write: async () =>
      (
        await here.ok('import.commit', {
          hospitalId,
          kind: 'patients',
          fileName: 'feed-patients.csv',
          csv: 'PatientID,FirstName,LastName,DateOfBirth,Gender,Phone\nFEED/1,Feedia,Importa,1981-02-03,Female,0772999001\n',
        })
      ).batchId,
  }),
  billing_settings: async () => ({
    view: view('billing.getSettings', { hospitalId }, (s) => s.taxNumber === 'TIN FEED 42'),
    write: async () => {
      await here.ok('billing.setSettings', { hospitalId, taxNumber: 'TIN FEED 42', requireBilledBeforeDischarge: false, archiveAfterDays: 30 });
      return hospitalId;
    },
  }),
};

const names = (id: number | undefined) => (e: RecordsChanged) => id === undefined || e.ids.length === 0 || e.ids.includes(String(id));

describe('a write at one workstation refreshes the open views of another (each kind in the contract)', () => {
  for (const kind of RECORD_KINDS) {
    it(`${kind}: the other workstation hears of it within the feed interval and its view shows the change`, async () => {
      const scenario = scenarios[kind];
      expect(scenario, `no scenario writes a ${kind}: add one`).toBeTypeOf('function');
      const { view: open, write } = await scenario();
      // The view is open at the other workstation, showing the record as it was.
      const before = await there.ok(open.channel, open.input as never);
      expect(open.shows(before as never)).toBe(false);

      seenHere.length = 0;
      seenThere.length = 0;
      const id = await write();

      // This workstation's windows hear of it at the commit, the other's through the feed.
      expect(seenHere.find((e) => e.entity === kind && names(id)(e))).toBeDefined();
      await expect.poll(() => seenThere.find((e) => e.entity === kind && names(id)(e)), { timeout: WITHIN_MS, interval: 50 }).toBeDefined();
      const change = seenThere.find((e) => e.entity === kind && names(id)(e))!;

      // The renderer's live refresh asks the open view again…
      expect(channelsShowing(kind)).toContain(open.channel);
      expect(answerShowsChange(open.channel, open.input, change)).toBe(true);
      // …and the answer shows the change.
      const after = await there.ok(open.channel, open.input as never);
      expect(open.shows(after as never)).toBe(true);
    });
  }
});

describe("a patient's appointments at the other workstation: an audited read, loaded page by page", () => {
  it('are asked again for a change of an appointment a loaded page lists, and not for anybody else’s', async () => {
    const listed = await patient(here, hospitalId);
    const someoneElse = await patient(here, hospitalId);
    const offers = (await here.ok('appointments.nextFree', { doctorId: dr.id, limit: 3 })).doctor;
    const first = await here.ok('appointments.book', { patientId: listed.id, doctorId: dr.id, start: offers[0].start });
    const heardThere = async (id: number) => {
      await expect.poll(() => seenThere.find((e) => e.entity === 'appointment' && e.ids.includes(String(id))), { timeout: WITHIN_MS, interval: 50 }).toBeDefined();
      return seenThere.find((e) => e.entity === 'appointment' && e.ids.includes(String(id)))!;
    };
    seenThere.length = 0;
    const second = await here.ok('appointments.book', { patientId: listed.id, doctorId: dr.id, start: offers[1].start });
    // The feed names every appointment of one poll in one event: these bookings are announced before what follows.
    await heardThere(second.id);

    // Open there, one appointment a page, both pages loaded: the renderer's paged query holds them as `pages`.
    const input = { patientId: listed.id, when: 'upcoming' as const, limit: 1 };
    const page1 = await there.ok('appointments.forPatient', input);
    const page2 = await there.ok('appointments.forPatient', { ...input, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((a) => a.id)).toEqual([first.id, second.id]);
    const cached = { pages: [page1, page2], pageParams: [null, page1.nextCursor] };

    // Somebody else's booking is heard of, but does not ask this patient's appointments again (no read in the trail).
    seenThere.length = 0;
    const theirs = await here.ok('appointments.book', { patientId: someoneElse.id, doctorId: dr.id, start: offers[2].start });
    expect(answerShowsChange('appointments.forPatient', input, await heardThere(theirs.id), cached)).toBe(false);

    // Cancelling the appointment of the second page asks the list again, and it shows the cancellation.
    seenThere.length = 0;
    await here.ok('appointments.cancel', { id: second.id, reason: 'Feed: travelling' });
    expect(answerShowsChange('appointments.forPatient', input, await heardThere(second.id), cached)).toBe(true);
    const again = await there.ok('appointments.forPatient', { ...input, limit: 2 });
    expect(again.items.map((a) => [a.id, a.status])).toEqual([
      [first.id, 'booked'],
      [second.id, 'cancelled'],
    ]);
  });
});
