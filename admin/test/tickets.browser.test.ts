// Issue #15 "Tickets and the inbox" in a browser, on the DEMO database (36 streets, each with its 城管中队), as 塘桥's
// `ops` clerk: the ticket list's 状态 filter with 「全部未办结」, 批量派单 (to 塘桥's own 城管中队; all or nothing, a refusal
// naming the ticket), 导出所选; the ticket page with its facts and history visible at once and its buttons there
// with the content; 我的待办 naming each item's unit, 待办结审核 by deadline, and the menu's count without a red dot.
// The 状态 filter shows the URL's filter whenever the URL changes while the list is open (a link from 我的待办, a
// choice just made and then a link); the list keeps to a 1280×720 window (the deadline column on screen, no scrolling
// box: rows open on a click, checkboxes select); 我的待办's titles in English.
// Chinese and English at 1440×900 and 1280×720. Screenshots: test-results/screenshots/tickets-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, apiClient, browserSkipReason, closeAll, launchProfile, resetShots, screenshots, signIn, startApi } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('tickets');

let server: ApiServer;
let profile: Profile;
let page: Page;
let admin: Gql;
let ops: Gql;
let tq: string;
const units: Record<string, string> = {};
const ids: Record<string, string> = {};
const pageErrors: string[] = [];
const shot = screenshots('tickets', { fullPage: false });
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }];
const OPEN = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'];

async function atBothSizes(name: string, ready: () => Promise<unknown> = async () => undefined) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await ready();
    await shot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]!);
}

async function toLanguage(from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
}

const ticketOf = async (id: string) =>
  (await admin(`query($id: ID!) { Ticket(id: $id) { id number status version unitId unit { name streetId } } }`, { id })).Ticket;

/** A row of the list by its ticket number. */
const row = (number: string) => page.locator('tbody tr').filter({ hasText: number });

