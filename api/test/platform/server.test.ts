// The process contract: /healthz, /graphql and / on one port (contract.md "Process").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  db = await createTestDatabase('none');
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true });
});
afterAll(() => app?.close());

describe('the HTTP server', () => {
  it('answers /healthz with 200 when the database answers', async () => {
    const r = await fetch(`${app.url}/healthz`);
    expect(r.status).toBe(200);
    expect((await r.json()).status).toBe('ok');
  });

  it('serves GraphQL over POST and GET', async () => {
    const post = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "admin-password") { username } }' }),
    });
    const cookie = post.headers.get('set-cookie')!.split(';')[0]!;
    expect((await post.json()).data.login.username).toBe('admin');
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { role } }')}`, { headers: { cookie } });
    expect((await get.json()).data.me.role).toBe('ADMIN');
  });

  it('refuses a form POST without the CSRF header', async () => {
    const r = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ me { role } }"}' });
    expect(r.status).toBe(403);
  });

  it('serves the admin app (or says how to build it) at /', async () => {
    const r = await fetch(`${app.url}/`);
    expect([200, 503]).toContain(r.status);
    expect(r.headers.get('content-type')).toMatch(/text\/(html|plain)/);
  });
});
