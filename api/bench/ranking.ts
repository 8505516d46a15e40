// Benchmark: the monthly rankings and the indicator reports at district scale, on PostgreSQL (a scratch schema of
// DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and on PGlite.
//   npx tsx api/bench/ranking.ts [--tickets 50000] [--background 950000] [--streets 36] [--runs 21]
//                                [--only postgres|pglite] [--schema NAME] [--keep] [--no-explain] [--year-streets N]
//                                [--write-cost]
// --write-cost: what keeping the stored daily counts costs writes: a 100,000-ticket INSERT … SELECT (an import), a
// 50,000-row UPDATE reopening tickets, and single-row reopen/close updates, each with the triggers and without
// (ALTER TABLE … DISABLE TRIGGER inside the same rolled-back transaction).
// The data (generated in SQL, deterministic): a district of --streets streets of 38 units each; --tickets tickets
// received in 2023-06 in the first street (the benchmarked street-month) and --background more spread over
// 2022–2023 across all streets, so that the reports must find the month among a history. ~90% are closed, 5% of
// the focus month are repeat children, closed tickets get 0–2 callbacks.
// Each report is timed as the owner and as the application role (rexian_app, bound by row-level security; the unit
// ranking with rexian.street_id set, as for a street account; the street ranking unconfined, as schema/reports.ts
// runs it), printing p50 and p99; then EXPLAIN (ANALYZE, BUFFERS) of the ranking statements as rexian_app.
// --schema reuses a kept schema (no load); --keep leaves the scratch schema for a later --schema run.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../src/db/connection';
import type { Database } from '../src/db/types';
import { prepareDatabase } from '../src/app';
import { monthRange } from '../src/domain/time';
import { nodeKpis } from '../src/reports/kpis';
import { streetRanking, streetRankings, unitRanking, unitRankings } from '../src/reports/ranking';
import * as rankingModule from '../src/reports/ranking';
import { pct, percentileLine, sampleMs } from './timing';

const { values: opts } = parseArgs({
  options: {
    tickets: { type: 'string', default: '50000' },
    background: { type: 'string', default: '950000' },
    streets: { type: 'string', default: '36' },
    runs: { type: 'string', default: '21' },
    only: { type: 'string' },
    schema: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'no-explain': { type: 'boolean', default: false },
    'year-streets': { type: 'string' },
    'write-cost': { type: 'boolean', default: false },
  },
});
const TICKETS = Number(opts.tickets);
const BACKGROUND = Number(opts.background);
const STREETS = Number(opts.streets);
const UNITS = 38;
const RUNS = Number(opts.runs);
const MONTH = '2023-06';
const [START, END] = monthRange(MONTH);
const [HIST_START] = monthRange('2022-01');
const [, HIST_END] = monthRange('2023-12');
const CHUNK = 100_000;

type Db = Kysely<Database>;

/** Tickets i ∈ [from, to) of the generated set; i < TICKETS are the focus street-month. */
async function insertTickets(db: Db, from: number, to: number, units: string) {
  await sql`
    insert into ticket (number, street_id, unit_id, category, received_at, first_contact_due, completion_due,
                        first_contact_at, closed_at, submitted_at, status, fact_finding, unfounded_accepted, resolution)
    select 'B' || lpad(g.i::text, 8, '0'), u.street_id, u.id, 'COMPLAINT', g.r, g.r + interval '1 day',
           g.r + (1 + floor(g.x2 * 7)) * interval '1 day',
           case when g.x3 < 0.97 then g.r + g.x4 * interval '30 hours' end,
           case when g.x1 < 0.9 then g.r + g.x5 * interval '9 days' end,
           case when g.x1 < 0.9 then g.r + g.x5 * interval '9 days' end,
           case when g.x1 < 0.9 then 'CLOSED' else 'IN_PROGRESS' end,
           case when g.x6 < 0.05 then 'UNFOUNDED' else 'TRUE' end, g.x6 < 0.05,
           case when g.x1 < 0.9 then (array['ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'])[1 + floor(g.x7 * 5)::int] end
    from (
      select i, random() as x1, random() as x2, random() as x3, random() as x4, random() as x5, random() as x6, random() as x7,
             case when i < ${TICKETS} then 0 else floor(random() * ${STREETS})::int end as s,
             floor(random() * ${UNITS})::int as k,
             case when i < ${TICKETS} then ${START}::timestamptz + random() * (${END}::timestamptz - ${START}::timestamptz)
                  else ${HIST_START}::timestamptz + random() * (${HIST_END}::timestamptz - ${HIST_START}::timestamptz) end as r
      from generate_series(${from}::int, ${to - 1}::int) as i
    ) g
    join ${sql.table(units)} u on u.s = g.s and u.k = g.k`.execute(db);
}

