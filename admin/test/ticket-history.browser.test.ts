// The ticket history as sentences (people's names, status and unit names, one date format) in Chinese and English,
// and the closure audit dialog: every check starts undecided, the confirm button waits for all eight (naming the
// undecided ones), and the closure being judged stands beside the checks. Audit item 7 reads the same in the dialog
// and in the history. Screenshots: test-results/screenshots/ticket-history-*.png (1440×900 and 1280×720).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { USER_PASSWORD, apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi } from './helpers/browser';
import type { ApiServer, Gql } from './helpers/browser';

const skipReason = browserSkipReason('ticket-history');

let server: ApiServer;
let browser: Browser;
let ops: Page;
const pageErrors: string[] = [];
const ids: Record<string, string> = {};
const shot = screenshots('ticket-history');
const T = '{ id version status }';
const pass = (fail: Record<number, string> = {}) =>
  Array.from({ length: 8 }, (_, i) => (fail[i + 1] ? { pass: false, note: fail[i + 1] } : { pass: true }));

async function seed(admin: Gql) {
  const { createDistrict: d } = await admin(`mutation { createDistrict(code: "H310115", name: "浦东新区") { id } }`);
  const { createStreet: s } = await admin(`mutation($d: ID!) { createStreet(code: "H310115011", name: "塘桥街道", districtId: $d) { id } }`, { d: d.id });
  const { createUnit: u } = await admin(`mutation($s: ID!) { createUnit(code: "CG", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: s.id });
  for (const [username, role, displayName, unitId] of [['ops', 'OPS', '城运中心 王佳怡', null], ['handler', 'UNIT_HANDLER', '城管中队 张伟', u.id], ['ops2', 'OPS', null, null]] as const) {
    await admin(`mutation($u: String!, $p: String!, $r: Role!, $n: String, $unit: ID) { createUser(username: $u, password: $p, role: $r, displayName: $n, unitId: $unit) { id } }`,
      { u: username, p: USER_PASSWORD, r: role, n: displayName, unit: unitId });
  }
  const ops = await apiClient(server.url, 'ops', USER_PASSWORD);
  const ops2 = await apiClient(server.url, 'ops2', USER_PASSWORD);
  const handler = await apiClient(server.url, 'handler', USER_PASSWORD);
  const { createTicket: t0 } = await ops(`mutation($s: ID!, $r: DateTime!) { createTicket(number: "TH-0001", streetId: $s, category: COMPLAINT, receivedAt: $r, topic: "噪声",
    content: "市民反映塘桥新路夜间施工噪声扰民，要求核实处理。", citizenName: "王先生") ${T} }`, { s: s.id, r: '2023-12-15T01:30:00Z' });
  ids.ticket = t0.id;
  let t = t0;
  t = (await ops2(`mutation($id: ID!, $v: Int!, $u: ID!) { dispatchTicket(id: $id, version: $v, unitId: $u) ${T} }`, { id: t.id, v: t.version, u: u.id })).dispatchTicket;
  t = (await handler(`mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) ${T} }`, { id: t.id, v: t.version })).acceptTicket;
  t = (await handler(`mutation($id: ID!, $v: Int!, $at: DateTime!) { recordFirstContact(id: $id, version: $v, at: $at) ${T} }`, { id: t.id, v: t.version, at: '2023-12-15T03:05:00Z' })).recordFirstContact;
  const submit = `mutation($id: ID!, $v: Int!, $site: String) { submitClosure(id: $id, version: $v, factFinding: TRUE, factBasis: "现场核实：夜间 22 时后仍在施工。",
    resolution: ACTUALLY_RESOLVED, demand: "停止夜间施工", siteVisit: $site, replyText: "已责令施工单位 22 时后停工，并电话告知市民处理结果。") ${T} }`;
  t = (await handler(submit, { id: t.id, v: t.version })).submitClosure;
  t = (await ops(`mutation($id: ID!, $v: Int!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: $v, checks: $c, note: "请补充整改时间") ${T} }`,
    { id: t.id, v: t.version, c: pass({ 7: '答复未说明停工后的复查情况' }) })).auditClosure;
  t = (await handler(submit, { id: t.id, v: t.version, site: '12 月 15 日 22:30 到场，施工已停止，已拍照留存。' })).submitClosure;
  expect(t.status).toBe('SUBMITTED');
  // A second ticket waiting for its audit, for the dialog in English at 1280×720.
  let t2 = (await ops(`mutation($s: ID!, $u: ID!) { createTicket(number: "TH-0002", streetId: $s, category: COMPLAINT, receivedAt: "2023-12-16T02:00:00Z", unitId: $u, topic: "占道经营",
    content: "市民反映东方路菜场门口占道经营，影响通行。", citizenName: "李女士") ${T} }`, { s: s.id, u: u.id })).createTicket;
  ids.ticket2 = t2.id;
  t2 = (await handler(`mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) ${T} }`, { id: t2.id, v: t2.version })).acceptTicket;
  t2 = (await handler(`mutation($id: ID!, $v: Int!, $at: DateTime!) { recordFirstContact(id: $id, version: $v, at: $at) ${T} }`, { id: t2.id, v: t2.version, at: '2023-12-16T03:00:00Z' })).recordFirstContact;
  await handler(`mutation($id: ID!, $v: Int!) { submitClosure(id: $id, version: $v, factFinding: PARTLY_TRUE, factBasis: "现场核实：早市时段有 3 处占道摊位。",
    resolution: EXPLAINED, demand: "清理占道摊位", replyText: "已劝离占道摊位 3 处，并安排早市时段巡查；已电话答复市民。") ${T} }`, { id: t2.id, v: t2.version });
  // The deadline job's mark (no actor): written as the job writes it.
  await server.db.db.insertInto('ticketEvent').values({
    ticketId: Number(t.id), at: new Date('2023-12-20T16:00:00Z'), kind: 'OVERDUE', after: JSON.stringify({ kind: 'COMPLETION', dueAt: '2023-12-20T15:59:00Z' }) as any,
  }).execute();
}

async function openHistory(page: Page) {
  await page.goto(`${server.url}/#/Ticket/${ids.ticket}/show/events`);
  await page.reload();
  await page.locator('[data-testid="ticket-history"] [data-sentence]').first().waitFor();
}
const sentences = (page: Page) => page.locator('[data-testid="ticket-history"] tbody tr').allInnerTexts();

