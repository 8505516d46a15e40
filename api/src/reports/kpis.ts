// The four indicators (domain.md §3) in SQL, for any node (unit, street, district) and any periods, in one
// statement. domain/kpi.ts is the reference definition; api/test/kpi holds this SQL to it on the same data.
//
// Which tickets are "of" a node (A(N) of §3): those whose responsible unit — the unit holding the ticket — is the
// node or under it. A ticket no unit holds yet (not dispatched) belongs to no node; so a street's figures are the
// sum of its units' figures (inactive units included), and a district's the sum of its streets'.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { asOfFor, emptyCounts, type Kpis, type KpiCounts, type KpiTicket, type Period, type SatisfactionVariant } from '../domain/kpi';
import type { ScoringScheme } from '../domain/ranking';
import { isDayAligned, storedKpiCountCtes } from './daily-counts';

export type Db = Kysely<Database> | Transaction<Database>;
export type NodeType = 'UNIT' | 'STREET' | 'DISTRICT';
export interface NodeRef {
  type: NodeType;
  id: number;
}

export interface KeyedPeriod extends Period {
  key: string;
}

/**
 * The ticket predicate of a node, on alias `t`. Sets of units are written `= any(array(…))` so that the planner
 * can take them into the (unit_id, instant) indexes together with the period's range.
 */
export function nodeTicketFilter(node: NodeRef): RawBuilder<boolean> {
  switch (node.type) {
    case 'UNIT':
      return sql<boolean>`t.unit_id = ${node.id}::int`;
    case 'STREET':
      return sql<boolean>`t.unit_id = any(array(select u.id from unit u where u.street_id = ${node.id}::int))`;
    case 'DISTRICT':
      return sql<boolean>`t.unit_id = any(array(
        select u.id from unit u join street s on s.id = u.street_id where s.district_id = ${node.id}::int))`;
  }
}

/** The stored daily counts of a node (kpi_daily_count, alias `d`: a unit's, or its street's units'). */
export function nodeStoredFilter(node: NodeRef): RawBuilder<boolean> {
  switch (node.type) {
    case 'UNIT':
      return sql<boolean>`d.unit_id = ${node.id}::int`;
    case 'STREET':
      return sql<boolean>`d.street_id = ${node.id}::int`;
    case 'DISTRICT':
      return sql<boolean>`d.street_id = any(array(select s.id from street s where s.district_id = ${node.id}::int))`;
  }
}

/**
 * Runs one report statement. PostgreSQL's JIT is switched off for it: the planner's row estimates for the
 * per-ticket callback probe push these statements over jit_above_cost, and compiling them (≈0.5 s) costs far
 * more than running them. Inside a caller's transaction the setting lasts until that transaction ends.
 */
