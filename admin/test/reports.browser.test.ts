// Browser test of the report screens on the demo street (塘桥街道, 2023): the dashboard's June numbers equal the
// `kpis` answer, an indicator opens its explanation, the ranking lists the rows of `unitRanking` in order, the
// import page imports the city export's sample and refuses a file with bad rows, listing them; what the import
// changed in the published June folds into one line, unfolding to named fields. Screenshots go to
// test-results/screenshots/reports-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, browserSkipReason, closeAll, openDemoStreet, resetShots, screenshots, signIn, waitForDefaultMonth } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const FIXTURES = path.join(ROOT, 'admin', 'test', 'fixtures');
const skipReason = browserSkipReason('reports');

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
let streetId: string;
const pageErrors: string[] = [];

/** The dashboard's format: a fraction as a percentage with two decimals, "—" for null. */
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

const takeShot = screenshots('reports');
const shot = (name: string) => takeShot(page, name);

describe.skipIf(!!skipReason)('report screens in a browser (demo street)', () => {
  beforeAll(async () => {
    resetShots('reports');
    ({ server, gql, streetId, browser, page } = await openDemoStreet(pageErrors));
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('lands on the dashboard, whose June 2023 numbers are the kpis answer', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByText('四项重点指标').first().waitFor();
    // The default month is the latest with tickets (the live tail's: tests date it 2024-01-15); it arrives with a query, so wait for it
    // before choosing June, or the late default would overwrite the choice.
    await waitForDefaultMonth(page, '2024');
    await page.fill('input[name="month"]', '2023-06');
    await page.getByText('塘桥街道 2023-06 四项重点指标').waitFor();

    const { kpis } = await gql(`query($s: ID!) { kpis(nodeType: STREET, nodeId: $s, from: "2023-06-01", to: "2023-06-30") {
      receivedCount closedCount firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate } }`, { s: streetId });
    await page.getByTestId('kpi-counts').filter({ hasText: `受理 ${kpis.receivedCount} 件` }).waitFor();
    expect(await page.getByTestId('kpi-counts').innerText()).toContain(`办结 ${kpis.closedCount} 件`);
    for (const key of ['firstContactRate', 'onTimeRate', 'resolutionRate', 'actualResolvedShare', 'satisfactionRate']) {
      expect(await page.getByTestId(`kpi-link-${key}`).innerText(), key).toBe(pct(kpis[key]));
    }
    expect(await page.getByTestId('kpi-resolutionRate').innerText()).toContain('目标 97.00%');
    await page.locator('svg[role="img"]').first().waitFor();
    await shot('01-dashboard');
  }, 120_000);

  it('opens an indicator’s explanation from the dashboard, the tickets outside the numerator marked', async () => {
    await page.getByTestId('kpi-link-firstContactRate').click();
    await page.getByTestId('explain-summary').filter({ hasText: '先行联系率' }).waitFor();
    const { kpiExplain: e } = await gql(`query($s: ID!) { kpiExplain(nodeType: STREET, nodeId: $s, from: "2023-06-01", to: "2023-06-30", indicator: FIRST_CONTACT, limit: 1000) {
      numerator denominator rate truncated } }`, { s: streetId });
    await page.getByTestId('explain-table').waitFor();
    const summary = await page.getByTestId('explain-summary').innerText();
    expect(summary).toContain(`先行联系率 ${pct(e.rate)} — ${e.denominator} 件，${e.denominator - e.numerator} 件超时`);
    // The tickets that did not count come first, 50 to a page.
    const misses = e.denominator - e.numerator;
    const rows = page.locator('[data-testid="explain-table"] tbody tr');
    const flags = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-miss') === '1'));
    expect(flags.length).toBe(Math.min(50, e.denominator));
    expect(flags).toEqual(flags.map((_f, i) => i < Math.min(misses, 50)));
    if (e.denominator > 50) expect(await page.getByTestId('explain-pages').innerText()).toContain(`第 1–50 件，共 ${e.denominator} 件`);
    await shot('02-explain');
    // Sorting by 工单编号 puts the numbers in order.
    await page.getByTestId('explain-sort-number').click();
    const numbers = await rows.locator('td:first-child').allInnerTexts();
    expect(numbers).toEqual([...numbers].sort());
    // The list downloads as .xlsx, every ticket in it (not only the page).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('explain-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^指标解释-塘桥街道-2023-06-先行联系率\.xlsx$/);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0]!.rowCount).toBe(e.denominator + 1);
    // Only the late ones.
    await page.getByLabel('只看未计入分子的工单').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="explain-table"] tbody tr:not([data-miss])'));
    await shot('02b-explain-misses');
  }, 120_000);

  it('switches 指标解释 tabs without the old table under the new title, and shows 满意率 by its callbacks', async () => {
    await page.getByLabel('只看未计入分子的工单').click(); // all tickets again
    const started = Date.now();
    await page.getByRole('tab', { name: '满意率' }).click();
    // From the click on, the table on screen is 满意率's or none: never the previous tab's.
    await page.getByTestId('explain-summary').filter({ hasText: '满意率' }).waitFor();
    expect(await page.locator('[data-testid="explain-table"] th').allInnerTexts()).not.toContain('先行联系时间');
    const head = page.locator('[data-testid="explain-table"] th');
    await head.filter({ hasText: '回访结果' }).waitFor();
    const ms = Date.now() - started;
    console.log(`[reports.browser.test] 指标解释 street-month 满意率 usable in ${ms} ms`);
    // The goal is 1 s on a quiet machine (printed above); the bound leaves room for a loaded CI box.
    expect(ms).toBeLessThan(4_000);
    expect(await head.allInnerTexts()).toEqual(['工单编号', '单位', '受理时间', '办结时间', '回访时间', '回访结果', '是否计入', '说明']);
    // A ticket that did not count shows its callback result in red, its closing time not.
    const miss = page.locator('[data-testid="explain-table"] tbody tr[data-miss="1"]').first();
    if (await miss.count()) {
      const color = (i: number) => miss.locator('td').nth(i).evaluate((td) => getComputedStyle(td).color);
      expect(await color(5)).not.toBe(await color(3));
      expect(await miss.locator('td').nth(5).innerText()).not.toBe('—');
    }
    await shot('02c-explain-satisfaction');
  }, 60_000);

  it('shows the ranking of 2023-06 in the order of unitRanking, by peer group, and drills down to a unit', async () => {
    await page.goto(`${server.url}/#/ranking`);
    await page.waitForSelector('input[name="month"]');
    if ((await page.inputValue('input[name="month"]')) !== '2023-06') await page.fill('input[name="month"]', '2023-06');
    const { unitRanking } = await gql(`query($s: ID!) { unitRanking(streetId: $s, month: "2023-06") { rank peerGroup sampleTooSmall windowMonths closedByMonth unit { name } } }`, { s: streetId });
    const tabs: Array<[string, string]> = [['DEPARTMENT', '职能部门'], ['INSTITUTION', '事业单位·中心'], ['RESIDENTIAL', '居委']];
    for (const [group, label] of tabs) {
      await page.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
      const expected = unitRanking.filter((r: any) => r.peerGroup === group);
      const table = page.getByTestId('unit-ranking');
      await table.locator('tbody tr[data-unit]').first().waitFor();
      // The table may still show a previous month for a moment: wait until it settles on June's rows.
      await expect
        .poll(() => table.locator('tbody tr[data-unit]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit'))), { timeout: 30_000 })
        .toEqual(expected.map((r: any) => r.unit.name));
      const ranks = await table.locator('tbody tr[data-unit] td:first-child').allInnerTexts();
      expect(ranks).toEqual(expected.map((r: any) => (r.rank === null ? '样本不足' : String(r.rank))));
      // A unit measured over its rolling window carries 「近N月」, the rule in the chip's tooltip.
      const chips = await table.locator('tbody tr[data-unit] [data-testid="window-chip"]').allInnerTexts();
      expect(chips).toEqual(expected.filter((r: any) => r.windowMonths > 1).map((r: any) => `近${r.windowMonths}月`));
      if (group === 'RESIDENTIAL') {
        const windowed = expected.find((r: any) => r.windowMonths === 2);
        expect(windowed).toBeTruthy();
        await page.locator(`tr[data-unit="${windowed.unit.name}"] [data-testid="window-chip"]`).hover();
        await expect
          .poll(() => page.getByRole('tooltip').innerText(), { timeout: 10_000 })
          .toBe(`本月办结 ${windowed.closedByMonth[0]} 件，不足 5 件，按近 2 个月（2023-05—2023-06）计算各项指标；加分、扣分仍按本月`);
        await shot('03b-ranking-window');
      }
      if (group === 'DEPARTMENT') await shot('03-ranking');
    }
    expect(await page.getByTestId('ranking-state').innerText()).toMatch(/草稿|已发布/);
    await page.getByRole('tab', { name: /街镇排名/ }).click();
    await page.getByTestId('street-ranking').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('street-ranking').innerText()).toContain('塘桥街道');
    await shot('04-street-ranking');
    // Drill-down: a unit's row opens its explanation with the gap-to-target panel.
    await page.getByRole('tab', { name: '单位排名' }).click();
    await page.getByRole('tab', { name: /^职能部门/ }).click();
    const first = unitRanking.find((r: any) => r.peerGroup === 'DEPARTMENT');
    await page.locator(`tr[data-unit="${first.unit.name}"]`).click();
    await page.getByTestId('gap-panel').waitFor();
    expect(await page.getByTestId('gap-panel').innerText()).toContain(`${first.unit.name} 2023-06 距攻坚目标`);
    await shot('05-unit-explain-gap');
  }, 120_000);

  it('publishes June 2023, whose data the import below changes', async () => {
    const r = await gql(`mutation($s: ID!) { publishUnitRanking(streetId: $s, month: "2023-06", replace: true) { published } }`, { s: streetId });
    expect(r.publishUnitRanking.published).toBe(true);
  }, 60_000);

  it('checks the city export sample first, then imports it on confirmation and shows the summary', async () => {
    await page.goto(`${server.url}/#/import`);
    await page.getByText('把文件拖到这里，或点击选择文件').waitFor();
    const before = (await gql(`{ _allTicketsMeta { count } }`))._allTicketsMeta.count;
    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'tickets-sample.csv'));
    const check = page.getByTestId('import-check');
    await check.waitFor({ timeout: 60_000 });
    const dataRows = fs.readFileSync(path.join(FIXTURES, 'tickets-sample.csv'), 'utf8').trim().split('\n').length - 1;
    expect(await check.innerText()).toContain(`检查完成：tickets-sample.csv，共 ${dataRows} 行，尚未写入任何数据`);
    const counts = async () => Promise.all(['inserted', 'updated', 'unchanged'].map(async (k) => Number(await page.getByTestId(`import-${k}`).innerText())));
    const wouldBe = await counts();
    expect(wouldBe.reduce((a, b) => a + b, 0)).toBe(dataRows);
    // The check wrote nothing.
    expect((await gql(`{ _allTicketsMeta { count } }`))._allTicketsMeta.count).toBe(before);
    await shot('06-import-check');

    await page.getByTestId('confirm-import').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    expect(await counts()).toEqual(wouldBe);
    expect(await page.getByTestId('import-summary').innerText()).toContain(`导入完成：tickets-sample.csv，共 ${dataRows} 行`);
    const { allTickets } = await gql(`{ allTickets(filter: { number: "2306220004" }) { number repeatOfId } }`);
    expect(allTickets).toHaveLength(1);
    await shot('06-import-summary');
  }, 120_000);

  it('refuses a file with bad rows on the check, lists every one with its 工单编号, and offers no import', async () => {
    const before = await gql(`{ _allTicketsMeta { count } }`);
    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'tickets-bad-row.csv'));
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-check').innerText()).toContain('不能导入');
    const text = await errors.innerText();
    for (const h of ['行号', '工单编号', '列', '说明']) expect(text).toContain(h);
    const rows = await errors.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => [r[0], r[2]])).toContainEqual(['3', '工单类型']);
    expect(rows.map((r) => [r[0], r[2]])).toContainEqual(['4', '受理时间']);
    expect(await page.getByTestId('confirm-import').isDisabled()).toBe(true);
    expect(await page.getByTestId('download-errors').isVisible()).toBe(true);
    expect((await gql(`{ _allTicketsMeta { count } }`))._allTicketsMeta.count).toBe(before._allTicketsMeta.count);
    await shot('07-import-errors');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('folds the changes since publishing into one line; unfolded, each unit with its rank and named fields', async () => {
    const { rankingStatus } = await gql(`query($s: ID!) { rankingStatus(streetId: $s, month: "2023-06") { published differences { unitId unit { name } field snapshot current } } }`, { s: streetId });
    expect(rankingStatus.published).toBe(true);
    const diffs = rankingStatus.differences as Array<{ unitId: string; unit: { name: string }; field: string; snapshot: any; current: any }>;
    expect(diffs.length).toBeGreaterThan(0); // the import added June tickets
    const units = [...new Set(diffs.map((d) => d.unitId))];
    const ranks = new Set(diffs.filter((d) => d.field === 'rank' || d.field === 'listed').map((d) => d.unitId)).size;

    await page.goto(`${server.url}/#/ranking`);
    await page.waitForSelector('input[name="month"]');
    if ((await page.inputValue('input[name="month"]')) !== '2023-06') await page.fill('input[name="month"]', '2023-06');
    const panel = page.getByTestId('ranking-differences');
    await panel.waitFor();
    const summary = page.getByTestId('ranking-differences-summary');
    expect(await summary.innerText()).toContain(`发布后有 ${units.length} 个单位的数据变化，${ranks} 个名次变化`);
    // Folded by default: no table rows to read, no internal keys anywhere.
    expect(await page.getByTestId('ranking-differences-table').isVisible()).toBe(false);
    await shot('08-ranking-differences-folded');

    await summary.click();
    const table = page.getByTestId('ranking-differences-table');
    await table.waitFor({ state: 'visible' });
    expect(await table.locator('tbody tr[data-unit]').count()).toBe(units.length);
    const text = await table.innerText();
    expect(text).not.toMatch(/kpis\.|baseScore|closedCount|onTimeRate|\d\.\d{4}/);
    const byName: Record<string, string> = { 'kpis.closedCount': '办结量', 'kpis.receivedCount': '受理量', 'kpis.onTimeRate': '按期完成率', 'kpis.satisfactionRate': '满意率', baseScore: '基础分', total: '总分' };
    const d = diffs.find((x) => x.field in byName)!;
    expect(d).toBeTruthy();
    const line = await table.locator(`tr[data-unit="${d.unit.name}"] [data-field="${d.field}"]`).innerText();
    expect(line).toContain(byName[d.field]!);
    const rate = diffs.find((x) => x.field.endsWith('Rate') && x.snapshot != null && x.current != null);
    if (rate) {
      const l = await table.locator(`tr[data-unit="${rate.unit.name}"] [data-field="${rate.field}"]`).innerText();
      expect(l.replace(/\s+/g, ' ')).toContain(`${pct(rate.snapshot)} → ${pct(rate.current)}`);
    }
    for (const u of units) {
      const name = diffs.find((x) => x.unitId === u)!.unit.name;
      const r = diffs.find((x) => x.unitId === u && x.field === 'rank');
      const cell = await table.locator(`tr[data-unit="${name}"] [data-testid="diff-rank"]`).innerText();
      if (r) expect(cell).toContain(`${r.snapshot ?? '不排名'} → ${r.current ?? '不排名'}`);
      else if (!diffs.some((x) => x.unitId === u && x.field === 'listed')) expect(cell).toBe('名次未变');
    }
    await shot('09-ranking-differences-open');

    // English: the same panel under English names.
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText(`Since publishing, the data of ${units.length} units changed; ${ranks} ranks changed`).waitFor();
    // The language switch reloads the ranking (the panel may mount again, folded): wait for the table, then unfold.
    await page.getByTestId('unit-ranking').getByRole('columnheader', { name: 'Rank' }).waitFor();
    if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
    await expect.poll(() => table.innerText(), { timeout: 10_000 }).toContain('What changed (published → now)');
    await shot('10-ranking-differences-en');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByText('发布后有').first().waitFor();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
