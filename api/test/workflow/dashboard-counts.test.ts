// The counts behind the handler's dashboard (issue #15): 「已超期」 (我的待办's overdue list and the Ticket list's
// overdue filter, repos/overdue.ts) leaves out tickets waiting on the 城运中心 or its leaders — a return or an
// extension request pending their decision, a submission awaiting the closure audit — and both places count
// alike; the indicators carry their numerators and denominators (Kpis.fractions), which agree with kpiExplain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, expectOk, setupFixture, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const PAST = at('2023-06-29T23:59:59.999+08:00');
const overdueOf = async (who: keyof Fixture['as']) => {
  const r = await f.as[who](`{ myWork { key count items { id } } list: allTickets(perPage: 100, filter: { overdue: true }) { id } meta: _allTicketsMeta(filter: { overdue: true }) { count } }`);
  expectOk(r);
  const section = (r.data.myWork as any[]).find((s) => s.key === 'overdue');
  return { count: section.count as number, items: section.items.map((i: any) => Number(i.id)).sort((a: number, b: number) => a - b), list: r.data.list.map((x: any) => Number(x.id)).sort((a: number, b: number) => a - b), meta: r.data.meta.count as number };
};

describe('已超期', () => {
  it('counts what waits on the unit, not a return, an extension or a submission waiting on the 城运中心, in 我的待办 and the list alike', async () => {
    const late = await ticketIn(f, 'IN_PROGRESS', { completionDue: PAST });
    const notAccepted = await ticketIn(f, 'DISPATCHED', { completionDue: PAST });
    const returnPending = await ticketIn(f, 'RETURN_PENDING', { completionDue: PAST });
    const extensionPending = await ticketIn(f, 'IN_PROGRESS', { completionDue: PAST });
    await f.db.db.insertInto('extensionRequest').values({ ticketId: extensionPending.id, unitId: f.unitA, reason: '需协调多部门，申请延期' }).execute();
    const extensionRejected = await ticketIn(f, 'IN_PROGRESS', { completionDue: PAST });
    await f.db.db.insertInto('extensionRequest').values({ ticketId: extensionRejected.id, unitId: f.unitA, reason: '申请延期', status: 'REJECTED', decidedAt: at('2023-06-28T10:00:00+08:00'), decidedBy: f.userIds.LEADER! }).execute();
    const submitted = await ticketIn(f, 'SUBMITTED', { completionDue: PAST });
    await ticketIn(f, 'CLOSED', { completionDue: PAST });
    await ticketIn(f, 'IN_PROGRESS', { completionDue: new Date(Date.now() + 30 * 86_400_000) });
    // Another unit's and another street's overdue tickets are not handler A's.
    const otherUnit = await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitB, completionDue: PAST });
    await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitX, streetId: f.otherStreetId, completionDue: PAST });

    const a = await overdueOf('HANDLER_A');
    const expected = [late.id, notAccepted.id, extensionRejected.id].sort((x, y) => x - y);
    expect(a.items).toEqual(expected);
    expect(a.count).toBe(3);
    // The list the 已超期 line opens shows the same tickets.
    expect(a.list).toEqual(expected);
    expect(a.meta).toBe(3);
    for (const waiting of [returnPending, extensionPending, submitted]) expect(a.list).not.toContain(waiting.id);

    const b = await overdueOf('HANDLER_B');
    expect(b.items).toEqual([otherUnit.id]);
    expect(b.list).toEqual([otherUnit.id]);

    // Once the extension is decided (rejected), the ticket is the unit's again.
    await f.db.db.updateTable('extensionRequest').set({ status: 'REJECTED', decidedAt: new Date(), decidedBy: f.userIds.LEADER! }).where('ticketId', '=', extensionPending.id).execute();
    const again = await overdueOf('HANDLER_A');
    expect(again.count).toBe(4);
    expect(again.list).toContain(extensionPending.id);
  });
});

describe('Kpis.fractions', () => {
  it('gives each rate’s numerator and denominator, as kpiExplain counts them', async () => {
    const june = (d: string) => at(`2023-06-${d}T09:00:00+08:00`);
    for (const d of ['05', '06', '07']) await ticketIn(f, 'CLOSED', { unitId: f.unitC, receivedAt: june(d), completionDue: at(`2023-06-${Number(d) + 5}T23:59:59.999+08:00`) });
    // Contacted after its due, and closed late.
    await ticketIn(f, 'CLOSED', {
      unitId: f.unitC, receivedAt: june('08'), firstContactDue: at('2023-06-09T23:59:59.999+08:00'), firstContactAt: at('2023-06-12T10:00:00+08:00'),
      completionDue: at('2023-06-09T23:59:59.999+08:00'), submittedAt: at('2023-06-12T11:00:00+08:00'), closedAt: at('2023-06-12T11:00:00+08:00'), resolution: 'EXPLAINED',
    });
    // Open and past its due in June: late in 按期完成率's denominator.
    await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitC, receivedAt: june('12'), completionDue: at('2023-06-19T23:59:59.999+08:00') });

    const q = `query($u: ID!) {
      kpis(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30") { firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate fractions { indicator numerator denominator } }
      kpiTrend(nodeType: UNIT, nodeId: $u, year: 2023) { month kpis { fractions { indicator numerator denominator } } }
      fc: kpiExplain(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30", indicator: FIRST_CONTACT, limit: 0) { numerator denominator }
      ot: kpiExplain(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30", indicator: ON_TIME, limit: 0) { numerator denominator }
      rs: kpiExplain(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30", indicator: ACTUAL_RESOLVED_SHARE, limit: 0) { numerator denominator }
    }`;
    const r = await f.as.OPS(q, { u: String(f.unitC) });
    expectOk(r);
    const fr = Object.fromEntries((r.data.kpis.fractions as any[]).map((x) => [x.indicator, [x.numerator, x.denominator]]));
    expect(fr.FIRST_CONTACT).toEqual([3, 4]);
    expect(fr.ON_TIME).toEqual([3, 5]);
    expect(fr.ACTUAL_RESOLVED_SHARE).toEqual([3, 4]);
    expect(fr.FIRST_CONTACT).toEqual([r.data.fc.numerator, r.data.fc.denominator]);
    expect(fr.ON_TIME).toEqual([r.data.ot.numerator, r.data.ot.denominator]);
    expect(fr.ACTUAL_RESOLVED_SHARE).toEqual([r.data.rs.numerator, r.data.rs.denominator]);
    expect(r.data.kpis.firstContactRate).toBe(3 / 4);
    expect(r.data.kpis.onTimeRate).toBe(3 / 5);
    // No callback: satisfaction's denominator is 0 and its rate null ("—"), never 0%.
    expect(fr.SATISFACTION).toEqual([0, 0]);
    expect(r.data.kpis.satisfactionRate).toBeNull();
    expect(r.data.kpiTrend.find((m: any) => m.month === '2023-06').kpis.fractions).toEqual(r.data.kpis.fractions);

    // The unit's handler reads its own unit's fractions; another unit's are not found.
    const own = await f.as.HANDLER_A(`query($u: ID!) { kpis(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30") { fractions { indicator denominator } } }`, { u: String(f.unitA) });
    expectOk(own);
    const other = await f.as.HANDLER_A(`query($u: ID!) { kpis(nodeType: UNIT, nodeId: $u, from: "2023-06-01", to: "2023-06-30") { fractions { indicator } } }`, { u: String(f.unitC) });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
