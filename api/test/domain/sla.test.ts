import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../src/domain/calendar';
import { calendarOverridesFromChineseDays } from '../../src/domain/calendar-seed';
import {
  DEFAULT_SLA_RULES,
  SlaConfigError,
  TICKET_CATEGORIES,
  TICKET_CHANNELS,
  computeDueTimes,
  type SlaRule,
  type SlaTicket,
} from '../../src/domain/sla';
import { formatShanghai, parseShanghaiWallTime, shanghaiEndOfDay } from '../../src/domain/time';

const cal = new WorkCalendar(calendarOverridesFromChineseDays(2004, 2026));
const at = (wall: string) => parseShanghaiWallTime(wall)!;
const end = (day: string) => formatShanghai(shanghaiEndOfDay(day)).replace(' ', 'T') + '.999';
const show = (d: Date) => formatShanghai(d).replace(' ', 'T') + '.' + String(d.getTime() % 1000).padStart(3, '0');

// Wednesday 2023-06-21 10:00 Shanghai: the Dragon Boat holiday (06-22..24) and the make-up Sunday follow.
const received = at('2023-06-21 10:00');
const ticket = (over: Partial<SlaTicket> = {}): SlaTicket => ({
  category: 'COMPLAINT', channel: 'HOTLINE', urgent: false, receivedAt: received, ...over,
});
const dues = (over: Partial<SlaTicket> = {}, rules: readonly SlaRule[] = DEFAULT_SLA_RULES) => {
  const r = computeDueTimes(ticket(over), rules, cal);
  return { firstContact: show(r.firstContactDue), completion: show(r.completionDue), rule: r.rule.kind, completionRule: r.completionRule.kind };
};

describe('the default SLA table (domain.md §2)', () => {
  it('has one CATEGORY row per category and the special rows', () => {
    for (const c of TICKET_CATEGORIES) {
      expect(DEFAULT_SLA_RULES.filter((r) => r.kind === 'CATEGORY' && r.category === c)).toHaveLength(1);
    }
    expect(DEFAULT_SLA_RULES.map((r) => r.kind)).toEqual(expect.arrayContaining([
      'URGENT', 'LEADER_DISPATCH', 'SUPERVISION', 'EXTENSION', 'LEADER_SUPERVISION_REDO',
    ]));
    // unique (kind, category) as in the sla_rule table
    expect(new Set(DEFAULT_SLA_RULES.map((r) => `${r.kind}/${r.category}`)).size).toBe(DEFAULT_SLA_RULES.length);
  });

  it.each([
    ['CONSULT', '2023-06-25', '2023-06-25'], // 咨询: 1 / 1 WD
    ['SUGGESTION', '2023-06-25', '2023-06-25'], // 意见建议: 1 / 1 WD
    ['COMPLAINT', '2023-06-25', '2023-06-29'], // 投诉: 1 / 5 WD
    ['HELP', '2023-06-25', '2023-06-29'], // 求助
    ['PHOTO_REPORT', '2023-06-25', '2023-06-29'], // 随申拍
    ['OTHER', '2023-06-25', '2023-06-29'], // 其他
  ])('%s received Wed 2023-06-21: first contact by end of %s, completion by end of %s', (category, fc1, done) => {
    expect(dues({ category })).toEqual({ firstContact: end(fc1), completion: end(done), rule: 'CATEGORY', completionRule: 'CATEGORY' });
  });

  it('urgent (紧急件): first contact within 2 natural hours, even across a holiday; completion 1 WD', () => {
    expect(dues({ urgent: true })).toEqual({
      firstContact: '2023-06-21T12:00:00.000', completion: end('2023-06-25'), rule: 'URGENT', completionRule: 'URGENT',
    });
    // received 23:00 the evening before the holiday: contact by 01:00 on the holiday itself
    expect(dues({ urgent: true, receivedAt: at('2023-06-21 23:00') }).firstContact).toBe('2023-06-22T01:00:00.000');
  });

  it('leader dispatch (领导派单): 1 / 3 WD', () => {
    expect(dues({ channel: 'LEADER_DISPATCH' })).toEqual({
      firstContact: end('2023-06-25'), completion: end('2023-06-27'), rule: 'LEADER_DISPATCH', completionRule: 'LEADER_DISPATCH',
    });
  });

  it('city/district supervision channel (市区督办): 1 / 3 WD', () => {
    expect(dues({ channel: 'SUPERVISION', category: 'CONSULT' })).toEqual({
      firstContact: end('2023-06-25'), completion: end('2023-06-27'), rule: 'SUPERVISION', completionRule: 'SUPERVISION',
    });
  });

  it('every channel without its own row uses the category row', () => {
    for (const channel of TICKET_CHANNELS.filter((c) => c !== 'LEADER_DISPATCH' && c !== 'SUPERVISION')) {
      expect(dues({ channel }).rule).toBe('CATEGORY');
    }
  });
});

