// `pnpm bench`: the ticket lists and the ticket page, Rexian against PostGraphile v5 (amber preset) on the same
// PostgreSQL database, both served from this machine (loopback only) and bounded in time.
//   node scripts/bench.mjs [--sizes 10k,1m] [--seconds 5] [--rounds 2] [--warmup 2] [--clients 8] [--busy-clients 50]
//                          [--db-10k rexian_bench_10k] [--db-1m rexian_bench_1m] [--no-peer] [--only page]
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server and a user allowed to
// create databases; each size gets its own database, migrated and filled once (36 streets of 20 units, tickets
// spread evenly: a street holds 1/36 — about 28k at 1M — with events and callbacks on every tenth ticket) and reused.
// Both servers run in child processes as the application role (rexian_app): Rexian through its own SET ROLE,
// PostGraphile through the connection's `-c role=rexian_app`. Scenarios, each run for --seconds per server at
// --clients concurrent clients, alternating between the two servers (--rounds turns each, each round's ratio printed as a range, after --warmup
// seconds of uncounted load on each): the district list (25 newest tickets with their unit and the total count), a street
// clerk's list (its street's 25 newest and count), and the ticket page (a ticket with street, unit, events and
// callbacks); then --busy-clients on the 1M list (Rexian only: errors by code). Prints req/s, p50/p99 and ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cpuDuring } from './cpu';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/db/connection';
import { prepareDatabase } from '../src/app';
import { createUser } from '../src/repos/auth';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
// `pnpm bench -- --sizes 10k` passes the `--` on: drop it, or parseArgs reads everything after it as positional.
const { values: opts } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    sizes: { type: 'string', default: '10k,1m' },
    seconds: { type: 'string', default: '5' },
    clients: { type: 'string', default: '8' },
    'busy-clients': { type: 'string', default: '50' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '2' },
    'db-10k': { type: 'string', default: 'rexian_bench_10k' },
    'db-1m': { type: 'string', default: 'rexian_bench_1m' },
    'no-peer': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const SECONDS = Math.min(Math.max(Number(opts.seconds), 1), 30);
const CLIENTS = Math.min(Math.max(Number(opts.clients), 1), 64);
const BUSY = Math.min(Math.max(Number(opts['busy-clients']), 0), 200);
const PASSWORD = 'bench-password-1';
const ROUNDS = Math.min(Math.max(Number(opts.rounds), 1), 20);
const WARMUP = Math.min(Math.max(Number(opts.warmup), 0), 30);
const SIZES: Record<string, number> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(base.hostname)) throw new Error(`loopback only, not ${base.hostname}`);
const urlOf = (db: string) => Object.assign(new URL(base.href), { pathname: `/${db}` }).href;

// ——— data ———

