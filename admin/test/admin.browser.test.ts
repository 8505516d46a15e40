// Browser smoke test of the admin app against the real API server: sign in, the ticket list, a unit's edit page
// (save, a stale save → CONFLICT, a duplicate code → the field's own error), English and back. Screenshots go to
// test-results/screenshots/ for a human to look at.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, SHOTS, apiClient, browserSkipReason, closeAll, launchProfile, resetShots, screenshots, startApi, waitForAnswered } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('admin');

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
const ids: { unit?: string; otherUnit?: string; street?: string } = {};
const pageErrors: string[] = [];

/** A small street: enough rows for the list to show every column and each colour of the deadline badge. */
async function seed() {
  const { createDistrict: d } = await gql(`mutation { createDistrict(code: "T310115", name: "浦东新区") { id } }`);
  const { createStreet: s } = await gql(`mutation($d: ID!) { createStreet(code: "T310115011", name: "塘桥街道", districtId: $d) { id } }`, { d: d.id });
  ids.street = s.id;
  const units: Array<[string, string, string]> = [
    ['D01', '社区管理办公室', 'DEPARTMENT'], ['D02', '社区平安办公室', 'DEPARTMENT'], ['I01', '城市运行管理中心', 'INSTITUTION'],
    ['I02', '房管办事处', 'INSTITUTION'], ['R01', '微山新村居委', 'RESIDENTIAL'], ['R02', '南泉路居委', 'RESIDENTIAL'],
  ];
  const unitIds: string[] = [];
  for (const [code, name, peerGroup] of units) {
    const { createUnit: u } = await gql(
      `mutation($c: String!, $n: String!, $s: ID!, $p: PeerGroup!) { createUnit(code: $c, name: $n, streetId: $s, peerGroup: $p, head: "王伟", deputyLeader: "陈静") { id } }`,
      { c: code, n: name, s: s.id, p: peerGroup },
    );
    unitIds.push(u.id);
  }
  ids.unit = unitIds[0];
  ids.otherUnit = unitIds[1];
  await gql(`mutation($u: ID!) { createRoleAssignment(unitId: $u, role: A, personName: "张敏", post: "科员", phone: "58880001", effectiveFrom: "2023-09-01") { id } }`, { u: ids.unit });
  const registers = [
    `mutation { createNegativeItem(code: "N01", title: "随意退单", points: 0.5, category: "退单") { id } }`,
    `mutation($u: ID!) { createAward(kind: EXCELLENT, unitId: $u, month: "2023-10", status: SELECTED, nomination: "快速处置夜间施工噪声") { id } }`,
    `mutation($u: ID!) { createInterview(unitId: $u, level: DEPUTY_LEADER, date: "2023-11-02", reasons: ["长期绩效不理想"], interviewer: "陈静") { id } }`,
    `mutation($u: ID!) { createAssistance(unitId: $u, periodFrom: "2023-11-01", status: ONGOING, pairedStaff: "刘洋") { id } }`,
    `mutation($u: ID!) { createReview(unitId: $u, period: "2023-10", summary: "先行联系及时，满意率偏低。") { id } }`,
    `mutation($u: ID!) { createPairing(unitId: $u, staffName: "刘洋", since: "2023-09-01") { id } }`,
  ];
  for (const q of registers) await gql(q, q.includes("$u") ? { u: ids.unit } : {});
  const { allNegativeItems: [item] } = await gql(`{ allNegativeItems(perPage: 1) { id } }`);
  await gql(`mutation($u: ID!, $i: ID!) { createNegativeRecord(unitId: $u, itemId: $i, date: "2023-11-03", recorder: "刘洋") { id } }`, { u: ids.unit, i: item.id });
  const categories = ['COMPLAINT', 'HELP', 'CONSULT', 'SUGGESTION', 'OTHER', 'PHOTO_REPORT'];
  const topics = ['噪声', '物业维修', '街面秩序', '餐饮油烟', '垃圾清运', '道路积水'];
  const now = Date.now();
  for (let i = 0; i < 12; i++) {
    // Received from 9 days ago to an hour ago: some overdue, some close to their deadline, some with time left.
    const receivedAt = new Date(now - (9 - i * 0.75) * 86_400_000 - 3_600_000);
    await gql(
      `mutation($n: String!, $s: ID!, $u: ID!, $c: TicketCategory!, $r: DateTime!, $t: String) {
        createTicket(number: $n, streetId: $s, unitId: $u, category: $c, receivedAt: $r, topic: $t,
          content: "市民反映夜间施工噪声扰民，要求核实处理。", address: "浦东新区塘桥新路 100 号", citizenName: "王先生",
          citizenPhone: "13812341234") { id }
      }`,
      { n: `2310${String(1000 + i)}`, s: s.id, u: unitIds[i % unitIds.length], c: categories[i % categories.length], r: receivedAt.toISOString(), t: topics[i % topics.length] },
    );
  }
}

