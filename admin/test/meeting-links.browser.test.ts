// Browser test of 分级点评 (三.5) and 一事一议 (四(四)) held at meetings (domain.md §5b): on a 领导小组 meeting's page
// the 城运中心 records an escalation and a review already linked to it (the create forms open prefilled), each
// record shows its meeting, and the meeting lists both; a weekly meeting offers neither. Two streets share the
// 城管中队's name and code: only 塘桥's is offered. Screenshots: test-results/screenshots/meeting-links-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDatabase } from '../../api/test/helpers/db';
import { browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, USER_PASSWORD, waitForAnswered } from './helpers/browser';
import type { ApiServer } from './helpers/browser';

const skipReason = browserSkipReason('meeting-links');

let server: ApiServer;
let db: TestDatabase;
let browser: Browser;
let ops: Page;
let leadingGroup: number;
let weekly: number;
const takeShot = screenshots('meeting-links');

describe.skipIf(!!skipReason)('escalations and reviews held at meetings', () => {
  beforeAll(async () => {
    resetShots('meeting-links');
    server = await startApi('none');
    db = server.db;
    const k = db.db;
    const { createUser } = await import('../../api/src/repos/auth');
    const d = await k.insertInto('district').values({ code: 'PD', name: '浦东新区' }).returning('id').executeTakeFirstOrThrow();
    const streets: Record<string, number> = {};
    for (const [code, name] of [['TQ', '塘桥街道'], ['HM', '花木街道']] as const) {
      streets[code] = (await k.insertInto('street').values({ code, name, districtId: d.id }).returning('id').executeTakeFirstOrThrow()).id;
      await k.insertInto('unit').values({ code: 'CGZD', name: '城管中队', streetId: streets[code]!, peerGroup: 'DEPARTMENT' }).execute();
    }
    await createUser(k, { username: 'tqops', password: USER_PASSWORD, role: 'OPS', streetId: streets.TQ!, displayName: '城运中心 王敏' });
    leadingGroup = (await k.insertInto('meeting').values({ streetId: streets.TQ!, kind: 'LEADING_GROUP', heldOn: '2023-07-10', chair: '主要领导 李明' }).returning('id').executeTakeFirstOrThrow()).id;
    weekly = (await k.insertInto('meeting').values({ streetId: streets.TQ!, kind: 'WEEKLY', heldOn: '2023-07-03' }).returning('id').executeTakeFirstOrThrow()).id;
    browser = await launchBrowser();
    ops = await signInAs(browser, server.url, 'tqops', { viewport: { width: 1440, height: 900 } });
  }, 240_000);

  afterAll(() => closeAll(browser, server));

  it('records a 一事一议 and a 分级点评 from the 领导小组 meeting’s page, linked to it', async () => {
    await ops.goto(`${server.url}/#/Meeting/${leadingGroup}/show`);
    const held = ops.getByTestId('meeting-held');
    await held.getByText('提级办理（一事一议）').waitFor();
    await waitForAnswered(ops);
    await takeShot(ops, '01-meeting-empty');

    await held.getByRole('link', { name: '登记一事一议' }).click();
    await ops.waitForURL((u) => u.hash.startsWith('#/Escalation/create'));
    await ops.fill('input[name="title"]', '东方路积水反复投诉');
    await ops.fill('textarea[name="decision"]', '城建中心牵头排水管网改造，8 月底前完成');
    await ops.fill('input[name="owner"]', '城建中心 赵强');
    // The meeting picker shows the linked meeting by date and kind.
    await expect.poll(() => ops.locator('input[name="meetingId"]').inputValue(), { timeout: 30_000 }).toBe('2023-07-10 领导小组会议');
    await takeShot(ops, '02-escalation-prefilled');
    await ops.getByRole('button', { name: '保存' }).first().click();
    await ops.waitForURL((u) => /#\/Escalation\/\d+/.test(u.hash), { timeout: 30_000 });
    const esc = await db.db.selectFrom('escalation').select(['meetingId', 'meetingDate', 'title']).executeTakeFirstOrThrow();
    expect(esc).toEqual({ meetingId: leadingGroup, meetingDate: '2023-07-10', title: '东方路积水反复投诉' });

    await ops.goto(`${server.url}/#/Meeting/${leadingGroup}/show`);
    await held.getByRole('link', { name: '登记分级点评' }).click();
    await ops.waitForURL((u) => u.hash.startsWith('#/Review/create'));
    await ops.getByLabel('单位').click();
    expect(await ops.getByRole('option', { name: /城管中队/ }).count()).toBe(1);
    await ops.getByRole('option', { name: /城管中队/ }).click();
    await ops.fill('input[name="period"]', '2023-06');
    await ops.fill('textarea[name="leadingGroupComment"]', '按期完成率连续两月偏低，限期整改，下月复评');
    await ops.getByRole('button', { name: '保存' }).first().click();
    await ops.waitForURL((u) => /#\/Review\/\d+/.test(u.hash), { timeout: 30_000 });
    const rev = await db.db.selectFrom('review').select(['meetingId', 'period']).executeTakeFirstOrThrow();
    expect(rev).toEqual({ meetingId: leadingGroup, period: '2023-06' });

    await ops.goto(`${server.url}/#/Meeting/${leadingGroup}/show`);
    await held.getByText('东方路积水反复投诉').waitFor();
    await held.getByText(/限期整改/).waitFor();
    await waitForAnswered(ops);
    await takeShot(ops, '03-meeting-lists-both');
    await ops.setViewportSize({ width: 1280, height: 720 });
    await takeShot(ops, '04-meeting-1280');
    await ops.setViewportSize({ width: 1440, height: 900 });
  }, 180_000);

  it('a weekly meeting holds neither', async () => {
    await ops.goto(`${server.url}/#/Meeting/${weekly}/show`);
    await ops.getByTestId('meeting-decisions').waitFor();
    await waitForAnswered(ops);
    expect(await ops.getByTestId('meeting-held').count()).toBe(0);
  }, 60_000);
});
