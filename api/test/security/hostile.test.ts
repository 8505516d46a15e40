// The hostile-input suite (issue 10): replays every attack the probe found against a real HTTP server on loopback —
// a zip bomb, a 60 MB CSV, a 200,000-row export, 100k-character strings, reverse-order sheet saves, foreign
// origins, a token calling login — while a second loop watches /healthz. It prints one JSON line of figures
// (tried, refused, server errors, max /healthz latency, RSS growth); the README's Security section quotes them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ensurePgliteTemplate, type TestDatabase } from '../helpers/db';
import { zipArchive, deflatedRepeat } from '../helpers/zip';

const HERE = path.dirname(fileURLToPath(import.meta.url));

let db: TestDatabase | null = null;
let child: ChildProcess;
let app: { url: string };
let cookie: string;
let token: string;
let streetId: string;
let recordIds: string[] = [];

/** The longest the server's event loop was blocked since the last call. */
let serverLoopMaxMs: () => Promise<number>;

/** The server's resident memory, read from the kernel (the server runs in its own process). */
const serverRssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

const figures = { tried: 0, refused: 0, serverErrors: 0, maxHealthzMs: 0, rssGrowthMb: 0, loopMaxDuringFilesMs: 0 };
const outcomes: Array<{ attack: string; status: number; code: string | null; ms: number }> = [];

/** Records one attack's answer: refused when the server said no (an error code or a 4xx), a server error on 5xx/INTERNAL. */
async function attack(name: string, run: () => Promise<Response>): Promise<{ status: number; body: any; code: string | null }> {
  current = name;
  const t0 = performance.now();
  const res = await run();
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const importErrors = body?.data?.importTickets?.errors?.length ?? 0;
  const code: string | null = body?.errors?.[0]?.extensions?.code ?? (res.status >= 400 ? `HTTP_${res.status}` : importErrors ? 'IMPORT_REFUSED' : null);
  figures.tried++;
  if (res.status >= 500 || code === 'INTERNAL_SERVER_ERROR') figures.serverErrors++;
  else if (code) figures.refused++;
  outcomes.push({ attack: name, status: res.status, code, ms: Math.round(performance.now() - t0) });
  current = 'idle';
  return { status: res.status, body, code };
}

const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify({ query, variables }),
  });

const IMPORT = 'mutation($s: ID!, $f: File!) { importTickets(streetId: $s, file: $f) { inserted errors { row column message } } }';
function upload(bytes: Uint8Array, filename: string) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: IMPORT, variables: { s: String(streetId), f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), filename);
  return fetch(`${app.url}/graphql`, { method: 'POST', headers: { cookie, 'x-graphql-yoga-csrf': '1' }, body: form });
}

/** The attack being sent, so each slow /healthz answer is put down to what the server was doing. */
let current = 'idle';
const healthzByAttack: Record<string, number> = {};

/** Polls /healthz every 20 ms until stopped; keeps the slowest answer (and a failed one counts as a server error). */
function watchHealth() {
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const during = current;
      const t0 = performance.now();
      try {
        const r = await fetch(`${app.url}/healthz`);
        await r.text();
        if (r.status !== 200) figures.serverErrors++;
      } catch {
        figures.serverErrors++;
      }
      const ms = performance.now() - t0;
      figures.maxHealthzMs = Math.max(figures.maxHealthzMs, ms);
      healthzByAttack[during] = Math.round(Math.max(healthzByAttack[during] ?? 0, ms));
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return async () => {
    stop = true;
    await loop;
  };
}

