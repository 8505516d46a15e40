// Gap to the campaign targets (百日攻坚): how many more successes a unit needs by the month's end, and which of its
// tickets decide it. Pure: no database.
import { describe, expect, it } from 'vitest';
import { gapToTarget, successesNeeded, type KpiTicket } from '../../src/domain/kpi';
import { DEFAULT_SCHEME } from '../../src/domain/ranking';
import { monthRange } from '../../src/domain/time';
import { at } from './fixtures';

const [start, end] = monthRange('2023-10');
const OCTOBER = { start, end };
const NOW = at('2023-10-20 12:00');
let id = 0;

function ticket(t: Partial<KpiTicket>): KpiTicket {
  return {
    id: ++id,
    unitId: 1,
    repeatOfId: null,
    receivedAt: at('2023-10-09 09:00'),
    closedAt: null,
    firstContactAt: at('2023-10-09 10:00'),
    firstContactDue: at('2023-10-10 23:59:59'),
    completionDue: at('2023-10-16 23:59:59'),
    factFinding: null,
    unfoundedAccepted: false,
    resolution: null,
    callbacks: [],
    ...t,
  };
}

const done = (t: Partial<KpiTicket> = {}) =>
  ticket({ closedAt: at('2023-10-12 10:00'), resolution: 'ACTUALLY_RESOLVED', callbacks: [{ calledAt: at('2023-10-13 10:00'), result: 'SATISFIED' }], ...t });

describe('successesNeeded', () => {
  it('is the fewest k with (n + k) / (d + k) ≥ target', () => {
    expect(successesNeeded(29, 30, 0.97)).toBe(4); // 33/34 = 0.9706; 32/33 = 0.9697
    expect(successesNeeded(97, 100, 0.97)).toBe(0);
    expect(successesNeeded(0, 0, 0.93)).toBe(1);
    expect(successesNeeded(3.4, 4, 0.93)).toBe(5); // 7.4/8 = 0.925, 8.4/9 = 0.933
  });

  it('is null when a 100% target has already been missed', () => {
    expect(successesNeeded(9, 10, 1)).toBeNull();
    expect(successesNeeded(10, 10, 1)).toBe(0);
  });
});

describe('gapToTarget', () => {
  it('resolution at 29/30 needs 4 more resolved closures, decided by the open tickets', () => {
    const tickets = [...Array.from({ length: 29 }, () => done()), done({ resolution: 'UNRESOLVED' })];
    const open = Array.from({ length: 5 }, () => ticket({ completionDue: at('2023-11-03 23:59:59') }));
    const gaps = gapToTarget([...tickets, ...open], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    const resolution = gaps.find((g) => g.indicator === 'RESOLUTION')!;
    expect(resolution).toMatchObject({ target: 0.97, numerator: 29, denominator: 30, met: false, needed: 4 });
    expect(resolution.decidingTicketIds).toEqual(open.map((t) => t.id));
    // With only 3 open tickets left the target cannot be reached this month.
    const fewer = gapToTarget([...tickets, ...open.slice(0, 3)], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    expect(fewer.find((g) => g.indicator === 'RESOLUTION')!.needed).toBeNull();
  });

  it('first contact at 100% is out of reach after one late contact', () => {
    const gaps = gapToTarget([done(), done({ firstContactAt: at('2023-10-11 00:00') }), ticket({})], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    expect(gaps.find((g) => g.indicator === 'FIRST_CONTACT')).toMatchObject({ rate: 0.5, met: false, needed: null });
  });

  it('on time counts the tickets due later this month: every open one of them must close in time', () => {
    const closedEarly = done({ completionDue: at('2023-10-25 23:59:59') }); // enters D on the 25th, on time
    const dueLater = [ticket({ completionDue: at('2023-10-26 23:59:59') }), ticket({ completionDue: at('2023-10-30 23:59:59') })];
    const dueNextMonth = ticket({ completionDue: at('2023-11-02 23:59:59') });
    const gaps = gapToTarget([done(), closedEarly, ...dueLater, dueNextMonth], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    const onTime = gaps.find((g) => g.indicator === 'ON_TIME')!;
    expect(onTime).toMatchObject({ rate: 1, numerator: 1, denominator: 1, met: true, needed: 2 });
    expect(onTime.decidingTicketIds).toEqual(dueLater.map((t) => t.id));
  });

  it('an open ticket already overdue makes 100% on time unreachable', () => {
    const gaps = gapToTarget([done(), ticket({ completionDue: at('2023-10-18 23:59:59') }), ticket({ completionDue: at('2023-10-28 23:59:59') })], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    expect(gaps.find((g) => g.indicator === 'ON_TIME')).toMatchObject({ rate: 0.5, met: false, needed: null });
  });

  it('satisfaction is decided by tickets awaiting their callback, then by open ones', () => {
    const awaiting = done({ callbacks: [{ calledAt: at('2023-10-13 10:00'), result: 'NOT_REACHED' }] });
    const open = ticket({});
    const reached = [...Array.from({ length: 12 }, () => done()), done({ callbacks: [{ calledAt: at('2023-10-13 10:00'), result: 'UNSATISFIED' }] })];
    const gaps = gapToTarget([...reached, awaiting, open], OCTOBER, DEFAULT_SCHEME.targets, { now: NOW });
    const s = gaps.find((g) => g.indicator === 'SATISFACTION')!;
    // 12/13 = 0.923; 13/14 = 0.929; 14/15 = 0.933 ≥ 93%
    expect(s).toMatchObject({ numerator: 12, denominator: 13, met: false, needed: 2 });
    expect(s.decidingTicketIds).toEqual([awaiting.id, open.id]);
  });

  it('after the month has ended nothing decides anymore', () => {
    const gaps = gapToTarget([done(), done({ resolution: 'UNRESOLVED' }), ticket({})], OCTOBER, DEFAULT_SCHEME.targets, { now: at('2023-11-05 09:00') });
    for (const g of gaps) expect(g.decidingTicketIds).toEqual([]);
    expect(gaps.find((g) => g.indicator === 'RESOLUTION')).toMatchObject({ met: false, needed: null });
  });
});
