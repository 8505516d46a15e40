// Entering a year's statutory calendar (the State Council notice): which open tickets' due times it moves, and
// the save — the year's work_calendar rows, its calendar_year row and the moved due times, in one transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { WorkCalendar, type CalendarOverride } from '../domain/calendar';
import type { PastedDay } from '../domain/calendar-paste';
import { computeDueTimes, slaTicketOf } from '../domain/sla';
import { shanghaiStartOfDay } from '../domain/time';
import { readDueTimeConfig } from './calendar';

type Db = Kysely<Database> | Transaction<Database>;

export interface DueChange {
  ticketId: number;
  number: string;
  status: string;
  version: number;
  firstContactDueBefore: Date | null;
  firstContactDueAfter: Date | null;
  completionDueBefore: Date | null;
  completionDueAfter: Date | null;
}

export interface StoredDay {
  day: string;
  isWorkday: boolean;
  name: string | null;
}

export interface CalendarYearRow {
  year: number;
  source: string;
  confirmedBy: number | null;
  confirmedByName: string | null;
  confirmedAt: Date | null;
}

export interface CalendarYearPlan {
  year: number;
  /** The year's calendar as stored before (null: none). */
  current: CalendarYearRow | null;
  /** Stored rows of the year the new list drops (a local override, or a corrected day). */
  removed: StoredDay[];
  changes: DueChange[];
}

const yearBounds = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export async function calendarYearRows(db: Db): Promise<CalendarYearRow[]> {
  const rows = await db
    .selectFrom('calendarYear')
    .leftJoin('appUser', 'appUser.id', 'calendarYear.confirmedBy')
    .select(['calendarYear.year', 'calendarYear.source', 'calendarYear.confirmedBy', 'calendarYear.confirmedAt', 'appUser.username as confirmedByName'])
    .orderBy('calendarYear.year')
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year) }));
}

/**
 * What saving `days` as `year`'s calendar would do. Only open tickets due on or after the year's first day can
 * move (a due time before it never looked at the year's days); a ticket is listed when the new calendar gives it
 * other due times than the current one does, old = as stored, new = as recomputed by the SLA table.
 */
export async function planCalendarYear(db: Db, year: number, days: PastedDay[], opts: { lock?: boolean } = {}): Promise<CalendarYearPlan> {
  const { from, to } = yearBounds(year);
  const [config, stored, current] = await Promise.all([
    readDueTimeConfig(db),
    db.selectFrom('workCalendar').select(['day', 'isWorkday', 'name']).execute(),
    db.selectFrom('calendarYear').leftJoin('appUser', 'appUser.id', 'calendarYear.confirmedBy')
      .select(['calendarYear.year', 'calendarYear.source', 'calendarYear.confirmedBy', 'calendarYear.confirmedAt', 'appUser.username as confirmedByName'])
      .where('calendarYear.year', '=', year).executeTakeFirst(),
  ]);
  const inYear = (d: string) => d >= from && d <= to;
  const others: CalendarOverride[] = [];
  const removed: StoredDay[] = [];
  const next = new Set(days.map((d) => d.day));
  for (const r of stored) {
    const day = String(r.day);
    if (!inYear(day)) others.push({ day, isWorkday: r.isWorkday });
    else if (!next.has(day)) removed.push({ day, isWorkday: r.isWorkday, name: r.name });
  }
  removed.sort((a, b) => (a.day < b.day ? -1 : 1));
  const after = new WorkCalendar([...others, ...days]);
  const yearStart = shanghaiStartOfDay(from);

  let q = db
    .selectFrom('ticket')
    .select(['id', 'number', 'status', 'version', 'category', 'channel', 'urgent', 'receivedAt', 'extensionApproved', 'reopenedAt', 'reopenKind', 'firstContactDue', 'completionDue'])
    .where('status', '<>', 'CLOSED')
    .where((eb) => eb.or([eb('completionDue', '>=', yearStart), eb('firstContactDue', '>=', yearStart)]))
    .orderBy('id');
  if (opts.lock) q = q.forUpdate();
  const tickets = await q.execute();
  const changes: DueChange[] = [];
  for (const t of tickets) {
    // computeDueTimes throws SlaConfigError on a broken SLA table; the caller turns it into BAD_USER_INPUT.
    const sla = slaTicketOf(t);
    const before = computeDueTimes(sla, config.rules, config.calendar);
    const now = computeDueTimes(sla, config.rules, after);
    const moved = !sameTime(before.firstContactDue, now.firstContactDue) || !sameTime(before.completionDue, now.completionDue);
    const differs = !sameTime(t.firstContactDue, now.firstContactDue) || !sameTime(t.completionDue, now.completionDue);
    if (!moved || !differs) continue;
    changes.push({
      ticketId: t.id,
      number: t.number,
      status: t.status,
      version: t.version,
      firstContactDueBefore: t.firstContactDue,
      firstContactDueAfter: now.firstContactDue,
      completionDueBefore: t.completionDue,
      completionDueAfter: now.completionDue,
    });
  }
  changes.sort((a, b) => (a.completionDueAfter?.getTime() ?? 0) - (b.completionDueAfter?.getTime() ?? 0) || a.ticketId - b.ticketId);
  return { year, current: current ? { ...current, year: Number(current.year) } : null, removed, changes };
}

