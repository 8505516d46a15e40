// Browser test of the month, date, week, year and date-time fields (issue #15): text fields holding 2023-06,
// 2023-06-15, 2023-W24, 2023 and 2023-06-15 09:30 whatever the language (the native inputs read "June 2023" or
// mm/dd/yyyy in Chinese mode), a calendar in the app's language that loads when opened, picking and typing both
// changing the page — on the report pages, a register form and a list filter, a date-time on an edit form, the
// 报表 week and year, a meeting decision's due date and the 暗访 dialog — and what is saved checked through the API.
// Text that is no value is refused naming the field. Screenshots: test-results/screenshots/pickers-*.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ADMIN_PASSWORD, ROOT, apiClient, browserSkipReason, closeAll, launchProfile, resetShots, screenshots, signIn, startApi, waitForAnswered, waitForDefaultMonth } from './helpers/browser';
import type { ApiServer, Gql, Profile } from './helpers/browser';

const skipReason = browserSkipReason('pickers');
/** Its own build of the admin: other suites rebuilding admin/dist meanwhile must not swap chunks under this one. */
const DIST = path.join(ROOT, 'test-results', 'pickers-dist');
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }];
const ENGLISH_MONTHS = /January|February|March|April|June|July|August|September|October|November|December/;

let server: ApiServer;
let browser: Profile;
let page: Page;
let gql: Gql;
let streetId: string;
const pageErrors: string[] = [];
const takeShot = screenshots('pickers', { fullPage: false });

const month = () => page.locator('input[name="month"]');
const monthCalendar = () => page.locator('[data-picker-calendar="month"]');
const dateCalendar = () => page.locator('[data-picker-calendar="date"]');
const heading = (m: string) => page.getByText(`塘桥街道 ${m} 四项重点指标`);

