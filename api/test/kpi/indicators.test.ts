// The four indicators (domain.md §3), one edge per test. Every number is computed twice — by the SQL report and by
// the pure module on the rows read back — and both must equal the expected value.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addTicket, at, makeStreet, readTickets, type Org } from './fixtures';
import { computeKpis, explainIndicator, type Kpis, type Period, type SatisfactionVariant } from '../../src/domain/kpi';
import { nodeKpis, type NodeRef } from '../../src/reports/kpis';
import { monthRange } from '../../src/domain/time';
import { computeDueTimes } from '../../src/domain/sla';
import { loadDueTimeConfig } from '../../src/repos/calendar';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('none');
});
afterAll(() => db?.close());

const [JUNE_START, JUNE_END] = monthRange('2023-06');
const JUNE: Period = { start: JUNE_START, end: JUNE_END };
/** Well after June: June is a closed month, asOf = its end. */
const LATER = at('2023-08-15 09:00');

/** The indicators of a unit by SQL and by the pure module; asserts they agree and returns them. */
async function unitKpis(unitId: number, opts: { period?: Period; now?: Date; variant?: SatisfactionVariant; schemeId?: number } = {}): Promise<Kpis> {
  const period = opts.period ?? JUNE;
  const now = opts.now ?? LATER;
  const node: NodeRef = { type: 'UNIT', id: unitId };
  const [row] = await nodeKpis(db.db, { node, periods: [{ key: 'p', ...period }], now, schemeId: opts.schemeId });
  const tickets = await readTickets(db, { unitId });
  const pure = computeKpis(tickets, period, { now, variant: opts.variant });
  expect(row!.kpis).toEqual(pure);
  return row!.kpis;
}

let org: Org;
let n = 0;
async function freshUnit() {
  org ??= await makeStreet(db);
  return org.unit(`U${++n}`);
}

describe('closure and contact at the due second', () => {
  it('closing exactly at completionDue is on time; one second later is late', async () => {
    const unitId = await freshUnit();
    const due = at('2023-06-09 23:59:59');
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-02 10:00'), completionDue: due, closedAt: due, resolution: 'EXPLAINED' });
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-02 11:00'), completionDue: due, closedAt: at('2023-06-10 00:00:00'), resolution: 'EXPLAINED' });
    const k = await unitKpis(unitId);
    expect(k.onTimeRate).toBe(0.5);
    expect(k.closedCount).toBe(2);
  });

  it('first contact exactly at firstContactDue is in time; one second later is not', async () => {
    const unitId = await freshUnit();
    const due = at('2023-06-05 17:00:00');
    const base = { streetId: org.streetId, unitId, receivedAt: at('2023-06-02 09:00'), firstContactDue: due, closedAt: at('2023-06-06 10:00'), resolution: 'ACTUALLY_RESOLVED' as const };
    await addTicket(db, { ...base, firstContactAt: due });
    await addTicket(db, { ...base, firstContactAt: at('2023-06-05 17:00:01') });
    await addTicket(db, { ...base, firstContactAt: null }); // never contacted: not in time
    const k = await unitKpis(unitId);
    expect(k.firstContactRate).toBe(1 / 3);
  });

  it('an urgent ticket must be contacted within 2 natural hours of receipt', async () => {
    const unitId = await freshUnit();
    const { rules, calendar } = await loadDueTimeConfig(db.db);
    const receivedAt = at('2023-06-10 22:30'); // a Saturday night: natural hours, not working days
    const { firstContactDue } = computeDueTimes({ category: 'COMPLAINT', channel: 'HOTLINE', urgent: true, receivedAt }, rules, calendar);
    expect(firstContactDue).toEqual(at('2023-06-11 00:30'));
    const common = { streetId: org.streetId, unitId, urgent: true, receivedAt, firstContactDue, closedAt: at('2023-06-12 12:00'), resolution: 'ACTUALLY_RESOLVED' as const };
    await addTicket(db, { ...common, firstContactAt: at('2023-06-11 00:30:00') });
    await addTicket(db, { ...common, firstContactAt: at('2023-06-11 00:30:01') });
    const k = await unitKpis(unitId);
    expect(k.firstContactRate).toBe(0.5);
  });
});

