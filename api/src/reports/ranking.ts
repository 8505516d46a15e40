// The monthly ranking (domain.md §4): units inside a street (by peer group) and streets inside a district. One SQL
// statement reads each node's counts for the month and the rollingMonths − 1 months before it from the stored daily
// counts (reports/daily-counts.ts: a few hundred rows, not the months' tickets); domain/ranking.ts picks each node's
// window, scores and ranks. The tests hold the result to domain/kpi.ts computed on the tickets over the same window.
// A statement that cheap runs as it is: no transaction around it to switch JIT off (kpis.ts runReport).
// It returns one row per node, its months as one JSON array of number lists: a district's year is 1,368 unit rows,
// not 19,152 unit-month rows of 21 columns (most of the time went into pg and Kysely turning those into objects), and
// JSON.parse reads the numbers ~10× faster than pg's int4[] parser (array_to_json also costs PostgreSQL less than
// json_build_array).
import { sql, type RawBuilder } from 'kysely';
import { monthRange, shanghaiDate } from '../domain/time';
import type { KpiCounts, Kpis } from '../domain/kpi';
import { DEFAULT_SCHEME, monthsBack, rankRows, windowedKpis, type RankCandidate, type RankedRow, type ScoringScheme, type WindowedKpis } from '../domain/ranking';
import { countsFromList, COUNT_COLUMNS, loadScheme, zeroFilledCountList, type Db } from './kpis';
import { storedKpiCountCtes } from './daily-counts';

/** What a row of either ranking says about its sample and window. */
export interface RankingWindowFields {
  /** Months the kpis cover: 1, or the rolling window (近N月) of a node short of minSample in the month. */
  windowMonths: number;
  /** Short of minSample even over rollingMonths: no rank, the month's own figures (windowMonths 1). */
  sampleTooSmall: boolean;
  /** Closed tickets of each month considered, the month first (rollingMonths entries). */
  closedByMonth: number[];
  /** The scheme's minSample the window was chosen by. */
  minSample: number;
}

export interface UnitRankingRow extends RankingWindowFields {
  rank: number | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  peerGroup: string;
  kpis: Kpis;
  baseScore: number | null;
  bonus: number;
  deduction: number;
  total: number | null;
}

export interface StreetRankingRow extends RankingWindowFields {
  rank: number | null;
  streetId: number;
  streetCode: string;
  streetName: string;
  kpis: Kpis;
  baseScore: number | null;
  total: number | null;
}

export interface RankingResult<R> {
  schemeId: number | null;
  rows: R[];
}

/** 'YYYY-MM' → its Shanghai [start, end) and the local dates [first day, first day of next month). */
export function monthBounds(month: string) {
  const [start, end] = monthRange(month);
  const firstDay = `${month}-01`;
  return { start, end, firstDay, nextFirstDay: shanghaiDate(end) };
}

/** A node of the statement's rows: its counts of each period (oldest first) and the number lists they were read from. */
interface NodeMonths {
  counts: KpiCounts[];
  /** Per period: the counts in COUNT_COLUMNS order, then (units) the month's bonus and deduction. */
  lists: number[][];
}

/** Where a unit's period list has the month's award points and negative-record points (after the counts). */
const BONUS_AT = COUNT_COLUMNS.length;
const DEDUCTION_AT = COUNT_COLUMNS.length + 1;

function nodeMonths(lists: unknown): NodeMonths {
  const ls = lists as number[][];
  return { counts: ls.map((l) => countsFromList(l)), lists: ls };
}

/** Each month to rank, with the indexes of its window's months (the month first) among the periods read. */
function rankedMonths(months: string[], periods: WindowPeriod[], scheme: ScoringScheme) {
  const index = new Map(periods.map((p, i) => [p.key, i]));
  return months.map((month) => ({ month, at: index.get(month)!, window: monthsBack(month, Math.max(1, scheme.rollingMonths)).map((m) => index.get(m)!) }));
}

function windowFields(r: RankedRow, scheme: ScoringScheme): RankingWindowFields {
  return { windowMonths: r.windowMonths, sampleTooSmall: r.sampleTooSmall, closedByMonth: r.closedByMonth, minSample: scheme.minSample };
}

