// GraphiQL in development comes from the bundled @graphql-yoga/render-graphiql (no CDN is reachable from the
// street offices' network); in production /graphql serves no HTML at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createApiYoga } from '../../src/yoga';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('none');
});
afterAll(() => db?.close());

const page = (production: boolean) =>
  createApiYoga({ db: db.appDb, production }).fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });

describe('GraphiQL', () => {
  it('is served in development from bundled assets, loading nothing from another host', async () => {
    const res = await page(false);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>Rexian GraphQL</title>');
    // Every <script>, stylesheet and icon is inline: none has a src/href pointing at http(s).
    const external = [...html.matchAll(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//gi)].map((m) => m[0]);
    expect(external).toEqual([]);
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr|esm\.sh/);
  });

  it('is refused in production', async () => {
    const res = await page(true);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await res.text()).not.toMatch(/<html/i);
  });
});
