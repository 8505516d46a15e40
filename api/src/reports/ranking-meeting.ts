// What the monthly meeting (issue #15) reads beside the ranking table: each unit's rank change against the previous
// month's ranking of the same street (its published snapshot if there is one, else computed now), the rules the
// month's ranking was computed by (weights, targets, award points, negative-list points), who published it, and what
// could still change the numbers before publishing (open tickets, closed tickets still waiting for their 满意度回访).
import { sql } from 'kysely';
import { monthRange } from '../domain/time';
import { RATE_KEYS, type RateKey } from '../domain/kpi';
import { DEFAULT_SCHEME, monthsBack, type ScoringScheme } from '../domain/ranking';
import { loadScheme, type Db } from './kpis';
import { effectiveUnitRanking, type UnitRankingRow } from './ranking';

/** The month before 'YYYY-MM'. */
export const previousMonthOf = (month: string): string => monthsBack(month, 2)[1]!;

export interface PreviousRanking {
  month: string;
  /** The previous month was published: its ranks are the snapshot's. */
  published: boolean;
  /** unitId → its rank (null: listed but not ranked) and peer group in the previous month. */
  byUnit: Map<number, { rank: number | null; peerGroup: string }>;
}

/** The previous month's ranking of the street: the published snapshot if any, else computed now. */
export async function previousRanking(db: Db, a: { streetId: number; month: string; now?: Date }): Promise<PreviousRanking> {
  const month = previousMonthOf(a.month);
  const eff = await effectiveUnitRanking(db, { streetId: a.streetId, month, now: a.now });
  return { month, published: !!eff.snapshot, byUnit: new Map(eff.rows.map((r) => [r.unitId, { rank: r.rank, peerGroup: r.peerGroup }])) };
}

export interface RankChange {
  /** The rank in the previous month in the same peer group; null when it had none there (or was in another group). */
  previousRank: number | null;
  /** previousRank − rank: positive = up. null when either month has no rank. */
  change: number | null;
  /** Ranked this month, but not (in this peer group) the month before: 新. */
  isNew: boolean;
}

export function rankChange(row: Pick<UnitRankingRow, 'unitId' | 'rank' | 'peerGroup'>, prev: PreviousRanking): RankChange {
  const p = prev.byUnit.get(row.unitId);
  const previousRank = p && p.peerGroup === row.peerGroup ? p.rank : null;
  return {
    previousRank,
    change: row.rank !== null && previousRank !== null ? previousRank - row.rank : null,
    isNew: row.rank !== null && previousRank === null,
  };
}

/** ↑2 / ↓1 / 新 / — (— also for an unchanged rank and for a row without a rank). */
export function rankChangeLabel(c: RankChange): string {
  if (c.isNew) return '新';
  if (c.change === null || c.change === 0) return '—';
  return c.change > 0 ? `↑${c.change}` : `↓${-c.change}`;
}

/** Award points (domain.md §6; schema/registers.ts AWARD_RULES): 优秀案例 +0.2, 示范案例 +0.5…1.0. */
export const AWARD_POINTS = { excellent: 0.2, demonstrationMin: 0.5, demonstrationMax: 1.0 } as const;

export interface RankingRules {
  scheme: ScoringScheme;
  /** The scheme is the published snapshot's (else the active one, or the §4 defaults without any). */
  fromSnapshot: boolean;
  indicators: { key: RateKey; weight: number; target: number }[];
  negativeItems: { code: string; title: string; points: number }[];
}

/** The rules of a street-month's ranking: the scheme it was published with, else the one it is computed with now. */
export async function rankingRules(db: Db, a: { streetId: number; month: string }): Promise<RankingRules> {
  const snapshot = await db.selectFrom('rankingSnapshot').select('schemeId').where('streetId', '=', a.streetId).where('month', '=', a.month).executeTakeFirst();
  const scheme = (await loadScheme(db, snapshot?.schemeId ?? null)) ?? DEFAULT_SCHEME;
  const items = await db.selectFrom('negativeItem').select(['code', 'title', 'points']).where('active', '=', true).orderBy('code').execute();
  return {
    scheme,
    fromSnapshot: !!snapshot,
    indicators: RATE_KEYS.map((key) => ({ key, weight: scheme.weights[key], target: scheme.targets[key] })),
    negativeItems: items.map((i) => ({ code: i.code, title: i.title, points: Number(i.points) })),
  };
}