async function load(o: OpenedDatabase) {
  const db = o.db;
  await sql`select setseed(0.20230601)`.execute(db);
  const district = await db.insertInto('district').values({ code: 'BENCH-D', name: '基准区' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into street (code, name, district_id)
            select 'BENCH-S' || s, '基准街道' || s, ${district.id}::int from generate_series(0, ${STREETS - 1}::int) s`.execute(db);
  await sql`insert into unit (code, name, street_id, peer_group)
            select 'U' || lpad((k + 1)::text, 2, '0'), '单位' || (k + 1), st.id,
                   case when k < 11 then 'DEPARTMENT' when k < 15 then 'INSTITUTION' else 'RESIDENTIAL' end
            from street st cross join generate_series(0, ${UNITS - 1}::int) k where st.district_id = ${district.id}::int`.execute(db);
  await sql`create table bench_units as
            select u.id, u.street_id, substr(st.code, 8)::int as s, substring(u.code from 2)::int - 1 as k
            from unit u join street st on st.id = u.street_id where st.district_id = ${district.id}::int`.execute(db);
  const total = TICKETS + BACKGROUND;
  for (let from = 0; from < total; from += CHUNK) {
    const t0 = performance.now();
    await insertTickets(db, from, Math.min(total, from + CHUNK), 'bench_units');
    process.stdout.write(`  tickets ${Math.min(total, from + CHUNK)}/${total} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  }
  await sql`drop table bench_units`.execute(db);
  // 5% of the focus month are repeat children of an earlier ticket of the month.
  const t1 = performance.now();
  await sql`update ticket t set repeat_of_id = m.id
            from ticket m
            where t.number < ${'B' + String(TICKETS).padStart(8, '0')} and t.number >= 'B00001000' and substr(t.number, 2)::int % 20 = 7
              and m.number = 'B' || lpad((substr(t.number, 2)::int - 1 - (substr(t.number, 2)::int * 7919) % 1000)::text, 8, '0')`.execute(db);
  console.log(`  repeat children set (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  const t2 = performance.now();
  await sql`insert into callback (ticket_id, called_at, result)
            select c.id, c.closed_at + n * interval '1 day' + c.h * interval '1 hour',
                   (array['SATISFIED', 'SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED'])[1 + floor(random() * 8)::int]
            from (select t.id, t.closed_at, random() as h, case when random() < 0.85 then 1 + floor(random() * 2)::int else 0 end as k
                  from ticket t where t.closed_at is not null) c
            cross join generate_series(1, 2) n where n <= c.k`.execute(db);
  console.log(`  callbacks (${((performance.now() - t2) / 1000).toFixed(1)} s)`);
  // The steady state of a live database (autovacuum has run): statistics and visibility map are current.
  await sql`vacuum analyze`.execute(db);
}

async function ids(db: Db) {
  const st = await db.selectFrom('street').select(['id', 'districtId']).where('code', '=', 'BENCH-S0').executeTakeFirstOrThrow();
  const streets = await db.selectFrom('street').select('id').where('districtId', '=', st.districtId).orderBy('id').execute();
  const unit = await db.selectFrom('unit').select('id').where('streetId', '=', st.id).orderBy('id').executeTakeFirstOrThrow();
  return { streetId: st.id, districtId: st.districtId, unitId: unit.id, streetIds: streets.map((s) => s.id) };
}

async function time(label: string, fn: () => Promise<unknown>, runs = RUNS) {
  const ms = await sampleMs(fn, runs);
  console.log(percentileLine(label, 50, ms));
  return pct(ms, 50);
}

const scope = (db: Db, street: number | null) =>
  sql`select set_config('rexian.street_id', ${street === null ? '' : String(street)}, false), set_config('rexian.unit_id', '', false)`.execute(db);

async function timeAll(label: string, db: Db, n: Awaited<ReturnType<typeof ids>>, app: boolean) {
  console.log(`  -- as ${label}`);
  const now = new Date('2023-08-01T00:00:00Z');
  const months = Array.from({ length: 12 }, (_, i) => {
    const key = `2023-${String(i + 1).padStart(2, '0')}`;
    const [start, end] = monthRange(key);
    return { key, start, end };
  });
  const period = [{ key: MONTH, start: START, end: END }];
  // A street account's session: rexian.street_id set (only the application role is bound by it).
  const confined = async <T>(street: number | null, f: () => Promise<T>) => {
    if (app) await scope(db, street);
    try {
      return await f();
    } finally {
      if (app) await scope(db, null);
    }
  };
  const rows = await unitRanking(db, { streetId: n.streetId, month: MONTH, now });
  console.log(`  unitRanking: ${rows.rows.length} units, ${rows.rows.reduce((s, r) => s + r.kpis.closedCount, 0)} closed in ${MONTH}`);
  await time('unitRanking (street, month)', () => confined(n.streetId, () => unitRanking(db, { streetId: n.streetId, month: MONTH, now })));
  await time('streetRanking (district, month)', () => streetRanking(db, { districtId: n.districtId, month: MONTH, now }));
  await time('kpis (unit, month)', () => confined(n.streetId, () => nodeKpis(db, { node: { type: 'UNIT', id: n.unitId }, periods: period, now })));
  await time('kpis (street, month)', () => confined(n.streetId, () => nodeKpis(db, { node: { type: 'STREET', id: n.streetId }, periods: period, now })));
  await time('kpis (district, month)', () => nodeKpis(db, { node: { type: 'DISTRICT', id: n.districtId }, periods: period, now }));
  await time('kpiTrend (street, 12 months)', () => confined(n.streetId, () => nodeKpis(db, { node: { type: 'STREET', id: n.streetId }, periods: months, now })));
  // A district's year: every street's unit rankings for 12 months in one statement (unitRankings), and the street
  // rankings of the 12 months in one (streetRankings). --year-streets N: the old way, one unitRanking call per
  // street-month, for the first N streets (the total extrapolated to all of them).
  const monthKeys = months.map((m) => m.key);
  await time(`unitRankings ${n.streetIds.length} streets × 12 months (one statement)`, () => unitRankings(db, { streetIds: n.streetIds, months: monthKeys, now }), 5);
  await time('streetRankings × 12 months (district year, one statement)', () => streetRankings(db, { districtId: n.districtId, months: monthKeys, now }), 5);
  // The same year once it is over: every month reads kpi_monthly_count. (As of `now` above, Aug–Dec 2023 read the
  // daily counts — the running month, and months after now that the generated history fills with tickets.)
  const after = new Date('2024-01-01T00:00:00+08:00');
  await time(`unitRankings ${n.streetIds.length} streets × 12 months (a closed year)`, () => unitRankings(db, { streetIds: n.streetIds, months: monthKeys, now: after }), 5);
  if (opts['year-streets']) {
    const yearStreets = n.streetIds.slice(0, Number(opts['year-streets']));
    const year = await time(`unitRanking ${yearStreets.length} streets × 12 months (a call each)`, async () => {
      for (const st of yearStreets) {
        await confined(st, async () => {
          for (const m of months) await unitRanking(db, { streetId: st, month: m.key, now });
        });
      }
    }, 1);
    console.log(`    → ${n.streetIds.length} streets × 12 months ≈ ${((year * n.streetIds.length) / yearStreets.length).toFixed(0)} ms`);
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the ranking statements, when ranking.ts exposes them (rankingStatements). */
async function explain(db: Db, n: Awaited<ReturnType<typeof ids>>) {
  const statements = (rankingModule as Record<string, unknown>).rankingStatements as
    | ((db: Db, a: { streetId: number; districtId: number; month: string; now: Date }) => Promise<{ label: string; query: ReturnType<typeof sql> }[]>)
    | undefined;
  const now = new Date('2023-08-01T00:00:00Z');
  // The ticket policies' estimates: a street's tickets closed in the month, under each scope (the rows the planner
  // expects against the rows there are).
  const tickets = {
    label: 'tickets of a street closed in the month',
    query: sql`select count(*) from ticket t
               where t.unit_id = any(array(select u.id from unit u where u.street_id = ${n.streetId}::int))
                 and t.closed_at >= ${START}::timestamptz and t.closed_at < ${END}::timestamptz`,
  };
  const list = statements ? await statements(db, { streetId: n.streetId, districtId: n.districtId, month: MONTH, now }) : [];
  for (const { label, query } of [tickets, ...list]) {
    for (const street of label.startsWith('unit') ? [n.streetId] : label.startsWith('tickets') ? [null, n.streetId] : [null]) {
      await scope(db, street);
      const compiled = query.compile(db);
      const { rows } = await db.transaction().execute(async (trx) => {
        await sql`set local jit = off`.execute(trx);
        return trx.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain (analyze, buffers, timing off) ${compiled.sql}` });
      });
      await scope(db, null);
      console.log(`\n  EXPLAIN ${label} (as rexian_app${street ? `, rexian.street_id=${street}` : ''}):`);
      for (const r of rows) console.log(`    ${Object.values(r)[0]}`);
    }
  }
}