async function ensureDatabase(name: string, tickets: number): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: base.href });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const opened = await openDatabase({ databaseUrl: urlOf(name), statementTimeoutMs: 0 }); // 1M rows take minutes
  try {
    await prepareDatabase(opened, { seed: 'none', adminPassword: PASSWORD, quiet: true });
    const k = opened.db as unknown as Kysely<any>;
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from ticket`.execute(k)).rows[0]!;
    if (n === 0) await generate(k, tickets);
    else if (Math.abs(n - tickets) > tickets * 0.05) throw new Error(`${name} holds ${n} tickets, not ~${tickets}: drop it or pick another --db-*`);
    const street = (await sql<{ id: number }>`select id from street where code = 'B01'`.execute(k)).rows[0]!.id;
    const clerk = await k.selectFrom('appUser').select('id').where('username', '=', 'bench-clerk').executeTakeFirst();
    if (!clerk) await createUser(opened.db, { username: 'bench-clerk', password: PASSWORD, role: 'OPS', streetId: street, displayName: '街道城运 基准' });
  } finally {
    await opened.close();
  }
}

async function generate(k: Kysely<any>, tickets: number) {
  const t0 = performance.now();
  await sql`insert into district (code, name) values ('BD', '基准区') on conflict do nothing`.execute(k);
  await sql`
    insert into street (code, name, district_id)
    select 'B' || lpad(s::text, 2, '0'), '基准街道' || s, (select id from district where code = 'BD') from generate_series(1, 36) s`.execute(k);
  await sql`
    insert into unit (code, name, street_id, peer_group)
    select 'U' || lpad(u::text, 2, '0'), '单位' || s.code || '-' || u, s.id, (array['DEPARTMENT','INSTITUTION','RESIDENTIAL'])[1 + u % 3]
    from street s, generate_series(1, 20) u where s.code like 'B__' order by s.id, u`.execute(k);
  // Every column the admin shows filled, deterministically from the row number g; street = g mod 36.
  await sql`
    with s as (select array_agg(id order by id) ids from street where code like 'B__'),
         u as (select array_agg(id order by street_id, id) ids from unit where code like 'U__')
    insert into ticket (number, street_id, unit_id, category, channel, urgent, topic, content, citizen_name, citizen_phone,
      address, committee_name, status, received_at, dispatched_at, accepted_at, first_contact_at, submitted_at, closed_at,
      first_contact_due, completion_due, fact_finding, resolution, demand, reply_text)
    select 'BN' || lpad(g::text, 9, '0'), s.ids[1 + g % 36], u.ids[1 + (g % 36) * 20 + (g * 7) % 20],
      (array['COMPLAINT','HELP','CONSULT','SUGGESTION','OTHER','PHOTO_REPORT'])[1 + g % 6],
      (array['HOTLINE','WEB','APP','WECHAT'])[1 + g % 4], g % 17 = 0,
      (array['噪声扰民','道路破损','占道经营','垃圾清运','违章搭建','路灯故障'])[1 + (g / 7) % 6],
      '市民来电反映' || (array['浦建路','南泉路','东方路','塘桥新路'])[1 + g % 4] || (g % 300) || '号附近问题，联系电话1380013' || lpad((g % 10000)::text, 4, '0') || '，请尽快处理。',
      '市民' || (g % 500), '1380013' || lpad((g % 10000)::text, 4, '0'),
      (array['浦建路','南泉路','东方路','塘桥新路'])[1 + g % 4] || (g % 300) || '号', '居委' || (g % 12),
      case when g % 8 < 5 then 'CLOSED' else (array['RECEIVED','DISPATCHED','ACCEPTED','IN_PROGRESS','SUBMITTED'])[1 + g % 5] end,
      r, r + interval '10 minutes', r + interval '1 hour', r + interval '3 hours',
      case when g % 8 < 5 then r + interval '4 days' end, case when g % 8 < 5 then r + interval '5 days' end,
      r + interval '1 day', r + interval '10 days',
      case when g % 8 < 5 then 'TRUE' end, case when g % 8 < 5 then 'ACTUALLY_RESOLVED' end,
      case when g % 8 < 5 then '核实诉求属实' end, case when g % 8 < 5 then '已处理完毕并答复市民' end
    from generate_series(1, ${tickets}::int) g, s, u,
      lateral (select timestamptz '2023-01-01 00:00+08' + make_interval(secs => (g::bigint * 7919) % 31536000)) t(r)`.execute(k);
  await sql`
    insert into ticket_event (ticket_id, at, actor_label, kind, note)
    select t.id, t.received_at + e * interval '1 hour', 'bench', (array['CREATED','DISPATCHED','ACCEPTED'])[e], null
    from ticket t, generate_series(1, 3) e where t.id % 10 = 0`.execute(k);
  await sql`
    insert into callback (ticket_id, called_at, result, caller, note)
    select id, closed_at + interval '1 day', (array['SATISFIED','BASICALLY_SATISFIED','UNSATISFIED'])[1 + id % 3], '回访员', '市民表示满意'
    from ticket where id % 10 = 0 and closed_at is not null`.execute(k);
  await sql`vacuum analyze ticket`.execute(k);
  await sql`vacuum analyze ticket_event`.execute(k);
  await sql`vacuum analyze callback`.execute(k);
  console.log(`  generated ${tickets} tickets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// ——— servers ———

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

interface Server { url: string; child: ChildProcess; stats?: () => Promise<number> }

async function startChild(args: string[], env: Record<string, string>, ready: RegExp, cwd = ROOT): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 180 s:\n${out}`)), 180_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

async function startRexian(db: string): Promise<Server> {
  const port = await freePort();
  const flags = process.env.BENCH_REXIAN_NODE_FLAGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof
  const child = await startChild([...flags, '--import', 'tsx', path.join(HERE, 'rexian-server.ts')], { DATABASE_URL: urlOf(db), PORT: String(port), NODE_ENV: 'production' }, /listening/);
  let pending: ((n: number) => void) | null = null;
  child.stdout!.on('data', (d: Buffer) => {
    const m = /statements (\d+)/.exec(d.toString());
    if (m && pending) pending(Number(m[1]));
  });
  const stats = () => new Promise<number>((resolve) => {
    pending = resolve;
    child.stdin!.write('stats\n');
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child, stats };
}

const PEER = path.join(HERE, 'peer');
function peerInstalled(): boolean {
  return fs.existsSync(path.join(PEER, 'node_modules', 'postgraphile', 'package.json'));
}

async function startPeer(db: string): Promise<Server> {
  const port = await freePort();
  const url = new URL(urlOf(db));
  url.searchParams.set('options', '-c role=rexian_app');
  const child = await startChild([path.join(PEER, 'server.mjs')], { PEER_DATABASE_URL: url.href, PORT: String(port), GRAPHILE_ENV: 'production' }, /listening/, PEER);
  return { url: `http://127.0.0.1:${port}/graphql`, child };
}

