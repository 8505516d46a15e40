// Candidate suggestions for interviews and assistance (domain.md §6). One street, five departments ranked in May and
// June by how many of their 5 closed tickets were contacted late (0 late = 1st … 4 late = 5th), so the bottom 3 of
// each month are known by construction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { addTicket, at, makeStreet, type Org } from './fixtures';
import { assistanceCandidates, bottomPlaces, interviewCandidates, previousMonth } from '../../src/reports/candidates';
import { saveSnapshot, unitRanking } from '../../src/reports/ranking';

let db: TestDatabase;
let org: Org;
const u: Record<string, number> = {};
const NOW = at('2023-08-01 09:00');

/** 5 tickets closed in the month, `late` of them first-contacted after the due time. */
async function month(unitId: number, m: '05' | '06', late: number, n = 5) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await addTicket(db, {
        streetId: org.streetId,
        unitId,
        receivedAt: at(`2023-${m}-05 09:00`),
        firstContactDue: at(`2023-${m}-06 09:00`),
        firstContactAt: i < late ? at(`2023-${m}-07 09:00`) : at(`2023-${m}-05 10:00`),
        completionDue: at(`2023-${m}-12 23:59`),
        closedAt: at(`2023-${m}-08 10:00`),
      }),
    );
  }
  return ids;
}

async function refusedReturn(unitId: number, ticketId: number, decidedAt: Date) {
  await db.db
    .insertInto('returnRequest')
    .values({ ticketId, fromUnitId: unitId, reason: '非本单位职责', status: 'REJECTED', requestedAt: new Date(decidedAt.getTime() - 3_600_000), decidedAt })
    .execute();
}

let refusedTickets: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase('none');
  org = await makeStreet(db);
  const tag = Math.random().toString(36).slice(2, 6);
  for (const k of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6']) u[k] = await org.unit(`${k}${tag}`);
  u.R1 = await org.unit(`R1${tag}`, 'RESIDENTIAL');
  // May: bottom 3 are U2 (3rd from bottom), U4 (2nd), U5 (last); U3 is 2nd best.
  await month(u.U1!, '05', 0);
  await month(u.U3!, '05', 1);
  await month(u.U2!, '05', 2);
  await month(u.U4!, '05', 3);
  await month(u.U5!, '05', 4);
  // June: bottom 3 are U3, U4, U5 — so U4 and U5 twice in a row, U3 and U2 only once.
  const u1June = await month(u.U1!, '06', 0);
  await month(u.U2!, '06', 1);
  await month(u.U3!, '06', 2);
  await month(u.U4!, '06', 3);
  await month(u.U5!, '06', 4);
  // U6 is worst of all but under the minimum sample both months, even over the rolling window (2 + 2 < 5): no
  // rank, never a candidate.
  await month(u.U6!, '05', 2, 2);
  await month(u.U6!, '06', 2, 2);
  // R1 is alone in its peer group (ranked 1st and last both months): too small a group to single anyone out.
  await month(u.R1!, '05', 0);
  await month(u.R1!, '06', 0);
  // U1: three returns refused in June (one of them decided by the 主要领导 in June), one refused in May.
  refusedTickets = u1June.slice(0, 3);
  await refusedReturn(u.U1!, u1June[0]!, at('2023-06-10 10:00'));
  await refusedReturn(u.U1!, u1June[1]!, at('2023-06-15 10:00'));
  await refusedReturn(u.U1!, u1June[2]!, at('2023-06-30 23:00'));
  await refusedReturn(u.U1!, u1June[3]!, at('2023-05-31 23:00'));
  // U2: two refused in June — below the threshold.
  await refusedReturn(u.U2!, u1June[4]!, at('2023-06-11 10:00'));
  await refusedReturn(u.U2!, u1June[4]!, at('2023-06-12 10:00'));
});
afterAll(() => db?.close());