beforeAll(async () => {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: 'production' };
  if (process.env.DATABASE_URL) {
    db = await createTestDatabase('none');
    env.REXIAN_CHILD_SCHEMA = db.schema;
  } else {
    env.REXIAN_CHILD_TEMPLATE = await ensurePgliteTemplate('none');
  }
  child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, '../helpers/child-server.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  app = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    lines.once('line', (line) => resolve(JSON.parse(line)));
  });
  serverLoopMaxMs = async () => {
    const answer = new Promise<string>((resolve) => lines.once('line', resolve));
    child.kill('SIGUSR2');
    return (JSON.parse(await answer) as { loopMaxMs: number }).loopMaxMs;
  };
  const login = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "admin-password") { id } }' }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const admin = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = (await (await gql(query, variables)).json()) as { data: any; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const district = (await admin('mutation { createDistrict(code: "HX", name: "测试区") { id } }')).createDistrict.id;
  // Two streets sharing a unit code and name, as every street has its 城管中队.
  const streets: string[] = [];
  for (const [code, name] of [['HA', '甲街道'], ['HB', '乙街道']]) {
    const s = (await admin('mutation($c: String!, $n: String!, $d: ID!) { createStreet(code: $c, name: $n, districtId: $d) { id } }', { c: code, n: name, d: district })).createStreet.id;
    streets.push(s);
  }
  streetId = streets[0]!;
  const units: string[] = [];
  for (const s of streets) units.push((await admin('mutation($s: ID!) { createUnit(code: "CGZD", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }', { s })).createUnit.id);
  const item = (await admin('mutation { createNegativeItem(code: "HX01", title: "测试扣分项", points: 1) { id } }')).createNegativeItem.id;
  const rows = Array.from({ length: 40 }, (_, i) => ({ unitId: units[0], itemId: item, date: `2023-10-${String((i % 28) + 1).padStart(2, '0')}`, note: `行${i}` }));
  recordIds = (await admin('mutation($rows: [JSON!]!) { saveSheet(resource: "NegativeRecord", rows: $rows) { rows } }', { rows })).saveSheet.rows.map((r: { id: string }) => r.id);
  expect(recordIds).toHaveLength(40);
  token = (await admin('mutation { createApiToken(name: "hostile-reader", role: API_READER) { token } }')).createApiToken.token;
}, 180_000);

afterAll(async () => {
  console.log(JSON.stringify({ suite: 'hostile-input', database: process.env.DATABASE_URL ? 'postgres' : 'pglite', ...figures, maxHealthzMs: Math.round(figures.maxHealthzMs), healthzByAttack, outcomes }));
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await db?.close();
});

