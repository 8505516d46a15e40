// The ticket lists and counts the 周报 and 月报 print beside the indicators: received by category, topics, open
// overdue tickets, 不满意 callbacks, warnings, 疑难/重复/未解决 tickets. Each reads the scope's tickets with the
// indicators' own predicate (the unit holding the ticket), so a category table sums to `kpis.receivedCount`.
import { sql } from 'kysely';
import type { Db, KeyedPeriod } from '../kpis';
import type { CellValue, ReportBlock } from '../document/model';
import { CALLBACK_LABEL, CATEGORY_LABEL, CATEGORY_ORDER, iso, RESOLUTION_LABEL, scopeTicketFilter, tableBlock, type Scope } from './common';
import { shanghaiDate, type Day } from '../../domain/time';

type Row = Record<string, CellValue>;

/** Tickets received in each period by category (repeat children included, as receivedCount). */
export async function receivedByCategory(db: Db, scope: Scope, periods: KeyedPeriod[]): Promise<Map<string, Map<string, number>>> {
  if (!periods.length) return new Map();
  const values = sql.join(periods.map((p) => sql`(${p.key}::text, ${p.start}::timestamptz, ${p.end}::timestamptz)`));
  // The span of all periods as plain bounds too: the join's bounds alone leave the planner no range to scan, and
  // it reads the scope's whole history (2–3 s for a street of a 10M-ticket city, 30 ms with the bounds).
  const from = new Date(Math.min(...periods.map((p) => new Date(p.start).getTime())));
  const to = new Date(Math.max(...periods.map((p) => new Date(p.end).getTime())));
  const { rows } = await sql<{ key: string; category: string; n: number }>`
    with periods (key, start_at, end_at) as (values ${values})
    select p.key, t.category, count(*)::int as n
    from ticket t join periods p on t.received_at >= p.start_at and t.received_at < p.end_at
    where ${scopeTicketFilter(scope)} and t.received_at >= ${from} and t.received_at < ${to}
    group by 1, 2`.execute(db);
  const out = new Map(periods.map((p) => [p.key, new Map(CATEGORY_ORDER.map((c) => [c, 0]))]));
  for (const r of rows) out.get(r.key)!.set(r.category, Number(r.n));
  return out;
}

export function categoryRows(counts: Map<string, Map<string, number>>, now: string, before: string): Row[] {
  const a = counts.get(now)!;
  const b = counts.get(before)!;
  const cats = [...new Set([...CATEGORY_ORDER, ...a.keys()])];
  const rows: Row[] = cats.map((c) => ({ category: CATEGORY_LABEL[c] ?? c, count: a.get(c) ?? 0, before: b.get(c) ?? 0, change: (a.get(c) ?? 0) - (b.get(c) ?? 0) }));
  const sum = (k: 'count' | 'before') => rows.reduce((s, r) => s + Number(r[k]), 0);
  rows.push({ category: '合计', count: sum('count'), before: sum('before'), change: sum('count') - sum('before') });
  return rows;
}

/** The topics with most tickets received in `now`, with the count in `before` (top n). */
export async function topTopics(db: Db, scope: Scope, now: KeyedPeriod, before: KeyedPeriod, n = 5): Promise<Row[]> {
  const { rows } = await sql<{ topic: string; n: number; before: number }>`
    select coalesce(nullif(trim(t.topic), ''), '（未分类）') as topic,
           count(*) filter (where t.received_at >= ${now.start} and t.received_at < ${now.end})::int as n,
           count(*) filter (where t.received_at >= ${before.start} and t.received_at < ${before.end})::int as before
    from ticket t
    where ${scopeTicketFilter(scope)}
      and ((t.received_at >= ${now.start} and t.received_at < ${now.end}) or (t.received_at >= ${before.start} and t.received_at < ${before.end}))
    group by 1
    having count(*) filter (where t.received_at >= ${now.start} and t.received_at < ${now.end}) > 0
    order by 2 desc, 1
    limit ${n}`.execute(db);
  return rows.map((r, i) => ({ rank: i + 1, topic: r.topic, count: Number(r.n), before: Number(r.before), change: Number(r.n) - Number(r.before) }));
}

