// Browser test of the candidate panels on the 约谈 and 帮扶 lists and of the follow-ups in 我的待办, against the real
// API server. Four departments are ranked in May and June 2023 by late first contacts (A best … D worst), so B, C
// and D are in the bottom 3 both months. Screenshots: test-results/screenshots/candidates-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { TestDatabase } from '../../api/test/helpers/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const DIST_INDEX = path.join(ROOT, 'admin', 'dist', 'index.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'admin-password';
const skip = !!process.env.REXIAN_SKIP_BROWSER || !fs.existsSync(CHROMIUM);
if (skip && process.env.REXIAN_REQUIRE_BROWSER) throw new Error(`Chromium not found at ${CHROMIUM}`);

let server: { url: string; close(): Promise<void> };
let db: TestDatabase;
let ctx: BrowserContext;
let dir: string;
let page: Page;
const units: Record<string, number> = {};

const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `candidates-${name}.png`), fullPage: true });
};

describe.skipIf(skip)('interview and assistance candidates, follow-ups in a browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('candidates-') && f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f));
    if (!fs.existsSync(DIST_INDEX)) {
      const { build } = await import('vite');
      await build({ root: path.join(ROOT, 'admin'), configFile: path.join(ROOT, 'admin', 'vite.config.ts'), logLevel: 'warn' });
    }
    const { startServer } = await import('../../api/src/app');
    const { createTestDatabase } = await import('../../api/test/helpers/db');
    const { addTicket, at } = await import('../../api/test/kpi/fixtures');
    db = await createTestDatabase('none');
    server = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', adminPassword: PASSWORD, quiet: true });
    const k = db.db;
    const d = await k.insertInto('district').values({ code: 'PD', name: '浦东新区' }).returning('id').executeTakeFirstOrThrow();
    const s = await k.insertInto('street').values({ code: 'TQ', name: '塘桥街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow();
    const names = ['社区管理办公室', '社区服务办公室', '社区平安办公室', '社区自治办公室'];
    for (const [i, name] of names.entries()) {
      units[name] = (await k.insertInto('unit').values({ code: `D0${i + 1}`, name, streetId: s.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
      for (const m of ['05', '06']) {
        for (let n = 0; n < 5; n++) {
          await addTicket(db, {
            streetId: s.id, unitId: units[name]!, receivedAt: at(`2023-${m}-05 09:00`), firstContactDue: at(`2023-${m}-06 09:00`),
            firstContactAt: n < i ? at(`2023-${m}-07 09:00`) : at(`2023-${m}-05 10:00`), completionDue: at(`2023-${m}-12 23:59`), closedAt: at(`2023-${m}-08 10:00`),
          });
        }
      }
    }
    // An interview whose rectification was due on 2023-06-30 with no follow-up yet, and an ongoing assistance.
    await k.insertInto('interview').values({ unitId: units['社区自治办公室']!, level: 'DEPUTY_LEADER', date: '2023-06-10', rectificationDue: '2023-06-30', interviewer: '李副主任' }).execute();
    await k.insertInto('assistance').values({ unitId: units['社区平安办公室']!, periodFrom: '2023-06-01', periodTo: '2099-06-30', status: 'ONGOING' }).execute();

    const { chromium } = await import('playwright-core');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-candidates-'));
    ctx = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${server.url}/`);
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((u) => !u.hash.includes('login'));
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('约谈: lists the units in the bottom 3 two months running, and 发起约谈 opens the form pre-filled', async () => {
    await page.goto(`${server.url}/#/Interview`);
    const panel = page.getByTestId('interview-candidates');
    await panel.waitFor();
    // The month defaults to the latest month with tickets (June 2023); the ongoing assistance does not matter here.
    await page.getByTestId('interview-candidate').nth(2).waitFor();
    const texts = await page.getByTestId('interview-candidate').allInnerTexts();
    expect(texts.map((t) => t.split('\n')[0])).toEqual(['社区自治办公室', '社区平安办公室', '社区服务办公室']);
    expect(texts[0]).toContain('连续两个月排名组内倒数第 1、第 1');
    expect(texts[2]).toContain('连续两个月排名组内倒数第 3、第 3');
    // 社区自治办公室 was interviewed in June already.
    expect(texts[0]).toContain('本月已约谈');
    await shot('01-interview-candidates');
    await page.getByTestId('interview-candidate').nth(1).getByTestId('start-interview').click();
    await page.waitForURL((u) => u.hash.includes('/Interview/create'));
    await page.getByRole('checkbox', { name: '长期绩效不理想' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '长期绩效不理想' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '多次随意退单' }).isChecked()).toBe(false);
    await page.waitForFunction((n) => [...document.querySelectorAll('input')].some((i) => i.value.includes(n)), '社区平安办公室');
    await shot('02-interview-prefilled');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((u) => !u.hash.includes('/create'));
    const rows = await db.db.selectFrom('interview').select(['unitId', 'reasons', 'level']).where('unitId', '=', units['社区平安办公室']!).execute();
    expect(rows).toEqual([{ unitId: units['社区平安办公室'], reasons: ['长期绩效不理想'], level: 'DEPUTY_LEADER' }]);
  }, 90_000);

  it('帮扶: lists this month’s bottom 3 without an open assistance, and 发起帮扶 opens the form pre-filled', async () => {
    await page.goto(`${server.url}/#/Assistance`);
    await page.getByTestId('assistance-candidate').nth(1).waitFor();
    const texts = await page.getByTestId('assistance-candidate').allInnerTexts();
    // 社区平安办公室 is already under an ongoing assistance.
    expect(texts.map((t) => t.split('\n')[0])).toEqual(['社区自治办公室', '社区服务办公室']);
    expect(texts[0]).toContain('本月排名组内倒数第 1（第 4 名）');
    await shot('03-assistance-candidates');
    await page.getByTestId('assistance-candidate').first().getByTestId('start-assistance').click();
    await page.waitForURL((u) => u.hash.includes('/Assistance/create'));
    await page.waitForFunction((n) => [...document.querySelectorAll('input')].some((i) => i.value.includes(n)), '社区自治办公室');
    expect(await page.locator('textarea[name="bottlenecks"]').inputValue()).toContain('本月排名组内倒数第 1');
    await shot('04-assistance-prefilled');
  }, 60_000);

  it('我的待办 shows the overdue rectification and the ongoing assistance', async () => {
    await page.goto(`${server.url}/#/`);
    await page.goto(`${server.url}/#/my-work`);
    const interviews = page.locator('[data-section="interviewFollowUps"]');
    await interviews.getByText('社区自治办公室 · 整改期限 2023-06-30 · 已逾期').waitFor();
    const assistance = page.locator('[data-section="assistanceFollowUps"]');
    await assistance.getByText('社区平安办公室 · 帮扶至 2099-06-30').waitFor();
    await interviews.getByText('约谈整改待跟踪').waitFor();
    await shot('05-my-work-follow-ups');
  }, 60_000);
});
