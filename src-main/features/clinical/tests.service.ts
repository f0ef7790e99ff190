// Tests: the hospital's catalog (lab and imaging, reference ranges by sex and age band, an optional price), orders of
// an open encounter, results flagged against the range for the patient's sex and age on the day (a correction keeps
// the value it replaces), the charge at the first result, the worklist and a doctor's new results.
import { conflict, invalid, notFound, takenKey } from '@shared/errors';
import type { Page } from '@shared/contract/channel';
import type { Encounter, TestDefinition, TestOrder } from '@shared/contract/clinical';
import { ageInYears, rangeFor, resultFlag, type ReferenceRange, type ResultFlag } from '@shared/domain/clinical';
import { localDate } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { insertRows } from '../../db/writer';
import { chargeFor } from '../billing';
import { requireHospitalEntity } from '../hospitals';
import { actingDoctor, lockEncounter, marks, requireOpen, userName, type In } from './clinicians';
import { TestDefinitionEntity, TestRangeEntity } from './catalog.entity';
import { loadTestOrders, TEST_ORDER_SELECT, toTestOrders, type TestOrderRow } from './encounter-views';
import { readEncounter } from './encounters.service';
import { TestOrderEntity, TestResultEntity } from './test-order.entity';

// ---- the catalog ----

interface DefinitionRow {
  id: number;
  hospital_id: number;
  code: string;
  name: string;
  kind: 'lab' | 'imaging';
  unit: string | null;
  ucum: string | null;
  loinc: string | null;
  catalog_item_id: number | null;
  price: number | string | null;
  currency: string;
  active: number;
}

const DEFINITION_SELECT = `SELECT t.id, t.hospital_id, t.code, t.name, t.kind, t.unit, t.ucum, t.loinc, t.catalog_item_id, c.price, h.currency, t.active
  FROM test_definitions t JOIN hospitals h ON h.id = t.hospital_id LEFT JOIN catalog_items c ON c.id = t.catalog_item_id`;

const toRange = (r: TestRangeEntity): ReferenceRange => ({
  sex: r.sex,
  ageFromYears: Number(r.ageFromYears),
  ageToYears: r.ageToYears === null ? null : Number(r.ageToYears),
  low: r.low,
  high: r.high,
  criticalLow: r.criticalLow,
  criticalHigh: r.criticalHigh,
});

/** Reference ranges of tests, most specific first: by sex, then age band. */
async function rangesOf(ctx: CallContext, testIds: number[]): Promise<Map<number, ReferenceRange[]>> {
  const out = new Map<number, ReferenceRange[]>();
  if (testIds.length === 0) return out;
  const rows = await ctx.em
    .getRepository(TestRangeEntity)
    .createQueryBuilder('r')
    .where('r.testId IN (:...ids)', { ids: testIds })
    .orderBy('r.testId')
    .addOrderBy('r.ageFromYears')
    .addOrderBy('r.id')
    .getMany();
  for (const r of rows) {
    const list = out.get(r.testId) ?? [];
    list.push(toRange(r));
    out.set(r.testId, list);
  }
  return out;
}

async function toDefinitions(ctx: CallContext, rows: DefinitionRow[]): Promise<TestDefinition[]> {
  const ranges = await rangesOf(
    ctx,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    unit: r.unit,
    ucum: r.ucum,
    loinc: r.loinc,
    catalogItemId: r.catalog_item_id === null ? null : Number(r.catalog_item_id),
    price: r.price === null ? null : Number(r.price),
    currency: r.currency,
    ranges: ranges.get(Number(r.id)) ?? [],
    active: !!Number(r.active),
  }));
}

async function readDefinition(ctx: CallContext, id: number): Promise<TestDefinition> {
  const rows: DefinitionRow[] = await ctx.em.query(`${DEFINITION_SELECT} WHERE t.id = ?`, [id]);
  if (!rows.length) throw notFound('The test');
  return (await toDefinitions(ctx, rows))[0];
}

/** A hospital's tests by name (a catalog of a few hundred at most: answered whole). */
export async function listTestCatalog(ctx: CallContext, input: In<'tests.catalog'>): Promise<TestDefinition[]> {
  ctx.requireHospital(input.hospitalId);
  const where = ['t.hospital_id = ?'];
  const args: unknown[] = [input.hospitalId];
  if (!input.includeInactive) where.push('t.active = 1');
  if (input.kind) {
    where.push('t.kind = ?');
    args.push(input.kind);
  }
  const q = input.query.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push('(t.code LIKE ? OR t.name LIKE ?)');
    args.push(like, like);
  }
  const rows: DefinitionRow[] = await ctx.em.query(`${DEFINITION_SELECT} WHERE ${where.join(' AND ')} ORDER BY t.name, t.id`, args);
  return toDefinitions(ctx, rows);
}

