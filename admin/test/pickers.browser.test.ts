// Browser test of the month and date fields (issue #15): text fields holding 2023-06 / 2023-06-15 whatever the
// language (the native month input read "June 2023" in Chinese mode), a calendar in the app's language that loads
// when opened, picking and typing both changing the page. Screenshots: test-results/screenshots/pickers-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD, browserSkipReason, closeAll, openDemoStreet, resetShots, screenshots, signIn, waitForDefaultMonth } from './helpers/browser';
import type { ApiServer, Profile } from './helpers/browser';

const skipReason = browserSkipReason('pickers');
const SIZES = [{ width: 1440, height: 900 }, { width: 1280, height: 720 }];
const ENGLISH_MONTHS = /January|February|March|April|June|July|August|September|October|November|December/;

let server: ApiServer;
let browser: Profile;
let page: Page;
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
}

async function toLanguage(from: RegExp, to: string) {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
  await page.getByTestId('kpi-firstContactRate').getByText(to === 'English' ? 'First contact rate' : '先行联系率').waitFor();
}

describe.skipIf(!!skipReason)('month and date fields in the app’s language', () => {
  beforeAll(async () => {
    resetShots('pickers');
    ({ server, browser, page } = await openDemoStreet(pageErrors));
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
    await page.getByText('请按 2023-06 的格式填写月份').waitFor();
    await shotBoth('02-month-invalid-zh');
    // The page stays on the last good month.
    expect(await heading('2023-07').count()).toBe(1);
    await page.fill('input[name="month"]', '2023-06');
    await heading('2023-06').waitFor();
    await expect.poll(() => page.getByText('请按 2023-06 的格式填写月份').count()).toBe(0);
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
    await page.getByText('请按 2023-06-15 的格式填写日期').waitFor();
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
});