/** A node's month to rank. (Written out, not spread: a district's year builds ~16,000 of them.) */
function candidate(node: { id: number; code: string }, group: string, w: WindowedKpis, bonus: number, deduction: number): RankCandidate {
  return { id: node.id, code: node.code, group, kpis: w.kpis, windowMonths: w.windowMonths, sampleTooSmall: w.sampleTooSmall, closedByMonth: w.closedByMonth, bonus, deduction };
}

/** The given scheme, else the active one; the §4 defaults on a database without any. */
async function schemeFor(db: Db, schemeId: number | null | undefined): Promise<ScoringScheme> {
  return (await loadScheme(db, schemeId)) ?? DEFAULT_SCHEME;
}

/** A month a window may cover, as a period keyed 'YYYY-MM'. */
type WindowPeriod = { key: string; start: Date; end: Date };

/** The months `months` look back on (each with its window), oldest first, as periods keyed 'YYYY-MM'. */
function periodsFor(months: string[], scheme: ScoringScheme): WindowPeriod[] {
  const keys = [...new Set(months.flatMap((m) => monthsBack(m, Math.max(1, scheme.rollingMonths))))].sort();
  return keys.map((key) => {
    const [start, end] = monthRange(key);
    return { key, start, end };
  });
}

/**
 * Each active unit of the streets, with `months`: per period (oldest first) its counts (zeroFilledCountList), then the
 * points of the SELECTED awards and of the negative records of that month (only the ranked months' are used).
 */
function unitRankingQuery(a: { streetIds: number[]; now: Date }, periods: WindowPeriod[]): RawBuilder<Record<string, unknown>> {
  const first = periods[0]!.key;
  const { nextFirstDay } = monthBounds(periods.at(-1)!.key);
  return sql<Record<string, unknown>>`
    with units as (
      select u.id, u.street_id, u.code, u.name, u.peer_group from unit u where u.street_id = any(${a.streetIds}::int[]) and u.active
    ),
    ${storedKpiCountCtes({
      periods,
      now: a.now,
      storedFilter: sql`d.unit_id = any(array(select units.id from units))`,
      storedGroup: sql`d.unit_id`,
      ticketFilter: sql`t.unit_id = any(array(select units.id from units))`,
      ticketGroup: sql`t.unit_id`,
    })},
    awards as (
      select w.unit_id, w.month as key, sum(w.points) as points from award w
      where w.status = 'SELECTED' and w.month >= ${first} and w.month <= ${periods.at(-1)!.key} and w.unit_id in (select units.id from units)
      group by w.unit_id, w.month
    ),
    deductions as (
      select n.unit_id, to_char(n.date, 'YYYY-MM') as key, sum(n.points) as points from negative_record n
      where n.date >= ${`${first}-01`}::date and n.date < ${nextFirstDay}::date and n.unit_id in (select units.id from units)
      group by n.unit_id, to_char(n.date, 'YYYY-MM')
    ),
    unit_months as (
      select u.id,
             array_to_json(array_agg(array[${zeroFilledCountList('k')}, coalesce(aw.points, 0)::float8, coalesce(de.points, 0)::float8]
                                     order by p.key)) as months
      from units u cross join periods p
      left join kpi_counts k on k.node_id = u.id and k.key = p.key
      left join awards aw on aw.unit_id = u.id and aw.key = p.key
      left join deductions de on de.unit_id = u.id and de.key = p.key
      group by u.id
    )
    select u.id, u.street_id, u.code, u.name, u.peer_group, m.months
    from units u join unit_months m on m.id = u.id
    order by u.id`;
}

