// The values of the date, month, week, year and date-time fields (admin/src/common/pickerValues.ts, issue #15): what
// is a whole value, how loosely typed text reads, ISO weeks across year ends, and the range check.
import { describe, expect, it } from 'vitest';
import { BOUNDS, isIsoValue, isoWeekOf, judgeText, normalizeIso, weekDays, weeksInYear, type PickerKind } from '../src/common/pickerValues';

describe('picker values', () => {
  it('reads loosely typed text as ISO text, and refuses what is no value', () => {
    const cases: Array<[PickerKind, string, string | null]> = [
      ['date', '2023-06-15', '2023-06-15'],
      ['date', '2023/6/5', '2023-06-05'],
      ['date', '2023年6月5日', '2023-06-05'],
      ['date', '20230605', '2023-06-05'],
      ['date', '2023-02-30', null],
      ['date', '2024-02-29', '2024-02-29'],
      ['date', '23-6-5', null],
      ['month', '2023/7', '2023-07'],
      ['month', '2023-13', null],
      ['week', '2023-W24', '2023-W24'],
      ['week', '2023w24', '2023-W24'],
      ['week', '2023-24', '2023-W24'],
      ['week', '2023年第24周', '2023-W24'],
      ['week', '2023-06-15', '2023-W24'], // a day stands for its week
      ['week', '2023-W53', null], // 2023 has 52 weeks
      ['week', '2020-W53', '2020-W53'],
      ['year', '2023', '2023'],
      ['year', '2023年', '2023'],
      ['year', '23', null],
      ['datetime', '2023-06-15 09:30', '2023-06-15 09:30'],
      ['datetime', '2023-06-15T09:30', '2023-06-15 09:30'], // the old datetime-local input's form
      ['datetime', '2023-06-15T09:30:45', '2023-06-15 09:30'],
      ['datetime', '2023/6/5 9:05', '2023-06-05 09:05'],
      ['datetime', '2023年6月5日 9时5分', '2023-06-05 09:05'],
      ['datetime', '202306050905', '2023-06-05 09:05'],
      ['datetime', '2023-06-15', null], // a day without its time is no instant
      ['datetime', '2023-06-15 24:00', null],
      ['datetime', '2023-02-29 10:00', null],
    ];
    for (const [kind, text, iso] of cases) expect([kind, text, normalizeIso(kind, text)]).toEqual([kind, text, iso]);
  });

  it('ISO weeks: Monday to Sunday, the Thursday deciding the year; 52 or 53 a year', () => {
    expect(isoWeekOf('2023-06-12')).toBe('2023-W24');
    expect(isoWeekOf('2023-06-18')).toBe('2023-W24');
    expect(isoWeekOf('2023-06-19')).toBe('2023-W25');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(weekDays('2023-W24')).toEqual(['2023-06-12', '2023-06-18']);
    expect(weekDays('2020-W53')).toEqual(['2020-12-28', '2021-01-03']);
    expect(weekDays('2025-W01')).toEqual(['2024-12-30', '2025-01-05']);
    expect([2015, 2020, 2023, 2024, 2026].map(weeksInYear)).toEqual([53, 53, 52, 52, 53]);
    for (let d = new Date('2022-12-20T00:00:00Z'); d < new Date('2027-01-10T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      const [from, to] = weekDays(isoWeekOf(day));
      expect(from <= day && day <= to).toBe(true);
      expect(new Date(`${from}T00:00:00Z`).getUTCDay()).toBe(1);
    }
  });

  it('judges text as a whole value inside its range', () => {
    expect(judgeText('date', '2023-06-15')).toBeNull();
    expect(judgeText('date', '1999-12-31')).toBe('range');
    expect(judgeText('year', '2003', '2004', '2100')).toBe('range');
    expect(judgeText('datetime', '2023-06-15T09:30')).toBe('invalid');
    expect(judgeText('week', BOUNDS.week[1])).toBeNull();
    expect(isIsoValue('week', '2026-W53')).toBe(true);
    expect(isIsoValue('month', '2023-6')).toBe(false);
  });
});
