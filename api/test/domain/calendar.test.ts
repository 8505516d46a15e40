import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import chineseDays from 'chinese-days';
import { WorkCalendar } from '../../src/domain/calendar';
import { calendarOverridesFromChineseDays } from '../../src/domain/calendar-seed';
import { addDays, dayFromNumber, dayNumber, dayOfWeek, parseShanghaiWallTime, shanghaiDate, shanghaiEndOfDay } from '../../src/domain/time';

const seed = calendarOverridesFromChineseDays(2004, 2026);
const cal = new WorkCalendar(seed);
const at = (wall: string) => parseShanghaiWallTime(wall)!;
const due = (from: string, n: number) => {
  const d = cal.addWorkdays(at(from), n);
  expect(d).toEqual(shanghaiEndOfDay(shanghaiDate(d))); // always a day's 23:59:59.999
  return shanghaiDate(d);
};

describe('seed from chinese-days', () => {
  it('holds holidays (named) and make-up days (named 补班) for 2004–2026', () => {
    expect(seed.find((r) => r.day === '2023-01-23')).toEqual({ day: '2023-01-23', isWorkday: false, name: '春节' });
    expect(seed.find((r) => r.day === '2023-01-28')).toEqual({ day: '2023-01-28', isWorkday: true, name: '春节补班' });
    expect(seed.find((r) => r.day === '2023-06-25')).toEqual({ day: '2023-06-25', isWorkday: true, name: '端午补班' });
    expect(seed[0]!.day.slice(0, 4)).toBe('2004');
    expect(seed.at(-1)!.day.slice(0, 4)).toBe('2026');
    expect(new Set(seed.map((r) => r.day)).size).toBe(seed.length);
    expect([...seed].map((r) => r.day).sort()).toEqual(seed.map((r) => r.day));
  });

  it('limits itself to the requested years', () => {
    const y2023 = calendarOverridesFromChineseDays(2023, 2023);
    expect(y2023.every((r) => r.day.startsWith('2023-'))).toBe(true);
    expect(y2023.filter((r) => r.isWorkday).map((r) => r.day)).toEqual([
      '2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08',
    ]);
  });

  it('agrees with chinese-days on every day from 2004 to 2026', () => {
    const mismatches: string[] = [];
    for (let n = dayNumber('2004-01-01'); n <= dayNumber('2026-12-31'); n++) {
      const day = dayFromNumber(n);
      if (cal.isWorkday(day) !== chineseDays.isWorkday(day)) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('isWorkday: a make-up day, or Monday–Friday and not a public holiday', () => {
  it.each([
    ['2023-06-21', true, 'ordinary Wednesday'],
    ['2023-06-17', false, 'ordinary Saturday'],
    ['2023-06-18', false, 'ordinary Sunday'],
    ['2023-01-23', false, 'Monday in the Spring Festival holiday'],
    ['2023-06-23', false, 'Friday in the Dragon Boat holiday'],
    ['2023-01-28', true, 'Saturday make-up day'],
    ['2023-06-25', true, 'Sunday make-up day'],
    ['2023-10-01', false, 'holiday on a Sunday'],
  ])('%s → %s (%s)', (day, expected) => {
    expect(cal.isWorkday(day)).toBe(expected);
  });

  it('falls back to Monday–Friday without overrides (years outside the seed)', () => {
    const plain = new WorkCalendar();
    expect(plain.isWorkday('2023-01-23')).toBe(true);
    expect(plain.isWorkday('2023-01-28')).toBe(false);
    expect(cal.isWorkday('2030-01-07')).toBe(true);
  });

  it('uses whatever rows the administrator stored', () => {
    const local = new WorkCalendar([
      ...seed,
      { day: '2023-06-21', isWorkday: false, name: '本地停工' },
      { day: '2023-06-17', isWorkday: true, name: '本地加班' },
    ]);
    expect(local.isWorkday('2023-06-21')).toBe(false);
    expect(local.isWorkday('2023-06-17')).toBe(true);
  });

  it('rejects a malformed day', () => {
    expect(() => cal.isWorkday('2023-02-30')).toThrow(RangeError);
    expect(() => new WorkCalendar([{ day: '2023/01/01', isWorkday: false }])).toThrow(RangeError);
  });
});

describe('"n working days from t" ends 23:59:59.999 Shanghai of the n-th working day strictly after t\'s date', () => {
  // The six worked 2023 examples of domain.md §2, on the real chinese-days data.
  it.each([
    ['2023-01-20 10:00', 1, '2023-01-28', 'Saturday make-up day after the Spring Festival'],
    ['2023-01-20 10:00', 5, '2023-02-01', ''],
    ['2023-04-28 10:00', 2, '2023-05-05', 'across Labour Day, via the 2023-05-04 working Thursday'],
    ['2023-04-28 10:00', 5, '2023-05-09', 'counting the Saturday make-up day 2023-05-06'],
    ['2023-06-21 10:00', 1, '2023-06-25', 'Sunday make-up day after the Dragon Boat holiday'],
    ['2023-06-21 10:00', 5, '2023-06-29', ''],
  ])('%s +%i → %s %s', (from, n, expected) => {
    expect(due(from, n)).toBe(expected);
    expect(cal.addWorkdays(at(from), n).toISOString()).toBe(shanghaiEndOfDay(expected).toISOString());
  });

  it('the time of day does not matter, only the Shanghai date', () => {
    expect(due('2023-06-21 00:00:00', 1)).toBe('2023-06-25');
    expect(due('2023-06-21 23:59:59', 1)).toBe('2023-06-25');
  });

  it('midnight: 23:59:59 and 00:00:00 Shanghai fall on different days (00:00 is 16:00Z the previous UTC day)', () => {
    const lastSecond = new Date('2023-06-20T15:59:59Z'); // 2023-06-20 23:59:59 Shanghai, a Tuesday
    const midnight = new Date('2023-06-20T16:00:00Z'); // 2023-06-21 00:00:00 Shanghai, a Wednesday
    expect(cal.addWorkdays(lastSecond, 1).toISOString()).toBe('2023-06-21T15:59:59.999Z');
    expect(cal.addWorkdays(midnight, 1).toISOString()).toBe('2023-06-25T15:59:59.999Z');
  });

  it('a ticket received on a holiday or weekend counts from the next working day', () => {
    expect(due('2023-01-22 09:00', 1)).toBe('2023-01-28'); // 初一
    expect(due('2023-06-17 09:00', 1)).toBe('2023-06-19'); // Saturday → Monday
    expect(due('2023-06-24 09:00', 1)).toBe('2023-06-25'); // holiday Saturday → make-up Sunday
  });

  it('a ticket received on a make-up day counts that day as its own date (strictly after)', () => {
    expect(due('2023-06-25 09:00', 1)).toBe('2023-06-26');
    expect(due('2023-01-28 09:00', 2)).toBe('2023-01-30');
  });

  it('the holiday-rich stretches', () => {
    expect(due('2023-09-28 09:00', 1)).toBe('2023-10-07'); // Mid-autumn + National Day, then make-up Saturday
    expect(due('2023-09-28 09:00', 3)).toBe('2023-10-09');
    expect(due('2023-12-29 09:00', 1)).toBe('2024-01-02'); // 2024 New Year's Day on a Monday
  });

  it('n = 0 is the end of t\'s own date; negative or fractional n are refused', () => {
    expect(due('2023-06-21 09:00', 0)).toBe('2023-06-21');
    expect(() => cal.addWorkdays(at('2023-06-21 09:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkdays(at('2023-06-21 09:00'), 1.5)).toThrow(RangeError);
  });

  it('workdayAfter works on days', () => {
    expect(cal.workdayAfter('2023-04-28', 2)).toBe('2023-05-05');
  });

  const instant = fc
    .integer({ min: Date.parse('2004-01-01T00:00:00+08:00'), max: Date.parse('2026-11-30T00:00:00+08:00') })
    .map((ms) => new Date(ms));

  it('property: the due is the end of a working day, after t, and strictly increasing in n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (t, n) => {
        const d = cal.addWorkdays(t, n);
        const next = cal.addWorkdays(t, n + 1);
        const day = shanghaiDate(d);
        expect(cal.isWorkday(day)).toBe(true);
        expect(d.getTime()).toBe(shanghaiEndOfDay(day).getTime());
        expect(d.getTime()).toBeGreaterThan(t.getTime());
        expect(next.getTime()).toBeGreaterThan(d.getTime());
        // exactly n working days in (t's date, due date]
        expect(cal.countWorkdays(addDays(shanghaiDate(t), 1), day)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  it('property: agrees with chinese-days findWorkday', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (t, n) => {
        expect(shanghaiDate(cal.addWorkdays(t, n))).toBe(chineseDays.findWorkday(n, shanghaiDate(t)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('workingMillisBetween: whole working days count 24 h each, other days 0', () => {
  const H = 3_600_000;

  it('within one working day it is plain clock time', () => {
    expect(cal.workingMillisBetween(at('2023-06-21 09:00'), at('2023-06-21 17:30'))).toBe(8.5 * H);
  });

  it('time until a due skips the holiday (a due-time badge counts down only on working days)', () => {
    // Wednesday 18:00 → due at the end of the Sunday make-up day: rest of Wed (6 h) + Sunday (24 h)
    const from = at('2023-06-21 18:00');
    expect(cal.workingMillisBetween(from, cal.addWorkdays(from, 1))).toBe(30 * H - 1);
  });

  it('a weekend or holiday alone is worth nothing', () => {
    expect(cal.workingMillisBetween(at('2023-06-22 00:00'), at('2023-06-25 00:00'))).toBe(0);
    expect(cal.workingMillisBetween(at('2023-06-17 08:00'), at('2023-06-18 20:00'))).toBe(0);
  });

  it('is negative (working time overdue) when to is before from', () => {
    // now Monday 12:00, due at the end of the holiday Saturday: overdue by the make-up Sunday and half of Monday
    expect(cal.workingMillisBetween(at('2023-06-26 12:00'), shanghaiEndOfDay('2023-06-24'))).toBe(-36 * H);
    expect(cal.workingMillisBetween(at('2023-06-21 09:00'), at('2023-06-21 09:00'))).toBe(0);
  });

  it('property: additive and bounded by clock time', () => {
    fc.assert(
      fc.property(fc.tuple(...[0, 1, 2].map(() => fc.integer({ min: 0, max: 40 * 24 * H }))), (xs) => {
        const base = Date.parse('2023-09-20T00:00:00+08:00');
        const [a, b, c] = xs.sort((p, q) => p - q).map((v) => new Date(base + v)) as [Date, Date, Date];
        const ab = cal.workingMillisBetween(a, b);
        expect(ab + cal.workingMillisBetween(b, c)).toBe(cal.workingMillisBetween(a, c));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
      }),
    );
  });

  it('countWorkdays counts the closed range', () => {
    expect(cal.countWorkdays('2023-06-19', '2023-06-25')).toBe(4); // Mon–Wed + make-up Sunday
    expect(cal.countWorkdays('2023-06-25', '2023-06-19')).toBe(0);
    expect(dayOfWeek('2023-06-25')).toBe(7);
  });
});