/** Each street of the district, with `months`: per period (oldest first) the counts of all its units' tickets. */
function streetRankingQuery(a: { districtId: number; now: Date }, periods: WindowPeriod[]): RawBuilder<Record<string, unknown>> {
  return sql<Record<string, unknown>>`
    with streets as (select st.id, st.code, st.name from street st where st.district_id = ${a.districtId}::int),
    ${storedKpiCountCtes({
      periods,
      now: a.now,
      storedFilter: sql`d.street_id = any(array(select streets.id from streets))`,
      storedGroup: sql`d.street_id`,
      ticketFilter: sql`t.unit_id = any(array(select u.id from unit u where u.street_id in (select streets.id from streets)))`,
      join: sql`join unit gu on gu.id = t.unit_id`,
      ticketGroup: sql`gu.street_id`,
    })},
    street_months as (
      select st.id, array_to_json(array_agg(array[${zeroFilledCountList('k')}] order by p.key)) as months
      from streets st cross join periods p
      left join kpi_counts k on k.node_id = st.id and k.key = p.key
      group by st.id
    )
    select st.id, st.code, st.name, m.months
    from streets st join street_months m on m.id = st.id
    order by st.id`;
}

/** The ranking statements as they run — a month's, and a district's year — for EXPLAIN (api/bench/ranking.ts). */
export async function rankingStatements(db: Db, a: { streetId: number; districtId: number; month: string; now: Date }) {
  const scheme = await schemeFor(db, null);
  const periods = periodsFor([a.month], scheme);
  const year = periodsFor(Array.from({ length: 12 }, (_, i) => `${a.month.slice(0, 4)}-${String(i + 1).padStart(2, '0')}`), scheme);
  const streets = (await db.selectFrom('street').select('id').where('districtId', '=', a.districtId).execute()).map((s) => s.id);
  return [
    { label: 'unitRanking', query: unitRankingQuery({ streetIds: [a.streetId], now: a.now }, periods) },
    { label: 'streetRanking', query: streetRankingQuery(a, periods) },
    { label: 'district year: unitRankings of every street', query: unitRankingQuery({ streetIds: streets, now: a.now }, year) },
    { label: 'district year: streetRankings', query: streetRankingQuery(a, year) },
  ];
}

/**
 * Every active unit of the street for the month: indicators (over its window), base score, SELECTED awards of the
 * month, negative records dated in the month, total, and the rank inside its peer group (none when 样本不足).
 * Rows in rank order, unranked last.
 */
export async function unitRanking(
  db: Db,
  a: { streetId: number; month: string; now?: Date; schemeId?: number | null },
): Promise<RankingResult<UnitRankingRow>> {
  return (await unitRankings(db, { streetIds: [a.streetId], months: [a.month], now: a.now, schemeId: a.schemeId })).get(a.streetId)!.get(a.month)!;
}

/**
 * `unitRanking` of several streets and months at once — a district's streets over a year — in one statement: street →
 * month → ranking. (36 streets × 12 months were 432 statements of ~20 ms; one reads the same stored rows once.)
 */
export async function unitRankings(
  db: Db,
  a: { streetIds: number[]; months: string[]; now?: Date; schemeId?: number | null },
): Promise<Map<number, Map<string, RankingResult<UnitRankingRow>>>> {
  const now = a.now ?? new Date();
  const scheme = await schemeFor(db, a.schemeId);
  const out = new Map<number, Map<string, RankingResult<UnitRankingRow>>>(a.streetIds.map((id) => [id, new Map()]));
  if (!a.streetIds.length || !a.months.length) return out;
  const periods = periodsFor(a.months, scheme);
  const rows = (await unitRankingQuery({ streetIds: a.streetIds, now }, periods).execute(db)).rows;
  const unitsOf = new Map<number, { id: number; code: string; name: string; group: string; months: NodeMonths }[]>(a.streetIds.map((id) => [id, []]));
  for (const r of rows) {
    unitsOf.get(Number(r.streetId))?.push({ id: Number(r.id), code: String(r.code), name: String(r.name), group: String(r.peerGroup), months: nodeMonths(r.months) });
  }
  const toRank = rankedMonths(a.months, periods, scheme);
  for (const [streetId, units] of unitsOf) {
    const names = new Map(units.map((u) => [u.id, u.name]));
    for (const { month, at, window } of toRank) {
      const ranked = rankRows(
        units.map((u) => {
          const list = u.months.lists[at]!;
          return candidate(u, u.group, windowedKpis(window.map((i) => u.months.counts[i]!), scheme), list[BONUS_AT]!, list[DEDUCTION_AT]!);
        }),
        scheme,
      );
      out.get(streetId)!.set(month, {
        schemeId: scheme.id,
        rows: ranked.map((r) => ({
          rank: r.rank,
          unitId: r.id,
          unitCode: r.code,
          unitName: names.get(r.id)!,
          peerGroup: r.group,
          kpis: r.kpis,
          baseScore: r.baseScore,
          bonus: r.bonus,
          deduction: r.deduction,
          total: r.total,
          ...windowFields(r, scheme),
        })),
      });
    }
  }
  return out;
}