export interface Publication {
  publishedAt: Date;
  publisherId: number | null;
  /** The publisher's display name, else user name; null when the account is gone or unknown. */
  publisherName: string | null;
  publisherRole: string | null;
}

/** Who published the street-month's ranking and when (ranking_snapshot.published_by / published_at). */
export async function publication(db: Db, a: { streetId: number; month: string }): Promise<Publication | null> {
  const r = await db
    .selectFrom('rankingSnapshot as s')
    .leftJoin('appUser as u', 'u.id', 's.publishedBy')
    .select(['s.publishedAt', 's.publishedBy', 'u.displayName', 'u.username', 'u.role'])
    .where('s.streetId', '=', a.streetId)
    .where('s.month', '=', a.month)
    .executeTakeFirst();
  if (!r) return null;
  return { publishedAt: r.publishedAt, publisherId: r.publishedBy, publisherName: r.displayName || r.username || null, publisherRole: r.role ?? null };
}

export interface PendingBeforePublishing {
  /** Tickets of the street's active units (repeat children aside) received in the month or due in it, not closed. */
  openTickets: number;
  /** Tickets closed in the month that enter 实际解决率 (R) and have no reached callback yet: 满意度回访 pending. */
  pendingCallbacks: number;
}

/**
 * What could still change the month's numbers. An open ticket of the month may yet be closed (an import brings the
 * city's closure time) or extended; a closed ticket without a reached callback is not in the 满意率 yet.
 */
export async function pendingBeforePublishing(db: Db, a: { streetId: number; month: string }): Promise<PendingBeforePublishing> {
  const [start, end] = monthRange(a.month);
  const { rows } = await sql<{ openTickets: string | number; pendingCallbacks: string | number }>`
    with units as (select u.id from unit u where u.street_id = ${a.streetId}::int and u.active),
    t as (
      select t.id, t.closed_at, t.resolution, t.fact_finding, t.unfounded_accepted, t.received_at, t.completion_due
      from ticket t
      where t.unit_id = any(array(select units.id from units)) and t.repeat_of_id is null
    )
    select
      (select count(*) from t
        where t.closed_at is null and t.received_at < ${end}::timestamptz
          and (t.received_at >= ${start}::timestamptz or t.completion_due >= ${start}::timestamptz)) as open_tickets,
      (select count(*) from t
        where t.closed_at >= ${start}::timestamptz and t.closed_at < ${end}::timestamptz and t.resolution is not null
          and not (t.fact_finding is not distinct from 'UNFOUNDED' and t.unfounded_accepted)
          and not exists (select 1 from callback c where c.ticket_id = t.id and c.reached)) as pending_callbacks`.execute(db);
  const r = rows[0]!;
  return { openTickets: Number(r.openTickets), pendingCallbacks: Number(r.pendingCallbacks) };
}

// ---- the street and month a ranking answer belongs to, for the fields that need them (schema/ranking-meeting.ts) ----

export interface RankingAnswerContext {
  db: Db;
  streetId: number;
  month: string;
  /** The previous month's ranking, read once per answer whatever the number of rows asking. */
  previous(): Promise<PreviousRanking>;
}

const ANSWER_CONTEXT = new WeakMap<object, RankingAnswerContext>();

/** Marks the rows (or status) of one answer with their street and month. */
export function tagRankingAnswer<T extends object>(values: T[], a: { db: Db; streetId: number; month: string }): T[] {
  let previous: Promise<PreviousRanking> | null = null;
  const context: RankingAnswerContext = { ...a, previous: () => (previous ??= previousRanking(a.db, a)) };
  for (const v of values) ANSWER_CONTEXT.set(v, context);
  return values;
}

export const rankingAnswerContext = (value: object): RankingAnswerContext | undefined => ANSWER_CONTEXT.get(value);
