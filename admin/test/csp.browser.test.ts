// The admin app and the development GraphiQL page under the server's Content-Security-Policy (README "Security"):
// the real server (startServer, which sends the headers) serves admin/dist; Chromium reports every CSP violation
// through `securitypolicyviolation` and the console, and there must be none — the admin loads, signs in and shows
// its pages with scripts from 'self' only. A page of the admin framed by another origin is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN_PASSWORD, browserSkipReason, closeAll, launchBrowser, signIn, startApi, waitForAnswered } from './helpers/browser';
import type { ApiServer } from './helpers/browser';

const skipReason = browserSkipReason('csp');

let server: ApiServer;
let browser: Browser;
let context: BrowserContext;
const violations: string[] = [];
const pageErrors: string[] = [];

async function watchedPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

describe.skipIf(!!skipReason)('the Content-Security-Policy in Chromium', () => {
  beforeAll(async () => {
    server = await startApi('none');
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    // Recorded in the page itself, before any of its scripts run.
    await context.exposeBinding('__cspViolation', (_source, text: string) => void violations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`),
      );
    });
  }, 300_000);
  afterAll(() => closeAll(browser, server));

  it('lets the admin load, sign in and show its pages with no violation', async () => {
    const page = await watchedPage();
    const res = await page.goto(`${server.url}/`);
    expect(res!.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    for (const route of ['#/Ticket', '#/Unit', '#/User', '#/']) {
      await page.goto(`${server.url}/${route}`);
      await page.locator('.RaLayout-content').waitFor();
      await waitForAnswered(page);
      await page.waitForTimeout(300);
    }
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('lets the development GraphiQL page run under its own policy', async () => {
    const page = await watchedPage();
    const res = await page.goto(`${server.url}/graphql`);
    expect(res!.headers()['content-type']).toMatch(/text\/html/);
    await page.locator('.graphiql-container').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('refuses to show the admin inside a frame', async () => {
    const page = await watchedPage();
    await page.setContent(`<iframe id="f" src="${server.url}/"></iframe>`); // resolves once the frame has loaded or failed
    const frame = page.frames().find((f) => f.url().startsWith(server.url));
    const booted = frame ? await frame.locator('#root').count().catch(() => 0) : 0;
    expect(booted).toBe(0);
    violations.length = 0; // the refusal itself is reported as a violation (of the framing page's request)
    await page.close();
  });
});
