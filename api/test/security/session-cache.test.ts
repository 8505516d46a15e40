// The session cache (api/src/auth/sessionCache.ts, README "Security"): on PostgreSQL a session or token checked
// moments ago answers without the session statement, while every change to accounts, sessions, tokens and units
// holds on this process's next request (a mutation clears the cache as it completes) and on another process's within
// 2 s (migration 0030's notifications); a lost listener stops the cache. On PGlite, with the cache off, and without a
// live feed (the CLI, tests) every request checks its session in the database as before.
//
// Process A's cache "listens" but never hears the database, so only its own mutations can clear it: what A sees on
// its next request is the mutation plugin's doing. Process B is a second in-process server with its own pool, real
// listener and cache — nothing shared with A but the database, and its statements can be counted — and one real
// child process covers the environment path.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { createApiYoga } from '../../src/yoga';
import { startLiveFeed, AUTH_CHANNEL, type LiveFeed } from '../../src/live/feed';
import { createApiToken, createUser } from '../../src/repos/auth';
import { SessionCache } from '../../src/auth/sessionCache';
import type { GqlResult } from '../helpers/api';

const PG = process.env.DATABASE_URL;
const PASSWORD = 'password-123';
/** Long enough that only an invalidation, never the entry's age, can explain a change being seen. */
const LONG_TTL = 60_000;

const SESSION_SQL = /user_session/;
const TOKEN_SQL = /api_token/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An API "process": a yoga on its own database handle and live feed, with a movable clock. */
function apiProcess(appDb: OpenedDatabase['appDb'], live: LiveFeed | undefined, statements: { log: string[] }) {
  const clock = { now: Date.now() };
  const yoga = createApiYoga({
    db: appDb,
    production: false,
    now: () => new Date(clock.now),
    live,
    limits: { tokenRate: { ratePerSecond: 10_000, burst: 10_000 } }, // polling must not meet the token's rate limit
  });
  async function call(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { res, body: (await res.json()) as GqlResult };
  }
  return {
    clock,
    live,
    call,
    async login(username: string): Promise<Record<string, string>> {
      const { res, body } = await call('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: username, p: PASSWORD });
      if (body.errors) throw new Error(`login ${username}: ${body.errors[0]!.message}`);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
    },
    /** Runs one request and counts its statements that read or write sessions (or tokens). */
    async counted(query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}) {
      const from = statements.log.length;
      const r = await call(query, variables, headers);
      const sent = statements.log.slice(from);
      return { ...r, session: sent.filter((s) => SESSION_SQL.test(s)).length, token: sent.filter((s) => TOKEN_SQL.test(s)).length };
    },
  };
}
type ApiProcess = ReturnType<typeof apiProcess>;

const ME = '{ me { role streetId } }';
const code = (body: GqlResult) => body.errors?.[0]?.extensions?.code;
/** Polls until `probe` holds; the time it took. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await probe()) return performance.now() - t0;
    if (performance.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await sleep(20);
  }
}

/** A live feed whose cache is on and trusted but hears no notification (as if they were slow to arrive). */
function deafFeed(ttlMs: number): LiveFeed {
  const sessions = new SessionCache(ttlMs);
  sessions.setListening(true);
  return { subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: () => new Promise(() => {}) }) }) as AsyncIterable<never>, ready: Promise.resolve(), sessions, counts: null, close: async () => {} };
}

let markers = 0;
/**
 * Waits until each feed has heard every notification committed so far: a marker change sent on the live channel now
 * reaches each listener after them (one connection hears both channels, in commit order). Then no late
 * announcement of an earlier statement (a user created, a login) can clear a cache during what follows.
 */
async function settle(db: TestDatabase, ...feeds: LiveFeed[]) {
  const id = -++markers;
  const heard = feeds.map(async (f) => {
    const changes = f.subscribe()[Symbol.asyncIterator]();
    const first = changes.next(); // subscribes now, before the marker is sent
    try {
      for (let next = first; ; next = changes.next()) {
        const { value, done } = await next;
        if (done) throw new Error('feed closed');
        if (value.ids?.includes(id)) return;
      }
    } finally {
      await changes.return?.();
    }
  });
  await sql`select pg_notify('rexian_changes', ${JSON.stringify({ table: 'ticket', schema: db.schema, ids: [id] })})`.execute(db.db);
  await Promise.race([Promise.all(heard), sleep(5_000).then(() => Promise.reject(new Error('marker not heard within 5 s')))]);
}

