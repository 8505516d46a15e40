// contract.md Authentication: the stock ra-data-graphql-simple provider, left to introspect the server itself (no
// static schema), works against a production server for a signed-in caller; without a session it gets no schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import { startServer } from '../../api/src/app';
import { createTestDatabase, type TestDatabase } from '../../api/test/helpers/db';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  db = await createTestDatabase('none');
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true, production: true });
});
afterAll(() => app?.close());

describe('the stock provider introspecting a production server', () => {
  it('builds from the live schema with a session and lists a register', async () => {
    const login = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "admin-password") { id } }' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const dp = await buildGraphQLProvider({ clientOptions: { uri: `${app.url}/graphql`, headers: { cookie } } } as any);
    await dp.create('District', { data: { code: 'RI', name: '内省区' } });
    const list = await dp.getList('District', { pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(list.data.map((d: any) => d.name)).toContain('内省区');
  });

  it('gets no schema without one', async () => {
    // The provider introspects on its first call.
    const dp = await buildGraphQLProvider({ clientOptions: { uri: `${app.url}/graphql` } } as any);
    await expect(dp.getList('District', { pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} })).rejects.toThrow(/introspection/);
  });
});
