// China's statutory working-day calendar (工作日 with 调休), built from the rows of `work_calendar`.
import {
  DAY_MS,
  type Day,
  dayFromNumber,
  dayNumber,
  isoDow,
  shanghaiDayNumber,
  startOfDayNumberMs,
} from './time';

/** One row of `work_calendar`: an exception to the Monday–Friday rule. */
export interface CalendarOverride {
  day: Day;
  /** true: 调休 make-up working day (补班); false: public holiday. */
  isWorkday: boolean;
  name?: string | null;
}

export class WorkCalendar {
  // Keyed by epoch day number so the hot loops never build strings.
  private readonly overrides = new Map<number, boolean>();

  constructor(overrides: Iterable<CalendarOverride> = []) {
    for (const o of overrides) this.overrides.set(dayNumber(o.day), o.isWorkday);
  }

  /** A make-up working day, or Monday–Friday and not a public holiday. */
  isWorkday(day: Day): boolean {
    return this.isWorkdayNumber(dayNumber(day));
  }

  private isWorkdayNumber(n: number): boolean {
    return this.overrides.get(n) ?? isoDow(n) <= 5;
  }

  /** The n-th working day strictly after `day` (n = 0: `day` itself, working or not). */
  workdayAfter(day: Day, n: number): Day {
    return dayFromNumber(this.workdayAfterNumber(dayNumber(day), n));
  }

  private workdayAfterNumber(start: number, n: number): number {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working-day count must be a non-negative integer, got ${n}`);
    let d = start;
    for (let left = n; left > 0; ) if (this.isWorkdayNumber(++d)) left--;
    return d;
  }

  /**
   * "n working days from t": 23:59:59.999 Asia/Shanghai of the n-th working day strictly after t's
   * Shanghai date. n = 0 gives the end of t's own date (sla_rule allows first_contact_workdays = 0).
   */
  addWorkdays(t: Date, n: number): Date {
    return new Date(startOfDayNumberMs(this.workdayAfterNumber(shanghaiDayNumber(t), n) + 1) - 1);
  }

  /**
   * Working time in [from, to), in ms: the part of the interval lying on working days, each working
   * day counting whole (00:00–24:00 Shanghai, 24 h). Due times end at a working day's 23:59:59.999, so
   * this is the "working hours left" a due-time badge shows: weekends and holidays do not count down.
   * Negative (the working time overdue) when to < from.
   */
  workingMillisBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError('invalid Date');
    if (b < a) return -this.workingMillisBetween(to, from);
    let total = 0;
    for (let d = shanghaiDayNumber(from); startOfDayNumberMs(d) < b; d++) {
      if (!this.isWorkdayNumber(d)) continue;
      const s = Math.max(a, startOfDayNumberMs(d));
      const e = Math.min(b, startOfDayNumberMs(d) + DAY_MS);
      total += e - s;
    }
    return total;
  }

  /** Number of working days in the closed range [from, to] of days (0 when to < from). */
  countWorkdays(from: Day, to: Day): number {
    let count = 0;
    for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) if (this.isWorkdayNumber(d)) count++;
    return count;
  }
}
