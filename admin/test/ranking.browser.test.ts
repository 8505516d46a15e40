// Browser test of 绩效排名 as a leader reads it at the monthly meeting (issue #15), on the demo street (塘桥街道):
// rates coloured against the scheme's targets with the target in a tooltip, the rank change against the previous
// month (published May), the scoring rules folded, the publish dialog warning about open tickets and pending
// callbacks (and still publishing), who published and when, the .xlsx export with one sheet per peer group rounded
// as on screen; the 街镇排名 tab coloured by the same code, and a 样本不足 row (greyed, unranked) not coloured on
// either tab; in Chinese and English at 1440×900 and 1280×720. Screenshots: test-results/screenshots/ranking-*.png.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, USER_PASSWORD } from './helpers/browser';
import type { ApiServer, Gql } from './helpers/browser';

const skipReason = browserSkipReason('ranking');
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }] as const;
const shot = screenshots('ranking');

let server: ApiServer;
let browser: Browser;
let page: Page;
let leader: Gql;
let streetId: string;
const pageErrors: string[] = [];

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const RATE_KEYS = ['firstContactRate', 'onTimeRate', 'resolutionRate', 'actualResolvedShare', 'satisfactionRate'] as const;
type ApiRow = {
  rank: number | null; previousRank: number | null; rankChange: number | null; newlyRanked: boolean; peerGroup: string; total: number | null;
  unit: { name: string }; kpis: Record<string, number | null>; sampleTooSmall: boolean;
};
/** What a rate cell's data-meets should say: a 样本不足 row is not coloured; otherwise met, missed or no rate. */
const meetsOf = (rate: number | null, target: number, unranked: boolean) => (unranked ? 'unranked' : rate === null ? 'none' : rate + 1e-9 >= target ? 'yes' : 'no');
const label = (r: ApiRow, isNew = '新') => (r.newlyRanked ? isNew : r.rankChange === null || r.rankChange === 0 ? '—' : r.rankChange > 0 ? `↑${r.rankChange}` : `↓${-r.rankChange}`);

async function ranking(month: string) {
  return leader<{ unitRanking: ApiRow[]; rankingStatus: any }>(
    `query($s: ID!, $m: String!) {
      unitRanking(streetId: $s, month: $m) { rank previousRank rankChange newlyRanked peerGroup total sampleTooSmall unit { name }
        kpis { firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate } }
      rankingStatus(streetId: $s, month: $m) { published publishedAt publishedBy previousMonth previousPublished rules { indicators { rateField weight target } } }
    }`,
    { s: streetId, m: month },
  );
}

async function toLanguage(from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
}

/** The ranking page on `month`: the picker keeps the month chosen last (the first time: the latest with tickets). */
async function openMonth(month: string) {
  await page.goto(`${server.url}/#/ranking`);
  await page.waitForFunction(() => /^\d{4}-\d{2}$/.test((document.querySelector('input[name="month"]') as HTMLInputElement | null)?.value ?? ''), null, { timeout: 60_000 });
  if ((await page.inputValue('input[name="month"]')) !== month) await page.fill('input[name="month"]', month);
}

/** Waits until the department table shows `rows` (the page may still show another month for a moment). */
async function waitForRows(rows: ApiRow[]) {
  await expect
    .poll(() => page.locator('[data-testid="unit-ranking"] tbody tr[data-unit]').evaluateAll((trs) => trs.map((r) => r.getAttribute('data-unit'))), { timeout: 30_000 })
    .toEqual(rows.map((r) => r.unit.name));
}

async function bothSizes(name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The wide table scrolls inside its card: the page itself never scrolls sideways.
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 5_000 }).toBeLessThanOrEqual(size.width);
    await shot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

