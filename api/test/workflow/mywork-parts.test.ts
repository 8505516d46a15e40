// 我的待办's titles as parts (issue #15): the API words `title` in Chinese; the admin words it in the app's language
// from MyWorkItem.parts — the unit named (the item's own: two streets each have a 城管中队), the due day, the kind,
// and the item's `overdue`. `title` stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/repos/auth';
import { myWork } from '../../src/repos/mywork';
import { refreshWarningsForGroups } from '../../src/repos/warnings';
import { at, expectOk, setupFixture, ticketIn, type Client, type Fixture } from './setup';

let f: Fixture;
/** 花木's own 城管中队 (塘桥's is f.unitA): the same name in another street. */
let hmUnit: number;
let hmOps: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  f = await setupFixture();
  const k = f.db.db;
  hmUnit = (await k.insertInto('unit').values({ streetId: f.otherStreetId, code: 'CG', name: '城管中队', peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
  await createUser(k, { username: 'hm-ops', password: 'password-123', role: 'OPS', streetId: f.otherStreetId });
  hmOps = f.api.as(await f.api.login('hm-ops', 'password-123'));
  const interview = async (key: string, unitId: number, rectificationDue: string) => {
    ids[key] = (await k.insertInto('interview').values({ level: 'DEPUTY_LEADER', date: '2023-06-10', unitId, rectificationDue }).returning('id').executeTakeFirstOrThrow()).id;
  };
  await interview('tqInterview', f.unitA, '2023-06-30');
  await interview('hmInterview', hmUnit, '2099-12-31');
  const assistance = async (key: string, unitId: number, periodTo: string | null) => {
    ids[key] = (await k.insertInto('assistance').values({ unitId, periodFrom: '2023-06-01', periodTo, status: 'ONGOING' }).returning('id').executeTakeFirstOrThrow()).id;
  };
  await assistance('tqAssistance', f.unitA, '2023-08-31');
  await assistance('hmAssistance', hmUnit, null);
  // A meeting decision owned by 花木's 城管中队, and a proactive task of 塘桥's.
  const meeting = await k.insertInto('meeting').values({ streetId: f.otherStreetId, kind: 'WEEKLY', heldOn: '2023-06-05' }).returning('id').executeTakeFirstOrThrow();
  ids.decision = (await k.insertInto('meetingDecision').values({ meetingId: meeting.id, text: '清理南泉路占道', ownerUnitId: hmUnit, dueOn: '2023-06-20' }).returning('id').executeTakeFirstOrThrow()).id;
  ids.task = (await k.insertInto('proactiveTask').values({ streetId: f.streetId, unitId: f.unitA, topic: '噪声', committeeName: '塘桥居委', title: '夜间施工巡查', dueOn: '2099-07-31' }).returning('id').executeTakeFirstOrThrow()).id;
  // A yellow warning in 塘桥: five calls on one day.
  const receivedAt = at('2023-09-04T09:00:00+08:00');
  const master = await ticketIn(f, 'IN_PROGRESS', { receivedAt, topic: '噪声' });
  for (let i = 0; i < 4; i++) await ticketIn(f, 'IN_PROGRESS', { receivedAt, repeatOfId: master.id });
  await refreshWarningsForGroups(k, [master.id], at('2023-09-04T12:00:00+08:00'));
});
afterAll(() => f?.db.close());

const PARTS = 'kind unitName streetName dueDay day month period level count escalatedCount allowed exceeded confirmed accepted specialStudy topic place text meetingKind reportKind year urgent';
const Q = `{ myWork(limit: 20) { key items { resource id unitId title overdue parts { ${PARTS} } } } }`;
const sections = async (client: Client): Promise<Record<string, any[]>> => {
  const r = await client(Q);
  expectOk(r);
  return Object.fromEntries((r.data.myWork as any[]).map((s) => [s.key, s.items as any[]]));
};
const item = (items: any[], id: number) => items.find((i) => Number(i.id) === id);
/** The parts that are set (null ones left out). */
const set = (parts: Record<string, unknown>) => Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== null));

