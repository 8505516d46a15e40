// Access control as data (auth/roles.ts), checked against the live schema: every operation but login refuses the
// anonymous caller, and every register obeys its row in the role × resource matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getNamedType } from 'graphql';
import { schema } from '../../src/schema/index';
import { RESOURCE_ACCESS, ROLES, can, type Role } from '../../src/auth/roles';
import { resources } from '../../src/schema/resource';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { operation } from './args';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
});
afterAll(() => db?.close());

const PUBLIC = new Set(['login', 'logout', 'me']);

describe('anonymous callers', () => {
  const roots = [
    ['query', schema.getQueryType()!] as const,
    ['mutation', schema.getMutationType()!] as const,
  ];
  for (const [kind, type] of roots) {
    for (const field of Object.values(type.getFields())) {
      if (PUBLIC.has(field.name) || field.args.some((a) => getNamedType(a.type)!.name === 'File')) continue;
      it(`are refused ${kind} ${field.name} with UNAUTHENTICATED`, async () => {
        const { body } = await api.raw(operation(kind, field));
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        expect(codes).toContain('UNAUTHENTICATED');
      });
    }
  }
});

describe('the role × register matrix', () => {
  const clients = new Map<Role, Awaited<ReturnType<typeof api.signedIn>>>();
  beforeAll(async () => {
    const unit = await db.db.insertInto('district').values({ code: 'AC', name: '权限区' }).returning('id').executeTakeFirstOrThrow();
    const street = await db.db.insertInto('street').values({ code: 'AC', name: '权限街道', districtId: unit.id }).returning('id').executeTakeFirstOrThrow();
    const u = await db.db.insertInto('unit').values({ code: 'AC1', name: '权限单位', streetId: street.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow();
    for (const role of ROLES) clients.set(role, await api.signedIn(role, { unitId: u.id }));
  });

  for (const [name, access] of Object.entries(RESOURCE_ACCESS)) {
    const spec = () => resources.get(name)!;
    for (const role of ROLES) {
      const readable = can(role, access.read);
      it(`${role} ${readable ? 'may' : 'may not'} list ${name}`, async () => {
        const plural = spec().plural ?? `${name}s`;
        const r = await clients.get(role)!(`{ _all${plural}Meta { count } }`);
        if (readable) expect(r.errors).toBeUndefined();
        else expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
      if (!can(role, access.write)) {
        it(`${role} may not delete ${name}`, async () => {
          const r = await clients.get(role)!(`mutation { delete${name}(id: "1") { id } }`);
          expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        });
      }
    }
  }
});
