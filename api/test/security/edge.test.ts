// The HTTP edge (README "Security"): which origins may call /graphql from a browser, the security headers on every
// response, API tokens kept away from login/logout, introspection for signed-in callers only (also in production),
// and export file names built from hostile names.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startServer, ADMIN_DIST } from '../../src/app';
import { createApiToken, createUser } from '../../src/repos/auth';
import { parseAllowedOrigins } from '../../src/security/origins';
import { readConfig } from '../../src/config';
import { contentDisposition, MAX_FILENAME_LENGTH, safeFilename } from '../../src/security/filenames';
import { clockedApi, codes } from './helpers';

const LISTED = 'https://dash.example.org';
const EVIL = 'https://evil.example';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;
let cookie: string;

beforeAll(async () => {
  db = await createTestDatabase('none');
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true, allowedOrigins: [LISTED] });
  const login = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "admin-password") { id } }' }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(() => app?.close());

const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db.db)).rows[0]!.n);

/** A POST to /graphql as the signed-in admin, from a page of `origin` (undefined: no Origin header). */
const post = (query: string, origin?: string, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...(origin ? { origin } : {}), ...headers },
    body: JSON.stringify({ query }),
  });

describe('origins', () => {
  it('refuses a credentialed request from a foreign origin with 403 before anything runs, and gives it no CORS', async () => {
    const before = await auditCount();
    const r = await post('mutation { createDistrict(code: "EVIL", name: "跨站") { id } }', EVIL);
    expect(r.status).toBe(403);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    expect(await r.json()).toEqual({ errors: [{ message: '不允许来自该来源的跨站请求', extensions: { code: 'FORBIDDEN', reason: 'ORIGIN' } }] });
    expect(await auditCount()).toBe(before);
    expect(await db.db.selectFrom('district').select('id').where('code', '=', 'EVIL').execute()).toEqual([]);
    // A read is refused just the same (the cookie would otherwise answer), and so is an opaque origin.
    expect((await post('{ me { username } }', EVIL)).status).toBe(403);
    expect((await post('{ me { username } }', 'null')).status).toBe(403);
    // A look-alike of the server's own origin is foreign too.
    expect((await post('{ me { username } }', app.url.replace('localhost', 'localhost.evil.example'))).status).toBe(403);
  });

  it('refuses a foreign preflight and a foreign GET', async () => {
    const pre = await fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ me { username } }')}`, { headers: { cookie, origin: EVIL } });
    expect(get.status).toBe(403);
  });

  it('answers the server’s own origin, also behind a TLS proxy, and requests without Origin, with no CORS headers', async () => {
    for (const r of [
      await post('{ me { username } }', app.url),
      await post('{ me { username } }', 'https://rexian.example.org', { 'x-forwarded-host': 'rexian.example.org', 'x-forwarded-proto': 'https' }),
      await post('{ me { username } }'),
    ]) {
      expect(r.status).toBe(200);
      expect((await r.json()).data.me.username).toBe('admin');
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(r.headers.get('vary')).toMatch(/origin/i);
    }
  });

  it('gives a listed origin credentialed CORS, on the preflight and the request', async () => {
    const pre = await fetch(`${app.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: LISTED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const r = await post('{ me { username } }', LISTED);
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(r.headers.get('vary')).toMatch(/origin/i);
    expect((await r.json()).data.me.username).toBe('admin');
  });

  it('reads REXIAN_ALLOWED_ORIGINS (normalized; none by default) and refuses what is not an origin', () => {
    expect(readConfig({}).allowedOrigins).toEqual([]);
    expect(readConfig({ REXIAN_ALLOWED_ORIGINS: ' https://Dash.Example.org/ , http://10.1.2.3:8080,https://dash.example.org:443' }).allowedOrigins).toEqual([
      'https://dash.example.org',
      'http://10.1.2.3:8080',
    ]);
    for (const bad of ['*', 'dash.example.org', 'https://dash.example.org/app', 'ftp://x.example', 'https://user@x.example']) {
      expect(() => parseAllowedOrigins(bad), bad).toThrow(/REXIAN_ALLOWED_ORIGINS/);
    }
  });
});

describe('security headers', () => {
  const expectHeaders = (r: Response, where: string) => {
    const csp = r.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src'), where).toBe("script-src 'self'");
    expect(directive('frame-ancestors'), where).toBe("frame-ancestors 'none'");
    expect(directive('object-src'), where).toBe("object-src 'none'");
    expect(directive('base-uri'), where).toBe("base-uri 'self'");
    expect(directive('form-action'), where).toBe("form-action 'self'");
    expect(directive('connect-src'), where).toBe("connect-src 'self'");
    expect(directive('img-src'), where).toBe("img-src 'self' data: blob:");
    expect(r.headers.get('x-frame-options'), where).toBe('DENY');
    expect(r.headers.get('x-content-type-options'), where).toBe('nosniff');
    expect(r.headers.get('referrer-policy'), where).toBe('strict-origin-when-cross-origin');
    expect(r.headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
  };

  it('are on /, a static asset, /graphql, /healthz and a refused request; HSTS only over HTTPS', async () => {
    const asset = fs.existsSync(path.join(ADMIN_DIST, 'assets')) ? fs.readdirSync(path.join(ADMIN_DIST, 'assets'))[0] : undefined;
    const responses: Array<[string, Response]> = [
      ['/', await fetch(`${app.url}/`)],
      ['/healthz', await fetch(`${app.url}/healthz`)],
      ['/graphql', await post('{ me { username } }')],
      ['/graphql GET', await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`)],
      ['/graphql 403', await post('{ me { username } }', EVIL)],
      ['PUT /', await fetch(`${app.url}/`, { method: 'PUT' })],
      ...(asset ? [[`/assets/${asset}`, await fetch(`${app.url}/assets/${asset}`)] as [string, Response]] : []),
    ];
    for (const [where, r] of responses) {
      expectHeaders(r, where);
      expect(r.headers.get('strict-transport-security'), where).toBeNull();
    }
    for (const r of [await fetch(`${app.url}/`, { headers: { 'x-forwarded-proto': 'https' } }), await post('{ me { username } }', undefined, { 'x-forwarded-proto': 'https' })]) {
      expect(r.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });

  it('give the development GraphiQL page its own policy allowing its inline scripts; production serves no page', async () => {
    const dev = await fetch(`${app.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(dev.status).toBe(200);
    expect(await dev.text()).toMatch(/<script>/);
    const csp = dev.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const prod = clockedApi(db, { production: true });
    const page = await prod.yoga.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  });
});

describe('API tokens', () => {
  it('may not log in or out, whatever the role; a person still may', async () => {
    const api = clockedApi(db);
    const tokens = [
      (await createApiToken(db.db, { name: 'edge-reader', role: 'API_READER', createdBy: null })).token,
      (await createApiToken(db.db, { name: 'edge-admin', role: 'ADMIN', createdBy: null })).token,
    ];
    for (const token of tokens) {
      const before = await auditCount();
      const auth = { authorization: `Bearer ${token}` };
      const login = await api.login('admin', 'admin-password', undefined, auth);
      expect(codes(login.body)).toEqual(['FORBIDDEN']);
      expect(login.body.errors![0]!.message).toBe('接口令牌不能调用「登录」：请去掉 Authorization 请求头');
      expect(login.body.errors![0]!.extensions).toMatchObject({ reason: 'TOKEN', operation: 'Mutation.login' });
      expect(login.cookie).toBeNull();
      const logout = await api.call('mutation { logout }', {}, auth);
      expect(codes(logout.body)).toEqual(['FORBIDDEN']);
      expect(logout.body.errors![0]!.message).toMatch(/接口令牌不能调用「退出登录」/);
      expect(await auditCount()).toBe(before);
      // What the token may call says so too.
      const me = await api.call('{ me { operations } }', {}, auth);
      expect(me.body.data!.me.operations).not.toContain('Mutation.login');
      expect(me.body.data!.me.operations).not.toContain('Mutation.logout');
    }
    // An API_READER account signs in and out with a session as before.
    await createUser(db.db, { username: 'edge_reader', password: 'password-123', role: 'API_READER' });
    const person = await api.login('edge_reader', 'password-123');
    expect(person.body.data!.login.role).toBe('API_READER');
    expect(codes((await api.call('mutation { logout }', {}, { cookie: person.cookie! })).body)).toEqual([]);
  });
});

describe('introspection', () => {
  const SCHEMA = '{ __schema { queryType { name } } }';

  it('answers signed-in callers and tokens in production, and no anonymous caller in production or development', async () => {
    const prod = clockedApi(db, { production: true });
    const dev = clockedApi(db, { production: false });
    const session = (await prod.login('admin', 'admin-password')).cookie!;
    const token = (await createApiToken(db.db, { name: 'edge-introspect', role: 'API_READER', createdBy: null })).token;
    expect((await prod.call(SCHEMA, {}, { cookie: session })).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await prod.call('{ __type(name: "Ticket") { name } }', {}, { authorization: `Bearer ${token}` })).body.data).toEqual({ __type: { name: 'Ticket' } });
    for (const api of [prod, dev]) {
      for (const query of [SCHEMA, '{ __type(name: "Ticket") { name } }', 'query { ...S } fragment S on Query { __schema { types { name } } }']) {
        const r = await api.call(query);
        expect(codes(r.body), query).toEqual(['UNAUTHENTICATED']);
        expect(r.body.data ?? undefined).toBeUndefined();
        expect(r.text).not.toContain('"Query"');
      }
    }
    // __typename is data, not introspection.
    expect((await prod.call('{ __typename }')).body.data).toEqual({ __typename: 'Query' });
  });

  it('serves the stock react-admin provider’s introspection query in production with a session', async () => {
    const prod = clockedApi(db, { production: true });
    const session = (await prod.login('admin', 'admin-password')).cookie!;
    const r = await prod.call(getIntrospectionQuery(), {}, { cookie: session });
    expect(r.body.errors).toBeUndefined();
    const types = (r.body.data!.__schema as { types: Array<{ name: string }> }).types.map((t) => t.name);
    expect(types).toEqual(expect.arrayContaining(['Ticket', 'Street', 'ListMetadata']));
  });

  it('gives no field suggestions in production, also to a signed-in caller', async () => {
    const prod = clockedApi(db, { production: true });
    const session = (await prod.login('admin', 'admin-password')).cookie!;
    const r = await prod.call('{ allTicket { id } }', {}, { cookie: session });
    expect(r.body.errors).toBeDefined();
    expect(r.text).not.toMatch(/Did you mean/);
  });
});

describe('export file names', () => {
  it('strip path and reserved characters, controls, bidi overrides and leading formula characters, and cap the length', () => {
    expect(safeFilename('塘桥街道-2023-06-单位绩效排名', 'xlsx')).toBe('塘桥街道-2023-06-单位绩效排名.xlsx');
    expect(safeFilename('../../etc/passwd', 'xlsx')).toBe('etcpasswd.xlsx');
    expect(safeFilename('..\\..\\Windows\\x', 'xlsx')).toBe('Windowsx.xlsx');
    expect(safeFilename('=HYPERLINK("http://evil.example","点我")', 'xlsx')).toBe('HYPERLINK(httpevil.example,点我).xlsx');
    expect(safeFilename('+-@=cmd|calc', 'xlsx')).toBe('cmdcalc.xlsx');
    expect(safeFilename('a\u0000b\u0007c\r\nd\u0085e', 'xlsx')).toBe('abcde.xlsx');
    expect(safeFilename('invoice\u202Excod.exe', 'xlsx')).toBe('invoicexcod.exe.xlsx');
    expect(safeFilename('名?称*:<>|"', 'xlsx')).toBe('名称.xlsx');
    expect(safeFilename('   ', 'xlsx')).toBe('export.xlsx');
    expect(safeFilename('CON', 'xlsx')).toBe('_CON.xlsx');
    const long = safeFilename('街'.repeat(500) + '😀', 'xlsx');
    expect(Array.from(long).length).toBe(MAX_FILENAME_LENGTH);
    expect(long.endsWith('街.xlsx')).toBe(true);
    // Never cuts a surrogate pair in half.
    expect(safeFilename('😀'.repeat(100), 'xlsx')).toMatch(/^(😀)+\.xlsx$/u);
  });

  it('go into Content-Disposition as RFC 5987 UTF-8 with an ASCII fallback', () => {
    expect(contentDisposition('塘桥街道-2023-06.xlsx')).toBe(
      `attachment; filename="____-2023-06.xlsx"; filename*=UTF-8''${encodeURIComponent('塘桥街道')}-2023-06.xlsx`,
    );
    const hostile = contentDisposition('=a"b\r\nSet-Cookie: x=1;%20(c)\'d*.xlsx');
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile).toBe(`attachment; filename="abSet-Cookie x=1;_20(c)'d.xlsx"; filename*=UTF-8''abSet-Cookie%20x%3D1%3B%2520%28c%29%27d.xlsx`);
  });

  it('of the exports are safe when a street or unit is named to attack the file system or a spreadsheet', async () => {
    const api = clockedApi(db);
    const admin = { cookie: (await api.login('admin', 'admin-password')).cookie! };
    const d = await api.call('mutation { createDistrict(code: "EDGE", name: "测试区") { id } }', {}, admin);
    const s = await api.call('mutation($d: ID!, $n: String!) { createStreet(code: "EDGE1", name: $n, districtId: $d) { id } }', { d: d.body.data!.createDistrict.id, n: '=cmd|"/c calc"!A1/../塘桥' }, admin);
    const streetId = s.body.data!.createStreet.id;
    const ranking = await api.call('query($s: ID!) { rankingExport(streetId: $s, month: "2023-06") { filename } }', { s: streetId }, admin);
    expect(ranking.body.errors).toBeUndefined();
    expect(ranking.body.data!.rankingExport.filename).toBe('cmdc calc!A1..塘桥-2023-06-单位绩效排名.xlsx');
    const kpi = await api.call('query($s: ID!) { kpiTableExport(nodeType: STREET, nodeId: $s, year: 2023) { filename } }', { s: streetId }, admin);
    expect(kpi.body.errors).toBeUndefined();
    expect(kpi.body.data!.kpiTableExport.filename).toBe('cmdc calc!A1..塘桥-2023-四项指标.xlsx');
  });
});
