// What the database-enforced scoping costs: `DATABASE_URL=… npx tsx api/bench/scope.ts [seconds] [clients] [handler|street]`.
// `street`: the caller is a street account (OPS of one street; migration 0015 pins it with rexian.street_id) in a
// district of two streets with 2,000 tickets each, instead of a UNIT_HANDLER.
// A UNIT_HANDLER lists 20 of its tickets with their unit (the handler's home screen), through the GraphQL endpoint
// in process, by `clients` concurrent callers, in three set-ups:
//   owner         requests as the owning user (what the API did before: no grants, no row-level security)
//   app-role      requests as rexian_app, handler not pinned (grants only)
//   app+unit-pin  requests as rexian_app, the handler's request pinned to one connection with rexian.unit_id set
// Each set-up runs twice in turn (requests/s), then all three are mixed request by request in the same clients, so a
// busy machine slows them alike (mean latency per set-up); one JSON line per run, then a summary line.
import { createTestDatabase } from '../test/helpers/db';
import { createApiYoga } from '../src/yoga';
import { createUser } from '../src/repos/auth';

if (!process.env.DATABASE_URL) {
  console.log('scope bench: needs DATABASE_URL (PGlite is one owner session: no roles, no row-level security)');
  process.exit(0);
}
const seconds = Number(process.argv[2] ?? 4);
const clients = Number(process.argv[3] ?? 8);
const who = process.argv[4] === 'street' ? 'street' : 'handler';

const db = await createTestDatabase('none');
const district = await db.db.insertInto('district').values({ code: 'BS', name: '基准区' }).returning('id').executeTakeFirstOrThrow();
const street = await db.db.insertInto('street').values({ code: 'BS', name: '基准街道', districtId: district.id }).returning('id').executeTakeFirstOrThrow();
const units: number[] = [];
for (const code of ['BS1', 'BS2', 'BS3', 'BS4']) {
  units.push((await db.db.insertInto('unit').values({ code, name: code, streetId: street.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id);
}
await db.db.insertInto('ticket').values(Array.from({ length: 2000 }, (_, i) => ({
  number: `BS-${i}`, streetId: street.id, unitId: units[i % units.length]!, category: 'COMPLAINT', status: 'DISPATCHED',
  receivedAt: new Date(Date.UTC(2023, 6, 3, 2, i % 60)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
}))).execute();
await createUser(db.db, { username: 'bench_handler', password: 'password-123', role: 'UNIT_HANDLER', unitId: units[0]! });
if (who === 'street') {
  // A second street as large as the first: the street account must not pay for (or see) it.
  const other = await db.db.insertInto('street').values({ code: 'BS2', name: '基准二街道', districtId: district.id }).returning('id').executeTakeFirstOrThrow();
  const otherUnit = (await db.db.insertInto('unit').values({ code: 'BS1', name: 'BS1', streetId: other.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
  await db.db.insertInto('ticket').values(Array.from({ length: 2000 }, (_, i) => ({
    number: `BS2-${i}`, streetId: other.id, unitId: otherUnit, category: 'COMPLAINT', status: 'DISPATCHED',
    receivedAt: new Date(Date.UTC(2023, 6, 3, 2, i % 60)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
  }))).execute();
  await createUser(db.db, { username: 'bench_street', password: 'password-123', role: 'OPS', streetId: street.id });
}

const setups = {
  owner: createApiYoga({ db: db.db, production: true }),
  'app-role': createApiYoga({ db: db.appDb, production: true, dbUnitScope: false }),
  'app+unit-pin': createApiYoga({ db: db.appDb, production: true }),
};
type Setup = keyof typeof setups;

const post = (yoga: ReturnType<typeof createApiYoga>, body: unknown, cookie?: string) =>
  yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
const login = await post(setups.owner, { query: `mutation { login(username: "bench_${who}", password: "password-123") { id } }` });
const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
const QUERY = { query: '{ allTickets(perPage: 20, sortField: "receivedAt", sortOrder: "DESC") { id number status unit { name } street { name } } }' };

async function run(name: Setup) {
  const yoga = setups[name];
  const end = Date.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < end) {
      const t = performance.now();
      const body = (await (await post(yoga, QUERY, cookie)).json()) as { errors?: unknown; data?: { allTickets: unknown[] } };
      latencies.push(performance.now() - t);
      if (body.errors || body.data?.allTickets.length !== 20) failed++;
      done++;
    }
  }));
  latencies.sort((a, b) => a - b);
  const r = { setup: name, clients, seconds, requests: done, failed, perSecond: Math.round(done / seconds), p50ms: +latencies[Math.floor(done / 2)]!.toFixed(1), p95ms: +latencies[Math.floor(done * 0.95)]!.toFixed(1) };
  console.log(JSON.stringify(r));
  return r;
}

for (const name of Object.keys(setups) as Setup[]) await run(name); // warm-up (JIT, plan caches, pool)
const totals: Record<string, number[]> = {};
for (let round = 0; round < 2; round++) {
  for (const name of Object.keys(setups) as Setup[]) (totals[name] ??= []).push((await run(name)).perSecond);
}
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Mixed: request i of each client goes to set-up i mod 3.
const names = Object.keys(setups) as Setup[];
const mixed: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const end = Date.now() + seconds * 3 * 1000;
await Promise.all(Array.from({ length: clients }, async (_, c) => {
  for (let i = c; Date.now() < end; i++) {
    const name = names[i % names.length]!;
    const t = performance.now();
    await (await post(setups[name], QUERY, cookie)).json();
    mixed[name]!.push(performance.now() - t);
  }
}));
const meanMs = Object.fromEntries(names.map((n) => [n, +avg(mixed[n]!).toFixed(2)]));
console.log(JSON.stringify({ mixed: 'mean latency ms, same clients, alternating', clients, ...meanMs, requestsEach: mixed.owner!.length }));
console.log(JSON.stringify({
  summary: `${who} ticket list`, requestsPerSecond: { owner: Math.round(avg(totals.owner!)), appRole: Math.round(avg(totals['app-role']!)), appRoleUnitPin: Math.round(avg(totals['app+unit-pin']!)) },
  mixedMeanMs: meanMs, pinVsOwnerLatencyPct: +((meanMs['app+unit-pin']! / meanMs.owner! - 1) * 100).toFixed(1),
  pinVsAppRoleLatencyPct: +((meanMs['app+unit-pin']! / meanMs['app-role']! - 1) * 100).toFixed(1),
}));
await db.close();
