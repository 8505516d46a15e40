// Browser test of the street boundary in the admin (domain.md §1, issue 11 items 1–2): two streets of one district
// each have their 城管中队 (code CGZD). A 塘桥 account edits and saves a 城管中队 row in each sheet (负面清单, A/B角,
// 案例评选, 配额) and adds one by name and by code; the sheets hold only 塘桥's rows; the dispatch picker offers only
// 塘桥's units; a 花木 ticket's URL shows "not found". A district account switches streets in the app bar, the
// pages follow, and the choice survives a reload. Screenshots: test-results/screenshots/streets-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, USER_PASSWORD } from './helpers/browser';
import type { ApiServer, Gql } from './helpers/browser';

const skipReason = browserSkipReason('streets');

let server: ApiServer;
let browser: Browser;
let gql: Gql;
const streets: Record<string, string> = {};
const units: Record<string, Record<string, string>> = { TQ: {}, HM: {} };
const tickets: Record<string, string> = {};
const shot = screenshots('streets');
/** The month the quota sheet opens on: the latest with tickets (the fixture's are of June 2023), as every report page. */
const thisMonth = '2023-06';

const UNITS = [
  ['CGZD', '城管中队', 'DEPARTMENT'],
  ['SGB', '社区管理办公室', 'DEPARTMENT'],
  ['FGB', '房管办事处', 'INSTITUTION'],
  ['JW01', '微山新村居委', 'RESIDENTIAL'],
] as const;

async function seed() {
  const { createDistrict: d } = await gql(`mutation { createDistrict(code: "T310115", name: "浦东新区") { id } }`);
  // The base seed's negative list has 随意退单 (NL02).
  const itemId = (await gql(`{ allNegativeItems(filter: { code: "NL02" }) { id } }`)).allNegativeItems[0].id as string;
  for (const [code, name] of [['TQ', '塘桥街道'], ['HM', '花木街道']] as const) {
    const { createStreet: s } = await gql(`mutation($d: ID!, $c: String!, $n: String!) { createStreet(code: $c, name: $n, districtId: $d) { id } }`, { d: d.id, c: code, n: name });
    streets[code] = s.id;
    // Reverse order: the pickers must sort by peer group and code, not by creation.
    for (const [c, n, g] of [...UNITS].reverse()) {
      const { createUnit: u } = await gql(`mutation($c: String!, $n: String!, $s: ID!, $p: PeerGroup!) { createUnit(code: $c, name: $n, streetId: $s, peerGroup: $p) { id } }`, { c, n, s: s.id, p: g });
      units[code]![c] = u.id;
    }
    const cgzd = units[code]!.CGZD;
    await gql(`mutation($u: ID!, $i: ID!, $n: String!) { createNegativeRecord(unitId: $u, itemId: $i, date: "2023-06-05", note: $n) { id } }`, { u: cgzd, i: itemId, n: `${name}原记录` });
    await gql(`mutation($u: ID!, $p: String!) { createRoleAssignment(unitId: $u, role: A, personName: $p, effectiveFrom: "2023-01-01") { id } }`, { u: cgzd, p: code === 'TQ' ? '张塘桥' : '李花木' });
    await gql(`mutation($u: ID!, $n: String!) { createAward(unitId: $u, kind: EXCELLENT, month: "2023-06", status: NOMINATED, nomination: $n) { id } }`, { u: cgzd, n: `${name}推荐` });
    await gql(`mutation($u: ID!, $m: String!) { createNegativeQuota(unitId: $u, month: $m, indicator: "不满意件", allowed: 2) { id } }`, { u: cgzd, m: thisMonth });
    const { createTicket: t } = await gql(
      `mutation($n: String!, $s: ID!) { createTicket(number: $n, streetId: $s, category: COMPLAINT, receivedAt: "2023-06-03T09:00:00+08:00", content: "人行道违章停车") { id } }`,
      { n: `${code}-0001`, s: s.id },
    );
    tickets[code] = t.id;
  }
  await gql(`mutation($s: ID!) { createUser(username: "tq-ops", password: "${USER_PASSWORD}", role: OPS, streetId: $s, displayName: "塘桥城运") { id } }`, { s: streets.TQ });
  await gql(`mutation { createUser(username: "district", password: "${USER_PASSWORD}", role: OPS, displayName: "区城运中心") { id } }`);
}