describe('repeat groups (重复件)', () => {
  it('children count in receivedCount but in no rate: the master carries the matter', async () => {
    const unitId = await freshUnit();
    const master = await addTicket(db, {
      streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), firstContactAt: at('2023-06-03 10:00'),
      closedAt: at('2023-06-05 10:00'), resolution: 'ACTUALLY_RESOLVED', callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'SATISFIED' }],
    });
    for (const h of ['11:00', '12:00']) {
      // Children closed late, unresolved and unsatisfied: none of it may leak into the rates.
      await addTicket(db, {
        streetId: org.streetId, unitId, repeatOfId: master, receivedAt: at(`2023-06-03 ${h}`), completionDue: at('2023-06-04 00:00'),
        closedAt: at('2023-06-20 10:00'), resolution: 'UNRESOLVED', callbacks: [{ calledAt: at('2023-06-21 10:00'), result: 'UNSATISFIED' }],
      });
    }
    const k = await unitKpis(unitId);
    expect(k).toEqual({ receivedCount: 3, closedCount: 1, firstContactRate: 1, onTimeRate: 1, resolutionRate: 1, actualResolvedShare: 1, satisfactionRate: 1 });
  });
});

describe('resolution and satisfaction sets', () => {
  it('an accepted UNFOUNDED finding is out of resolution and satisfaction, an unaccepted one is in', async () => {
    const unitId = await freshUnit();
    const closed = { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), firstContactAt: at('2023-06-03 10:00'), closedAt: at('2023-06-05 10:00') };
    await addTicket(db, { ...closed, factFinding: 'UNFOUNDED', unfoundedAccepted: true, resolution: 'UNRESOLVED', callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'UNSATISFIED' }] });
    await addTicket(db, { ...closed, factFinding: 'TRUE', resolution: 'ACTUALLY_RESOLVED', callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'SATISFIED' }] });
    let k = await unitKpis(unitId);
    expect(k).toMatchObject({ closedCount: 2, firstContactRate: 1, resolutionRate: 1, actualResolvedShare: 1, satisfactionRate: 1 });
    // The same finding while not (yet) accepted counts.
    await addTicket(db, { ...closed, factFinding: 'UNFOUNDED', unfoundedAccepted: false, resolution: 'UNRESOLVED', callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'UNSATISFIED' }] });
    k = await unitKpis(unitId);
    expect(k).toMatchObject({ closedCount: 3, resolutionRate: 0.5, actualResolvedShare: 1, satisfactionRate: 0.5 });
  });

  it('a closed ticket without a resolution is in C but not in R', async () => {
    const unitId = await freshUnit();
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), firstContactAt: at('2023-06-03 10:00'), closedAt: at('2023-06-05 10:00'), resolution: null });
    const k = await unitKpis(unitId);
    expect(k).toMatchObject({ closedCount: 1, firstContactRate: 1, resolutionRate: null, actualResolvedShare: null, satisfactionRate: null });
  });

  it('actualResolvedShare is ACTUALLY_RESOLVED over ACTUALLY_RESOLVED + EXPLAINED', async () => {
    const unitId = await freshUnit();
    const closed = { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), closedAt: at('2023-06-05 10:00') };
    for (const resolution of ['ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'] as const) await addTicket(db, { ...closed, resolution });
    const k = await unitKpis(unitId);
    expect(k.resolutionRate).toBe(4 / 5);
    expect(k.actualResolvedShare).toBe(3 / 4);
  });

  it('the latest reached callback wins, whichever order they were recorded in', async () => {
    const unitId = await freshUnit();
    const closed = { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), closedAt: at('2023-06-05 10:00'), resolution: 'ACTUALLY_RESOLVED' as const };
    // unsatisfied first, satisfied at the later call → 1
    await addTicket(db, { ...closed, callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'UNSATISFIED' }, { calledAt: at('2023-06-08 10:00'), result: 'SATISFIED' }] });
    // the later call inserted first → NEUTRAL (0.6)
    await addTicket(db, { ...closed, callbacks: [{ calledAt: at('2023-06-09 10:00'), result: 'NEUTRAL' }, { calledAt: at('2023-06-06 10:00'), result: 'SATISFIED' }] });
    const k = await unitKpis(unitId);
    expect(k.satisfactionRate).toBe((1 + 0.6) / 2);
  });

  it('unreached callbacks (未接通, 拒评) are ignored: they neither win nor put a ticket in S', async () => {
    const unitId = await freshUnit();
    const closed = { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), closedAt: at('2023-06-05 10:00'), resolution: 'EXPLAINED' as const };
    await addTicket(db, {
      ...closed,
      callbacks: [
        { calledAt: at('2023-06-06 10:00'), result: 'BASICALLY_SATISFIED' },
        { calledAt: at('2023-06-07 10:00'), result: 'NOT_REACHED' },
        { calledAt: at('2023-06-08 10:00'), result: 'REFUSED' },
      ],
    });
    await addTicket(db, { ...closed, callbacks: [{ calledAt: at('2023-06-06 10:00'), result: 'NOT_REACHED' }, { calledAt: at('2023-06-07 10:00'), result: 'REFUSED' }] });
    const k = await unitKpis(unitId);
    expect(k.satisfactionRate).toBe(0.8);
    const tickets = await readTickets(db, { unitId });
    expect(explainIndicator(tickets, JUNE, 'SATISFACTION', { now: LATER }).denominator).toBe(1);
  });

  it('weighs 满意 1, 基本满意 0.8, 一般 0.6, 不满意 0; the binary variant counts 满意 and 基本满意', async () => {
    const unitId = await freshUnit();
    const closed = { streetId: org.streetId, unitId, receivedAt: at('2023-06-03 09:00'), closedAt: at('2023-06-05 10:00'), resolution: 'ACTUALLY_RESOLVED' as const };
    for (const result of ['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED'] as const) {
      await addTicket(db, { ...closed, callbacks: [{ calledAt: at('2023-06-06 10:00'), result }] });
    }
    expect((await unitKpis(unitId)).satisfactionRate).toBe((1 + 0.8 + 0.6 + 0) / 4);
    const binary = await db.db.insertInto('scoringScheme').values({ name: `binary-${unitId}`, satisfactionVariant: 'BINARY' }).returning('id').executeTakeFirstOrThrow();
    expect((await unitKpis(unitId, { variant: 'BINARY', schemeId: binary.id })).satisfactionRate).toBe(0.5);
  });
});