describe.skipIf(!!skipReason)('tickets and the inbox (issue #15), in a browser', () => {
  beforeAll(async () => {
    resetShots('tickets');
    server = await startApi('demo');
    admin = await apiClient(server.url);
    ops = await apiClient(server.url, 'ops', ADMIN_PASSWORD);
    const { allStreets } = await admin(`{ allStreets(perPage: 100, sortField: "id", sortOrder: "ASC") { id name } }`);
    tq = allStreets.find((s: any) => s.name === '塘桥街道').id;
    const { allUnits } = await admin(`query($s: ID) { allUnits(filter: { streetId: $s }, perPage: 100) { id name } }`, { s: tq });
    for (const u of allUnits) units[u.name] = u.id;
    expect(units['城管中队']).toBeTruthy();
    // More than one street has a 城管中队: the dialog must offer 塘桥's only.
    const { _allUnitsMeta } = await admin(`{ _allUnitsMeta(filter: { q: "城管中队" }) { count } }`);
    expect(_allUnitsMeta.count).toBeGreaterThan(1);
    const now = Date.now();
    for (const [i, n] of ['BULK-001', 'BULK-002', 'BULK-003', 'BULK-004'].entries()) {
      const { createTicket } = await admin(
        `mutation($n: String!, $s: ID!, $r: DateTime!) { createTicket(number: $n, streetId: $s, category: COMPLAINT, receivedAt: $r, topic: "噪声",
          address: "塘桥新路 100 号", content: "市民反映夜间施工噪声扰民，要求核实处理。", citizenName: "王先生", citizenPhone: "13812341234") { id } }`,
        { n, s: tq, r: new Date(now - (i + 1) * 60_000).toISOString() },
      );
      ids[n] = createTicket.id;
    }
    // Two submissions waiting for the audit: the one submitted later is due first.
    const k = server.db.db;
    const submitted = async (number: string, unitId: string, submittedAt: Date, completionDue: Date) =>
      String((await k.insertInto('ticket').values({
        number, streetId: Number(tq), unitId: Number(unitId), category: 'COMPLAINT', topic: '垃圾清运', status: 'SUBMITTED',
        receivedAt: new Date(now - 3 * 86_400_000), dispatchedAt: new Date(now - 3 * 86_400_000), acceptedAt: new Date(now - 3 * 86_400_000),
        firstContactAt: new Date(now - 3 * 86_400_000), firstContactDue: new Date(now - 2 * 86_400_000), completionDue, submittedAt,
        factFinding: 'TRUE', resolution: 'ACTUALLY_RESOLVED', factBasis: '现场核实', demand: '清运', replyText: '已清运',
      } as any).returning('id').executeTakeFirstOrThrow()).id);
    const otherUnit = Object.entries(units).find(([name]) => name !== '城管中队')![0];
    units.other = units[otherUnit]!;
    units.otherName = otherUnit;
    ids.auditLate = await submitted('AUDIT-LATE', units['城管中队']!, new Date(now - 2 * 86_400_000), new Date('2020-01-02T10:00:00+08:00'));
    ids.auditSoon = await submitted('AUDIT-SOON', units.other!, new Date(now - 3_600_000), new Date('2020-01-01T10:00:00+08:00'));
    profile = await launchProfile({ pageErrors });
    page = profile.page;
    await signIn(page, server.url, 'ops', ADMIN_PASSWORD);
  }, 900_000);

  afterAll(() => closeAll(profile, server));

  it('filters by several states, and 「全部未办结」 stands for every open state', async () => {
    await page.goto(`${server.url}/#/Ticket`);
    await row('BULK-001').waitFor();
    const filter = page.getByTestId('statuses-filter');
    await filter.getByRole('combobox').click();
    await page.getByRole('option', { name: '全部未办结' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    // The URL carries the real states; the chip reads 全部未办结.
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"statuses":["RECEIVED"'));
    await expect.poll(() => filter.innerText(), { timeout: 15_000 }).toContain('全部未办结');
    const { _allTicketsMeta: open } = await ops(`query($s: [TicketStatus!]) { _allTicketsMeta(filter: { statuses: $s }) { count } }`, { s: OPEN });
    const { _allTicketsMeta: all } = await ops(`{ _allTicketsMeta { count } }`);
    expect(open.count).toBeLessThan(all.count);
    await row('BULK-001').waitFor();
    await expect.poll(() => page.locator('tbody tr .MuiChip-label').allInnerTexts(), { timeout: 15_000 }).not.toContain('已办结');
    await atBothSizes('01-list-open', () => row('BULK-001').waitFor());

    // Add 已办结 as well: a second chip beside 全部未办结.
    await filter.getByRole('combobox').click();
    await page.getByRole('option', { name: '已办结' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"CLOSED"'));
    await expect.poll(() => filter.innerText(), { timeout: 15_000 }).toMatch(/全部未办结[\s\S]*已办结/);
    // Only 待审核 (SUBMITTED), the way 我的待办's link opens it: the list stays open, the filter follows the URL.
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: ['SUBMITTED'] }))}`);
    await row('AUDIT-SOON').waitFor();
    await expect.poll(() => page.getByTestId('statuses-filter').innerText()).toContain('待审核');
    expect(await page.getByTestId('statuses-filter').innerText()).not.toContain('全部未办结');
    expect(await row('BULK-001').count()).toBe(0);
  }, 120_000);

  it('shows the URL’s status filter when the URL changes while the list is open', async () => {
    const filter = page.getByTestId('statuses-filter');
    const chips = () => filter.locator('.MuiChip-label').allInnerTexts();
    const shows = (want: string[]) => expect.poll(chips, { timeout: 15_000 }).toEqual(want);
    const listUrl = (statuses: string[]) => `${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses }))}`;
    const pick = async (name: string) => {
      await filter.getByRole('combobox').click();
      await page.getByRole('option', { name }).click();
      await page.keyboard.press('Escape');
      await page.getByRole('listbox').waitFor({ state: 'detached' });
    };
    await page.goto(listUrl(['RECEIVED']));
    await row('BULK-001').waitFor();
    await shows(['已受理']);
    // A choice, then at once a link to another filter (nothing pending may overwrite it).
    await pick('已签收');
    await page.goto(listUrl(['SUBMITTED']));
    await row('AUDIT-SOON').waitFor();
    await page.waitForTimeout(1500); // longer than the filter form's debounce
    await shows(['待审核']);
    expect(decodeURIComponent(await page.evaluate(() => location.hash))).toContain('{"statuses":["SUBMITTED"]}');
    expect(await row('BULK-001').count()).toBe(0);
    // 全部未办结 chosen, then the browser's back button: the previous filter again.
    await pick('全部未办结');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"statuses":["RECEIVED","DISPATCHED"'));
    await shows(['全部未办结']);
    await page.goBack();
    await shows(['待审核']);
    // Two quick clicks in the open menu add up (the second before the list has drawn the first).
    await filter.getByRole('combobox').click();
    await page.getByRole('option', { name: '已受理' }).click();
    await page.getByRole('option', { name: '已派单' }).click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('"statuses":["SUBMITTED","RECEIVED","DISPATCHED"]'));
    await shows(['待审核', '已受理', '已派单']);
    // From 我的待办's 待办结审核 "see all" while the list had 全部未办结.
    await page.goto(listUrl(OPEN));
    await shows(['全部未办结']);
    await page.goto(`${server.url}/#/my-work`);
    await page.locator('[data-section="toAudit"]').getByRole('link', { name: /查看全部/ }).click();
    await row('AUDIT-SOON').waitFor();
    await shows(['待审核']);
    await atBothSizes('01b-list-from-my-work', () => row('AUDIT-SOON').waitFor());
  }, 120_000);

  it('keeps the list to a 1280×720 window: the deadline column on screen, rows open, checkboxes select', async () => {
    await page.setViewportSize(SIZES[1]!);
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: OPEN }))}`);
    await row('BULK-001').waitFor();
    const fits = async () => page.evaluate(() => {
      const table = document.querySelector('.RaLayout-content table')!;
      const last = table.querySelector('thead th:last-child')!.getBoundingClientRect();
      return { page: document.documentElement.scrollWidth, table: Math.round(table.getBoundingClientRect().right), last: Math.round(last.right), width: innerWidth };
    });
    await expect.poll(async () => { const f = await fits(); return f.page <= f.width && f.table <= f.width && f.last <= f.width; }, { timeout: 15_000 }).toBe(true);
    // The deadline badge column is the last one, headed 办结时限, and every open row's badge is whole and on screen.
    expect(await page.locator('thead th').last().innerText()).toContain('办结时限');
    for (const badge of await page.getByTestId('due-badge').all()) {
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(SIZES[1]!.width);
    }
    // 类型 joins 诉求主题; a cut unit name keeps the whole one in its title.
    expect(await row('AUDIT-SOON').getByTestId('topic-category').innerText()).toBe('垃圾清运 · 投诉');
    expect(await row('AUDIT-SOON').getByTitle(String(units.otherName)).count()).toBe(1);
    await shot(page, '15-list-1280-fits');
    // A checkbox selects (the bulk toolbar appears), a click elsewhere on the row opens the ticket.
    await row('BULK-003').getByRole('checkbox').check();
    await page.getByTestId('bulk-dispatch').waitFor();
    await shot(page, '16-list-1280-selected');
    await row('BULK-003').getByRole('checkbox').uncheck();
    await row('BULK-003').locator('td').nth(3).click();
    await page.waitForFunction((id) => location.hash.startsWith(`#/Ticket/${id}/show`), ids['BULK-003']);
    await page.getByTestId('ticket-summary').waitFor();
    await page.setViewportSize(SIZES[0]!);
  }, 120_000);

  it('dispatches the selected tickets to 塘桥’s 城管中队 at once (批量派单)', async () => {
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: ['RECEIVED'] }))}`);
    await row('BULK-001').waitFor();
    for (const n of ['BULK-001', 'BULK-002']) await row(n).getByRole('checkbox').check();
    await page.getByTestId('bulk-dispatch').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bulk-numbers').filter({ hasText: 'BULK-002' }).waitFor();
    const unit = dialog.getByLabel('承办单位');
    await unit.click();
    // Only 塘桥's units are offered: exactly one 城管中队.
    await expect.poll(() => page.getByRole('option', { name: /^城管中队/ }).count()).toBe(1);
    await page.getByRole('option', { name: /^城管中队/ }).click();
    await dialog.getByRole('button', { name: /确认 → 城管中队/ }).waitFor();
    await atBothSizes('02-bulk-dispatch-dialog');
    await dialog.getByRole('button', { name: /确认/ }).click();
    await page.getByText('已派单：2 张工单派给城管中队').waitFor();
    await dialog.waitFor({ state: 'detached' });
    for (const n of ['BULK-001', 'BULK-002']) {
      const t = await ticketOf(ids[n]!);
      expect(t).toMatchObject({ status: 'DISPATCHED', unitId: units['城管中队'], unit: { name: '城管中队', streetId: tq } });
    }
    // The list (filtered to 已受理) no longer shows them.
    await expect.poll(() => row('BULK-001').count()).toBe(0);
    await shot(page, '03-after-bulk-dispatch');
  }, 120_000);

  it('dispatches none when one cannot go, and says which one (all or nothing)', async () => {
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: ['RECEIVED'] }))}`);
    await row('BULK-003').waitFor();
    for (const n of ['BULK-003', 'BULK-004']) await row(n).getByRole('checkbox').check();
    await page.getByTestId('bulk-dispatch').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bulk-numbers').filter({ hasText: 'BULK-004' }).waitFor();
    const unit = dialog.getByLabel('承办单位');
    await unit.click();
    await page.getByRole('option', { name: /^城管中队/ }).click();
    await dialog.getByRole('button', { name: /确认 → 城管中队/ }).waitFor();
    // Meanwhile another clerk dispatches BULK-004.
    const t4 = await ticketOf(ids['BULK-004']!);
    await ops(`mutation($id: ID!, $v: Int!, $u: ID!) { dispatchTicket(id: $id, version: $v, unitId: $u) { id } }`, { id: t4.id, v: t4.version, u: units.other });
    // The dialog hears of the change (the live stream refreshes its rows) and names the ticket before anything is
    // sent; had the confirm gone out first, the API refuses them all, naming BULK-004 (api/test/workflow/ticket-bulk.test.ts).
    const confirm = dialog.getByRole('button', { name: /确认/ });
    await Promise.race([
      dialog.getByTestId('bulk-not-received').filter({ hasText: 'BULK-004' }).waitFor(),
      confirm.click({ timeout: 5_000 }).then(() => page.getByText(/工单 BULK-004不能派单：.*全部未派单/).waitFor()),
    ]);
    await shot(page, '04-bulk-dispatch-refused');
    expect((await ticketOf(ids['BULK-003']!)).status).toBe('RECEIVED');
    expect((await ticketOf(ids['BULK-004']!)).unitId).toBe(units.other);
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 120_000);

  it('exports the selected tickets (导出所选)', async () => {
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: OPEN }))}`);
    await row('BULK-003').waitFor();
    await row('BULK-003').getByRole('checkbox').check();
    await row('BULK-001').getByRole('checkbox').check();
    await shot(page, '05-bulk-toolbar');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出所选' }).click()]);
    const file = await download.path();
    const text = (await import('node:fs')).readFileSync(file!, 'utf8');
    expect(text).toContain('BULK-003');
    expect(text).toContain('BULK-001');
    expect(text).not.toContain('BULK-002');
  }, 60_000);

  it('shows the ticket’s facts, history and buttons at once, without a tab', async () => {
    await page.goto(`${server.url}/#/Ticket?filter=${encodeURIComponent(JSON.stringify({ statuses: ['RECEIVED'] }))}`);
    await row('BULK-003').waitFor();
    // What is on screen when the facts first appear (opened from the list, whose rows react-admin caches).
    await page.evaluate(() => {
      const w = window as unknown as { firstSeen?: { actions: boolean; history: boolean } };
      delete w.firstSeen;
      const o = new MutationObserver(() => {
        if (w.firstSeen || !document.querySelector('[data-testid="ticket-summary"]')) return;
        w.firstSeen = {
          actions: !!document.querySelector('[data-testid="ticket-actions"] button'),
          history: !!document.querySelector('[data-testid="ticket-history"] [data-sentence]'),
        };
        o.disconnect();
      });
      o.observe(document.body, { subtree: true, childList: true });
    });
    await row('BULK-003').click();
    await page.getByTestId('ticket-summary').waitFor();
    expect(await page.evaluate(() => (window as any).firstSeen)).toEqual({ actions: true, history: true });
    await page.getByRole('button', { name: '派单', exact: true }).waitFor();
    // The history is visible without a click; the facts a clerk acts on are on the page.
    expect(await page.getByTestId('ticket-history').isVisible()).toBe(true);
    expect(await page.getByTestId('ticket-summary').innerText()).toMatch(/噪声[\s\S]*塘桥新路[\s\S]*夜间施工噪声扰民/);
    await atBothSizes('06-ticket-received');

    // A worked ticket: the history beside the facts, the rest in tabs.
    await page.goto(`${server.url}/#/Ticket/${ids['BULK-001']}/show`);
    await page.getByTestId('ticket-history').locator('[data-sentence]').first().waitFor();
    await expect.poll(() => page.getByTestId('ticket-history').innerText()).toContain('城管中队');
    await atBothSizes('07-ticket-dispatched');
    await page.getByRole('tab', { name: '重复件' }).click();
    await page.getByRole('tab', { name: '回访记录' }).click();
    await shot(page, '08-ticket-tabs');

    // A closed demo ticket with a longer history.
    const { allTickets } = await ops(`{ allTickets(filter: { statuses: [CLOSED] }, perPage: 1, sortField: "receivedAt", sortOrder: "DESC") { id } }`);
    await page.goto(`${server.url}/#/Ticket/${allTickets[0].id}/show`);
    await page.getByTestId('ticket-history').locator('[data-sentence]').first().waitFor();
    await atBothSizes('09-ticket-closed');
  }, 120_000);

  it('我的待办: each item names its unit, 待办结审核 comes by deadline, the menu shows a count and no dot', async () => {
    await page.goto(`${server.url}/#/my-work`);
    const audit = page.locator('[data-section="toAudit"]');
    await audit.getByText('AUDIT-SOON').waitFor();
    const items = audit.locator('[data-item]');
    const texts = await items.allInnerTexts();
    const soon = texts.findIndex((t) => t.includes('AUDIT-SOON'));
    const late = texts.findIndex((t) => t.includes('AUDIT-LATE'));
    expect(soon).toBe(0); // due first, though submitted last
    expect(late).toBe(1);
    expect(texts[soon]).toContain(String(units.otherName));
    expect(texts[late]).toContain('城管中队');
    const dues = texts.map((t) => /(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(t)?.[1] ?? '');
    expect(dues).toEqual([...dues].sort());
    // Every ticket item of every section names its unit (未派单 before it has one).
    const unitTexts = await page.locator('[data-item^="Ticket-"] [data-unit]').allInnerTexts();
    expect(unitTexts.length).toBe(await page.locator('[data-item^="Ticket-"]').count());
    await expect.poll(async () => (await page.locator('[data-item] [data-unit]').allInnerTexts()).filter((t) => t === '…').length).toBe(0);
    // The menu: 我的待办 with its count, and no red dot on the icon.
    const entry = page.locator('.RaMenuItemLink-root, a').filter({ hasText: '我的待办' }).first();
    await entry.locator('[data-count]').waitFor();
    expect(await entry.locator('.MuiBadge-dot').count()).toBe(0);
    await atBothSizes('10-my-work');
  }, 120_000);

  it('reads the same in English', async () => {
    await toLanguage(/中文/, 'English');
    await page.locator('[data-section="toAudit"]').getByText('AUDIT-SOON').waitFor();
    // Titles the API words in Chinese (a warning's 黄色 · … 件) read in English, from their parts.
    const warning = page.locator('[data-section="newWarnings"] [data-item] [data-title]').first();
    if (await warning.count()) await expect.poll(() => warning.innerText()).toMatch(/^(Red|Yellow) · \d{4}-\d{2}-\d{2} · \d+ tickets/);
    const titles = await page.locator('[data-title]').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t, t).not.toMatch(/已逾期|整改期限|帮扶至|未定结束日期|红色|黄色|\d 件|拖延接单|已生成|尚未录入/);
    await atBothSizes('11-my-work-en');
    await page.goto(`${server.url}/#/Ticket`);
    await page.getByRole('columnheader', { name: 'Ticket number' }).waitFor();
    const filter = page.getByTestId('statuses-filter');
    await filter.getByRole('combobox').click();
    await page.getByRole('option', { name: 'All open' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await row('BULK-003').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Dispatch selected' }).waitFor();
    await atBothSizes('12-list-en');
    // English labels are longer: the list still keeps to 1280×720.
    await page.setViewportSize(SIZES[1]!);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth
      && document.querySelector('.RaLayout-content table thead th:last-child')!.getBoundingClientRect().right <= innerWidth), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('thead th').last().innerText()).toContain('Completion due');
    await page.setViewportSize(SIZES[0]!);
    await page.getByTestId('bulk-dispatch').click();
    await page.getByRole('dialog').getByTestId('bulk-numbers').filter({ hasText: 'BULK-003' }).waitFor();
    await atBothSizes('13-bulk-dispatch-en');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.goto(`${server.url}/#/Ticket/${ids['BULK-001']}/show`);
    await page.getByTestId('ticket-history').locator('[data-sentence]').first().waitFor();
    await page.getByRole('tab', { name: 'History' }).waitFor();
    await atBothSizes('14-ticket-en');
    await toLanguage(/English/, '中文');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