/** The 居委 (area) with most tickets received in the period. */
export async function topAreas(db: Db, scope: Scope, p: KeyedPeriod, n = 5): Promise<Row[]> {
  const { rows } = await sql<{ area: string; n: number; topics: string }>`
    select coalesce(cu.name, nullif(trim(t.committee_name), '')) as area, count(*)::int as n,
           string_agg(distinct coalesce(nullif(trim(t.topic), ''), '（未分类）'), '、') as topics
    from ticket t left join unit cu on cu.id = t.committee_unit_id
    where ${scopeTicketFilter(scope)} and t.received_at >= ${p.start} and t.received_at < ${p.end}
      and coalesce(cu.name, nullif(trim(t.committee_name), '')) is not null
    group by 1 order by 2 desc, 1 limit ${n}`.execute(db);
  return rows.map((r, i) => ({ rank: i + 1, area: r.area, count: Number(r.n), topics: shorten(r.topics, 60) }));
}

const shorten = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n)}…` : (s ?? ''));

const ticketRow = (r: Record<string, unknown>): Row => ({
  id: Number(r.id),
  number: String(r.number),
  unit: (r.unitName as string) ?? null,
  topic: (r.topic as string) ?? null,
  receivedAt: iso(r.receivedAt),
});

/** Assessed tickets open at `asOf` whose completion due had passed by then (超期未办结), the most overdue first. */
export async function openOverdue(db: Db, scope: Scope, asOf: Date, limit: number): Promise<{ total: number; rows: Row[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    select t.id, t.number, u.name as unit_name, t.topic, t.received_at, t.completion_due, count(*) over () as total
    from ticket t join unit u on u.id = t.unit_id
    where ${scopeTicketFilter(scope)} and t.repeat_of_id is null
      and t.completion_due < ${asOf} and (t.closed_at is null or t.closed_at > ${asOf}) and t.received_at < ${asOf}
    order by t.completion_due, t.id limit ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      ...ticketRow(r),
      completionDue: iso(r.completionDue),
      overdueDays: Math.floor((asOf.getTime() - new Date(String(r.completionDue)).getTime()) / 86_400_000),
    })),
  };
}

/** The period's 不满意 callbacks (reached, result 不满意) on the scope's tickets; `consecutive` marks a second in a row. */
export async function unsatisfiedCallbacks(db: Db, scope: Scope, p: KeyedPeriod, limit: number): Promise<{ total: number; rows: Row[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    select t.id, t.number, u.name as unit_name, t.topic, t.received_at, c.called_at,
           (select p.result from callback p where p.ticket_id = c.ticket_id and p.reached and (p.called_at, p.id) < (c.called_at, c.id)
             order by p.called_at desc, p.id desc limit 1) as previous,
           count(*) over () as total
    from callback c join ticket t on t.id = c.ticket_id left join unit u on u.id = t.unit_id
    where ${scopeTicketFilter(scope)} and c.reached and c.result = 'UNSATISFIED' and c.called_at >= ${p.start} and c.called_at < ${p.end}
    order by c.called_at, c.id limit ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({ ...ticketRow(r), calledAt: iso(r.calledAt), note: r.previous === 'UNSATISFIED' ? '连续不满意（提级）' : r.previous ? `前次${CALLBACK_LABEL[String(r.previous)] ?? ''}` : '首次回访' })),
  };
}

const streetsOf = (scope: Scope) =>
  scope.streetId !== null ? sql`(${scope.streetId}::int)` : sql`(select s.id from street s where s.district_id = ${scope.districtId}::int)`;

/** Repeat warnings (YELLOW/RED) of days in [from, to] (domain.md §5). */
export async function repeatWarnings(db: Db, scope: Scope, from: Day, to: Day): Promise<Row[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select w.id, w.date, w.level, w.count, w.status, w.special_study, m.number, m.topic, u.name as unit_name
    from warning w join ticket m on m.id = w.master_ticket_id left join unit u on u.id = w.unit_id
    where w.street_id in ${streetsOf(scope)} and w.date >= ${from}::date and w.date <= ${to}::date
    order by w.date, case w.level when 'RED' then 0 else 1 end, w.id`.execute(db);
  return rows.map((r) => ({
    date: String(r.date).slice(0, 10),
    level: r.level === 'RED' ? '红色' : '黄色',
    number: String(r.number),
    topic: (r.topic as string) ?? null,
    unit: (r.unitName as string) ?? null,
    count: Number(r.count),
    status: r.status === 'CLOSED' ? '已关闭' : r.specialStudy ? '专题研究' : '未关闭',
  }));
}

