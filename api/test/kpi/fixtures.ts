// Test data for the indicator and ranking specs, inserted directly with Kysely, and read back for the pure module.
import type { TestDatabase } from '../helpers/db';
import { monthRange, parseShanghaiWallTime } from '../../src/domain/time';
import { computeKpis, type CallbackResult, type FactFinding, type Kpis, type KpiTicket, type Resolution } from '../../src/domain/kpi';
import { monthsBack, rankingWindow, rankRows, sumPoints, type RankedRow, type RankingWindow, type ScoringScheme } from '../../src/domain/ranking';
import { toKpiTicket } from '../../src/reports/kpis';
import type { StreetRankingRow, UnitRankingRow } from '../../src/reports/ranking';

let seq = 0;
const uniq = () => `${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 6)}`;

/** Shanghai wall time 'YYYY-MM-DD HH:mm[:ss[.mmm]]' as an instant. */
export function at(wall: string): Date {
  const [seconds, ms = '0'] = wall.split('.');
  const d = parseShanghaiWallTime(seconds!);
  if (!d) throw new Error(`bad wall time ${wall}`);
  return new Date(d.getTime() + Number(ms.padEnd(3, '0')));
}

export interface Org {
  districtId: number;
  streetId: number;
  unit: (code: string, peerGroup?: 'DEPARTMENT' | 'INSTITUTION' | 'RESIDENTIAL', active?: boolean) => Promise<number>;
}

export async function makeDistrict(db: TestDatabase): Promise<number> {
  const u = uniq();
  const d = await db.db.insertInto('district').values({ code: `D${u}`, name: `区${u}` }).returning('id').executeTakeFirstOrThrow();
  return d.id;
}

