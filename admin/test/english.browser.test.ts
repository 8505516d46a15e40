// The admin in English on the demo street (issue #15), as the operations center (城运中心), a street leader and a unit
// handler, at 1440×900 and 1280×720: the dashboard, the ticket list, a ticket's history, 我的待办, the ranking, the
// sheets and the warning pages. The UI chrome — headers, labels, buttons, tabs, menu items, badges, history sentence
// templates, 我的待办's item titles — holds no Chinese once the data in it (unit, street and people's names, ticket
// texts, topics, a decision's or task's text) is taken out, and no badge is cut (its label's scrollWidth ≤
// clientWidth). Screenshots: test-results/screenshots/english-*.png.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { USER_PASSWORD, apiClient, browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, waitForAnswered } from './helpers/browser';
import type { ApiServer, Gql, Viewport } from './helpers/browser';

const skipReason = browserSkipReason('english');
const SIZES: Viewport[] = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }];
/** Chinese characters and the full-width punctuation (：，（）。「」、；) an English sentence must not carry. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** What counts as chrome: texts the app writes, not the data it shows. */
const CHROME = [
  'th', 'label', 'legend', 'button', '[role="tab"]', '[role="menuitem"]', '.RaMenuItemLink-root', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  '.MuiCardHeader-title', '.MuiChip-label', '.MuiToolbar-root .MuiTypography-root', '[data-sentence]', '[data-audit-line]',
  'svg text', // the charts' axes, targets and legends
  '[data-title]', // 我的待办's item titles, worded by the app from the API's parts
].join(',');
/** A status or kind code left untranslated in a history sentence (RECEIVED, COMPLETION, …). */
const CODE = /\b[A-Z][A-Z_]{3,}\b/;

let server: ApiServer;
let browser: Browser;
let gql: Gql;
const pageErrors: string[] = [];
const ids: { street?: string; unit?: string; overdue?: string; history?: string } = {};
/** Data shown inside chrome (names in headings, sentences and chips), longest first: removed before looking for Chinese. */
let data: string[] = [];

const takeShot = screenshots('english');

/** Every string value in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    out.push(v);
    try {
      const parsed = JSON.parse(v);
      if (parsed && typeof parsed === 'object') strings(parsed, out);
    } catch { /* not JSON */ }
  } else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** `split`: each word of a value is data too (names listed with their unit); not for a history's actor labels, where
 *  「城运中心 王敏」 is a person but 「12345平台」 or 「市热线回访」 are the app's own words, to be translated. */
function addData(values: string[], { split = true } = {}) {
  const set = new Set(data);
  for (const v of values) for (const s of split ? [v, ...v.split(/\s+/)] : [v]) if (s && CJK.test(s)) set.add(s.trim());
  data = [...set].filter(Boolean).sort((a, b) => b.length - a.length);
}

/** Every row of a list, 100 to a page (the API's most). */
async function all(resource: string, fields: string, filter: Record<string, unknown> = {}): Promise<any[]> {
  const rows: any[] = [];
  for (let page = 0; ; page++) {
    const got = (await gql(`query($p: Int, $f: ${resource.slice(0, -1)}Filter) { all${resource}(page: $p, perPage: 100, sortField: "id", sortOrder: "ASC", filter: $f) { ${fields} } }`, { p: page, f: filter }))[`all${resource}`];
    rows.push(...got);
    if (got.length < 100) return rows;
  }
}

