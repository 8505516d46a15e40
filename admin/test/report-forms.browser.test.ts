// Browser test of the reports about one matter (domain.md §5b) on the demo street (塘桥街道), opened as an OPS clerk
// opens them: the 专报 (HOTSPOT) of a topic from 报表 and of a 苗头预警 from the 苗头预警 board, the 预警单 of a
// 苗头预警 (the board) and of a repeat warning (its page), and the 领导派单/督办单 from a ticket page's button. Each
// archived page shows the API's content (title, numbered headings, every table cell, the chart) with the 版记 at
// its end; printed (print media and the PDF Chromium prints) it shows the page alone, and the 版记 sits at the foot
// of the last page; its .docx and .xlsx download and hold the title. Screenshots at 1440×900 and 1280×720, in
// Chinese and English, and the PDFs go to test-results/screenshots/report-forms-*.
//
// REXIAN_ADMIN_DIST=/some/dir serves an admin built there (a developer's own build, not admin/dist, which other
// work may rebuild mid-run).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chartCount, documentTables } from './helpers/report';
import { formatCell, chineseDate } from '../../api/src/reports/document/format';
import type { ReportDocument } from '../../api/src/reports/document/model';
import {
  ROOT, SHOTS, USER_PASSWORD, apiClient, browserSkipReason, closeAll, launchProfile, resetShots, screenshots, signIn, startApi,
} from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('report-forms');
const PREFIX = 'report-forms';
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }] as const;
/** Waits for steps that build a report on the server or a page on a loaded 2-core machine. */
const SLOW = { timeout: 60_000 };

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
let streetId: string;
const pageErrors: string[] = [];
const takeShot = screenshots(PREFIX);
const shot = (name: string) => takeShot(page, name);
/** The archived reports opened in the Chinese pass, shown again in English at the end. */
const opened: Array<{ name: string; id: string; title: string }> = [];

/** Text as pdftotext and mammoth give it, without the spaces and breaks they put between CJK glyphs. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The API's server with the demo data: admin/dist, or REXIAN_ADMIN_DIST's build. */
async function startDemo(): Promise<ApiServer> {
  const dist = process.env.REXIAN_ADMIN_DIST;
  if (!dist) return startApi('demo');
  const { createTestDatabase } = await import('../../api/test/helpers/db');
  const { startServer } = await import('../../api/src/app');
  const db = await createTestDatabase('demo');
  const s = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'demo', adminPassword: 'admin-password', quiet: true, adminDist: path.resolve(dist) });
  return { url: s.url, db, close: () => s.close() };
}

/** Clicks a 生成… button and waits for the archived report's page it opens; returns the report's id. */
async function generateFrom(button: ReturnType<Page['locator']>): Promise<string> {
  await button.waitFor(SLOW);
  await button.click();
  await page.waitForURL(/#\/reports-archive\/\d+$/, SLOW);
  return /reports-archive\/(\d+)$/.exec(page.url())![1]!;
}

/** The archived report's content from the API, and the page checked against it. */
async function checkReportPage(id: string): Promise<ReportDocument> {
  const { Report } = await gql<{ Report: { content: ReportDocument | string } }>(`query($id: ID!) { Report(id: $id) { content } }`, { id });
  const doc: ReportDocument = typeof Report.content === 'string' ? JSON.parse(Report.content) : Report.content;
  const sheet = page.getByTestId('report-sheet');
  await sheet.waitFor(SLOW);
  expect(await sheet.locator('h1').innerText()).toBe(doc.title);
  expect(await sheet.locator('.report-issuer').innerText()).toBe(doc.issuer);
  if (doc.docNumber) expect(await sheet.locator('.report-number').innerText()).toBe(doc.docNumber);
  const headings = await sheet.locator('h2').allInnerTexts();
  expect(headings).toEqual(doc.sections.map((s, i) => `${'一二三四五六七八九十'[i]}、${s.heading}`));
  for (const t of documentTables(doc)) {
    const table = page.getByTestId(`report-table-${t.id}`).first();
    expect(await table.locator('.report-caption').innerText(), t.id).toBe(t.title);
    expect(await table.locator('thead th').allInnerTexts(), t.id).toEqual(t.columns.map((c) => c.label));
    const cells = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(cells, t.id).toEqual(t.rows.map((r) => t.columns.map((c) => formatCell(r[c.key], c.format))));
  }
  const charts = chartCount(doc);
  if (charts) {
    await page.waitForFunction((n) => document.querySelectorAll('.report-chart[data-ready="true"] svg path').length > 0 && document.querySelectorAll('.report-chart[data-ready="true"]').length === n, charts, SLOW);
  }
  expect(await page.locator('.report-chart').count()).toBe(charts);
  // The 版记 closes the page: the issuer's 印发 line with the date, after everything else.
  const record = page.getByTestId('report-record');
  expect(await record.innerText()).toContain(`${chineseDate(doc.date)}印发`);
  expect(await record.innerText()).toContain(doc.printedBy ?? doc.issuer);
  expect(await sheet.evaluate((el) => el.lastElementChild?.getAttribute('data-testid'))).toBe('report-record');
  // Nothing of the sheet overflows its box (a cut cell or a line running off the page).
  const overflow = await sheet.evaluate((el) => {
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll<HTMLElement>('p, h1, h2, h3, td, th, .report-caption, .report-record div')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > box.right - 26 * 3.78 + 2)
      .map((e) => e.textContent?.slice(0, 30));
  });
  expect(overflow).toEqual([]);
  return doc;
}