const stop = (s: Server) => new Promise<void>((resolve) => {
  s.child.once('exit', () => resolve());
  s.child.kill('SIGTERM');
});

// ——— load ———

async function post(url: string, body: unknown, cookie?: string): Promise<{ ok: boolean; code?: string; json: any; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const json = await res.json() as any;
  const code = json.errors?.[0]?.extensions?.code ?? (json.errors ? 'ERROR' : undefined);
  return { ok: res.ok && !json.errors, code, json, headers: res.headers };
}

async function login(url: string, username: string): Promise<string> {
  const r = await post(url, { query: 'mutation($u:String!,$p:String!){ login(username:$u, password:$p){ id } }', variables: { u: username, p: PASSWORD } });
  if (!r.ok) throw new Error(`login ${username}: ${JSON.stringify(r.json.errors)}`);
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Result { requests: number; errors: Record<string, number>; rps: number; p50: number; p99: number; cpu?: { server: number; postgres: number } }
interface Run { times: number[]; errors: Record<string, number>; seconds: number; cpu?: { server: number; postgres: number } }

/** A run with the CPU its server and PostgreSQL spent meanwhile. */
async function measured(server: Server, run: () => Promise<Run>): Promise<Run> {
  const { result, cpu } = await cpuDuring(server.child.pid!, run);
  return { ...result, cpu: { server: cpu.process, postgres: cpu.postgres } };
}

/** `clients` closed-loop clients for `seconds`; a first request per client (uncounted) warms connections and plans. */
async function load(url: string, clients: number, seconds: number, body: (i: number) => unknown, cookie?: string, check?: (json: any) => void): Promise<Run> {
  const times: number[] = [];
  const errors: Record<string, number> = {};
  let n = 0;
  await Promise.all(Array.from({ length: Math.min(clients, 8) }, (_, i) => post(url, body(i), cookie).then((r) => check?.(r.json))));
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const t = performance.now();
        try {
          const r = await post(url, body(i), cookie);
          if (!r.ok) errors[r.code ?? 'ERROR'] = (errors[r.code ?? 'ERROR'] ?? 0) + 1;
          else times.push(performance.now() - t);
        } catch {
          errors.NETWORK = (errors.NETWORK ?? 0) + 1;
        }
      }
    }),
  );
  return { times, errors, seconds: (performance.now() - t0) / 1000 };
}

function summarize(runs: Run[]): Result {
  const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(times.length * p))] ?? NaN;
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  const requests = times.length + Object.values(errors).reduce((a, b) => a + b, 0);
  const cpu = runs.every((r) => r.cpu)
    ? { server: runs.reduce((a, r) => a + r.cpu!.server, 0) / requests, postgres: runs.reduce((a, r) => a + r.cpu!.postgres, 0) / requests }
    : undefined;
  return { requests, errors, rps: times.length / seconds, p50: q(0.5), p99: q(0.99), cpu };
}

// ——— scenarios ———

const LIST_FIELDS = 'id number category status receivedAt completionDue';
const rexianList = (filter: string) => ({
  query: `{ allTickets(page: 0, perPage: 25, sortField: "receivedAt", sortOrder: "DESC"${filter}) { ${LIST_FIELDS} unit { id name } } _allTicketsMeta${filter ? `(${filter.slice(2)})` : ''} { count } }`,
});
// PostGraphile's amber preset names the primary key `rowId` (its `id` is a global node id).
const PEER_LIST_FIELDS = LIST_FIELDS.replace(/^id /, 'rowId ');
const peerList = (condition: string) => ({
  query: `{ allTickets(first: 25, offset: 0, orderBy: [RECEIVED_AT_DESC]${condition}) { totalCount nodes { ${PEER_LIST_FIELDS} unitByUnitId { rowId name } } } }`,
});
const PAGE_SCALARS =
  'number category channel urgent topic content citizenName citizenPhone address committeeName status receivedAt dispatchedAt acceptedAt ' +
  'firstContactAt submittedAt closedAt firstContactDue completionDue factFinding resolution demand replyText redoCount version';
