// Hotspot early warning (苗头预警, domain.md §5), pure: from one pair's tickets per day to the days D on which
// the pair is a 苗头, and from those days to warnings that open and close by the rule.
import { addDays, dayFromNumber, dayNumber, type Day } from './time';

export interface HotspotRule {
  /** `hotspotMin`: at least this many tickets in the 7 days ending D. */
  min: number;
  /** `hotspotRatio`: and at least this many times the pair's average 7-day count before the window. */
  ratio: number;
}

export const HOTSPOT_DEFAULTS: HotspotRule = { min: 5, ratio: 3 };
export const WINDOW_DAYS = 7;
export const HISTORY_DAYS = 56;
/** A pair with no tickets in the 56 days before the window counts as averaging half a ticket a week. */
export const NO_HISTORY_BASELINE = 0.5;
/** A ticket received on day X weighs on the rule of days X … X + this (its window, then the history). */
export const REACH_DAYS = WINDOW_DAYS - 1 + HISTORY_DAYS;

export interface HotspotDay {
  day: Day;
  /** Tickets received in the 7 days ending `day`. */
  count: number;
  /** Average 7-day count over the 56 days before that window (NO_HISTORY_BASELINE when there were none). */
  baseline: number;
}

/** The average 7-day count of a history of `tickets` over HISTORY_DAYS days. */
export function baselineOf(historyTickets: number): number {
  return historyTickets === 0 ? NO_HISTORY_BASELINE : (historyTickets * WINDOW_DAYS) / HISTORY_DAYS;
}

export function meetsRule(count: number, baseline: number, rule: HotspotRule): boolean {
  return count >= rule.min && count >= rule.ratio * baseline;
}

/**
 * The days in [from, to] on which a pair met the rule. `daily` maps a day to the pair's tickets received that
 * day; it must cover [from − 62, to] (days it does not name had none).
 */
export function hotspotDays(daily: ReadonlyMap<Day, number>, from: Day, to: Day, rule: HotspotRule = HOTSPOT_DEFAULTS): HotspotDay[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (last < first) return [];
  const start = first - REACH_DAYS;
  // Prefix sums over [start, last]: the tickets of any run of days in two lookups.
  const prefix = new Float64Array(last - start + 2);
  for (let n = start; n <= last; n++) prefix[n - start + 1] = prefix[n - start]! + (daily.get(dayFromNumber(n)) ?? 0);
  const sum = (a: number, b: number) => prefix[b - start + 1]! - prefix[a - start]!;
  const out: HotspotDay[] = [];
  for (let d = first; d <= last; d++) {
    const count = sum(d - WINDOW_DAYS + 1, d);
    if (count < rule.min) continue;
    const baseline = baselineOf(sum(d - REACH_DAYS, d - WINDOW_DAYS));
    if (meetsRule(count, baseline, rule)) out.push({ day: dayFromNumber(d), count, baseline });
  }
  return out;
}

export interface HotspotEpisode {
  openedOn: Day;
  /** The last day the rule held. */
  lastDay: Day;
  /** The first day a 7-day window fell back under the rule; null while the rule still holds today. */
  closedOn: Day | null;
  days: HotspotDay[];
  /** The day of the highest count (the first of equals), and that count. */
  peak: HotspotDay;
}

/**
 * A warning per run of consecutive 苗头 days: it opens on the first and closes the day after the last, once that
 * day has come (`today`); a run that reaches today is still open.
 */
export function hotspotEpisodes(days: readonly HotspotDay[], today: Day): HotspotEpisode[] {
  const out: HotspotEpisode[] = [];
  let run: HotspotDay[] = [];
  const flush = () => {
    if (!run.length) return;
    const lastDay = run[run.length - 1]!.day;
    const peak = run.reduce((a, b) => (b.count > a.count ? b : a));
    out.push({ openedOn: run[0]!.day, lastDay, closedOn: lastDay < today ? addDays(lastDay, 1) : null, days: run, peak });
    run = [];
  };
  for (const d of days) {
    if (run.length && dayNumber(d.day) !== dayNumber(run[run.length - 1]!.day) + 1) flush();
    run.push(d);
  }
  flush();
  return out;
}
