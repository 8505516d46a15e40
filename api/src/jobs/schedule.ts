// When each scheduled job is due (pure): fixed Asia/Shanghai wall-clock times, one run per job and day.
import { addDays, dayOfWeek, shanghaiDate, SHANGHAI_OFFSET_MS, type Day } from '../domain/time';

export interface JobTiming {
  /** Asia/Shanghai wall-clock time of the daily run, 'HH:MM'. */
  at: string;
  /** The day a run is for, relative to the day it runs on (the digest of day D is sent on D+1: -1). */
  dayOffset: number;
  /** Runs on the 1st of each month only (e.g. the 暗访 sample of the month before). */
  monthly?: boolean;
  /** Runs on Mondays only (the 周报 of the ISO week before); its day in job_run is the Monday. */
  weekly?: boolean;
  /**
   * Runs every n minutes from local midnight instead of once a day (deadlines of a few hours — 紧急件 2 小时先行联系
   * — must be flagged within minutes); `at` is then '00:00'. Its job_run row is the day's, claimed once per slot.
   */
  everyMinutes?: number;
}

function minutesOf(at: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(at);
  if (!m) throw new Error(`job time must be HH:MM, got ${at}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * The day of the latest scheduled run at or before `now` (the run a process that starts late must catch up
 * on), as the day the run is for.
 */
export function dueDay(timing: JobTiming, now: Date): Day {
  const today = shanghaiDate(now);
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const runDay = minutes >= minutesOf(timing.at) ? today : addDays(today, -1);
  // A monthly job's latest run is on the 1st of runDay's month; a process down that day catches up later.
  if (timing.weekly) return addDays(addDays(runDay, 1 - dayOfWeek(runDay)), timing.dayOffset);
  return addDays(timing.monthly ? `${runDay.slice(0, 7)}-01` : runDay, timing.dayOffset);
}

/** Start of the slot `now` falls in, for a job that runs every n minutes (null for a daily job). */
export function slotStart(timing: JobTiming, now: Date): Date | null {
  if (!timing.everyMinutes) return null;
  const period = timing.everyMinutes * 60_000;
  const sinceMidnight = (now.getTime() + SHANGHAI_OFFSET_MS) % 86_400_000;
  return new Date(now.getTime() - (sinceMidnight % period));
}

/** Milliseconds from `now` to the next scheduled run of any of these timings (at least one second). */
export function msUntilNext(timings: readonly JobTiming[], now: Date): number {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const nowMs = (local.getUTCHours() * 60 + local.getUTCMinutes()) * 60_000 + local.getUTCSeconds() * 1000 + local.getUTCMilliseconds();
  let best = Infinity;
  for (const t of timings) {
    if (t.everyMinutes) {
      const period = t.everyMinutes * 60_000;
      best = Math.min(best, period - (nowMs % period));
      continue;
    }
    const at = minutesOf(t.at) * 60_000;
    const wait = at > nowMs ? at - nowMs : at + 86_400_000 - nowMs;
    best = Math.min(best, wait);
  }
  return Math.max(1000, best);
}
