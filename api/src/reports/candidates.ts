// Candidate suggestions for interviews (约谈) and assistance (帮扶), domain.md §6: who the ranking and the return
// counts point at this month, each with the reason in words. Suggestions only — a person decides and records.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import { monthRange } from '../domain/time';
import { PEER_GROUP_ORDER } from '../domain/ranking';
import { returnCountsByUnit } from '../repos/workflow';
import { effectiveUnitRanking, type UnitRankingRow } from './ranking';

type Db = Kysely<Database> | Transaction<Database>;

/** A unit is "in the bottom 3" of its peer group when at most 2 ranked units of the group rank below it. */
export const BOTTOM_N = 3;
/** Refused returns in one month that make a unit an interview candidate (三.7 多次随意退单). */
export const REFUSED_RETURNS_THRESHOLD = 3;
const OPEN_ASSISTANCE = ['PLANNED', 'ONGOING'];

/** 'YYYY-MM' of the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface BottomPlace { unitId: number; peerGroup: string; rank: number; fromBottom: number; total: number | null }

/**
 * Ranked units by their place from the bottom of their peer group (1 = last). Tied units share the place of their
 * rank, so a tie at the bottom puts every tied unit at 1. Units without a rank (样本不足) have no place.
 */
export function bottomPlaces(rows: UnitRankingRow[]): Map<number, BottomPlace> {
  const out = new Map<number, BottomPlace>();
  const ranked = rows.filter((r) => r.rank != null);
  for (const r of ranked) {
    const below = ranked.filter((o) => o.peerGroup === r.peerGroup && o.rank! > r.rank!).length;
    out.set(r.unitId, { unitId: r.unitId, peerGroup: r.peerGroup, rank: r.rank!, fromBottom: below + 1, total: r.total });
  }
  return out;
}

/**
 * The bottom 3 of each peer group with more than 3 ranked units. In a group of 3 or fewer every ranked unit is "in
 * the bottom 3" — a unit alone in its group would be its last place every month — so there the rank singles out
 * nobody and gives no rank-based candidate (returns refused still do).
 */
const bottom = (rows: UnitRankingRow[]) => {
  const ranked = new Map<string, number>();
  for (const r of rows) if (r.rank != null) ranked.set(r.peerGroup, (ranked.get(r.peerGroup) ?? 0) + 1);
  return new Map([...bottomPlaces(rows)].filter(([, p]) => p.fromBottom <= BOTTOM_N && ranked.get(p.peerGroup)! > BOTTOM_N));
};

export interface InterviewCandidate {
  unitId: number;
  /** Why, in words (连续两个月排名组内倒数…, 本月退单被驳回 n 次). */
  explanations: string[];
  /** The register's reasons (INTERVIEW_REASONS) the form is pre-filled with. */
  reasons: string[];
  /** Places from the bottom: [previous month, this month] when both are in the bottom 3. */
  bottomPlaces: [number, number] | null;
  refusedReturns: number;
  /** Tickets of the refused returns, linked to the interview. */
  ticketIds: number[];
  /** An interview of the unit already recorded in the month. */
  interviewId: number | null;
}