/** Every street of the district for the month, on all the tickets of its units; no peer groups, total = base. */
export async function streetRanking(
  db: Db,
  a: { districtId: number; month: string; now?: Date; schemeId?: number | null },
): Promise<RankingResult<StreetRankingRow>> {
  return (await streetRankings(db, { districtId: a.districtId, months: [a.month], now: a.now, schemeId: a.schemeId })).get(a.month)!;
}

/** `streetRanking` for several months in one statement (a district's year): month → ranking. */
export async function streetRankings(
  db: Db,
  a: { districtId: number; months: string[]; now?: Date; schemeId?: number | null },
): Promise<Map<string, RankingResult<StreetRankingRow>>> {
  const now = a.now ?? new Date();
  const scheme = await schemeFor(db, a.schemeId);
  const out = new Map<string, RankingResult<StreetRankingRow>>();
  if (!a.months.length) return out;
  const periods = periodsFor(a.months, scheme);
  const rows = (await streetRankingQuery({ districtId: a.districtId, now }, periods).execute(db)).rows;
  const streets = rows.map((r) => ({ id: Number(r.id), code: String(r.code), name: String(r.name), months: nodeMonths(r.months) }));
  const names = new Map(streets.map((st) => [st.id, st.name]));
  for (const { month, window } of rankedMonths(a.months, periods, scheme)) {
    const ranked = rankRows(
      streets.map((st) => candidate(st, '', windowedKpis(window.map((i) => st.months.counts[i]!), scheme), 0, 0)),
      scheme,
    );
    out.set(month, {
      schemeId: scheme.id,
      rows: ranked.map((r) => ({
        rank: r.rank,
        streetId: r.id,
        streetCode: r.code,
        streetName: names.get(r.id)!,
        kpis: r.kpis,
        baseScore: r.baseScore,
        total: r.total,
        ...windowFields(r, scheme),
      })),
    });
  }
  return out;
}

// ---- Publishing: a published month is frozen as a snapshot (sent to 纪检监察室) ----

export interface RankingSnapshot {
  id: number;
  streetId: number;
  month: string;
  schemeId: number;
  rows: UnitRankingRow[];
  publishedAt: Date;
  publishedBy: number | null;
}

export async function findSnapshot(db: Db, streetId: number, month: string): Promise<RankingSnapshot | null> {
  return (await findSnapshots(db, streetId, [month])).get(month) ?? null;
}

/** The published snapshots of a street's months, by month (one statement). */
export async function findSnapshots(db: Db, streetId: number, months: string[]): Promise<Map<string, RankingSnapshot>> {
  if (!months.length) return new Map();
  const found = await db
    .selectFrom('rankingSnapshot')
    .innerJoin('scoringScheme', 'scoringScheme.id', 'rankingSnapshot.schemeId')
    .selectAll('rankingSnapshot')
    .select('scoringScheme.minSample')
    .where('streetId', '=', streetId)
    .where('month', 'in', months)
    .execute();
  return new Map(
    found.map((r) => {
      const stored = (typeof r.rows === 'string' ? JSON.parse(r.rows) : r.rows) as Partial<UnitRankingRow>[];
      const rows = stored.map((row) => snapshotRow(row, r.minSample));
      return [r.month, { id: r.id, streetId: r.streetId, month: r.month, schemeId: r.schemeId, rows, publishedAt: r.publishedAt, publishedBy: r.publishedBy }];
    }),
  );
}

/** A stored row as today's: rows published before the rolling window (migration 0014) covered the month alone. */
function snapshotRow(row: Partial<UnitRankingRow>, minSample: number): UnitRankingRow {
  const r = row as UnitRankingRow;
  return { ...r, windowMonths: r.windowMonths ?? 1, closedByMonth: r.closedByMonth ?? [r.kpis.closedCount], minSample: r.minSample ?? minSample };
}

