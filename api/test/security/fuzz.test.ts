// Fuzzing every mutation with type-valid but hostile arguments generated from the schema (fast-check, fixed seed).
// The oracle: no INTERNAL_SERVER_ERROR, no stack or file path in any body, no 5xx, and the API still answers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { schema } from '../../src/schema/index';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createUser } from '../../src/repos/auth';
import { clockedApi, CREATE_TICKET } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

const hostileText = fc.constantFrom(
  '', ' ', '\t\n', '0', '-1', 'null', 'undefined', '2147483648', '１２３４５', '浦建路100弄5号', '市民😀🚧诉求',
  "'; drop table ticket; --", "1' or '1'='1", '%', '_', '\\', '\u0000', '\u202e反转', '<script>alert(1)</script>',
  '𠮷'.repeat(300), 'x'.repeat(5000), '{"a":1}', 'NaN', '2023-02-30', '  前后空格  ',
);
const hostileId = fc.constantFrom('', '0', '-1', '1', '2', '3', '１', '2147483647', '2147483648', '99999999999999999999', '1.5', '1e3', "1 or 1=1", 'abc', ' 1');
const hostileInt = fc.constantFrom(0, -1, 1, 2, 100, 101, 500, 501, -2147483648, 2147483647, 1_000_000);
const hostileFloat = fc.constantFrom(0, -0, -1, 0.5, 1e-300, 1e308, -1e308, 2147483648, 100.0001);
const hostileDate = fc.constantFrom('2023-06-21', '2023-02-28', '0001-01-01', '9999-12-31', '1970-01-01', '2024-02-29');
const hostileDateTime = fc.constantFrom('2023-06-21T01:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00+14:00', '2023-06-21T01:00:00.123456-12:00');
const hostileJson = fc.constantFrom<unknown>({}, [], null, 0, '', '😀', { a: { b: { c: [1, 2, 3] } } }, { toString: 'x', __proto__: 'y' }, Array.from({ length: 50 }, (_, i) => i));

function arb(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbNonNull(type.ofType as GraphQLInputType, depth);
  return fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: arbNonNull(type, depth) });
}

function arbNonNull(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbNonNull(type.ofType as GraphQLInputType, depth);
  if (isListType(type)) return fc.array(arb(type.ofType as GraphQLInputType, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
  const named = getNamedType(type)!;
  if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((v) => v.name));
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    if (depth > 3) return fc.constant({});
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) record[f.name] = arb(f.type, depth + 1);
    const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(record, { requiredKeys: required });
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'String': return hostileText;
      case 'ID': return hostileId;
      case 'Int': return hostileInt;
      case 'Float': return hostileFloat;
      case 'Boolean': return fc.boolean();
      case 'Date': return hostileDate;
      case 'DateTime': return hostileDateTime;
      case 'JSON': return hostileJson;
      default: return fc.constant(null);
    }
  }
  return fc.constant(null);
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const t = getNamedType(field.type);
  if (!isObjectType(t)) return '';
  const scalars = Object.values(t.getFields()).filter((f) => f.args.length === 0 && (isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))));
  return ` { __typename ${scalars.map((f) => f.name).join(' ')} }`;
}

const typeName = (t: GraphQLInputType): string => t.toString();

// logout ends the fuzzing session; File uploads are fuzzed by the import suite.
const SKIP = new Set(['logout']);
const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
  (f) => !SKIP.has(f.name) && !f.args.some((a) => isNonNullType(a.type) && getNamedType(a.type)!.name === 'File'),
);

let db: TestDatabase;
let api: ReturnType<typeof clockedApi>;
let cookie: string;
const unexpected: string[] = [];
beforeAll(async () => {
  db = await createTestDatabase('none');
  api = clockedApi(db, { production: true });
  await createUser(db.db, { username: 'fuzz_admin', password: 'password-123', role: 'ADMIN', canReadPersonalData: true });
  cookie = (await api.login('fuzz_admin', 'password-123')).cookie!;
  // A little data so that small ids point at real rows.
  const admin = (query: string, v: Record<string, unknown> = {}) => api.call(query, v, { cookie }).then((r) => r.body as any);
  const d = await admin('mutation { createDistrict(code: "FZ", name: "模糊区") { id } }');
  const s = await admin('mutation($d: ID!) { createStreet(code: "FZ", name: "模糊街道", districtId: $d) { id } }', { d: d.data.createDistrict.id });
  const u = await admin('mutation($s: ID!) { createUnit(code: "FZ1", name: "模糊单位", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: s.data.createStreet.id });
  for (let i = 1; i <= 3; i++) {
    await admin(CREATE_TICKET, { n: `FZ-${i}`, s: s.data.createStreet.id, u: u.data.createUnit.id, c: 'COMPLAINT', r: '2023-06-21T01:00:00Z', phone: '13812345678', addr: '浦建路100弄5号' });
  }
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void unexpected.push(a.map((x) => (x instanceof Error ? x.stack : String(x))).join(' ')));
  console.log(JSON.stringify({ scenario: 'fuzz', seed: SEED, runsPerMutation: RUNS, mutations: mutations.length }));
});
afterAll(() => {
  vi.restoreAllMocks(); // the console spy must not outlive this file (the unit project shares its workers' modules)
  return db?.close();
});

describe(`every mutation survives hostile input (seed ${SEED})`, () => {
  for (const field of mutations) {
    it(field.name, async () => {
      const vars = field.args.filter((a) => getNamedType(a.type)!.name !== 'File');
      const decl = vars.length ? `(${vars.map((a) => `$${a.name}: ${typeName(a.type)}`).join(', ')})` : '';
      const call = vars.length ? `(${vars.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      const query = `mutation${decl} { ${field.name}${call}${selection(field)} }`;
      const argArb = fc.record(Object.fromEntries(vars.map((a) => [a.name, arb(a.type)])));
      await fc.assert(
        fc.asyncProperty(argArb, async (variables) => {
          unexpected.length = 0;
          const r = await api.call(query, variables, { cookie, 'x-graphql-yoga-csrf': '1' });
          const codes = (r.body.errors ?? []).map((e) => e.extensions?.code);
          const detail = `${field.name} ${JSON.stringify(variables).slice(0, 400)} → ${r.text.slice(0, 300)} ${unexpected.join(' ').slice(0, 1500)}`;
          expect(r.res.status, detail).toBeLessThan(500);
          expect(codes, detail).not.toContain('INTERNAL_SERVER_ERROR');
          expect(r.text, detail).not.toMatch(/"stack"|\.ts:\d+|node_modules/);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      const health = await api.call('{ me { role } _allDistrictsMeta { count } }', {}, { cookie });
      expect(health.body.errors).toBeUndefined();
      expect(health.body.data?.me?.role).toBe('ADMIN');
    });
  }
});