/** The 苗头预警 table of the weekly and monthly reports (rows from hotspotWarnings). */
export function hotspotWarningTable(title: string, rows: Row[]): ReportBlock {
  return tableBlock({
    id: 'hotspot-warnings',
    title,
    columns: [
      { key: 'topic', label: '诉求主题', format: 'text', width: 10 },
      { key: 'place', label: '区域', format: 'text', width: 14 },
      { key: 'openedOn', label: '开始', format: 'date', width: 11 },
      { key: 'lastDay', label: '最近', format: 'date', width: 11 },
      { key: 'peak', label: '7日峰值', format: 'int', width: 8 },
      { key: 'status', label: '状态', format: 'text', width: 8 },
    ],
    rows,
  });
}

/** 苗头 warnings open on some day of [from, to]. */
export async function hotspotWarnings(db: Db, scope: Scope, from: Day, to: Day): Promise<Row[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select h.id, h.topic, coalesce(h.committee_name, h.road) as place, h.committee_name, h.opened_on, h.last_day, h.closed_on,
           h.peak_count, h.baseline, h.status
    from hotspot_warning h
    where h.street_id in ${streetsOf(scope)} and h.opened_on <= ${to}::date and h.last_day >= ${from}::date
    order by h.opened_on, h.id`.execute(db);
  return rows.map((r) => ({
    topic: String(r.topic),
    place: `${String(r.place)}${r.committeeName ? '' : '（道路）'}`,
    openedOn: String(r.openedOn).slice(0, 10),
    lastDay: String(r.lastDay).slice(0, 10),
    peak: Number(r.peakCount),
    baseline: Number(r.baseline),
    status: r.status === 'CLOSED' ? '已消除' : r.status === 'ACKNOWLEDGED' ? '已签收' : '未签收',
  }));
}

/** 疑难工单 received or closed in the period. */
export async function difficultTickets(db: Db, scope: Scope, p: KeyedPeriod, limit: number): Promise<{ total: number; rows: Row[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    select t.id, t.number, u.name as unit_name, t.topic, t.received_at, t.closed_at, t.resolution, count(*) over () as total
    from ticket t left join unit u on u.id = t.unit_id
    where ${scopeTicketFilter(scope)} and t.difficult
      and ((t.received_at >= ${p.start} and t.received_at < ${p.end}) or (t.closed_at >= ${p.start} and t.closed_at < ${p.end}))
    order by t.received_at, t.id limit ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({ ...ticketRow(r), closedAt: iso(r.closedAt), resolution: r.resolution ? RESOLUTION_LABEL[String(r.resolution)] ?? null : '在办' })),
  };
}

/** Closed in the period as 未解决 (应解决未解决): assessed tickets only, as the resolution rate counts them. */
export async function unresolvedTickets(db: Db, scope: Scope, p: KeyedPeriod, limit: number): Promise<{ total: number; rows: Row[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    select t.id, t.number, u.name as unit_name, t.topic, t.received_at, t.closed_at, count(*) over () as total
    from ticket t left join unit u on u.id = t.unit_id
    where ${scopeTicketFilter(scope)} and t.repeat_of_id is null and t.resolution = 'UNRESOLVED'
      and t.closed_at >= ${p.start} and t.closed_at < ${p.end}
    order by t.closed_at, t.id limit ${limit}`.execute(db);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map((r) => ({ ...ticketRow(r), closedAt: iso(r.closedAt) })) };
}

/** Repeat groups (一案一档) with tickets received in the period, by group: master, count in the period, in all. */
export async function repeatGroups(db: Db, scope: Scope, p: KeyedPeriod, limit: number): Promise<{ total: number; rows: Row[] }> {
  const { rows } = await sql<Record<string, unknown>>`
    with g as (
      select coalesce(t.repeat_of_id, t.id) as root, count(*)::int as n
      from ticket t
      where ${scopeTicketFilter(scope)} and t.received_at >= ${p.start} and t.received_at < ${p.end}
        and (t.repeat_of_id is not null or exists (select 1 from ticket c where c.repeat_of_id = t.id))
      group by 1
    )
    select m.id, m.number, u.name as unit_name, m.topic, m.received_at, m.status, g.n,
           (select count(*)::int from ticket c where c.repeat_of_id = m.id) + 1 as all_count,
           count(*) over () as total
    from g join ticket m on m.id = g.root left join unit u on u.id = m.unit_id
    order by g.n desc, m.id limit ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({ ...ticketRow(r), count: Number(r.n), allCount: Number(r.allCount), status: r.status === 'CLOSED' ? '已办结' : '在办' })),
  };
}

export const dayOf = (d: Date) => shanghaiDate(d);
