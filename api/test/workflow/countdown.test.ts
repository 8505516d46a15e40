// Ticket.completionWorkingMinutesLeft / firstContactWorkingMinutesLeft (schema/countdown.ts): what the due badge
// shows, at a fixed server clock, and loaded without per-row queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiYoga } from '../../src/yoga';
import { createUser } from '../../src/repos/auth';
import { clearDueTimeConfig } from '../../src/repos/calendar';
import { setupFixture, ticketIn, at, type Fixture } from './setup';

let f: Fixture;
// Thursday 2023-07-06 21:00 Shanghai.
const NOW = at('2023-07-06T21:00:00+08:00');
let gql: (query: string, variables?: Record<string, unknown>) => Promise<any>;

beforeAll(async () => {
  f = await setupFixture();
  const yoga = createApiYoga({ db: f.db.db, production: false, now: () => NOW });
  await createUser(f.db.db, { username: 'clock_ops', password: 'password-123', role: 'OPS' });
  const call = (query: string, variables: Record<string, unknown> = {}, cookie?: string) =>
    yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query, variables }) });
  const res = await call('mutation { login(username: "clock_ops", password: "password-123") { id } }');
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  gql = async (query, variables) => (await call(query, variables, cookie)).json();
});
afterAll(() => f?.db.close());

const FIELDS = 'id status completionWorkingMinutesLeft firstContactWorkingMinutesLeft';

describe('working-time countdowns on Ticket', () => {
  it('counts working days as 24 h each, negative when overdue, null when closed or contacted', async () => {
    // Due Monday 2023-07-10 23:59:59.999: 3 h of Thursday + Friday + Monday = 2 working days 3 hours.
    const open = await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-07-03T10:00:00+08:00'), firstContactDue: at('2023-07-07T23:59:59.999+08:00'), completionDue: at('2023-07-10T23:59:59.999+08:00') });
    // Completion due Wednesday 2023-07-05 (end of day): 21 working hours overdue (and the last millisecond).
    const late = await ticketIn(f, 'IN_PROGRESS', { receivedAt: at('2023-06-28T10:00:00+08:00'), completionDue: at('2023-07-05T23:59:59.999+08:00') });
    const closed = await ticketIn(f, 'CLOSED');
    const r = await gql(`query($ids: [ID]) { allTickets(filter: { ids: $ids }, sortField: "id", sortOrder: "ASC") { ${FIELDS} } }`, { ids: [open.idStr, late.idStr, closed.idStr] });
    expect(r.errors).toBeUndefined();
    expect(r.data.allTickets).toEqual([
      { id: open.idStr, status: 'DISPATCHED', completionWorkingMinutesLeft: (2 * 24 + 3) * 60, firstContactWorkingMinutesLeft: (24 + 3) * 60 },
      { id: late.idStr, status: 'IN_PROGRESS', completionWorkingMinutesLeft: -21 * 60 - 1, firstContactWorkingMinutesLeft: null },
      { id: closed.idStr, status: 'CLOSED', completionWorkingMinutesLeft: null, firstContactWorkingMinutesLeft: null },
    ]);
  });

  it("an urgent ticket's first contact counts natural minutes", async () => {
    const create = await gql(
      `mutation($s: ID!, $u: ID!, $t: DateTime!) { createTicket(number: "URG-CD-1", streetId: $s, unitId: $u, category: COMPLAINT, urgent: true, receivedAt: $t) { ${FIELDS} firstContactDue } }`,
      { s: String(f.streetId), u: String(f.unitA), t: at('2023-07-06T20:00:00+08:00').toISOString() },
    );
    expect(create.errors).toBeUndefined();
    expect(create.data.createTicket).toMatchObject({ firstContactWorkingMinutesLeft: 60, completionWorkingMinutesLeft: 24 * 60 + 3 * 60 });
  });

  it('lists 100 tickets with both countdowns in as many SQL statements as 10', async () => {
    await f.db.db.insertInto('ticket').values(Array.from({ length: 110 }, (_, i) => ({
      number: `CD-BULK-${i}`, streetId: f.streetId, unitId: f.unitA, category: 'COMPLAINT', status: 'DISPATCHED',
      receivedAt: at('2023-07-03T10:00:00+08:00'), firstContactDue: at('2023-07-04T23:59:59.999+08:00'), completionDue: at('2023-07-10T23:59:59.999+08:00'),
    }))).execute();
    const count = async (n: number) => {
      clearDueTimeConfig(f.db.db); // each request reads the calendar itself
      f.db.queries.reset();
      const r = await gql(`query($n: Int!) { allTickets(perPage: $n, filter: { q: "CD-BULK" }) { ${FIELDS} } }`, { n });
      expect(r.errors).toBeUndefined();
      expect(r.data.allTickets).toHaveLength(n);
      expect(r.data.allTickets.every((t: any) => t.completionWorkingMinutesLeft === (2 * 24 + 3) * 60)).toBe(true);
      return f.db.queries.count;
    };
    const for10 = await count(10);
    const for100 = await count(100);
    expect(for100).toBe(for10);
    expect(for100).toBeLessThanOrEqual(6);
  });
});