describe('interview candidates (约谈候选)', () => {
  it('the fixture ranks as intended', async () => {
    const june = await unitRanking(db.db, { streetId: org.streetId, month: '2023-06', now: NOW });
    const places = bottomPlaces(june.rows);
    expect([u.U3, u.U4, u.U5].map((id) => places.get(id!)?.fromBottom)).toEqual([3, 2, 1]);
    expect(places.get(u.U6!)).toBeUndefined();
    expect(previousMonth('2023-01')).toBe('2022-12');
  });

  it('names units in the bottom 3 two months running and units with ≥ 3 refused returns, each with its reason', async () => {
    const list = await interviewCandidates(db.db, { streetId: org.streetId, month: '2023-06', now: NOW });
    const byUnit = new Map(list.map((c) => [c.unitId, c]));
    expect([...byUnit.keys()].sort()).toEqual([u.U1, u.U4, u.U5].sort());
    expect(byUnit.get(u.U5!)).toMatchObject({ bottomPlaces: [1, 1], explanations: ['连续两个月排名组内倒数第 1、第 1'], reasons: ['长期绩效不理想'], refusedReturns: 0 });
    expect(byUnit.get(u.U4!)).toMatchObject({ bottomPlaces: [2, 2], explanations: ['连续两个月排名组内倒数第 2、第 2'] });
    expect(byUnit.get(u.U1!)).toMatchObject({ bottomPlaces: null, refusedReturns: 3, explanations: ['本月退单被驳回 3 次'], reasons: ['多次随意退单'] });
    expect(byUnit.get(u.U1!)!.ticketIds).toEqual([...refusedTickets].sort((a, b) => a - b));
    // U3 (bottom 3 only in June), U2 (only in May, 2 refused returns), U6 (no rank) and R1 (alone in its peer
    // group, so last of it every month) are not candidates.
    for (const k of ['U2', 'U3', 'U6', 'R1']) expect(byUnit.has(u[k]!)).toBe(false);
  });

  it('says when the unit already has an interview that month', async () => {
    const before = await interviewCandidates(db.db, { streetId: org.streetId, month: '2023-06', now: NOW });
    expect(before.every((c) => c.interviewId === null)).toBe(true);
    const may = await db.db.insertInto('interview').values({ unitId: u.U4!, level: 'DEPUTY_LEADER', date: '2023-05-20' }).returning('id').executeTakeFirstOrThrow();
    const june = await db.db.insertInto('interview').values({ unitId: u.U5!, level: 'DEPUTY_LEADER', date: '2023-06-30' }).returning('id').executeTakeFirstOrThrow();
    const after = new Map((await interviewCandidates(db.db, { streetId: org.streetId, month: '2023-06', now: NOW })).map((c) => [c.unitId, c]));
    expect(after.get(u.U5!)!.interviewId).toBe(june.id);
    expect(after.get(u.U4!)!.interviewId).toBeNull(); // May's interview is another month
    await db.db.deleteFrom('interview').where('id', 'in', [may.id, june.id]).execute();
  });

  it('reads a published month from its snapshot, not from later edits', async () => {
    const org2 = await makeStreet(db);
    const ids: number[] = [];
    for (const k of ['A', 'B', 'C', 'D']) ids.push(await org2.unit(`${k}${Math.random().toString(36).slice(2, 6)}`));
    const save = org;
    org = org2;
    try {
      // May: A best … D worst; June: the same. Bottom 3 both months: B, C, D.
      for (const m of ['05', '06'] as const) for (let i = 0; i < 4; i++) await month(ids[i]!, m, i);
      const live = await unitRanking(db.db, { streetId: org2.streetId, month: '2023-05', now: NOW });
      await saveSnapshot(db.db, { streetId: org2.streetId, month: '2023-05', schemeId: live.schemeId!, rows: live.rows, publishedBy: null, replace: false });
      // After publication, A's May tickets turn bad: live May would put A last and B out of the bottom 3.
      await month(ids[0]!, '05', 5);
      const list = await interviewCandidates(db.db, { streetId: org2.streetId, month: '2023-06', now: NOW });
      expect(list.map((c) => c.unitId).sort()).toEqual([ids[1], ids[2], ids[3]].sort());
    } finally {
      org = save;
    }
  });
});

