// The reveal of a ticket's personal data in a browser: OPS (allowed by the API's me.canRevealPersonalData) sees the
// masked phone, opens "查看完整信息", is told the access is logged, must give a reason (Chinese validation), and
// then sees the full phone and address — recorded with the reason. PARTY_OFFICE gets no button.
// The admin is built into its own folder (other suites rebuild admin/dist) and served with the API by a small
// server here. Screenshots: test-results/screenshots/security-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, USER_PASSWORD, apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi } from './helpers/browser';
import type { ApiServer } from './helpers/browser';

const DIST = path.join(ROOT, 'test-results', 'security-admin-dist');
const PHONE = '13812341234';
const ADDRESS = '塘桥新路100弄5号';

const skipReason = browserSkipReason('security');

let server: ApiServer;
let browser: Browser;
const pageErrors: string[] = [];
let ticketId: string;

/** Signs a person in (their own context) and opens the seeded ticket. */
async function signIn(username: string): Promise<Page> {
  const page = await signInAs(browser, server.url, username, { viewport: { width: 1280, height: 860 }, pageErrors });
  await page.goto(`${server.url}/#/Ticket/${ticketId}/show`);
  await page.getByTestId('ticket-summary').getByText('市民反映塘桥新路夜间施工噪声扰民').waitFor();
  return page;
}

const shot = screenshots('security', { fullPage: false });

describe.skipIf(!!skipReason)('personal data on request, in the browser', () => {
  beforeAll(async () => {
    resetShots('security');
    // Its own admin build: other suites rebuild admin/dist while this one runs.
    server = await startApi('none', { ownDist: DIST });
    const admin = await apiClient(server.url);
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

    browser = await launchBrowser();
  }, 300_000);

  afterAll(() => closeAll(browser, server)); // the browser with every person's context

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

    const logged = await server.db.db.selectFrom('personalDataAccess').select(['field', 'reason']).where('ticketId', '=', Number(ticketId)).orderBy('field').execute();
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