/** Freezes the ranking as computed now; `replace` overwrites an earlier publication (otherwise it is kept). */
export async function saveSnapshot(
  db: Db,
  a: { streetId: number; month: string; schemeId: number; rows: UnitRankingRow[]; publishedBy: number | null; replace: boolean },
): Promise<{ snapshot: RankingSnapshot; replaced: RankingSnapshot | null } | null> {
  const before = await findSnapshot(db, a.streetId, a.month);
  if (before && !a.replace) return null;
  const values = { streetId: a.streetId, month: a.month, schemeId: a.schemeId, rows: JSON.stringify(a.rows), publishedBy: a.publishedBy, publishedAt: new Date() };
  if (before) await db.updateTable('rankingSnapshot').set(values).where('id', '=', before.id).execute();
  else await db.insertInto('rankingSnapshot').values(values).execute();
  return { snapshot: (await findSnapshot(db, a.streetId, a.month))!, replaced: before };
}

/** The table users see: the snapshot of a published month, else the live computation. */
export interface EffectiveRanking {
  rows: UnitRankingRow[];
  snapshot: RankingSnapshot | null;
  schemeId: number | null;
}

export async function effectiveUnitRanking(db: Db, a: { streetId: number; month: string; now?: Date }): Promise<EffectiveRanking> {
  return (await effectiveUnitRankings(db, { streetId: a.streetId, months: [a.month], now: a.now })).get(a.month)!;
}

/** `effectiveUnitRanking` of several months of a street (a year's assessment): two statements, not one per month. */
export async function effectiveUnitRankings(db: Db, a: { streetId: number; months: string[]; now?: Date }): Promise<Map<string, EffectiveRanking>> {
  const snapshots = await findSnapshots(db, a.streetId, a.months);
  const unpublished = a.months.filter((m) => !snapshots.has(m));
  const live = unpublished.length ? (await unitRankings(db, { streetIds: [a.streetId], months: unpublished, now: a.now })).get(a.streetId)! : new Map<string, RankingResult<UnitRankingRow>>();
  return new Map(
    a.months.map((m): [string, EffectiveRanking] => {
      const snapshot = snapshots.get(m);
      if (snapshot) return [m, { rows: snapshot.rows, snapshot, schemeId: snapshot.schemeId }];
      const r = live.get(m)!;
      return [m, { rows: r.rows, snapshot: null, schemeId: r.schemeId }];
    }),
  );
}

export interface RankingDifference {
  unitId: number;
  /** 'rank', 'total', 'kpis.satisfactionRate', … or 'listed' for a unit only one side has. */
  field: string;
  snapshot: unknown;
  current: unknown;
}

const COMPARED: (keyof UnitRankingRow)[] = ['rank', 'peerGroup', 'windowMonths', 'baseScore', 'bonus', 'deduction', 'total', 'sampleTooSmall'];

/** What recomputing a published month would change, field by field. */
export function rankingDifferences(snapshot: UnitRankingRow[], current: UnitRankingRow[]): RankingDifference[] {
  const out: RankingDifference[] = [];
  const now = new Map(current.map((r) => [r.unitId, r]));
  const then = new Map(snapshot.map((r) => [r.unitId, r]));
  for (const s of snapshot) {
    const c = now.get(s.unitId);
    if (!c) {
      out.push({ unitId: s.unitId, field: 'listed', snapshot: true, current: false });
      continue;
    }
    for (const f of COMPARED) if (s[f] !== c[f]) out.push({ unitId: s.unitId, field: f, snapshot: s[f], current: c[f] });
    for (const k of Object.keys(s.kpis) as (keyof Kpis)[]) {
      if (s.kpis[k] !== c.kpis[k]) out.push({ unitId: s.unitId, field: `kpis.${k}`, snapshot: s.kpis[k], current: c.kpis[k] });
    }
  }
  for (const c of current) if (!then.has(c.unitId)) out.push({ unitId: c.unitId, field: 'listed', snapshot: false, current: true });
  return out;
}
