// 分管领导 vs 主要领导 (migrations/0007, domain.md §5): the rank on the user, who may set it, and the lists each
// rank gets in 我的待办 — warnings by audience, special study, the unsatisfied push — plus the push register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { myWork } from '../../src/repos/mywork';
import { runJob, JOBS } from '../../src/jobs';
import { at, expectCode, expectOk, setupFixture, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

describe('leader rank on the user', () => {
  it('a new leader is a 分管领导 unless made 主要领导; other roles have no rank', async () => {
    const a = await f.as.ADMIN('mutation { createUser(username: "fgld", password: "long-enough-1", role: LEADER) { id role leaderRank } }');
    expectOk(a);
    expect(a.data.createUser).toMatchObject({ role: 'LEADER', leaderRank: 'DEPUTY' });
    const b = await f.as.ADMIN('mutation { createUser(username: "zyld", password: "long-enough-1", role: LEADER, leaderRank: MAIN) { id leaderRank } }');
    expect(b.data.createUser.leaderRank).toBe('MAIN');
    const bad = await f.as.ADMIN('mutation { createUser(username: "opsrank", password: "long-enough-1", role: OPS, leaderRank: MAIN) { id } }');
    expectCode(bad, 'BAD_USER_INPUT');
    expect(bad.errors![0]!.extensions!.fieldErrors).toEqual({ leaderRank: '只有街道领导（角色为街道领导）才能设置领导职级' });
    expect(await f.db.db.selectFrom('appUser').select('id').where('username', '=', 'opsrank').executeTakeFirst()).toBeUndefined();
    // A leader who becomes OPS loses the rank, even when the form sends it back unchanged.
    const u = await f.as.ADMIN('query($id: ID!) { User(id: $id) { id version leaderRank } }', { id: b.data.createUser.id });
    const moved = await f.as.ADMIN('mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, role: OPS, leaderRank: MAIN) { role leaderRank } }', { id: u.data.User.id, v: u.data.User.version });
    expectOk(moved);
    expect(moved.data.updateUser).toEqual({ role: 'OPS', leaderRank: null });
  });

  it('me tells the admin app which rank the leader has', async () => {
    expect((await f.as.LEADER('{ me { role leaderRank } }')).data.me).toEqual({ role: 'LEADER', leaderRank: 'DEPUTY' });
    expect((await f.as.LEADER2('{ me { role leaderRank } }')).data.me).toEqual({ role: 'LEADER', leaderRank: 'MAIN' });
    expect((await f.as.OPS('{ me { leaderRank } }')).data.me).toEqual({ leaderRank: null });
  });

  it('the database refuses a rank on a non-leader', async () => {
    await expect(f.db.db.updateTable('appUser').set({ leaderRank: 'MAIN' }).where('id', '=', f.userIds.OPS!).execute()).rejects.toThrow();
  });
});

describe('我的待办 by rank', () => {
  const caller = (who: 'LEADER' | 'LEADER2' | 'ADMIN' | 'HANDLER_A' | 'HANDLER_B') => ({
    role: who.startsWith('LEADER') ? ('LEADER' as const) : who === 'ADMIN' ? ('ADMIN' as const) : ('UNIT_HANDLER' as const),
    unitId: who === 'HANDLER_A' ? f.unitA : who === 'HANDLER_B' ? f.unitB : null,
    userId: f.userIds[who]!,
    leaderRank: who === 'LEADER' ? ('DEPUTY' as const) : who === 'LEADER2' ? ('MAIN' as const) : null,
  });
  const NOW = at('2023-08-04T09:00:00+08:00');
  const sections = async (who: Parameters<typeof caller>[0]) => Object.fromEntries((await myWork(f.db.db, caller(who), NOW, 10)).map((s) => [s.key, s]));

  beforeAll(async () => {
    // One YELLOW and one RED open warning, the RED one flagged for special study.
    const yellow = await ticketIn(f, 'IN_PROGRESS');
    const red = await ticketIn(f, 'IN_PROGRESS');
    await f.db.db.insertInto('warning').values([
      { streetId: f.streetId, masterTicketId: yellow.id, unitId: f.unitA, date: '2023-08-01', level: 'YELLOW', count: 6 },
      { streetId: f.streetId, masterTicketId: red.id, unitId: f.unitB, date: '2023-08-02', level: 'RED', count: 11, specialStudy: true },
    ]).execute();
    // Yesterday's callbacks: unit A one 不满意 (first callback), unit B a second 不满意 in a row (escalated).
    const closedAt = at('2023-08-01T10:00:00+08:00');
    const once = await ticketIn(f, 'CLOSED', { receivedAt: at('2023-07-28T09:00:00+08:00'), submittedAt: closedAt, closedAt });
    const twice = await ticketIn(f, 'CLOSED', { receivedAt: at('2023-07-28T09:00:00+08:00'), submittedAt: closedAt, closedAt, unitId: f.unitB });
    await f.db.db.insertInto('callback').values([
      { ticketId: once.id, calledAt: at('2023-08-03T10:00:00+08:00'), result: 'UNSATISFIED' },
      { ticketId: twice.id, calledAt: at('2023-08-02T10:00:00+08:00'), result: 'UNSATISFIED' },
      { ticketId: twice.id, calledAt: at('2023-08-03T11:00:00+08:00'), result: 'UNSATISFIED' },
    ]).execute();
    const run = await runJob(f.db, JOBS.find((j) => j.name === 'unsatisfied-digest')!, '2023-08-03', at('2023-08-04T07:30:00+08:00'));
    expect(run.status).toBe('ran');
  });

  it('the 分管领导 gets the first return level, every open warning and the escalated push; not the 主要领导 lists', async () => {
    const s = await sections('LEADER');
    expect(Object.keys(s)).toEqual(['returnsDeputy', 'newWarnings', 'unsatisfiedPush', 'extensions', 'leaderOrders', 'interviewFollowUps']);
    expect(s.newWarnings!.count).toBe(2);
    expect(s.unsatisfiedPush).toMatchObject({ resource: 'UnsatisfiedPush', count: 1 });
    expect(s.unsatisfiedPush!.items).toEqual([expect.objectContaining({ id: f.unitB, title: '2023-08-03 · 房管办事处 · 1 件（提级 1 件）' })]);
  });

  it('the 主要领导 gets the second return level, the RED warnings and the special-study flags', async () => {
    const s = await sections('LEADER2');
    expect(Object.keys(s)).toEqual(['returnsMain', 'redWarnings', 'specialStudy', 'extensions', 'leaderOrders', 'interviewFollowUps']);
    expect(s.redWarnings!.items.map((i) => i.title)).toEqual(['红色 · 2023-08-02 · 11 件']);
    expect(s.specialStudy!.count).toBe(1);
    expect(s.specialStudy!.items[0]!.due).not.toBeNull(); // the group's completion due that was missed
  });

  it("a handler sees today's push count of its own unit; an administrator all of it", async () => {
    expect((await sections('HANDLER_A')).unsatisfiedPush).toMatchObject({ count: 1, items: [expect.objectContaining({ id: f.unitA })] });
    expect((await sections('HANDLER_B')).unsatisfiedPush!.count).toBe(1);
    expect((await sections('ADMIN')).unsatisfiedPush!.count).toBe(2);
    // The day after, there is no push yet (today's runs at 07:30 for yesterday's callbacks).
    expect((await myWork(f.db.db, caller('HANDLER_A'), at('2023-08-05T09:00:00+08:00'), 10)).find((x) => x.key === 'unsatisfiedPush')!.count).toBe(0);
  });

  it('unsatisfiedPush lists the stored push per unit, escalated first; a handler only its unit', async () => {
    const Q = `query($d: Date!, $u: ID) { unsatisfiedPush(date: $d, unitId: $u) { day unitId unitHead deputyLeader level ticketCount escalatedCount firstCallbackCount
      items { ticketId ticket { number } firstCallback consecutiveUnsatisfied escalated callback { result } } } }`;
    const all = await f.as.LEADER(Q, { d: '2023-08-03' });
    expectOk(all);
    expect(all.data.unsatisfiedPush.map((r: any) => [r.unitId, r.level, r.ticketCount, r.escalatedCount, r.firstCallbackCount, r.unitHead, r.deputyLeader])).toEqual([
      [String(f.unitB), 2, 1, 1, 0, '王主任', '李副主任'],
      [String(f.unitA), 1, 1, 0, 1, '张队长', '李副主任'],
    ]);
    expect(all.data.unsatisfiedPush[0].items[0]).toMatchObject({ firstCallback: false, consecutiveUnsatisfied: 2, escalated: true, callback: { result: 'UNSATISFIED' } });
    expect(all.data.unsatisfiedPush[1].items[0]).toMatchObject({ firstCallback: true, consecutiveUnsatisfied: 1, escalated: false });
    // A handler asking for another unit gets nothing of it.
    const mine = await f.as.HANDLER_A(Q, { d: '2023-08-03' });
    expect(mine.data.unsatisfiedPush.map((r: any) => r.unitId)).toEqual([String(f.unitA)]);
    expect((await f.as.HANDLER_A(Q, { d: '2023-08-03', u: String(f.unitB) })).data.unsatisfiedPush).toEqual([]);
    expect((await f.as.OPS(Q, { d: '2023-08-03', u: String(f.unitA) })).data.unsatisfiedPush).toHaveLength(1);
    expect((await f.as.OPS(Q, { d: '2023-08-02' })).data.unsatisfiedPush).toEqual([]);
    expectCode(await f.as.OPS(Q, { d: '2023-02-30' }), 'BAD_USER_INPUT');
    expectCode(await f.api.as(null)(Q, { d: '2023-08-03' }), 'UNAUTHENTICATED');
  });
});