/** The catalog item a test is charged at: of the same hospital, a test, in use. */
async function requireTestItem(ctx: CallContext, hospitalId: number, id: number | null): Promise<void> {
  if (id === null) return;
  const [c]: { hospital_id: number; category: string; active: number; code: string }[] = await ctx.em.query('SELECT hospital_id, category, active, code FROM catalog_items WHERE id = ?', [id]);
  if (!c || Number(c.hospital_id) !== hospitalId) throw invalid({ catalogItemId: "Not an item of this hospital's catalog." });
  if (c.category !== 'test') throw invalid({ catalogItemId: `${c.code} is not a test in the catalog (it is under ${c.category}).` });
  if (!Number(c.active)) throw invalid({ catalogItemId: `${c.code} is no longer in use.` });
}

async function writeRanges(ctx: CallContext, testId: number, ranges: In<'tests.define'>['ranges']): Promise<void> {
  await ctx.em.query('DELETE FROM test_ranges WHERE test_id = ?', [testId]);
  if (ranges.length === 0) return;
  await insertRows(
    ctx.em,
    TestRangeEntity,
    ranges.map((r) => Object.assign(new TestRangeEntity(), { testId, ...r })),
  );
}

export async function defineTest(ctx: CallContext, input: In<'tests.define'>): Promise<TestDefinition> {
  ctx.requireHospital(input.hospitalId);
  await requireHospitalEntity(ctx, input.hospitalId);
  const [dup]: { id: number }[] = await ctx.em.query('SELECT id FROM test_definitions WHERE hospital_id = ? AND code = ?', [input.hospitalId, input.code]);
  if (dup) throw takenKey('uq_test_definitions_code');
  await requireTestItem(ctx, input.hospitalId, input.catalogItemId);
  const id = await insertRows(ctx.em, TestDefinitionEntity, [
    Object.assign(new TestDefinitionEntity(), {
      hospitalId: input.hospitalId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      unit: input.unit,
      ucum: input.ucum,
      loinc: input.loinc,
      catalogItemId: input.catalogItemId,
      active: true,
      createdAt: ctx.now(),
    }),
  ]);
  await writeRanges(ctx, id, input.ranges);
  ctx.audit({ action: 'test.define', entity: 'test_definition', entityId: id, hospitalId: input.hospitalId, changes: { ...input } });
  return readDefinition(ctx, id);
}

export async function updateTestDefinition(ctx: CallContext, input: In<'tests.updateDefinition'>): Promise<TestDefinition> {
  const t = await requireHospitalOf(ctx, TestDefinitionEntity, input.id, 'The test', { lock: true });
  const changes: Record<string, unknown> = {};
  const sets: string[] = [];
  const args: unknown[] = [];
  const set = (column: string, key: string, before: unknown, after: unknown) => {
    if (after === undefined || after === before) return;
    sets.push(`${column} = ?`);
    args.push(after);
    changes[key] = [before, after];
  };
  set('name', 'name', t.name, input.name);
  // Texts left out stay as they are; null or empty clears them.
  set('unit', 'unit', t.unit, input.unit);
  set('ucum', 'ucum', t.ucum, input.ucum);
  set('loinc', 'loinc', t.loinc, input.loinc);
  if (input.catalogItemId !== undefined && input.catalogItemId !== t.catalogItemId) {
    await requireTestItem(ctx, t.hospitalId, input.catalogItemId);
    set('catalog_item_id', 'catalogItemId', t.catalogItemId, input.catalogItemId);
  }
  if (input.active !== undefined && input.active !== !!t.active) set('active', 'active', !!t.active, input.active);
  if (sets.length) await ctx.em.query(`UPDATE test_definitions SET ${sets.join(', ')} WHERE id = ?`, [...args, t.id]);
  if (input.ranges) {
    await writeRanges(ctx, t.id, input.ranges);
    changes.ranges = input.ranges;
  }
  if (Object.keys(changes).length) ctx.audit({ action: 'test.updateDefinition', entity: 'test_definition', entityId: t.id, hospitalId: t.hospitalId, changes });
  return readDefinition(ctx, t.id);
}

// ---- orders and results ----