/** The grid row one of whose cells holds `text` (cells are inputs: their text is a property, not markup). */
async function rowWith(p: Page, sheet: string, text: string) {
  const rows = p.getByTestId(`sheet-${sheet}`).locator('.dsg-row');
  for (let tries = 0; ; tries++) {
    const i = await rows.evaluateAll((els, t) => els.findIndex((el) => [...el.querySelectorAll('input')].some((x) => x.value.includes(t))), text);
    if (i >= 0) return rows.nth(i);
    if (tries > 100) throw new Error(`no row with ${text} in ${sheet}`);
    await p.waitForTimeout(100);
  }
}

/** The texts of every grid cell of the sheet (what a clerk sees in it). */
const sheetTexts = (p: Page, sheet: string) =>
  p.getByTestId(`sheet-${sheet}`).locator('.dsg-row:not(.dsg-row-header) input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean));

async function typeInto(p: Page, sheet: string, rowText: string, col: number, text: string) {
  const row = await rowWith(p, sheet, rowText);
  await row.locator('.dsg-cell').nth(col).click();
  await p.keyboard.press('Enter');
  await p.keyboard.press('Control+a');
  await p.keyboard.insertText(text);
  await p.keyboard.press('Enter');
}

const paste = (p: Page, text: string) =>
  p.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);

async function cursorOnNewRow(p: Page, sheet: string) {
  const root = p.getByTestId(`sheet-${sheet}`);
  await root.getByTestId('sheet-add').click();
  await root.locator('.dsg-row:not(.dsg-row-header)').last().locator('.dsg-cell').nth(1).click();
}

async function saveSheet(p: Page, sheet: string, expected: string) {
  await p.getByTestId(`sheet-${sheet}`).getByTestId('sheet-save').click();
  await p.getByTestId('sheet-notice').getByText(expected).waitFor();
}

async function openSheet(p: Page, path: string, sheet: string) {
  await p.goto(`${server.url}/#${path}`);
  await p.getByTestId(`sheet-${sheet}`).locator('.dsg-row:not(.dsg-row-header)').first().waitFor();
}