/** The cost of the triggers of migration 0019 on writes, each measured in a transaction that is rolled back. */
async function writeCost(db: Db) {
  const rolledBack = async (label: string, triggers: boolean, work: (trx: Db) => Promise<unknown>) => {
    let ms = 0;
    await db
      .transaction()
      .execute(async (trx) => {
        if (!triggers) {
          await sql`alter table ticket disable trigger ticket_kpi_update`.execute(trx);
          await sql`alter table ticket disable trigger ticket_kpi_insert`.execute(trx);
        }
        const t0 = performance.now();
        await work(trx as unknown as Db);
        ms = performance.now() - t0;
        throw new Error('rollback');
      })
      .catch((e) => {
        if ((e as Error).message !== 'rollback') throw e;
      });
    console.log(`  ${label.padEnd(50)} ${triggers ? 'with' : 'without'} triggers ${ms.toFixed(1).padStart(9)} ms`);
  };
  console.log('  -- writes (owner; rolled back)');
  const base = 2_000_000;
  for (const triggers of [false, true]) {
    await rolledBack('INSERT … SELECT 100,000 tickets', triggers, async (trx) => {
      await sql`create temp table if not exists bench_units as
                select u.id, u.street_id, substr(st.code, 8)::int as s, substring(u.code from 2)::int - 1 as k
                from unit u join street st on st.id = u.street_id where st.code like 'BENCH-S%'`.execute(trx);
      await insertTickets(trx, base, base + 100_000, 'bench_units');
    });
  }
  for (const triggers of [false, true]) {
    await rolledBack('UPDATE reopening 50,000 closed tickets', triggers, (trx) =>
      sql`update ticket set closed_at = null, status = 'IN_PROGRESS' where id in (select id from ticket where closed_at is not null order by id limit 50000)`.execute(trx),
    );
  }
  for (const triggers of [false, true]) {
    await rolledBack('100 single-ticket reopen + close updates', triggers, async (trx) => {
      const { rows } = await sql<{ id: number }>`select id from ticket where closed_at is not null order by id limit 100`.execute(trx);
      for (const r of rows) {
        await sql`update ticket set closed_at = null, status = 'IN_PROGRESS' where id = ${r.id}::int`.execute(trx);
        await sql`update ticket set closed_at = received_at + interval '2 days', status = 'CLOSED' where id = ${r.id}::int`.execute(trx);
      }
    });
  }
}

