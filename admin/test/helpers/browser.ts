// What the admin browser suites share: Debian's Chromium through playwright-core (skipped with a printed reason, or
// a failure when REXIAN_REQUIRE_BROWSER is set), the real API server on a free port, GraphQL clients with their own
// session, signing in, per-suite screenshots and the common waits. Each suite keeps its own data and assertions.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { SeedKind, TestDatabase } from '../../../api/test/helpers/db';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The seeded admin's password (startServer's adminPassword). */
export const ADMIN_PASSWORD = 'admin-password';
/** The password the suites give the users they create. */
export const USER_PASSWORD = 'password-123';

export type Gql = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<T>;
export type Viewport = { width: number; height: number };

/**
 * Why this suite cannot run here, printed once; undefined when it can. A missing Chromium fails the run instead
 * when REXIAN_REQUIRE_BROWSER is set (CI), unless REXIAN_SKIP_BROWSER asks to skip (CI's PostgreSQL leg).
 */
export function browserSkipReason(suite: string): string | undefined {
  if (process.env.REXIAN_SKIP_BROWSER) {
    console.warn(`[${suite}.browser.test] skipped: REXIAN_SKIP_BROWSER is set`);
    return 'REXIAN_SKIP_BROWSER is set';
  }
  if (fs.existsSync(CHROMIUM)) return undefined;
  const reason = `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.REXIAN_REQUIRE_BROWSER) throw new Error(`${suite} browser test cannot run: ${reason} (REXIAN_REQUIRE_BROWSER is set)`);
  console.warn(`[${suite}.browser.test] skipped: ${reason}`);
  return reason;
}

/** A GraphQL client with its own session (the API's cookie), for seeding, checking and simulating another clerk. */
export async function apiClient(url: string, username = 'admin', password = ADMIN_PASSWORD): Promise<Gql> {
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

/**
 * Empties this suite's screenshots only — `prefix-*.png`, or the files a pattern names for a suite without a prefix —
 * as the other suites run in parallel and keep theirs.
 */
export function resetShots(own: string | RegExp) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const mine = typeof own === 'string' ? (f: string) => f.startsWith(`${own}-`) : (f: string) => own.test(f);
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png') && mine(f)) fs.rmSync(path.join(SHOTS, f));
}

/** The suite's screenshot function: test-results/screenshots/<prefix>-<name>.png, after transitions settle. */
export function screenshots(prefix?: string, { fullPage = true } = {}) {
  return async (page: Page, name: string) => {
    await page.waitForTimeout(300); // let ripples and transitions settle
    await page.screenshot({ path: path.join(SHOTS, `${prefix ? `${prefix}-` : ''}${name}.png`), fullPage });
  };
}

export type ApiServer = { url: string; db: TestDatabase; close(): Promise<void> };

/**
 * The real API server on a free port on a fresh test database (`none` or the demo street), serving admin/dist
 * (built first when missing). With `ownDist` the admin is built into that folder instead and served with the API by
 * a small server here — for a suite that must not see a developer's build rewrite admin/dist mid-run (not on CI).
 */
export async function startApi(seed: SeedKind, opts: { ownDist?: string } = {}): Promise<ApiServer> {
  const { build } = await import('vite');
  const viteBuild = (outDir?: string) =>
    build({ root: path.join(ROOT, 'admin'), configFile: path.join(ROOT, 'admin', 'vite.config.ts'), logLevel: 'warn', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
  const { createTestDatabase } = await import('../../../api/test/helpers/db');
  // CI builds admin/dist once before the tests and nothing rebuilds it during them: a build per suite there would only
  // load the machine the other suites share.
  if (opts.ownDist && !process.env.CI) {
    const dist = opts.ownDist;
    await viteBuild(dist);
    const db = await createTestDatabase(seed);
    const { createApiYoga } = await import('../../../api/src/yoga');
    const yoga = createApiYoga({ db: db.appDb, production: false });
    const server = http.createServer((req, res) => {
      const pathname = (req.url ?? '/').split('?')[0]!;
      if (pathname === '/graphql') return void yoga(req, res);
      let file = path.join(dist, path.normalize(decodeURIComponent(pathname)));
      if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      db,
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await db.close();
      },
    };
  }
  if (!fs.existsSync(path.join(ROOT, 'admin', 'dist', 'index.html'))) await viteBuild();
  const { startServer } = await import('../../../api/src/app');
  const db = await createTestDatabase(seed);
  // startServer closes the database itself when it fails to start.
  const server = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed, adminPassword: ADMIN_PASSWORD, quiet: true });
  return { url: server.url, db, close: () => server.close() };
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'];
const PAGE_SETTINGS = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** One Chromium for suites whose people each get their own context (signInAs). */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export type Profile = { context: BrowserContext; page: Page; close(): Promise<void> };

/**
 * A Chromium with a fresh profile each run (setup.md): nothing cached from an earlier build or session. Its page's
 * uncaught errors go to `pageErrors` when given.
 */
export async function launchProfile(opts: { viewport?: Viewport; pageErrors?: string[] } = {}): Promise<Profile> {
  const { chromium } = await import('playwright-core');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-chromium-'));
  const viewport = opts.viewport ?? { width: 1440, height: 900 };
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, ...PAGE_SETTINGS });
  const page = context.pages()[0] ?? (await context.newPage());
  if (opts.pageErrors) page.on('pageerror', (e) => opts.pageErrors!.push(e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Closes the browser first (with every context in it), then the server and its database; skips what never started. */
export async function closeAll(...things: Array<{ close(): Promise<unknown> } | undefined>) {
  for (const thing of things) await thing?.close();
}

/**
 * For the suites on the demo street (塘桥街道, the first street; its tickets are of 2023): the API on the demo data,
 * an admin's client, the street's id and a browser profile.
 */
export async function openDemoStreet(pageErrors: string[]) {
  const server = await startApi('demo');
  try {
    const gql = await apiClient(server.url);
    const { allStreets } = await gql(`{ allStreets(perPage: 100, sortField: "id", sortOrder: "ASC") { id name } }`);
    expect(allStreets[0].name).toBe('塘桥街道');
    const browser = await launchProfile({ pageErrors });
    return { server, gql, streetId: allStreets[0].id as string, browser, page: browser.page };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Fills the login form and waits for the app's layout. */
export async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.locator('.RaLayout-content').waitFor();
}

/** A person in a fresh context of `browser`, signed in; page errors are collected under their name. */
export async function signInAs(
  browser: Browser,
  url: string,
  username: string,
  opts: { password?: string; viewport?: Viewport; pageErrors?: string[] } = {},
): Promise<Page> {
  const context = await browser.newContext({ ...PAGE_SETTINGS, viewport: opts.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  if (opts.pageErrors) page.on('pageerror', (e) => opts.pageErrors!.push(`${username}: ${e.message}`));
  await signIn(page, url, username, opts.password ?? USER_PASSWORD);
  return page;
}

/** The month pickers default to the latest month with tickets, which arrives with a query: wait for it before
 *  choosing another month, or the late default would overwrite the choice. (CI's two browser workers on a slow
 *  machine once took over 60 s for it on the 36-street demo; alone it takes seconds.) */
export const waitForDefaultMonth = (page: Page, year: string) =>
  page.waitForFunction((y) => new RegExp(`^${y}-\\d{2}$`).test((document.querySelector('input[name="month"]') as HTMLInputElement | null)?.value ?? ''), year, { timeout: 120_000 });

/** Waits until some input on the page holds `text` (a form pre-filled from a link). */
export const waitForInputValue = (page: Page, text: string) =>
  page.waitForFunction((t) => [...document.querySelectorAll('input')].some((i) => i.value.includes(t)), text);

/**
 * The page has rendered and its queries have answered: no progress indicator left in the content. ('networkidle'
 * never comes while the live-update subscription is open, so a wait for it only ends by its timeout.)
 */
export const waitForAnswered = (page: Page, timeout = 30_000) =>
  page.waitForFunction(
    () => !document.querySelector('.RaLayout-content .MuiCircularProgress-root, .RaLayout-content .MuiLinearProgress-root, .RaLayout-content .MuiSkeleton-root'),
    undefined,
    { timeout },
  );