/** The toolbar's .docx and .xlsx: each downloads, opens and holds the title. */
async function checkDownloads(name: string, doc: ReportDocument) {
  const docx = page.locator('.report-toolbar a', { hasText: '.docx' });
  const [d1] = await Promise.all([page.waitForEvent('download', SLOW), docx.click()]);
  const docxPath = path.join(SHOTS, `${PREFIX}-${name}.docx`);
  await d1.saveAs(docxPath);
  expect(d1.suggestedFilename()).toMatch(/\.docx$/);
  const mammoth = createRequire(path.join(ROOT, 'api', 'package.json'))('mammoth') as { extractRawText(o: { path: string }): Promise<{ value: string }> };
  const text = squash((await mammoth.extractRawText({ path: docxPath })).value);
  expect(text).toContain(squash(doc.title));
  expect(text).toContain(`${chineseDate(doc.date)}印发`);
  for (const t of documentTables(doc)) expect(text, t.id).toContain(squash(t.title));

  const xlsx = page.locator('.report-toolbar a', { hasText: '.xlsx' });
  const [d2] = await Promise.all([page.waitForEvent('download', SLOW), xlsx.click()]);
  const xlsxPath = path.join(SHOTS, `${PREFIX}-${name}.xlsx`);
  await d2.saveAs(xlsxPath);
  expect(d2.suggestedFilename()).toMatch(/\.xlsx$/);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const texts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void texts.push(String(c.text ?? '')))));
  expect(texts.some((t) => t.includes(doc.title))).toBe(true);
  expect(wb.worksheets.length).toBeGreaterThanOrEqual(documentTables(doc).length);
}

/** Words of one PDF page with their boxes (pdftotext -bbox), in points from the page's top. */
function pdfWords(file: string, pageNo: number): Array<{ text: string; yMin: number; yMax: number }> {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(pageNo), '-l', String(pageNo), file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ yMin: Number(m[1]), yMax: Number(m[2]), text: m[3]! }));
}

/**
 * The page as the browser prints it: print media hides the app and the toolbar; the PDF is A4 with a page number on
 * each page, holds the title and every section, and ends with the 版记 at the foot of its last page.
 */