export async function orderTest(ctx: CallContext, input: In<'tests.order'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.encounterId);
  requireOpen(e);
  const doctor = await actingDoctor(ctx);
  const [t]: { id: number; hospital_id: number; code: string; name: string; active: number }[] = await ctx.em.query('SELECT id, hospital_id, code, name, active FROM test_definitions WHERE id = ?', [input.testId]);
  if (!t || Number(t.hospital_id) !== e.hospitalId) throw notFound('The test');
  if (!Number(t.active)) throw conflict(`${t.name} is no longer offered: choose another test.`);
  const id = await insertRows(ctx.em, TestOrderEntity, [
    Object.assign(new TestOrderEntity(), {
      encounterId: e.id,
      hospitalId: e.hospitalId,
      patientId: Number(e.patientId),
      testId: Number(t.id),
      priority: input.priority,
      status: 'ordered',
      note: input.note,
      orderedBy: doctor.id,
      orderedByName: doctor.name,
      orderedAt: ctx.now(),
      cancelReason: null,
      resultedAt: null,
      seenAt: null,
      chargeId: null,
      version: 1,
    }),
  ]);
  ctx.audit({ action: 'test.order', entity: 'test_order', entityId: id, hospitalId: e.hospitalId, changes: { encounterId: e.id, patientId: Number(e.patientId), test: t.code, priority: input.priority } });
  return readEncounter(ctx, e.id);
}

async function readOrder(ctx: CallContext, id: number): Promise<TestOrder> {
  const [o] = await loadTestOrders(ctx.em, [id]);
  if (!o) throw notFound('The test order');
  return o;
}

export async function cancelTest(ctx: CallContext, input: In<'tests.cancel'>): Promise<TestOrder> {
  const o = await requireHospitalOf(ctx, TestOrderEntity, input.id, 'The test order', { lock: true, only: ['status'] });
  await actingDoctor(ctx);
  if (o.status === 'cancelled') throw conflict('The test is already cancelled.');
  if (o.status === 'resulted') throw conflict('The test has a result: a resulted test is not cancelled (correct the result instead).');
  await ctx.em.query("UPDATE test_orders SET status = 'cancelled', cancel_reason = ?, version = version + 1 WHERE id = ?", [input.reason, o.id]);
  ctx.audit({ action: 'test.cancel', entity: 'test_order', entityId: o.id, hospitalId: o.hospitalId, changes: { status: ['ordered', 'cancelled'], reason: input.reason } });
  return readOrder(ctx, o.id);
}

/**
 * A result: a number flagged against the range for the patient's sex and age on the hospital's day, a text value or
 * a report. A resulted order takes a new value only with a correction reason; the value it replaces is kept,
 * superseded, and the ordering doctor sees the result as new again. The first result charges the test once.
 */
export async function recordResult(ctx: CallContext, input: In<'tests.recordResult'>): Promise<TestOrder> {
  const o = await requireHospitalOf(ctx, TestOrderEntity, input.orderId, 'The test order', { lock: true });
  if (o.status === 'cancelled') throw conflict(`The test was cancelled${o.cancelReason ? ` (${o.cancelReason})` : ''}: it takes no result.`);
  const correcting = o.status === 'resulted';
  if (correcting && !input.correctionReason) throw invalid({ correctionReason: 'The test already has a result: give the reason for correcting it.' }, 'A result is corrected only with a reason.');
  const [facts]: {
    sex: string;
    date_of_birth: string;
    time_zone: string;
    currency: string;
    unit: string | null;
    name: string;
    catalog_item_id: number | null;
    price: number | string | null;
    tax_rate_bp: number | null;
    item_description: string | null;
  }[] = await ctx.em.query(
    `SELECT p.sex, p.date_of_birth, h.time_zone, h.currency, t.unit, t.name, t.catalog_item_id, c.price, c.tax_rate_bp, c.description AS item_description
       FROM test_orders o JOIN patients p ON p.id = o.patient_id JOIN hospitals h ON h.id = o.hospital_id
       JOIN test_definitions t ON t.id = o.test_id LEFT JOIN catalog_items c ON c.id = t.catalog_item_id
      WHERE o.id = ?`,
    [o.id],
  );
  const now = ctx.now();
  const today = localDate(now, facts.time_zone);
  let range: ReferenceRange | null = null;
  let flag: ResultFlag | null = null;
  if (input.value != null) {
    range = rangeFor((await rangesOf(ctx, [o.testId])).get(o.testId) ?? [], facts.sex, ageInYears(facts.date_of_birth, today));
    flag = resultFlag(input.value, range);
  }
  if (correcting) await ctx.em.query('UPDATE test_results SET superseded_at = ? WHERE order_id = ? AND superseded_at IS NULL', [now, o.id]);
  const resultId = await insertRows(ctx.em, TestResultEntity, [
    Object.assign(new TestResultEntity(), {
      orderId: o.id,
      valueNumeric: input.value ?? null,
      valueText: input.valueText,
      unit: input.value != null ? facts.unit : null,
      refLow: range?.low ?? null,
      refHigh: range?.high ?? null,
      flag,
      report: input.report,
      recordedBy: ctx.user.userId,
      recordedByName: await userName(ctx),
      recordedAt: now,
      correctionReason: correcting ? input.correctionReason : null,
      supersededAt: null,
    }),
  ]);
  let chargeId = o.chargeId;
  if (chargeId === null && facts.catalog_item_id !== null) {
    chargeId = await chargeFor(ctx, {
      hospitalId: o.hospitalId,
      patientId: Number(o.patientId),
      category: 'test',
      description: facts.item_description ?? facts.name,
      quantity: 1,
      unitPrice: Number(facts.price),
      currency: facts.currency,
      taxRateBp: Number(facts.tax_rate_bp ?? 0),
      serviceDate: today,
      sourceType: 'test_order',
      sourceId: o.id,
    });
    ctx.audit({ action: 'charge.add', entity: 'charge', entityId: chargeId, hospitalId: o.hospitalId, changes: { patientId: Number(o.patientId), source: `test_order ${o.id}`, amount: formatMoney(Number(facts.price), facts.currency) } });
  }
  await ctx.em.query("UPDATE test_orders SET status = 'resulted', resulted_at = ?, seen_at = NULL, charge_id = ?, version = version + 1 WHERE id = ?", [now, chargeId, o.id]);
  ctx.audit({
    action: correcting ? 'test.correctResult' : 'test.result',
    entity: 'test_order',
    entityId: o.id,
    hospitalId: o.hospitalId,
    changes: { resultId, value: input.value ?? input.valueText ?? (input.report ? 'report' : null), flag, ...(correcting ? { correctionReason: input.correctionReason } : {}) },
  });
  return readOrder(ctx, o.id);
}

