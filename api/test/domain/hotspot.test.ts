// The 苗头 rule (domain.md §5, domain/hotspot.ts): 7-day count ≥ hotspotMin and ≥ hotspotRatio × the average 7-day
// count of the 56 days before the window (0.5 without history); a warning closes the day the window falls under.
import { describe, expect, it } from 'vitest';
import { baselineOf, hotspotDays, hotspotEpisodes, HOTSPOT_DEFAULTS, meetsRule } from '../../src/domain/hotspot';
import { addDays } from '../../src/domain/time';

/** A pair's daily counts from [day, n] entries. */
const daily = (...entries: Array<[string, number]>) => new Map(entries);
/** n tickets a day on each of `days` days from `from`. */
const spread = (from: string, days: number, n = 1): Array<[string, number]> => Array.from({ length: days }, (_, i) => [addDays(from, i), n]);

describe('baselineOf', () => {
  it('is the average 7-day count over 56 days, and 0.5 for a pair with no history', () => {
    expect(baselineOf(0)).toBe(0.5);
    expect(baselineOf(1)).toBe(0.125);
    expect(baselineOf(8)).toBe(1);
    expect(baselineOf(16)).toBe(2);
  });
});

describe('meetsRule', () => {
  it('needs both the minimum and the ratio', () => {
    expect(meetsRule(5, 0.5, HOTSPOT_DEFAULTS)).toBe(true);
    expect(meetsRule(4, 0.5, HOTSPOT_DEFAULTS)).toBe(false); // under hotspotMin
    expect(meetsRule(5, 2, HOTSPOT_DEFAULTS)).toBe(false); // under 3 × 2
    expect(meetsRule(6, 2, HOTSPOT_DEFAULTS)).toBe(true);
    expect(meetsRule(4, 1, { min: 4, ratio: 4 })).toBe(true);
  });
});

describe('hotspotDays', () => {
  it('a pair with no history fires on the day its 7-day count reaches 5 (baseline 0.5)', () => {
    const d = daily(['2023-05-01', 2], ['2023-05-03', 2], ['2023-05-05', 1]);
    expect(hotspotDays(d, '2023-05-01', '2023-05-04')).toEqual([]);
    expect(hotspotDays(d, '2023-05-01', '2023-05-10')).toEqual([
      { day: '2023-05-05', count: 5, baseline: 0.5 },
      { day: '2023-05-06', count: 5, baseline: 0.5 },
      { day: '2023-05-07', count: 5, baseline: 0.5 },
      // 05-08: the window is 05-02…05-08, the two of 05-01 have left it (and are now its history)
    ]);
  });

  it('counts the 7 days ending D, and the 56 days before that as history', () => {
    // 16 tickets over the 56 days before the window of 2023-05-10 (2023-03-09 … 2023-05-03): baseline 2.
    const history = spread('2023-03-09', 16).map(([day]) => [addDays(day, 0), 1] as [string, number]);
    const d = daily(...history, ['2023-05-04', 5]);
    const [first] = hotspotDays(d, '2023-05-10', '2023-05-10');
    expect(first).toBeUndefined(); // 5 < 3 × 2
    const d6 = daily(...history, ['2023-05-04', 6]);
    expect(hotspotDays(d6, '2023-05-10', '2023-05-10')).toEqual([{ day: '2023-05-10', count: 6, baseline: 2 }]);
    // A ticket 63 days before D is no longer history; one 7 days before D is.
    const edge = daily(['2023-03-08', 40], ['2023-05-03', 8], ['2023-05-04', 6]);
    expect(hotspotDays(edge, '2023-05-10', '2023-05-10')).toEqual([{ day: '2023-05-10', count: 6, baseline: 1 }]);
  });

  it('a steady pair never fires, however busy: the baseline follows it', () => {
    const d = daily(...spread('2023-01-01', 200, 3));
    expect(hotspotDays(d, '2023-04-01', '2023-07-01')).toEqual([]);
  });

  it('follows a configured rule', () => {
    const d = daily(['2023-05-01', 3]);
    expect(hotspotDays(d, '2023-05-01', '2023-05-01', { min: 3, ratio: 6 })).toEqual([{ day: '2023-05-01', count: 3, baseline: 0.5 }]);
    expect(hotspotDays(d, '2023-05-01', '2023-05-01', { min: 3, ratio: 7 })).toEqual([]);
  });
});

describe('hotspotEpisodes', () => {
  const d = daily(['2023-05-01', 5], ['2023-05-20', 6]);
  const days = hotspotDays(d, '2023-04-25', '2023-06-01');

  it('one warning per run of 苗头 days, closed the day the window falls back under the rule', () => {
    const eps = hotspotEpisodes(days, '2023-06-01');
    expect(eps.map((e) => [e.openedOn, e.lastDay, e.closedOn, e.peak.count])).toEqual([
      ['2023-05-01', '2023-05-07', '2023-05-08', 5],
      // 05-20: 6 against the history of 05-01 (5 tickets → 0.625): 6 ≥ 1.875
      ['2023-05-20', '2023-05-26', '2023-05-27', 6],
    ]);
    expect(eps[1]!.days[0]).toEqual({ day: '2023-05-20', count: 6, baseline: 0.625 });
  });

  it('a run that reaches today is still open', () => {
    const eps = hotspotEpisodes(hotspotDays(d, '2023-04-25', '2023-05-22'), '2023-05-22');
    expect(eps.map((e) => [e.openedOn, e.lastDay, e.closedOn])).toEqual([
      ['2023-05-01', '2023-05-07', '2023-05-08'],
      ['2023-05-20', '2023-05-22', null],
    ]);
  });
});