describe.skipIf(!!skipReason)('the ticket history and the closure audit dialog', () => {
  beforeAll(async () => {
    resetShots('ticket-history');
    server = await startApi('none');
    await seed(await apiClient(server.url));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(() => closeAll(browser, server));

  it('reads the history as Chinese sentences with names, and item 7 as in the audit dialog', async () => {
    ops = await signInAs(browser, server.url, 'ops', { pageErrors });
    await openHistory(ops);
    const rows = (await sentences(ops)).join('\n');
    expect(rows).toContain('城运中心 王佳怡 新建了工单');
    expect(rows).toContain('ops2 将工单派给城管中队，状态由「已受理」改为「已派单」。');
    expect(rows).toContain('城管中队 张伟 签收了工单');
    expect(rows).toContain('城管中队 张伟 登记了先行联系');
    expect(rows).toContain('2023-12-15 11:05'); // the first contact, in Shanghai time
    expect(rows).toContain('城运中心 王佳怡 办结审核不通过，退回重办');
    expect(rows).toContain('第7项「答复内容完整反映办理过程」不通过：答复未说明停工后的复查情况。');
    expect(rows).toContain('审核意见：请补充整改时间');
    expect(rows).toContain('工单超过办结时限（2023-12-20 23:59）');
    // No codes, logins where a name exists, other date formats or raw keys.
    expect(rows).not.toMatch(/RECEIVED|DISPATCHED|COMPLETION|dueAt|unitId|kind：|\d{4}\/\d{2}\/\d{2}|(^|\s)ops(\s|$)/);
    await shot(ops, '01-history-zh-1440');

    // The audit dialog: nothing preset, the confirm button waits for every check and says which are left.
    await ops.getByRole('button', { name: '办结审核', exact: true }).click();
    const dialog = ops.getByRole('dialog');
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: '确认' });
    expect(await dialog.locator('input[type="radio"]:checked').count()).toBe(0);
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByText('还有第1、2、3、4、5、6、7、8项未选择「通过」或「不通过」').waitFor();
    // The closure being judged is beside the checks, not under the dialog.
    const closure = dialog.locator('[data-submitted-closure]');
    await closure.getByText('已责令施工单位 22 时后停工，并电话告知市民处理结果。').waitFor();
    await closure.getByText('12 月 15 日 22:30 到场').waitFor();
    const [box, check1] = [await closure.boundingBox(), await dialog.locator('[data-check="1"]').boundingBox()];
    expect(box!.x + box!.width).toBeLessThanOrEqual(check1!.x);
    // Item 7 reads as in the history.
    await dialog.locator('[data-check="7"]').getByText('7. 答复内容完整反映办理过程').waitFor();
    await shot(ops, '02-audit-dialog-unset-1440');
    for (const n of [1, 2, 3, 4, 6, 8]) await dialog.locator(`[data-check="${n}"]`).getByLabel('通过', { exact: true }).check();
    await dialog.getByText('还有第5、7项未选择').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('[data-check="5"]').getByLabel('通过', { exact: true }).check();
    await dialog.locator('[data-check="7"]').getByLabel('不通过', { exact: true }).check();
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    await dialog.getByText('不通过须写明原因').first().waitFor(); // a failed check needs its note
    await shot(ops, '03-audit-dialog-fail-1440');
    await dialog.locator('[data-check="7"]').getByLabel('通过', { exact: true }).check();
    await confirm.click();
    await ops.getByText('已完成：办结审核').waitFor();
    await ops.getByText('城运中心 王佳怡 办结审核通过，工单办结').waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('reads the history in English, and fits at 1280×720', async () => {
    const page = ops;
    await page.setViewportSize({ width: 1280, height: 720 });
    await openHistory(page);
    await shot(page, '04-history-zh-1280');
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('ops2 dispatched the ticket to 城管中队').waitFor();
    const rows = (await sentences(page)).join('\n');
    expect(rows).toContain('城运中心 王佳怡 created the ticket');
    expect(rows).toContain('Status changed from “Received” to “Dispatched”');
    expect(rows).toContain('城管中队 张伟 accepted the ticket');
    expect(rows).toContain('城运中心 王佳怡 failed the closure audit and sent the ticket back for redo');
    expect(rows).toContain('Check 7 “Reply fully reflects the handling” failed: 答复未说明停工后的复查情况');
    expect(rows).toContain('The ticket missed its completion deadline (2023-12-20 23:59)');
    expect(rows).toContain('城运中心 王佳怡 passed the closure audit; the ticket is closed');
    expect(rows).not.toMatch(/由「|改为|第\d项|说明：|审核通过|RECEIVED|COMPLETION|dueAt|kind：/);
    await shot(page, '05-history-en-1280');
    // The audit dialog in English at 1280×720: the submitted closure beside the undecided checks.
    await page.goto(`${server.url}/#/Ticket/${ids.ticket2}/show`);
    await page.reload();
    await page.getByRole('button', { name: 'Audit closure', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-submitted-closure]').getByText('已劝离占道摊位 3 处').waitFor();
    await dialog.getByText('Checks 1, 2, 3, 4, 5, 6, 7, 8 are not decided yet').waitFor();
    expect(await dialog.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
    await shot(page, '06-audit-dialog-en-1280');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