async function seed() {
  gql = await apiClient(server.url);
  const { allStreets, allDistricts } = await gql(`{ allStreets(perPage: 100, sortField: "id", sortOrder: "ASC") { id name } allDistricts(perPage: 100) { name } }`);
  expect(allStreets[0].name).toBe('塘桥街道');
  ids.street = allStreets[0].id;
  addData(strings([allStreets, allDistricts, await all('Units', 'name'), await all('Topics', 'name')]));
  // The most overdue open ticket: its badge has the longest text; its unit's handler walks the app too.
  const open = (await all('Tickets', 'id status unitId completionWorkingMinutesLeft', { streetId: ids.street }))
    .filter((t: any) => typeof t.completionWorkingMinutesLeft === 'number' && t.unitId)
    .sort((a: any, b: any) => a.completionWorkingMinutesLeft - b.completionWorkingMinutesLeft);
  expect(open.length).toBeGreaterThan(0);
  ids.overdue = open[0].id;
  ids.unit = open[0].unitId;
  // The ticket with the richest history (most kinds of events) among the street's first tickets.
  const { allTickets: withEvents } = await gql(`query($s: ID) { allTickets(perPage: 100, sortField: "id", sortOrder: "ASC", filter: { streetId: $s }) { id events { kind } } }`, { s: ids.street });
  const kinds = (t: any) => new Set(t.events.map((e: any) => e.kind)).size;
  ids.history = [...withEvents].sort((a: any, b: any) => kinds(b) - kinds(a))[0].id;
  const users: Array<[string, string, string, string | null, string | null]> = [
    ['en-ops', 'OPS', '城运中心 王敏', null, null],
    ['en-leader', 'LEADER', '分管领导 周建国', null, 'DEPUTY'],
    ['en-handler', 'UNIT_HANDLER', '承办人 张伟', ids.unit!, null],
  ];
  for (const [username, role, displayName, unitId, rank] of users) {
    await gql(
      `mutation($u: String!, $p: String!, $r: Role!, $n: String, $unit: ID, $rank: LeaderRank, $s: ID) { createUser(username: $u, password: $p, role: $r, displayName: $n, unitId: $unit, leaderRank: $rank, streetId: $s) { id } }`,
      { u: username, p: USER_PASSWORD, r: role, n: displayName, unit: unitId, rank, s: ids.street },
    );
  }
  addData(strings(await all('Users', 'displayName username')));
  // What 我的待办's titles quote: names, topics, places, a decision's or task's text, a quota's indicator; a ticket's
  // topic or a request's reason (an item without parts) is its title.
  for (const [username] of users) {
    const as = await apiClient(server.url, username, USER_PASSWORD);
    const { myWork } = await as(`{ myWork(limit: 10) { items { title parts { unitName streetName topic place text } } } }`);
    const items = myWork.flatMap((s: any) => s.items);
    addData(strings(items.map((i: any) => (i.parts ? i.parts : i.title))), { split: false });
  }
}

/** The ticket's own texts and everything its history quotes (names, values, notes). */
async function addTicketData(id: string) {
  const { Ticket: t } = await gql(`query($id: ID!) { Ticket(id: $id) { number topic content demand address citizenName committeeName completionNote factBasis
    events { actorLabel actorName before after note } } }`, { id });
  const { events, ...fields } = t;
  addData(strings([fields, events.map((e: any) => [e.before, e.after, e.note])]));
  addData(events.flatMap((e: any) => [e.actorName, e.actorLabel]).filter((a: string | null) => a && /\s/.test(a)), { split: false });
}

/** Chinese left in the chrome once the data is taken out, and cut badges: one line per finding. */
async function findings(page: Page, where: string): Promise<string[]> {
  const found = await page.evaluate(({ selector, cjk, code, names }) => {
    const re = new RegExp(cjk);
    const codeRe = new RegExp(code);
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const out: string[] = [];
    const seen = new Set<string>();
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el)) continue;
      // The language switch names each language in its own tongue.
      if (el.closest('[data-testid="language-switch"], .RaLocalesMenuButton') || /^(中文|English)$/.test((el.textContent ?? '').trim())) continue;
      let text = ((el as HTMLElement).innerText ?? el.textContent ?? '').trim();
      for (const n of names) if (text.includes(n)) text = text.split(n).join(' ');
      if (el.matches('[data-sentence]') && codeRe.test(text)) out.push(`code in a history sentence: ${text.slice(0, 160)}`);
      if (re.test(text) && !seen.has(text)) {
        seen.add(text);
        out.push(`Chinese in <${el.tagName.toLowerCase()} class="${String((el as HTMLElement).className).slice(0, 40)}">: ${((el as HTMLElement).innerText ?? '').trim().slice(0, 160)}`);
      }
    }
    for (const el of document.querySelectorAll('.MuiChip-label')) {
      if (!visible(el)) continue;
      if (el.scrollWidth > el.clientWidth + 0.5) out.push(`cut badge: "${(el as HTMLElement).innerText}" (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  }, { selector: CHROME, cjk: CJK.source, code: CODE.source, names: data });
  return found.map((f) => `${where}: ${f}`);
}

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: /中文/ }).click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('button', { name: /English/ }).waitFor();
}

/** Opens `hash`, waits for `ready`, and at both sizes looks for Chinese and cut badges and takes a picture. */
async function visit(page: Page, who: string, name: string, hash: string, ready: (p: Page) => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.goto(`${server.url}/#/${hash}`);
    await ready(page);
    await waitForAnswered(page, 60_000);
    await page.waitForTimeout(500);
    out.push(...(await findings(page, `${who} ${name} ${size.width}×${size.height}`)));
    await takeShot(page, `${who}-${name}-${size.width}`);
  }
  return out;
}

