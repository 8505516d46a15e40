// Access control as data (auth/roles.ts), checked against the live schema: every operation but login refuses the
// anonymous caller, and every register obeys its row in the role × resource matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { schema } from '../../src/schema/index';
import { RESOURCE_ACCESS, ROLES, can, type Role } from '../../src/auth/roles';
import { resources } from '../../src/schema/resource';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
});
afterAll(() => db?.close());

/** A type-valid literal for an argument, so the request reaches the resolver. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  const named = getNamedType(type)!;
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int': return '1';
      case 'Float': return '1.5';
      case 'Boolean': return 'true';
      case 'Date': return '"2023-06-21"';
      case 'DateTime': return '"2023-06-21T01:00:00Z"';
      case 'JSON': return '{}';
      case 'File': return 'null';
      default: return '"1"';
    }
  }
  return 'null';
}

function selection(field: GraphQLField<unknown, unknown>): string {
  const t = getNamedType(field.type);
  return isScalarType(t) || isEnumType(t) ? '' : ' { __typename }';
}

function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter((a) => isNonNullType(a.type) && getNamedType(a.type)!.name !== 'File');
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  return `${kind} { ${field.name}${argText}${selection(field)} }`;
}

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
