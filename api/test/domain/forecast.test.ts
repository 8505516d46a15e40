// forecastRows (domain/forecast.ts): the season forecast list per (topic, 居委) and the key periods of the month.
import { describe, expect, it } from 'vitest';
import { forecastRows, monthYearsBack, periodOverlapsMonth, type ForecastCount } from '../../src/domain/forecast';

const PERIODS = [
  { name: '夏令热线', fromMd: '07-01', toMd: '08-31', topics: ['噪声', '道路积水'] },
  { name: '进博会', fromMd: '11-01', toMd: '11-30', topics: ['餐饮油烟'] },
  { name: '春节', fromMd: '12-25', toMd: '02-20', topics: ['噪声'] },
  { name: '停用', fromMd: '01-01', toMd: '12-31', topics: ['噪声'], active: false },
];
const c = (topic: string, committeeName: string | null, unitId: number | null, lastYear: number, yearBefore: number, committeeUnitId: number | null = null): ForecastCount => ({ topic, committeeName, committeeUnitId, unitId, lastYear, yearBefore });

describe('periodOverlapsMonth', () => {
  it('covers the months a period touches, across the new year too', () => {
    expect(periodOverlapsMonth(PERIODS[0]!, '2024-07')).toBe(true);
    expect(periodOverlapsMonth(PERIODS[0]!, '2024-08')).toBe(true);
    expect(periodOverlapsMonth(PERIODS[0]!, '2024-06')).toBe(false);
    expect(periodOverlapsMonth(PERIODS[0]!, '2024-09')).toBe(false);
    expect(periodOverlapsMonth(PERIODS[2]!, '2024-12')).toBe(true);
    expect(periodOverlapsMonth(PERIODS[2]!, '2025-01')).toBe(true);
    expect(periodOverlapsMonth(PERIODS[2]!, '2025-02')).toBe(true);
    expect(periodOverlapsMonth(PERIODS[2]!, '2025-03')).toBe(false);
    expect(periodOverlapsMonth({ fromMd: '06-15', toMd: '06-20' }, '2024-06')).toBe(true);
    expect(() => periodOverlapsMonth(PERIODS[0]!, '2024-13')).toThrow();
  });
  it('monthYearsBack keeps the month', () => expect(monthYearsBack('2024-06', 2)).toBe('2022-06'));
});

describe('forecastRows', () => {
  it('merges a pair over its handling units, ranks by last year and gives the change', () => {
    const rows = forecastRows(
      [c('餐饮油烟', '东居委', 5, 3, 1, 9), c('餐饮油烟', '东居委', 6, 4, 1), c('道路积水', null, 7, 9, 10), c('噪声', '西居委', 5, 2, 0), c('绿化', '西居委', 5, 0, 4)],
      PERIODS,
      '2024-07',
    );
    expect(rows.map((r) => [r.topic, r.committeeName, r.lastYear, r.yearBefore, r.change])).toEqual([
      ['道路积水', null, 9, 10, -1],
      ['餐饮油烟', '东居委', 7, 2, 5],
      ['噪声', '西居委', 2, 0, 2],
    ]); // 绿化 had none last year: no forecast
    const food = rows[1]!;
    expect(food.handlingUnitIds).toEqual([6, 5]);
    expect(food.unitId).toBe(9); // the 居委 unit, not the busiest handler
    expect(rows[0]!.unitId).toBe(7); // no 居委: the busiest handler
    expect(rows[0]!.keyPeriods).toEqual(['夏令热线']);
    expect(food.keyPeriods).toEqual([]);
  });
  it('breaks ties by the larger rise and flags sub-topics through their parent', () => {
    const rows = forecastRows([c('烧烤', 'A', 1, 4, 4), c('噪声', 'A', 1, 4, 1)], PERIODS, '2024-11', new Map([['烧烤', '餐饮油烟']]));
    expect(rows.map((r) => r.topic)).toEqual(['噪声', '烧烤']);
    expect(rows[1]!.keyPeriods).toEqual(['进博会']);
    expect(rows[0]!.keyPeriods).toEqual([]); // the inactive period does not count
  });
});
