// The hostile-input suite (issue 10): replays every attack the probe found against a real HTTP server on loopback —
// a zip bomb, a 60 MB CSV (over yoga's default body limit: it reaches the import and its row limit), a 200,000-row
// export, 100k-character strings, reverse-order sheet saves, foreign origins, a token calling login — while a second
// loop watches /healthz. A valid 32 MB upload is read whole and a chunked one over the limit refused in Chinese. It prints one JSON line of figures
// (tried, refused, server errors, max /healthz latency, RSS growth); the README's Security section quotes them.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
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

/** Waits (up to 20 s) until `done` holds. */
async function until(done: () => boolean) {
  for (const end = Date.now() + 20_000; !done(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() > end) throw new Error('gave up waiting');
  }
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
    // 60 MB of whole rows (valid UTF-8: a fill cut inside a character was refused for its encoding instead): over
    // yoga's default 25 MB body limit, so it reaches the import, which stops reading at row 200,001.
    const line = 'X0000000001,2023-06-01 09:00,投诉,城管中队\n';
    const big = Buffer.from(header + line.repeat(Math.floor((60 * 1024 * 1024 - Buffer.byteLength(header)) / Buffer.byteLength(line))));
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

      // 2. A 60 MB CSV of 1.2 million rows: read (not refused by its size), refused at the row limit.
      const c = await attack('60 MB CSV', () => upload(big, 'big.csv'));
      expect(c.body?.data?.importTickets?.inserted ?? 0).toBe(0);
      expect(c.body?.data?.importTickets?.errors?.[0]?.message).toMatch(/数据行过多（超过 200,000 行）/);

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

  it('reads a valid 32 MB upload (over yoga\'s default 25 MB) and refuses a chunked body over the limit in Chinese', async () => {
    // 3,000 rows of 11 KB: a 300-character 诉求内容 and a long column the import ignores (a city export carries
    // such columns). checkImport runs the whole import and rolls it back; the ignored column keeps its writes small.
    const content = '路面破损需要修复'.repeat(38).slice(0, 300);
    const handling = '街道城管中队已到现场核实并处理完毕。'.repeat(200).slice(0, 3_400);
    const lines = ['工单编号,受理时间,工单类型,承办单位,诉求内容,办理过程'];
    for (let i = 0; i < 3_000; i++) lines.push(`BIG${String(i).padStart(6, '0')},2023-06-01 09:00,投诉,城管中队,${content},${handling}`);
    const file = Buffer.from(lines.join('\n') + '\n');
    expect(file.byteLength).toBeGreaterThan(30 * 1024 * 1024);
    const CHECK = 'query($s: ID!, $f: File!) { checkImport(streetId: $s, file: $f) { inserted rows errors { message } notices } }';
    await serverLoopMaxMs();
    const t0 = performance.now();
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: CHECK, variables: { s: String(streetId), f: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.f'] }));
    form.append('0', new Blob([file]), 'large.csv');
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { cookie, 'x-graphql-yoga-csrf': '1' }, body: form });
    const body = (await res.json()) as any;
    const largeMs = Math.round(performance.now() - t0);
    const loopMs = await serverLoopMaxMs();
    console.log(JSON.stringify({ suite: 'hostile-input', largeUpload: { mb: +(file.byteLength / 1024 / 1024).toFixed(1), ms: largeMs, loopMaxMs: loopMs } }));
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.checkImport).toMatchObject({ inserted: 3_000, rows: 3_000, errors: [] });
    expect(body.data.checkImport.notices).toContain('已忽略 1 个无法识别的列：办理过程');
    // Reading the upload and its rows leaves the event loop free (0.7–0.9 s blocked by whole-file copies before).
    // On PGlite the embedded database itself runs on the event loop while it writes the check's rows: asserted on
    // PostgreSQL only.
    if (process.env.DATABASE_URL) expect(loopMs).toBeLessThan(500);

    // The same kind of upload without a Content-Length (Transfer-Encoding: chunked, so app.ts cannot refuse it
    // unread): counted as it arrives and refused at 101 MB with the Chinese answer, not yoga's English one.
    const boundary = `----rexian${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: CHECK, variables: { s: String(streetId), f: null } })}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n${lines[0]}\n`,
    );
    const megabyte = Buffer.alloc(1024 * 1024, lines[1]! + '\n');
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(head),
      pull(c) {
        if (sent >= 110 * 1024 * 1024) {
          c.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          c.close();
          return;
        }
        c.enqueue(megabyte);
        sent += megabyte.byteLength;
      },
    });
    const chunked = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { cookie, 'x-graphql-yoga-csrf': '1', 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const refusal = (await chunked.json()) as any;
    expect(chunked.status).toBe(413);
    expect(refusal.errors?.[0]).toMatchObject({ message: '请求过大（超过 101.0 MB），一次最多上传 100.0 MB，请拆分后分批导入', extensions: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(refusal.data ?? null).toBeNull();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

    // The connection that carried it serves the next request: the rest of the refused body is read and dropped
    // (app.ts dropUnreadBody), not left unread while a keep-alive client's next request waits behind it.
    const socket = net.connect(Number(new URL(app.url).port), '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
    const piece = (b: Buffer) => Buffer.concat([Buffer.from(`${b.byteLength.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    const write = (b: Buffer) => new Promise<void>((resolve, reject) => socket.write(b, (e) => (e ? reject(e) : resolve())));
    await write(Buffer.from(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nx-graphql-yoga-csrf: 1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nTransfer-Encoding: chunked\r\n\r\n`));
    await write(piece(head));
    for (let mb = 0; mb < 120 && !received; mb++) await write(piece(megabyte));
    await until(() => received.includes('请求过大'));
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    for (let mb = 0; mb < 3; mb++) await write(piece(megabyte)); // a client finishing what it was sending
    await write(Buffer.concat([piece(Buffer.from(`\r\n--${boundary}--\r\n`)), Buffer.from('0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n')]));
    await until(() => received.includes('"status":"ok"'));
    expect(received.split('HTTP/1.1 ').map((r) => r.slice(0, 3)).filter(Boolean)).toEqual(['413', '200']);
    socket.destroy();
  }, 120_000);

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
