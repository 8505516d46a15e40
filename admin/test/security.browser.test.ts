// The reveal of a ticket's personal data in a browser: OPS (allowed by the API's me.canRevealPersonalData) sees the
// masked phone, opens "查看完整信息", is told the access is logged, must give a reason (Chinese validation), and
// then sees the full phone and address — recorded with the reason. PARTY_OFFICE gets no button.
// The admin is built into its own folder (other suites rebuild admin/dist) and served with the API by a small
// server here. Screenshots: test-results/screenshots/security-*.png.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestDatabase } from '../../api/test/helpers/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const DIST = path.join(ROOT, 'test-results', 'security-admin-dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'admin-password';
const USER_PASSWORD = 'password-123';
const PHONE = '13812341234';
const ADDRESS = '塘桥新路100弄5号';

const skipReason = process.env.REXIAN_SKIP_BROWSER ? 'REXIAN_SKIP_BROWSER is set' : !fs.existsSync(CHROMIUM) ? `Chromium not found at ${CHROMIUM}` : undefined;
if (skipReason) console.warn(`[security.browser.test] skipped: ${skipReason}`);

type Gql = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
let url: string;
let server: http.Server | undefined;
let db: TestDatabase | undefined;
let browser: Browser;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let ticketId: string;

async function apiClient(username: string, password: string): Promise<Gql> {
  const login = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: username, p: password } }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`login failed: ${await login.text()}`);
  return async (query, variables = {}) => {
    const r = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
    const body = (await r.json()) as { data?: any; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(`${body.errors[0]!.message} in ${query.slice(0, 80)}`);
    return body.data;
  };
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

async function signIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  await page.goto(`${url}/`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', USER_PASSWORD);
  await page.click('button[type="submit"]');
  await page.locator('.RaLayout-content').waitFor();
  await page.goto(`${url}/#/Ticket/${ticketId}/show`);
  await page.getByText('市民反映塘桥新路夜间施工噪声扰民').waitFor();
  return page;
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `security-${name}.png`) });
}

describe.skipIf(!!skipReason)('personal data on request, in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('security-')) fs.rmSync(path.join(SHOTS, f));
    const { build } = await import('vite');
    await build({ root: path.join(ROOT, 'admin'), configFile: path.join(ROOT, 'admin', 'vite.config.ts'), logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
    const { createTestDatabase } = await import('../../api/test/helpers/db');
    const { createApiYoga } = await import('../../api/src/yoga');
    db = await createTestDatabase('none');
    const yoga = createApiYoga({ db: db.appDb, production: false });
    server = http.createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      if (pathname === '/graphql') return void yoga(req, res);
      let file = path.join(DIST, path.normalize(decodeURIComponent(pathname)));
      if (!file.startsWith(DIST) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(DIST, 'index.html');
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const admin = await apiClient('admin', PASSWORD);
    const { createDistrict: d } = await admin(`mutation { createDistrict(code: "S310115", name: "浦东新区") { id } }`);
    const { createStreet: s } = await admin(`mutation($d: ID!) { createStreet(code: "S310115011", name: "塘桥街道", districtId: $d) { id } }`, { d: d.id });
    const { createUnit: u } = await admin(`mutation($s: ID!) { createUnit(code: "CG", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: s.id });
    for (const [username, role, name] of [['ops', 'OPS', '城运中心 王敏'], ['party', 'PARTY_OFFICE', '党建办 陈洁']]) {
      await admin(`mutation($u: String!, $p: String!, $r: Role!, $n: String) { createUser(username: $u, password: $p, role: $r, displayName: $n) { id } }`, { u: username, p: USER_PASSWORD, r: role, n: name });
    }
    ticketId = (await admin(`mutation($s: ID!, $u: ID!, $r: DateTime!, $a: String!, $p: String!) {
      createTicket(number: "SEC-0001", streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: $r, address: $a, topic: "噪声",
        content: "市民反映塘桥新路夜间施工噪声扰民，要求核实处理。", citizenName: "王先生", citizenPhone: $p) { id } }`,
      { s: s.id, u: u.id, r: '2026-03-02T02:00:00Z', a: ADDRESS, p: PHONE })).createTicket.id;

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
    });
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await db?.close();
  });

  it('OPS gives a reason and sees the full phone and address; the access is logged', async () => {
    const ops = await signIn('ops');
    await ops.getByText('138****1234').waitFor(); // masked on the page itself
    expect(await ops.getByText(PHONE).count()).toBe(0);
    await ops.getByRole('button', { name: '查看完整信息' }).click();
    const dialog = ops.getByRole('dialog');
    await dialog.getByText('本次查看将记入个人信息查看记录').waitFor();
    await dialog.getByRole('button', { name: '查看', exact: true }).click();
    await dialog.getByText('请填写查看理由').waitFor(); // nothing sent without a reason
    await shot(ops, '01-reason-required');
    await dialog.getByLabel('查看理由').fill('回访联系市民');
    await dialog.getByRole('button', { name: '查看', exact: true }).click();
    await dialog.getByText(PHONE).waitFor();
    await dialog.getByText(ADDRESS).waitFor();
    await dialog.getByText('已记录本次查看').waitFor();
    await shot(ops, '02-revealed');

    const logged = await db!.db.selectFrom('personalDataAccess').select(['field', 'reason']).where('ticketId', '=', Number(ticketId)).orderBy('field').execute();
    expect(logged).toEqual([{ field: 'address', reason: '回访联系市民' }, { field: 'citizenPhone', reason: '回访联系市民' }]);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await ops.getByText(PHONE).count()).toBe(0); // closing puts the mask back
  });

  it('PARTY_OFFICE, without the right, has no button', async () => {
    const party = await signIn('party');
    await party.getByText('138****1234').waitFor();
    expect(await party.getByRole('button', { name: '查看完整信息' }).count()).toBe(0);
    await shot(party, '03-party-no-button');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
