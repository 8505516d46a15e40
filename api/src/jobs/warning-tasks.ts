// Scheduled work of issue #14 (domain.md §5): late acceptance flags (拖延接单, every 10 minutes like the overdue
// flags) and the daily warning digest per level (08:30 on working days). Both repeat safely for the same slot.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { Day } from '../domain/time';
import { loadDueTimeConfig } from '../repos/calendar';
import { acceptWithinWorkdays, flagLateAcceptances } from '../repos/workflow';
import { writeStreetDigest } from '../repos/digest';
import type { JobResult } from './tasks';

type Trx = Transaction<Database>;

/** How far back dispatches are looked at: a month's count must be complete by the time it is read. */
const LOOKBACK_DAYS = 62;

/**
 * 拖延接单: every dispatch of the last two months not accepted within acceptWithin working days — still waiting
 * (status DISPATCHED) or accepted late — is flagged once. A window is at least one day, so younger dispatches
 * are not read.
 */
export async function lateAcceptanceJob(trx: Trx, _day: Day, now: Date): Promise<JobResult> {
  const { calendar } = await readConfig(trx);
  const workdays = await acceptWithinWorkdays(trx);
  const { rows } = await sql<{ id: number; unitId: number; streetId: number; dispatchedAt: Date; acceptedAt: Date | null }>`
    select id, unit_id as "unitId", street_id as "streetId", dispatched_at as "dispatchedAt", accepted_at as "acceptedAt"
    from ticket
    where unit_id is not null and dispatched_at is not null
      and dispatched_at >= ${now}::timestamptz - make_interval(days => ${LOOKBACK_DAYS})
      and dispatched_at < ${now}::timestamptz - interval '1 day'
      and ((accepted_at is null and status = 'DISPATCHED') or accepted_at > dispatched_at + interval '1 day')`.execute(trx);
  const flagged = await flagLateAcceptances(trx, rows, now, workdays, calendar);
  return { checked: rows.length, flagged };
}

/** 每日预警汇总: on a working day (the calendar's), each street's digest per recipient. */
export async function warningDigestJob(trx: Trx, day: Day): Promise<JobResult> {
  const { calendar } = await readConfig(trx);
  if (!calendar.isWorkday(day)) return { skipped: 1 };
  const streets = await trx.selectFrom('street').select('id').orderBy('id').execute();
  let recipients = 0;
  let items = 0;
  for (const s of streets) {
    const rows = await writeStreetDigest(trx, s.id, day);
    recipients += rows.length;
    items += rows.reduce((n, r) => n + r.items.length, 0);
  }
  return { streets: streets.length, recipients, items };
}

function readConfig(trx: Trx) {
  return loadDueTimeConfig(trx);
}
