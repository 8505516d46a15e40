// Failure scenarios that need a real PostgreSQL server (skipped without DATABASE_URL). The shared server is never
// restarted: "restarts" are simulated by terminating our own connections (tagged by application_name).
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { createApiYoga } from '../../src/yoga';
import { createUser } from '../../src/repos/auth';

const URL_ = process.env.DATABASE_URL;
const TAG = `rexian_rel_${process.pid}`;
const withAppName = (url: string, name: string) => `${url}${url.includes('?') ? '&' : '?'}application_name=${name}`;

let db: TestDatabase;
let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let unitId: string;
const extra: OpenedDatabase[] = [];

async function client() {
  const c = new pg.Client({ connectionString: withAppName(URL_!, `${TAG}_ctl`), options: `-c search_path=${db.schema}` });
  await c.connect();
  return c;
}

/** A second connection pool on the suite's schema with its own limits, and an API on it. */
async function apiOn(opts: { poolMax?: number; connectionTimeoutMs?: number; statementTimeoutMs?: number; queueTimeoutMs?: number; tag: string }) {
  const opened = await openDatabase({ databaseUrl: withAppName(URL_!, `${TAG}_${opts.tag}`), searchPath: db.schema, ...opts });
  extra.push(opened);
  const yoga = createApiYoga({ db: opened.appDb, production: true }); // requests run as rexian_app, as in the server
  const cookie = await login(yoga);
  const call = async (query: string, variables: Record<string, unknown> = {}) => {
    const t0 = Date.now();
    const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    return { ms: Date.now() - t0, text, body: JSON.parse(text), status: res.status };
  };
  return { opened, call };
}

async function login(yoga: ReturnType<typeof createApiYoga>) {
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "rel_ops", password: "password-123") { id } }' }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const CREATE_AWARD = 'mutation($u: ID!) { createAward(kind: EXCELLENT, unitId: $u, month: "2023-06", status: NOMINATED) { id } }';