describe('empty denominators', () => {
  it('a unit without tickets has zero counts and null rates — never 0, never 1', async () => {
    const unitId = await freshUnit();
    expect(await unitKpis(unitId)).toEqual({
      receivedCount: 0, closedCount: 0, firstContactRate: null, onTimeRate: null, resolutionRate: null, actualResolvedShare: null, satisfactionRate: null,
    });
  });

  it('tickets received but neither closed nor due give counts and null rates', async () => {
    const unitId = await freshUnit();
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-28 09:00'), completionDue: at('2023-07-05 23:59:59.999') });
    expect(await unitKpis(unitId)).toEqual({
      receivedCount: 1, closedCount: 0, firstContactRate: null, onTimeRate: null, resolutionRate: null, actualResolvedShare: null, satisfactionRate: null,
    });
  });
});

describe('on time (按期完成率) and asOf', () => {
  it('an open ticket past its due counts late; one not yet due is not in D', async () => {
    const unitId = await freshUnit();
    const now = at('2023-06-15 12:00'); // mid-month: asOf = now
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-01 09:00'), completionDue: at('2023-06-08 23:59:59'), closedAt: at('2023-06-08 10:00') });
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-02 09:00'), completionDue: at('2023-06-09 23:59:59') }); // open, overdue
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-13 09:00'), completionDue: at('2023-06-20 23:59:59') }); // open, not due yet
    expect((await unitKpis(unitId, { now })).onTimeRate).toBe(0.5);
    // After the month the third is overdue too.
    expect((await unitKpis(unitId)).onTimeRate).toBe(1 / 3);
  });

  it('a ticket due in the month but closed in an earlier month counts in D; closure defines nothing else', async () => {
    const unitId = await freshUnit();
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-05-28 09:00'), completionDue: at('2023-06-02 23:59:59'), closedAt: at('2023-05-31 10:00'), resolution: 'EXPLAINED' });
    const k = await unitKpis(unitId);
    expect(k).toMatchObject({ receivedCount: 0, closedCount: 0, onTimeRate: 1, resolutionRate: null });
  });

  it('an approved extension is a later completionDue: the ticket is judged against it', async () => {
    const unitId = await freshUnit();
    // Without the extension it was due 2023-06-09; extended to 2023-06-21 and closed on the 20th.
    await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-02 09:00'), completionDue: at('2023-06-21 23:59:59.999'), closedAt: at('2023-06-20 10:00') });
    expect((await unitKpis(unitId)).onTimeRate).toBe(1);
  });
});

