// The dashboard on the demo street (issue #15): a unit handler's menu holds what it works with (its tickets, 我的待办,
// its unit's indicators) and no reference data or 新建 button the API would refuse; its dashboard shows its own
// unit's indicators with their fractions and the change on the month before, its rank in its peer group, the gap to
// target and its 我的待办 counts; the 城运中心's indicator cards show numerator/denominator and the change on the
// month before. The rank says of how many (「第 3 名（共 12 个单位）」, "3rd of 12"), and the gap-to-target table is the
// one 指标解释 shows for the unit. Numbers are checked against the API's answers. Screenshots at 1440×900 and 1280×720, in Chinese
// and English: test-results/screenshots/dashboard-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT, apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, USER_PASSWORD, waitForDefaultMonth } from './helpers/browser';
import type { ApiServer, Gql } from './helpers/browser';

const skipReason = browserSkipReason('dashboard');
/** Its own build of the admin: other suites rebuilding admin/dist meanwhile must not swap chunks under this one. */
const DIST = path.join(ROOT, 'test-results', 'dashboard-dist');

let server: ApiServer;
let browser: Browser;
let admin: Gql;
let handlerApi: Gql;
let streetId: string;
let unitId: string;
const pageErrors: string[] = [];
const shot = screenshots('dashboard');