// This suite's pictures have no prefix: NN-step.png and the menu sweep's list-/show-/create-<Resource>.png.
const OWN_SHOTS = /^(\d|list-|show-|create-)/;
const takeShot = screenshots();
const shot = (name: string) => takeShot(page, name);

describe.skipIf(!!skipReason)('admin app in a browser', () => {
  beforeAll(async () => {
    resetShots(OWN_SHOTS);
    server = await startApi('none');
    gql = await apiClient(server.url);
    await seed();

    browser = await launchProfile({ pageErrors });
    page = browser.page;
  }, 180_000);

  afterAll(() => closeAll(browser, server));

  it('signs in and shows the ticket list in Chinese', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('input[name="username"]');
    expect(await page.textContent('body')).toContain('Rexian 热线绩效');
    await shot('01-login');
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', ADMIN_PASSWORD);
    await page.click('button[type="submit"]');
    // Staff land on the dashboard (指标看板); the ticket list is one click away.
    await page.getByText('指标看板').first().waitFor();
    await page.goto(`${server.url}/#/Ticket`);
    await page.getByRole('columnheader', { name: '工单编号' }).waitFor();
    await page.getByText('23101000', { exact: true }).waitFor();
    const header = await page.locator('thead').innerText();
    for (const col of ['工单编号', '受理时间', '诉求主题', '承办单位', '状态', '先行联系时限', '办结时限']) expect(header).toContain(col);
    // 类型 has its column where the window holds every column, else it follows 诉求主题 in the same cell (compactList.tsx).
    expect((await page.getByRole('columnheader', { name: '类型' }).count()) + (await page.getByTestId('topic-category').count())).toBeGreaterThan(0);
    const body = await page.locator('tbody').innerText();
    expect(body).toMatch(/已派单|已受理/); // status as its Chinese label
    expect(body).toContain('社区管理办公室'); // the unit by name, not by id
    expect(body).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/); // one date-time format, Shanghai time
    expect(body).not.toMatch(/\d{4}\/\d{2}\/\d{2}/);
    expect(body).toMatch(/已超期|剩余/);
    await shot('02-ticket-list');
  }, 60_000);

  it('opens a ticket and takes a workflow step on it', async () => {
    await page.getByText('23101000', { exact: true }).click();
    await page.getByTestId('ticket-summary').getByText('市民反映夜间施工噪声扰民', { exact: false }).waitFor();
    await shot('03-ticket-show');
    // The buttons are the ticket's allowedActions: a dispatched ticket can be accepted (签收).
    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByText('已完成：签收').waitFor();
    await page.locator('.MuiChip-label', { hasText: '已签收' }).first().waitFor();
    await page.getByRole('button', { name: '登记先行联系' }).click();
    await shot('03b-ticket-first-contact-dialog');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await page.getByText('已完成：登记先行联系').waitFor();
    await page.getByRole('tab', { name: '办理记录' }).click();
    await shot('03c-ticket-history');
  }, 60_000);

  it('edits a unit, reports a concurrent change and a duplicate code on the form', async () => {
    await page.goto(`${server.url}/#/Unit/${ids.unit}`);
    const head = page.getByLabel('负责人');
    await head.waitFor();
    await shot('04-unit-edit');

    await head.fill('李娜');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    await page.getByText('李娜').first().waitFor();
    await shot('05-unit-show');

    // Another clerk saves first: ours is stale and the API answers CONFLICT.
    await page.goto(`${server.url}/#/Unit/${ids.unit}`);
    await page.getByLabel('负责人').waitFor();
    const { Unit: u } = await gql(`query($id: ID!) { Unit(id: $id) { version } }`, { id: ids.unit });
    await gql(`mutation($id: ID!, $v: Int) { updateUnit(id: $id, version: $v, deputyLeader: "杨帆") { id } }`, { id: ids.unit, v: u.version });
    await page.getByLabel('负责人').fill('赵磊');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('记录已被他人修改，请刷新后重试').waitFor();
    await shot('06-unit-conflict');

    // A code another unit of the street already has: the API's fieldErrors appear under the field.
    await page.goto(`${server.url}/#/Unit/${ids.unit}`);
    await page.reload();
    const code = page.getByLabel('单位代码');
    await code.waitFor();
    await code.fill('D02');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.MuiFormHelperText-root.Mui-error').first().waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true'); // on the code field itself, not only a notification
    await shot('07-unit-field-error');
  }, 90_000);

  it('switches to English and back', async () => {
    await page.goto(`${server.url}/#/Ticket`);
    await page.getByRole('columnheader', { name: '工单编号' }).waitFor();
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Ticket number' }).waitFor();
    expect(await page.locator('tbody').innerText()).toMatch(/Dispatched|Received/);
    await shot('08-ticket-list-en');
    await page.goto(`${server.url}/#/Unit/${ids.unit}`);
    await page.getByLabel('Head').waitFor();
    await shot('09-unit-edit-en');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByLabel('负责人').waitFor();
  }, 60_000);

  it('opens every list, record and create page of the menu without an error', async () => {
    await page.goto(`${server.url}/#/Ticket`);
    await page.getByRole('columnheader', { name: '工单编号' }).waitFor();
    const resources = await page.locator('.RaMenu-open a[href^="#/"]').evaluateAll((links) =>
      links.map((a) => (a.getAttribute('href') ?? '').replace(/^#\//, '')).filter(Boolean),
    );
    // Resources only (PascalCase): custom pages (the dashboard, /ranking, /import, …) have tests of their own.
    resources.splice(0, resources.length, ...resources.filter((r) => /^[A-Z]/.test(r)));
    expect(resources.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    const settle = async () => {
      await page.locator('.RaList-main, .RaShow-main, .RaEdit-main, .RaCreate-main, .RaEmpty-message').first().waitFor({ timeout: 10_000 });
      // Answered (an error would be on screen below).
      await waitForAnswered(page);
      await page.waitForTimeout(300);
      const errors = await page.locator('.RaNotification-error').allInnerTexts();
      return errors.join(' ');
    };
    for (const resource of resources) {
      await page.goto(`${server.url}/#/${resource}`);
      const listError = await settle();
      if (listError) failures.push(`${resource} list: ${listError}`);
      await page.screenshot({ path: path.join(SHOTS, `list-${resource}.png`) });
      const firstRow = page.locator('tbody tr').first();
      if (await firstRow.count()) {
        await firstRow.click();
        const showError = await settle();
        if (showError) failures.push(`${resource} record: ${showError}`);
        await page.screenshot({ path: path.join(SHOTS, `show-${resource}.png`), fullPage: true });
      }
      await page.goto(`${server.url}/#/${resource}`);
      await settle();
      // Only resources whose list offers 新建 have a create page (/X/create would otherwise read as record "create").
      const createLink = page.locator(`a[href="#/${resource}/create"]`);
      if (await createLink.count()) {
        await createLink.first().click();
        const createError = await settle();
        if (createError) failures.push(`${resource} create: ${createError}`);
        await page.screenshot({ path: path.join(SHOTS, `create-${resource}.png`), fullPage: true });
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
