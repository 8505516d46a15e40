// Benchmark: the monthly unit ranking and the indicator reports over one street-month of 50,000 tickets, on
// PostgreSQL (a scratch schema of DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and on PGlite.
//   npx tsx api/bench/ranking.ts [--tickets 50000] [--background 0] [--runs 7] [--only postgres|pglite]
//                                [--without-kpi-indexes] [--keep]
// --background N adds N more tickets spread over 2022–2023 in the street's other months and in two other streets
// of the district, so that the reports must find the month among a history (that is where indexes matter).
// Prints the median (and min/max) of several runs of each report. The scratch schema is dropped afterwards
// (--keep leaves it, to look at plans with EXPLAIN).
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../src/db/connection';
import { prepareDatabase } from '../src/app';
import { monthRange } from '../src/domain/time';
import { nodeKpis } from '../src/reports/kpis';
import { streetRanking, unitRanking } from '../src/reports/ranking';

const { values: opts } = parseArgs({
  options: {
    tickets: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '7' },
    only: { type: 'string' },
    'without-kpi-indexes': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    background: { type: 'string', default: '0' },
  },
});
const TICKETS = Number(opts.tickets);
const BACKGROUND = Number(opts.background);
const RUNS = Number(opts.runs);
const MONTH = '2023-06';
const [START, END] = monthRange(MONTH);
const H = 3_600_000;
const D = 24 * H;

