// SQL of the monthly 暗访 sample (domain.md §5): the UNFOUNDED population of a street's month, the stored sample
// and its visits, and the negative record / discipline referral an overturned visit writes.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import { monthRange } from '../domain/time';
import { DEFAULT_UNDERCOVER_SHARE, drawSample, randomSeed } from '../domain/undercover-sample';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, any> & { id: number };

/**
 * Ids of the street's tickets in the month's population (see domain/undercover-sample.ts): not a repeat child,
 * 不属实 accepted, closed in the Shanghai month, with a responsible unit to answer for it.
 */
export async function unfoundedPopulation(db: Db, streetId: number, month: string): Promise<number[]> {
  const [start, end] = monthRange(month);
  const rows = await db
    .selectFrom('ticket')
    .select('id')
    .where('streetId', '=', streetId)
    .where('repeatOfId', 'is', null)
    .where('factFinding', '=', 'UNFOUNDED')
    .where('unfoundedAccepted', '=', true)
    .where('unitId', 'is not', null)
    .where('closedAt', '>=', start)
    .where('closedAt', '<', end)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export function findStreet(db: Db, id: number) {
  return db.selectFrom('street').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
}

export function getSample(db: Db, streetId: number, month: string, forUpdate = false) {
  let q = db.selectFrom('undercoverSample').selectAll().where('streetId', '=', streetId).where('month', '=', month);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Inserts the sample unless one exists (a concurrent draw): undefined then. */
export function insertSample(db: Db, v: { streetId: number; month: string; seed: number; share: number; population: number; drawnAt: Date; drawnBy: string | null }) {
  return db
    .insertInto('undercoverSample')
    .values(v)
    .onConflict((oc) => oc.columns(['streetId', 'month']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function redrawSample(db: Db, streetId: number, month: string, v: { seed: number; share: number; population: number; drawnAt: Date; drawnBy: string | null }) {
  return db
    .updateTable('undercoverSample')
    .set((eb) => ({ ...v, version: eb('version', '+', 1) }))
    .where('streetId', '=', streetId)
    .where('month', '=', month)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The sample's visits, in draw order (they are inserted in it). */
export function visitsOf(db: Db, streetId: number, month: string): Promise<Row[]> {
  return db.selectFrom('undercoverVisit').selectAll().where('streetId', '=', streetId).where('month', '=', month).orderBy('id').execute() as Promise<Row[]>;
}

export async function insertVisits(db: Db, streetId: number, month: string, ticketIds: number[]): Promise<Row[]> {
  if (!ticketIds.length) return [];
  return (await db
    .insertInto('undercoverVisit')
    .values(ticketIds.map((ticketId) => ({ ticketId, streetId, month })))
    .returningAll()
    .execute()) as Row[];
}

export function deleteVisits(db: Db, ids: number[]) {
  return ids.length ? db.deleteFrom('undercoverVisit').where('id', 'in', ids).execute() : Promise.resolve([]);
}

export function lockVisit(db: Db, id: number): Promise<Row | undefined> {
  return db.selectFrom('undercoverVisit').selectAll().where('id', '=', id).forUpdate().executeTakeFirst() as Promise<Row | undefined>;
}

export function updateVisit(db: Db, id: number, version: number, values: Record<string, unknown>): Promise<Row | undefined> {
  return db
    .updateTable('undercoverVisit')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updatedAt: new Date() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst() as Promise<Row | undefined>;
}

export function findNegativeItem(db: Db, id: number) {
  return db.selectFrom('negativeItem').select(['id', 'code', 'title', 'points', 'active']).where('id', '=', id).executeTakeFirst();
}

export function findNegativeItemByCode(db: Db, code: string) {
  return db.selectFrom('negativeItem').select(['id', 'code', 'title', 'points', 'active']).where('code', '=', code).executeTakeFirst();
}

export function insertNegativeRecord(db: Db, v: { unitId: number; itemId: number; ticketId: number; date: string; points: number; note: string; recorder: string | null }): Promise<Row> {
  return db.insertInto('negativeRecord').values(v).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

export function insertDisciplineReferral(db: Db, v: { unitId: number; conduct: string; ticketIds: number[]; visitIds: number[]; referredBy: string | null; date: string; outcome: string | null }): Promise<Row> {
  return db.insertInto('disciplineReferral').values(v).returningAll().executeTakeFirstOrThrow() as Promise<Row>;
}

/** Streets with no sample for the month (the monthly job draws theirs). */
export function streetsWithoutSample(db: Db, month: string) {
  return db
    .selectFrom('street')
    .select('id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('undercoverSample as s').select('s.streetId').whereRef('s.streetId', '=', 'street.id').where('s.month', '=', month))))
    .orderBy('id')
    .execute();
}

export interface DrawRequest {
  streetId: number;
  month: string;
  /** Absent: the stored share on a redraw, else the default. */
  share?: number | null;
  /** Absent: a fresh random seed (stored, so the draw stays reproducible). */
  seed?: number | null;
  redraw?: boolean;
  now: Date;
  drawnBy: string | null;
}

export type DrawOutcome =
  | { status: 'drawn' | 'redrawn' | 'stored'; sample: Row & Record<string, any>; visits: Row[]; before?: unknown }
  | { status: 'refused'; field: 'month' | 'redraw'; reason: string };

/**
 * Draws (or returns the stored) sample of a street's month inside the caller's transaction. A stored sample is
 * returned as it is; `redraw` replaces it only while none of its visits has been recorded. Months that have not
 * ended are refused: their population is still growing.
 */
export async function drawStreetSample(trx: Db, r: DrawRequest): Promise<DrawOutcome> {
  const [, end] = monthRange(r.month);
  if (end.getTime() > r.now.getTime()) return { status: 'refused', field: 'month', reason: `${r.month} 尚未结束，只能对已结束的月份抽样` };
  const stored = await getSample(trx, r.streetId, r.month, true);
  if (stored && !r.redraw) return { status: 'stored', sample: stored as any, visits: await visitsOf(trx, r.streetId, r.month) };
  const population = await unfoundedPopulation(trx, r.streetId, r.month);
  const seed = r.seed ?? randomSeed();
  const share = r.share ?? (stored ? Number(stored.share) : DEFAULT_UNDERCOVER_SHARE);
  const chosen = drawSample(population, seed, share);
  const values = { seed, share, population: population.length, drawnAt: r.now, drawnBy: r.drawnBy };
  if (stored) {
    const old = await visitsOf(trx, r.streetId, r.month);
    const recorded = old.filter((v) => v.recordedAt !== null).length;
    if (recorded) return { status: 'refused', field: 'redraw', reason: `${r.month} 的抽样已有 ${recorded} 条暗访结果，不能重新抽样` };
    await deleteVisits(trx, old.map((v) => v.id));
    const sample = await redrawSample(trx, r.streetId, r.month, values);
    return { status: 'redrawn', sample: sample as any, visits: await insertVisits(trx, r.streetId, r.month, chosen), before: { ...stored, ticketIds: old.map((v) => v.ticketId) } };
  }
  const sample = await insertSample(trx, { streetId: r.streetId, month: r.month, ...values });
  // Another transaction drew it first: its sample is the month's.
  if (!sample) return { status: 'stored', sample: (await getSample(trx, r.streetId, r.month))! as any, visits: await visitsOf(trx, r.streetId, r.month) };
  return { status: 'drawn', sample: sample as any, visits: await insertVisits(trx, r.streetId, r.month, chosen) };
}