export async function runReport<R>(db: Db, query: RawBuilder<R>): Promise<R[]> {
  if (db.isTransaction) {
    await sql`set local jit = off`.execute(db);
    return (await query.execute(db)).rows;
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

/** The scheme to use: the given one, else the active one (else the newest, so a report never comes back empty). */
export function schemeCte(schemeId: number | null | undefined): RawBuilder<unknown> {
  return sql`scheme as (
    select id as scheme_id,
           w_first_contact::float8 as w_fc, w_on_time::float8 as w_ot, w_resolution::float8 as w_res,
           w_actual_share::float8 as w_share, w_satisfaction::float8 as w_sat,
           t_first_contact::float8 as t_fc, t_on_time::float8 as t_ot, t_resolution::float8 as t_res,
           t_actual_share::float8 as t_share, t_satisfaction::float8 as t_sat,
           min_sample, satisfaction_variant
    from scoring_scheme
    where id = coalesce(${schemeId ?? null}::int, (select x.id from scoring_scheme x order by x.active desc, x.id desc limit 1))
  )`;
}

/**
 * The CTEs `periods` and `kpi_counts` (one row per period key and node id, with the counts of domain/kpi.ts
 * KpiCounts). `groupExpr` names the node a ticket counts under (e.g. `t.unit_id`); `ticketFilter` restricts the
 * tickets (a node, the units of a street). One pass over the tickets: no intermediate result is materialized.
 */
export function kpiCountCtes(a: {
  periods: KeyedPeriod[];
  now: Date;
  ticketFilter: RawBuilder<boolean>;
  groupExpr: RawBuilder<unknown>;
  /** A join from `t` that groupExpr reads (e.g. the unit, for its street). */
  join?: RawBuilder<unknown>;
}): RawBuilder<unknown> {
  if (a.periods.length === 0) throw new Error('kpiCountCtes: no period');
  const values = sql.join(
    a.periods.map((p) => sql`(${p.key}::text, ${p.start}::timestamptz, ${p.end}::timestamptz, ${asOfFor(p, a.now)}::timestamptz)`),
  );
  // The outer bounds repeat the period join as plain range predicates the planner can take to the indexes.
  const lo = new Date(Math.min(...a.periods.map((p) => p.start.getTime())));
  const hi = new Date(Math.max(...a.periods.map((p) => p.end.getTime())));
  return sql`
  periods (key, start_at, end_at, as_of) as (values ${values}),
  kpi_counts as (
    select tp.key, tp.node_id,
           count(*) filter (where tp.received)::int as received_count,
           count(*) filter (where tp.closed)::int as closed_count,
           count(*) filter (where tp.closed and tp.first_contact_on_time)::int as first_contact_on_time_count,
           count(*) filter (where tp.due)::int as due_count,
           count(*) filter (where tp.due and tp.closed_on_time)::int as on_time_count,
           count(*) filter (where tp.in_r)::int as resolution_base_count,
           count(*) filter (where tp.in_r and tp.resolution in ('ACTUALLY_RESOLVED', 'EXPLAINED'))::int as resolved_count,
           count(*) filter (where tp.in_r and tp.resolution = 'ACTUALLY_RESOLVED')::int as actually_resolved_count,
           count(lc.result)::int as satisfaction_base_count,
           count(*) filter (where lc.result = 'SATISFIED')::int as satisfied_count,
           count(*) filter (where lc.result = 'BASICALLY_SATISFIED')::int as basically_satisfied_count,
           count(*) filter (where lc.result = 'NEUTRAL')::int as neutral_count,
           count(*) filter (where lc.result = 'UNSATISFIED')::int as unsatisfied_count
    from (
      -- Each ticket once per period it touches, with the sets of domain.md §3 it is in.
      select p.key, ${a.groupExpr} as node_id, t.id, t.resolution,
             (t.received_at >= p.start_at and t.received_at < p.end_at) as received,
             (t.repeat_of_id is null and t.closed_at >= p.start_at and t.closed_at < p.end_at) as closed,
             (t.repeat_of_id is null and t.completion_due >= p.start_at and t.completion_due < p.end_at
                and t.completion_due <= p.as_of) as due,
             coalesce(t.first_contact_at <= t.first_contact_due, false) as first_contact_on_time,
             coalesce(t.closed_at <= t.completion_due, false) as closed_on_time,
             (t.repeat_of_id is null and t.closed_at >= p.start_at and t.closed_at < p.end_at
                and t.resolution is not null
                and not (t.fact_finding is not distinct from 'UNFOUNDED' and t.unfounded_accepted)) as in_r
      from ticket t
      ${a.join ?? sql``}
      join periods p
        on (t.received_at >= p.start_at and t.received_at < p.end_at)
        or (t.closed_at >= p.start_at and t.closed_at < p.end_at)
        or (t.completion_due >= p.start_at and t.completion_due < p.end_at)
      where ${a.ticketFilter}
        and ((t.received_at >= ${lo}::timestamptz and t.received_at < ${hi}::timestamptz)
          or (t.closed_at >= ${lo}::timestamptz and t.closed_at < ${hi}::timestamptz)
          or (t.completion_due >= ${lo}::timestamptz and t.completion_due < ${hi}::timestamptz))
    ) tp
    -- S: the latest reached callback, looked up only for tickets in R (the condition on tp gates the probe).
    left join lateral (
      select c.result from callback c
      where c.ticket_id = tp.id and c.reached and tp.in_r
      order by c.called_at desc, c.id desc
      limit 1
    ) lc on true
    group by tp.key, tp.node_id
  )`;
}

/**
 * Rates from counts, on alias `c` (a kpi_counts row, or zeros) and `s` (scheme). Null for an empty denominator.
 * Each expression is the one ratesFromCounts evaluates, in the same order, so the floats agree to the bit.
 */
export function kpiRateColumns(): RawBuilder<unknown> {
  return sql`
    case when c.closed_count = 0 then null else c.first_contact_on_time_count::float8 / c.closed_count end as first_contact_rate,
    case when c.due_count = 0 then null else c.on_time_count::float8 / c.due_count end as on_time_rate,
    case when c.resolution_base_count = 0 then null else c.resolved_count::float8 / c.resolution_base_count end as resolution_rate,
    case when c.resolved_count = 0 then null else c.actually_resolved_count::float8 / c.resolved_count end as actual_resolved_share,
    case when c.satisfaction_base_count = 0 then null
         when s.satisfaction_variant = 'BINARY' then (c.satisfied_count + c.basically_satisfied_count)::float8 / c.satisfaction_base_count
         else (c.satisfied_count::float8 + 0.8::float8 * c.basically_satisfied_count + 0.6::float8 * c.neutral_count) / c.satisfaction_base_count
    end as satisfaction_rate`;
}

export const COUNT_COLUMNS = [
  'received_count',
  'closed_count',
  'first_contact_on_time_count',
  'due_count',
  'on_time_count',
  'resolution_base_count',
  'resolved_count',
  'actually_resolved_count',
  'satisfaction_base_count',
  'satisfied_count',
  'basically_satisfied_count',
  'neutral_count',
  'unsatisfied_count',
] as const;

/** `coalesce(k.x, 0) as x` for every count, so that a node without tickets reads as zeros. */
export function zeroFilledCounts(alias: string): RawBuilder<unknown> {
  return sql.join(COUNT_COLUMNS.map((col) => sql`coalesce(${sql.ref(`${alias}.${col}`)}, 0)::int as ${sql.ref(col)}`));
}

/** The counts as a list, in COUNT_COLUMNS order, zeros for a node without tickets (read back by countsFromList). */
export function zeroFilledCountList(alias: string): RawBuilder<unknown> {
  return sql.join(COUNT_COLUMNS.map((col) => sql`coalesce(${sql.ref(`${alias}.${col}`)}, 0)`));
}

const COUNT_KEYS = COUNT_COLUMNS.map((col) => col.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())) as (keyof KpiCounts)[];

/** KpiCounts from a list in COUNT_COLUMNS order (zeroFilledCountList); what follows the counts is not read. */
export function countsFromList(values: readonly number[]): KpiCounts {
  const c = emptyCounts();
  for (let i = 0; i < COUNT_KEYS.length; i++) c[COUNT_KEYS[i]!] = values[i]!;
  return c;
}

type CamelRow = Record<string, unknown>;

export function countsFromRow(r: CamelRow): KpiCounts {
  const c = emptyCounts();
  for (const k of Object.keys(c) as (keyof KpiCounts)[]) c[k] = Number(r[k] ?? 0);
  return c;
}

export function kpisFromRow(r: CamelRow): Kpis {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    receivedCount: Number(r.receivedCount ?? 0),
    closedCount: Number(r.closedCount ?? 0),
    firstContactRate: n(r.firstContactRate),
    onTimeRate: n(r.onTimeRate),
    resolutionRate: n(r.resolutionRate),
    actualResolvedShare: n(r.actualResolvedShare),
    satisfactionRate: n(r.satisfactionRate),
  };
}

