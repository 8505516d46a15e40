import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dayFromNumber,
  dayNumber,
  dayOfWeek,
  formatShanghai,
  isValidDay,
  isoWeekOf,
  isoWeekRange,
  monthRange,
  parseShanghaiWallTime,
  shanghaiDate,
  shanghaiEndOfDay,
  shanghaiStartOfDay,
} from '../../src/domain/time';

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('Asia/Shanghai is UTC+8 all year (no DST)', () => {
  it('a Shanghai day starts at 16:00Z of the previous UTC day', () => {
    expect(shanghaiDate(new Date('2023-06-20T15:59:59.999Z'))).toBe('2023-06-20');
    expect(shanghaiDate(new Date('2023-06-20T16:00:00.000Z'))).toBe('2023-06-21');
    expect(shanghaiDate(new Date('2023-12-31T16:00:00.000Z'))).toBe('2024-01-01');
  });

  it('start and end of a day', () => {
    expect(iso(shanghaiStartOfDay('2023-06-21'))).toBe('2023-06-20T16:00:00.000Z');
    expect(iso(shanghaiEndOfDay('2023-06-21'))).toBe('2023-06-21T15:59:59.999Z');
    expect(iso(shanghaiEndOfDay('2024-02-29'))).toBe('2024-02-29T15:59:59.999Z');
  });

  it('the same offset in summer and winter', () => {
    expect(iso(shanghaiStartOfDay('2023-01-15'))).toBe('2023-01-14T16:00:00.000Z');
    expect(iso(shanghaiStartOfDay('2023-07-15'))).toBe('2023-07-14T16:00:00.000Z');
  });

  it('formats wall time', () => {
    expect(formatShanghai(new Date('2023-06-20T16:00:00Z'))).toBe('2023-06-21 00:00:00');
  });

  it('rejects malformed days', () => {
    expect(() => shanghaiStartOfDay('2023-02-30')).toThrow(RangeError);
    expect(() => shanghaiEndOfDay('2023-6-1')).toThrow(RangeError);
    expect(isValidDay('2024-02-29')).toBe(true);
    expect(isValidDay('2023-02-29')).toBe(false);
    expect(isValidDay('2023-13-01')).toBe(false);
  });
});

describe('parseShanghaiWallTime (the import format 受理时间 etc.)', () => {
  it('reads YYYY-MM-DD HH:mm[:ss] as Shanghai wall time', () => {
    expect(iso(parseShanghaiWallTime('2023-06-21 09:12'))).toBe('2023-06-21T01:12:00.000Z');
    expect(iso(parseShanghaiWallTime('2023-06-21 09:12:34'))).toBe('2023-06-21T01:12:34.000Z');
    expect(iso(parseShanghaiWallTime('2023-06-21 00:00:00'))).toBe('2023-06-20T16:00:00.000Z');
    expect(iso(parseShanghaiWallTime('2023-06-21 23:59:59'))).toBe('2023-06-21T15:59:59.000Z');
  });

  it('also with slashes and the single digits Excel writes, and surrounding spaces', () => {
    expect(iso(parseShanghaiWallTime('2023/06/21 09:12'))).toBe('2023-06-21T01:12:00.000Z');
    expect(iso(parseShanghaiWallTime('2023/6/1 9:05:07'))).toBe('2023-06-01T01:05:07.000Z');
    expect(iso(parseShanghaiWallTime(' 2023-06-21 09:12 '))).toBe('2023-06-21T01:12:00.000Z');
  });

  it('accepts 29 February only in leap years', () => {
    expect(iso(parseShanghaiWallTime('2024-02-29 12:00'))).toBe('2024-02-29T04:00:00.000Z');
    expect(parseShanghaiWallTime('2023-02-29 12:00')).toBeNull();
  });

  it.each([
    '2023-02-30 10:00', '2023-04-31 10:00', '2023-13-01 10:00', '2023-00-10 10:00', '2023-06-00 10:00',
    '2023-06-21 24:00', '2023-06-21 12:60', '2023-06-21 12:00:60', '2023-06-21', '2023-06/21 10:00',
    '21/06/2023 10:00', '2023-06-21 10', 'yesterday', '', '2023-06-21 10:00:00.5',
  ])('returns null for %j', (s) => {
    expect(parseShanghaiWallTime(s)).toBeNull();
  });
});

describe('day arithmetic', () => {
  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2023-01-31', 1)).toBe('2023-02-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2023-06-21', 0)).toBe('2023-06-21');
  });

  it('dayOfWeek is ISO: 1 = Monday … 7 = Sunday', () => {
    expect(dayOfWeek('2023-06-19')).toBe(1);
    expect(dayOfWeek('2023-06-21')).toBe(3);
    expect(dayOfWeek('2023-06-24')).toBe(6);
    expect(dayOfWeek('2023-06-25')).toBe(7);
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-29')).toBe(1);
  });

  it('day numbers round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 60_000 }), (n) => dayNumber(dayFromNumber(n)) === n),
    );
  });
});

describe('periods are half-open [start, end) in Shanghai', () => {
  it('monthRange', () => {
    expect(monthRange('2023-06').map(iso)).toEqual(['2023-05-31T16:00:00.000Z', '2023-06-30T16:00:00.000Z']);
    expect(monthRange('2023-12').map(iso)).toEqual(['2023-11-30T16:00:00.000Z', '2023-12-31T16:00:00.000Z']);
    expect(monthRange('2024-02').map(iso)).toEqual(['2024-01-31T16:00:00.000Z', '2024-02-29T16:00:00.000Z']);
    expect(() => monthRange('2023-13')).toThrow(RangeError);
    expect(() => monthRange('2023-6')).toThrow(RangeError);
  });

  it('isoWeekRange runs Monday 00:00 to the next Monday 00:00', () => {
    expect(isoWeekRange('2023-W25').map(iso)).toEqual(['2023-06-18T16:00:00.000Z', '2023-06-25T16:00:00.000Z']);
    // week 1 holds 4 January, so it can start in the previous year
    expect(isoWeekRange('2026-W01').map(iso)).toEqual(['2025-12-28T16:00:00.000Z', '2026-01-04T16:00:00.000Z']);
    expect(isoWeekRange('2020-W53')[0]).toEqual(shanghaiStartOfDay('2020-12-28'));
    expect(() => isoWeekRange('2021-W53')).toThrow(RangeError);
    expect(() => isoWeekRange('2023-W00')).toThrow(RangeError);
    expect(() => isoWeekRange('2023-25')).toThrow(RangeError);
  });

  it('isoWeekOf', () => {
    expect(isoWeekOf('2023-06-21')).toBe('2023-W25');
    expect(isoWeekOf('2023-01-01')).toBe('2022-W52');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
  });

  it('every day lies in its own ISO week and month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 12_000, max: 21_000 }), (n) => {
        const day = dayFromNumber(n);
        const t = shanghaiStartOfDay(day);
        const [ws, we] = isoWeekRange(isoWeekOf(day));
        const [ms, me] = monthRange(day.slice(0, 7));
        return ws <= t && t < we && ms <= t && t < me && dayOfWeek(shanghaiDate(ws)) === 1;
      }),
    );
  });
});