export async function makeStreet(db: TestDatabase, districtId?: number, code?: string): Promise<Org> {
  const dId = districtId ?? (await makeDistrict(db));
  const u = uniq();
  const s = await db.db.insertInto('street').values({ code: code ?? `S${u}`, name: `街道${u}`, districtId: dId }).returning('id').executeTakeFirstOrThrow();
  return {
    districtId: dId,
    streetId: s.id,
    unit: async (code, peerGroup = 'DEPARTMENT', active = true) => {
      const r = await db.db
        .insertInto('unit')
        .values({ code, name: `单位${code}`, streetId: s.id, peerGroup, active })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
  };
}

export interface TicketSpec {
  streetId: number;
  unitId: number | null;
  receivedAt: Date;
  firstContactDue?: Date;
  completionDue?: Date;
  firstContactAt?: Date | null;
  closedAt?: Date | null;
  repeatOfId?: number | null;
  factFinding?: FactFinding | null;
  unfoundedAccepted?: boolean;
  resolution?: Resolution | null;
  urgent?: boolean;
  callbacks?: { calledAt: Date; result: CallbackResult }[];
}

const HOUR = 3_600_000;

/** Inserts a ticket (defaults: first contact due in 24 h, completion in 5 days, open) and its callbacks. */
export async function addTicket(db: TestDatabase, t: TicketSpec): Promise<number> {
  const closedAt = t.closedAt ?? null;
  const row = await db.db
    .insertInto('ticket')
    .values({
      number: `T${uniq()}`,
      streetId: t.streetId,
      unitId: t.unitId,
      category: 'COMPLAINT',
      urgent: t.urgent ?? false,
      receivedAt: t.receivedAt,
      firstContactDue: t.firstContactDue ?? new Date(t.receivedAt.getTime() + 24 * HOUR),
      completionDue: t.completionDue ?? new Date(t.receivedAt.getTime() + 5 * 24 * HOUR),
      firstContactAt: t.firstContactAt ?? null,
      closedAt,
      submittedAt: closedAt,
      status: closedAt ? 'CLOSED' : 'IN_PROGRESS',
      repeatOfId: t.repeatOfId ?? null,
      factFinding: t.factFinding ?? null,
      unfoundedAccepted: t.unfoundedAccepted ?? false,
      resolution: t.resolution ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (t.callbacks?.length) {
    await db.db
      .insertInto('callback')
      .values(t.callbacks.map((c) => ({ ticketId: row.id, calledAt: c.calledAt, result: c.result })))
      .execute();
  }
  return row.id;
}

/**
 * Every ticket of the database with its callbacks, read back as the pure module takes them, with the street of its
 * responsible unit (the street a ticket counts for; null while no unit holds it).
 */
export async function readTickets(db: TestDatabase, where?: { streetId?: number; unitId?: number }): Promise<(KpiTicket & { streetId: number; unitStreetId: number | null })[]> {
  let q = db.db.selectFrom('ticket').selectAll();
  if (where?.streetId) q = q.where('streetId', '=', where.streetId);
  if (where?.unitId) q = q.where('unitId', '=', where.unitId);
  const rows = await q.orderBy('id').execute();
  const callbacks = rows.length
    ? await db.db.selectFrom('callback').selectAll().where('ticketId', 'in', rows.map((r) => r.id)).orderBy('id').execute()
    : [];
  const byTicket = new Map<number, { calledAt: Date; result: string }[]>();
  for (const c of callbacks) {
    if (!byTicket.has(c.ticketId)) byTicket.set(c.ticketId, []);
    byTicket.get(c.ticketId)!.push({ calledAt: c.calledAt, result: c.result });
  }
  const unitStreet = new Map((await db.db.selectFrom('unit').select(['id', 'streetId']).execute()).map((u) => [u.id, u.streetId]));
  return rows.map((r) => ({ ...toKpiTicket(r, byTicket.get(r.id) ?? []), streetId: r.streetId, unitStreetId: r.unitId === null ? null : unitStreet.get(r.unitId)! }));
}

export async function addAward(db: TestDatabase, a: { unitId: number; month: string; status: 'NOMINATED' | 'SELECTED' | 'REJECTED'; points: number; kind?: 'EXCELLENT' | 'DEMONSTRATION' }) {
  await db.db
    .insertInto('award')
    .values({ kind: a.kind ?? (a.points >= 0.5 ? 'DEMONSTRATION' : 'EXCELLENT'), unitId: a.unitId, month: a.month, status: a.status, points: a.points, amount: a.points >= 0.5 ? 1000 : 200 })
    .execute();
}

export async function addNegativeRecord(db: TestDatabase, a: { unitId: number; date: string; points: number }) {
  const item = await db.db.selectFrom('negativeItem').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db.db.insertInto('negativeRecord').values({ unitId: a.unitId, itemId: item.id, date: a.date, points: a.points }).execute();
}

/**
 * A node's indicators for the ranking computed on its tickets: the closed count of each month decides the window
 * (domain/ranking.ts rankingWindow), then computeKpis runs once over the whole window
 * [start of its first month, end of the month), with asOf = min(now, end) — not by adding months up.
 */
export function pureWindowedKpis(tickets: readonly KpiTicket[], month: string, now: Date, scheme: ScoringScheme): RankingWindow & { kpis: Kpis; closedByMonth: number[] } {
  const opts = { now, variant: scheme.satisfactionVariant };
  const months = monthsBack(month, Math.max(1, scheme.rollingMonths));
  const closedByMonth = months.map((m) => {
    const [start, end] = monthRange(m);
    return computeKpis(tickets, { start, end }, opts).closedCount;
  });
  const window = rankingWindow(closedByMonth, scheme);
  const [start] = monthRange(months[window.windowMonths - 1]!);
  const [, end] = monthRange(month);
  return { ...window, closedByMonth, kpis: computeKpis(tickets, { start, end }, opts) };
}

/**
 * The unit ranking of a street-month computed independently: rows read back with plain queries, indicators by
 * the pure module, scores and ranks by domain/ranking.ts.
 */
export async function pureUnitRanking(
  db: TestDatabase,
  streetId: number,
  month: string,
  now: Date,
  scheme: ScoringScheme,
  tickets?: Awaited<ReturnType<typeof readTickets>>,
): Promise<RankedRow[]> {
  const units = await db.db.selectFrom('unit').selectAll().where('streetId', '=', streetId).where('active', '=', true).execute();
  const all = tickets ?? (await readTickets(db));
  const awards = await db.db.selectFrom('award').selectAll().where('status', '=', 'SELECTED').where('month', '=', month).execute();
  const records = await db.db.selectFrom('negativeRecord').selectAll().execute();
  const inMonth = (day: string) => day.slice(0, 7) === month;
  return rankRows(
    units.map((u) => ({
      id: u.id,
      code: u.code,
      group: u.peerGroup,
      ...pureWindowedKpis(all.filter((t) => t.unitId === u.id), month, now, scheme),
      bonus: sumPoints(awards.filter((a) => a.unitId === u.id).map((a) => Number(a.points))),
      deduction: sumPoints(records.filter((r) => r.unitId === u.id && inMonth(String(r.date))).map((r) => Number(r.points))),
    })),
    scheme,
  );
}

/** The street ranking of a district-month computed independently (the tickets of each street's units; total = base). */
export async function pureStreetRanking(
  db: TestDatabase,
  districtId: number,
  month: string,
  now: Date,
  scheme: ScoringScheme,
  tickets?: Awaited<ReturnType<typeof readTickets>>,
): Promise<RankedRow[]> {
  const streets = await db.db.selectFrom('street').selectAll().where('districtId', '=', districtId).execute();
  const all = tickets ?? (await readTickets(db));
  return rankRows(
    streets.map((s) => ({
      id: s.id,
      code: s.code,
      group: '',
      ...pureWindowedKpis(all.filter((t) => t.unitStreetId === s.id), month, now, scheme),
      bonus: 0,
      deduction: 0,
    })),
    scheme,
  );
}

/** A SQL unit ranking in the shape of the pure one, to compare field by field. */
export function comparableUnitRows(rows: UnitRankingRow[]) {
  return rows.map((r) => ({ id: r.unitId, code: r.unitCode, group: r.peerGroup, kpis: r.kpis, windowMonths: r.windowMonths, sampleTooSmall: r.sampleTooSmall, closedByMonth: r.closedByMonth, bonus: r.bonus, deduction: r.deduction, baseScore: r.baseScore, total: r.total, rank: r.rank }));
}

export function comparableStreetRows(rows: StreetRankingRow[]) {
  return rows.map((r) => ({ id: r.streetId, code: r.streetCode, group: '', kpis: r.kpis, windowMonths: r.windowMonths, sampleTooSmall: r.sampleTooSmall, closedByMonth: r.closedByMonth, bonus: 0, deduction: 0, baseScore: r.baseScore, total: r.total, rank: r.rank }));
}
