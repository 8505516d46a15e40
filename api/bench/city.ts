// Benchmark: a city on one PostgreSQL (issue #12) — 16 districts, 215 街镇 of 38 units, --tickets tickets (default
// 10M: 3.3 years of a city receiving 3M a year) — generated set-based in a scratch schema (api/bench/city-load.ts),
// then measured as the API runs, as the application role (rexian_app) under row-level security:
//   1. a street clerk's ticket list (OPS of the largest street, ~46k tickets a year): first page of 100 + count,
//      through the GraphQL endpoint in process (createApiYoga, logged in), default order and by completion due; and the
//      district account's list of the whole database for comparison;
//   2. the street ranking of the first district for a month (streetRanking) and the clerk's unit ranking;
//   3. the district's 月报 content (buildReport MONTHLY, as reportContent builds it) and the street's.
// p50/p99 of --runs runs after a warm-up, each printed with the load average; table and index sizes; EXPLAIN
// (ANALYZE, BUFFERS) of the list and ranking statements; and a check that the stored counts built after the load
// equal those the pure module (domain/kpi.ts) computes from the tickets of sample street-months.
//   npx tsx api/bench/city.ts [--tickets 10000000] [--runs 15] [--month 2026-03] [--schema NAME] [--keep] [--partitioned]
// --partitioned: also what partitioning ticket by month would change (api/bench/city-partition.ts: a partitioned copy
// of the tickets, the list and a 月报 statement on both).
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) must be a superuser on loopback (the load uses
// session_replication_role). --schema reuses a kept schema (no load); --keep keeps the scratch schema bench_city_….
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/connection';
import type { Database } from '../src/db/types';
import { prepareDatabase } from '../src/app';
import { createApiYoga } from '../src/yoga';
import { createUser } from '../src/repos/auth';
import { monthRange } from '../src/domain/time';
import { countKpis, type KpiCounts } from '../src/domain/kpi';
import { loadNodeTickets, toKpiTicket } from '../src/reports/kpis';
import { rankingStatements, streetRanking, unitRanking } from '../src/reports/ranking';
import { buildReport } from '../src/reports/content';
import { loadavg, loadCity, NOW } from './city-load';
import { percentileLine, sampleMs } from './timing';
import { comparePartitioned, createPartitionedCopy } from './city-partition';

const { values: opts } = parseArgs({
  options: {
    tickets: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '15' },
    month: { type: 'string', default: '2026-03' },
    schema: { type: 'string' },
    keep: { type: 'boolean', default: false },
    partitioned: { type: 'boolean', default: false },
  },
});
const TICKETS = Number(opts.tickets.replace(/_/g, ''));
const RUNS = Number(opts.runs);
const MONTH = opts.month!;
const PASSWORD = 'bench-password-1';
const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(URL_).hostname)) throw new Error('loopback only');

type Db = Kysely<Database>;
const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
async function time(label: string, fn: () => Promise<unknown>, runs = RUNS) {
  console.log(percentileLine(label, 58, await sampleMs(fn, runs), `; load ${loadavg()}`));
}

// The list statement as the API sent it (repos/crud.ts listRowsWithCount, recognisable by its count column), captured
// at the driver so that EXPLAIN runs exactly that text with those parameters.
// While `profile` is set, every statement's time is recorded into it (the 月报's statements, slowest first).
let captured: { text: string; values: unknown[] } | null = null;
let profile: { ms: number; text: string }[] | null = null;
const clientQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...a: unknown[]) {
  if (typeof a[0] === 'string' && a[0].includes('rexian_total')) captured = { text: a[0], values: (a[1] as unknown[]) ?? [] };
  const t0 = performance.now();
  const result = clientQuery.apply(this, a);
  const mine = profile;
  if (mine && typeof a[0] === 'string' && result instanceof Promise) {
    void result.then(() => mine.push({ ms: performance.now() - t0, text: (a[0] as string).replace(/\s+/g, ' ') }), () => {});
  }
  return result;
};