async function printPreview(name: string, doc: ReportDocument): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  try {
    expect(await page.locator('.RaAppBar-root, header').first().isVisible().catch(() => false)).toBe(false);
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    await shot(`${name}-print`);
    const file = path.join(SHOTS, `${PREFIX}-${name}.pdf`);
    await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const perPage = Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
    const all = squash(perPage.join('\n'));
    expect(all).toContain(squash(doc.title));
    for (const s of doc.sections) expect(all, s.heading).toContain(squash(s.heading));
    perPage.forEach((text, i) => {
      expect(squash(text).length, `page ${i + 1} is empty`).toBeGreaterThan(20);
      expect(squash(text), `page ${i + 1}'s number`).toContain(`—${i + 1}—`);
    });
    // The 版记 only on the last page, its 印发 line the last text above the page number, near the foot of the text
    // block (A4 841.9 pt high, 35 mm = 99.2 pt bottom margin).
    const printed = `${chineseDate(doc.date)}印发`;
    perPage.slice(0, -1).forEach((text, i) => expect(squash(text), `page ${i + 1}`).not.toContain(printed));
    const last = squash(perPage[pages - 1]!);
    expect(last).toContain(printed);
    expect(last.indexOf(printed) + printed.length).toBe(last.lastIndexOf('—'+String(pages)+'—'));
    const words = pdfWords(file, pages);
    const yin = words.filter((w) => w.text.includes('印发'));
    expect(yin.length, 'the 印发 line').toBe(1);
    const footOfText = 841.89 - 99.2;
    expect(yin[0]!.yMax, `the 版记 of ${name} sits at the foot of the last page`).toBeGreaterThan(footOfText - 36);
    expect(yin[0]!.yMax).toBeLessThan(footOfText + 2);
    return pages;
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

/** The page at both sizes: full-page screenshots, and the toolbar and the sheet within the window's width. */
async function shotsAtBothSizes(name: string) {
  // The 已生成 notice over the page goes by itself after a few seconds.
  await page.locator('.MuiSnackbar-root').first().waitFor({ state: 'detached', ...SLOW });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByTestId('report-sheet').waitFor();
    // The menu's width follows the window with a transition: shoot once it has settled.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, SLOW);
    const fits = await page.evaluate(() => {
      const tb = document.querySelector('.report-toolbar')!.getBoundingClientRect();
      const sheet = document.querySelector('[data-testid="report-sheet"]')!.getBoundingClientRect();
      return { toolbar: tb.right <= window.innerWidth, sheet: sheet.right <= window.innerWidth, scroll: document.documentElement.scrollWidth <= window.innerWidth };
    });
    expect(fits, `${name} at ${size.width}`).toEqual({ toolbar: true, sheet: true, scroll: true });
    await shot(`${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

/** Everything a clerk checks on one archived report. */
async function checkOpened(name: string, id: string) {
  const doc = await checkReportPage(id);
  opened.push({ name, id, title: doc.title });
  await shotsAtBothSizes(name);
  const pages = await printPreview(name, doc);
  await checkDownloads(name, doc);
  console.log(`[report-forms] ${name}: ${doc.title}, ${documentTables(doc).length} tables, ${chartCount(doc)} charts, ${pages} printed pages`);
  return doc;
}

describe.skipIf(!!skipReason)('专报, 预警单 and 领导派单/督办单 pages in a browser (demo street)', () => {
  beforeAll(async () => {
    resetShots(PREFIX);
    for (const f of fs.existsSync(SHOTS) ? fs.readdirSync(SHOTS) : []) if (f.startsWith(`${PREFIX}-`)) fs.rmSync(path.join(SHOTS, f));
    server = await startDemo();
    try {
      gql = await apiClient(server.url);
      const k = server.db.db;
      const street = await k.selectFrom('street').select('id').where('name', '=', '塘桥街道').executeTakeFirstOrThrow();
      streetId = String(street.id);
      const { createUser } = await import('../../api/src/repos/auth');
      await createUser(k, { username: 'tqclerk', password: USER_PASSWORD, role: 'OPS', streetId: street.id, displayName: '城运中心 李娟' });
      browser = await launchProfile({ pageErrors, viewport: SIZES[0] });
      page = browser.page;
      await signIn(page, server.url, 'tqclerk', USER_PASSWORD);
    } catch (e) {
      await closeAll(browser, server);
      throw e;
    }
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('generates the 专报 of a topic from 报表 and opens it with its chart, print and downloads', async () => {
    await page.goto(`${server.url}/#/reports-archive`);
    await page.getByTestId('report-archive').waitFor(SLOW);
    await page.locator('input[name="kind"]').locator('..').click();
    await page.getByRole('option', { name: '专报', exact: true }).click();
    expect(await page.inputValue('input[name="subjectType"]')).toBe('topic');
    await page.fill('input[name="subject"]', '餐饮油烟');
    await page.fill('input[name="periodFrom"]', '2023-05-01');
    await page.fill('input[name="periodTo"]', '2023-08-31');
    await shot('archive-hotspot-form');
    await page.getByTestId('generate-report').click();
    const message = page.locator('.MuiSnackbarContent-message').first();
    await message.waitFor(SLOW);
    expect(await message.innerText()).toBe('已生成 专报 topic:餐饮油烟@2023-05-01/2023-08-31（第 1 版）');
    const row = page.getByTestId('report-archive-table').locator('tbody tr').filter({ hasText: 'topic:餐饮油烟@2023-05-01/2023-08-31' });
    await row.waitFor(SLOW);
    expect(await row.locator('td').first().innerText()).toBe('专报');
    await row.getByRole('link', { name: '查看' }).click();
    await page.waitForURL(/#\/reports-archive\/\d+$/, SLOW);
    const id = /reports-archive\/(\d+)$/.exec(page.url())![1]!;
    const doc = await checkOpened('topic', id);
    expect(doc.title).toBe('关于餐饮油烟问题的专报');
    expect(chartCount(doc)).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('opens the 专报 and the 预警单 of a 苗头预警 from the 苗头预警 board', async () => {
    const k = server.db.db;
    const h = await k.selectFrom('hotspotWarning').select(['id', 'topic', 'openedOn']).where('streetId', '=', Number(streetId)).orderBy('id').executeTakeFirstOrThrow();
    const month = String(h.openedOn).slice(0, 7);
    await page.goto(`${server.url}/#/hotspots`);
    await page.waitForFunction(() => /^\d{4}-\d{2}$/.test((document.querySelector('input[name="month"]') as HTMLInputElement | null)?.value ?? ''), undefined, SLOW);
    await page.fill('input[name="month"]', month);
    const row = page.locator(`[data-testid="hotspot-warnings"] tr[data-warning="${h.id}"]`);
    await row.waitFor(SLOW);
    await shot('hotspot-board');
    const special = await generateFrom(row.getByTestId('generate-HOTSPOT'));
    const doc = await checkOpened('hotspot', special);
    expect(doc.title).toContain(h.topic);
    await page.goBack();
    await row.waitFor(SLOW);
    const form = await generateFrom(row.getByTestId('generate-WARNING_FORM'));
    const w = await checkOpened('hotspot-form', form);
    expect(w.title).toContain('预警单');
    expect(pageErrors).toEqual([]);
  }, 420_000);

  it('opens the 预警单 of a repeat warning from the warning’s page', async () => {
    const k = server.db.db;
    const w = await k.selectFrom('warning').select(['id', 'count', 'masterTicketId']).where('streetId', '=', Number(streetId)).orderBy('id').executeTakeFirstOrThrow();
    await page.goto(`${server.url}/#/Warning/${w.id}/show`);
    const id = await generateFrom(page.getByTestId('generate-WARNING_FORM'));
    const doc = await checkOpened('warning', id);
    const facts = documentTables(doc).find((t) => t.id === 'warning-facts')!;
    const count = facts.rows.find((r) => r.item === '当日受理件数')!;
    expect(count.value).toBe(String(w.count));
    const master = await k.selectFrom('ticket').select('number').where('id', '=', w.masterTicketId).executeTakeFirstOrThrow();
    expect(await page.getByTestId('report-table-ticket-facts').innerText()).toContain(master.number);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('opens the 领导派单/督办单 from a ticket page’s button, with the 批示, the limit and the completion note', async () => {
    const k = server.db.db;
    // The demo's leader dispatch tickets carry no written 批示: the duty leader's instruction, a 督办单 and the
    // completion note, as they would have been recorded on the ticket.
    const t = await k.selectFrom('ticket').select(['id', 'number']).where('channel', '=', 'LEADER_DISPATCH').where('streetId', '=', Number(streetId)).orderBy('id').executeTakeFirstOrThrow();
    await k.updateTable('ticket').set({ leaderInstruction: '请城管中队当天到现场核查，3个工作日内办结并回复', leaderName: '王副主任', completionNote: '已于当日到场整改完毕，经回访市民表示满意。' }).where('id', '=', t.id).execute();
    await k.insertInto('leaderOrder').values({ ticketId: t.id, leaderName: '李主任', reason: '回访不满意，重新办理', issuedAt: new Date('2023-06-20T09:00:00+08:00'), dueAt: new Date('2023-06-22T09:00:00+08:00'), completedAt: new Date('2023-06-21T16:00:00+08:00'), completionNote: '已协调物业完成维修' }).execute();
    await page.goto(`${server.url}/#/Ticket/${t.id}/show`);
    const id = await generateFrom(page.getByTestId('generate-LEADER_ORDER_FORM'));
    const doc = await checkOpened('leader-order', id);
    expect(doc.title).toBe('12345市民服务热线领导派单及督办单');
    const sheet = await page.getByTestId('report-sheet').innerText();
    for (const text of [t.number, '请城管中队当天到现场核查，3个工作日内办结并回复', '王副主任', '李主任', '2023-06-22 09:00', '已协调物业完成维修', '已于当日到场整改完毕']) expect(sheet).toContain(text);
    expect(pageErrors).toEqual([]);
  }, 300_000);

  it('shows the same pages with the English interface around the Chinese document', async () => {
    expect(opened.length).toBe(5);
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    for (const { name, id, title } of opened) {
      await page.goto(`${server.url}/#/reports-archive/${id}`);
      await page.getByTestId('report-sheet').locator('h1', { hasText: title }).waitFor(SLOW);
      const toolbar = page.locator('.report-toolbar');
      await toolbar.getByText('Print').waitFor(SLOW);
      // The interface is English; the document stays the Chinese government document it is.
      const ui = await toolbar.innerText();
      expect(ui).toMatch(/Back to reports/);
      expect(ui).toMatch(/Version 1 ·/);
      expect(ui).not.toMatch(/[\u4e00-\u9fff]/);
      await shotsAtBothSizes(`${name}-en`);
    }
    await page.goto(`${server.url}/#/hotspots`);
    await page.locator('[data-testid="hotspot-warnings"], [role="alert"]').first().waitFor(SLOW);
    await shot('hotspot-board-en');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