describe.skipIf(!!skipReason)('绩效排名 for the monthly meeting (demo street)', () => {
  beforeAll(async () => {
    resetShots('ranking');
    server = await startApi('demo');
    const k = server.db.db;
    const street = await k.selectFrom('street').select('id').where('name', '=', '塘桥街道').executeTakeFirstOrThrow();
    streetId = String(street.id);
    const { createUser } = await import('../../api/src/repos/auth');
    await createUser(k, { username: 'tqleader', password: USER_PASSWORD, role: 'LEADER', streetId: street.id, displayName: '李建国' });
    leader = await apiClient(server.url, 'tqleader', USER_PASSWORD);
    // May is published: June's rank change compares with its snapshot.
    await leader(`mutation($s: ID!) { publishUnitRanking(streetId: $s, month: "2023-05") { published } }`, { s: streetId });
    // December gets an open ticket of the month (a 塘桥 unit's), so the publish dialog has something to warn about.
    const unit = await k.selectFrom('unit').select('id').where('streetId', '=', street.id).where('active', '=', true).orderBy('id').executeTakeFirstOrThrow();
    const at = new Date('2023-12-20T01:00:00Z');
    await k.insertInto('ticket').values({
      number: 'RANKING-OPEN-1', streetId: street.id, unitId: unit.id, category: 'COMPLAINT', receivedAt: at,
      firstContactDue: new Date(at.getTime() + 86_400_000), completionDue: new Date(at.getTime() + 5 * 86_400_000), status: 'IN_PROGRESS',
    }).execute();
    browser = await launchBrowser();
    page = await signInAs(browser, server.url, 'tqleader', { pageErrors });
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('colours each rate against its target, with the target in a tooltip, and shows the rank change against May', async () => {
    const { unitRanking, rankingStatus } = await ranking('2023-06');
    expect(rankingStatus.previousPublished).toBe(true);
    const targets = Object.fromEntries(rankingStatus.rules.indicators.map((i: any) => [i.rateField, i.target]));
    const dept = unitRanking.filter((r) => r.peerGroup === 'DEPARTMENT');
    await openMonth('2023-06');
    await waitForRows(dept);
    const table = page.getByTestId('unit-ranking');
    // Rank stays the first column; the change is the second.
    expect(await table.locator('tbody tr[data-unit] td:first-child').allInnerTexts()).toEqual(dept.map((r) => (r.rank === null ? '样本不足' : String(r.rank))));
    expect(await table.locator('tbody tr[data-unit] [data-testid="rank-change"]').allInnerTexts()).toEqual(dept.map((r) => label(r)));
    expect(dept.some((r) => r.rankChange !== null && r.rankChange !== 0)).toBe(true);
    expect(await page.getByTestId('rank-change-basis').innerText()).toContain('与 2023-05 已发布的排名比较');

    // Every rate cell: the API's number, coloured by the target (green at/above, red below) — but not a 样本不足 row's.
    let missed: { unit: string; key: string; rate: number } | null = null;
    for (const r of dept) {
      const row = table.locator(`tr[data-unit="${r.unit.name}"]`);
      for (const key of RATE_KEYS) {
        const cell = row.locator(`td[data-rate="${key}"]`);
        const rate = r.kpis[key] ?? null;
        expect(await cell.innerText()).toBe(pct(rate));
        const want = meetsOf(rate, targets[key], r.sampleTooSmall);
        expect(await cell.getAttribute('data-meets'), `${r.unit.name} ${key}`).toBe(want);
        if (want === 'no' && !missed) missed = { unit: r.unit.name, key, rate: rate! };
      }
    }
    expect(missed).toBeTruthy();
    // June's 样本不足 department (demo data): greyed, its rates plain, also one below its target.
    const small = dept.find((r) => r.sampleTooSmall)!;
    expect(small).toBeTruthy();
    const smallRow = table.locator(`tr[data-unit="${small.unit.name}"]`);
    expect(await smallRow.locator('[data-testid="too-small"]').innerText()).toBe('样本不足');
    for (const key of RATE_KEYS) {
      const span = smallRow.locator(`td[data-rate="${key}"] span`);
      expect(await span.count(), `${small.unit.name} ${key}: not coloured`).toBe(0);
    }
    const redCell = table.locator(`tr[data-unit="${missed!.unit}"] td[data-rate="${missed!.key}"] span`);
    const color = await redCell.evaluate((el) => getComputedStyle(el).color);
    const [red, green] = color.match(/\d+/g)!.map(Number);
    expect(red!).toBeGreaterThan(green!); // red text, still dark enough to read (error.dark)
    await redCell.hover();
    const target = `${Number((targets[missed!.key] * 100).toFixed(2))}%`;
    await expect.poll(() => page.getByRole('tooltip').innerText(), { timeout: 10_000 }).toContain(`低于目标 ${target}`);
    expect(await redCell.getAttribute('aria-label')).toContain(`低于目标 ${target}`);
    await shot(page, '01-rate-tooltip-1440');
    await page.mouse.move(0, 0);

    // The rules: one line, folded; unfolded, the weights, the bonus and the deduction.
    const rules = page.getByTestId('ranking-rules');
    expect(await page.getByTestId('ranking-rules-summary').innerText()).toContain('计分规则：总分 = 基础分 + 加分 − 扣分');
    expect(await page.getByTestId('ranking-rules-details').isVisible()).toBe(false);
    await bothSizes('02-june-zh');
    // At 1280×720 the 总分 column is on screen without scrolling the table.
    await page.setViewportSize(SIZES[1]);
    const right = await table.locator('thead th').last().evaluate((el) => el.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(SIZES[1].width);
    await page.setViewportSize(SIZES[0]);
    await page.getByTestId('ranking-rules-summary').click();
    const details = page.getByTestId('ranking-rules-details');
    await details.waitFor({ state: 'visible' });
    const text = await details.innerText();
    for (const i of rankingStatus.rules.indicators) expect(text).toContain(`权重 ${i.weight}，目标 ${Number((i.target * 100).toFixed(2))}%`);
    expect(text).toContain('优秀案例 +0.2 分/件');
    expect(text).toContain('示范案例 +0.5～1 分/件');
    expect(text).toMatch(/扣分：当月负面清单记录按项目分值扣减（\d+ 项/);
    expect(text).toContain('基础分 = 100 × Σ(权重 × min(1, 实际值 ÷ 目标)) ÷ Σ权重');
    await bothSizes('03-rules-open-zh');
    await page.getByTestId('ranking-rules-summary').click();
    await details.waitFor({ state: 'hidden' });
    expect(await rules.isVisible()).toBe(true);
  }, 180_000);

  it('warns before publishing December about open tickets and pending callbacks, then publishes and names the publisher', async () => {
    const { rankingPublishCheck: check } = await leader(`query($s: ID!) { rankingPublishCheck(streetId: $s, month: "2023-12") { openTickets pendingCallbacks } }`, { s: streetId });
    expect(check.openTickets).toBeGreaterThan(0);
    await openMonth('2023-12');
    await waitForRows((await ranking('2023-12')).unitRanking.filter((r) => r.peerGroup === 'DEPARTMENT'));
    expect(await page.getByTestId('ranking-state').innerText()).toContain('草稿');
    await page.getByRole('button', { name: '发布本月排名' }).click();
    const warning = page.getByTestId('publish-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`2023-12 仍有 ${check.openTickets} 件在办工单、${check.pendingCallbacks} 件待满意度回访的工单`);
    expect(await page.getByTestId('publish-open').innerText()).toBe(`在办工单 ${check.openTickets}`);
    expect(await page.getByTestId('publish-callbacks').innerText()).toBe(`待满意度回访 ${check.pendingCallbacks}`);
    expect(await page.getByTestId('publish-confirm').innerText()).toBe('仍然发布');
    await bothSizes('04-publish-warning-zh');
    await page.getByTestId('publish-confirm').click();
    await page.getByTestId('ranking-state').filter({ hasText: '已发布' }).waitFor();
    const { rankingStatus } = await ranking('2023-12');
    expect(rankingStatus).toMatchObject({ published: true, publishedBy: '李建国' });
    const publisher = await page.getByTestId('ranking-publisher').innerText();
    expect(publisher).toBe('发布人：李建国（街道领导）');
    expect(await page.getByTestId('ranking-state').innerText()).toMatch(/^已发布（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/);
    await bothSizes('05-published-zh');
  }, 120_000);

  it('colours the 街镇排名 rates by the same targets, and leaves a 样本不足 street’s plain', async () => {
    // A district account reads every street's row; a new street of the district with three closed tickets in June is
    // short of the sample (with no earlier months to widen its window to).
    const k = server.db.db;
    const tq = await k.selectFrom('street').select(['districtId']).where('id', '=', Number(streetId)).executeTakeFirstOrThrow();
    const small = await k.insertInto('street').values({ code: 'ZZTEST', name: '测试街道', districtId: tq.districtId }).returning('id').executeTakeFirstOrThrow();
    const unit = await k.insertInto('unit').values({ streetId: small.id, code: 'T1', name: '城管中队', peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      const at = new Date(`2023-06-1${i}T01:00:00Z`);
      await k.insertInto('ticket').values({
        number: `RANKING-SMALL-${i}`, streetId: small.id, unitId: unit.id, category: 'COMPLAINT', receivedAt: at, firstContactAt: new Date(at.getTime() + 3_600_000),
        firstContactDue: new Date(at.getTime() + 86_400_000), completionDue: new Date(at.getTime() + 5 * 86_400_000), closedAt: new Date(at.getTime() + 86_400_000),
        status: 'CLOSED', resolution: 'ACTUALLY_RESOLVED',
      } as any).execute();
    }
    const admin = await apiClient(server.url);
    const { streetRanking, rankingStatus } = await admin(`query($d: ID!, $s: ID!) {
      streetRanking(districtId: $d, month: "2023-06") { rank sampleTooSmall street { name } kpis { firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate } }
      rankingStatus(streetId: $s, month: "2023-06") { rules { fromSnapshot indicators { rateField target } } }
    }`, { d: String(tq.districtId), s: streetId });
    // June is not published: its rules are the current scheme's, the one the street ranking uses.
    expect(rankingStatus.rules.fromSnapshot).toBe(false);
    const targets = Object.fromEntries(rankingStatus.rules.indicators.map((i: any) => [i.rateField, i.target]));
    expect(streetRanking.find((r: any) => r.street.name === '测试街道')).toMatchObject({ rank: null, sampleTooSmall: true });

    const adminPage = await signInAs(browser, server.url, 'admin', { password: ADMIN_PASSWORD, pageErrors });
    const before = page;
    page = adminPage;
    try {
    await openMonth('2023-06');
    await page.getByRole('tab', { name: /街镇排名/ }).click();
    const table = page.getByTestId('street-ranking');
    await expect.poll(() => table.locator('tbody tr[data-street]').count(), { timeout: 30_000 }).toBe(streetRanking.length);
    await expect.poll(() => table.locator('td[data-meets="yes"], td[data-meets="no"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const r of streetRanking) {
      const row = table.locator(`tr[data-street="${r.street.name}"]`);
      for (const key of RATE_KEYS) {
        const cell = row.locator(`td[data-rate="${key}"]`);
        const rate = r.kpis[key] ?? null;
        expect(await cell.innerText()).toBe(pct(rate));
        const want = meetsOf(rate, targets[key], r.sampleTooSmall);
        expect(await cell.getAttribute('data-meets'), `${r.street.name} ${key}`).toBe(want);
        seen.add(want);
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['no', 'unranked', 'yes']));
    await page.getByTestId('target-legend').waitFor();
    // The greyed 样本不足 street: no colour on its rates.
    const smallRow = table.locator('tr[data-street="测试街道"]');
    expect(await smallRow.locator('td[data-rate] span').count()).toBe(0);
    expect(await smallRow.locator('[data-testid="too-small"]').innerText()).toBe('样本不足');
    await bothSizes('09-street-ranking-zh');
    await toLanguage(/中文/, 'English');
    await page.getByRole('tab', { name: /^Streets/ }).click();
    await table.locator('tbody tr[data-street="测试街道"] [data-testid="too-small"]').filter({ hasText: 'Sample too small' }).waitFor();
    expect(await table.locator('td[data-meets="no"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('target-legend').innerText()).toContain('meets target');
    await bothSizes('10-street-ranking-en');
    await toLanguage(/English/, '中文');
    } finally {
      await adminPage.context().close();
      page = before;
    }
  }, 180_000);

  it('exports one sheet per peer group, the totals as on screen', async () => {
    const { unitRanking } = await ranking('2023-06');
    await openMonth('2023-06');
    await waitForRows(unitRanking.filter((r) => r.peerGroup === 'DEPARTMENT'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名 2023-06', '职能部门', '事业单位·中心', '居委']);
    const sheet = wb.getWorksheet('职能部门')!;
    const table = page.getByTestId('unit-ranking');
    for (const r of unitRanking.filter((x) => x.peerGroup === 'DEPARTMENT')) {
      const onScreen = (await table.locator(`tr[data-unit="${r.unit.name}"] td`).last().innerText()).trim();
      let inSheet: unknown = null;
      sheet.eachRow((row) => {
        if (row.getCell(4).value === r.unit.name) inSheet = row.getCell(16).value;
      });
      expect(inSheet === '—' ? '—' : (inSheet as number).toFixed(2), r.unit.name).toBe(onScreen);
      if (typeof inSheet === 'number') expect(inSheet).toBe(Number(onScreen));
    }
  }, 120_000);

  it('reads the same in English', async () => {
    await openMonth('2023-06');
    await toLanguage(/中文/, 'English');
    await page.getByRole('columnheader', { name: 'vs last month' }).waitFor();
    expect(await page.getByTestId('ranking-rules-summary').innerText()).toContain('Scoring: total = base + bonus − deduction');
    expect(await page.getByTestId('target-legend').innerText()).toContain('meets target');
    expect(await page.getByTestId('rank-change-basis').innerText()).toContain('Compared with the published ranking of 2023-05');
    await bothSizes('06-june-en');
    await page.getByTestId('ranking-rules-summary').click();
    await page.getByTestId('ranking-rules-details').waitFor({ state: 'visible' });
    await bothSizes('07-rules-open-en');
    await page.fill('input[name="month"]', '2023-12');
    await page.getByTestId('ranking-publisher').filter({ hasText: 'Published by 李建国 (Leader)' }).waitFor();
    await bothSizes('08-published-en');
    await toLanguage(/English/, '中文');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
