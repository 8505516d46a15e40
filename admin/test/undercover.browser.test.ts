// The 暗访抽样 page in a browser on the demo street (塘桥街道, 2023): 城运中心 draws June's sample with a chosen seed
// (the page shows the seed, the population and the 15% size the API stored), then records an overturned visit with
// a referral to 纪检 — one negative record with the default item's points, one referral. Screenshots go to
// test-results/screenshots/undercover-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { USER_PASSWORD, browserSkipReason, closeAll, openDemoStreet, resetShots, screenshots, signIn, waitForDefaultMonth } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('undercover');

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
let streetId: string;
const pageErrors: string[] = [];

const takeShot = screenshots('undercover');
const shot = (name: string) => takeShot(page, name);

const summary = (field: string) => page.locator(`[data-testid="sample-summary"] [data-field="${field}"]`).innerText();

describe.skipIf(!!skipReason)('暗访抽样 in a browser (demo street)', () => {
  beforeAll(async () => {
    resetShots('undercover');
    ({ server, gql, streetId, browser, page } = await openDemoStreet(pageErrors));
    await gql(`mutation($p: String!) { createUser(username: "ops_undercover", password: $p, role: OPS) { id } }`, { p: USER_PASSWORD });
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('draws June 2023 with a chosen seed and shows what the API stored', async () => {
    await signIn(page, server.url, 'ops_undercover', USER_PASSWORD);
    await page.getByRole('menuitem', { name: '暗访抽样' }).click();
    await page.getByTestId('undercover-page').waitFor();
    // The default month (the latest with tickets) arrives with a query: wait for it before choosing June.
    await waitForDefaultMonth(page, '2024'); // the live tail's month (tests date the demo 2024-01-15)
    await page.fill('input[name="month"]', '2023-06');
    await page.getByText('2023-06 尚未抽样').waitFor();
    await page.fill('input[name="seed"]', '20230601');
    await shot('01-not-drawn');
    await page.getByTestId('draw-sample').click();
    await page.getByTestId('sample-summary').waitFor();

    const { undercoverSample: s } = await gql(`query($s: ID!) { undercoverSample(streetId: $s, month: "2023-06") { seed share population size visits { id } } }`, { s: streetId });
    expect(s.seed).toBe(20230601);
    expect(s.population).toBeGreaterThan(0);
    expect(s.size).toBe(Math.ceil(Math.round(0.15 * s.population * 1e6) / 1e6));
    expect(s.visits).toHaveLength(s.size);
    expect(await summary('seed')).toBe('20230601');
    expect(await summary('share')).toBe('15%');
    expect(await summary('population')).toBe(String(s.population));
    expect(await summary('size')).toBe(String(s.size));
    expect(await page.locator('[data-testid="sample-visits"] tbody tr').count()).toBe(s.size);
    await shot('02-drawn');
  });

  it('records an overturned visit referred to 纪检: one negative record with the default points, one referral', async () => {
    const first = page.locator('[data-testid="sample-visits"] tbody tr').first();
    const visitId = await first.getAttribute('data-visit');
    await first.getByRole('button', { name: '登记结果' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.locator('input[name="visitedAt"]').fill('2023-07-12');
    await dialog.locator('textarea[name="finding"]').fill('暗访发现施工噪声仍在夜间持续，原「不属实」认定不成立。');
    await dialog.getByLabel('暗访推翻原不属实认定').check();
    // The default item is preselected once the negative list has loaded.
    await dialog.getByText('NL08 不属实认定不当').waitFor();
    await dialog.getByLabel('移交纪检').check();
    await dialog.getByText('弄虚作假').waitFor();
    await shot('03-record-dialog');
    await dialog.getByTestId('record-save').click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator(`[data-visit="${visitId}"]`);
    await row.getByText('推翻原认定').waitFor();
    await row.getByText('负面清单扣 1.5 分').waitFor();
    await row.getByText('已移交纪检（弄虚作假）').waitFor();
    expect(await summary('overturned')).toBe('1');
    await shot('04-recorded');

    const { UndercoverVisit: v } = await gql(`query($id: ID!) { UndercoverVisit(id: $id) { ticketId overturned negativeRecord { points ticketId item { code } } disciplineReferral { conduct visitIds } } }`, { id: visitId });
    expect(v).toMatchObject({ overturned: true, negativeRecord: { points: 1.5, ticketId: v.ticketId, item: { code: 'NL08' } }, disciplineReferral: { conduct: 'FALSIFICATION', visitIds: [visitId] } });
    const { _allNegativeRecordsMeta: n } = await gql(`query($t: ID) { _allNegativeRecordsMeta(filter: { ticketId: $t }) { count } }`, { t: v.ticketId });
    expect(n.count).toBe(1);
  });

  it('reads in English too', async () => {
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Undercover visit sample').first().waitFor();
    await page.getByRole('columnheader', { name: 'Visit status' }).waitFor();
    await page.getByText('Negative list −1.5').waitFor();
    await shot('05-english');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('columnheader', { name: '暗访状态' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