/** One run of `work` with the time of each of its statements: the count, the total and the slowest `top`. */
async function profiled(label: string, work: () => Promise<unknown>, top = 6) {
  profile = [];
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  const stmts = profile.sort((a, b) => b.ms - a.ms);
  profile = null;
  const sum = stmts.reduce((s, x) => s + x.ms, 0);
  console.log(`\n  ${label}: ${ms.toFixed(0)} ms, ${stmts.length} statements taking ${sum.toFixed(0)} ms (load ${loadavg()}); slowest:`);
  for (const s of stmts.slice(0, top)) console.log(`    ${s.ms.toFixed(0).padStart(6)} ms  ${s.text.slice(0, 230)}`);
}

const scope = (db: Db, street: number | null) =>
  sql`select set_config('rexian.street_id', ${street === null ? '' : String(street)}, false), set_config('rexian.unit_id', '', false)`.execute(db);

async function explain(db: Db, label: string, street: number | null, text: string, values: readonly unknown[]) {
  await scope(db, street);
  const { rows } = await db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx); // as reports/kpis.ts runReport runs the report statements
    return trx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${text}`, [...values]));
  });
  await scope(db, null);
  console.log(`\n  EXPLAIN ${label} (as rexian_app${street ? `, rexian.street_id=${street}` : ''}):`);
  for (const r of rows) console.log(`    ${Object.values(r)[0]}`);
}

async function sizes(db: Db) {
  const { rows } = await sql<{ name: string; kind: string; bytes: number; rows: number }>`
    select c.relname as name, case c.relkind when 'i' then 'index' else 'table' end as kind,
           case c.relkind when 'i' then pg_relation_size(c.oid) else pg_total_relation_size(c.oid) end::bigint as bytes,
           c.reltuples::bigint as rows
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema()
      and (c.relname in ('ticket', 'callback', 'kpi_daily_count', 'kpi_monthly_count', 'unit')
           or c.oid in (select indexrelid from pg_index where indrelid in ('ticket'::regclass, 'callback'::regclass)))
    order by c.relkind desc, bytes desc`.execute(db);
  console.log('\n  sizes (tables: pg_total_relation_size, with indexes and TOAST; indexes: their own)');
  for (const r of rows) console.log(`    ${r.kind.padEnd(5)} ${r.name.padEnd(42)} ${(Number(r.bytes) / 2 ** 20).toFixed(0).padStart(7)} MB   ${r.kind === 'table' ? `${r.rows} rows` : ''}`);
  const { db: dbBytes } = (await sql<{ db: number }>`select sum(pg_total_relation_size(c.oid))::bigint as db from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'`.execute(db)).rows[0]!;
  console.log(`    schema total ${(Number(dbBytes) / 2 ** 30).toFixed(2)} GB`);
}

/** The stored counts of a street-month against the pure module's count of the street's tickets (domain/kpi.ts). */
async function verifyCounts(db: Db, streetId: number, month: string) {
  const [start, end] = monthRange(month);
  const tickets = (await loadNodeTickets(db, { node: { type: 'STREET', id: streetId }, period: { start, end } })).map((r) => toKpiTicket(r));
  const computed = countKpis(tickets, { start, end }, { now: NOW });
  const monthly = (await sql<Record<string, number>>`
    select coalesce(sum(received_count), 0)::int as received_count, coalesce(sum(closed_count), 0)::int as closed_count,
      coalesce(sum(first_contact_on_time_count), 0)::int as first_contact_on_time_count, coalesce(sum(due_count), 0)::int as due_count,
      coalesce(sum(on_time_count), 0)::int as on_time_count, coalesce(sum(resolution_base_count), 0)::int as resolution_base_count,
      coalesce(sum(resolved_count), 0)::int as resolved_count, coalesce(sum(actually_resolved_count), 0)::int as actually_resolved_count,
      coalesce(sum(satisfaction_base_count), 0)::int as satisfaction_base_count, coalesce(sum(satisfied_count), 0)::int as satisfied_count,
      coalesce(sum(basically_satisfied_count), 0)::int as basically_satisfied_count, coalesce(sum(neutral_count), 0)::int as neutral_count,
      coalesce(sum(unsatisfied_count), 0)::int as unsatisfied_count
    from kpi_monthly_count where street_id = ${streetId}::int and month = ${`${month}-01`}::date`.execute(db)).rows[0]!;
  const bad = (Object.keys(computed) as (keyof KpiCounts)[]).filter((k) => Number(monthly[k]) !== computed[k]);
  if (bad.length || computed.receivedCount === 0) {
    throw new Error(`stored counts of street ${streetId} in ${month} differ from the tickets' (${bad.join(', ') || 'no tickets'}): stored ${JSON.stringify(monthly)}, computed ${JSON.stringify(computed)}`);
  }
  console.log(`  counts verified: street ${streetId} ${month} (${tickets.length} tickets touch it; received ${computed.receivedCount}, closed ${computed.closedCount}, S ${computed.satisfactionBaseCount})`);
}

