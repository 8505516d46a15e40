// The role × operation matrix (auth/operations.ts), checked exhaustively against the live API: every root field has
// an entry; every role × every root field is either refused by the gate (FORBIDDEN, reason ROLE, nothing written) or
// never refused by it, exactly as the table says; and the comparison is shown to catch a table that drifts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { GraphQLField } from 'graphql';
import { schema } from '../../src/schema/index';
import { ROLES, type Role } from '../../src/auth/roles';
import { OPERATION_ACCESS, allOperations, mayCall, operationAccess } from '../../src/auth/operations';
import { createUser } from '../../src/repos/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi, type GqlResult } from '../helpers/api';
import { fieldCall, hasFileArg } from './args';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const district = await db.db.insertInto('district').values({ code: 'OP', name: '操作区' }).returning('id').executeTakeFirstOrThrow();
  const street = await db.db.insertInto('street').values({ code: 'OP', name: '操作街道', districtId: district.id }).returning('id').executeTakeFirstOrThrow();
  const unit = await db.db.insertInto('unit').values({ code: 'OP1', name: '操作单位', streetId: street.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow();
  for (const role of ROLES) {
    const username = `op_${role.toLowerCase()}`;
    await createUser(db.db, { username, password: 'password-123', role, unitId: role === 'UNIT_HANDLER' ? unit.id : null, leaderRank: role === 'LEADER' ? 'DEPUTY' : null });
    cookies.set(role, await api.login(username, 'password-123'));
  }
}, 60_000);
afterAll(() => db?.close());

type Kind = 'Query' | 'Mutation';
const ROOTS: Array<[Kind, Record<string, GraphQLField<unknown, unknown>>]> = [
  ['Query', schema.getQueryType()!.getFields()],
  ['Mutation', schema.getMutationType()!.getFields()],
];
// Subscriptions (schema/live.ts) have entries too; they check them when they start, so the sweep below leaves them out.
const SUBSCRIPTIONS = Object.keys(schema.getSubscriptionType()?.getFields() ?? {}).map((name) => `Subscription.${name}`);
const LIVE = ROOTS.flatMap(([kind, fields]) => Object.keys(fields).map((name) => `${kind}.${name}`));
/** Ids that name nothing: an allowed call must not delete or change a row the sweep relies on (its own users). */
const NO_ROW = '987654';

const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db.db)).rows[0]!.n);
const isGateRefusal = (e: NonNullable<GqlResult['errors']>[number]) => e.extensions?.code === 'FORBIDDEN' && e.extensions?.reason === 'ROLE';

