// What partitioning ticket by month (received_at) would change, measured on the city of api/bench/city.ts: a copy
// of the tickets in `ticket_by_month` (range-partitioned by Shanghai month, 40 partitions and a default), with the
// indexes the compared statements use and the same row-level policies as ticket; then the same statements on both
// tables, as rexian_app confined to the clerk's street: the list (first page + count, two orders, as the API sent
// them) and the 月报's received-by-category count (reports/content/lists.ts receivedByCategory), as it is and with
// plain bounds on received_at. Not a migration: a side table the application never reads.
import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../src/db/types';
import { monthRange } from '../src/domain/time';
import { loadavg } from './city-load';

type Db = Kysely<Database>;
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** Creates ticket_by_month from ticket unless it is there (a kept schema); prints the time of each step. */
export async function createPartitionedCopy(c: pg.Client) {
  if ((await c.query(`select to_regclass('ticket_by_month') as t`)).rows[0].t) return;
  const step = async (label: string, text: string) => {
    const t0 = performance.now();
    await c.query(text);
    console.log(`  ${label}: ${secs(t0)} s   (load ${loadavg()})`);
  };
  await c.query(`set maintenance_work_mem = '1GB'`);
  await step('create ticket_by_month (40 monthly partitions and a default)', `
    create table ticket_by_month (like ticket including defaults including constraints) partition by range (received_at);
    do $$
    declare m timestamp; -- a Shanghai month's first midnight (UTC+8, as domain/time.ts counts)
    begin
      for m in select generate_series(timestamp '2023-01-01', timestamp '2026-04-01', interval '1 month') loop
        execute format('create table %I partition of ticket_by_month for values from (%L) to (%L)',
          'ticket_by_month_' || to_char(m, 'YYYYMM'), m at time zone 'Asia/Shanghai', (m + interval '1 month') at time zone 'Asia/Shanghai');
      end loop;
      create table ticket_by_month_default partition of ticket_by_month default;
    end
    $$`);
  await step('copy the tickets', `insert into ticket_by_month select * from ticket`);
  // The indexes the compared statements use on ticket, as partitioned indexes (one per partition).
  for (const cols of ['street_id, received_at, id', 'street_id, completion_due, id', 'street_id, unit_id, id', 'unit_id, received_at']) {
    await step(`index (${cols})`, `create index on ticket_by_month (${cols})`);
  }
  // The same row-level policies as ticket (migrations 0005/0015/0019), read from the catalog.
  const { rows } = await c.query(
    `select polname, polpermissive, pg_get_expr(polqual, polrelid) as qual from pg_policy where polrelid = 'ticket'::regclass`,
  );
  for (const p of rows) {
    await c.query(`create policy ${p.polname} on ticket_by_month as ${p.polpermissive ? 'permissive' : 'restrictive'} for select to public using (${p.qual})`);
  }
  await c.query(`alter table ticket_by_month enable row level security`);
  await c.query(`grant select on ticket_by_month to rexian_app`);
  await step('vacuum analyze ticket_by_month', `vacuum analyze ticket_by_month`);
}

/** The statements on ticket and on ticket_by_month, timed and explained, on `c` (rexian_app, street confined). */
export async function comparePartitioned(c: Db, a: { streetId: number; month: string; lists: Record<string, { text: string; values: unknown[] }>; runs: number }) {
  const [start, end] = monthRange(a.month);
  const [lastStart, lastEnd] = monthRange(`${Number(a.month.slice(0, 4)) - 1}${a.month.slice(4)}`);
  const byCategory = (table: string, bounded: boolean) => CompiledQuery.raw(
    `with periods (key, start_at, end_at) as (values ('now'::text, $1::timestamptz, $2::timestamptz), ('before'::text, $3::timestamptz, $4::timestamptz))
     select p.key, t.category, count(*)::int as n
     from ${table} t join periods p on t.received_at >= p.start_at and t.received_at < p.end_at
     where t.unit_id = any(array(select u.id from unit u where u.street_id = $5::int))
     ${bounded ? 'and t.received_at >= $3::timestamptz and t.received_at < $2::timestamptz' : ''}
     group by 1, 2`,
    [start, end, lastStart, lastEnd, a.streetId],
  );
  const cases: [string, (table: string) => CompiledQuery][] = [
    ...Object.entries(a.lists).map(([label, s]) => [label, (table: string) => CompiledQuery.raw(s.text.replaceAll('"ticket"', `"${table}"`), s.values)] as [string, (t: string) => CompiledQuery]),
    ['月报 received by category (street; as lists.ts has it)', (table) => byCategory(table, false)],
    ['月报 received by category (street; + bounds on received_at)', (table) => byCategory(table, true)],
  ];
  await c.executeQuery(CompiledQuery.raw(`select set_config('rexian.street_id', $1, false)`, [String(a.streetId)]));
  try {
    await c.executeQuery(CompiledQuery.raw('set jit = off'));
    console.log(`\n  -- ticket (one table) vs ticket_by_month (40 monthly partitions), as rexian_app, rexian.street_id=${a.streetId}`);
    for (const [label, query] of cases) {
      for (const table of ['ticket', 'ticket_by_month']) {
        const q = query(table);
        await c.executeQuery(q); // warm-up
        const ms: number[] = [];
        for (let i = 0; i < a.runs; i++) {
          const t0 = performance.now();
          await c.executeQuery(q);
          ms.push(performance.now() - t0);
        }
        ms.sort((x, y) => x - y);
        const plan = (await c.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]))).rows.map((r) => Object.values(r)[0]!);
        const scanned = new Set(plan.filter((l) => !l.includes('never executed')).flatMap((l) => l.match(/ on ticket_by_month_(?:\d{6}|default)(?!\w)/g) ?? [])).size;
        const buffers = plan.find((l) => l.trim().startsWith('Buffers:'))?.trim() ?? '';
        const timing = plan.filter((l) => /Planning Time|Execution Time/.test(l)).map((l) => l.trim()).join(', ');
        console.log(`  ${`${label} on ${table}`.padEnd(82)} p50 ${ms[Math.floor(ms.length / 2)]!.toFixed(1).padStart(7)} ms  max ${ms.at(-1)!.toFixed(1).padStart(7)} ms  (${a.runs} runs; load ${loadavg()})`);
        console.log(`      ${timing}; ${buffers}${table === 'ticket_by_month' ? `; partitions read ${scanned}` : ''}`);
      }
    }
  } finally {
    await c.executeQuery(CompiledQuery.raw(`select set_config('rexian.street_id', '', false)`));
    await c.executeQuery(CompiledQuery.raw('reset jit'));
  }
}