export async function interviewCandidates(db: Db, a: { streetId: number; month: string; now?: Date }): Promise<InterviewCandidate[]> {
  const [start, end] = monthRange(a.month);
  const [thisMonth, lastMonth, returns] = await Promise.all([
    effectiveUnitRanking(db, { streetId: a.streetId, month: a.month, now: a.now }),
    effectiveUnitRanking(db, { streetId: a.streetId, month: previousMonth(a.month), now: a.now }),
    returnCountsByUnit(db, a.streetId, start, end),
  ]);
  const now = bottom(thisMonth.rows);
  const before = bottom(lastMonth.rows);
  const byUnit = new Map<number, InterviewCandidate>();
  const candidate = (unitId: number) => {
    let c = byUnit.get(unitId);
    if (!c) byUnit.set(unitId, (c = { unitId, explanations: [], reasons: [], bottomPlaces: null, refusedReturns: 0, ticketIds: [], interviewId: null }));
    return c;
  };
  for (const [unitId, p] of now) {
    const q = before.get(unitId);
    if (!q) continue;
    const c = candidate(unitId);
    c.bottomPlaces = [q.fromBottom, p.fromBottom];
    c.explanations.push(`连续两个月排名组内倒数第 ${q.fromBottom}、第 ${p.fromBottom}`);
    c.reasons.push('长期绩效不理想');
  }
  const refused = returns.filter((r) => r.rejected >= REFUSED_RETURNS_THRESHOLD);
  for (const r of refused) {
    const c = candidate(r.unitId);
    c.refusedReturns = r.rejected;
    c.explanations.push(`本月退单被驳回 ${r.rejected} 次`);
    c.reasons.push('多次随意退单');
  }
  const ids = [...byUnit.keys()];
  if (!ids.length) return [];
  if (refused.length) {
    // The same "decided in the month" as returnCountsByUnit: the 主要领导's step when there was one.
    const tickets = await db
      .selectFrom('returnRequest as r')
      .select(['r.fromUnitId', 'r.ticketId'])
      .where('r.fromUnitId', 'in', refused.map((r) => r.unitId))
      .where('r.status', '=', 'REJECTED')
      .where((eb) => eb.and([eb(eb.fn.coalesce('r.mainLeaderAt', 'r.decidedAt'), '>=', start), eb(eb.fn.coalesce('r.mainLeaderAt', 'r.decidedAt'), '<', end)]))
      .orderBy('r.ticketId')
      .execute();
    for (const t of tickets) {
      const c = byUnit.get(t.fromUnitId)!;
      if (!c.ticketIds.includes(t.ticketId)) c.ticketIds.push(t.ticketId);
    }
  }
  const firstDay = `${a.month}-01`;
  const held = await db
    .selectFrom('interview')
    .select(['id', 'unitId'])
    .where('unitId', 'in', ids)
    .where('date', '>=', firstDay)
    .where('date', '<', nextMonthFirstDay(a.month))
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const h of held) byUnit.get(h.unitId)!.interviewId ??= h.id;
  // Ranking order: the lowest places first, then the return cases.
  const order = new Map(thisMonth.rows.map((r, i) => [r.unitId, i]));
  return [...byUnit.values()].sort((x, y) => (x.bottomPlaces ? 0 : 1) - (y.bottomPlaces ? 0 : 1) || (x.bottomPlaces?.[1] ?? 0) - (y.bottomPlaces?.[1] ?? 0) || (order.get(x.unitId) ?? 0) - (order.get(y.unitId) ?? 0));
}

function nextMonthFirstDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export interface AssistanceCandidate {
  unitId: number;
  peerGroup: string;
  rank: number;
  fromBottom: number;
  total: number | null;
  explanation: string;
}

/** This month's bottom 3 of each peer group of more than 3 ranked units (see `bottom`), less the units already under an open (planned or ongoing) assistance. */
export async function assistanceCandidates(db: Db, a: { streetId: number; month: string; now?: Date }): Promise<AssistanceCandidate[]> {
  const { rows } = await effectiveUnitRanking(db, { streetId: a.streetId, month: a.month, now: a.now });
  const places = [...bottom(rows).values()];
  if (!places.length) return [];
  const open = new Set(
    (await db.selectFrom('assistance').select('unitId').where('unitId', 'in', places.map((p) => p.unitId)).where('status', 'in', OPEN_ASSISTANCE).execute()).map((r) => r.unitId),
  );
  return places
    .filter((p) => !open.has(p.unitId))
    .sort((x, y) => PEER_GROUP_ORDER.indexOf(x.peerGroup as never) - PEER_GROUP_ORDER.indexOf(y.peerGroup as never) || x.fromBottom - y.fromBottom || x.unitId - y.unitId)
    .map((p) => ({
      ...p,
      explanation: `本月排名组内倒数第 ${p.fromBottom}（第 ${p.rank} 名${p.total == null ? '' : `，总分 ${p.total.toFixed(2)}`}）`,
    }));
}
