// Tickets through the register API: due times on every write, unit scoping, masking, loaders (no N+1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let ops: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let streetId: string;
let unitA: string;
let unitB: string;

const CREATE = `mutation($n: String!, $s: ID!, $u: ID, $c: TicketCategory!, $r: DateTime!, $urgent: Boolean, $phone: String, $ch: TicketChannel) {
  createTicket(number: $n, streetId: $s, unitId: $u, category: $c, receivedAt: $r, urgent: $urgent, citizenPhone: $phone, channel: $ch) {
    id version status firstContactDue completionDue citizenPhone
  }
}`;

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin('mutation { createDistrict(code: "PD", name: "浦东新区") { id } }');
  const s = await admin('mutation($d: ID!) { createStreet(code: "TQ", name: "塘桥街道", districtId: $d) { id } }', { d: d.data.createDistrict.id });
  streetId = s.data.createStreet.id;
  const mk = async (code: string, name: string) =>
    (await admin('mutation($s: ID!, $c: String!, $n: String!) { createUnit(code: $c, name: $n, streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: streetId, c: code, n: name })).data.createUnit.id as string;
  unitA = await mk('CG', '城管中队');
  unitB = await mk('FG', '房管办事处');
});
afterAll(() => db?.close());

describe('due times are computed on every ticket write (domain.md §2)', () => {
  it('a complaint received 2023-06-21 is due for first contact on 06-25 (make-up Sunday) and closure on 06-29', async () => {
    const r = await ops(CREATE, { n: 'T-0621', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-06-21T09:12:00+08:00' });
    expect(r.errors).toBeUndefined();
    expect(r.data.createTicket.firstContactDue).toBe('2023-06-25T15:59:59.999Z');
    expect(r.data.createTicket.completionDue).toBe('2023-06-29T15:59:59.999Z');
    expect(r.data.createTicket.status).toBe('DISPATCHED');
  });

  it('an urgent ticket must be contacted within 2 natural hours', async () => {
    const r = await ops(CREATE, { n: 'T-URG', s: streetId, u: unitA, c: 'HELP', r: '2023-06-21T22:30:00+08:00', urgent: true });
    expect(r.data.createTicket.firstContactDue).toBe('2023-06-21T16:30:00.000Z'); // 00:30 Shanghai
  });

  it('recomputes when the category changes', async () => {
    const c = await ops(CREATE, { n: 'T-CAT', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-04-28T10:00:00+08:00' });
    expect(c.data.createTicket.completionDue).toBe('2023-05-09T15:59:59.999Z');
    const u = await ops('mutation($id: ID!, $v: Int) { updateTicket(id: $id, version: $v, category: CONSULT) { completionDue events { kind before after } } }', {
      id: c.data.createTicket.id,
      v: c.data.createTicket.version,
    });
    expect(u.data.updateTicket.completionDue).toBe('2023-05-04T15:59:59.999Z');
    expect(u.data.updateTicket.events.map((e: any) => e.kind)).toEqual(['CREATED', 'EDITED']);
    expect(u.data.updateTicket.events[1].after.category).toBe('CONSULT');
  });

  it('refuses a unit of another street and a first contact before receipt, naming the fields', async () => {
    const admin = await api.signedIn('ADMIN');
    const d = await admin('mutation { createDistrict(code: "X", name: "其他区") { id } }');
    const s2 = await admin('mutation($d: ID!) { createStreet(code: "X1", name: "其他街道", districtId: $d) { id } }', { d: d.data.createDistrict.id });
    const r = await ops(CREATE, { n: 'T-BAD', s: s2.data.createStreet.id, u: unitA, c: 'COMPLAINT', r: '2023-06-21T09:00:00+08:00' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.fieldErrors?.unitId).toMatch(/不属于/);
  });

  it('refuses a duplicate ticket number', async () => {
    await ops(CREATE, { n: 'T-DUP', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-06-21T09:00:00+08:00' });
    const r = await ops(CREATE, { n: 'T-DUP', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-06-21T09:00:00+08:00' });
    expect(r.errors?.[0]?.extensions?.fieldErrors?.number).toBeDefined();
  });
});

describe('repeat groups', () => {
  it('flattens a chain to its root master', async () => {
    const m = await ops(CREATE, { n: 'R-M', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-05-10T09:00:00+08:00' });
    const c1 = await ops(CREATE, { n: 'R-C1', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-05-10T10:00:00+08:00' });
    const c2 = await ops(CREATE, { n: 'R-C2', s: streetId, u: unitA, c: 'COMPLAINT', r: '2023-05-10T11:00:00+08:00' });
    await ops('mutation($id: ID!, $v: Int, $r: ID) { updateTicket(id: $id, version: $v, repeatOfId: $r) { id } }', { id: c1.data.createTicket.id, v: 1, r: m.data.createTicket.id });
    const r = await ops('mutation($id: ID!, $v: Int, $r: ID) { updateTicket(id: $id, version: $v, repeatOfId: $r) { repeatOfId repeatOf { number } } }', {
      id: c2.data.createTicket.id,
      v: 1,
      r: c1.data.createTicket.id,
    });
    expect(r.data.updateTicket).toEqual({ repeatOfId: m.data.createTicket.id, repeatOf: { number: 'R-M' } });
  });
});

describe('repeat early warnings (domain.md §5, contract.md "Warnings")', () => {
  it('raises YELLOW at 5 and RED at 10 tickets of a group on one day, current as soon as tickets change', async () => {
    const master = await ops(CREATE, { n: 'W-M', s: streetId, u: unitB, c: 'COMPLAINT', r: '2023-07-03T08:00:00+08:00' });
    const masterId = master.data.createTicket.id;
    const child = async (i: number, day = '2023-07-03') => {
      const c = await ops(CREATE, { n: `W-${day}-${i}`, s: streetId, u: unitB, c: 'COMPLAINT', r: `${day}T${String(9 + (i % 12)).padStart(2, '0')}:00:00+08:00` });
      const r = await ops('mutation($id: ID!, $r: ID) { updateTicket(id: $id, version: 1, repeatOfId: $r) { id } }', { id: c.data.createTicket.id, r: masterId });
      expect(r.errors).toBeUndefined();
      return c.data.createTicket.id as string;
    };
    const unmerge = async (id: string) => {
      const r = await ops('mutation($id: ID!) { updateTicket(id: $id, version: 2, repeatOfId: null) { id } }', { id });
      expect(r.errors).toBeUndefined();
    };
    const warnings = async () =>
      (await ops('query($s: ID!) { warnings(streetId: $s, from: "2023-07-01", to: "2023-07-31") { level date count status masterTicket { number } unit { name } } }', { s: streetId })).data.warnings;
    const first = await child(1);
    for (let i = 2; i <= 3; i++) await child(i);
    expect(await warnings()).toEqual([]);
    await child(4); // master + 4 children = 5 on 07-03
    expect(await warnings()).toEqual([{ level: 'YELLOW', date: '2023-07-03', count: 5, status: 'OPEN', masterTicket: { number: 'W-M' }, unit: { name: '房管办事处' } }]);
    const later: string[] = [];
    for (let i = 5; i <= 9; i++) later.push(await child(i));
    const red = await warnings();
    expect(red).toHaveLength(1);
    expect(red[0]).toMatchObject({ level: 'RED', count: 10 });
    // A ticket received on another day (00:30 Shanghai is still the previous UTC day) counts on its own day.
    await child(1, '2023-07-04');
    expect((await warnings()).map((w: any) => w.date)).toEqual(['2023-07-03']);
    // Unmerged children leave the count: back to YELLOW at 9, and no warning at all below 5.
    await unmerge(later[0]!);
    expect(await warnings()).toMatchObject([{ level: 'YELLOW', count: 9 }]);
    for (const id of later.slice(1)) await unmerge(id);
    expect(await warnings()).toMatchObject([{ level: 'YELLOW', count: 5 }]);
    await unmerge(first);
    expect(await warnings()).toEqual([]);
  });
});

describe('unit handlers see only their own unit', () => {
  it('lists, filters and reads by id only their tickets; others are NOT_FOUND', async () => {
    const mine = await ops(CREATE, { n: 'H-A', s: streetId, u: unitA, c: 'HELP', r: '2023-06-01T09:00:00+08:00' });
    const other = await ops(CREATE, { n: 'H-B', s: streetId, u: unitB, c: 'HELP', r: '2023-06-01T09:00:00+08:00' });
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
    const list = await handler('query($ids: [ID]) { allTickets(perPage: 100, filter: { ids: $ids }) { number } }', { ids: [mine.data.createTicket.id, other.data.createTicket.id] });
    expect(list.data.allTickets.map((t: any) => t.number)).toEqual(['H-A']);
    const byUnit = await handler('query($u: ID) { _allTicketsMeta(filter: { unitId: $u }) { count } }', { u: unitB });
    expect(byUnit.data._allTicketsMeta.count).toBe(0);
    const one = await handler('query($id: ID!) { Ticket(id: $id) { number } }', { id: other.data.createTicket.id });
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const write = await handler('mutation($id: ID!) { updateTicket(id: $id, version: 1, replyText: "x") { id } }', { id: other.data.createTicket.id });
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const reassign = await handler('mutation($id: ID!, $u: ID) { updateTicket(id: $id, version: 1, unitId: $u) { id } }', { id: mine.data.createTicket.id, u: unitB });
    expect(reassign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('cannot reach another unit\'s ticket through a nested relation', async () => {
    const master = await ops(CREATE, { n: 'N-B', s: streetId, u: unitB, c: 'HELP', r: '2023-06-02T09:00:00+08:00' });
    const child = await ops(CREATE, { n: 'N-A', s: streetId, u: unitA, c: 'HELP', r: '2023-06-02T10:00:00+08:00' });
    await ops('mutation($id: ID!, $r: ID) { updateTicket(id: $id, version: 1, repeatOfId: $r) { id } }', { id: child.data.createTicket.id, r: master.data.createTicket.id });
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(unitA) });
    const r = await handler('query($id: ID!) { Ticket(id: $id) { number repeatOfId repeatOf { number } } }', { id: child.data.createTicket.id });
    expect(r.data.Ticket.repeatOf).toBeNull();
  });
});

describe('personal data', () => {
  it('masks the citizen phone unless the user may read personal data, and logs unmasked reads', async () => {
    const t = await ops(CREATE, { n: 'P-1', s: streetId, u: unitA, c: 'HELP', r: '2023-06-01T09:00:00+08:00', phone: '13812345678' });
    expect(t.data.createTicket.citizenPhone).toBe('138****5678');
    const reader = await api.signedIn('OPS', { canReadPersonalData: true });
    const before = await db.db.selectFrom('personalDataAccess').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await reader('query($id: ID!) { Ticket(id: $id) { citizenPhone } }', { id: t.data.createTicket.id });
    expect(r.data.Ticket.citizenPhone).toBe('13812345678');
    const after = await db.db.selectFrom('personalDataAccess').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('keeps the real phone when a client saves the masked one back with the whole record', async () => {
    const t = await ops(CREATE, { n: 'P-2', s: streetId, u: unitA, c: 'HELP', r: '2023-06-01T09:00:00+08:00', phone: '13900001111' });
    const u = await ops('mutation($id: ID!, $p: String) { updateTicket(id: $id, version: 1, citizenPhone: $p, topic: "物业维修") { citizenPhone } }', {
      id: t.data.createTicket.id,
      p: t.data.createTicket.citizenPhone,
    });
    expect(u.errors).toBeUndefined();
    const stored = await db.db.selectFrom('ticket').select('citizenPhone').where('number', '=', 'P-2').executeTakeFirstOrThrow();
    expect(stored.citizenPhone).toBe('13900001111');
  });
});

describe('relations go through per-request loaders', () => {
  it('lists 100 tickets with unit, street and district in a constant number of SQL statements', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      number: `BULK-${i}`,
      streetId: Number(streetId),
      unitId: Number(i % 2 ? unitA : unitB),
      category: 'COMPLAINT',
      receivedAt: new Date(Date.UTC(2023, 7, 1, i)),
      firstContactDue: new Date(Date.UTC(2023, 7, 2)),
      completionDue: new Date(Date.UTC(2023, 7, 8)),
    }));
    await db.db.insertInto('ticket').values(rows).execute();
    const q = `query($n: Int!) { allTickets(perPage: $n, filter: { q: "BULK" }) { number unit { name street { name } } street { name district { name } } repeatOf { number } } }`;
    const count = async (n: number) => {
      db.queries.reset();
      const r = await ops(q, { n });
      expect(r.errors).toBeUndefined();
      expect(r.data.allTickets).toHaveLength(n);
      return db.queries.count;
    };
    const for10 = await count(10);
    const for100 = await count(100);
    expect(for100).toBe(for10);
    expect(for100).toBeLessThanOrEqual(8);
  });
});