describe('aggregation over the org tree', () => {
  it('a street counts the tickets of its units, a district those of its streets; a ticket no unit holds counts nowhere', async () => {
    const s1 = await makeStreet(db);
    const s2 = await makeStreet(db, s1.districtId);
    const a = await s1.unit('A');
    const b = await s1.unit('B', 'RESIDENTIAL');
    const c = await s2.unit('C');
    const closed = (streetId: number, unitId: number, resolution: 'ACTUALLY_RESOLVED' | 'UNRESOLVED') =>
      addTicket(db, { streetId, unitId, receivedAt: at('2023-06-03 09:00'), firstContactAt: at('2023-06-03 10:00'), closedAt: at('2023-06-05 10:00'), resolution });
    await closed(s1.streetId, a, 'ACTUALLY_RESOLVED');
    await closed(s1.streetId, b, 'UNRESOLVED');
    await closed(s2.streetId, c, 'ACTUALLY_RESOLVED');
    await closed(s2.streetId, c, 'ACTUALLY_RESOLVED');
    await addTicket(db, { streetId: s1.streetId, unitId: null, receivedAt: at('2023-06-03 09:00'), completionDue: at('2023-06-04 00:00') }); // not dispatched
    const kpisOf = async (node: NodeRef) => (await nodeKpis(db.db, { node, periods: [{ key: 'p', ...JUNE }], now: LATER }))[0]!.kpis;
    const all = await readTickets(db);
    const street1 = await kpisOf({ type: 'STREET', id: s1.streetId });
    expect(street1).toEqual(computeKpis(all.filter((t) => t.unitStreetId === s1.streetId), JUNE, { now: LATER }));
    expect(street1).toMatchObject({ receivedCount: 2, onTimeRate: 1 });
    expect(street1.resolutionRate).toBe(0.5);
    const district = await kpisOf({ type: 'DISTRICT', id: s1.districtId });
    expect(district).toEqual(computeKpis(all.filter((t) => t.unitStreetId === s1.streetId || t.unitStreetId === s2.streetId), JUNE, { now: LATER }));
    expect(district.resolutionRate).toBe(0.75);
    expect(district.closedCount).toBe(4);
  });

  it('a year of monthly periods in one statement equals twelve single periods', async () => {
    const unitId = await freshUnit();
    for (const [r, c] of [['2023-01-10 09:00', '2023-01-12 10:00'], ['2023-03-30 09:00', '2023-04-02 10:00'], ['2023-12-30 09:00', null]] as const) {
      await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at(r), closedAt: c ? at(c) : null, resolution: c ? 'EXPLAINED' : null });
    }
    const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
    const periods = months.map((m) => {
      const [start, end] = monthRange(m);
      return { key: m, start, end };
    });
    const now = at('2024-02-01 00:00');
    const rows = await nodeKpis(db.db, { node: { type: 'UNIT', id: unitId }, periods, now });
    const tickets = await readTickets(db, { unitId });
    expect(rows.map((r) => r.key)).toEqual(months);
    for (const r of rows) expect(r.kpis).toEqual(computeKpis(tickets, periods.find((p) => p.key === r.key)!, { now }));
    expect(rows.map((r) => r.kpis.closedCount)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