const versionOf = async (db: TestDatabase, table: 'appUser' | 'unit', id: number) =>
  (await db.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

let n = 0;
async function newUser(db: TestDatabase, role: 'ADMIN' | 'OPS' | 'UNIT_HANDLER' = 'OPS', extra: { unitId?: number; streetId?: number | null } = {}) {
  const username = `sc_${role.toLowerCase()}_${++n}`;
  const u = await createUser(db.db, { username, password: PASSWORD, role, unitId: extra.unitId ?? null, streetId: extra.streetId ?? null });
  return { id: u.id, username };
}

describe('SessionCache', () => {
  const principal = { userId: 1, tokenId: null, username: 'u', role: 'OPS' as const, unitId: null, streetId: null, canReadPersonalData: false };
  const value = { principal, expiresAt: null, lastSeenAt: new Date() };
  it('holds entries only while listening, for at most its ttl', () => {
    let t = 0;
    const c = new SessionCache(5_000, 10, () => t);
    c.set('session', 'h', c.begin(), value);
    expect(c.get('session', 'h')).toBeUndefined(); // not listening: nothing stored
    c.setListening(true);
    c.set('session', 'h', c.begin(), value);
    expect(c.get('session', 'h')?.principal).toEqual(principal);
    expect(c.get('token', 'h')).toBeUndefined(); // a token's secret in a cookie is not that token
    t = 5_000;
    expect(c.get('session', 'h')).toBeDefined();
    t = 5_001;
    expect(c.get('session', 'h')).toBeUndefined();
    c.set('session', 'h', c.begin(), value);
    c.setListening(false);
    expect(c.size).toBe(0);
    c.setListening(true);
    expect(c.get('session', 'h')).toBeUndefined();
  });

  it('does not store a read that began before a clear', () => {
    const c = new SessionCache(5_000);
    c.setListening(true);
    const ticket = c.begin();
    c.clear(); // a notification or a mutation arrived while the row was being read
    c.set('session', 'h', ticket, value);
    expect(c.get('session', 'h')).toBeUndefined();
    c.set('session', 'h', c.begin(), value);
    expect(c.get('session', 'h')).toBeDefined();
  });

  it('keeps at most its bound, dropping the oldest read', () => {
    const c = new SessionCache(5_000, 3);
    c.setListening(true);
    for (const h of ['a', 'b', 'c', 'd']) c.set('session', h, c.begin(), value);
    expect(c.size).toBe(3);
    expect(c.get('session', 'a')).toBeUndefined();
    expect(c.get('session', 'd')).toBeDefined();
  });

  it('is off with a ttl of 0', () => {
    const c = new SessionCache(0);
    c.setListening(true);
    expect(c.active).toBe(false);
    expect(c.begin()).toBeNull();
  });
});

describe('no cache: every request checks its session in the database', () => {
  let db: TestDatabase;
  let feeds: LiveFeed[] = [];
  beforeAll(async () => {
    db = await createTestDatabase('none');
  });
  afterAll(async () => {
    for (const f of feeds) await f.close();
    await db?.close();
  });

  const twoRequests = async (p: ApiProcess) => {
    const { username } = await newUser(db);
    const cookie = await p.login(username);
    const first = await p.counted(ME, cookie);
    const second = await p.counted(ME, cookie);
    expect(first.body.data?.me?.role).toBe('OPS');
    expect(second.body.data?.me?.role).toBe('OPS');
    return [first.session, second.session];
  };

  it('without a live feed (the CLI, most tests)', async () => {
    expect(await twoRequests(apiProcess(db.appDb, undefined, db.queries))).toEqual([1, 1]);
  });

  it.skipIf(!!PG)('on PGlite, whose feed keeps no cache', async () => {
    const live = startLiveFeed(db, { sessionCacheMs: LONG_TTL });
    feeds.push(live);
    await live.ready;
    expect(live.sessions).toBeNull();
    expect(await twoRequests(apiProcess(db.appDb, live, db.queries))).toEqual([1, 1]);
  });

  it.skipIf(!PG)('on PostgreSQL with REXIAN_SESSION_CACHE_MS=0', async () => {
    const live = startLiveFeed(db, { databaseUrl: PG, sessionCacheMs: 0 });
    feeds.push(live);
    await live.ready;
    expect(live.sessions).toBeNull();
    expect(await twoRequests(apiProcess(db.appDb, live, db.queries))).toEqual([1, 1]);
  });
});

describe.skipIf(!PG)('the session cache on PostgreSQL', () => {
  let db: TestDatabase;
  let other: OpenedDatabase;
  const otherLog: string[] = [];
  let liveB: LiveFeed;
  /** Process A (this test's database handle, whose statements db.queries counts; deaf) and process B (listening). */
  let A: ApiProcess;
  let B: ApiProcess;
  let adminA: Record<string, string>;
  let streets: number[];
  let units: number[];

  beforeAll(async () => {
    db = await createTestDatabase('none');
    const district = await db.db.insertInto('district').values({ code: 'SC', name: '缓存区' }).returning('id').executeTakeFirstOrThrow();
    streets = (await db.db.insertInto('street').values([
      { code: 'SCA', name: '甲街道', districtId: district.id },
      { code: 'SCB', name: '乙街道', districtId: district.id },
    ]).returning('id').execute()).map((s) => s.id);
    units = (await db.db.insertInto('unit').values(streets.map((s, i) => ({ code: `U${i + 1}`, name: `第${i + 1}单位`, streetId: s, peerGroup: 'DEPARTMENT' as const }))).returning('id').execute()).map((u) => u.id);
    other = await openDatabase({ databaseUrl: PG!, searchPath: db.schema, poolMax: 2, log: (q) => otherLog.push(q) });
    liveB = startLiveFeed(other, { databaseUrl: PG, sessionCacheMs: LONG_TTL });
    await liveB.ready;
    A = apiProcess(db.appDb, deafFeed(LONG_TTL), db.queries);
    B = apiProcess(other.appDb, liveB, { log: otherLog });
    const admin = await newUser(db, 'ADMIN');
    adminA = await A.login(admin.username);
  });
  afterAll(async () => {
    await liveB?.close();
    await other?.close();
    await db?.close();
  });

  /** Both processes have checked this credential and answer it from their caches now. */
  async function warm(headers: Record<string, string>, kind: 'session' | 'token' = 'session') {
    await settle(db, liveB);
    for (const p of [A, B]) {
      await p.counted(ME, headers);
      const again = await p.counted(ME, headers);
      expect(again.body.errors).toBeUndefined();
      expect(again[kind]).toBe(0);
    }
  }
  /** A sees the change on its very next request (its mutation cleared its cache); B within 2 s (it heard it). */
  async function seenEverywhere(headers: Record<string, string>, seen: (body: GqlResult) => boolean) {
    expect(seen((await A.call(ME, {}, headers)).body)).toBe(true);
    const ms = await within(2_000, async () => seen((await B.call(ME, {}, headers)).body));
    return ms;
  }
  const gone = (body: GqlResult) => code(body) === 'UNAUTHENTICATED';

  it('answers a checked session and token without a session statement', async () => {
    const { username } = await newUser(db);
    const cookie = await B.login(username);
    const token = await createApiToken(db.db, { name: 'sc-read', role: 'API_READER', createdBy: null });
    await settle(db, liveB);
    const first = await B.counted(ME, cookie);
    expect(first.session).toBe(1);
    const second = await B.counted(ME, cookie);
    expect(second.session).toBe(0);
    expect(second.body.data?.me?.role).toBe('OPS');
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await B.counted(ME, bearer)).token).toBe(2); // read, and lastUsedAt written
    const cached = await B.counted(ME, bearer);
    expect(cached.token).toBe(0);
    expect(cached.body.data?.me?.role).toBe('API_READER');
    // An unknown session is never cached.
    const bogus = { cookie: '__Host-rexian_session=nobody' };
    expect((await B.counted(ME, bogus)).session).toBe(1);
    expect((await B.counted(ME, bogus)).session).toBe(1);
  });

  it('logout', async () => {
    const { username } = await newUser(db);
    const cookie = await A.login(username);
    await warm(cookie);
    expect((await A.call('mutation { logout }', {}, cookie)).body.errors).toBeUndefined();
    const ms = await seenEverywhere(cookie, (b) => b.data?.me === null);
    console.log(JSON.stringify({ sessionCache: { change: 'logout', otherProcessMs: Math.round(ms) } }));
  });

  it('deactivating a user', async () => {
    const u = await newUser(db);
    const cookie = await A.login(u.username);
    await warm(cookie);
    const r = await A.call('mutation($id: ID!, $v: Int) { updateUser(id: $id, version: $v, active: false) { id } }', { id: String(u.id), v: await versionOf(db, 'appUser', u.id) }, adminA);
    expect(r.body.errors).toBeUndefined();
    const ms = await seenEverywhere(cookie, (b) => b.data?.me === null);
    console.log(JSON.stringify({ sessionCache: { change: 'deactivate', otherProcessMs: Math.round(ms) } }));
  });

  it('changing a role', async () => {
    const u = await newUser(db);
    const cookie = await A.login(u.username);
    await warm(cookie);
    const r = await A.call('mutation($id: ID!, $v: Int) { updateUser(id: $id, version: $v, role: PARTY_OFFICE) { id } }', { id: String(u.id), v: await versionOf(db, 'appUser', u.id) }, adminA);
    expect(r.body.errors).toBeUndefined();
    await seenEverywhere(cookie, (b) => b.data?.me?.role === 'PARTY_OFFICE');
  });

  it('deleting a user’s sessions outside GraphQL (a password reset by an operator, a job)', async () => {
    const u = await newUser(db);
    const cookie = await A.login(u.username);
    await warm(cookie);
    await db.db.deleteFrom('userSession').where('userId', '=', u.id).execute();
    // No mutation ran: a process hears it from the database (A, deaf, would trust its entry for its ttl — the bound).
    await within(2_000, async () => (await B.call(ME, {}, cookie)).body.data?.me === null);
  });

  it('revoking a token', async () => {
    const created = await A.call('mutation { createApiToken(name: "sc-revoke", role: API_READER) { id token } }', {}, adminA);
    expect(created.body.errors).toBeUndefined();
    const { id, token } = created.body.data.createApiToken;
    const bearer = { authorization: `Bearer ${token}` };
    await warm(bearer, 'token');
    expect((await A.call('mutation($id: ID!) { revokeApiToken(id: $id) }', { id }, adminA)).body.data?.revokeApiToken).toBe(true);
    await seenEverywhere(bearer, (b) => b.data?.me === null || gone(b));
  });

  it('moving a handler’s unit to another street', async () => {
    const u = await newUser(db, 'UNIT_HANDLER', { unitId: units[0] });
    const cookie = await A.login(u.username);
    await warm(cookie);
    expect((await A.call(ME, {}, cookie)).body.data?.me?.streetId).toBe(String(streets[0]));
    const r = await A.call('mutation($id: ID!, $v: Int, $s: ID!) { updateUnit(id: $id, version: $v, streetId: $s) { id } }', { id: String(units[0]), v: await versionOf(db, 'unit', units[0]!), s: String(streets[1]) }, adminA);
    expect(r.body.errors).toBeUndefined();
    await seenEverywhere(cookie, (b) => b.data?.me?.streetId === String(streets[1]));
    await db.db.updateTable('unit').set({ streetId: streets[0]! }).where('id', '=', units[0]!).execute();
  });

  it('announces real changes only: not a session’s touch, a token’s last use or a failed password', async () => {
    const listener = new pg.Client({ connectionString: PG });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (m) => m.channel === AUTH_CHANNEL && heard.push(m.payload ?? ''));
    await listener.query(`listen ${AUTH_CHANNEL}`);
    const u = await newUser(db);
    const token = await createApiToken(db.db, { name: 'sc-notify', role: 'API_READER', createdBy: null });
    await A.login(u.username);
    let marker = 0;
    await sql`select pg_notify(${AUTH_CHANNEL}, 'marker-0')`.execute(db.db);
    await within(2_000, async () => heard.includes('marker-0')); // what came before is heard
    /** Whether the statement announced our schema: a marker sent after it in its transaction arrives after it. */
    const announces = async (statement: ReturnType<typeof sql>) => {
      const m = `marker-${++marker}`;
      heard.length = 0;
      await db.db.transaction().execute(async (trx) => {
        await statement.execute(trx);
        await sql`select pg_notify(${AUTH_CHANNEL}, ${m})`.execute(trx);
      });
      await within(2_000, async () => heard.includes(m));
      return heard.slice(0, heard.indexOf(m)).includes(db.schema);
    };
    try {
      expect(await announces(sql`update user_session set last_seen_at = last_seen_at + interval '1 second' where user_id = ${u.id}`)).toBe(false);
      expect(await announces(sql`update api_token set last_used_at = now() where id = ${token.id}`)).toBe(false);
      expect(await announces(sql`update app_user set failed_logins = failed_logins + 1, locked_until = now() where id = ${u.id}`)).toBe(false);
      expect(await announces(sql`update app_user set role = role where id = ${u.id}`)).toBe(false); // nothing changed
      expect(await announces(sql`update app_user set active = active where id = -1`)).toBe(false); // no row
      expect(await announces(sql`update user_session set expires_at = expires_at - interval '1 second' where user_id = ${u.id}`)).toBe(true);
      expect(await announces(sql`update app_user set display_name = 'x' where id = ${u.id}`)).toBe(true);
      expect(await announces(sql`update api_token set revoked_at = now() where id = ${token.id}`)).toBe(true);
      expect(await announces(sql`update unit set name = name || '' , head = 'h' where id = ${units[1]}`)).toBe(true);
      expect(await announces(sql`insert into api_token (name, prefix, token_hash, role) values ('n', 'p', ${`h-${Date.now()}`}, 'API_READER')`)).toBe(true);
      expect(await announces(sql`delete from user_session where user_id = ${u.id}`)).toBe(true);
      expect(await announces(sql`delete from user_session where user_id = -1`)).toBe(false);
    } finally {
      await listener.end();
    }
  });

  it('keeps the idle and absolute expiry and the once-a-minute touch, by the request clock', async () => {
    const clock = A.clock;
    const { username } = await newUser(db);
    const cookie = await A.login(username);
    expect((await A.counted(ME, cookie)).session).toBe(1);
    clock.now += 59_000;
    expect((await A.counted(ME, cookie)).session).toBe(0);
    clock.now += 2_000; // the touch is due: read and written in the database, cached again
    expect((await A.counted(ME, cookie)).session).toBe(2);
    expect((await A.counted(ME, cookie)).session).toBe(0);
    clock.now += 31 * 60_000; // idle: the database path ends it
    const idle = await A.counted(ME, cookie);
    expect(idle.body.data?.me).toBeNull();
    expect(idle.session).toBe(2); // read, deleted

    // Absolute expiry: active every 20 minutes up to 30 s before the 10 hours, then 40 s later — within the touch
    // minute, so only the cached expiry can refuse it.
    const cookie2 = await A.login(username);
    const loginAt = clock.now;
    while (clock.now + 20 * 60_000 < loginAt + 10 * 3_600_000 - 30_000) {
      clock.now += 20 * 60_000;
      expect((await A.call(ME, {}, cookie2)).body.data?.me?.role).toBe('OPS');
    }
    clock.now = loginAt + 10 * 3_600_000 - 30_000;
    expect((await A.counted(ME, cookie2)).body.data?.me?.role).toBe('OPS');
    expect((await A.counted(ME, cookie2)).session).toBe(0);
    clock.now += 40_000;
    const expired = await A.counted(ME, cookie2);
    expect(expired.body.data?.me).toBeNull();
    expect(expired.session).toBe(2); // read, deleted

    // A token's expiry, likewise within its touch minute.
    const token = await createApiToken(db.db, { name: 'sc-expiry', role: 'API_READER', createdBy: null, expiresAt: new Date(clock.now + 30_000) });
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await A.counted(ME, bearer)).token).toBe(2);
    clock.now += 20_000;
    expect((await A.counted(ME, bearer)).token).toBe(0);
    clock.now += 11_000;
    const late = await A.counted(ME, bearer);
    expect(late.body.data?.me == null || gone(late.body)).toBe(true);
    expect(late.token).toBe(1);
    clock.now = Date.now();
  });

  it('stops while its listener is down and resumes once it listens again', async () => {
    const name = `rexian_sc_${db.schema}`;
    const url = new URL(PG!);
    url.searchParams.set('application_name', name);
    const logs: string[] = [];
    const live = startLiveFeed(db, { databaseUrl: url.toString(), sessionCacheMs: LONG_TTL, reconnectMs: 3_000, log: (m) => logs.push(m) });
    await live.ready;
    try {
      const P = apiProcess(db.appDb, live, db.queries);
      const u = await newUser(db);
      const cookie = await P.login(u.username);
      await settle(db, live);
      await P.counted(ME, cookie);
      expect((await P.counted(ME, cookie)).session).toBe(0);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(db.db);
      await within(2_000, async () => !live.sessions!.active);
      // Not listening: every request reads its session, and a change nobody announces to this process holds at once.
      expect((await P.counted(ME, cookie)).session).toBe(1);
      expect((await P.counted(ME, cookie)).session).toBe(1);
      await db.db.updateTable('appUser').set({ role: 'DISCIPLINE' }).where('id', '=', u.id).execute();
      expect((await P.counted(ME, cookie)).body.data?.me?.role).toBe('DISCIPLINE');
      expect(live.sessions!.active).toBe(false); // all of the above ran while it was down
      await within(10_000, async () => live.sessions!.active);
      expect(logs.join('\n')).toMatch(/listener connection lost/);
      await settle(db, live);
      expect((await P.counted(ME, cookie)).session).toBe(1);
      expect((await P.counted(ME, cookie)).session).toBe(0);
    } finally {
      await live.close();
    }
  });

  describe('a second OS process (REXIAN_SESSION_CACHE_MS from its environment)', () => {
    let child: ChildProcess | undefined;
    let url: string;
    beforeAll(async () => {
      const root = path.resolve(__dirname, '../..');
      child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/child-server.ts')], {
        cwd: root,
        env: { ...process.env, REXIAN_CHILD_SCHEMA: db.schema, REXIAN_CHILD_TEMPLATE: '', REXIAN_SESSION_CACHE_MS: String(LONG_TTL) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const line = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child!.stdout! }).once('line', resolve);
        child!.once('exit', (c) => reject(new Error(`child server exited with ${c}`)));
      });
      url = JSON.parse(line).url;
    }, 120_000);
    afterAll(async () => {
      const c = child;
      if (c && c.exitCode === null) await new Promise((resolve) => (c.once('exit', resolve), c.kill('SIGTERM')));
    });

    it('serves its cached session until the database announces a change, then within 2 s', async () => {
      const u = await newUser(db);
      const call = async (query: string, cookie?: string) => {
        const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables: { u: u.username, p: PASSWORD } }) });
        return { res, body: (await res.json()) as GqlResult };
      };
      const login = await call('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }');
      const cookie = login.res.headers.get('set-cookie')!.split(';')[0]!;
      // A change the database does not announce (its trigger off) is not seen: the child answers from its cache. (A
      // late announcement of the login may empty the cache once more: then the child shows the new role; try again.)
      let stale = false;
      for (const role of ['PARTY_OFFICE', 'DISCIPLINE', 'PARTY_OFFICE', 'DISCIPLINE']) {
        const before = (await call(ME, cookie)).body.data?.me?.role;
        await sql`alter table app_user disable trigger app_user_auth_update`.execute(db.db);
        await db.db.updateTable('appUser').set({ role }).where('id', '=', u.id).execute();
        await sql`alter table app_user enable trigger app_user_auth_update`.execute(db.db);
        if ((await call(ME, cookie)).body.data?.me?.role === before) {
          stale = true;
          break;
        }
      }
      expect(stale).toBe(true);
      // Through process A's API: announced, and seen by the child within 2 s.
      const r = await A.call('mutation($id: ID!, $v: Int) { updateUser(id: $id, version: $v, role: LEADER) { id } }', { id: String(u.id), v: await versionOf(db, 'appUser', u.id) }, adminA);
      expect(r.body.errors).toBeUndefined();
      const ms = await within(2_000, async () => (await call(ME, cookie)).body.data?.me?.role === 'LEADER');
      console.log(JSON.stringify({ sessionCache: { change: 'role, child process', otherProcessMs: Math.round(ms) } }));
    });
  });
});
