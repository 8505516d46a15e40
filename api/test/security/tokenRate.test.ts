// The API-token rate limit is shared by every API process on one database (README "Security"): two app instances
// together get 40 at once and 20 a second per token, not twice that; the in-memory copy turns a flood away without
// touching the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createApiToken } from '../../src/repos/auth';
import { DatabaseBuckets } from '../../src/security/rateLimit';
import { clockedApi, codes, secondProcessDb } from './helpers';

let db: TestDatabase;
let other: Awaited<ReturnType<typeof secondProcessDb>>;
beforeAll(async () => {
  db = await createTestDatabase('none');
  other = await secondProcessDb(db);
});
afterAll(async () => {
  await other?.close();
  await db?.close();
});

const newToken = async (name: string) => (await createApiToken(db.db, { name, role: 'API_READER', createdBy: null })).token;
const COUNT = '{ _allDistrictsMeta { count } }';

describe('the token rate limit across processes', () => {
  it('holds for the sum of two app instances on one database', async () => {
    let t = Date.parse('2026-03-02T01:00:00Z');
    const limits = { tokenRate: { ratePerSecond: 20, burst: 40, now: () => t } };
    const a = clockedApi(db, { limits });
    const b = clockedApi(other, { limits });
    const token = await newToken('shared');
    const q = (api: typeof a, tok = token) => api.call(COUNT, {}, { authorization: `Bearer ${tok}` });
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) statuses.push((await q(i % 2 ? a : b)).res.status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429]); // per process each would still have 20 left
    const refused = await q(a);
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect(refused.body.errors![0]!.message).toBe('请求过于频繁，请 1 秒后再试');
    expect(refused.res.headers.get('retry-after')).toBe('1');
    expect((await q(b, 'rxt_another-token')).res.status).toBe(200);

    t += 1000; // one second refills 20, shared by both
    let ok = 0;
    for (let i = 0; i < 30; i++) if ((await q(i % 2 ? a : b)).res.status === 200) ok++;
    expect(ok).toBe(20);
    console.log(JSON.stringify({ scenario: 'token-rate-shared', instances: 2, burstAccepted: 40, refillPerSecondCombined: ok }));
  });

  it('refuses a flood on one process from memory, without a database statement', async () => {
    const t = Date.parse('2026-03-02T02:00:00Z');
    const api = clockedApi(db, { limits: { tokenRate: { ratePerSecond: 20, burst: 40, now: () => t } } });
    const token = await newToken('flood');
    for (let i = 0; i < 40; i++) expect((await api.call(COUNT, {}, { authorization: `Bearer ${token}` })).res.status).toBe(200);
    db.queries.reset();
    for (let i = 0; i < 50; i++) expect((await api.call(COUNT, {}, { authorization: `Bearer ${token}` })).res.status).toBe(429);
    expect(db.queries.count).toBe(0);
  });

  it('prunes idle buckets (an idle bucket is full again) and costs one statement per request', async () => {
    const buckets = new DatabaseBuckets(db.appDb, { ratePerSecond: 20, burst: 40 });
    const t0 = Date.parse('2026-03-05T00:00:00Z');
    await buckets.take('idle-key', t0);
    db.queries.reset();
    const n = 300;
    const started = performance.now();
    for (let i = 0; i < n; i++) await buckets.take('busy-key', t0 + 10 * i);
    const perRequestMs = (performance.now() - started) / n;
    expect(db.queries.count).toBeLessThanOrEqual(n + 1); // the upsert, and one prune in the minute
    await buckets.take('busy-key', t0 + 120_000); // the prune a minute later removes the idle row
    expect(await db.db.selectFrom('apiRateBucket').select('key').where('key', '=', 'idle-key').execute()).toEqual([]);
    console.log(JSON.stringify({ scenario: 'token-rate-cost', engine: db.kind, statementsPerRequest: 1, perRequestMs: Number(perRequestMs.toFixed(3)) }));
  });
});