async function call(role: Role, kind: Kind, fields: GraphQLField<unknown, unknown>[]): Promise<GqlResult> {
  const cookie = cookies.get(role)!;
  const upload = fields.find(hasFileArg);
  if (upload) {
    // importTickets and checkImport take a file: a GraphQL multipart request, as the admin sends it.
    const form = new FormData();
    const call = fieldCall(upload, { id: NO_ROW }).replace(/\)( \{|$)/, ', file: $f)$1');
    form.append('operations', JSON.stringify({ query: `${kind === 'Query' ? 'query' : 'mutation'}($f: File!) { ${call} }`, variables: { f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new File(['工单编号\n'], 'x.csv', { type: 'text/csv' }));
    const res = await api.yoga.fetch('http://localhost/graphql', { method: 'POST', body: form, headers: { cookie, 'x-graphql-yoga-csrf': '1' } });
    return (await res.json()) as GqlResult;
  }
  const body = fields.map((f) => fieldCall(f, { id: NO_ROW })).join(' ');
  return (await api.raw(`${kind === 'Query' ? 'query' : 'mutation'} { ${body} }`, {}, { cookie })).body;
}

/** `role operation` → refused by the gate; what the API did, for the comparison with the table. */
const refusedByGate = new Map<string, boolean>();
const problems: string[] = [];
let requests = 0;

describe('the role × operation sweep', () => {
  beforeAll(async () => {
    const started = Date.now();
    for (const role of ROLES) {
      for (const [kind, fields] of ROOTS) {
        // The session's own operations are checked anonymously (access.test.ts) and below; calling them here would
        // sign the sweep's users out or throttle their logins.
        const all = Object.values(fields).filter((f) => !(kind === 'Mutation' && (f.name === 'login' || f.name === 'logout')));
        for (const f of all) {
          // One field per request: a refusal is its own, and a serial mutation's error cannot hide the next field.
          const key = `${role} ${kind}.${f.name}`;
          const before = await auditCount();
          const r = await call(role, kind, [f]);
          requests++;
          const refused = (r.errors ?? []).some(isGateRefusal);
          refusedByGate.set(key, refused);
          // Every error is the field's own (it has a path): the request was not stopped by validation or a limit.
          const stray = (r.errors ?? []).find((e) => !(e as { path?: unknown }).path);
          if (stray) problems.push(`${key}: not executed (${stray.message})`);
          if (stray?.extensions?.code === 'UNAUTHENTICATED') problems.push(`${key}: signed out mid-sweep`);
          if (refused) {
            if ((await auditCount()) !== before) problems.push(`${key}: refused but wrote the audit log`);
            if (r.data != null) problems.push(`${key}: refused but answered data`);
            const e = r.errors!.find(isGateRefusal)!;
            if (!/^没有「.+」的权限$/.test(e.message)) problems.push(`${key}: message ${e.message}`);
          }
        }
      }
    }
    const denied = [...refusedByGate.values()].filter(Boolean).length;
    console.log(`[operations] ${refusedByGate.size} role × operation pairs (${denied} refused by the gate) in ${requests} requests, ${Date.now() - started} ms`);
  }, 600_000);

  /** Pairs where the API and a table disagree. */
  function mismatches(decide: (role: Role, operation: string) => boolean): string[] {
    const out: string[] = [];
    for (const [key, refused] of refusedByGate) {
      const [role, operation] = key.split(' ') as [Role, string];
      if (decide(role, operation) === refused) out.push(`${key}: table ${decide(role, operation) ? 'allows' : 'denies'}, API ${refused ? 'refuses' : 'lets through'}`);
    }
    return out;
  }

  it('covers every role × every root field but login and logout', () => {
    expect(refusedByGate.size).toBe(ROLES.length * (LIVE.length - 2));
    expect(problems).toEqual([]);
  });

  it('the API refuses exactly the pairs the table denies, and lets every other pair through the gate', () => {
    expect(mismatches(mayCall)).toEqual([]);
    const denied = [...refusedByGate.values()].filter(Boolean).length;
    const tableDenied = ROLES.reduce((n, role) => n + LIVE.filter((op) => op !== 'Mutation.login' && op !== 'Mutation.logout' && !mayCall(role, op)).length, 0);
    expect(denied).toBe(tableDenied);
    expect(denied).toBeGreaterThan(300); // most roles may do little: the sweep is not vacuous
  });

  it('would catch a table that drifts from the API: one role added, one role removed', () => {
    const added = (role: Role, op: string) => mayCall(role, op) || (role === 'LEADER' && op === 'Mutation.importTickets');
    expect(mismatches(added)).toEqual(['LEADER Mutation.importTickets: table allows, API refuses']);
    const removed = (role: Role, op: string) => mayCall(role, op) && !(role === 'OPS' && op === 'Mutation.publishUnitRanking');
    expect(mismatches(removed)).toEqual(['OPS Mutation.publishUnitRanking: table denies, API lets through']);
  });
});

describe('the table', () => {
  it('has an entry for every root field of the live schema', () => {
    const missing = LIVE.filter((op) => !operationAccess(op));
    expect(missing, `root fields without an entry in auth/operations.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only live fields (no stale entries)', () => {
    const live = new Set([...LIVE, ...SUBSCRIPTIONS]);
    expect(Object.keys(OPERATION_ACCESS).filter((op) => !live.has(op))).toEqual([]);
    expect(allOperations().filter((op) => !live.has(op))).toEqual([]);
  });

  it('states domain.md §8 for the operations the issue names', () => {
    const who = (op: string) => ROLES.filter((r) => mayCall(r, op));
    expect(who('Mutation.publishUnitRanking')).toEqual(['ADMIN', 'OPS', 'LEADER']);
    expect(who('Mutation.importTickets')).toEqual(['ADMIN', 'OPS']);
    expect(who('Mutation.drawUndercoverSample')).toEqual(['ADMIN', 'OPS']);
    expect(who('Mutation.decideReturn')).toEqual(['ADMIN', 'LEADER']);
    expect(who('Mutation.acceptTicket')).toEqual(['ADMIN', 'UNIT_HANDLER']);
    expect(who('Mutation.createApiToken')).toEqual(['ADMIN']);
    expect(who('Query.allUsers')).toEqual(['ADMIN']);
    expect(who('Mutation.login')).toEqual([...ROLES]);
    // A read-only account or token changes nothing (the gate answers before the abuse limits would).
    expect(LIVE.filter((op) => op.startsWith('Mutation.') && mayCall('API_READER', op))).toEqual(['Mutation.login', 'Mutation.logout']);
  });
});

describe('the gate', () => {
  const as = (role: Role) => (q: string, v: Record<string, unknown> = {}) => api.raw(q, v, { cookie: cookies.get(role)! }).then((r) => r.body);

  it('refuses the whole operation when one root field is denied, naming it, and runs none of them', async () => {
    const before = await auditCount();
    const r = await as('LEADER')(`mutation { d: createDistrict(code: "G1", name: "门区") { id } p: publishUnitRanking(streetId: "${NO_ROW}", month: "2023-01") { published } }`);
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]).toMatchObject({ message: '没有「新建区」的权限', path: ['d'], extensions: { code: 'FORBIDDEN', reason: 'ROLE', operation: 'Mutation.createDistrict' } });
    expect(await auditCount()).toBe(before);
  });

  it('says which operation in Chinese: 没有「发布排名」的权限', async () => {
    const r = await as('PARTY_OFFICE')(`mutation { publishUnitRanking(streetId: "1", month: "2023-01") { published } }`);
    expect(r.errors?.[0]).toMatchObject({ message: '没有「发布排名」的权限', extensions: { code: 'FORBIDDEN', reason: 'ROLE' } });
  });

  it('sees root fields through fragments and aliases, and skips those @skip/@include leave out', async () => {
    const viaFragment = await as('OPS')(`query { ...F } fragment F on Query { ... on Query { u: allUsers { id } } }`);
    expect(viaFragment.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE', operation: 'Query.allUsers' });
    const skipped = await as('OPS')(`query($admin: Boolean!) { me { role } allUsers @include(if: $admin) { id } }`, { admin: false });
    expect(skipped.errors).toBeUndefined();
    expect(skipped.data).toEqual({ me: { role: 'OPS' } });
  });

  it('keeps UNAUTHENTICATED for anonymous callers and lets them reach the public operations', async () => {
    const r = (await api.raw(`query { me { id } allUnits { id } }`)).body;
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await api.raw(`query { me { id } }`)).body).toEqual({ data: { me: null } });
  });

  it('a row-level refusal inside an allowed operation carries no ROLE reason', async () => {
    // Ticket register writes are OPS and UNIT_HANDLER; a unit handler may not create one (the register's hook).
    const r = await as('UNIT_HANDLER')(`mutation { createTicket(number: "X", streetId: "1", category: COMPLAINT, receivedAt: "2023-06-21T01:00:00Z") { id } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.extensions?.reason).toBeUndefined();
  });
});

describe('me.operations', () => {
  it('lists what the caller may call, as the table says', async () => {
    for (const role of ['OPS', 'UNIT_HANDLER'] as Role[]) {
      const r = await api.raw(`{ me { operations } }`, {}, { cookie: cookies.get(role)! });
      const ops: string[] = r.body.data.me.operations;
      expect(ops).toEqual(allOperations().filter((op) => mayCall(role, op)));
    }
  });
});