export interface NodeKpiRow {
  key: string;
  counts: KpiCounts;
  kpis: Kpis;
}

/**
 * The indicators of one node for each period, in one statement. Every period gets a row (zeros and nulls when
 * nothing happened). The satisfaction variant is the scheme's (weighted on a database without any scheme).
 */
export async function nodeKpis(
  db: Db,
  a: { node: NodeRef; periods: KeyedPeriod[]; now?: Date; schemeId?: number | null },
): Promise<NodeKpiRow[]> {
  const now = a.now ?? new Date();
  // Periods of whole Shanghai days (months, weeks, days) read the stored daily counts; others the tickets.
  const stored = a.periods.every(isDayAligned);
  const countCtes = stored
    ? storedKpiCountCtes({
        periods: a.periods,
        now,
        storedFilter: nodeStoredFilter(a.node),
        storedGroup: sql`0`,
        ticketFilter: nodeTicketFilter(a.node),
        ticketGroup: sql`0`,
      })
    : kpiCountCtes({ periods: a.periods, now, ticketFilter: nodeTicketFilter(a.node), groupExpr: sql`0` });
  const query = sql<CamelRow>`
    with ${schemeCte(a.schemeId)},
    ${countCtes},
    filled as (
      select p.key, ${zeroFilledCounts('k')}
      from periods p left join kpi_counts k on k.key = p.key
    )
    select c.*, ${kpiRateColumns()}
    from filled c left join scheme s on true
    order by c.key`;
  // The stored counts make a cheap statement (hundreds of rows): it runs as it is, without runReport's transaction.
  const rows = stored ? (await query.execute(db)).rows : await runReport(db, query);
  const byKey = new Map(rows.map((r) => [String(r.key), r]));
  return a.periods.map((p) => {
    const r = byKey.get(p.key)!;
    return { key: p.key, counts: countsFromRow(r), kpis: kpisFromRow(r) };
  });
}