/**
 * Writes the plan inside the caller's transaction: the year's work_calendar rows replaced by `days`, the year
 * confirmed (source manual), the moved due times (version + 1) and one DUE_RECOMPUTED event per ticket.
 */
export async function applyCalendarYear(
  trx: Transaction<Database>,
  plan: CalendarYearPlan,
  days: PastedDay[],
  by: { userId: number | null; username: string | null },
  at: Date,
): Promise<void> {
  const { from, to } = yearBounds(plan.year);
  await trx.deleteFrom('workCalendar').where('day', '>=', from).where('day', '<=', to).execute();
  for (let i = 0; i < days.length; i += 500) {
    await trx.insertInto('workCalendar').values(days.slice(i, i + 500).map((d) => ({ day: d.day, isWorkday: d.isWorkday, name: d.name }))).execute();
  }
  await trx
    .insertInto('calendarYear')
    .values({ year: plan.year, source: 'manual', confirmedBy: by.userId, confirmedAt: at })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source: 'manual', confirmedBy: by.userId, confirmedAt: at }))
    .execute();
  const note = `按 ${plan.year} 年法定节假日安排重算时限`;
  for (let i = 0; i < plan.changes.length; i += 500) {
    const chunk = plan.changes.slice(i, i + 500);
    // One statement per chunk: the rows were locked by planCalendarYear({ lock: true }) in this transaction.
    const values = JSON.stringify(chunk.map((c) => ({ id: c.ticketId, fc: c.firstContactDueAfter, cd: c.completionDueAfter })));
    await sql`
      update ticket set first_contact_due = v.fc, completion_due = v.cd, version = ticket.version + 1, updated_at = ${at}::timestamptz
      from jsonb_to_recordset(${values}::jsonb) as v(id int, fc timestamptz, cd timestamptz)
      where ticket.id = v.id`.execute(trx);
    await trx
      .insertInto('ticketEvent')
      .values(
        chunk.map((c) => {
          const before: Record<string, Date | null> = {};
          const after: Record<string, Date | null> = {};
          if (!sameTime(c.firstContactDueBefore, c.firstContactDueAfter)) [before.firstContactDue, after.firstContactDue] = [c.firstContactDueBefore, c.firstContactDueAfter];
          if (!sameTime(c.completionDueBefore, c.completionDueAfter)) [before.completionDue, after.completionDue] = [c.completionDueBefore, c.completionDueAfter];
          return { ticketId: c.ticketId, at, actorUserId: by.userId, actorLabel: by.username, kind: 'DUE_RECOMPUTED', before: JSON.stringify(before), after: JSON.stringify(after), note };
        }),
      )
      .execute();
  }
}