async function shotBoth(name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await takeShot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]!);
  // An open calendar's popper moves to its new place on the page's resize event, a frame or more after the resize:
  // a click aimed before it moved lands beside the day (seen under load in CI). Wait for the event and two frames.
  await page.waitForFunction((w) => window.innerWidth === w, SIZES[0]!.width);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** expect.poll with room for a loaded machine (its own default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
/** A day of the calendar open in `calendar`. */
const dayCell = (calendar: Locator, day: number) => calendar.getByRole('gridcell', { name: String(day), exact: true });
const saveButton = () => page.getByRole('button', { name: '保存' }).first();
/** Shanghai wall time of an instant, as the fields show it. */
const wallTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Waits for the notifications on screen to go (they hide after 4 s), so that the next one shows by itself: they
 *  queue one at a time, and one raised while another is being closed by a click may not show at all. */
async function toastsGone() {
  await expect.poll(() => page.locator('.MuiSnackbarContent-message').count(), { timeout: 30_000 }).toBe(0);
}

/** Switches the app's language from the app bar, on any page. */
async function switchLanguage(from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
}

async function toLanguage(from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByTestId('kpi-firstContactRate').getByText(to === 'English' ? 'First contact rate' : '先行联系率').waitFor();
}

describe.skipIf(!!skipReason)('month and date fields in the app’s language', () => {
  beforeAll(async () => {
    resetShots('pickers');
    server = await startApi('demo', { ownDist: DIST });
    gql = await apiClient(server.url);
    const { allStreets } = await gql(`{ allStreets(perPage: 100, sortField: "id", sortOrder: "ASC") { id name } }`);
    expect(allStreets[0].name).toBe('塘桥街道');
    streetId = allStreets[0].id;
    browser = await launchProfile({ pageErrors });
    page = browser.page;
  }, 900_000);

  afterAll(() => closeAll(browser, server));

  it('shows the dashboard’s month as 2023-06 text, filled as the native input was', async () => {
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByText('四项重点指标').first().waitFor();
    await waitForDefaultMonth(page, '2024');
    expect(await month().getAttribute('type')).toBe('text');
    await page.fill('input[name="month"]', '2023-06');
    await heading('2023-06').waitFor();
    expect(await month().inputValue()).toBe('2023-06');
    const field = page.locator('.MuiFormControl-root', { has: month() });
    expect(await field.innerText()).not.toMatch(ENGLISH_MONTHS);
    expect(await field.innerText()).toContain('月份');
  }, 120_000);

  it('opens a calendar of Chinese months; picking one changes the page’s month', async () => {
    await page.getByTestId('month-calendar').click();
    await monthCalendar().getByTestId('picker-year').filter({ hasText: '2023年' }).waitFor();
    const text = await monthCalendar().innerText();
    expect(text).toMatch(/1月|一月/);
    expect(text).toMatch(/12月|十二月/);
    expect(text).not.toMatch(/Jan|Feb|Dec/);
    // June is the chosen month, marked as such.
    expect(await monthCalendar().locator('button[aria-checked="true"], button.Mui-selected').innerText()).toMatch(/6月|六月/);
    await shotBoth('01-month-calendar-zh');
    await monthCalendar().locator('button', { hasText: /^(5月|五月)$/ }).click();
    await heading('2023-05').waitFor();
    expect(await month().inputValue()).toBe('2023-05');
    await expect.poll(() => monthCalendar().count()).toBe(0);

    // Another year by the arrows: 2022-11.
    await page.getByTestId('month-calendar').click();
    await monthCalendar().getByRole('button', { name: '上一年' }).click();
    await monthCalendar().getByTestId('picker-year').filter({ hasText: '2022年' }).waitFor();
    await monthCalendar().locator('button', { hasText: /^(11月|十一月)$/ }).click();
    await heading('2022-11').waitFor();
  }, 120_000);

  it('takes a typed month, a loose one on Enter, and refuses a month that does not exist', async () => {
    await month().click();
    await month().press('ControlOrMeta+a');
    await page.keyboard.type('2023-05');
    await heading('2023-05').waitFor();

    await month().press('ControlOrMeta+a');
    await page.keyboard.type('2023/7');
    await month().press('Enter');
    await heading('2023-07').waitFor();
    expect(await month().inputValue()).toBe('2023-07');

    await month().press('ControlOrMeta+a');
    await page.keyboard.type('2023-13');
    await month().press('Tab');
    await page.getByText('月份格式应为 2023-06').waitFor();
    await shotBoth('02-month-invalid-zh');
    // The page stays on the last good month.
    expect(await heading('2023-07').count()).toBe(1);
    await page.fill('input[name="month"]', '2023-06');
    await heading('2023-06').waitFor();
    await expect.poll(() => page.getByText('月份格式应为 2023-06').count()).toBe(0);
  }, 120_000);

  it('in English, the calendar shows English months and the field still 2023-06', async () => {
    await toLanguage(/中文/, 'English');
    expect(await month().inputValue()).toBe('2023-06');
    await page.getByTestId('month-calendar').click();
    await monthCalendar().getByTestId('picker-year').filter({ hasText: /^2023$/ }).waitFor();
    const text = await monthCalendar().innerText();
    expect(text).toMatch(/Jan/);
    expect(text).toMatch(/Dec/);
    expect(text).not.toMatch(/月/);
    await shotBoth('03-month-calendar-en');
    await monthCalendar().locator('button', { hasText: /^Apr$/ }).click();
    await expect.poll(() => month().inputValue()).toBe('2023-04');
    await toLanguage(/English/, '中文');
    await heading('2023-04').waitFor();
  }, 120_000);

  it('a date field: ISO text, a Chinese calendar (English when switched), a picked day in the page’s address', async () => {
    await page.goto(`${server.url}/#/warning-digest`);
    const day = page.locator('input[name="day"]');
    await day.waitFor();
    expect(await day.getAttribute('type')).toBe('text');
    expect(await day.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.fill('input[name="day"]', '2023-06-15');
    await expect.poll(() => page.url()).toContain('2023-06-15');

    await page.getByTestId('day-calendar').click();
    await dateCalendar().getByText('2023年6月').waitFor();
    const text = await dateCalendar().innerText();
    expect(text).toMatch(/一[\s\S]*二[\s\S]*三/); // the weekdays, in Chinese
    expect(text).not.toMatch(ENGLISH_MONTHS);
    await shotBoth('04-date-calendar-zh');
    await dateCalendar().getByRole('gridcell', { name: '20', exact: true }).click();
    await expect.poll(() => day.inputValue()).toBe('2023-06-20');
    await expect.poll(() => page.url()).toContain('2023-06-20');

    // A day that does not exist is refused, naming the format.
    await page.fill('input[name="day"]', '2023-02-30');
    await day.press('Tab');
    await page.getByText('日期格式应为 2023-06-15').waitFor();
    expect(page.url()).toContain('2023-06-20');

    // English
    await page.getByRole('button', { name: /中文/ }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Choose a date' }).waitFor();
    await page.fill('input[name="day"]', '2023-06-20');
    await page.getByTestId('day-calendar').click();
    await dateCalendar().getByText('June 2023').waitFor();
    expect(await dateCalendar().innerText()).not.toMatch(/月/);
    await shotBoth('05-date-calendar-en');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('button', { name: '选择日期' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 180_000);
  it('a register form’s date: typed, refused naming the field, picked from the calendar, saved as 2031-03-12; its list filter', async () => {
    await page.goto(`${server.url}/#/WorkCalendarDay/create`);
    const day = page.locator('input[name="day"]');
    await day.waitFor();
    expect(await day.getAttribute('type')).toBe('text');
    await page.fill('input[name="name"]', '选择器测试');
    // A day that does not exist: the field says so and the form is not sent.
    await day.fill('2031-02-30');
    await day.press('Tab');
    await page.getByText('日期格式应为 2023-06-15').waitFor();
    await saveButton().click();
    await page.getByText('表单填写有误，请检查标红的字段').waitFor();
    expect(page.url()).toContain('/WorkCalendarDay/create');
    expect((await gql(`{ allWorkCalendarDays(filter: { name: "选择器测试" }) { id } }`)).allWorkCalendarDays).toEqual([]);

    // Typed, then another day of the month picked from the Chinese calendar.
    await day.fill('2031-03-01');
    await page.getByTestId('day-calendar').click();
    await dateCalendar().getByText('2031年3月').waitFor();
    await shotBoth('06-form-date-calendar-zh');
    await dayCell(dateCalendar(), 12).click();
    await poll(() => day.inputValue()).toBe('2031-03-12');
    await poll(() => page.getByText('日期格式应为 2023-06-15').count()).toBe(0);
    await saveButton().click();
    await page.waitForURL((u) => !u.hash.includes('/create'));
    const { allWorkCalendarDays: saved } = await gql(`{ allWorkCalendarDays(filter: { name: "选择器测试" }) { day isWorkday } }`);
    expect(saved).toEqual([{ day: '2031-03-12', isWorkday: false }]);

    // The list's day filters take typed days; a wrong one is refused and not applied.
    await page.goto(`${server.url}/#/WorkCalendarDay`);
    const from = page.locator('input[name="day_gte"]');
    await from.waitFor();
    await waitForAnswered(page);
    await from.fill('2031-03-01');
    await page.fill('input[name="day_lte"]', '2031-03-31');
    await poll(() => decodeURIComponent(page.url())).toContain('"day_lte":"2031-03-31"');
    expect(decodeURIComponent(page.url())).toContain('"day_gte":"2031-03-01"');
    await page.locator('.RaDataTable-root, .RaDatagrid-root').getByText('2031-03-12').waitFor();
    await page.fill('input[name="day_lte"]', '2031-13-01');
    await page.locator('input[name="day_lte"]').press('Tab');
    await page.getByText('日期至格式应为 2023-06-15').waitFor();
    await page.waitForTimeout(1200); // the filter form's debounce (500 ms) has passed: nothing applied
    expect(decodeURIComponent(page.url())).toContain('"day_lte":"2031-03-31"');
    await shotBoth('07-list-filter-invalid-zh');
  }, 180_000);

  it('a date-time on an edit form: shown and typed as Shanghai wall time, picked from a calendar and a clock, saved with +08:00', async () => {
    const { allCallbacks } = await gql(`{ allCallbacks(perPage: 1, sortField: "id", sortOrder: "ASC") { id calledAt } }`);
    const id = allCallbacks[0].id as string;
    const calledAt = async () => (await gql(`query($id: ID!) { Callback(id: $id) { calledAt } }`, { id })).Callback.calledAt as string;
    const field = page.locator('input[name="calledAt"]');
    const open = async () => {
      await page.goto(`${server.url}/#/Callback/${id}`);
      await field.waitFor();
      await poll(() => field.inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    };
    await open();
    expect(await field.inputValue()).toBe(wallTime(await calledAt()));

    // Typed in the old datetime-local form 2023-06-20T14:05, shown as 2023-06-20 14:05: 14:05 in Shanghai is 06:05 UTC.
    await field.fill('2023-06-20T14:05');
    await field.press('Tab');
    expect(await field.inputValue()).toBe('2023-06-20 14:05');
    await saveButton().click();
    await page.waitForURL((u) => !u.hash.endsWith(`/Callback/${id}`));
    await poll(calledAt).toBe('2023-06-20T06:05:00.000Z');

    // Picked: the 21st, 09:30, confirmed.
    await open();
    expect(await field.inputValue()).toBe('2023-06-20 14:05');
    await page.getByTestId('calledAt-calendar').click();
    const calendar = page.locator('[data-picker-calendar="datetime"]');
    await calendar.getByText('2023年6月').waitFor();
    expect(await calendar.getByTestId('picker-pending').innerText()).toBe('2023-06-20 14:05');
    await dayCell(calendar, 21).click();
    const [hours, minutes] = [calendar.locator('[role="listbox"]').nth(0), calendar.locator('[role="listbox"]').nth(1)];
    await hours.locator('[role="option"]', { hasText: /^09$/ }).click();
    await minutes.locator('[role="option"]', { hasText: /^30$/ }).click();
    await poll(() => calendar.getByTestId('picker-pending').innerText()).toBe('2023-06-21 09:30');
    expect(await calendar.innerText()).not.toMatch(ENGLISH_MONTHS);
    await shotBoth('08-datetime-calendar-zh');
    await calendar.getByRole('button', { name: '确定' }).click();
    await poll(() => calendar.count()).toBe(0);
    expect(await field.inputValue()).toBe('2023-06-21 09:30');
    await saveButton().click();
    await page.waitForURL((u) => !u.hash.endsWith(`/Callback/${id}`));
    await poll(calledAt).toBe('2023-06-21T01:30:00.000Z');

    // An hour that does not exist: refused naming the field, nothing saved.
    await open();
    await field.fill('2023-06-21 25:00');
    await field.press('Tab');
    await page.getByText('回访时间格式应为 2023-06-15 09:30').waitFor();
    await shotBoth('09-datetime-invalid-zh');
    const focused = () => field.evaluate((el) => el === document.activeElement);
    expect(await focused()).toBe(false); // Tab moved on to the next field (the calendar button is out of the Tab order)
    await saveButton().click();
    // The form refuses: the wrong field gets the focus back, the page stays, nothing is saved. (react-admin's
    // 表单填写有误 notice does not reliably follow a 已保存 notice still on screen when the form opened — seen here;
    // it does show on the register form above.)
    await poll(focused).toBe(true);
    await page.waitForTimeout(1000);
    expect(page.url()).toMatch(new RegExp(`/Callback/${id}$`));
    await page.getByText('回访时间格式应为 2023-06-15 09:30').waitFor();
    expect(await calledAt()).toBe('2023-06-21T01:30:00.000Z');

    // The list's day filter sends the start of the Shanghai day.
    await page.goto(`${server.url}/#/Callback`);
    await page.locator('input[name="calledAt_gte"]').waitFor();
    await waitForAnswered(page);
    await page.locator('input[name="calledAt_gte"]').fill('2023-06-21');
    await poll(() => decodeURIComponent(page.url())).toContain('"calledAt_gte":"2023-06-21T00:00:00+08:00"');
  }, 180_000);

  it('报表: the week reads 2023-W24 with its dates, is picked as a day of it, and the 周报 is generated for that week; the year', async () => {
    await page.goto(`${server.url}/#/reports-archive`);
    const period = page.locator('input[name="period"]');
    await period.waitFor();
    expect(await period.getAttribute('type')).toBe('text');
    expect(await period.inputValue()).toMatch(/^\d{4}-W\d{2}$/);
    await period.fill('2023-W24');
    await page.getByText('2023年第24周 · 06-12 至 06-18').waitFor();

    await page.getByTestId('period-calendar').click();
    const calendar = page.locator('[data-picker-calendar="week"]');
    await calendar.getByText('2023年6月').waitFor();
    // The week's seven days are marked; the week numbers are ISO weeks.
    expect(await calendar.locator('[data-in-week="true"]').allInnerTexts()).toEqual(['12', '13', '14', '15', '16', '17', '18']);
    expect(await calendar.innerText()).toContain('24');
    await shotBoth('10-week-calendar-zh');
    await dayCell(calendar, 21).click();
    await poll(() => period.inputValue()).toBe('2023-W25');
    await page.getByText('2023年第25周 · 06-19 至 06-25').waitFor();

    // A week that does not exist: refused, and nothing is generated.
    const weeklies = async () => (await gql(`{ allReports(perPage: 100, filter: { kind: WEEKLY }) { id period } }`)).allReports as Array<{ period: string }>;
    const before = (await weeklies()).length;
    await period.fill('2023-W60');
    await period.press('Tab');
    await page.getByText('期间格式应为 2023-W24').first().waitFor();
    await toastsGone();
    await page.getByTestId('generate-report').click();
    await page.locator('.MuiSnackbarContent-message').filter({ hasText: '期间格式应为 2023-W24' }).waitFor();
    await shotBoth('11-week-invalid-zh');
    expect((await weeklies()).length).toBe(before);
    await toastsGone();

    // Typed loosely, then generated: the archive holds the 周报 of 2023-W25.
    await period.fill('2023年第25周');
    await period.press('Enter');
    await poll(() => period.inputValue()).toBe('2023-W25');
    await page.getByTestId('generate-report').click();
    await page.locator('.MuiSnackbarContent-message').filter({ hasText: '已生成 周报 2023-W25' }).waitFor({ timeout: 240_000 });
    expect((await weeklies()).map((r) => r.period)).toContain('2023-W25');

    // 年度绩效: a year, picked from the list of years or typed.
    await page.locator('input[name="kind"]').locator('..').click();
    await page.getByRole('option', { name: '年度绩效' }).click();
    await poll(() => period.inputValue()).toMatch(/^\d{4}$/);
    await page.getByTestId('period-calendar').click();
    const years = page.locator('[data-picker-calendar="year"]');
    await years.getByRole('radio', { name: '2022' }).or(years.getByRole('button', { name: '2022', exact: true })).first().click();
    await poll(() => period.inputValue()).toBe('2022');
    await page.getByTestId('period-calendar').click();
    await years.waitFor();
    await shotBoth('12-year-calendar-zh');
    await page.keyboard.press('Escape');
    await period.fill('1999');
    await period.press('Tab');
    await page.getByText('期间应在 2000 至 2100 之间').waitFor();
    await period.fill('2023年');
    await period.press('Enter');
    await poll(() => period.inputValue()).toBe('2023');
    expect(decodeURIComponent(await page.getByRole('link', { name: '预览' }).getAttribute('href') ?? '')).toContain('kind=YEARLY&period=2023');
  }, 420_000);

  it('a meeting decision’s due date: a wrong one blocks saving, a picked one is saved', async () => {
    const { createMeeting } = await gql(`mutation($s: ID!) { createMeeting(streetId: $s, kind: WEEKLY, heldOn: "2023-06-19") { id } }`, { s: streetId });
    await page.goto(`${server.url}/#/Meeting/${createMeeting.id}`);
    await page.getByTestId('decision-add').click();
    const row = page.getByTestId('decision-row-0');
    await row.getByTestId('decision-text').fill('选择器测试：夜间联合执法');
    await row.getByTestId('decision-unit').click();
    await page.getByRole('option', { name: '城管中队' }).click();
    const due = row.getByTestId('decision-due');
    await due.fill('2023-06-31');
    await due.press('Tab');
    await page.getByText('完成期限格式应为 2023-06-15').waitFor();
    expect(await row.getByTestId('decision-save').isDisabled()).toBe(true);
    await due.fill('2023-06-25');
    await row.getByRole('button', { name: '选择日期' }).click();
    await dateCalendar().getByText('2023年6月').waitFor();
    await shotBoth('13-decision-due-calendar-zh');
    await dayCell(dateCalendar(), 28).click();
    await poll(() => due.inputValue()).toBe('2023-06-28');
    await row.getByTestId('decision-save').click();
    await row.getByTestId(/^decision-done-\d+$/).waitFor();
    const { allMeetingDecisions } = await gql(`query($m: ID) { allMeetingDecisions(filter: { meetingId: $m }) { text dueOn ownerUnitId } }`, { m: createMeeting.id });
    expect(allMeetingDecisions).toMatchObject([{ text: '选择器测试：夜间联合执法', dueOn: '2023-06-28' }]);
    expect(allMeetingDecisions[0].ownerUnitId).toBeTruthy();
  }, 120_000);

  it('暗访: the visit date in the dialog, refused when wrong, picked from the calendar and stored', async () => {
    const { drawUndercoverSample } = await gql(`mutation($s: ID!) { drawUndercoverSample(streetId: $s, month: "2023-06", seed: 7) { visits { id } } }`, { s: streetId });
    expect(drawUndercoverSample.visits.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/#/undercover`);
    await page.getByTestId('undercover-page').waitFor();
    await page.fill('input[name="month"]', '2023-06');
    const first = page.locator('[data-testid="sample-visits"] tbody tr').first();
    await first.waitFor();
    const visitId = await first.getAttribute('data-visit');
    await first.getByRole('button', { name: '登记结果' }).click();
    const dialog = page.getByRole('dialog');
    const visitedAt = dialog.locator('input[name="visitedAt"]');
    await visitedAt.waitFor();
    expect(await visitedAt.getAttribute('type')).toBe('text');
    await visitedAt.fill('2023-07-32');
    await visitedAt.press('Tab');
    await dialog.getByText('暗访日期格式应为 2023-06-15').waitFor();
    expect(await dialog.getByTestId('record-save').isDisabled()).toBe(true);
    await visitedAt.fill('2023-07-10');
    await page.getByTestId('visitedAt-calendar').click();
    await dateCalendar().getByText('2023年7月').waitFor();
    await shotBoth('14-undercover-dialog-calendar-zh');
    await dayCell(dateCalendar(), 12).click();
    await poll(() => visitedAt.inputValue()).toBe('2023-07-12');
    await dialog.locator('textarea[name="finding"]').fill('选择器测试：暗访属实');
    await dialog.getByTestId('record-save').click();
    await dialog.waitFor({ state: 'detached' });
    const { undercoverSample } = await gql(`query($s: ID!) { undercoverSample(streetId: $s, month: "2023-06") { visits { id visitedAt finding } } }`, { s: streetId });
    expect(undercoverSample.visits.find((v: { id: string }) => v.id === visitId)).toMatchObject({ visitedAt: '2023-07-12', finding: '选择器测试：暗访属实' });
  }, 120_000);

  it('in English: the same fields with English calendars (weeks from Monday, ISO week numbers), the values unchanged', async () => {
    await page.goto(`${server.url}/#/WorkCalendarDay/create`);
    await page.locator('input[name="day"]').waitFor();
    await switchLanguage(/中文/, 'English');
    await page.getByRole('button', { name: 'Choose a date' }).waitFor();
    await page.fill('input[name="day"]', '2031-03-01');
    await page.getByTestId('day-calendar').click();
    await dateCalendar().getByText('March 2031').waitFor();
    expect(await dateCalendar().innerText()).not.toMatch(/月/);
    await shotBoth('15-form-date-calendar-en');
    await page.keyboard.press('Escape');
    await page.locator('input[name="day"]').fill('2031-02-30');
    await page.locator('input[name="day"]').press('Tab');
    await page.getByText('Date: enter as 2023-06-15').waitFor();

    const { allCallbacks } = await gql(`{ allCallbacks(perPage: 1, sortField: "id", sortOrder: "ASC") { id calledAt } }`);
    await page.goto(`${server.url}/#/Callback/${allCallbacks[0].id}`);
    const field = page.locator('input[name="calledAt"]');
    await poll(() => field.inputValue()).toBe(wallTime(allCallbacks[0].calledAt));
    await page.getByTestId('calledAt-calendar').click();
    const datetime = page.locator('[data-picker-calendar="datetime"]');
    await datetime.getByText('June 2023').waitFor();
    expect(await datetime.getByRole('button', { name: 'OK' }).count()).toBe(1);
    await shotBoth('16-datetime-calendar-en');
    await datetime.getByRole('button', { name: 'Cancel' }).click();
    await poll(() => field.inputValue()).toBe(wallTime(allCallbacks[0].calledAt));

    await page.goto(`${server.url}/#/reports-archive`);
    const period = page.locator('input[name="period"]');
    await period.waitFor();
    await period.fill('2023-W24');
    await page.getByText('Week 24 of 2023 · 06-12 to 06-18').waitFor();
    await page.getByTestId('period-calendar').click();
    const week = page.locator('[data-picker-calendar="week"]');
    await week.getByText('June 2023').waitFor();
    // Monday first in English too, so a week is one row.
    expect(await week.locator('[data-in-week="true"]').allInnerTexts()).toEqual(['12', '13', '14', '15', '16', '17', '18']);
    await shotBoth('17-week-calendar-en');
    await dayCell(week, 28).click();
    await poll(() => period.inputValue()).toBe('2023-W26');
    await page.locator('input[name="kind"]').locator('..').click();
    await page.getByRole('option', { name: 'Year-end assessment' }).click();
    await page.getByTestId('period-calendar').click();
    await page.locator('[data-picker-calendar="year"]').waitFor();
    await shotBoth('18-year-calendar-en');
    await page.keyboard.press('Escape');

    await switchLanguage(/English/, '中文');
    await page.getByRole('button', { name: /^选择(周|年份)$/ }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