describe.skipIf(!URL_)('PostgreSQL failures', () => {
  beforeAll(async () => {
    db = await createTestDatabase('none');
    const api = testApi(db);
    admin = await api.signedIn('ADMIN');
    const d = await admin('mutation { createDistrict(code: "RL", name: "可靠区") { id } }');
    const s = (await admin('mutation($d: ID!) { createStreet(code: "RL", name: "可靠街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id;
    unitId = (await admin('mutation($s: ID!) { createUnit(code: "RL1", name: "可靠单位", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s })).data.createUnit.id;
    await createUser(db.db, { username: 'rel_ops', password: 'password-123', role: 'OPS' });
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks(); // the console spy must not outlive this file
    for (const o of extra) await o.close().catch(() => {});
    await db?.close();
  });

  const awards = async () => Number((await sql<{ n: number }>`select count(*)::int as n from award`.execute(db.db)).rows[0]!.n);

  it('a connection killed mid-transaction (award save) writes nothing and answers DATABASE_UNAVAILABLE', async () => {
    const { call } = await apiOn({ tag: 'kill' });
    const probe = await call(CREATE_AWARD, { u: unitId });
    expect(probe.body.errors, probe.text).toBeUndefined(); // the mutation works when nothing goes wrong
    const before = await awards();
    const locker = await client();
    await locker.query('begin');
    await locker.query('lock table audit_log in exclusive mode'); // the save inserts its award, then waits here
    const pending = call(CREATE_AWARD, { u: unitId });
    let victim: number | undefined;
    for (let i = 0; i < 100 && !victim; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const r = await locker.query(`select pid from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock' and query ilike '%audit_log%'`, [`${TAG}_kill`]);
      victim = r.rows[0]?.pid;
    }
    expect(victim).toBeDefined();
    const t0 = Date.now();
    await locker.query('select pg_terminate_backend($1)', [victim]);
    const result = await pending;
    await locker.query('rollback');
    await locker.end();
    const after = await awards();
    const again = await call(CREATE_AWARD, { u: unitId });
    console.log(JSON.stringify({ scenario: 'kill-mid-transaction', code: result.body.errors?.[0]?.extensions?.code, answeredMsAfterKill: Date.now() - t0, awardsBefore: before, awardsAfter: after, nextSaveOk: !again.body.errors }));
    expect(result.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(result.text).not.toMatch(/terminat|stack/i);
    expect(after).toBe(before);
    expect(again.body.errors).toBeUndefined();
  });

  it('a pool busy past the queue timeout fails the waiting request with DATABASE_BUSY (busy-queue.test.ts: the queue)', async () => {
    const { opened, call } = await apiOn({ tag: 'pool', poolMax: 2, queueTimeoutMs: 500, statementTimeoutMs: 10_000 });
    const hogs = [sql`select pg_sleep(2)`.execute(opened.appDb), sql`select pg_sleep(2)`.execute(opened.appDb)];
    await new Promise((r) => setTimeout(r, 100));
    const r = await call('{ _allDistrictsMeta { count } }');
    await Promise.all(hogs);
    const after = await call('{ _allDistrictsMeta { count } }');
    console.log(JSON.stringify({ scenario: 'pool-exhausted', poolMax: 2, queueTimeoutMs: 500, code: r.body.errors?.[0]?.extensions?.code, failedAfterMs: r.ms, recoveredOk: !after.body.errors }));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('DATABASE_BUSY');
    expect(r.ms).toBeLessThan(1500);
    expect(after.body.errors).toBeUndefined();
  });

  it('a runaway statement dies at the statement timeout with DATABASE_TIMEOUT, and the server forgets it', async () => {
    const { call } = await apiOn({ tag: 'slow', statementTimeoutMs: 300 });
    const locker = await client();
    await locker.query('begin');
    await locker.query('lock table district in access exclusive mode'); // a slow database: every read waits
    const r = await call('{ allDistricts { id } }');
    await locker.query('rollback');
    const lingering = await locker.query(`select count(*)::int as n from pg_stat_activity where application_name = $1 and state = 'active'`, [`${TAG}_slow`]);
    await locker.end();
    const after = await call('{ allDistricts { id } }');
    console.log(JSON.stringify({ scenario: 'statement-timeout', statementTimeoutMs: 300, code: r.body.errors?.[0]?.extensions?.code, failedAfterMs: r.ms, lingeringStatements: lingering.rows[0].n, recoveredOk: !after.body.errors }));
    expect(r.body.errors?.[0]?.extensions?.code).toBe('DATABASE_TIMEOUT');
    expect(r.ms).toBeLessThan(1500);
    expect(lingering.rows[0].n).toBe(0);
    expect(after.body.errors).toBeUndefined();
  });

  it('a simulated server restart (all our connections terminated) does not kill the process; the next request reconnects', async () => {
    const { call } = await apiOn({ tag: 'restart', poolMax: 3 });
    await Promise.all([call('{ allDistricts { id } }'), call('{ allUnits { id } }'), call('{ allStreets { id } }')]);
    const ctl = await client();
    const killed = await ctl.query(`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1`, [`${TAG}_restart`]);
    await ctl.end();
    await new Promise((r) => setTimeout(r, 100));
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await call('{ _allDistrictsMeta { count } }'));
    const codes = results.map((r) => r.body.errors?.[0]?.extensions?.code ?? 'OK');
    console.log(JSON.stringify({ scenario: 'simulated-restart', connectionsKilled: killed.rows[0].n, answers: codes }));
    expect(killed.rows[0].n).toBeGreaterThan(0);
    for (const c of codes) expect(['OK', 'DATABASE_UNAVAILABLE']).toContain(c);
    expect(codes[codes.length - 1]).toBe('OK');
  });

  const hasPgDump = spawnSync('pg_dump', ['--version']).status === 0 && spawnSync('pg_restore', ['--version']).status === 0;
  it.skipIf(!hasPgDump)('pg_dump / pg_restore round trip: per-table counts and checksums equal', async () => {
    const t0 = Date.now();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-dump-')), 'dump.pgc');
    const dump = spawnSync('pg_dump', ['-Fc', '-n', db.schema, '-f', file, URL_!], { encoding: 'utf8' });
    expect(dump.status, dump.stderr).toBe(0);
    const scratch = `rexian_scratch_${crypto.randomBytes(4).toString('hex')}`;
    const ctl = await client();
    await ctl.query(`create database ${scratch}`);
    const scratchUrl = new URL(URL_!);
    scratchUrl.pathname = `/${scratch}`;
    try {
      const restore = spawnSync('pg_restore', ['--no-owner', '-d', scratchUrl.toString(), file], { encoding: 'utf8' });
      expect(restore.status, restore.stderr).toBe(0);
      const summarize = async (c: pg.Client) => {
        const tables = (await c.query(`select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [db.schema])).rows.map((r) => r.table_name as string);
        const out: Record<string, { rows: number; md5: string }> = {};
        for (const t of tables) {
          const r = await c.query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${db.schema}.${t} x`);
          out[t] = { rows: r.rows[0].n, md5: r.rows[0].h };
        }
        return out;
      };
      const restored = new pg.Client({ connectionString: scratchUrl.toString() });
      await restored.connect();
      const a = await summarize(ctl);
      const b = await summarize(restored);
      const triggers = (await restored.query(`select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and not t.tgisinternal`, [db.schema])).rows[0].n;
      await restored.end();
      console.log(JSON.stringify({ scenario: 'pg-dump-restore', tables: Object.keys(a).length, rows: Object.values(a).reduce((s, x) => s + x.rows, 0), equal: JSON.stringify(a) === JSON.stringify(b), triggersRestored: triggers, dumpBytes: fs.statSync(file).size, ms: Date.now() - t0 }));
      expect(b).toEqual(a);
      expect(Object.keys(a).length).toBeGreaterThan(20);
      expect(triggers).toBeGreaterThanOrEqual(6);
    } finally {
      await ctl.query(`drop database if exists ${scratch} with (force)`);
      await ctl.end();
    }
  });
});
