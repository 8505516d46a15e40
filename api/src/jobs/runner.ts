// Runs the scheduled jobs (architecture.md "jobs/") at fixed Asia/Shanghai times and once at start, catching
// up on a run missed while no process was up. Several API processes may share one PostgreSQL: a run takes a
// transaction-scoped advisory lock and records (job, day) in job_run inside the same transaction, so exactly
// one process does each day's work (each 10-minute slot's, for a job run every n minutes) and a rerun is a
// no-op. PGlite is one process with one connection.
import { sql, type Transaction } from 'kysely';
import type { OpenedDatabase } from '../db/connection';
import type { Database } from '../db/types';
import type { Day } from '../domain/time';
import { dueDay, msUntilNext, slotStart, type JobTiming } from './schedule';
import { overdueFlagsJob, undercoverSampleJob, unsatisfiedDigestJob, warningFollowUpJob, type JobResult } from './tasks';
import { REPORT_JOBS } from './reports';
import { lateAcceptanceJob, warningDigestJob } from './warning-tasks';

export interface JobDefinition extends JobTiming {
  name: string;
  run: (trx: Transaction<Database>, day: Day, now: Date) => Promise<JobResult>;
}

/** Times are local: deadlines end at 23:59:59.999, so the follow-up runs just after midnight; the unit
 * heads get yesterday's unsatisfied list before the working day starts. */
export const JOBS: readonly JobDefinition[] = [
  // Every 10 minutes: an urgent ticket's 2-hour first contact is flagged minutes, not hours, after it passes.
  { name: 'overdue-flags', at: '00:00', everyMinutes: 10, dayOffset: 0, run: overdueFlagsJob },
  { name: 'warning-follow-up', at: '00:10', dayOffset: 0, run: warningFollowUpJob },
  { name: 'unsatisfied-digest', at: '07:30', dayOffset: -1, run: (trx, day) => unsatisfiedDigestJob(trx, day) },
  // On the 1st, for the month that just ended (its day in job_run is the 1st).
  { name: 'undercover-sample', at: '01:00', dayOffset: 0, monthly: true, run: undercoverSampleJob },
  // 拖延接单 (domain.md §5): flagged within minutes of the acceptance window closing.
  { name: 'late-acceptance', at: '00:00', everyMinutes: 10, dayOffset: 0, run: lateAcceptanceJob },
  // 每日预警汇总: 08:30 on working days (the job skips other days), per level.
  { name: 'warning-digest', at: '08:30', dayOffset: 0, run: (trx, day) => warningDigestJob(trx, day) },
];

/** What the server's scheduler runs: the jobs above and the scheduled reports (jobs/reports.ts). */
export const SCHEDULED_JOBS: readonly JobDefinition[] = [...JOBS, ...REPORT_JOBS];

export type RunOutcome = { job: string; day: Day; status: 'ran'; result: JobResult } | { job: string; day: Day; status: 'done-already' | 'busy' };

/** One job for one day: runs it unless it ran already or another process is running it right now. */
export async function runJob(opened: OpenedDatabase, job: JobDefinition, day: Day, now = new Date()): Promise<RunOutcome> {
  return opened.db.transaction().execute(async (trx) => {
    if (opened.kind === 'postgres') {
      // Keyed by schema too: test suites share one database in separate schemas.
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(hashtext('rexian-job'), hashtext(current_schema() || ':' || ${job.name})) as locked`.execute(trx);
      if (!rows[0]?.locked) return { job: job.name, day, status: 'busy' as const };
    }
    // A job that runs every n minutes keeps one row per day and claims it again once per slot: the row is
    // taken over only when its last start lies before the current slot.
    const slot = slotStart(job, now);
    const claimed = await trx
      .insertInto('jobRun')
      .values({ job: job.name, day, startedAt: now })
      .onConflict((oc) =>
        slot
          ? oc.columns(['job', 'day']).doUpdateSet({ startedAt: now, finishedAt: null }).where('jobRun.startedAt', '<', slot)
          : oc.columns(['job', 'day']).doNothing(),
      )
      .returning('job')
      .executeTakeFirst();
    if (!claimed) return { job: job.name, day, status: 'done-already' as const };
    const result = await job.run(trx, day, now);
    await trx.updateTable('jobRun').set({ finishedAt: new Date(), result: JSON.stringify(result) }).where('job', '=', job.name).where('day', '=', day).execute();
    return { job: job.name, day, status: 'ran' as const, result };
  });
}

/** Every job whose latest scheduled time has passed and whose day has no run yet. */
export async function runDueJobs(opened: OpenedDatabase, now = new Date(), jobs: readonly JobDefinition[] = JOBS): Promise<RunOutcome[]> {
  const out: RunOutcome[] = [];
  for (const job of jobs) out.push(await runJob(opened, job, dueDay(job, now), now));
  return out;
}

export interface Scheduler {
  /** Resolves when the current pass (if any) has finished. */
  stop(): Promise<void>;
  /** The first pass, started at once. */
  started: Promise<RunOutcome[]>;
}

/** Runs the due jobs now and then at each job's next time; a failed pass is logged and retried at the next. */
export function startScheduler(opened: OpenedDatabase, opts: { log?: (m: string) => void; jobs?: readonly JobDefinition[] } = {}): Scheduler {
  const log = opts.log ?? ((m: string) => console.log(m));
  const jobs = opts.jobs ?? SCHEDULED_JOBS;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const pass = async (): Promise<RunOutcome[]> => {
    try {
      const outcomes = await runDueJobs(opened, new Date(), jobs);
      // A frequent job that found nothing to do stays quiet.
      const quiet = (o: RunOutcome) => o.status === 'ran' && !!jobs.find((j) => j.name === o.job)?.everyMinutes && Object.values(o.result).every((v) => v === 0);
      for (const o of outcomes) if (o.status === 'ran' && !quiet(o)) log(`[rexian] 定时任务 ${o.job}（${o.day}）：${JSON.stringify(o.result)}`);
      return outcomes;
    } catch (e) {
      if (!stopped) log(`[rexian] 定时任务失败，将在下次重试：${(e as Error).message}`);
      return [];
    }
  };
  const schedule = () => {
    if (stopped) return;
    // Re-planned after each pass: a timer of many hours drifts, and a missed pass is caught up on the next.
    timer = setTimeout(() => {
      current = pass().then(schedule);
    }, Math.min(msUntilNext(jobs, new Date()) + 1000, 3_600_000));
    timer.unref();
  };
  const started = pass();
  current = started.then(schedule);
  return {
    started,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => {});
    },
  };
}
