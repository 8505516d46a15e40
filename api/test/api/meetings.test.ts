// Meetings as a register (domain.md §5b): a meeting's decisions sit on their owners' 我的待办 until marked done with a
// note, the next pack lists those still open; the street boundary with two streets that share unit names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createUser } from '../../src/repos/auth';
import { openDecisions } from '../../src/repos/meetings';
import type { Role } from '../../src/auth/roles';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
type Client = ReturnType<ReturnType<typeof testApi>['as']>;
let admin: Client;
const street: Record<string, string> = {};
const cgzd: Record<string, string> = {};
const as: Record<string, Client> = {};
let partyUserId: string;
let meetingId: string;
const decision: Record<string, string> = {};

const ok = <T = any>(r: { data?: T; errors?: Array<{ message: string }> }) => {
  expect(r.errors).toBeUndefined();
  return r.data as any;
};
const code = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => r.errors?.[0]?.extensions?.code;

async function account(username: string, role: Role, streetId: string, unitId?: string) {
  const u = await createUser(db.db, { username, password: 'password-123', role, streetId: Number(streetId), unitId: unitId ? Number(unitId) : null, displayName: username });
  as[username] = api.as(await api.login(username, 'password-123'));
  return String((u as any).id ?? (await db.db.selectFrom('appUser').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

const MY_WORK = `{ myWork(limit: 20) { key count items { resource id title due } } }`;
async function decisionsOnMyWork(who: string) {
  const s = (ok(await as[who]!(MY_WORK)).myWork as any[]).find((x) => x.key === 'meetingDecisions');
  return s ? (s.items as any[]).map((i) => i.id) : [];
}

const CREATE_DECISION = `mutation($m: ID!, $t: String!, $u: ID, $p: ID, $d: Date) {
  createMeetingDecision(meetingId: $m, text: $t, ownerUnitId: $u, ownerUserId: $p, dueOn: $d) { id status version }
}`;

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  admin = await api.signedIn('ADMIN');
  const d = ok(await admin(`mutation { createDistrict(code: "PD", name: "浦东新区") { id } }`));
  for (const [c, name] of [['TQ', '塘桥街道'], ['HM', '花木街道']] as const) {
    const s = ok(await admin(`mutation($d: ID!, $c: String!, $n: String!) { createStreet(code: $c, name: $n, districtId: $d) { id } }`, { d: d.createDistrict.id, c, n: name }));
    street[c] = s.createStreet.id;
    // Both streets have their 城管中队 CGZD.
    const u = ok(await admin(`mutation($s: ID!) { createUnit(code: "CGZD", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: street[c] }));
    cgzd[c] = u.createUnit.id;
  }
  await account('tq_ops', 'OPS', street.TQ!);
  await account('hm_ops', 'OPS', street.HM!);
  await account('tq_handler', 'UNIT_HANDLER', street.TQ!, cgzd.TQ);
  await account('hm_handler', 'UNIT_HANDLER', street.HM!, cgzd.HM);
  partyUserId = await account('tq_party', 'PARTY_OFFICE', street.TQ!);
  const m = ok(
    await as.tq_ops!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: WEEKLY, heldOn: "2023-06-12", chair: "分管领导", attendees: "城运中心、城管中队", agenda: "一、上周指标") { id version } }`, { s: street.TQ }),
  );
  meetingId = m.createMeeting.id;
  decision.unit = ok(await as.tq_ops!(CREATE_DECISION, { m: meetingId, t: '塘桥新路烧烤油烟夜间巡查', u: cgzd.TQ, d: '2023-06-16' })).createMeetingDecision.id;
  decision.person = ok(await as.tq_ops!(CREATE_DECISION, { m: meetingId, t: '优秀案例材料报党工委', p: partyUserId, d: '2023-06-20' })).createMeetingDecision.id;
});
afterAll(() => db?.close());

describe('a meeting with two decisions', () => {
  it('puts each on its owner’s 我的待办 (the unit’s handler, the person), and every one on the 城运中心’s', async () => {
    expect(await decisionsOnMyWork('tq_handler')).toEqual([decision.unit]);
    expect(await decisionsOnMyWork('tq_party')).toEqual([decision.person]);
    expect(await decisionsOnMyWork('tq_ops')).toEqual([decision.unit, decision.person]); // earliest due (overdue) first
    // The other street's 城管中队 shares the name, not the decision.
    expect(await decisionsOnMyWork('hm_handler')).toEqual([]);
    expect(await decisionsOnMyWork('hm_ops')).toEqual([]);
    const m = ok(await as.tq_ops!(`query($id: ID!) { Meeting(id: $id) { kind decisions { text ownerUnit { name } overdue status } } }`, { id: meetingId }));
    expect(m.Meeting.decisions.map((x: any) => [x.ownerUnit?.name ?? null, x.status, x.overdue])).toEqual([['城管中队', 'OPEN', true], [null, 'OPEN', true]]);
  });

  it('refuses to mark one done without a note, in Chinese, and writes nothing', async () => {
    const r = await as.tq_handler!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "  ") { id } }`, { id: decision.unit });
    expect(code(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toContain('办结说明为必填项');
    const row = await db.db.selectFrom('meetingDecision').select(['status', 'doneNote']).where('id', '=', Number(decision.unit)).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'OPEN', doneNote: null });
  });

  it('lets the owner unit’s handler complete it with a note: it leaves 我的待办, the next pack lists only the open one', async () => {
    // Not its unit's decision: as if it did not exist.
    expect(code(await as.tq_handler!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "已办") { id } }`, { id: decision.person }))).toBe('NOT_FOUND');
    const done = ok(await as.tq_handler!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "已组织夜间巡查 3 次，油烟问题已整改") { id status doneNote doneAt doneById } }`, { id: decision.unit }));
    expect(done.completeMeetingDecision).toMatchObject({ status: 'DONE', doneNote: '已组织夜间巡查 3 次，油烟问题已整改' });
    expect(done.completeMeetingDecision.doneAt).toBeTruthy();
    expect(await decisionsOnMyWork('tq_handler')).toEqual([]);
    expect(await decisionsOnMyWork('tq_ops')).toEqual([decision.person]);
    expect(code(await as.tq_handler!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "再次") { id } }`, { id: decision.unit }))).toBe('ILLEGAL_TRANSITION');
    expect(code(await as.tq_ops!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "再次") { id } }`, { id: decision.unit }))).toBe('ILLEGAL_TRANSITION');

    const open = await openDecisions(db.db, Number(street.TQ));
    expect(open.map((d) => [d.id, d.text, d.ownerUserName, d.overdue])).toEqual([[Number(decision.person), '优秀案例材料报党工委', 'tq_party', true]]);
    // As of the day after the meeting both were still open; the other street has none.
    expect((await openDecisions(db.db, Number(street.TQ), '2023-06-13')).length).toBe(2);
    expect(await openDecisions(db.db, Number(street.HM))).toEqual([]);
    const audit = await db.db.selectFrom('auditLog').select('operation').where('entity', '=', 'meetingDecision').where('entityId', '=', decision.unit!).execute();
    expect(audit.map((a) => a.operation)).toEqual(['createMeetingDecision', 'completeMeetingDecision']);

    const draft = ok(await as.tq_ops!(`query($s: ID!) { meetingAgendaDraft(kind: WEEKLY, streetId: $s, date: "2023-06-19") }`, { s: street.TQ })).meetingAgendaDraft as string[];
    expect(draft[0]).toMatch(/^一、上周（2023-06-12 至 2023-06-18）指标：受理 0 件/);
    expect(draft.join('\n')).toContain('未办结 1 项');
    expect(draft.join('\n')).toContain('优秀案例材料报党工委（tq_party，期限 2023-06-20）');
  });
});

describe('validation', () => {
  it('needs an owner; a due date not before the meeting; an owner of the meeting’s street; a note to mark done', async () => {
    const noOwner = await as.tq_ops!(CREATE_DECISION, { m: meetingId, t: '无责任人' });
    expect(noOwner.errors![0]!.extensions!.fieldErrors).toMatchObject({ ownerUnitId: '请指定责任单位或责任人' });
    const early = await as.tq_ops!(CREATE_DECISION, { m: meetingId, t: '期限过早', u: cgzd.TQ, d: '2023-06-11' });
    expect(early.errors![0]!.extensions!.fieldErrors).toMatchObject({ dueOn: '完成期限不能早于会议日期 2023-06-12' });
    // A district account may name any unit: one of another street is refused by name.
    const foreign = await admin(CREATE_DECISION, { m: meetingId, t: '另一街镇的城管中队', u: cgzd.HM });
    expect(foreign.errors![0]!.extensions!.fieldErrors).toMatchObject({ ownerUnitId: '责任单位不属于会议所在街镇' });
    // A street account does not even see it.
    expect(code(await as.tq_ops!(CREATE_DECISION, { m: meetingId, t: '另一街镇的城管中队', u: cgzd.HM }))).toBe('NOT_FOUND');
    const v = ok(await as.tq_ops!(`query($id: ID!) { MeetingDecision(id: $id) { version } }`, { id: decision.person })).MeetingDecision.version;
    const noNote = await as.tq_ops!(`mutation($id: ID!, $v: Int!) { updateMeetingDecision(id: $id, version: $v, status: DONE) { id } }`, { id: decision.person, v });
    expect(noNote.errors![0]!.extensions!.fieldErrors).toMatchObject({ doneNote: '标记办结须填写办结说明' });
    const badKind = await as.tq_ops!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: WEEKLY) { id } }`, { s: street.TQ });
    expect(badKind.errors).toBeDefined();
    const later = await as.tq_ops!(`mutation($id: ID!) { updateMeeting(id: $id, version: 1, heldOn: "2023-06-25") { id } }`, { id: meetingId });
    expect(later.errors![0]!.extensions!.fieldErrors).toMatchObject({ heldOn: '会议日期不能晚于议定事项的完成期限 2023-06-16' });
    expect(await db.db.selectFrom('meetingDecision').select('id').where('meetingId', '=', Number(meetingId)).execute()).toHaveLength(2);
  });

  it('lets only the 城运中心 and leaders write; a handler cannot read the register', async () => {
    expect(code(await as.tq_party!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: SPECIAL, heldOn: "2023-07-01") { id } }`, { s: street.TQ }))).toBe('FORBIDDEN');
    expect(code(await as.tq_handler!(`{ allMeetings { id } }`))).toBe('FORBIDDEN');
  });
});

describe('street boundary', () => {
  it('another street’s meeting and decisions are NOT_FOUND for a street account, and absent from its lists', async () => {
    expect(code(await as.hm_ops!(`query($id: ID!) { Meeting(id: $id) { id } }`, { id: meetingId }))).toBe('NOT_FOUND');
    expect(code(await as.hm_ops!(`mutation($id: ID!) { updateMeeting(id: $id, version: 1, minutes: "x") { id } }`, { id: meetingId }))).toBe('NOT_FOUND');
    expect(code(await as.hm_ops!(`mutation($id: ID!) { completeMeetingDecision(id: $id, note: "越界") { id } }`, { id: decision.person }))).toBe('NOT_FOUND');
    expect(code(await as.hm_ops!(CREATE_DECISION, { m: meetingId, t: '越界', u: cgzd.HM }))).toBe('NOT_FOUND');
    expect(code(await as.hm_ops!(`query($s: ID!) { meetingAgendaDraft(kind: MONTHLY, streetId: $s, date: "2023-07-03") }`, { s: street.TQ }))).toBe('NOT_FOUND');
    expect(ok(await as.hm_ops!(`{ allMeetings { id } allMeetingDecisions { id } _allMeetingsMeta { count } }`))).toEqual({ allMeetings: [], allMeetingDecisions: [], _allMeetingsMeta: { count: 0 } });
    const mine = ok(await as.tq_ops!(`{ allMeetingDecisions(filter: { status: OPEN }) { id } }`));
    expect(mine.allMeetingDecisions.map((x: any) => x.id)).toEqual([decision.person]);
  });
});

describe('分级点评 and 一事一议 are held at meetings of their kind (三.5, 四(四))', () => {
  it('the 领导小组 meeting’s agenda lists pending escalations and reviews; linking them shows them on the meeting, with its date', async () => {
    const esc = ok(await as.tq_ops!(`mutation($s: ID!) { createEscalation(streetId: $s, title: "东方路积水反复投诉") { id version meetingDate } }`, { s: street.TQ })).createEscalation;
    const rev = ok(await as.tq_ops!(`mutation($u: ID!) { createReview(unitId: $u, period: "2023年第二季度", summary: "按期完成率偏低") { id version } }`, { u: cgzd.TQ })).createReview;
    // The other street's records with the same unit name stay off 塘桥's agenda.
    ok(await as.hm_ops!(`mutation($s: ID!) { createEscalation(streetId: $s, title: "花木路噪声") { id } }`, { s: street.HM }));
    ok(await as.hm_ops!(`mutation($u: ID!) { createReview(unitId: $u, period: "2023年第二季度") { id } }`, { u: cgzd.HM }));
    const draft = ok(await as.tq_ops!(`query($s: ID!) { meetingAgendaDraft(kind: LEADING_GROUP, streetId: $s, date: "2023-07-10") }`, { s: street.TQ })).meetingAgendaDraft as string[];
    expect(draft).toContain('四、提级办理（一事一议）待议定事项 1 项：');
    expect(draft).toContain('  1. 东方路积水反复投诉');
    expect(draft).toContain('五、分级点评待领导小组点评 1 份：');
    expect(draft).toContain('  1. 城管中队（2023年第二季度）');
    expect(draft[draft.length - 1]).toBe('六、其他事项。');
    expect(draft.join('\n')).not.toContain('花木路噪声');
    const weekly = ok(await as.tq_ops!(`query($s: ID!) { meetingAgendaDraft(kind: WEEKLY, streetId: $s, date: "2023-07-10") }`, { s: street.TQ })).meetingAgendaDraft as string[];
    expect(weekly.join('\n')).not.toContain('一事一议');

    const lg = ok(await as.tq_ops!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: LEADING_GROUP, heldOn: "2023-07-10", chair: "主要领导") { id version } }`, { s: street.TQ })).createMeeting;
    const e2 = ok(await as.tq_ops!(`mutation($id: ID!, $v: Int!, $m: ID!) { updateEscalation(id: $id, version: $v, meetingId: $m, decision: "城建中心牵头排水改造", owner: "城建中心") { meetingDate meeting { id kind } } }`, { id: esc.id, v: esc.version, m: lg.id })).updateEscalation;
    expect(e2).toEqual({ meetingDate: '2023-07-10', meeting: { id: lg.id, kind: 'LEADING_GROUP' } });
    ok(await as.tq_ops!(`mutation($id: ID!, $v: Int!, $m: ID!) { updateReview(id: $id, version: $v, meetingId: $m, leadingGroupComment: "限期整改，下月复评") { id } }`, { id: rev.id, v: rev.version, m: lg.id }));
    const m = ok(await as.tq_ops!(`query($id: ID!) { Meeting(id: $id) { escalations { title decision } reviews { period unit { name } leadingGroupComment } } }`, { id: lg.id })).Meeting;
    expect(m).toEqual({ escalations: [{ title: '东方路积水反复投诉', decision: '城建中心牵头排水改造' }], reviews: [{ period: '2023年第二季度', unit: { name: '城管中队' }, leadingGroupComment: '限期整改，下月复评' }] });
    // Held now: they leave the next agenda.
    const after = ok(await as.tq_ops!(`query($s: ID!) { meetingAgendaDraft(kind: LEADING_GROUP, streetId: $s, date: "2023-08-07") }`, { s: street.TQ })).meetingAgendaDraft as string[];
    expect(after).toContain('四、提级办理（一事一议）待议定事项 0 项。');
    expect(after).toContain('五、分级点评待领导小组点评 0 份。');

    // The meeting moves: the escalation's meeting date follows. It cannot become a kind that does not hold them.
    ok(await as.tq_ops!(`mutation($id: ID!, $v: Int!) { updateMeeting(id: $id, version: $v, heldOn: "2023-07-11") { id } }`, { id: lg.id, v: lg.version }));
    expect(ok(await as.tq_ops!(`query($id: ID!) { Escalation(id: $id) { meetingDate } }`, { id: esc.id })).Escalation.meetingDate).toBe('2023-07-11');
    const toWeekly = await as.tq_ops!(`mutation($id: ID!, $v: Int!) { updateMeeting(id: $id, version: $v, kind: WEEKLY) { id } }`, { id: lg.id, v: lg.version + 1 });
    expect(toWeekly.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fieldErrors: { kind: expect.stringContaining('领导小组会议') } });
    // A meeting that still holds them cannot be deleted, and says why.
    const del = await as.tq_ops!(`mutation($id: ID!) { deleteMeeting(id: $id) { id } }`, { id: lg.id });
    expect(del.errors?.[0]?.message).toContain('仍被其他记录引用');
  });

  it('refuses a meeting of another street or of the wrong kind, naming the field, and writes nothing', async () => {
    const weekly = ok(await as.tq_ops!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: WEEKLY, heldOn: "2023-07-17") { id } }`, { s: street.TQ })).createMeeting;
    const hmLg = ok(await as.hm_ops!(`mutation($s: ID!) { createMeeting(streetId: $s, kind: LEADING_GROUP, heldOn: "2023-07-17") { id } }`, { s: street.HM })).createMeeting;
    const before = await db.db.selectFrom('review').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const wrongKind = await as.tq_ops!(`mutation($u: ID!, $m: ID!) { createReview(unitId: $u, period: "2023年7月", meetingId: $m) { id } }`, { u: cgzd.TQ, m: weekly.id });
    expect(wrongKind.errors?.[0]?.extensions?.fieldErrors).toEqual({ meetingId: '分级点评应关联领导小组会议' });
    const escWrongKind = await as.tq_ops!(`mutation($s: ID!, $m: ID!) { createEscalation(streetId: $s, title: "x", meetingId: $m) { id } }`, { s: street.TQ, m: weekly.id });
    expect(escWrongKind.errors?.[0]?.extensions?.fieldErrors).toEqual({ meetingId: '一事一议应关联专题会议或领导小组会议' });
    // 花木's 领导小组 meeting, though its 城管中队 shares the name and code.
    const otherStreet = await admin(`mutation($u: ID!, $m: ID!) { createReview(unitId: $u, period: "2023年7月", meetingId: $m) { id } }`, { u: cgzd.TQ, m: hmLg.id });
    expect(otherStreet.errors?.[0]?.extensions?.fieldErrors).toEqual({ meetingId: '会议不属于本街镇' });
    const after = await db.db.selectFrom('review').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
