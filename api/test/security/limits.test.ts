// Abuse limits through yoga.fetch with production: true — masked errors, introspection for signed-in callers only, cost by page size,
// batch size, graphql-armor's depth/alias limits.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser } from '../../src/repos/auth';
import { builder } from '../../src/builder';
import { operationCost, DEFAULT_MAX_COST, MAX_BATCH_ROWS } from '../../src/security/limits';
import { schema } from '../../src/schema/index';
import { parse } from 'graphql';
import { clockedApi, codes } from './helpers';

let db: TestDatabase;
let api: ReturnType<typeof clockedApi>;
let cookie: string;
beforeAll(async () => {
  db = await createTestDatabase('none');
  api = clockedApi(db, { production: true });
  await createUser(db.db, { username: 'prod_ops', password: 'password-123', role: 'OPS' });
  cookie = (await api.login('prod_ops', 'password-123')).cookie!;
});
afterAll(() => db?.close());

const q = (query: string, variables: Record<string, unknown> = {}) => api.call(query, variables, { cookie });

describe('in production', () => {
  it('introspection is refused to anonymous callers and answers signed-in ones (contract.md Authentication)', async () => {
    const anonymous = await api.call('{ __schema { types { name } } }');
    expect(anonymous.body.data).toBeUndefined();
    expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
    expect(anonymous.text).toMatch(/introspection/i);
    expect(codes((await api.call('{ __type(name: "Ticket") { name } }')).body)).toEqual(['UNAUTHENTICATED']);
    const r = await q('{ __schema { types { name } } }');
    expect(r.body.errors).toBeUndefined();
    expect((r.body.data!.__schema as { types: Array<{ name: string }> }).types.map((t) => t.name)).toContain('Ticket');
    expect((await q('{ __type(name: "Ticket") { name } }')).body.data).toEqual({ __type: { name: 'Ticket' } });
    expect((await q('{ me { __typename role } }')).body.data?.me?.role).toBe('OPS'); // __typename is fine
  });

  it('field suggestions are not given', async () => {
    const r = await q('{ allTicket { id } }');
    expect(r.text).not.toMatch(/Did you mean/);
  });

  it('an unexpected error shows neither its message nor a stack', async () => {
    // A request that fails the way a bug would (here its session check), through the real yoga and its masking.
    const spy = vi.spyOn(db.appDb, 'executeQuery').mockImplementationOnce(() => {
      throw new Error('secret internal detail at /work/main/api/src/x.ts:12');
    });
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const r = await q('{ allDistricts { id } }');
    spy.mockRestore();
    err.mockRestore();
    expect(codes(r.body)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(r.text).not.toMatch(/secret internal detail|\.ts:|stack|at \w+ \(/);
    expect(r.body.errors![0]!.message).toBe('Unexpected error.');
  });

  it('client errors keep their code and message', async () => {
    const r = await q('{ allDistricts(perPage: 1000) { id } }');
    expect(codes(r.body)).toEqual(['BAD_USER_INPUT']);
    expect(r.text).not.toContain('stack');
  });
});

describe('cost multiplies by page size', () => {
  const NESTED = (perPage: number) => `{ allTickets(perPage: ${perPage}) { id number address events { id at kind before after note } callbacks { id note ticket { id events { id kind } } } } }`;

  it('scores a page of 100 with nested lists far above one of 2', () => {
    const c100 = operationCost(parse(NESTED(100)), null, schema);
    const c2 = operationCost(parse(NESTED(2)), null, schema);
    expect(c100).toBeGreaterThan(DEFAULT_MAX_COST);
    expect(c2).toBeLessThan(DEFAULT_MAX_COST);
    expect(c100 / c2).toBeCloseTo(50, 0);
    console.log(JSON.stringify({ scenario: 'complexity', perPage2: c2, perPage100: c100, limit: DEFAULT_MAX_COST }));
  });

  it('refuses the expensive query before running it, reads perPage from variables, and allows an ordinary page', async () => {
    const big = await q(NESTED(100));
    expect(codes(big.body)).toEqual(['BAD_USER_INPUT']);
    expect(big.body.errors![0]!.message).toContain('查询过于复杂');
    const viaVar = await q('query($n: Int) { allTickets(perPage: $n) { id events { id kind note } callbacks { id ticket { events { id kind } } } } }', { n: 100 });
    expect(codes(viaVar.body)).toEqual(['BAD_USER_INPUT']);
    const page = await q('{ allTickets(perPage: 100) { id number status receivedAt unit { id name } street { id name } } }');
    expect(page.body.errors).toBeUndefined();
  });

  it('answers the same document the same way every time it is sent (its checks are kept per document)', async () => {
    const long = `{ allTickets(perPage: 5, filter: { q: "${'长'.repeat(5_000)}" }) { id } }`;
    const nul = '{ allTickets(perPage: 5, filter: { q: "a\\u0000b" }) { id } }';
    for (let i = 0; i < 2; i++) {
      expect(codes((await q(NESTED(100))).body)).toEqual(['BAD_USER_INPUT']);
      expect(codes((await q(long)).body)).toEqual(['BAD_USER_INPUT']);
      expect((await q(nul)).body.errors?.[0]?.message).toContain('U+0000');
      // The same document with variables is checked with the values sent each time.
      const viaVar = 'query($n: Int) { allTickets(perPage: $n) { id events { id kind note } callbacks { id ticket { events { id kind } } } } }';
      expect((await q(viaVar, { n: 2 })).body.errors).toBeUndefined();
      expect(codes((await q(viaVar, { n: 100 })).body)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('batch inputs', () => {
  it(`accept ${MAX_BATCH_ROWS} rows and refuse ${MAX_BATCH_ROWS + 1}`, async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
    const ok = await q('query($ids: [ID!]) { allDistricts(filter: { ids: $ids }) { id } }', { ids: ids(MAX_BATCH_ROWS) });
    expect(ok.body.errors).toBeUndefined();
    const tooMany = await q('query($ids: [ID!]) { allDistricts(filter: { ids: $ids }) { id } }', { ids: ids(MAX_BATCH_ROWS + 1) });
    expect(codes(tooMany.body)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('graphql-armor', () => {
  it('refuses too many aliases and too deep queries', async () => {
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { role }`).join(' ')} }`;
    expect((await q(aliases)).body.errors?.length).toBeGreaterThan(0);
    let deep = 'id';
    for (let i = 0; i < 12; i++) deep = `callbacks { ticket { ${deep} } }`;
    expect((await q(`{ allTickets(perPage: 1) { ${deep} } }`)).body.errors?.length).toBeGreaterThan(0);
  });
});

void builder;
