// The monthly ranking (domain.md §4) in one SQL statement each: units inside a street (by peer group) and streets
// inside a district. domain/ranking.ts is the reference; the tests compare the two on the same data.
import { sql, type RawBuilder } from 'kysely';
import { monthRange, shanghaiDate } from '../domain/time';
import type { Kpis } from '../domain/kpi';
import { PEER_GROUP_ORDER } from '../domain/ranking';
import { kpiCountCtes, kpiRateColumns, kpisFromRow, runReport, schemeCte, zeroFilledCounts, type Db } from './kpis';

export interface UnitRankingRow {
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
  sampleTooSmall: boolean;
}

export interface StreetRankingRow {
  rank: number | null;
  streetId: number;
  streetCode: string;
  streetName: string;
  kpis: Kpis;
  baseScore: number | null;
  total: number | null;
  sampleTooSmall: boolean;
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

/**
 * base = 100 · Σ wᵢ·min(1, rateᵢ/targetᵢ) / Σ wᵢ over the rates that are not null, on alias `r` (rates) and `s`
 * (scheme). The sum runs in the order of domain/ranking.ts baseScore, so both give the same float.
 */
function baseScoreSql(): RawBuilder<unknown> {
  // least() skips nulls (least(1, null) = 1), so a null rate is tested explicitly.
  const term = (rate: string, w: string, t: string) =>
    sql`case when ${sql.ref(`r.${rate}`)} is null then 0::float8 else ${sql.ref(`s.${w}`)} * least(1::float8, ${sql.ref(`r.${rate}`)} / ${sql.ref(`s.${t}`)}) end`;
  const weight = (rate: string, w: string) => sql`case when ${sql.ref(`r.${rate}`)} is null then 0::float8 else ${sql.ref(`s.${w}`)} end`;
  const pairs: [string, string, string][] = [
    ['first_contact_rate', 'w_fc', 't_fc'],
    ['on_time_rate', 'w_ot', 't_ot'],
    ['resolution_rate', 'w_res', 't_res'],
    ['actual_resolved_share', 'w_share', 't_share'],
    ['satisfaction_rate', 'w_sat', 't_sat'],
  ];
  const weighted = sql.join(pairs.map(([r, w, t]) => term(r, w, t)), sql` + `);
  const weights = sql.join(pairs.map(([r, w]) => weight(r, w)), sql` + `);
  return sql`case when (${weights}) > 0 then 100 * (${weighted}) / (${weights}) end`;
}

const PEER_GROUPS = sql`array[${sql.join(PEER_GROUP_ORDER.map((g) => sql.lit(g)))}]::text[]`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Every active unit of the street for the month: indicators, base score, SELECTED awards of the month, negative
 * records dated in the month, total, and the rank inside its peer group (none below minSample closed tickets).
 * Rows in rank order, unranked last.
 */
export async function unitRanking(
  db: Db,
  a: { streetId: number; month: string; now?: Date; schemeId?: number | null },
): Promise<RankingResult<UnitRankingRow>> {
  const { start, end, firstDay, nextFirstDay } = monthBounds(a.month);
  const now = a.now ?? new Date();
  const rows = await runReport(db, sql<Record<string, unknown>>`
    with ${schemeCte(a.schemeId)},
    units as (
      select u.id, u.code, u.name, u.peer_group from unit u where u.street_id = ${a.streetId}::int and u.active
    ),
    ${kpiCountCtes({
      periods: [{ key: a.month, start, end }],
      now,
      ticketFilter: sql`t.unit_id = any(array(select units.id from units))`,
      groupExpr: sql`t.unit_id`,
    })},
    awards as (
      select w.unit_id, sum(w.points) as points from award w
      where w.status = 'SELECTED' and w.month = ${a.month} and w.unit_id in (select units.id from units)
      group by w.unit_id
    ),
    deductions as (
      select n.unit_id, sum(n.points) as points from negative_record n
      where n.date >= ${firstDay}::date and n.date < ${nextFirstDay}::date and n.unit_id in (select units.id from units)
      group by n.unit_id
    ),
    c as (
      select u.id, u.code, u.name, u.peer_group, ${zeroFilledCounts('k')}
      from units u left join kpi_counts k on k.node_id = u.id
    ),
    r as (
      select c.*, ${kpiRateColumns()}, s.scheme_id, s.min_sample,
             coalesce(aw.points, 0)::float8 as bonus, coalesce(de.points, 0)::float8 as deduction
      from c cross join scheme s
      left join awards aw on aw.unit_id = c.id
      left join deductions de on de.unit_id = c.id
    ),
    scored as (
      select r.*, ${baseScoreSql()} as base_score from r cross join scheme s
    ),
    totals as (
      select scored.*, base_score + bonus - deduction as total,
             round((base_score + bonus - deduction)::numeric, 4) as total_key,
             closed_count < min_sample as sample_too_small
      from scored
    ),
    ranked as (
      select totals.*,
             case when not sample_too_small and total is not null
                  then rank() over (partition by peer_group, (not sample_too_small and total is not null) order by total_key desc)
             end as rank
      from totals
    )
    select * from ranked
    order by rank asc nulls last, array_position(${PEER_GROUPS}, peer_group), total_key desc nulls last,
             satisfaction_rate desc nulls last, code collate "C"`);
  return {
    schemeId: rows.length ? num(rows[0]!.schemeId) : null,
    rows: rows.map((r) => ({
      rank: num(r.rank),
      unitId: Number(r.id),
      unitCode: String(r.code),
      unitName: String(r.name),
      peerGroup: String(r.peerGroup),
      kpis: kpisFromRow(r),
      baseScore: num(r.baseScore),
      bonus: Number(r.bonus),
      deduction: Number(r.deduction),
      total: num(r.total),
      sampleTooSmall: !!r.sampleTooSmall,
    })),
  };
}

/** Every street of the district for the month, on all the tickets of its units; no peer groups, total = base. */
export async function streetRanking(
  db: Db,
  a: { districtId: number; month: string; now?: Date; schemeId?: number | null },
): Promise<RankingResult<StreetRankingRow>> {
  const { start, end } = monthBounds(a.month);
  const now = a.now ?? new Date();
  const rows = await runReport(db, sql<Record<string, unknown>>`
    with ${schemeCte(a.schemeId)},
    streets as (select st.id, st.code, st.name from street st where st.district_id = ${a.districtId}::int),
    ${kpiCountCtes({
      periods: [{ key: a.month, start, end }],
      now,
      ticketFilter: sql`t.unit_id = any(array(select u.id from unit u where u.street_id in (select streets.id from streets)))`,
      join: sql`join unit gu on gu.id = t.unit_id`,
      groupExpr: sql`gu.street_id`,
    })},
    c as (
      select st.id, st.code, st.name, ${zeroFilledCounts('k')}
      from streets st left join kpi_counts k on k.node_id = st.id
    ),
    r as (
      select c.*, ${kpiRateColumns()}, s.scheme_id, s.min_sample from c cross join scheme s
    ),
    totals as (
      select r.*, ${baseScoreSql()} as total, r.closed_count < r.min_sample as sample_too_small from r cross join scheme s
    ),
    ranked as (
      select totals.*, round(total::numeric, 4) as total_key,
             case when not sample_too_small and total is not null
                  then rank() over (partition by (not sample_too_small and total is not null) order by round(total::numeric, 4) desc)
             end as rank
      from totals
    )
    select * from ranked
    order by rank asc nulls last, total_key desc nulls last, satisfaction_rate desc nulls last, code collate "C"`);
  return {
    schemeId: rows.length ? num(rows[0]!.schemeId) : null,
    rows: rows.map((r) => ({
      rank: num(r.rank),
      streetId: Number(r.id),
      streetCode: String(r.code),
      streetName: String(r.name),
      kpis: kpisFromRow(r),
      baseScore: num(r.total),
      total: num(r.total),
      sampleTooSmall: !!r.sampleTooSmall,
    })),
  };
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
  const r = await db.selectFrom('rankingSnapshot').selectAll().where('streetId', '=', streetId).where('month', '=', month).executeTakeFirst();
  if (!r) return null;
  const rows = (typeof r.rows === 'string' ? JSON.parse(r.rows) : r.rows) as UnitRankingRow[];
  return { id: r.id, streetId: r.streetId, month: r.month, schemeId: r.schemeId, rows, publishedAt: r.publishedAt, publishedBy: r.publishedBy };
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
export async function effectiveUnitRanking(db: Db, a: { streetId: number; month: string; now?: Date }) {
  const snapshot = await findSnapshot(db, a.streetId, a.month);
  if (snapshot) return { rows: snapshot.rows, snapshot, schemeId: snapshot.schemeId };
  const live = await unitRanking(db, a);
  return { rows: live.rows, snapshot: null, schemeId: live.schemeId };
}

export interface RankingDifference {
  unitId: number;
  /** 'rank', 'total', 'kpis.satisfactionRate', … or 'listed' for a unit only one side has. */
  field: string;
  snapshot: unknown;
  current: unknown;
}

const COMPARED: (keyof UnitRankingRow)[] = ['rank', 'peerGroup', 'baseScore', 'bonus', 'deduction', 'total', 'sampleTooSmall'];

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
