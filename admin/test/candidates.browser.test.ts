// Browser test of the candidate panels on the 约谈 and 帮扶 lists and of the follow-ups in 我的待办, against the real
// API server. Four departments are ranked in May and June 2023 by late first contacts (A best … D worst), so B, C
// and D are in the bottom 3 both months. Screenshots: test-results/screenshots/candidates-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestDatabase } from '../../api/test/helpers/db';
import { ADMIN_PASSWORD, browserSkipReason, closeAll, launchProfile, resetShots, screenshots, signIn, startApi, waitForInputValue } from './helpers/browser';
import type { ApiServer, Profile } from './helpers/browser';

const skipReason = browserSkipReason('candidates');

let server: ApiServer;
let db: TestDatabase;
let browser: Profile;
let page: Page;
const units: Record<string, number> = {};

const takeShot = screenshots('candidates');
const shot = (name: string) => takeShot(page, name);

describe.skipIf(!!skipReason)('interview and assistance candidates, follow-ups in a browser', () => {
  beforeAll(async () => {
    resetShots('candidates');
    const { addTicket, at } = await import('../../api/test/kpi/fixtures');
    server = await startApi('none');
    db = server.db;
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

    browser = await launchProfile({ viewport: { width: 1440, height: 1000 } });
    page = browser.page;
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  }, 180_000);

  afterAll(() => closeAll(browser, server));

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
    await waitForInputValue(page, '社区平安办公室');
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
    await waitForInputValue(page, '社区自治办公室');
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