async function main() {
  const schema = opts.schema ?? `bench_city_${process.pid}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  const version = (await admin.query('show server_version')).rows[0].server_version;
  console.log(`PostgreSQL ${version}, schema ${schema}, ${new Date().toISOString()}, load ${loadavg()}`);
  if (!opts.schema) await admin.query(`create schema ${schema}`);
  const o = await openDatabase({ databaseUrl: URL_, searchPath: schema, statementTimeoutMs: 3_600_000 });
  try {
    await prepareDatabase(o, { seed: 'none', adminPassword: PASSWORD, quiet: true });
    if (!opts.schema) {
      console.log(`\nload: ${TICKETS} tickets`);
      const c = new pg.Client({ connectionString: URL_, options: `-c search_path=${schema}` });
      await c.connect();
      const t0 = performance.now();
      try {
        await loadCity(c, TICKETS, (l) => console.log(l));
      } finally {
        await c.end();
      }
      console.log(`  loaded in ${secs(t0)} s`);
    }
    if (opts.partitioned) {
      const c = new pg.Client({ connectionString: URL_, options: `-c search_path=${schema}` });
      await c.connect();
      try {
        await createPartitionedCopy(c);
      } finally {
        await c.end();
      }
    }
    const db = o.db;
    const focus = (await db.selectFrom('street').select(['id', 'districtId']).orderBy('id').executeTakeFirstOrThrow());
    const last = (await db.selectFrom('street').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    if (!(await db.selectFrom('appUser').select('id').where('username', '=', 'city-clerk').executeTakeFirst())) {
      await createUser(db, { username: 'city-clerk', password: PASSWORD, role: 'OPS', streetId: focus.id, displayName: '街道城运 基准' });
    }
    const stats = (await sql<{ tickets: number; street: number; year: number; district: number }>`
      select (select count(*) from ticket)::int as tickets, (select count(*) from ticket where street_id = ${focus.id}::int)::int as street,
             (select count(*) from ticket where street_id = ${focus.id}::int and received_at >= ${NOW}::timestamptz - interval '1 year')::int as year,
             (select count(*) from ticket t join street s on s.id = t.street_id where s.district_id = ${focus.districtId}::int
                and t.received_at >= ${monthRange(MONTH)[0]}::timestamptz and t.received_at < ${monthRange(MONTH)[1]}::timestamptz)::int as district`.execute(db)).rows[0]!;
    console.log(`\n  ${stats.tickets} tickets; the clerk's street ${focus.id}: ${stats.street} (${stats.year} in the last year); district ${focus.districtId} received ${stats.district} in ${MONTH}`);
    await verifyCounts(db, focus.id, MONTH);
    await verifyCounts(db, last, '2024-07');
    await sizes(db);

    // 1. The lists, through the API in process, as rexian_app (the street account's request pinned to its street).
    const yoga = createApiYoga({ db: o.appDb, production: true });
    const post = async (body: unknown, cookie?: string) => {
      const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
      return { res, json: (await res.json()) as { data?: any; errors?: unknown[] } };
    };
    const login = async (username: string) => {
      const { res, json } = await post({ query: `mutation { login(username: "${username}", password: "${PASSWORD}") { id } }` });
      if (json.errors) throw new Error(`login ${username}: ${JSON.stringify(json.errors)}`);
      return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };
    const list = (field: string, order: string) => ({
      query: `{ allTickets(page: 0, perPage: 100, sortField: "${field}", sortOrder: "${order}") { id number receivedAt category topic status firstContactDue completionDue unitId unit { id name } } _allTicketsMeta { count } }`,
    });
    const clerk = await login('city-clerk');
    const district = await login('admin');
    const statements: Record<string, { text: string; values: unknown[] }> = {};
    console.log(`\n  -- as rexian_app (row-level security), ${TICKETS} tickets`);
    for (const [label, cookie, field, order, runs] of [
      ['street clerk list: 100 + count, receivedAt desc', clerk, 'receivedAt', 'DESC', RUNS],
      ['street clerk list: 100 + count, completionDue asc', clerk, 'completionDue', 'ASC', RUNS],
      ['district account list (whole DB): 100 + count', district, 'receivedAt', 'DESC', 5],
    ] as const) {
      const { json } = await post(list(field, order), cookie);
      if (json.errors || json.data.allTickets.length !== 100) throw new Error(`${label}: ${JSON.stringify(json.errors ?? json.data.allTickets.length)}`);
      if (label.startsWith('street') && json.data._allTicketsMeta.count !== stats.street) throw new Error(`${label}: count ${json.data._allTicketsMeta.count}, expected ${stats.street}`);
      statements[label] = captured!;
      await time(`${label} (${json.data._allTicketsMeta.count})`, async () => {
        const r = await post(list(field, order), cookie);
        if (r.json.errors) throw new Error(JSON.stringify(r.json.errors));
      }, runs);
    }

    // 2, 3. Rankings and 月报 on one pinned rexian_app connection, confined to the street as a street account's.
    await o.appDb.connection().execute(async (conn) => {
      const c = conn as unknown as Db;
      const role = (await sql<{ r: string }>`select current_user as r`.execute(c)).rows[0]!.r;
      if (role !== 'rexian_app') throw new Error(`measuring as ${role}, not rexian_app`);
      const confined = async <T>(street: number | null, f: () => Promise<T>) => {
        await scope(c, street);
        try {
          return await f();
        } finally {
          await scope(c, null);
        }
      };
      const ranked = await streetRanking(c, { districtId: focus.districtId, month: MONTH, now: NOW });
      console.log(`  streetRanking: ${ranked.rows.length} streets; unitRanking: ${(await confined(focus.id, () => unitRanking(c, { streetId: focus.id, month: MONTH, now: NOW }))).rows.length} units`);
      await time(`streetRanking (district ${focus.districtId}, ${MONTH})`, () => streetRanking(c, { districtId: focus.districtId, month: MONTH, now: NOW }));
      await time(`unitRanking (clerk's street, ${MONTH})`, () => confined(focus.id, () => unitRanking(c, { streetId: focus.id, month: MONTH, now: NOW })));
      await time(`月报 content, district (${MONTH})`, () => buildReport(c, { kind: 'MONTHLY', streetId: null, period: MONTH, now: NOW }));
      await time(`月报 content, clerk's street (${MONTH})`, () => confined(focus.id, () => buildReport(c, { kind: 'MONTHLY', streetId: focus.id, period: MONTH, now: NOW })));

      await profiled(`月报 content, district (${MONTH})`, () => buildReport(c, { kind: 'MONTHLY', streetId: null, period: MONTH, now: NOW }));
      await profiled(`月报 content, clerk's street (${MONTH})`, () => confined(focus.id, () => buildReport(c, { kind: 'MONTHLY', streetId: focus.id, period: MONTH, now: NOW })));

      for (const [label, s] of Object.entries(statements)) await explain(c, label, label.startsWith('street') ? focus.id : null, s.text, s.values);
      if (opts.partitioned) {
        const lists = Object.fromEntries(Object.entries(statements).filter(([label]) => label.startsWith('street')));
        await comparePartitioned(c, { streetId: focus.id, month: MONTH, lists, runs: RUNS });
      }
      const ranking = await rankingStatements(c, { streetId: focus.id, districtId: focus.districtId, month: MONTH, now: NOW });
      for (const { label, query } of ranking.slice(0, 2)) {
        const compiled = query.compile(c);
        await explain(c, label, label === 'unitRanking' ? focus.id : null, compiled.sql, compiled.parameters);
      }
    });
  } finally {
    await o.close();
    if (opts.keep || opts.schema) console.log(`\n  kept schema ${schema}`);
    else {
      await admin.query(`drop schema if exists ${schema} cascade`);
      console.log(`\n  dropped schema ${schema}`);
    }
    await admin.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