const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }] as const;
const RATE_KEYS = ['firstContactRate', 'onTimeRate', 'resolutionRate', 'actualResolvedShare', 'satisfactionRate'] as const;
const INDICATOR_OF: Record<string, string> = { firstContactRate: 'FIRST_CONTACT', onTimeRate: 'ON_TIME', resolutionRate: 'RESOLUTION', actualResolvedShare: 'ACTUAL_RESOLVED_SHARE', satisfactionRate: 'SATISFACTION' };
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const lastDay = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, '0')}`;
};
const before = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const k = y * 12 + mo - 2;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
const KPIS = 'receivedCount closedCount firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate fractions { indicator numerator denominator }';
const kpisOf = async (gql: Gql, nodeType: string, nodeId: string, month: string) =>
  (await gql(`query($t: NodeType!, $n: ID!, $f: Date!, $to: Date!) { kpis(nodeType: $t, nodeId: $n, from: $f, to: $to) { ${KPIS} } }`, { t: nodeType, n: nodeId, f: `${month}-01`, to: lastDay(month) })).kpis;

/** What a card's change line says, from the two months' rates (as KpiCards words it). */
const changeText = (rate: number | null, prev: number | null, en = false) => {
  if (rate === null || prev === null) return en ? 'No rate last month to compare' : '上月无数据，无法比较';
  const d = Math.round((rate - prev) * 1000) / 10;
  if (d === 0) return en ? 'Same as last month' : '与上月持平';
  const arrow = d > 0 ? '↑' : '↓';
  return en ? `${arrow}${Math.abs(d).toFixed(1)} pts on last month` : `较上月 ${arrow}${Math.abs(d).toFixed(1)} 个百分点`;
};

async function expectCards(page: Page, kpis: any, prev: any, prevMonth: string, en = false) {
  for (const key of RATE_KEYS) {
    await expect.poll(() => page.getByTestId(`kpi-link-${key}`).innerText(), { timeout: 30_000 }).toBe(pct(kpis[key]));
    const f = kpis.fractions.find((x: any) => x.indicator === INDICATOR_OF[key]);
    expect(await page.getByTestId(`kpi-fraction-${key}`).innerText(), key).toBe(`${num(f.numerator)}/${f.denominator}`);
    // The fraction is the rate's: numerator / denominator gives the percentage shown.
    if (f.denominator) expect(pct(f.numerator / f.denominator)).toBe(pct(kpis[key]));
    const change = page.getByTestId(`kpi-change-${key}`);
    expect(await change.innerText(), key).toBe(changeText(kpis[key], prev[key], en));
    expect(await change.getAttribute('title'), key).toBe(en ? `Last month (${prevMonth}): ${pct(prev[key])}` : `上月（${prevMonth}）：${pct(prev[key])}`);
  }
}

async function toLanguage(page: Page, from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
  // The app's English messages load when chosen: wait for them, not only for the dashboard's own texts.
  await page.getByTestId('kpi-firstContactRate').getByText(to === 'English' ? 'First contact rate' : '先行联系率').waitFor();
}

async function shotsAtBothSizes(page: Page, name: string, ready: () => Promise<unknown>) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await ready();
    await shot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

describe.skipIf(!!skipReason)('dashboard in a browser (demo street)', () => {
  beforeAll(async () => {
    resetShots('dashboard');
    server = await startApi('demo', { ownDist: DIST });
    admin = await apiClient(server.url);
    const k = server.db.db;
    const street = await k.selectFrom('street').select('id').where('name', '=', '塘桥街道').executeTakeFirstOrThrow();
    streetId = String(street.id);
    // Every street has a 城管中队: the handler is 塘桥's.
    const units = await k.selectFrom('unit').select(['id', 'streetId']).where('name', '=', '城管中队').execute();
    expect(units.length).toBeGreaterThan(1);
    unitId = String(units.find((u) => u.streetId === street.id)!.id);
    const { createUser } = await import('../../api/src/repos/auth');
    await createUser(k, { username: 'tqops', password: USER_PASSWORD, role: 'OPS', streetId: street.id, displayName: '城运中心 王敏' });
    await createUser(k, { username: 'cghandler', password: USER_PASSWORD, role: 'UNIT_HANDLER', unitId: Number(unitId), displayName: '城管中队 张伟' });
    handlerApi = await apiClient(server.url, 'cghandler', USER_PASSWORD);
    browser = await launchBrowser();
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('gives a unit handler a menu of its own work: no reference data, no 新建 the API refuses', async () => {
    const page = await signInAs(browser, server.url, 'cghandler', { pageErrors });
    await page.locator('#react-admin-title', { hasText: '我的待办' }).waitFor();
    const menu = page.locator('.RaMenu-open, .RaMenu-closed').first();
    await menu.locator('a[href="#/Ticket"]').waitFor();
    const hrefs = await menu.locator('a[href^="#/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    for (const own of ['#/my-work', '#/', '#/ranking', '#/Ticket']) expect(hrefs, own).toContain(own);
    for (const reference of ['#/District', '#/Street', '#/Unit', '#/Topic', '#/SlaRule', '#/WorkCalendarDay', '#/KeyPeriod', '#/ScoringScheme', '#/User']) {
      expect(hrefs, reference).not.toContain(reference);
    }
    const text = await menu.innerText();
    for (const label of ['区', '街镇', '诉求主题', '办理时限规则', '工作日历']) expect(text.split('\n').map((s) => s.trim())).not.toContain(label);
    await shotsAtBothSizes(page, '01-handler-menu', () => menu.locator('a[href="#/Ticket"]').waitFor());

    // The ticket list has no 新建: the API refuses a handler's createTicket (schema/tickets.ts) ...
    await expect(handlerApi(`mutation($s: ID!) { createTicket(number: "HANDLER-NEW-1", streetId: $s, category: COMPLAINT, receivedAt: "2024-01-15T09:00:00+08:00") { id } }`, { s: streetId }))
      .rejects.toThrow(/单位经办人不能新建或删除工单/);
    await page.goto(`${server.url}/#/Ticket`);
    await page.locator('tbody tr').first().waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('link', { name: '新建' }).count()).toBe(0);
    await shot(page, '02-handler-tickets-1440');
    await page.context().close();

    // ... while the 城运中心's list offers it.
    const ops = await signInAs(browser, server.url, 'tqops', { pageErrors });
    await ops.goto(`${server.url}/#/Ticket`);
    await ops.getByRole('link', { name: '新建' }).first().waitFor();
    const opsHrefs = await ops.locator('.RaMenu-open a[href^="#/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(opsHrefs).toContain('#/Topic');
    await ops.context().close();
  }, 180_000);

  it('shows the handler its unit’s indicators, rank, gap to target and 我的待办 counts', async () => {
    const page = await signInAs(browser, server.url, 'cghandler', { pageErrors });
    await page.goto(`${server.url}/#/`);
    await page.getByTestId('handler-dashboard').waitFor();
    await waitForDefaultMonth(page, '2024');
    const month = await page.inputValue('input[name="month"]');
    const prevMonth = before(month);
    const [kpis, prev] = [await kpisOf(handlerApi, 'UNIT', unitId, month), await kpisOf(handlerApi, 'UNIT', unitId, prevMonth)];
    await page.getByTestId('handler-kpis-title').filter({ hasText: `城管中队 ${month} 本单位指标` }).waitFor();
    await expectCards(page, kpis, prev, prevMonth);
    expect(await page.getByTestId('kpi-counts').innerText()).toBe(`受理 ${kpis.receivedCount} 件 · 办结 ${kpis.closedCount} 件`);

    const rankOf = async (m: string) => {
      const { unitRanking } = await handlerApi(`query($s: ID!, $m: String!) { unitRanking(streetId: $s, month: $m) { rank peerGroup groupSize groupRanked unit { id } } }`, { s: streetId, m });
      expect(unitRanking).toHaveLength(1); // a handler sees its own row only ...
      return unitRanking[0];
    };
    const own = await rankOf(month);
    // ... and is told of how many: the group as the street's ranking lists it.
    const { unitRanking: all } = await admin(`query($s: ID!, $m: String!) { unitRanking(streetId: $s, month: $m) { rank peerGroup } }`, { s: streetId, m: month });
    const group = all.filter((r: any) => r.peerGroup === own.peerGroup);
    expect([own.groupSize, own.groupRanked]).toEqual([group.length, group.filter((r: any) => r.rank !== null).length]);
    expect(own.groupRanked).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('handler-rank').innerText()).toBe(own.rank === null ? '样本不足，本月不排名' : `职能部门组 第 ${own.rank} 名（共 ${own.groupRanked} 个单位）`);

    const { gapToTarget } = await handlerApi(`query($u: ID!, $m: String!) { gapToTarget(unitId: $u, month: $m) { indicators { indicator met numerator denominator } } }`, { u: unitId, m: month });
    for (const g of gapToTarget.indicators) {
      const row = page.getByTestId(`gap-${g.indicator}`);
      if (g.met) expect(await row.innerText()).toContain('已达标');
      if (g.denominator) expect(await row.innerText()).toContain(`${num(g.numerator)}/${g.denominator}`);
    }

    // 已超期 as 我的待办 counts it (repos/overdue.ts).
    const { myWork } = await handlerApi(`{ myWork { key count } }`);
    const overdue = myWork.find((s: any) => s.key === 'overdue').count;
    await expect.poll(() => page.getByTestId('todo-overdue').innerText()).toBe(String(overdue));
    await shotsAtBothSizes(page, '03-handler-dashboard-zh', () => page.getByTestId('handler-gap').waitFor());

    // A month of the campaign, with a fuller sample.
    await page.fill('input[name="month"]', '2023-11');
    const nov = await kpisOf(handlerApi, 'UNIT', unitId, '2023-11');
    const oct = await kpisOf(handlerApi, 'UNIT', unitId, '2023-10');
    await page.getByTestId('handler-kpis-title').filter({ hasText: '城管中队 2023-11 本单位指标' }).waitFor();
    await expectCards(page, nov, oct, '2023-10');
    await shot(page, '04-handler-dashboard-2023-11-1440');

    const novRank = await rankOf('2023-11');
    await expect.poll(() => page.getByTestId('handler-rank').innerText()).toBe(novRank.rank === null ? '样本不足，本月不排名' : `职能部门组 第 ${novRank.rank} 名（共 ${novRank.groupRanked} 个单位）`);
    // November is over: a target missed reads 「差 N 件…（本月已结束）」.
    const novGap = await handlerApi(`query($u: ID!) { gapToTarget(unitId: $u, month: "2023-11") { indicators { indicator met denominator } } }`, { u: unitId });
    const missed = novGap.gapToTarget.indicators.find((g: any) => !g.met && g.denominator > 0);
    if (missed) expect(await page.getByTestId(`gap-${missed.indicator}`).innerText()).toContain('（本月已结束）');
    const handlerGap = await page.getByTestId('handler-gap').getByTestId('gap-table').innerText();

    await toLanguage(page, /中文/, 'English');
    await page.getByTestId('handler-kpis-title').filter({ hasText: '城管中队 2023-11: our indicators' }).waitFor();
    await expectCards(page, nov, oct, '2023-10', true);
    const ord = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
    if (novRank.rank !== null) await expect.poll(() => page.getByTestId('handler-rank').innerText()).toBe(`Department: ${ord(novRank.rank)} of ${novRank.groupRanked} in its group`);
    if (missed) expect(await page.getByTestId(`gap-${missed.indicator}`).innerText()).toContain('(month over)');
    await shotsAtBothSizes(page, '05-handler-dashboard-en', () => page.getByTestId('handler-gap').waitFor());
    await toLanguage(page, /English/, '中文');
    await page.context().close();

    // 指标解释 of the same unit and month shows the same table (one component, GapTable.tsx).
    const ops = await signInAs(browser, server.url, 'tqops', { pageErrors });
    await ops.goto(`${server.url}/#/explain?nodeType=UNIT&nodeId=${unitId}&month=2023-11&indicator=ON_TIME`);
    await ops.getByTestId('gap-panel').getByTestId('gap-table').waitFor();
    expect(await ops.getByTestId('gap-panel').innerText()).toContain('城管中队 2023-11 距攻坚目标');
    expect(await ops.getByTestId('gap-panel').getByTestId('gap-table').innerText()).toBe(handlerGap);
    await shotsAtBothSizes(ops, '05b-explain-gap-zh', () => ops.getByTestId('gap-panel').waitFor());
    await ops.context().close();
  }, 300_000);

  it('shows the 城运中心 each indicator with its fraction and the change on the month before', async () => {
    const page = await signInAs(browser, server.url, 'tqops', { pageErrors });
    await page.getByText('四项重点指标').first().waitFor();
    await waitForDefaultMonth(page, '2024');
    await page.fill('input[name="month"]', '2023-06');
    await page.getByText('塘桥街道 2023-06 四项重点指标').waitFor();
    const june = await kpisOf(admin, 'STREET', streetId, '2023-06');
    const may = await kpisOf(admin, 'STREET', streetId, '2023-05');
    await expectCards(page, june, may, '2023-05');
    await page.locator('svg[role="img"]').first().waitFor();
    await shotsAtBothSizes(page, '06-ops-dashboard-zh', () => page.getByTestId('kpi-fraction-satisfactionRate').waitFor());

    // January compares with the December before (another year).
    await page.fill('input[name="month"]', '2024-01');
    await page.getByText('塘桥街道 2024-01 四项重点指标').waitFor();
    await expectCards(page, await kpisOf(admin, 'STREET', streetId, '2024-01'), await kpisOf(admin, 'STREET', streetId, '2023-12'), '2023-12');

    await page.fill('input[name="month"]', '2023-06');
    await toLanguage(page, /中文/, 'English');
    await page.getByText('塘桥街道 2023-06: the four indicators').waitFor();
    await expectCards(page, june, may, '2023-05', true);
    await shotsAtBothSizes(page, '07-ops-dashboard-en', () => page.getByTestId('kpi-fraction-satisfactionRate').waitFor());
    await toLanguage(page, /English/, '中文');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
