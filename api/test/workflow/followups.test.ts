// 我的待办 follow-ups (domain.md §6): interviews whose rectification is due and not yet followed up, assistance still
// open by its period end — for OPS (all), LEADER (the interviews they held) and ADMIN; overdue ones marked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myWork } from '../../src/repos/mywork';
import { expectOk, setupFixture, type Fixture } from './setup';

let f: Fixture;
const ids: Record<string, number> = {};
beforeAll(async () => {
  f = await setupFixture();
  const k = f.db.db;
  await k.updateTable('appUser').set({ displayName: '李副主任' }).where('id', '=', f.userIds.LEADER!).execute();
  const interview = async (key: string, v: { unitId: number; interviewer?: string; rectificationDue?: string | null; followUp?: string | null }) => {
    ids[key] = (await k.insertInto('interview').values({ level: 'DEPUTY_LEADER', date: '2023-06-10', ...v }).returning('id').executeTakeFirstOrThrow()).id;
  };
  await interview('overdue', { unitId: f.unitA, interviewer: '李副主任、王科长', rectificationDue: '2023-06-30' });
  await interview('future', { unitId: f.unitB, interviewer: '陈副主任', rectificationDue: '2099-12-31', followUp: '  ' });
  await interview('done', { unitId: f.unitC, interviewer: '李副主任', rectificationDue: '2023-06-30', followUp: '已整改到位' });
  await interview('noDue', { unitId: f.unitC, interviewer: '李副主任', rectificationDue: null });
  const assistance = async (key: string, v: { unitId: number; periodFrom: string; periodTo?: string | null; status: string }) => {
    ids[key] = (await k.insertInto('assistance').values(v).returning('id').executeTakeFirstOrThrow()).id;
  };
  await assistance('aOverdue', { unitId: f.unitA, periodFrom: '2023-06-01', periodTo: '2023-08-31', status: 'ONGOING' });
  await assistance('aPlanned', { unitId: f.unitB, periodFrom: '2099-01-01', periodTo: '2099-03-31', status: 'PLANNED' });
  await assistance('aOpenEnded', { unitId: f.unitC, periodFrom: '2023-06-01', periodTo: null, status: 'ONGOING' });
  await assistance('aDone', { unitId: f.unitC, periodFrom: '2023-01-01', periodTo: '2023-03-31', status: 'DONE' });
});
afterAll(() => f?.db.close());

const Q = `{ myWork(limit: 20) { key resource count items { resource id unitId title due since overdue } } }`;
const sections = async (who: keyof Fixture['as']) => {
  const r = await f.as[who](Q);
  expectOk(r);
  return Object.fromEntries((r.data.myWork as any[]).map((s) => [s.key, s]));
};
const itemIds = (s: any) => s.items.map((i: any) => Number(i.id));

describe('follow-ups in 我的待办', () => {
  it('OPS sees every interview awaiting its follow-up and every open assistance, the earliest due first', async () => {
    const s = await sections('OPS');
    expect(s.interviewFollowUps).toMatchObject({ resource: 'Interview', count: 2 });
    expect(itemIds(s.interviewFollowUps)).toEqual([ids.overdue, ids.future]);
    const [late, ok] = s.interviewFollowUps.items;
    expect(late).toMatchObject({ resource: 'Interview', unitId: String(f.unitA), overdue: true, title: '城管中队 · 整改期限 2023-06-30 · 已逾期' });
    // Due at the end of the due day in Shanghai.
    expect(late.due).toBe(new Date('2023-06-30T23:59:59.999+08:00').toISOString());
    expect(ok).toMatchObject({ overdue: false, title: '房管办事处 · 整改期限 2099-12-31' });
    expect(s.assistanceFollowUps).toMatchObject({ resource: 'Assistance', count: 3 });
    expect(itemIds(s.assistanceFollowUps)).toEqual([ids.aOverdue, ids.aPlanned, ids.aOpenEnded]);
    expect(s.assistanceFollowUps.items.map((i: any) => [i.overdue, i.title])).toEqual([
      [true, '城管中队 · 帮扶至 2023-08-31 · 已逾期'],
      [false, '房管办事处 · 帮扶至 2099-03-31'],
      [false, '市场监督管理所 · 未定结束日期'],
    ]);
  });

  it('a leader sees only the interviews they held (by display name among the interviewers), and no assistance list', async () => {
    const s = await sections('LEADER');
    expect(itemIds(s.interviewFollowUps)).toEqual([ids.overdue]);
    expect(s.assistanceFollowUps).toBeUndefined();
    const other = await sections('LEADER2');
    expect(other.interviewFollowUps.count).toBe(0);
    const admin = await sections('ADMIN');
    expect(admin.interviewFollowUps.count).toBe(2);
    expect(admin.assistanceFollowUps.count).toBe(3);
  });

  it('other roles do not get the lists', async () => {
    for (const who of ['HANDLER_A', 'DISCIPLINE', 'PARTY_OFFICE', 'API_READER'] as const) {
      const s = await sections(who);
      expect(s.interviewFollowUps).toBeUndefined();
      expect(s.assistanceFollowUps).toBeUndefined();
    }
  });

  it('recording the follow-up outcome or closing the assistance takes the item off the list', async () => {
    const ops = await sections('OPS');
    const k = f.db.db;
    await k.updateTable('interview').set({ followUp: '已复查' }).where('id', '=', ids.overdue!).execute();
    await k.updateTable('assistance').set({ status: 'DONE' }).where('id', '=', ids.aOverdue!).execute();
    const after = await sections('OPS');
    expect(after.interviewFollowUps.count).toBe(ops.interviewFollowUps.count - 1);
    expect(after.assistanceFollowUps.count).toBe(ops.assistanceFollowUps.count - 1);
    await k.updateTable('interview').set({ followUp: null }).where('id', '=', ids.overdue!).execute();
    await k.updateTable('assistance').set({ status: 'ONGOING' }).where('id', '=', ids.aOverdue!).execute();
  });

  it('the due date is met during the whole due day (Asia/Shanghai)', async () => {
    const work = (now: Date) => myWork(f.db.db, { role: 'OPS', unitId: null, userId: f.userIds.OPS! }, now, 20);
    const title = async (now: Date) => (await work(now)).find((s) => s.key === 'interviewFollowUps')!.items.find((i) => i.id === ids.overdue)!.title;
    expect(await title(new Date('2023-06-30T23:59:59.999+08:00'))).toBe('城管中队 · 整改期限 2023-06-30');
    expect(await title(new Date('2023-07-01T00:00:00+08:00'))).toBe('城管中队 · 整改期限 2023-06-30 · 已逾期');
  });
});
