// The due badge's countdown in working time (domain/countdown.ts): a working day counts 24 h, weekends and
// holidays count nothing, natural-hour limits count natural time, overdue is decided on the clock.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WorkCalendar } from '../../src/domain/calendar';
import { calendarOverridesFromChineseDays } from '../../src/domain/calendar-seed';
import { minutesLeft } from '../../src/domain/countdown';
import { computeDueTimes, DEFAULT_SLA_RULES } from '../../src/domain/sla';
import { parseShanghaiWallTime } from '../../src/domain/time';

const cal = new WorkCalendar(calendarOverridesFromChineseDays(2023, 2023));
const at = (wall: string) => parseShanghaiWallTime(wall)!;
const H = 60;

describe('completion countdown in working hours', () => {
  // 2023-06-21 (Wed) + 1 working day → 2023-06-25 (Sunday make-up day): 22–24 June is the 端午 holiday.
  const due = cal.addWorkdays(at('2023-06-21 09:00'), 1);

  it('counts the rest of the receipt day and the whole make-up day, not the holiday', () => {
    expect(minutesLeft(due, at('2023-06-21 09:00'), cal)).toBe(39 * H); // 15 h of Wednesday + 24 h of Sunday
    expect(minutesLeft(due, at('2023-06-23 12:00'), cal)).toBe(24 * H); // on the holiday the clock stands
    expect(minutesLeft(due, at('2023-06-24 23:00'), cal)).toBe(24 * H);
    expect(minutesLeft(due, at('2023-06-25 21:00'), cal)).toBe(3 * H);
  });

  it('is negative once the deadline passed: working hours overdue, at least one minute', () => {
    expect(minutesLeft(due, at('2023-06-26 05:00'), cal)).toBe(-5 * H - 1); // the last millisecond of Sunday counts
    expect(minutesLeft(due, at('2023-06-26 00:00'), cal)).toBe(-1); // one millisecond late
    // A deadline missed on Friday night is overdue all weekend, though no working time passes.
    const friday = cal.addWorkdays(at('2023-07-06 10:00'), 1); // Thu + 1 → Fri 2023-07-07 23:59:59.999
    expect(minutesLeft(friday, at('2023-07-08 12:00'), cal)).toBe(-1);
    expect(minutesLeft(friday, at('2023-07-10 02:00'), cal)).toBe(-2 * H - 1);
  });

  it('reads "2 个工作日 3 小时" for a 5-working-day complaint three days in', () => {
    const complaint = computeDueTimes({ category: 'COMPLAINT', channel: 'HOTLINE', urgent: false, receivedAt: at('2023-07-03 10:00') }, DEFAULT_SLA_RULES, cal);
    expect(complaint.completionDue.getTime()).toBe(at('2023-07-10 23:59').getTime() + 59_999);
    // Thursday 21:00: 3 h of Thursday, Friday, Monday (the weekend does not count) = 2 working days 3 hours.
    expect(minutesLeft(complaint.completionDue, at('2023-07-06 21:00'), cal)).toBe(2 * 24 * H + 3 * H);
  });
});

describe('first contact of an urgent ticket: 2 natural hours', () => {
  const received = at('2023-07-08 10:00'); // a Saturday: natural hours still run
  const due = computeDueTimes({ category: 'COMPLAINT', channel: 'HOTLINE', urgent: true, receivedAt: received }, DEFAULT_SLA_RULES, cal);

  it('counts natural minutes, so a weekend does not stop it', () => {
    expect(due.rule.firstContactHours).toBe(2);
    expect(minutesLeft(due.firstContactDue, at('2023-07-08 10:30'), cal, true)).toBe(90);
    expect(minutesLeft(due.firstContactDue, new Date(received.getTime() + 2 * 3_600_000 + 1000), cal, true)).toBe(-1);
    // Counted in working time it would wrongly stand still on the Saturday.
    expect(minutesLeft(due.firstContactDue, at('2023-07-08 10:30'), cal)).toBe(0);
  });
});

describe('properties', () => {
  const instant = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2023, 11, 31) }).map((ms) => new Date(ms));
  it('sign follows the clock; magnitude never exceeds natural time; time left only shrinks', () => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 3 * 86_400_000 }), (due, now, step) => {
        const m = minutesLeft(due, now, cal);
        if (due.getTime() >= now.getTime()) expect(m).toBeGreaterThanOrEqual(0);
        else expect(m).toBeLessThan(0);
        expect(Math.abs(m)).toBeLessThanOrEqual(Math.ceil(Math.abs(due.getTime() - now.getTime()) / 60_000) + 1);
        expect(minutesLeft(due, new Date(now.getTime() + step), cal)).toBeLessThanOrEqual(m);
      }),
    );
  });
});