describe('candidates in a peer group of 3 or fewer ranked units', () => {
  it('proposes no one by rank — every unit is in its "bottom 3" — but still by refused returns', async () => {
    const org3 = await makeStreet(db);
    const ids: number[] = [];
    for (const k of ['X', 'Y', 'Z']) ids.push(await org3.unit(`${k}${Math.random().toString(36).slice(2, 6)}`));
    const save = org;
    org = org3;
    try {
      // X best … Z worst, both months: all three are "bottom 3" of their group twice in a row.
      let zJune: number[] = [];
      for (const m of ['05', '06'] as const) for (let i = 0; i < 3; i++) {
        const t = await month(ids[i]!, m, i + 1);
        if (m === '06' && i === 2) zJune = t;
      }
      const june = await unitRanking(db.db, { streetId: org3.streetId, month: '2023-06', now: NOW });
      expect(june.rows.filter((r) => r.rank != null)).toHaveLength(3);
      expect(await interviewCandidates(db.db, { streetId: org3.streetId, month: '2023-06', now: NOW })).toEqual([]);
      expect(await assistanceCandidates(db.db, { streetId: org3.streetId, month: '2023-06', now: NOW })).toEqual([]);
      for (const t of zJune.slice(0, 3)) await refusedReturn(ids[2]!, t, at('2023-06-20 10:00'));
      const list = await interviewCandidates(db.db, { streetId: org3.streetId, month: '2023-06', now: NOW });
      expect(list).toMatchObject([{ unitId: ids[2], bottomPlaces: null, refusedReturns: 3, reasons: ['多次随意退单'] }]);
    } finally {
      org = save;
    }
  });
});

describe('assistance candidates (帮扶候选)', () => {
  it('are this month’s bottom 3 of each peer group without an open assistance', async () => {
    const open = await db.db.insertInto('assistance').values({ unitId: u.U4!, periodFrom: '2023-06-01', status: 'ONGOING' }).returning('id').executeTakeFirstOrThrow();
    const done = await db.db.insertInto('assistance').values({ unitId: u.U5!, periodFrom: '2023-03-01', periodTo: '2023-04-30', status: 'DONE' }).returning('id').executeTakeFirstOrThrow();
    const list = await assistanceCandidates(db.db, { streetId: org.streetId, month: '2023-06', now: NOW });
    expect(list.map((c) => [c.unitId, c.fromBottom])).toEqual([[u.U5, 1], [u.U3, 3]]); // R1: a group of one
    expect(list[0]!.explanation).toMatch(/^本月排名组内倒数第 1（第 5 名，总分 \d+\.\d\d）$/);
    await db.db.deleteFrom('assistance').where('id', 'in', [open.id, done.id]).execute();
  });
});

describe('candidates over the API', () => {
  it('are read by staff with the registers’ read access and refused to unit handlers', async () => {
    const api = testApi(db);
    const Q = `query($s: ID!, $m: String!) {
      interviewCandidates(streetId: $s, month: $m) { unit { id code } explanations reasons bottomPlaces refusedReturns ticketIds interview { id } }
      assistanceCandidates(streetId: $s, month: $m) { unit { id } peerGroup rank fromBottom explanation }
    }`;
    const ops = await api.signedIn('OPS');
    const r = await ops(Q, { s: String(org.streetId), m: '2023-06' });
    expect(r.errors).toBeUndefined();
    expect(r.data.interviewCandidates.map((c: any) => Number(c.unit.id)).sort()).toEqual([u.U1, u.U4, u.U5].sort());
    expect(r.data.interviewCandidates.find((c: any) => Number(c.unit.id) === u.U1).ticketIds).toEqual(refusedTickets.map(String));
    expect(r.data.assistanceCandidates.map((c: any) => Number(c.unit.id))).toEqual([u.U5, u.U4, u.U3]);
    const reader = await api.signedIn('API_READER');
    expect((await reader(Q, { s: String(org.streetId), m: '2023-06' })).errors).toBeUndefined();
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: u.U1 });
    expect((await handler(Q, { s: String(org.streetId), m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await ops(Q, { s: String(org.streetId), m: '2023-6' });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fieldErrors: { month: expect.stringContaining('YYYY-MM') } } });
    expect((await ops(Q, { s: '999999', m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