describe('precedence: urgent, then leader dispatch, then supervision, then category', () => {
  it('urgent beats leader dispatch and supervision', () => {
    expect(dues({ urgent: true, channel: 'LEADER_DISPATCH' }).rule).toBe('URGENT');
    expect(dues({ urgent: true, channel: 'SUPERVISION' }).rule).toBe('URGENT');
    expect(dues({ urgent: true, reopenedAt: at('2023-06-26 09:00'), reopenKind: 'CITY_REVIEW' }).rule).toBe('URGENT');
  });

  it('leader dispatch beats supervision (a leader-dispatched ticket reopened by city review)', () => {
    const r = dues({ channel: 'LEADER_DISPATCH', reopenedAt: at('2023-06-26 09:00'), reopenKind: 'CITY_REVIEW' });
    expect(r.rule).toBe('LEADER_DISPATCH');
    expect(r.completion).toBe(end('2023-06-29')); // 3 WD from the reopen
  });

  it('supervision beats category: a 1-WD consultation under supervision gets 3 WD', () => {
    expect(dues({ category: 'CONSULT', channel: 'SUPERVISION' }).completion).toBe(end('2023-06-27'));
  });

  it('priority is data: an administrator can put supervision above leader dispatch', () => {
    const rules = DEFAULT_SLA_RULES.map((r) => (r.kind === 'SUPERVISION' ? { ...r, priority: 15 } : r));
    expect(dues({ channel: 'LEADER_DISPATCH', reopenedAt: at('2023-06-26 09:00'), reopenKind: 'REASSIGNED' }, rules).rule)
      .toBe('SUPERVISION');
  });

  it('a row may be limited to one category; the same priority prefers it over the catch-all', () => {
    const rules: SlaRule[] = [
      ...DEFAULT_SLA_RULES,
      { kind: 'URGENT', category: 'CONSULT', firstContactHours: 1, firstContactWorkdays: null, completionWorkdays: 1, priority: 10 },
    ];
    expect(dues({ urgent: true, category: 'CONSULT' }, rules).firstContact).toBe('2023-06-21T11:00:00.000');
    expect(dues({ urgent: true, category: 'HELP' }, rules).firstContact).toBe('2023-06-21T12:00:00.000');
  });
});

describe('reopened tickets', () => {
  const reopenedAt = at('2023-06-26 15:00'); // Monday

  it.each(['CITY_REVIEW', 'REASSIGNED', 'CALLBACK_UNSATISFIED'] as const)(
    '%s reopen: the supervision row, 1 / 3 WD from the reopen', (reopenKind) => {
      expect(dues({ category: 'CONSULT', reopenedAt, reopenKind })).toEqual({
        firstContact: end('2023-06-27'), completion: end('2023-06-29'), rule: 'SUPERVISION', completionRule: 'SUPERVISION',
      });
    },
  );

  it('a reopen without a recorded cause counts as a re-assignment', () => {
    expect(dues({ reopenedAt }).rule).toBe('SUPERVISION');
  });

  it('a reopen kind without a reopen time is ignored', () => {
    expect(dues({ reopenKind: 'CITY_REVIEW', reopenedAt: null }).rule).toBe('CATEGORY');
  });

  it('leader supervision redo (领导督办单): completion 2 WD from the order; first contact stays as received', () => {
    expect(dues({ channel: 'LEADER_DISPATCH', reopenedAt, reopenKind: 'LEADER_SUPERVISION' })).toEqual({
      firstContact: end('2023-06-25'), completion: end('2023-06-28'), rule: 'LEADER_DISPATCH', completionRule: 'LEADER_SUPERVISION_REDO',
    });
  });
});