/** A small deterministic PRNG (mulberry32), so both engines get the same data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function load(o: OpenedDatabase) {
  const db = o.db;
  const rnd = prng(20230601);
  const district = await db.insertInto('district').values({ code: 'BENCH-D', name: '基准区' }).returning('id').executeTakeFirstOrThrow();
  const streets = [];
  for (let s = 0; s < 3; s++) {
    streets.push(await db.insertInto('street').values({ code: `BENCH-S${s}`, name: `基准街道${s}`, districtId: district.id }).returning('id').executeTakeFirstOrThrow());
  }
  const street = streets[0]!;
  const units = await db
    .insertInto('unit')
    .values(
      Array.from({ length: 38 }, (_, i) => ({
        code: `U${String(i + 1).padStart(2, '0')}`,
        name: `单位${i + 1}`,
        streetId: street.id,
        peerGroup: i < 11 ? 'DEPARTMENT' : i < 15 ? 'INSTITUTION' : 'RESIDENTIAL',
      })),
    )
    .returning('id')
    .execute();
  const unitsByStreet = [units];
  for (const st of streets.slice(1)) {
    unitsByStreet.push(
      await db
        .insertInto('unit')
        .values(Array.from({ length: 38 }, (_, i) => ({ code: `U${String(i + 1).padStart(2, '0')}`, name: `单位${i + 1}`, streetId: st.id, peerGroup: i < 15 ? 'DEPARTMENT' : 'RESIDENTIAL' })))
        .returning('id')
        .execute(),
    );
  }
  const resolutions = ['ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'] as const;
  const results = ['SATISFIED', 'SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED'] as const;
  const masters: number[] = [];
  const BATCH = 1000;
  let n = 0;
  const [histStart] = monthRange('2022-01');
  const [, histEnd] = monthRange('2023-12');
  const total = TICKETS + BACKGROUND;
  for (let b = 0; b < total; b += BATCH) {
    const rows = [];
    for (let i = b; i < Math.min(total, b + BATCH); i++) {
      // The first TICKETS are the benchmarked street-month; the rest are history and neighbours.
      const focus = i < TICKETS;
      let receivedAt: Date;
      let streetIdx = 0;
      if (focus) receivedAt = new Date(START.getTime() + rnd() * (END.getTime() - START.getTime()));
      else {
        streetIdx = Math.floor(rnd() * streets.length);
        do receivedAt = new Date(histStart.getTime() + rnd() * (histEnd.getTime() - histStart.getTime()));
        while (streetIdx === 0 && receivedAt >= new Date(START.getTime() - 10 * D) && receivedAt < END);
      }
      const unitPool = unitsByStreet[streetIdx]!;
      const closed = rnd() < 0.9;
      const completionDue = new Date(receivedAt.getTime() + (1 + Math.floor(rnd() * 7)) * D);
      const closedAt = closed ? new Date(receivedAt.getTime() + rnd() * 9 * D) : null;
      const unfounded = rnd() < 0.05;
      rows.push({
        number: `B${String(++n).padStart(8, '0')}`,
        streetId: streets[streetIdx]!.id,
        unitId: unitPool[Math.floor(rnd() * unitPool.length)]!.id,
        category: 'COMPLAINT',
        receivedAt,
        firstContactDue: new Date(receivedAt.getTime() + D),
        completionDue,
        firstContactAt: rnd() < 0.97 ? new Date(receivedAt.getTime() + rnd() * 30 * H) : null,
        closedAt,
        submittedAt: closedAt,
        status: closed ? 'CLOSED' : 'IN_PROGRESS',
        factFinding: unfounded ? 'UNFOUNDED' : 'TRUE',
        unfoundedAccepted: unfounded,
        resolution: closed ? resolutions[Math.floor(rnd() * resolutions.length)]! : null,
        repeatOfId: focus && masters.length > 100 && rnd() < 0.05 ? masters[Math.floor(rnd() * masters.length)]! : null,
      });
    }
    const ids = await db.insertInto('ticket').values(rows).returning(['id', 'closedAt', 'repeatOfId']).execute();
    for (const t of ids) if (t.repeatOfId === null && masters.length < 5000) masters.push(t.id);
    const callbacks = [];
    for (const t of ids) {
      if (!t.closedAt) continue;
      const k = rnd() < 0.85 ? 1 + Math.floor(rnd() * 2) : 0;
      for (let c = 0; c < k; c++) {
        callbacks.push({ ticketId: t.id, calledAt: new Date(t.closedAt.getTime() + (c + 1) * D + Math.floor(rnd() * H)), result: results[Math.floor(rnd() * results.length)]! });
      }
    }
    if (callbacks.length) await db.insertInto('callback').values(callbacks).execute();
  }
  // The steady state of a live database (autovacuum has run): statistics and visibility map are current.
  await sql`vacuum analyze`.execute(db);
  return { streetId: street.id, districtId: district.id, unitId: units[0]!.id };
}

async function time(label: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up (plans, caches)
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(`  ${label.padEnd(44)} median ${median.toFixed(1).padStart(8)} ms   (min ${ms[0]!.toFixed(1)}, max ${ms[ms.length - 1]!.toFixed(1)}, ${RUNS} runs)`);
  return median;
}

async function bench(engine: string, o: OpenedDatabase) {
  console.log(`\n${engine}`);
  await prepareDatabase(o, { seed: 'none', adminPassword: 'bench-password-1', quiet: true });
  if (opts['without-kpi-indexes']) {
    for (const ix of ['ticket_unit_closed_idx', 'ticket_unit_due_idx', 'ticket_unit_received_idx', 'callback_reached_latest_idx']) await sql.raw(`drop index if exists ${ix}`).execute(o.db);
    console.log('  (migration 0002 indexes dropped)');
  }
  const t0 = performance.now();
  const ids = await load(o);
  console.log(`  loaded ${TICKETS} tickets of ${MONTH} in one street${BACKGROUND ? ` and ${BACKGROUND} more (history, neighbours)` : ''} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const now = new Date('2023-08-01T00:00:00Z');
  const rows = (await unitRanking(o.db, { streetId: ids.streetId, month: MONTH, now })).rows;
  console.log(`  unitRanking: ${rows.length} units, ${rows.reduce((s, r) => s + r.kpis.closedCount, 0)} closed in ${MONTH}`);
  const months = Array.from({ length: 12 }, (_, i) => {
    const key = `2023-${String(i + 1).padStart(2, '0')}`;
    const [start, end] = monthRange(key);
    return { key, start, end };
  });
  await time('unitRanking (street, month)', () => unitRanking(o.db, { streetId: ids.streetId, month: MONTH, now }));
  await time('kpis (street, month)', () => nodeKpis(o.db, { node: { type: 'STREET', id: ids.streetId }, periods: [{ key: MONTH, start: START, end: END }], now }));
  await time('kpis (unit, month)', () => nodeKpis(o.db, { node: { type: 'UNIT', id: ids.unitId }, periods: [{ key: MONTH, start: START, end: END }], now }));
  await time('kpis (district, month)', () => nodeKpis(o.db, { node: { type: 'DISTRICT', id: ids.districtId }, periods: [{ key: MONTH, start: START, end: END }], now }));
  await time('kpiTrend (street, 12 months)', () => nodeKpis(o.db, { node: { type: 'STREET', id: ids.streetId }, periods: months, now }));
  await time('streetRanking (district, month)', () => streetRanking(o.db, { districtId: ids.districtId, month: MONTH, now }));
}

async function main() {
  if (opts.only !== 'pglite') {
    const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const version = (await admin.query('show server_version')).rows[0].server_version;
    try {
      const o = await openDatabase({ databaseUrl: url, searchPath: schema, statementTimeoutMs: 120_000 });
      try {
        await bench(`PostgreSQL ${version} (schema ${schema})`, o);
      } finally {
        await o.close();
      }
    } finally {
      if (opts.keep) console.log(`  kept schema ${schema}`);
      else await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }
  if (opts.only !== 'postgres') {
    const o = await openDatabase({ memory: true });
    try {
      await bench('PGlite (in memory)', o);
    } finally {
      await o.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
