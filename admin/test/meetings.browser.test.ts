// Browser test of the 会议 register (domain.md §5b): the 城运中心 creates a 城运周例会 with its agenda drafted from the
// figures, adds two decisions inline (one for 城管中队, one for a person), both show on 我的待办; 城管中队's handler
// marks its decision done with a note (without one it is refused) and it leaves the list.
// Screenshots: test-results/screenshots/meetings-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestDatabase } from '../../api/test/helpers/db';
import { browserSkipReason, closeAll, launchBrowser, resetShots, screenshots, signInAs, startApi, USER_PASSWORD } from './helpers/browser';
import type { ApiServer } from './helpers/browser';

const skipReason = browserSkipReason('meetings');

let server: ApiServer;
let db: TestDatabase;
let browser: Browser;
let ops: Page;
const takeShot = screenshots('meetings');

describe.skipIf(!!skipReason)('meetings in a browser', () => {
  beforeAll(async () => {
    resetShots('meetings');
    server = await startApi('none');
    db = server.db;
    const k = db.db;
    const { createUser } = await import('../../api/src/repos/auth');
    const d = await k.insertInto('district').values({ code: 'PD', name: '浦东新区' }).returning('id').executeTakeFirstOrThrow();
    const streets: Record<string, number> = {};
    const cgzd: Record<string, number> = {};
    for (const [code, name] of [['TQ', '塘桥街道'], ['HM', '花木街道']] as const) {
      streets[code] = (await k.insertInto('street').values({ code, name, districtId: d.id }).returning('id').executeTakeFirstOrThrow()).id;
      // Both streets have a 城管中队: only 塘桥's is offered and chosen.
      cgzd[code] = (await k.insertInto('unit').values({ code: 'CGZD', name: '城管中队', streetId: streets[code]!, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await k.insertInto('unit').values({ code: 'FGB', name: '房管办', streetId: streets.TQ!, peerGroup: 'DEPARTMENT' }).execute();
    await createUser(k, { username: 'tqops', password: USER_PASSWORD, role: 'OPS', streetId: streets.TQ!, displayName: '城运中心 王敏' });
    await createUser(k, { username: 'tqparty', password: USER_PASSWORD, role: 'PARTY_OFFICE', streetId: streets.TQ!, displayName: '党建办 陈洁' });
    await createUser(k, { username: 'cghandler', password: USER_PASSWORD, role: 'UNIT_HANDLER', unitId: cgzd.TQ!, displayName: '城管中队 张伟' });
    browser = await launchBrowser();
    ops = await signInAs(browser, server.url, 'tqops', { viewport: { width: 1440, height: 1000 } });
  }, 240_000);

  afterAll(() => closeAll(browser, server));

  it('creates a 城运周例会 with a drafted agenda and two decisions, both on the 城运中心’s 我的待办', async () => {
    await ops.goto(`${server.url}/#/Meeting/create`);
    await ops.getByLabel('会议类型').click();
    await ops.getByRole('option', { name: '城运周例会' }).click();
    await ops.fill('input[name="heldOn"]', '2023-06-19');
    await ops.fill('input[name="chair"]', '分管领导 周建国');
    await ops.getByTestId('agenda-draft').click();
    await ops.waitForFunction(() => (document.querySelector('textarea[name="agenda"]') as HTMLTextAreaElement | null)?.value.includes('一、上周（2023-06-12 至 2023-06-18）'));
    await takeShot(ops, '01-create-with-draft');
    await ops.getByRole('button', { name: '保存' }).first().click();
    await ops.waitForURL((u) => /\/Meeting\/\d+$/.test(u.hash));
    const table = ops.getByTestId('meeting-decisions');
    await table.waitFor();

    await ops.getByTestId('decision-add').click();
    let row = ops.getByTestId('decision-row-0');
    await row.getByTestId('decision-text').fill('塘桥新路烧烤油烟：夜间联合执法每周不少于 2 次');
    await row.getByTestId('decision-unit').click();
    // Only 塘桥's units are offered (花木's 城管中队 shares the name).
    expect(await ops.getByRole('option', { name: '城管中队' }).count()).toBe(1);
    await ops.getByRole('option', { name: '城管中队' }).click();
    await row.getByTestId('decision-due').fill('2023-06-30');
    await row.getByTestId('decision-save').click();
    await row.getByTestId(/^decision-done-\d+$/).waitFor();

    await ops.getByTestId('decision-add').click();
    row = ops.getByTestId('decision-row-1');
    await row.getByTestId('decision-text').fill('优秀案例材料报党工委');
    await row.getByTestId('decision-user').click();
    await ops.getByRole('option', { name: '党建办 陈洁' }).click();
    await row.getByTestId('decision-due').fill('2023-06-10'); // before the meeting: refused
    await row.getByTestId('decision-save').click();
    await ops.getByText('完成期限不能早于会议日期 2023-06-19').waitFor();
    await row.getByTestId('decision-due').fill('2023-06-26');
    await row.getByTestId('decision-save').click();
    await row.getByTestId(/^decision-done-\d+$/).waitFor();
    await takeShot(ops, '02-decisions-inline');

    const rows = await db.db.selectFrom('meetingDecision').select(['text', 'ownerUnitId', 'ownerUserId', 'dueOn', 'status']).orderBy('id').execute();
    expect(rows.map((r) => [r.text, r.ownerUnitId != null, r.ownerUserId != null, r.dueOn, r.status])).toEqual([
      ['塘桥新路烧烤油烟：夜间联合执法每周不少于 2 次', true, false, '2023-06-30', 'OPEN'],
      ['优秀案例材料报党工委', false, true, '2023-06-26', 'OPEN'],
    ]);

    await ops.goto(`${server.url}/#/my-work`);
    const section = ops.locator('[data-section="meetingDecisions"]');
    await section.getByText('会议议定事项未办结').waitFor();
    await section.getByText(/城运周例会 2023-06-19 · 塘桥新路烧烤油烟/).waitFor();
    await section.getByText(/优秀案例材料报党工委/).waitFor();
    await takeShot(ops, '03-ops-my-work');
  }, 120_000);

  it('城管中队’s handler sees only its decision and marks it done with a note', async () => {
    const handler = await signInAs(browser, server.url, 'cghandler');
    await handler.goto(`${server.url}/#/my-work`);
    const section = handler.locator('[data-section="meetingDecisions"]');
    await section.getByText(/塘桥新路烧烤油烟/).waitFor();
    expect(await section.getByText(/优秀案例材料报党工委/).count()).toBe(0);
    await takeShot(handler, '04-handler-my-work');
    await section.getByTestId(/^decision-done-\d+$/).click();
    await handler.getByTestId('decision-done-submit').click();
    await handler.getByText('办结说明为必填项', { exact: true }).waitFor();
    await handler.getByTestId('decision-done-note').fill('已组织夜间联合执法 3 次，商户油烟净化器已安装');
    await takeShot(handler, '05-done-dialog');
    await handler.getByTestId('decision-done-submit').click();
    await section.waitFor({ state: 'detached' });
    await takeShot(handler, '06-handler-done');
    const done = await db.db.selectFrom('meetingDecision').select(['status', 'doneNote']).where('text', 'like', '塘桥新路%').executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'DONE', doneNote: '已组织夜间联合执法 3 次，商户油烟净化器已安装' });
  }, 90_000);
});