const rexianPage = (id: number) => ({
  query: `query($id: ID!) { Ticket(id: $id) { id ${PAGE_SCALARS} street { id name } unit { id name } events { id at kind actorLabel } callbacks { id calledAt result } } }`,
  variables: { id: String(id) },
});
const peerPage = (id: number) => ({
  query: `query($id: Int!) { ticketByRowId(rowId: $id) { rowId ${PAGE_SCALARS} streetByStreetId { rowId name } unitByUnitId { rowId name } ticketEventsByTicketId { nodes { rowId at kind actorLabel } } callbacksByTicketId { nodes { rowId calledAt result } } } }`,
  variables: { id },
});

const fmt = (r: Result | undefined) =>
  r ? `${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms` +
    `${r.cpu ? `  CPU/request: server ${r.cpu.server.toFixed(2)} ms, PostgreSQL ${r.cpu.postgres.toFixed(2)} ms` : ''}` +
    `${Object.keys(r.errors).length ? `  errors ${JSON.stringify(r.errors)}` : ''}` : '(skipped)';

/**
 * Reads the tables the scenarios touch, and their indexes, into the OS's cache (pg_prewarm 'read'). The servers take
 * turns on the same tickets: without this, at 1M the first server of a round reads each ticket page from disk and the
 * second finds it cached (Rexian's page statement: 3.7 ms a read cold, 0.3 ms warm).
 */
async function warm(client: pg.Client) {
  const t0 = performance.now();
  try {
    await client.query('create extension if not exists pg_prewarm');
    const r = await client.query(`
      select coalesce(sum(pg_prewarm(c.oid, 'read')), 0)::bigint * current_setting('block_size')::int / 1048576 as mb
      from pg_class c
      where c.relkind in ('r', 'i') and c.relnamespace = 'public'::regnamespace
        and (c.relname in ('ticket', 'ticket_event', 'callback', 'street', 'unit')
             or c.oid in (select indexrelid from pg_index where indrelid in ('ticket'::regclass, 'ticket_event'::regclass, 'callback'::regclass, 'street'::regclass, 'unit'::regclass)))`);
    console.log(`  read ${r.rows[0].mb} MB of tables and indexes into the OS cache in ${((performance.now() - t0) / 1000).toFixed(1)} s (pg_prewarm)`);
  } catch (e) {
    console.log(`  pg_prewarm unavailable (${(e as Error).message}): the first server of a round may read from disk`);
  }
}