describe.skipIf(!!skipReason)('one district, two streets, in a browser', () => {
  let tq: Page;

  beforeAll(async () => {
    resetShots('streets');
    server = await startApi('none');
    gql = await apiClient(server.url);
    await seed();
    browser = await launchBrowser();
    tq = await signInAs(browser, server.url, 'tq-ops');
    tq.on('dialog', (d) => void d.dismiss());
  }, 180_000);

  afterAll(() => closeAll(browser, server));

  it('the street account works in its own street: shown in the app bar, not switchable', async () => {
    await tq.getByTestId('working-street').getByText('塘桥街道').waitFor();
    expect(await tq.getByTestId('street-switcher').count()).toBe(0);
  }, 60_000);

  it('负面清单: holds only 塘桥 rows; edits the 城管中队 row and adds one by name and one by code', async () => {
    await openSheet(tq, '/sheets/negative', 'negative-records');
    expect(await sheetTexts(tq, 'negative-records')).not.toContain('花木街道原记录');
    await typeInto(tq, 'negative-records', '塘桥街道原记录', 5, '塘桥街道已核实');
    await cursorOnNewRow(tq, 'negative-records');
    await paste(tq, '城管中队\t随意退单\t2023-06-06\t\t按名称\t刘洋\nCGZD\t随意退单\t2023-06-07\t\t按编码\t刘洋\n');
    await tq.getByTestId('sheet-dirty').waitFor();
    expect(await tq.locator('.rx-error').count()).toBe(0); // no 「有多个同名」: names resolve inside 塘桥
    await shot(tq, '01-negative-edited');
    await saveSheet(tq, 'negative-records', '已保存：新增 2 行，修改 1 行');
    const { allNegativeRecords } = await gql(`{ allNegativeRecords(sortField: "date", sortOrder: "ASC") { note unitId } }`);
    expect(allNegativeRecords).toEqual(expect.arrayContaining([
      { note: '塘桥街道已核实', unitId: units.TQ!.CGZD }, { note: '按名称', unitId: units.TQ!.CGZD }, { note: '按编码', unitId: units.TQ!.CGZD },
      { note: '花木街道原记录', unitId: units.HM!.CGZD },
    ]));
  }, 90_000);

  it('A/B角: only 塘桥 filings, the banner is 塘桥’s; edits the 城管中队 filing', async () => {
    await openSheet(tq, '/sheets/ab-roles', 'ab-roles');
    const texts = await sheetTexts(tq, 'ab-roles');
    expect(texts).toContain('张塘桥');
    expect(texts).not.toContain('李花木');
    // 塘桥's units without a current A and B: all four (城管中队 lacks a B) — never 花木's.
    await tq.getByTestId('ab-missing').getByText('城管中队（缺B角）').waitFor();
    expect(await tq.getByTestId('ab-missing').locator('.MuiChip-root').count()).toBe(4);
    await typeInto(tq, 'ab-roles', '张塘桥', 4, '中队长');
    await shot(tq, '02-ab-edited');
    await saveSheet(tq, 'ab-roles', '已保存：新增 0 行，修改 1 行');
    const { allRoleAssignments } = await gql(`{ allRoleAssignments(filter: { unitId: "${units.TQ!.CGZD}" }) { personName post } }`);
    expect(allRoleAssignments).toEqual([{ personName: '张塘桥', post: '中队长' }]);
  }, 90_000);

  it('案例评选: only 塘桥 awards; edits the 城管中队 nomination', async () => {
    await openSheet(tq, '/sheets/awards', 'awards');
    const texts = await sheetTexts(tq, 'awards');
    expect(texts).toContain('塘桥街道推荐');
    expect(texts).not.toContain('花木街道推荐');
    await typeInto(tq, 'awards', '塘桥街道推荐', 7, '塘桥街道推荐（补充材料）');
    await shot(tq, '03-awards-edited');
    await saveSheet(tq, 'awards', '已保存：新增 0 行，修改 1 行');
    const { allAwards } = await gql(`{ allAwards(filter: { unitId: "${units.TQ!.CGZD}" }) { nomination } }`);
    expect(allAwards).toEqual([{ nomination: '塘桥街道推荐（补充材料）' }]);
  }, 90_000);

  it('配额: only 塘桥 quotas; edits the 城管中队 quota', async () => {
    await openSheet(tq, '/sheets/quota', 'negative-quota');
    expect(await tq.getByTestId('sheet-negative-quota').locator('.dsg-row:not(.dsg-row-header)').count()).toBeLessThanOrEqual(2); // the row (+ the add-row line)
    await typeInto(tq, 'negative-quota', '不满意件', 4, '3');
    await shot(tq, '04-quota-edited');
    await saveSheet(tq, 'negative-quota', '已保存：新增 0 行，修改 1 行');
    const { allNegativeQuotas } = await gql(`{ allNegativeQuotas(sortField: "id", sortOrder: "ASC") { unitId allowed } }`);
    expect(allNegativeQuotas).toEqual([{ unitId: units.TQ!.CGZD, allowed: 3 }, { unitId: units.HM!.CGZD, allowed: 2 }]);
  }, 90_000);

  it('派单 offers only 塘桥’s units, grouped by peer group and sorted by code', async () => {
    await tq.goto(`${server.url}/#/Ticket/${tickets.TQ}/show`);
    await tq.getByTestId('ticket-summary').getByText('人行道违章停车').waitFor();
    await tq.getByRole('button', { name: '派单', exact: true }).click();
    const dialog = tq.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByLabel('承办单位').click();
    const options = tq.getByRole('option');
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual(['城管中队（CGZD）', '社区管理办公室（SGB）', '房管办事处（FGB）', '微山新村居委（JW01）']);
    expect(await tq.locator('.MuiAutocomplete-groupLabel').allInnerTexts()).toEqual(['职能部门', '事业单位·中心', '居委']);
    await shot(tq, '05-dispatch-picker');
    await options.first().click();
    await dialog.getByRole('button', { name: '确认' }).click();
    await tq.getByText('已完成：派单').waitFor();
    const { Ticket } = await gql(`query($id: ID!) { Ticket(id: $id) { unitId } }`, { id: tickets.TQ });
    expect(Ticket.unitId).toBe(units.TQ!.CGZD);
  }, 90_000);

  it('a 花木 ticket’s URL shows “not found”', async () => {
    await tq.goto(`${server.url}/#/Ticket/${tickets.HM}/show`);
    await tq.getByTestId('not-found').waitFor();
    expect(await tq.getByText('人行道违章停车').count()).toBe(0);
    await shot(tq, '06-other-street-ticket');
  }, 60_000);

  it('the district account switches streets; the sheets follow; the choice survives a reload', async () => {
    const district = await signInAs(browser, server.url, 'district');
    district.on('dialog', (d) => void d.dismiss());
    await openSheet(district, '/sheets/ab-roles', 'ab-roles');
    await district.getByTestId('ab-missing').waitFor();
    // Nothing picked yet: the district's first street.
    expect(await sheetTexts(district, 'ab-roles')).toContain('张塘桥');
    await district.locator('.RaAppBar-toolbar [role="combobox"]').click();
    await district.getByRole('option', { name: '花木街道' }).click();
    await rowWith(district, 'ab-roles', '李花木');
    expect(await sheetTexts(district, 'ab-roles')).not.toContain('张塘桥');
    await shot(district, '07-district-switched');
    await district.reload();
    await district.getByTestId('sheet-ab-roles').waitFor();
    await rowWith(district, 'ab-roles', '李花木');
    await district.locator('.RaAppBar-toolbar [role="combobox"]').getByText('花木街道').waitFor();
    // The ticket list spans streets for the district: a 街镇 column says whose each ticket is.
    await district.goto(`${server.url}/#/Ticket`);
    await district.getByRole('columnheader', { name: '街镇' }).waitFor();
    await district.getByRole('cell', { name: '花木街道' }).first().waitFor();
    await shot(district, '08-district-tickets');
    const me = await (await apiClient(server.url, 'district', USER_PASSWORD))(`{ me { workingStreetId } }`);
    expect(me.me.workingStreetId).toBe(streets.HM);
  }, 90_000);

  it('asks before a street switch would drop a sheet’s unsaved edits', async () => {
    const district = await signInAs(browser, server.url, 'district');
    const asked: string[] = [];
    let answer = false;
    district.on('dialog', (d) => {
      asked.push(d.message());
      void (answer ? d.accept() : d.dismiss());
    });
    await openSheet(district, '/sheets/negative', 'negative-records');
    const before = await district.locator('.RaAppBar-toolbar [role="combobox"]').innerText();
    await cursorOnNewRow(district, 'negative-records');
    await paste(district, '城管中队\t随意退单\t2023-06-08\t\t未保存\t刘洋\n');
    await district.getByTestId('sheet-dirty').waitFor();
    const other = before.includes('花木') ? '塘桥街道' : '花木街道';
    // Declined: the street and the edits stay.
    await district.locator('.RaAppBar-toolbar [role="combobox"]').click();
    await district.getByRole('option', { name: other }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('未保存的修改');
    expect(await district.locator('.RaAppBar-toolbar [role="combobox"]').innerText()).toBe(before);
    expect(await district.getByTestId('sheet-dirty').count()).toBe(1);
    // Confirmed: it switches.
    answer = true;
    await district.locator('.RaAppBar-toolbar [role="combobox"]').click();
    await district.getByRole('option', { name: other }).click();
    await district.locator('.RaAppBar-toolbar [role="combobox"]').getByText(other).waitFor();
    expect(asked).toHaveLength(2);
  }, 90_000);

  it('an edit form of another street’s record still shows its unit to a district account', async () => {
    const districtApi = await apiClient(server.url, 'district', USER_PASSWORD);
    await districtApi(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id } }`, { s: streets.TQ });
    const { allNegativeRecords } = await gql(`{ allNegativeRecords(filter: { note: "花木街道原记录" }) { id unitId } }`);
    expect(allNegativeRecords[0].unitId).toBe(units.HM!.CGZD);
    const district = await signInAs(browser, server.url, 'district');
    await district.goto(`${server.url}/#/NegativeRecord/${allNegativeRecords[0].id}`);
    await expect.poll(() => district.getByRole('combobox', { name: /单位/ }).first().inputValue(), { timeout: 15_000 }).toBe('城管中队');
    await shot(district, '09-district-foreign-record');
  }, 60_000);
});
