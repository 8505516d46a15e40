// The ticket list's sorts with and without migration 0017's indexes, on PostgreSQL (a scratch schema of
// DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; loopback only), with generated tickets:
//   npx tsx api/bench/list-indexes.ts [--tickets 100000] [--runs 7] [--keep]
// 30 % of the tickets belong to one street (a street clerk's ~30k at 100k), the rest to three others. For each column
// the admin's 工单 list sorts by, it times the list's first page (`limit 100`, as repos/crud.ts sends it) for one
// street and, in the default order, across all streets: first without 0017 and with the old tie-break (`id asc`
// whatever the direction), then with 0017 and the tie-break in the sort's direction. Prints medians and the plans
// of the default order. The scratch schema is dropped afterwards unless --keep.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { createTestDatabase } from '../test/helpers/db';

const { values: opts } = parseArgs({
  options: { tickets: { type: 'string', default: '100000' }, runs: { type: 'string', default: '7' }, keep: { type: 'boolean', default: false } },
});
const TICKETS = Math.min(Number(opts.tickets), 2_000_000); // bounded: a few minutes at most on a small machine
const RUNS = Math.min(Number(opts.runs), 50);
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const host = new URL(process.env.DATABASE_URL).hostname;
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`loopback only, not ${host}`);

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const migration = (dir: 'up' | 'down') => fs.readFileSync(path.join(MIGRATIONS, `0017_list_indexes.${dir}.sql`), 'utf8');
// The sortable columns of admin/src/resources/Ticket/TicketList.tsx.
const SORTS = ['received_at', 'number', 'category', 'unit_id', 'status', 'first_contact_due', 'completion_due'];

const db = await createTestDatabase('none');
const k = db.db as unknown as Kysely<any>;
try {
  const t0 = performance.now();
  const streets: number[] = [];
  const d = await k.insertInto('district').values({ code: 'BD', name: '基准区' }).returning('id').executeTakeFirstOrThrow();
  for (let s = 0; s < 4; s++) {
    const st = await k.insertInto('street').values({ code: `B${s}`, name: `基准街道${s}`, districtId: d.id }).returning('id').executeTakeFirstOrThrow();
    streets.push(st.id);
    const units = Array.from({ length: 20 }, (_, i) => ({ code: `U${i}`, name: `单位${i}`, peerGroup: 'DEPARTMENT', streetId: st.id }));
    const ids = (await k.insertInto('unit').values(units).returning('id').execute()).map((u) => u.id as number);
    const count = s === 0 ? Math.round(TICKETS * 0.3) : Math.round((TICKETS * 0.7) / 3);
    // Deterministic spread over 2023: received times, categories, statuses and units from the row number.
    await sql`
      insert into ticket (number, street_id, unit_id, category, status, received_at, first_contact_due, completion_due)
      select ${`B${s}-`} || lpad(g::text, 8, '0'), ${st.id}, (${sql.val(ids)}::int[])[1 + (g * 7) % 20],
        (array['COMPLAINT','HELP','CONSULT','SUGGESTION','OTHER','PHOTO_REPORT'])[1 + g % 6],
        (array['RECEIVED','DISPATCHED','ACCEPTED','IN_PROGRESS','SUBMITTED','CLOSED','CLOSED','CLOSED'])[1 + (g * 3) % 8],
        r, r + interval '1 day', r + interval '10 days'
      from generate_series(1, ${count}::int) g,
        lateral (select timestamptz '2023-01-01 00:00+08' + make_interval(secs => (g::bigint * 7919 * ${s + 1}) % 31536000)) t(r)`.execute(k);
  }
  await sql`analyze ticket`.execute(k);
  console.log(`${TICKETS} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s; street ${streets[0]} holds ${Math.round(TICKETS * 0.3)}`);

  const listSql = (column: string, dir: 'asc' | 'desc', tieBreak: 'asc' | 'desc', street: number | null) =>
    `select * from ticket${street === null ? '' : ` where street_id = ${street}`} order by ${column} ${dir}, id ${tieBreak} limit 100 offset 0`;
  const time = async (query: string) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await sql.raw(query).execute(k);
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  };
  const plan = async (query: string) =>
    (await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing off) ${query}`).execute(k)).rows.map((r) => `    ${r['QUERY PLAN']}`).join('\n');

  const cases = [
    ...SORTS.flatMap((c) => (['desc', 'asc'] as const).map((dir) => ({ label: `street, ${c} ${dir}`, column: c, dir, street: streets[0]! as number | null }))),
    { label: 'all streets, received_at desc', column: 'received_at', dir: 'desc' as const, street: null },
  ];
  const results: Record<string, { before: number; after: number }> = {};
  const defaultSort = (tieBreak: 'asc' | 'desc') => listSql('received_at', 'desc', tieBreak, streets[0]!);
  const defaultAll = (tieBreak: 'asc' | 'desc') => listSql('received_at', 'desc', tieBreak, null);

  await sql.raw(migration('down')).execute(k);
  await sql`analyze ticket`.execute(k);
  for (const c of cases) results[c.label] = { before: await time(listSql(c.column, c.dir, 'asc', c.street)), after: NaN };
  console.log(`\nbefore 0017, ${defaultSort('asc')}\n${await plan(defaultSort('asc'))}`);
  console.log(`\nbefore 0017, ${defaultAll('asc')}\n${await plan(defaultAll('asc'))}`);

  await sql.raw(migration('up')).execute(k);
  await sql`analyze ticket`.execute(k);
  for (const c of cases) results[c.label]!.after = await time(listSql(c.column, c.dir, c.dir, c.street));
  console.log(`\nwith 0017, ${defaultSort('desc')}\n${await plan(defaultSort('desc'))}`);
  console.log(`\nwith 0017, ${defaultAll('desc')}\n${await plan(defaultAll('desc'))}`);

  console.log(`\nfirst page (limit 100), median of ${RUNS} runs, ${TICKETS} tickets:`);
  for (const [label, r] of Object.entries(results)) {
    console.log(`  ${label.padEnd(34)} before ${r.before.toFixed(1).padStart(7)} ms   after ${r.after.toFixed(1).padStart(6)} ms`);
  }
} finally {
  if (!opts.keep) await db.close();
}