async function benchSize(label: string, db: string, tickets: number, peerOk: boolean) {
  console.log(`\n== ${label}: ${tickets} tickets in ${db} ==`);
  await ensureDatabase(db, tickets);
  const client = new pg.Client({ connectionString: urlOf(db) });
  await client.connect();
  const street = (await client.query(`select id from street where code = 'B01'`)).rows[0].id as number;
  const maxId = (await client.query('select max(id)::int m from ticket')).rows[0].m as number;
  await warm(client);
  await client.end();
  // Page ids: every tenth ticket has events and callbacks, the rest have none; a fixed pseudo-random walk.
  const pageId = (i: number) => 1 + ((i * 7919 + 13) % maxId);
  const scenarios = [
    { name: 'district list (25 + count)', rexian: () => rexianList(''), peer: () => peerList(''), user: 'admin' },
    { name: 'street list (25 + count)', rexian: () => rexianList(''), peer: () => peerList(`, condition: { streetId: ${street} }`), user: 'bench-clerk' },
    { name: 'ticket page', rexian: pageId, peer: pageId, user: 'admin' },
  ].filter((s) => !opts.only || s.name.includes(opts.only));

  const results: Record<string, { rexian?: Result; peer?: Result; statements?: number; rounds?: number[] }> = {};
  // Both servers up at once, measured in alternation (ROUNDS times each), so that the machine's other load falls
  // on both alike.
  const rexian = await startRexian(db);
  const peer = peerOk ? await startPeer(db) : null;
  try {
    const cookies: Record<string, string> = { admin: await login(rexian.url, 'admin'), 'bench-clerk': await login(rexian.url, 'bench-clerk') };
    for (const s of scenarios) {
      const page = s.name === 'ticket page';
      const rexianBody = page ? (i: number) => rexianPage(pageId(i)) : () => (s.rexian as () => unknown)();
      const peerBody = page ? (i: number) => peerPage(pageId(i)) : () => (s.peer as () => unknown)();
      // A wrong query stops the bench; a busy or unavailable database is a result (counted by code).
      const check = (who: string) => (json: any) => {
        if (json.errors?.some((e: any) => !e.extensions?.retryable)) throw new Error(`${who} ${s.name}: ${JSON.stringify(json.errors)}`);
      };
      // Statements per request: one client, 20 requests.
      const before = await rexian.stats!();
      for (let i = 0; i < 20; i++) await post(rexian.url, rexianBody(i), cookies[s.user]);
      const statements = ((await rexian.stats!()) - before) / 20;
      // Uncounted load first, for each server: JIT compilation and plan caches warm as in a server that has been up
      // a while (without it the first scenario measured both servers' warm-up).
      if (WARMUP) {
        await load(rexian.url, CLIENTS, WARMUP, rexianBody, cookies[s.user], check('Rexian'));
        if (peer) await load(peer.url, CLIENTS, WARMUP, peerBody, undefined, check('PostGraphile'));
      }
      const mine: Run[] = [];
      const theirs: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        mine.push(await measured(rexian, () => load(rexian.url, CLIENTS, SECONDS / ROUNDS, rexianBody, cookies[s.user], check('Rexian'))));
        if (peer) theirs.push(await measured(peer, () => load(peer.url, CLIENTS, SECONDS / ROUNDS, peerBody, undefined, check('PostGraphile'))));
      }
      // Each round's ratio: how much the machine's other load moved the result.
      const rounds = peer ? mine.map((m, i) => m.times.length / m.seconds / (theirs[i]!.times.length / theirs[i]!.seconds)) : undefined;
      results[s.name] = { rexian: summarize(mine), peer: peer ? summarize(theirs) : undefined, statements, rounds };
    }
    if (tickets >= 1_000_000 && BUSY) {
      results[`busy: ${BUSY} clients, district list`] = { rexian: summarize([await load(rexian.url, BUSY, SECONDS, () => rexianList(''), cookies.admin)]) };
    }
  } finally {
    await stop(rexian);
    if (peer) await stop(peer);
  }
  // Timings on a shared machine mean little without its load: printed with them.
  console.log(`  load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} cores)`);
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name}${r.statements !== undefined ? ` — Rexian ${r.statements.toFixed(1)} statements/request` : ''}`);
    console.log(`    Rexian       ${fmt(r.rexian)}`);
    if (r.peer) console.log(`    PostGraphile ${fmt(r.peer)}`);
    if (r.peer && r.rexian) {
      const range = r.rounds && r.rounds.length > 1 ? ` (rounds ${Math.min(...r.rounds).toFixed(2)}–${Math.max(...r.rounds).toFixed(2)}×)` : '';
      // CPU per request, server and PostgreSQL together: what a request costs the machine, steadier than req/s.
      const cpu = r.peer.cpu && r.rexian.cpu ? `, CPU ${((r.peer.cpu.server + r.peer.cpu.postgres) / (r.rexian.cpu.server + r.rexian.cpu.postgres)).toFixed(2)}× less` : '';
      console.log(`    ratio Rexian/PostGraphile: ${(r.rexian.rps / r.peer.rps).toFixed(2)}× req/s${range}, p50 ${(r.peer.p50 / r.rexian.p50).toFixed(2)}× faster${cpu}`);
    }
  }
}

const peerOk = !opts['no-peer'] && peerInstalled();
if (!opts['no-peer'] && !peerOk) console.log('PostGraphile not installed in api/bench/peer (npm install --prefix api/bench/peer failed or was skipped): measuring Rexian only.');
console.log(`${CLIENTS} clients, ${SECONDS} s per scenario and server in ${ROUNDS} rounds after ${WARMUP} s of warm-up; role rexian_app; Rexian's count cache ${process.env.REXIAN_COUNT_CACHE_MS ?? '5000 (default)'} ms; ${new Date().toISOString()}`);
for (const size of opts.sizes.split(',').map((s) => s.trim().toLowerCase())) {
  const tickets = SIZES[size];
  if (!tickets) throw new Error(`unknown size ${size} (10k, 100k, 1m)`);
  const db = size === '1m' ? opts['db-1m']! : size === '10k' ? opts['db-10k']! : `rexian_bench_${size}`;
  await benchSize(size, db, tickets, peerOk);
}