const content = (p: Page) => p.locator('.RaLayout-content').first().waitFor();
const table = (p: Page) => p.locator('.RaLayout-content table, .RaLayout-content .MuiTable-root').first().waitFor({ timeout: 90_000 });
const history = (p: Page) => p.getByTestId('ticket-history').locator('[data-sentence]').first().waitFor({ timeout: 90_000 });

async function openHistory(page: Page) {
  const tab = page.getByRole('tab', { name: /History/i });
  if (await tab.count()) await tab.first().click();
  await history(page);
}

describe.skipIf(!!skipReason)('the admin in English (demo street)', () => {
  beforeAll(async () => {
    resetShots('english');
    server = await startApi('demo', { ownDist: path.join(os.tmpdir(), 'rexian-english-dist') });
    await seed();
    browser = await launchBrowser();
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('as the operations center: no Chinese in the chrome, no badge cut', async () => {
    const page = await signInAs(browser, server.url, 'en-ops', { pageErrors });
    page.setDefaultTimeout(60_000);
    await toEnglish(page);
    await addTicketData(ids.history!);
    await addTicketData(ids.overdue!);
    const found: string[] = [];
    found.push(...(await visit(page, 'ops', 'dashboard', '', content)));
    found.push(...(await visit(page, 'ops', 'tickets', 'Ticket', (p) => p.getByRole('columnheader', { name: 'Ticket number' }).waitFor({ timeout: 90_000 }))));
    // The longest badge is short ("Overdue 725 wd"), its tooltip the full wording and the deadline.
    const badge = page.getByTestId('due-badge').filter({ hasText: /^Overdue/ }).first();
    expect(await badge.innerText()).toMatch(/^Overdue \d+ wd( \d+ h)?$/);
    await badge.hover();
    expect(await page.getByRole('tooltip').innerText()).toMatch(/^Overdue \d+ working days?( \d+ h)?\s+Completion due: \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.mouse.move(0, 0);
    found.push(...(await visit(page, 'ops', 'ticket-overdue', `Ticket/${ids.overdue}/show`, content)));
    found.push(...(await visit(page, 'ops', 'ticket-history', `Ticket/${ids.history}/show`, openHistory)));
    found.push(...(await visit(page, 'ops', 'my-work', 'my-work', content)));
    found.push(...(await visit(page, 'ops', 'ranking', 'ranking', table)));
    found.push(...(await visit(page, 'ops', 'sheet-negative', 'sheets/negative', content)));
    found.push(...(await visit(page, 'ops', 'sheet-quota', 'sheets/quota', content)));
    found.push(...(await visit(page, 'ops', 'hotspots', 'hotspots', content)));
    found.push(...(await visit(page, 'ops', 'forecast', 'season-forecast', content)));
    found.push(...(await visit(page, 'ops', 'warnings', 'Warning', content)));
    expect(found).toEqual([]);
  }, 900_000);

  it('as a street leader: no Chinese in the chrome, no badge cut', async () => {
    const page = await signInAs(browser, server.url, 'en-leader', { pageErrors });
    page.setDefaultTimeout(60_000);
    await toEnglish(page);
    const found: string[] = [];
    found.push(...(await visit(page, 'leader', 'dashboard', '', content)));
    found.push(...(await visit(page, 'leader', 'my-work', 'my-work', content)));
    found.push(...(await visit(page, 'leader', 'approvals', 'approvals', content)));
    found.push(...(await visit(page, 'leader', 'ranking', 'ranking', table)));
    found.push(...(await visit(page, 'leader', 'ticket-history', `Ticket/${ids.history}/show`, openHistory)));
    expect(found).toEqual([]);
  }, 900_000);

  it('as a unit handler: no Chinese in the chrome, no badge cut', async () => {
    const page = await signInAs(browser, server.url, 'en-handler', { pageErrors });
    page.setDefaultTimeout(60_000);
    await toEnglish(page);
    const found: string[] = [];
    found.push(...(await visit(page, 'handler', 'dashboard', '', content)));
    found.push(...(await visit(page, 'handler', 'my-work', 'my-work', content)));
    found.push(...(await visit(page, 'handler', 'tickets', 'Ticket', (p) => p.getByRole('columnheader', { name: 'Ticket number' }).waitFor({ timeout: 90_000 }))));
    found.push(...(await visit(page, 'handler', 'ticket-overdue', `Ticket/${ids.overdue}/show`, openHistory)));
    expect(found).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 900_000);
});