/** Urgent first, then the oldest order. The priority ENUM sorts by position ('routine','urgent'): compared as a number. */
const WORKLIST: KeysetColumn<TestOrderRow>[] = [
  { column: '(o.priority + 0)', direction: 'DESC', kind: 'int', value: (r) => Number(r.priority_rank) },
  { column: 'o.ordered_at', direction: 'ASC', kind: 'instant', value: (r) => r.ordered_at },
  { column: 'o.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function pendingTests(ctx: CallContext, input: In<'tests.pending'>): Promise<Page<TestOrder>> {
  ctx.requireHospital(input.hospitalId);
  const where = ['o.hospital_id = ?', "o.status = 'ordered'"];
  const args: unknown[] = [input.hospitalId];
  if (input.kind) {
    where.push('t.kind = ?');
    args.push(input.kind);
  }
  const page = await keysetPage(ctx.em, { select: TEST_ORDER_SELECT, where, args }, { order: WORKLIST, cursor: input.cursor, limit: input.limit });
  return { items: await toTestOrders(ctx.em, page.items), nextCursor: page.nextCursor };
}

/** The doctor (a staff id; the caller's own record when none is given) whose orders' unseen results are asked for. */
async function doctorAsked(ctx: CallContext, doctorId: number | undefined): Promise<number | null> {
  if (doctorId !== undefined) return doctorId;
  const [s]: { id: number }[] = await ctx.em.query('SELECT id FROM staff WHERE user_id = ?', [ctx.user.userId]);
  return s ? Number(s.id) : null;
}

export async function newResults(ctx: CallContext, input: In<'tests.newResults'>): Promise<TestOrder[]> {
  const doctorId = await doctorAsked(ctx, input.doctorId);
  if (doctorId === null) return [];
  const where = ['o.ordered_by = ?', 'o.seen_at IS NULL', 'o.resulted_at IS NOT NULL', "o.status = 'resulted'"];
  const args: unknown[] = [doctorId];
  const scope = hospitalCondition(ctx, 'o.hospital_id');
  if (scope) {
    where.push(scope.sql);
    args.push(...scope.args);
  }
  const rows: TestOrderRow[] = await ctx.em.query(`${TEST_ORDER_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.resulted_at DESC, o.id DESC`, args);
  return toTestOrders(ctx.em, rows);
}

/** The ordering doctor has seen these results (ids of other doctors' orders, unresulted or already seen are left as they are). */
export async function markSeen(ctx: CallContext, input: In<'tests.markSeen'>): Promise<{ marked: number }> {
  const doctor = await actingDoctor(ctx);
  const ids = [...new Set(input.ids)];
  const rows: { id: number | string; hospital_id: number }[] = await ctx.em.query(
    `SELECT id, hospital_id FROM test_orders WHERE id IN (${marks(ids.length)}) AND ordered_by = ? AND status = 'resulted' AND seen_at IS NULL ORDER BY id FOR UPDATE`,
    [...ids, doctor.id],
  );
  for (const r of rows) ctx.requireHospital(Number(r.hospital_id));
  if (rows.length === 0) return { marked: 0 };
  await ctx.em.query(`UPDATE test_orders SET seen_at = ? WHERE id IN (${marks(rows.length)})`, [ctx.now(), ...rows.map((r) => r.id)]);
  for (const r of rows) ctx.audit({ action: 'test.seen', entity: 'test_order', entityId: Number(r.id), hospitalId: Number(r.hospital_id) });
  return { marked: rows.length };
}
