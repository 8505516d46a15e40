// Per-address login throttling (README "Security"): more than 20 failed logins from one client address within 10
// minutes and that address may not try again until the window frees it — whatever the username, whether it
// exists, and whichever API process answers (attempts are counted in the database).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser, LOGIN_THROTTLE } from '../../src/repos/auth';
import { createApiYoga } from '../../src/yoga';
import { clientAddress, parseTrustProxy } from '../../src/security/clientAddress';
import { clockedApi, codes, secondProcessDb } from './helpers';

let db: TestDatabase;
let other: Awaited<ReturnType<typeof secondProcessDb>>;
beforeAll(async () => {
  db = await createTestDatabase('none');
  other = await secondProcessDb(db);
  await createUser(db.db, { username: 'throttled_ops', password: 'password-123', role: 'OPS' });
});
afterAll(async () => {
  await other?.close();
  await db?.close();
});

const from = (address: string) => ({ 'x-forwarded-for': address });

describe('failed logins from one address', () => {
  it(`refuse the ${LOGIN_THROTTLE.maxFailures + 1}st attempt, even with the right password, on every process, until the window passes`, async () => {
    // Two API processes behind one trusted proxy, sharing the database and the clock.
    const a = clockedApi(db, { trustProxy: 1 });
    const b = clockedApi(other, { trustProxy: 1 });
    const advance = (ms: number) => [a, b].forEach((api) => api.advance(ms));
    const bad = '198.51.100.7';
    for (let i = 1; i <= LOGIN_THROTTLE.maxFailures; i++) {
      // Alternating processes, existing and unknown accounts (the unknown ones keep the real account unlocked).
      const api = i % 2 ? a : b;
      const r = await api.login(i % 5 === 0 ? 'throttled_ops' : `nobody_${i}`, 'wrong-password', undefined, from(bad));
      expect(r.body.errors?.[0]?.message, `attempt ${i}`).toBe('用户名或密码错误');
    }
    const blocked = await a.login('nobody_21', 'wrong-password', undefined, from(bad));
    expect(blocked.res.status).toBe(429);
    expect(codes(blocked.body)).toEqual(['RATE_LIMITED']);
    expect(blocked.body.errors![0]!.message).toBe('此地址登录失败次数过多，请 10 分钟后再试');
    expect(blocked.res.headers.get('retry-after')).toBe('600');
    expect(blocked.text).not.toContain('"http"');

    // The right password from there is refused the same way: nothing tells whether the account exists.
    const right = await b.login('throttled_ops', 'password-123', undefined, from(bad));
    expect(right.res.status).toBe(429);
    expect(right.cookie).toBeNull();
    expect(right.body.errors![0]!.message).toBe(blocked.body.errors![0]!.message);

    // Another address is not affected.
    expect((await a.login('throttled_ops', 'password-123', undefined, from('198.51.100.8'))).cookie).toBeTruthy();

    // Nearly ten minutes later: still refused, with less to wait; then free.
    advance(9 * 60_000);
    const later = await a.login('throttled_ops', 'password-123', undefined, from(bad));
    expect(later.res.headers.get('retry-after')).toBe('60');
    expect(later.body.errors![0]!.message).toBe('此地址登录失败次数过多，请 1 分钟后再试');
    advance(60_000 + 1);
    expect((await b.login('throttled_ops', 'password-123', undefined, from(bad))).cookie).toBeTruthy();
    console.log(JSON.stringify({ scenario: 'login-throttle', allowedFailures: LOGIN_THROTTLE.maxFailures, blockedAt: LOGIN_THROTTLE.maxFailures + 1, windowMinutes: 10 }));
  });

  it('count only failures: successful logins never block, and old attempts are pruned', async () => {
    const api = clockedApi(db, { trustProxy: 1, limits: { loginThrottle: { maxFailures: 2, windowMs: 60_000 } } });
    api.clock.now = new Date('2026-03-03T02:00:00Z').getTime();
    const office = from('203.0.113.50');
    for (let i = 0; i < 4; i++) expect((await api.login('throttled_ops', 'password-123', undefined, office)).cookie).toBeTruthy();
    await api.login('nobody', 'x', undefined, office);
    await api.login('nobody', 'x', undefined, office);
    expect(codes((await api.login('throttled_ops', 'password-123', undefined, office)).body)).toEqual(['RATE_LIMITED']);
    api.advance(60_001);
    await api.login('nobody', 'x', undefined, from('203.0.113.51')); // a failure elsewhere prunes the expired rows
    const left = await db.db.selectFrom('loginAttempt').select('client').where('at', '<', new Date(api.clock.now - 60_000)).execute();
    expect(left).toEqual([]);
    expect((await api.login('throttled_ops', 'password-123', undefined, office)).cookie).toBeTruthy();
  });

  it('over-long credentials count as failures too', async () => {
    const api = clockedApi(db, { trustProxy: 1, limits: { loginThrottle: { maxFailures: 1, windowMs: 60_000 } } });
    api.clock.now = new Date('2026-03-04T02:00:00Z').getTime();
    expect(codes((await api.login('x'.repeat(101), 'y', undefined, from('203.0.113.60'))).body)).toEqual(['UNAUTHENTICATED']);
    expect(codes((await api.login('throttled_ops', 'password-123', undefined, from('203.0.113.60'))).body)).toEqual(['RATE_LIMITED']);
  });
});