async function bench(engine: string, o: OpenedDatabase, reuse: boolean) {
  console.log(`\n${engine}`);
  await prepareDatabase(o, { seed: 'none', adminPassword: 'bench-password-1', quiet: true });
  if (!reuse) {
    const t0 = performance.now();
    await load(o);
    console.log(`  loaded ${TICKETS} tickets of ${MONTH} in one street and ${BACKGROUND} more over ${STREETS} streets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  // Statistics of the stored counts (filled by migration 0019's backfill), as autovacuum would have them.
  await sql`analyze kpi_daily_count`.execute(o.db);
  await sql`analyze kpi_monthly_count`.execute(o.db);
  if (opts['write-cost']) await writeCost(o.db);
  const n = await ids(o.db);
  const { count } = (await sql<{ count: number }>`select count(*)::int as count from ticket`.execute(o.db)).rows[0]!;
  console.log(`  ${count} tickets, ${n.streetIds.length} streets`);
  await timeAll('owner', o.db, n, false);
  if (o.kind === 'postgres') {
    // One pinned connection as rexian_app, so that the session settings hold across the calls.
    await o.appDb.connection().execute(async (c) => {
      const role = (await sql<{ r: string }>`select current_user as r`.execute(c)).rows[0]!.r;
      await timeAll(`${role} (row-level security)`, c as unknown as Db, n, true);
      if (!opts['no-explain']) await explain(c as unknown as Db, n);
    });
  }
}

async function main() {
  if (opts.only !== 'pglite') {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = opts.schema ?? `bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    if (!opts.schema) await admin.query(`create schema ${schema}`);
    const version = (await admin.query('show server_version')).rows[0].server_version;
    try {
      const o = await openDatabase({ databaseUrl: url, searchPath: schema, statementTimeoutMs: 600_000 });
      try {
        await bench(`PostgreSQL ${version} (schema ${schema})`, o, !!opts.schema);
      } finally {
        await o.close();
      }
    } finally {
      if (opts.keep || opts.schema) console.log(`  kept schema ${schema}`);
      else await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }
  if (opts.only !== 'postgres') {
    const o = await openDatabase({ memory: true });
    try {
      await bench('PGlite (in memory)', o, false);
    } finally {
      await o.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