// ---- Loading tickets for the TypeScript explanation (kpiExplain, gapToTarget) ----

/** A ticket row as the Ticket type reads it, plus the callbacks the indicators need. */
export type TicketRowWithCallbacks = Record<string, any> & { id: number; kpiCallbacks: { calledAt: string; result: string }[] };

/**
 * The tickets of a node that can count in a period (received, closed or due in it), with their callbacks; with
 * `includeOpen`, also every open assessed ticket of the node (those that could still close in the period).
 */
export async function loadNodeTickets(
  db: Db,
  a: { node: NodeRef; period: Period; includeOpen?: boolean; limit?: number },
): Promise<TicketRowWithCallbacks[]> {
  const { start, end } = a.period;
  const open = a.includeOpen ? sql`or (t.closed_at is null and t.repeat_of_id is null)` : sql``;
  const { rows } = await sql<TicketRowWithCallbacks>`
    select t.*,
           coalesce((select json_agg(json_build_object('calledAt', c.called_at, 'result', c.result) order by c.called_at, c.id)
                     from callback c where c.ticket_id = t.id), '[]'::json) as kpi_callbacks
    from ticket t
    where ${nodeTicketFilter(a.node)}
      and ((t.received_at >= ${start}::timestamptz and t.received_at < ${end}::timestamptz)
        or (t.closed_at >= ${start}::timestamptz and t.closed_at < ${end}::timestamptz)
        or (t.completion_due >= ${start}::timestamptz and t.completion_due < ${end}::timestamptz)
        ${open})
    order by t.completion_due, t.id
    ${a.limit ? sql`limit ${a.limit}` : sql``}`.execute(db);
  return rows;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/** A ticket row (camelCase, as Kysely returns it) as the pure module reads it. */
export function toKpiTicket(r: Record<string, any>, callbacks: { calledAt: string | Date; result: string }[] = r.kpiCallbacks ?? []): KpiTicket {
  return {
    id: r.id,
    unitId: r.unitId ?? null,
    repeatOfId: r.repeatOfId ?? null,
    receivedAt: toDate(r.receivedAt)!,
    closedAt: toDate(r.closedAt),
    firstContactAt: toDate(r.firstContactAt),
    firstContactDue: toDate(r.firstContactDue)!,
    completionDue: toDate(r.completionDue)!,
    factFinding: r.factFinding ?? null,
    unfoundedAccepted: !!r.unfoundedAccepted,
    resolution: r.resolution ?? null,
    callbacks: callbacks.map((c) => ({ calledAt: toDate(c.calledAt)!, result: c.result as KpiTicket['callbacks'][number]['result'] })),
  };
}

// ---- The scoring scheme ----

/** The active scheme (or a given one) as the pure module reads it; null only on a database without any scheme. */
export async function loadScheme(db: Db, id?: number | null): Promise<ScoringScheme | null> {
  let q = db.selectFrom('scoringScheme').selectAll();
  q = id ? q.where('id', '=', id) : q.orderBy('active', 'desc').orderBy('id', 'desc');
  const r = await q.limit(1).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    weights: {
      firstContactRate: Number(r.wFirstContact),
      onTimeRate: Number(r.wOnTime),
      resolutionRate: Number(r.wResolution),
      actualResolvedShare: Number(r.wActualShare),
      satisfactionRate: Number(r.wSatisfaction),
    },
    targets: {
      firstContactRate: Number(r.tFirstContact),
      onTimeRate: Number(r.tOnTime),
      resolutionRate: Number(r.tResolution),
      actualResolvedShare: Number(r.tActualShare),
      satisfactionRate: Number(r.tSatisfaction),
    },
    minSample: r.minSample,
    rollingMonths: r.rollingMonths,
    satisfactionVariant: r.satisfactionVariant as SatisfactionVariant,
    campaignFrom: String(r.campaignFrom),
    campaignTo: String(r.campaignTo),
  };
}
