// Browser test of the report pages on the demo street (塘桥街道): the 2023-W24 周报 and the 2023-06 月报 as A4 pages
// whose tables print exactly the numbers of `reportContent` (formatted as the .docx formats them), with live
// ECharts charts; the print rendering hides the app; a report generated from 报表 is listed with its downloads and
// opens as its archived page; the dashboard's trends are ECharts lines. Screenshots (page and print preview) and
// the printed PDFs go to test-results/screenshots/report-docs-*.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chartCount, documentTables } from './helpers/report';
import { formatCell } from '../../api/src/reports/document/format';
import type { ReportDocument } from '../../api/src/reports/document/model';
import { ADMIN_PASSWORD, SHOTS, browserSkipReason, closeAll, openDemoStreet, resetShots, screenshots, signIn } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('report-docs');

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
let streetId: string;
const pageErrors: string[] = [];
const takeShot = screenshots('report-docs');
const shot = (name: string) => takeShot(page, name);


/** Opens a report page and checks it against the API's content: title, numbered headings, every table cell, charts. */
async function checkReportPage(doc: ReportDocument) {
  await page.getByTestId('report-sheet').waitFor();
  const sheet = page.getByTestId('report-sheet');
  expect(await sheet.locator('h1').innerText()).toBe(doc.title);
  const headings = await sheet.locator('h2').allInnerTexts();
  expect(headings).toEqual(doc.sections.map((s, i) => `${'一二三四五六七八九十'[i]}、${s.heading}`));
  for (const t of documentTables(doc)) {
    const table = page.getByTestId(`report-table-${t.id}`).first();
    expect(await table.locator('thead th').allInnerTexts(), t.id).toEqual(t.columns.map((c) => c.label));
    const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(cells, t.id).toEqual(t.rows.map((r) => t.columns.map((c) => formatCell(r[c.key], c.format))));
  }
  const charts = chartCount(doc);
  if (charts) await page.waitForFunction((n) => document.querySelectorAll('.report-chart[data-ready="true"] svg path').length > 0 && document.querySelectorAll('.report-chart[data-ready="true"]').length === n, charts);
  expect(await page.locator('.report-chart').count()).toBe(charts);
}

/** The page as the browser prints it: a screenshot with print media and the PDF Chromium would print. */
async function printPreview(name: string) {
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('.RaAppBar-root, header').first().isVisible().catch(() => false)).toBe(false);
  expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
  await shot(`${name}-print`);
  await page.pdf({ path: path.join(SHOTS, `report-docs-${name}.pdf`), format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
}

describe.skipIf(!!skipReason)('report pages in a browser (demo street)', () => {
  beforeAll(async () => {
    resetShots('report-docs');
    ({ server, gql, streetId, browser, page } = await openDemoStreet(pageErrors));
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('shows the 2023-W24 周报 as an A4 page with the numbers of reportContent, and prints it without the app', async () => {
    const { reportContent: doc } = await gql<{ reportContent: ReportDocument }>(`query($s: ID!) { reportContent(kind: WEEKLY, streetId: $s, period: "2023-W24") }`, { s: streetId });
    await page.goto(`${server.url}/#/reports-view?kind=WEEKLY&streetId=${streetId}&period=2023-W24`);
    await checkReportPage(doc);
    // A4 text block: 156 mm wide at 96 px/in.
    const width = await page.getByTestId('report-sheet').evaluate((el) => parseFloat(getComputedStyle(el).width));
    expect(Math.abs(width - (156 / 25.4) * 96)).toBeLessThan(1);
    await shot('weekly');
    await printPreview('weekly');
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('generates the 2023-06 月报 from 报表, lists it with its downloads and opens it as its archived page', async () => {
    await page.goto(`${server.url}/#/reports-archive`);
    await page.getByTestId('report-archive').waitFor();
    await page.locator('input[name="kind"]').locator('..').click();
    await page.getByRole('option', { name: '月报' }).click();
    await page.fill('input[name="period"]', '2023-06');
    expect(await page.inputValue('input[name="kind"]')).toBe('MONTHLY');
    await page.getByTestId('generate-report').click();
    // Building and rendering a month (charts drawn on the server) takes a while on a busy machine.
    const message = page.locator('.MuiSnackbarContent-message').first();
    await message.waitFor({ timeout: 240_000 });
    expect(await message.innerText()).toMatch(/已生成 月报 2023-06/);
    const row = page.getByTestId('report-archive-table').locator('tbody tr').filter({ hasText: '2023-06' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('月报');
    expect(await row.innerText()).toContain('塘桥街道');
    const { allReports } = await gql(`query { allReports(perPage: 1, filter: { kind: MONTHLY, period: "2023-06" }) { id docxUrl xlsxUrl version } }`);
    const report = allReports[0];
    expect(await row.locator(`a[href="${report.docxUrl}"]`).count()).toBe(1);
    expect(await row.locator(`a[href="${report.xlsxUrl}"]`).count()).toBe(1);
    // The .docx downloads with the session.
    const docx = await page.request.get(`${server.url}${report.docxUrl}`);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
    await shot('archive');
    await row.getByRole('link', { name: '查看' }).click();
    const { Report } = await gql(`query($id: ID!) { Report(id: $id) { content } }`, { id: report.id });
    await checkReportPage(Report.content);
    await shot('monthly');
    // A chart's tooltip answers a hover.
    const chart = page.locator('.report-chart').first();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 5 });
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.report-chart div')].some((d) => getComputedStyle(d).display !== 'none' && /%|\d/.test(d.textContent ?? '') && d.style.position === 'absolute'));
    await page.locator('.report-figure').first().screenshot({ path: path.join(SHOTS, 'report-docs-monthly-chart.png') });
    await printPreview('monthly');
    expect(pageErrors).toEqual([]);
  }, 420_000);

  it('draws the dashboard trends as ECharts lines with the target', async () => {
    await page.goto(`${server.url}/#/`);
    await page.getByText('四项重点指标').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trend-chart"][data-ready="true"] svg[role="img"]').length === 5);
    expect(await page.locator('[data-testid="trend-chart"] svg').first().innerHTML()).toContain('目标');
    await shot('dashboard');
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
});
