// The due-time countdown a ticket badge shows (剩余/超期), in working time (domain.md §2).
//
// The domain counts deadlines in whole working days: "n working days from t" ends at 23:59:59.999 of a
// working day. The countdown is consistent with that: a working day counts 24 working hours (00:00–24:00
// Asia/Shanghai) and weekends/holidays count nothing, so "剩余 1 个工作日" always means one more whole working
// day before the deadline. A deadline set in natural hours (紧急件 2 小时先行联系) counts natural time.
import type { WorkCalendar } from './calendar';
import { dayFromNumber, shanghaiDayNumber, startOfDayNumberMs } from './time';

export const MINUTE_MS = 60_000;

/**
 * Minutes from `now` to `due`, rounded away from zero (a due time ends at 23:59:59.999, so "剩余 39 小时" is
 * exact, and a ticket one second late is −1, never 0): positive while time is left, negative once passed. `natural`: count every hour, not only
 * working days. Overdue is decided on the clock, not on working time: a deadline missed on Friday night is
 * overdue on Saturday even though no working time has passed since.
 */
export function minutesLeft(due: Date, now: Date, calendar: WorkCalendar, natural = false): number {
  const ms = natural ? due.getTime() - now.getTime() : calendar.workingMillisBetween(now, due);
  if (due.getTime() >= now.getTime()) return Math.ceil(Math.max(0, ms) / MINUTE_MS);
  return -Math.max(1, Math.ceil(Math.abs(ms) / MINUTE_MS));
}


/** The badge turns red (and 我的待办 lists a ticket as 1 个工作日内到期) with at most this much working time left. */
export const DUE_SOON_WORKING_MS = 24 * 60 * MINUTE_MS;

/**
 * The latest due time still within `workingMs` of working time from `now` — the cut-off of a "due within 1 working
 * day" list, computed once so the rows are picked by one SQL comparison (completion_due <= cut-off) and agree with
 * minutesLeft: a due time on a weekend or holiday right after the last working hour counts no more, so it is in too.
 */
export function workingCutoff(now: Date, workingMs: number, calendar: WorkCalendar): Date {
  let left = workingMs;
  // A calendar without working days for ten years has no cut-off worth a query: everything is within it.
  for (let d = shanghaiDayNumber(now), end = d + 3660; d < end; d++) {
    if (!calendar.isWorkday(dayFromNumber(d))) continue;
    const from = Math.max(now.getTime(), startOfDayNumberMs(d));
    const span = startOfDayNumberMs(d + 1) - from;
    // `<` not `<=`: used up exactly at midnight, the non-working days after it still count nothing.
    if (left < span) return new Date(from + left);
    left -= span;
  }
  return new Date(8.64e15);
}