describe('myWork titles as parts', () => {
  it('names each follow-up’s own unit, its due day and overdue, the title unchanged (district account: both streets)', async () => {
    const s = await sections(f.as.OPS);
    const tq = item(s.interviewFollowUps!, ids.tqInterview!);
    const hm = item(s.interviewFollowUps!, ids.hmInterview!);
    expect(tq).toMatchObject({ unitId: String(f.unitA), overdue: true, title: '城管中队 · 整改期限 2023-06-30 · 已逾期' });
    expect(set(tq.parts)).toEqual({ kind: 'RECTIFICATION', unitName: '城管中队', dueDay: '2023-06-30' });
    expect(hm).toMatchObject({ unitId: String(hmUnit), overdue: false, title: '城管中队 · 整改期限 2099-12-31' });
    expect(set(hm.parts)).toEqual({ kind: 'RECTIFICATION', unitName: '城管中队', dueDay: '2099-12-31' });

    const tqA = item(s.assistanceFollowUps!, ids.tqAssistance!);
    const hmA = item(s.assistanceFollowUps!, ids.hmAssistance!);
    expect(tqA).toMatchObject({ unitId: String(f.unitA), overdue: true, title: '城管中队 · 帮扶至 2023-08-31 · 已逾期' });
    expect(set(tqA.parts)).toEqual({ kind: 'ASSISTANCE', unitName: '城管中队', dueDay: '2023-08-31' });
    // No end date: no due day, never overdue.
    expect(hmA).toMatchObject({ unitId: String(hmUnit), overdue: false, title: '城管中队 · 未定结束日期' });
    expect(set(hmA.parts)).toEqual({ kind: 'ASSISTANCE', unitName: '城管中队' });
  });

  it('gives a street account its own street’s items only, with its own unit', async () => {
    const s = await sections(hmOps);
    expect(s.interviewFollowUps!.map((i) => [Number(i.id), i.unitId, i.parts.unitName])).toEqual([[ids.hmInterview, String(hmUnit), '城管中队']]);
    expect(s.assistanceFollowUps!.map((i) => [Number(i.id), i.unitId, i.parts.dueDay])).toEqual([[ids.hmAssistance, String(hmUnit), null]]);
    const decision = item(s.meetingDecisions!, ids.decision!);
    expect(decision).toMatchObject({ unitId: String(hmUnit), overdue: true, title: '城运周例会 2023-06-05 · 清理南泉路占道 · 城管中队 · 已逾期' });
    expect(set(decision.parts)).toEqual({ kind: 'MEETING_DECISION', meetingKind: 'WEEKLY', day: '2023-06-05', text: '清理南泉路占道', unitName: '城管中队', dueDay: '2023-06-20' });
    // 塘桥's warning and task are not 花木's.
    expect(s.newWarnings).toEqual([]);
    expect(s.proactiveTasks).toBeUndefined();
  });

  it('gives a warning its level, day, count and topic, and a proactive task its topic, place, text and unit', async () => {
    const s = await sections(f.as.OPS);
    const [warning] = s.newWarnings!;
    expect(warning.title).toBe('黄色 · 2023-09-04 · 5 件 · 噪声');
    expect(set(warning.parts)).toEqual({ kind: 'WARNING', level: 'YELLOW', day: '2023-09-04', count: 5, topic: '噪声' });
    const task = item(s.proactiveTasks!, ids.task!);
    expect(task).toMatchObject({ unitId: String(f.unitA), overdue: false, title: '噪声 · 塘桥居委 · 夜间施工巡查 · 城管中队' });
    expect(set(task.parts)).toEqual({ kind: 'PROACTIVE_TASK', topic: '噪声', place: '塘桥居委', text: '夜间施工巡查', unitName: '城管中队', dueDay: '2099-07-31' });
  });

  it('leaves the parts out where the title is data (a ticket’s topic)', async () => {
    const s = await sections(f.as.OPS);
    const tickets = Object.values(s).flat().filter((i) => i.resource === 'Ticket');
    expect(tickets.length).toBeGreaterThan(0);
    for (const t of tickets) expect(t.parts).toBeNull();
  });

  it('marks a due day overdue from the day after it (Asia/Shanghai), as the title does', async () => {
    const at = async (now: string) => {
      const work = await myWork(f.db.db, { role: 'OPS', unitId: null, userId: f.userIds.OPS!, streetId: f.streetId }, new Date(now), 20);
      const i = work.find((x) => x.key === 'interviewFollowUps')!.items.find((x) => x.id === ids.tqInterview)!;
      return { due: i.due!.toISOString(), parts: i.parts, title: i.title };
    };
    const last = await at('2023-06-30T23:59:59.999+08:00');
    expect(last.title).toBe('城管中队 · 整改期限 2023-06-30');
    expect(new Date(last.due).getTime()).toBe(new Date('2023-06-30T23:59:59.999+08:00').getTime());
    expect((await at('2023-07-01T00:00:00+08:00')).title).toBe('城管中队 · 整改期限 2023-06-30 · 已逾期');
    expect(last.parts).toEqual({ kind: 'RECTIFICATION', unitName: '城管中队', dueDay: '2023-06-30' });
  });
});