describe('the client address', () => {
  it('is the socket address; X-Forwarded-For counts only behind REXIAN_TRUST_PROXY, and only what our proxies wrote', () => {
    const req = (xff?: string) => new Request('http://localhost/graphql', { headers: xff ? { 'x-forwarded-for': xff } : {} });
    expect(clientAddress(req('1.2.3.4'), '::ffff:10.0.0.9', 0)).toBe('10.0.0.9');
    expect(clientAddress(req('1.2.3.4'), undefined, 0)).toBe('unknown');
    expect(clientAddress(req('1.2.3.4'), '10.0.0.9', 1)).toBe('1.2.3.4');
    // A client-forged entry sits left of what the trusted proxy appended.
    expect(clientAddress(req('6.6.6.6, 1.2.3.4'), '10.0.0.9', 1)).toBe('1.2.3.4');
    expect(clientAddress(req('6.6.6.6, 1.2.3.4, 10.0.0.2'), '10.0.0.9', 2)).toBe('1.2.3.4');
    expect(clientAddress(req(), '10.0.0.9', 1)).toBe('10.0.0.9');
    expect([undefined, '', 'false', '0', 'true', '2'].map(parseTrustProxy)).toEqual([0, 0, 0, 0, 1, 2]);
    expect(() => parseTrustProxy('maybe')).toThrow(/REXIAN_TRUST_PROXY/);
  });

  it('over HTTP without a trusted proxy, a forged X-Forwarded-For does not escape the limit', async () => {
    const yoga = createApiYoga({ db: db.appDb, production: false, limits: { loginThrottle: { maxFailures: 2, windowMs: 60_000 } } });
    const server = http.createServer(yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const attempt = async (xff: string) => {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': xff },
          body: JSON.stringify({ query: 'mutation { login(username: "nobody", password: "nope") { id } }' }),
        });
        return { status: res.status, code: ((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code };
      };
      expect(await attempt('192.0.2.1')).toEqual({ status: 200, code: 'UNAUTHENTICATED' });
      expect(await attempt('192.0.2.2')).toEqual({ status: 200, code: 'UNAUTHENTICATED' });
      expect(await attempt('192.0.2.3')).toEqual({ status: 429, code: 'RATE_LIMITED' });
      const rows = await db.db.selectFrom('loginAttempt').select('client').where('client', 'like', '%192.0.2%').execute();
      expect(rows).toEqual([]); // recorded under the socket address, not the header
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
