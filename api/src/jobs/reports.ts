// Scheduled reports (domain.md §5b): the 周报 every Monday 08:30 for the ISO week before, the 月报 on the 1st at
// 08:30 for the month before, for every street that had tickets in it (a street with nothing received or closed
// has nothing to report). A report already in the archive for that period is left alone, so a rerun — or a
// catch-up after a clerk generated it by hand — makes no second copy. They show on the OPS clerk's 我的待办.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { addDays, isoWeekOf, isoWeekRange, monthRange, type Day } from '../domain/time';
import { previousMonth } from '../domain/undercover-sample';
import { generateReport, hasReport } from '../repos/reports';
import type { JobDefinition } from './runner';
import type { JobResult } from './tasks';

type Trx = Transaction<Database>;

async function streetsWithTickets(trx: Trx, start: Date, end: Date): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select s.id from street s
    where exists (select 1 from ticket t where t.street_id = s.id and t.received_at >= ${start} and t.received_at < ${end})
       or exists (select 1 from ticket t where t.street_id = s.id and t.closed_at >= ${start} and t.closed_at < ${end})
    order by s.id`.execute(trx);
  return rows.map((r) => r.id);
}

async function makeReports(trx: Trx, kind: 'WEEKLY' | 'MONTHLY', period: string, [start, end]: [Date, Date], now: Date): Promise<JobResult> {
  let made = 0;
  let existing = 0;
  const streets = await streetsWithTickets(trx, start, end);
  for (const streetId of streets) {
    if (await hasReport(trx, kind, streetId, period)) {
      existing++;
      continue;
    }
    await generateReport(trx, { kind, streetId, period, now, createdBy: null });
    made++;
  }
  return { streets: streets.length, reports: made, existing };
}

/** Monday `day`: the 周报 of the ISO week before. */
export function weeklyReportJob(trx: Trx, day: Day, now: Date): Promise<JobResult> {
  const week = isoWeekOf(addDays(day, -1));
  return makeReports(trx, 'WEEKLY', week, isoWeekRange(week), now);
}

/** The 1st `day`: the 月报 of the month before. */
export function monthlyReportJob(trx: Trx, day: Day, now: Date): Promise<JobResult> {
  const month = previousMonth(day.slice(0, 7));
  return makeReports(trx, 'MONTHLY', month, monthRange(month), now);
}

/**
 * The report jobs, beside runner.ts's JOBS: the server's scheduler runs both lists (SCHEDULED_JOBS); runDueJobs
 * without a list runs JOBS only, so callers that run "every job" to test the others do not render documents.
 */
export const REPORT_JOBS: readonly JobDefinition[] = [
  { name: 'weekly-report', at: '08:30', dayOffset: 0, weekly: true, run: weeklyReportJob },
  { name: 'monthly-report', at: '08:30', dayOffset: 0, monthly: true, run: monthlyReportJob },
];
