// The indicator counts read from the stored per-unit daily counts (kpi_daily_count, migration 0019) instead of the
// tickets: a period of whole Asia/Shanghai days is the sum of its days, hundreds of rows for a street-month.
//
// Every count but one is a fact of the ticket alone, counted on the day of the instant that puts it in its set
// (received_at, closed_at, completion_due), so the sum is exact. The exception is D's "completion_due ≤ asOf"
// (asOf = min(now, end)): while a period runs, the day of asOf holds tickets due before asOf and after it. The
// stored days before asOf's day are summed; asOf's own day is counted from its tickets (one unit-day of index rows).
// Whole months whose D is complete (every month before the current one) read kpi_monthly_count, one row per unit.
// The triggers of 0019 keep the store current in the same transaction as every ticket and callback change.
import { sql, type RawBuilder } from 'kysely';
import { asOfFor, type Period } from '../domain/kpi';
import { DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import type { KeyedPeriod } from './kpis';

/** True when the period starts and ends at Shanghai midnights: then it is a sum of stored days. */
export function isDayAligned(p: Period): boolean {
  const aligned = (t: Date) => (t.getTime() + SHANGHAI_OFFSET_MS) % DAY_MS === 0;
  return aligned(p.start) && aligned(p.end) && p.end.getTime() > p.start.getTime();
}

/** How a period is read: stored days [startDay, endDay); D from stored days before dueEndDay and, while the period runs, the tickets due in [liveFrom, asOf]. */
export function periodReading(p: KeyedPeriod, now: Date) {
  const startDay = shanghaiDate(p.start);
  const endDay = shanghaiDate(p.end);
  const asOf = asOfFor(p, now);
  if (asOf.getTime() >= p.end.getTime()) return { key: p.key, startDay, endDay, dueEndDay: endDay, live: null };
  if (asOf.getTime() < p.start.getTime()) return { key: p.key, startDay, endDay, dueEndDay: startDay, live: null };
  const asOfDay = shanghaiDate(asOf);
  return { key: p.key, startDay, endDay, dueEndDay: asOfDay, live: { from: shanghaiStartOfDay(asOfDay), asOf } };
}

/**
 * The CTEs `periods` and `kpi_counts` (key, node_id and the KpiCounts columns), as kpis.ts kpiCountCtes writes them,
 * read from the store. `storedFilter`/`storedGroup` are on alias `d` (kpi_daily_count: unit_id, street_id, day);
 * `ticketFilter`/`ticketGroup` (and `join`) on alias `t`, for the tickets due on asOf's day. Periods must be
 * day-aligned (isDayAligned).
 */
export function storedKpiCountCtes(a: {
  periods: KeyedPeriod[];
  now: Date;
  storedFilter: RawBuilder<boolean>;
  storedGroup: RawBuilder<unknown>;
  ticketFilter: RawBuilder<boolean>;
  ticketGroup: RawBuilder<unknown>;
  join?: RawBuilder<unknown>;
}): RawBuilder<unknown> {
  if (a.periods.length === 0) throw new Error('storedKpiCountCtes: no period');
  const bad = a.periods.find((p) => !isDayAligned(p));
  if (bad) throw new Error(`storedKpiCountCtes: period ${bad.key} is not whole Shanghai days`);
  const readings = a.periods.map((p) => periodReading(p, a.now));
  // Whole calendar months whose D is complete read the monthly rows; the others (a running month, weeks, days) the days.
  const monthly = readings.filter((r) => r.startDay.endsWith('-01') && r.endDay.endsWith('-01') && r.dueEndDay === r.endDay);
  const daily = readings.filter((r) => !monthly.includes(r));
  const source = (table: 'kpi_daily_count' | 'kpi_monthly_count', rs: typeof readings) => {
    if (!rs.length) return null;
    const col = sql.raw(table === 'kpi_daily_count' ? 'd.day' : 'd.month');
    const values = sql.join(rs.map((r) => sql`(${r.key}::text, ${r.startDay}::date, ${r.endDay}::date, ${r.dueEndDay}::date)`));
    // The outer bounds repeat the period join as a plain range the (unit_id, day) / (street_id, day) keys take.
    const lo = rs.map((r) => r.startDay).sort()[0]!;
    const hi = rs.map((r) => r.endDay).sort().at(-1)!;
    const dueCol = (c: string) => (table === 'kpi_daily_count' ? sql`case when d.day < p.due_end_day then ${sql.raw(`d.${c}`)} else 0 end` : sql.raw(`d.${c}`));
    return sql`
      select p.key, ${a.storedGroup} as node_id, d.received_count, d.closed_count, d.first_contact_on_time_count,
             ${dueCol('due_count')} as due_count, ${dueCol('on_time_count')} as on_time_count,
             d.resolution_base_count, d.resolved_count, d.actually_resolved_count, d.satisfaction_base_count,
             d.satisfied_count, d.basically_satisfied_count, d.neutral_count, d.unsatisfied_count
      from ${sql.table(table)} d
      join (values ${values}) as p (key, start_day, end_day, due_end_day) on ${col} >= p.start_day and ${col} < p.end_day
      where ${a.storedFilter} and ${col} >= ${lo}::date and ${col} < ${hi}::date`;
  };
  const sources = [source('kpi_daily_count', daily), source('kpi_monthly_count', monthly)].filter((x) => x !== null);
  const values = sql.join(readings.map((r) => sql`(${r.key}::text)`));
  const live = readings.filter((r) => r.live !== null);
  const liveCte = live.length
    ? sql`,
  live_due as (
    -- D on the day of asOf: the tickets due from its midnight up to asOf (not yet a sum of whole days).
    select l.key, ${a.ticketGroup} as node_id, count(*) as due,
           count(*) filter (where t.closed_at <= t.completion_due) as on_time
    from ticket t
    ${a.join ?? sql``}
    join (values ${sql.join(live.map((r) => sql`(${r.key}::text, ${r.live!.from}::timestamptz, ${r.live!.asOf}::timestamptz)`))})
      as l (key, live_from, as_of) on t.completion_due >= l.live_from and t.completion_due <= l.as_of
    where ${a.ticketFilter} and t.repeat_of_id is null
      and t.completion_due >= ${new Date(Math.min(...live.map((r) => r.live!.from.getTime())))}::timestamptz
      and t.completion_due <= ${new Date(Math.max(...live.map((r) => r.live!.asOf.getTime())))}::timestamptz
    group by 1, 2
  )`
    : sql``;
  const due = (col: 'due' | 'on_time', stored: string) =>
    live.length ? sql`(coalesce(s.${sql.raw(col)}, 0) + coalesce(l.${sql.raw(col)}, 0))::int as ${sql.raw(stored)}` : sql`coalesce(s.${sql.raw(col)}, 0)::int as ${sql.raw(stored)}`;
  return sql`
  periods (key) as (values ${values}),
  stored as (
    select x.key, x.node_id,
           sum(x.received_count) as received, sum(x.closed_count) as closed, sum(x.first_contact_on_time_count) as fc,
           sum(x.due_count) as due, sum(x.on_time_count) as on_time,
           sum(x.resolution_base_count) as r, sum(x.resolved_count) as resolved, sum(x.actually_resolved_count) as actual,
           sum(x.satisfaction_base_count) as sat, sum(x.satisfied_count) as satisfied,
           sum(x.basically_satisfied_count) as basically, sum(x.neutral_count) as neutral, sum(x.unsatisfied_count) as unsatisfied
    from (${sql.join(sources, sql` union all `)}) x
    group by 1, 2
  )${liveCte},
  kpi_counts as (
    select ${live.length ? sql`coalesce(s.key, l.key)` : sql`s.key`} as key, ${live.length ? sql`coalesce(s.node_id, l.node_id)` : sql`s.node_id`} as node_id,
           coalesce(s.received, 0)::int as received_count,
           coalesce(s.closed, 0)::int as closed_count,
           coalesce(s.fc, 0)::int as first_contact_on_time_count,
           ${due('due', 'due_count')},
           ${due('on_time', 'on_time_count')},
           coalesce(s.r, 0)::int as resolution_base_count,
           coalesce(s.resolved, 0)::int as resolved_count,
           coalesce(s.actual, 0)::int as actually_resolved_count,
           coalesce(s.sat, 0)::int as satisfaction_base_count,
           coalesce(s.satisfied, 0)::int as satisfied_count,
           coalesce(s.basically, 0)::int as basically_satisfied_count,
           coalesce(s.neutral, 0)::int as neutral_count,
           coalesce(s.unsatisfied, 0)::int as unsatisfied_count
    from stored s
    ${live.length ? sql`full join live_due l on l.key = s.key and l.node_id = s.node_id` : sql``}
  )`;
}