describe('approved extension (延期)', () => {
  it('moves completion to 15 WD from receipt and leaves first contact alone', () => {
    // from Wed 2023-06-21: 06-25 (make-up Sunday), 06-26..30, 07-03..07, 07-10..13 → the 15th is 2023-07-13
    expect(dues({ extensionApproved: true })).toEqual({
      firstContact: end('2023-06-25'), completion: end('2023-07-13'), rule: 'CATEGORY', completionRule: 'EXTENSION',
    });
  });

  it('counts from receipt even for an urgent ticket', () => {
    expect(dues({ urgent: true, extensionApproved: true }).completion).toBe(end('2023-07-13'));
  });

  it('never moves a due earlier (a late reopen already lies beyond 15 WD from receipt)', () => {
    const r = dues({ extensionApproved: true, reopenedAt: at('2023-08-01 09:00'), reopenKind: 'CITY_REVIEW' });
    expect(r.completion).toBe(end('2023-08-04'));
    expect(r.completionRule).toBe('SUPERVISION');
  });
});

describe('imported tickets count from 受理时间 in Shanghai', () => {
  it('23:59:59 and the next 00:00:00 (16:00Z) differ by one working day', () => {
    const before = dues({ receivedAt: new Date('2023-06-20T15:59:59Z') }); // Tue 23:59:59
    const after = dues({ receivedAt: new Date('2023-06-20T16:00:00Z') }); // Wed 00:00:00
    expect(before.firstContact).toBe(end('2023-06-21'));
    expect(after.firstContact).toBe(end('2023-06-25'));
  });

  it('received on a holiday: the clock starts on the next working day', () => {
    expect(dues({ receivedAt: at('2023-01-22 10:00') })).toMatchObject({
      firstContact: end('2023-01-28'), completion: end('2023-02-01'),
    });
  });
});

describe('misconfiguration is reported, not guessed', () => {
  it('no matching row', () => {
    expect(() => computeDueTimes(ticket({ category: 'HELP' }), DEFAULT_SLA_RULES.filter((r) => r.category !== 'HELP'), cal))
      .toThrow(SlaConfigError);
  });

  it('extension approved but no EXTENSION row', () => {
    expect(() => computeDueTimes(ticket({ extensionApproved: true }), DEFAULT_SLA_RULES.filter((r) => r.kind !== 'EXTENSION'), cal))
      .toThrow(/EXTENSION/);
  });

  it('a row with no first-contact limit falls back to its completion due', () => {
    const rules = DEFAULT_SLA_RULES.map((r) => (r.kind === 'CATEGORY' ? { ...r, firstContactWorkdays: null } : r));
    expect(dues({}, rules).firstContact).toBe(end('2023-06-29'));
  });
});

describe('properties', () => {
  const arb = fc.record({
    category: fc.constantFrom(...TICKET_CATEGORIES),
    channel: fc.constantFrom(...TICKET_CHANNELS),
    urgent: fc.boolean(),
    extensionApproved: fc.boolean(),
    receivedMs: fc.integer({ min: Date.parse('2005-01-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') }),
    reopen: fc.option(fc.tuple(fc.constantFrom('CALLBACK_UNSATISFIED', 'LEADER_SUPERVISION', 'CITY_REVIEW', 'REASSIGNED' as const), fc.integer({ min: 0, max: 90 * 86_400_000 }))),
  });

  it('first contact is after receipt and no later than completion; dues are never before the clock start', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const receivedAt = new Date(a.receivedMs);
        const reopenedAt = a.reopen ? new Date(a.receivedMs + a.reopen[1]) : null;
        const r = computeDueTimes(
          { ...a, receivedAt, reopenedAt, reopenKind: a.reopen?.[0] ?? null },
          DEFAULT_SLA_RULES,
          cal,
        );
        const startMs = reopenedAt && a.reopen![0] !== 'LEADER_SUPERVISION' ? reopenedAt.getTime() : a.receivedMs;
        expect(r.firstContactDue.getTime()).toBeGreaterThan(startMs);
        expect(r.completionDue.getTime()).toBeGreaterThan((reopenedAt ?? receivedAt).getTime());
        expect(r.firstContactDue.getTime()).toBeLessThanOrEqual(r.completionDue.getTime());
        if (a.extensionApproved) expect(r.completionDue.getTime()).toBeGreaterThanOrEqual(cal.addWorkdays(receivedAt, 15).getTime());
      }),
      { numRuns: 500 },
    );
  });
});