describe('hostile input against a running server', () => {
  it('refuses every attack without a server error, and /healthz stays fast', async () => {
    // The payloads are built before the baseline: what is measured is the server's share.
    // A 300 KB workbook whose shared strings inflate to 300 MB (one cell).
    const bomb = zipArchive([
      { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1"/></sheets></workbook>') },
      { name: 'xl/sharedStrings.xml', ...(await deflatedRepeat('<sst><si><t>', 'A', 300 * 1024 * 1024, '</t></si></sst>')) },
    ]);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const header = '工单编号,受理时间,工单类型,承办单位\n';
    const big = Buffer.alloc(60 * 1024 * 1024, 'X0000000001,2023-06-01 09:00,投诉,城管中队\n');
    big.write(header, 0);
    const rows = [header];
    for (let i = 0; i < 200_001; i++) rows.push(`R${String(i).padStart(9, '0')},2023-06-01 09:00,投诉,城管中队\n`);
    const rows200k = Buffer.from(rows.join(''));

    const rss0 = serverRssMb();
    await serverLoopMaxMs(); // from here on
    const stopWatch = watchHealth();
    try {
      // 1. The zip bomb.
      const b = await attack('xlsx zip bomb', () => upload(bomb, 'bomb.xlsx'));
      expect(b.body?.data?.importTickets?.inserted ?? 0).toBe(0);
      expect(JSON.stringify(b.body)).toMatch(/[\u4e00-\u9fff]/); // a Chinese reason

      // 2. A 60 MB CSV.
      const c = await attack('60 MB CSV', () => upload(big, 'big.csv'));
      expect(c.body?.data?.importTickets?.inserted ?? 0).toBe(0);

      // 3. 200,001 rows in a 9 MB CSV: one past the row limit, refused without writing anything.
      const r200k = await attack('200,001-row CSV', () => upload(rows200k, 'rows.csv'));
      expect(JSON.stringify(r200k.body)).toMatch(/200,000|200000/);
      expect(r200k.body?.data?.importTickets?.inserted ?? 0).toBe(0);

      figures.loopMaxDuringFilesMs = await serverLoopMaxMs();

      // 4. 100k-character strings: the free-text filter, a login name, a register field.
      const long = '测'.repeat(100_000);
      const q = await attack('100k q filter', () => gql('query($q: String) { _allTicketsMeta(filter: { q: $q }) { count } }', { q: long }));
      expect(q.code).toBe('BAD_USER_INPUT');
      const l = await attack('100k login name', () => gql('mutation($u: String!) { login(username: $u, password: "x") { id } }', { u: long }, { cookie: '' }));
      expect(l.code).not.toBeNull();
      const n = await attack('100k note', () => gql(`mutation($n: String) { updateNegativeRecord(id: "${recordIds[0]}", version: 1, note: $n) { id } }`, { n: long.repeat(3) }));
      expect(n.code).toBe('BAD_USER_INPUT');

      // 5. Two clients saving the same 40 rows, one in id order and one in reverse (a deadlock before the fix).
      const SAVE = 'mutation($rows: [JSON!]!) { saveSheet(resource: "NegativeRecord", rows: $rows) { ok conflicts { id } } }';
      const LIST = 'query($ids: [ID]) { allNegativeRecords(perPage: 100, filter: { ids: $ids }) { id version unitId itemId date points } }';
      for (let round = 0; round < 10; round++) {
        const current = ((await (await gql(LIST, { ids: recordIds })).json()) as any).data.allNegativeRecords as Array<Record<string, unknown>>;
        const rowsOf = (note: string) => current.map((r) => ({ ...r, note }));
        const forward = rowsOf(`正序${round}`);
        const reverse = rowsOf(`倒序${round}`).reverse();
        await Promise.all([attack('sheet save, id order', () => gql(SAVE, { rows: forward })), attack('sheet save, reverse order', () => gql(SAVE, { rows: reverse }))]);
      }

      // 6. A credentialed POST from a foreign origin, and its preflight.
      const evil = await attack('foreign origin with cookie', () => gql('{ me { username } }', {}, { origin: 'https://evil.example' }));
      expect(evil.body?.data?.me).toBeUndefined();
      const pre = await fetch(`${app.url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();

      // 7. A read-only token calling login.
      const t = await attack('API_READER token calls login', () => gql('mutation { login(username: "admin", password: "admin-password") { id } }', {}, { cookie: '', authorization: `Bearer ${token}` }));
      expect(t.code).toBe('FORBIDDEN');
    } finally {
      await stopWatch();
    }
    figures.rssGrowthMb = Math.round(serverRssMb() - rss0);

    expect(figures.serverErrors).toBe(0);
    expect(figures.refused).toBeGreaterThanOrEqual(8);
    // The server never holds an inflated bomb, a 300 MB cell or a 60 MB body (its parse worker's heap is capped).
    expect(figures.rssGrowthMb).toBeLessThan(300);
    // While the hostile files are refused the server's event loop stays free (the 200,000-row file blocked it 4 s
    // when the limits walked the upload's bytes; the bomb inflated on it for 25 s). /healthz latency is printed, not
    // asserted: on a shared 2-core machine it measures the machine's load (and PGlite's one connection) as much.
    expect(figures.loopMaxDuringFilesMs).toBeLessThan(500);
  }, 300_000);

  it('sends the security headers on every route', async () => {
    for (const route of ['/', '/graphql', '/healthz']) {
      const r = await fetch(`${app.url}${route}`);
      expect(r.headers.get('content-security-policy'), route).toMatch(/frame-ancestors 'none'/);
      expect(r.headers.get('content-security-policy'), route).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(r.headers.get('x-frame-options'), route).toBe('DENY');
      expect(r.headers.get('referrer-policy'), route).toBeTruthy();
      expect(r.headers.get('x-content-type-options'), route).toBe('nosniff');
    }
  });
});
