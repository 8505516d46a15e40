// The ticket list's bulk work (issue #15): the multi-status filter (`statuses`, beside the old `status`) and 批量派单
// (dispatchTickets), all or nothing, naming the ticket that could not be dispatched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode, expectOk, setupFixture, snapshot, ticketIn, type Fixture } from './setup';

let f: Fixture;
/** A unit of the other street with the same name as unit A (every street has its 城管中队). */
let namesake: number;
beforeAll(async () => {
  f = await setupFixture();
  namesake = (await f.db.db.insertInto('unit').values({ streetId: f.otherStreetId, code: 'CG2', name: '城管中队', peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => f?.db.close());

const LIST = `query($f: TicketFilter) { allTickets(filter: $f, perPage: 100) { id status } _allTicketsMeta(filter: $f) { count } }`;
async function listed(filter: Record<string, unknown>) {
  const r = await f.as.OPS(LIST, { f: { streetId: String(f.streetId), ...filter } });
  expectOk(r);
  expect(r.data._allTicketsMeta.count).toBe(r.data.allTickets.length);
  return (r.data.allTickets as Array<{ id: string; status: string }>).map((t) => Number(t.id)).sort((a, b) => a - b);
}

describe('the statuses filter', () => {
  it('matches any of several states, keeps the single status filter, and an empty list matches nothing', async () => {
    const received = await ticketIn(f, 'RECEIVED');
    const submitted = await ticketIn(f, 'SUBMITTED');
    const closed = await ticketIn(f, 'CLOSED');
    const accepted = await ticketIn(f, 'ACCEPTED');
    const mine = new Set([received.id, submitted.id, closed.id, accepted.id]);
    const only = (ids: number[]) => ids.filter((id) => mine.has(id));

    expect(only(await listed({ statuses: ['RECEIVED', 'SUBMITTED'] }))).toEqual([received.id, submitted.id].sort((a, b) => a - b));
    // 全部未办结: every state but CLOSED.
    const open = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'];
    expect(only(await listed({ statuses: open }))).toEqual([received.id, submitted.id, accepted.id].sort((a, b) => a - b));
    expect(only(await listed({ status: 'CLOSED' }))).toEqual([closed.id]);
    // Both given: both apply.
    expect(only(await listed({ status: 'ACCEPTED', statuses: ['ACCEPTED', 'CLOSED'] }))).toEqual([accepted.id]);
    expect(await listed({ statuses: [] })).toEqual([]);
    // Not given (null): no restriction.
    expect(only(await listed({ statuses: null }))).toHaveLength(4);
  });

  it('refuses a state that does not exist, naming the field', async () => {
    const r = await f.as.OPS(LIST, { f: { statuses: ['OPEN'] } });
    expect(r.errors?.[0]?.message).toMatch(/statuses|OPEN/);
  });
});

const BULK = `mutation($ids: [ID!]!, $versions: [Int!]!, $unit: ID!) { dispatchTickets(ticketIds: $ids, versions: $versions, unitId: $unit) { id status unitId version } }`;
const numberOf = async (id: number) => (await f.db.db.selectFrom('ticket').select('number').where('id', '=', id).executeTakeFirstOrThrow()).number;

describe('dispatchTickets (批量派单)', () => {
  it('dispatches every selected ticket to one unit, with an event and an audit row each', async () => {
    const a = await ticketIn(f, 'RECEIVED');
    const b = await ticketIn(f, 'RECEIVED');
    const r = await f.as.OPS(BULK, { ids: [a.idStr, b.idStr], versions: [a.version, b.version], unit: String(f.unitB) });
    expectOk(r);
    expect(r.data.dispatchTickets).toEqual([
      { id: a.idStr, status: 'DISPATCHED', unitId: String(f.unitB), version: a.version + 1 },
      { id: b.idStr, status: 'DISPATCHED', unitId: String(f.unitB), version: b.version + 1 },
    ]);
    for (const t of [a, b]) {
      const events = await f.db.db.selectFrom('ticketEvent').select('kind').where('ticketId', '=', t.id).execute();
      expect(events.map((e) => e.kind)).toContain('DISPATCHED');
      const audits = await f.db.db.selectFrom('auditLog').select('operation').where('entityId', '=', String(t.id)).where('entity', '=', 'ticket').execute();
      expect(audits.map((x) => x.operation)).toContain('dispatchTickets');
    }
  });

  it('writes nothing when one ticket cannot be dispatched, and names that ticket in Chinese', async () => {
    const a = await ticketIn(f, 'RECEIVED');
    const done = await ticketIn(f, 'ACCEPTED'); // already with a unit: 派单 is not a step it can take
    const c = await ticketIn(f, 'RECEIVED');
    const before = await Promise.all([a, done, c].map((t) => snapshot(f, t.id)));
    const r = await f.as.OPS(BULK, { ids: [a.idStr, done.idStr, c.idStr], versions: [a.version, done.version, c.version], unit: String(f.unitB) });
    expectCode(r, 'ILLEGAL_TRANSITION');
    const message = r.errors![0]!.message;
    expect(message).toContain(`工单 ${await numberOf(done.id)}`);
    expect(message).not.toContain(await numberOf(a.id));
    expect(message).toMatch(/全部未派单/);
    expect(r.errors![0]!.extensions).toMatchObject({ ticketId: done.idStr, index: 1 });
    // a, dispatched before the refusal inside the same transaction, is rolled back with the rest.
    expect(await Promise.all([a, done, c].map((t) => snapshot(f, t.id)))).toEqual(before);
  });

  it('refuses a ticket changed since it was read (CONFLICT), naming it, and writes nothing', async () => {
    const a = await ticketIn(f, 'RECEIVED');
    const b = await ticketIn(f, 'RECEIVED');
    const before = await snapshot(f, a.id);
    const r = await f.as.OPS(BULK, { ids: [a.idStr, b.idStr], versions: [a.version, b.version + 1], unit: String(f.unitB) });
    expectCode(r, 'CONFLICT');
    expect(r.errors![0]!.message).toContain(`工单 ${await numberOf(b.id)}`);
    expect(await snapshot(f, a.id)).toEqual(before);
  });

  it('refuses the namesake unit of another street: the unit must be of the ticket’s street', async () => {
    const a = await ticketIn(f, 'RECEIVED');
    const before = await snapshot(f, a.id);
    const r = await f.as.OPS(BULK, { ids: [a.idStr], versions: [a.version], unit: String(namesake) });
    expectCode(r, 'BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/不属于该工单的街镇/);
    expect(r.errors![0]!.message).toContain(`工单 ${await numberOf(a.id)}`);
    expect(await snapshot(f, a.id)).toEqual(before);
    // The street's own 城管中队 is accepted.
    expectOk(await f.as.OPS(BULK, { ids: [a.idStr], versions: [a.version], unit: String(f.unitA) }));
  });

  it('checks its arguments and its callers', async () => {
    const a = await ticketIn(f, 'RECEIVED');
    const b = await ticketIn(f, 'RECEIVED');
    expectCode(await f.as.OPS(BULK, { ids: [], versions: [], unit: String(f.unitB) }), 'BAD_USER_INPUT');
    const mismatch = await f.as.OPS(BULK, { ids: [a.idStr, b.idStr], versions: [a.version], unit: String(f.unitB) });
    expectCode(mismatch, 'BAD_USER_INPUT');
    expect(mismatch.errors![0]!.message).toMatch(/versions/);
    expectCode(await f.as.OPS(BULK, { ids: [a.idStr, a.idStr], versions: [a.version, a.version], unit: String(f.unitB) }), 'BAD_USER_INPUT');
    expectCode(await f.as.HANDLER_A(BULK, { ids: [a.idStr], versions: [a.version], unit: String(f.unitA) }), 'FORBIDDEN');
    expectCode(await f.as.LEADER(BULK, { ids: [a.idStr], versions: [a.version], unit: String(f.unitA) }), 'FORBIDDEN');
    const unchanged = await f.db.db.selectFrom('ticket').select('status').where('id', 'in', [a.id, b.id]).execute();
    expect(unchanged.map((t) => t.status)).toEqual(['RECEIVED', 'RECEIVED']);
  });
});

describe('我的待办: 待办结审核', () => {
  it('lists the submissions by deadline, earliest first (not by when they were submitted)', async () => {
    const laterDue = await ticketIn(f, 'SUBMITTED', { submittedAt: new Date('2023-06-01T10:00:00+08:00'), completionDue: new Date('2000-01-02T10:00:00+08:00') });
    const earliestDue = await ticketIn(f, 'SUBMITTED', { submittedAt: new Date('2023-07-01T10:00:00+08:00'), completionDue: new Date('2000-01-01T10:00:00+08:00') });
    const r = await f.as.OPS(`{ myWork(limit: 20) { key items { id unitId due } } }`);
    expectOk(r);
    const items = (r.data.myWork as Array<{ key: string; items: Array<{ id: string; unitId: string; due: string }> }>).find((s) => s.key === 'toAudit')!.items;
    expect(items.slice(0, 2).map((i) => i.id)).toEqual([earliestDue.idStr, laterDue.idStr]);
    const dues = items.map((i) => new Date(i.due).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(items[0]!.unitId).toBe(String(f.unitA));
  });
});
