// When each scheduled job is due (pure): fixed Asia/Shanghai wall-clock times, one run per job and day.
import { addDays, shanghaiDate, SHANGHAI_OFFSET_MS, type Day } from '../domain/time';

export interface JobTiming {
  /** Asia/Shanghai wall-clock time of the daily run, 'HH:MM'. */
  at: string;
  /** The day a run is for, relative to the day it runs on (the digest of day D is sent on D+1: -1). */
  dayOffset: number;
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
  return addDays(runDay, timing.dayOffset);
}

/** Milliseconds from `now` to the next scheduled run of any of these timings (at least one second). */
export function msUntilNext(timings: readonly JobTiming[], now: Date): number {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const nowMs = (local.getUTCHours() * 60 + local.getUTCMinutes()) * 60_000 + local.getUTCSeconds() * 1000 + local.getUTCMilliseconds();
  let best = Infinity;
  for (const t of timings) {
    const at = minutesOf(t.at) * 60_000;
    const wait = at > nowMs ? at - nowMs : at + 86_400_000 - nowMs;
    best = Math.min(best, wait);
  }
  return Math.max(1000, best);
}
