// Sessions and API tokens (contract.md "Authentication"; README "Security").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser, LOCK_AFTER_FAILURES } from '../../src/repos/auth';
import { sha256 } from '../../src/auth/passwords';
import { clockedApi, codes } from './helpers';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('none');
});
afterAll(() => db?.close());

let n = 0;
async function user(role: 'ADMIN' | 'OPS' | 'API_READER' = 'OPS') {
  const username = `s_${role.toLowerCase()}_${++n}`;
  await createUser(db.db, { username, password: 'password-123', role });
  return username;
}

describe('the session cookie', () => {
  it('is __Host-rexian_session, HttpOnly, Secure, SameSite=Lax, Path=/ over HTTPS', async () => {
    const api = clockedApi(db);
    const r = await api.login(await user(), 'password-123', 'https://rexian.example.gov.cn');
    const header = r.res.headers.get('set-cookie')!;
    expect(header).toMatch(/^__Host-rexian_session=[A-Za-z0-9_-]{43};/);
    for (const attr of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/']) expect(header).toContain(attr);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('is the __Host- cookie on localhost and 127.0.0.1 (browsers accept Secure there)', async () => {
    const api = clockedApi(db);
    for (const base of ['http://localhost:4000', 'http://127.0.0.1:4000']) {
      const header = (await api.login(await user(), 'password-123', base)).res.headers.get('set-cookie')!;
      expect(header).toMatch(/^__Host-rexian_session=.*; Secure$/);
    }
  });

  it('is plain rexian_session without Secure on a plain-HTTP LAN address, and works', async () => {
    const api = clockedApi(db, { base: 'http://10.20.30.40:4000' });
    const r = await api.login(await user(), 'password-123');
    const header = r.res.headers.get('set-cookie')!;
    expect(header).toMatch(/^rexian_session=/);
    expect(header).toContain('HttpOnly');
    expect(header).not.toContain('Secure');
    const me = await api.call('{ me { role } }', {}, { cookie: r.cookie! });
    expect(me.body.data?.me?.role).toBe('OPS');
  });

  it('is a new session on every login (rotation) and is destroyed by logout', async () => {
    const api = clockedApi(db);
    const name = await user();
    const first = (await api.login(name, 'password-123')).cookie!;
    const second = (await api.call('mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', { u: name, p: 'password-123' }, { cookie: first })).res.headers.get('set-cookie')!.split(';')[0]!;
    expect(second).not.toBe(first);
    expect((await api.call('{ _allDistrictsMeta { count } }', {}, { cookie: first })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const out = await api.call('mutation { logout }', {}, { cookie: second });
    expect(out.res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(codes((await api.call('{ _allDistrictsMeta { count } }', {}, { cookie: second })).body)).toEqual(['UNAUTHENTICATED']);
    const left = await db.db.selectFrom('userSession').select('id').where('id', '=', sha256(decodeURIComponent(second.split('=')[1]!))).execute();
    expect(left).toHaveLength(0);
  });

  it('expires after 30 idle minutes', async () => {
    const api = clockedApi(db);
    const cookie = (await api.login(await user(), 'password-123')).cookie!;
    const q = () => api.call('{ _allDistrictsMeta { count } }', {}, { cookie });
    for (let i = 0; i < 3; i++) {
      api.advance(29 * 60_000); // active just within the idle limit: still signed in
      expect((await q()).body.errors).toBeUndefined();
    }
    api.advance(30 * 60_000 + 1000);
    expect(codes((await q()).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('expires 10 hours after login however active', async () => {
    const api = clockedApi(db);
    const cookie = (await api.login(await user(), 'password-123')).cookie!;
    const q = () => api.call('{ _allDistrictsMeta { count } }', {}, { cookie });
    for (let minutes = 0; minutes < 10 * 60 - 20; minutes += 20) {
      api.advance(20 * 60_000);
      if (minutes % 120 === 0) expect((await q()).body.errors).toBeUndefined();
      else await q();
    }
    api.advance(40 * 60_000);
    expect(codes((await q()).body)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('passwords', () => {
  it('are stored as argon2id hashes, by the repository and by createUser', async () => {
    const name = await user();
    const stored = await db.db.selectFrom('appUser').select('passwordHash').where('username', '=', name).executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    const api = clockedApi(db);
    const admin = (await api.login(await user('ADMIN'), 'password-123')).cookie!;
    const r = await api.call('mutation { createUser(username: "via_api", password: "long-enough-1", role: OPS) { id } }', {}, { cookie: admin });
    expect(r.body.errors).toBeUndefined();
    const viaApi = await db.db.selectFrom('appUser').select('passwordHash').where('username', '=', 'via_api').executeTakeFirstOrThrow();
    expect(viaApi.passwordHash).toMatch(/^\$argon2id\$/);
    expect(r.text).not.toContain('argon2');
  });

  it(`lock the account after ${LOCK_AFTER_FAILURES} wrong passwords, even against the right one, for 15 minutes`, async () => {
    const api = clockedApi(db);
    const name = await user();
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) {
      const r = await api.login(name, 'wrong-password');
      expect(r.body.errors?.[0]?.message).toBe('用户名或密码错误');
    }
    expect((await api.login(name, 'password-123')).cookie).toBeTruthy(); // five failures: not locked, and reset
    for (let i = 1; i <= LOCK_AFTER_FAILURES; i++) await api.login(name, 'wrong-password');
    const locked = await api.login(name, 'password-123');
    expect(codes(locked.body)).toEqual(['UNAUTHENTICATED']);
    expect(locked.body.errors?.[0]?.message).toContain('锁定');
    expect(locked.cookie).toBeNull();
    api.advance(14 * 60_000);
    expect((await api.login(name, 'password-123')).cookie).toBeNull();
    api.advance(2 * 60_000);
    expect((await api.login(name, 'password-123')).cookie).toBeTruthy();
  });
});

describe('API tokens', () => {
  async function adminCookie(api: ReturnType<typeof clockedApi>) {
    return (await api.login(await user('ADMIN'), 'password-123')).cookie!;
  }
  const create = `mutation($name: String!, $role: Role!, $exp: DateTime) { createApiToken(name: $name, role: $role, expiresAt: $exp) { id prefix token role } }`;

  it('are prefixed, random and stored only as their SHA-256', async () => {
    const api = clockedApi(db);
    const cookie = await adminCookie(api);
    const a = (await api.call(create, { name: 'bi', role: 'API_READER' }, { cookie })).body.data!.createApiToken;
    const b = (await api.call(create, { name: 'bi2', role: 'API_READER' }, { cookie })).body.data!.createApiToken;
    expect(a.token).toMatch(/^rxt_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.prefix).toBe(a.token.slice(0, 10));
    const row = await db.db.selectFrom('apiToken').selectAll().where('id', '=', Number(a.id)).executeTakeFirstOrThrow();
    expect(row.tokenHash).toBe(sha256(a.token));
    expect(JSON.stringify(row)).not.toContain(a.token.slice(10));
    const audit = await db.db.selectFrom('auditLog').select(['after']).where('operation', '=', 'createApiToken').execute();
    expect(JSON.stringify(audit)).not.toContain(a.token.slice(10));
  });

  it('of API_READER read but cannot mutate; only an ADMIN creates tokens, and those of other roles may write', async () => {
    const api = clockedApi(db);
    const cookie = await adminCookie(api);
    const reader = (await api.call(create, { name: 'reader', role: 'API_READER' }, { cookie })).body.data!.createApiToken.token;
    const auth = { authorization: `Bearer ${reader}` };
    expect((await api.call('{ _allDistrictsMeta { count } }', {}, auth)).body.errors).toBeUndefined();
    for (const m of ['mutation { createTopic(name: "x") { id } }', 'mutation { revokeApiToken(id: "1") }', 'mutation { createDistrict(code: "Z", name: "z") { id } }']) {
      expect(codes((await api.call(m, {}, auth)).body)).toEqual(['FORBIDDEN']);
    }
    const ops = (await api.login(await user('OPS'), 'password-123')).cookie!;
    expect(codes((await api.call(create, { name: 'mine', role: 'OPS' }, { cookie: ops })).body)).toEqual(['FORBIDDEN']);
    const writer = (await api.call(create, { name: 'ops-tool', role: 'OPS' }, { cookie })).body.data!.createApiToken.token;
    const made = await api.call('mutation { createTopic(name: "令牌写入") { id } }', {}, { authorization: `Bearer ${writer}` });
    expect(made.body.errors).toBeUndefined();
  });

  it('expire and can be revoked', async () => {
    const api = clockedApi(db);
    let cookie = await adminCookie(api);
    const exp = new Date(api.clock.now + 3600_000).toISOString();
    const t = (await api.call(create, { name: 'short', role: 'API_READER', exp }, { cookie })).body.data!.createApiToken;
    const q = (token: string) => api.call('{ _allDistrictsMeta { count } }', {}, { authorization: `Bearer ${token}` });
    expect((await q(t.token)).body.errors).toBeUndefined();
    api.advance(3600_000 + 1);
    expect(codes((await q(t.token)).body)).toEqual(['UNAUTHENTICATED']);
    cookie = await adminCookie(api); // the admin's own session went idle meanwhile
    const other = (await api.call(create, { name: 'revoked', role: 'API_READER' }, { cookie })).body.data!.createApiToken;
    expect((await q(other.token)).body.errors).toBeUndefined();
    expect((await api.call('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: other.id }, { cookie })).body.data?.revokeApiToken).toBe(true);
    expect(codes((await q(other.token)).body)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await q('rxt_not-a-real-token')).body)).toEqual(['UNAUTHENTICATED']);
  });

  it('are rate-limited per token: 40 at once, then 20 a second, with HTTP 429 RATE_LIMITED', async () => {
    const api = clockedApi(db);
    let t = 0;
    const limited = clockedApi(db, { limits: { tokenRate: { ratePerSecond: 20, burst: 40, now: () => t } } });
    const cookie = await adminCookie(api);
    const token = (await api.call(create, { name: 'busy', role: 'API_READER' }, { cookie })).body.data!.createApiToken.token;
    const q = (tok = token) => limited.call('{ _allDistrictsMeta { count } }', {}, { authorization: `Bearer ${tok}` });
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) statuses.push((await q()).res.status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const refused = await q();
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('1');
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect(statuses[40]).toBe(429);
    // Another token is not affected; sessions are not token-limited.
    expect((await q('rxt_someone-else')).res.status).toBe(200);
    t += 1000; // one second refills 20
    let ok = 0;
    for (let i = 0; i < 25; i++) if ((await q()).res.status === 200) ok++;
    expect(ok).toBe(20);
    console.log(JSON.stringify({ scenario: 'token-rate-limit', burstAccepted: 40, refusedAt: 41, refillPerSecond: ok }));
  });
});
