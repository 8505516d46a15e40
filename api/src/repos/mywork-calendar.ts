// 我的待办 for ADMIN and OPS: the statutory calendar of the current year, or (from 1 November) of next year, is
// not entered — due times in it are counted on plain Monday–Friday weeks until it is (domain/calendar-years.ts).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/types';
import { missingCalendarYears, missingYearMessage } from '../domain/calendar-years';
import { loadDueTimeConfig } from './calendar';
import type { WorkSection } from './mywork';

type Db = Kysely<Database> | Transaction<Database>;

/** One item per missing year (id = the year, opening the calendar's entry page); the current year's first. */
export async function calendarYearsSection(db: Db, now: Date): Promise<WorkSection> {
  const { calendarYears } = await loadDueTimeConfig(db);
  const missing = missingCalendarYears(now, calendarYears);
  return {
    key: 'calendarYears',
    resource: 'WorkCalendarDay',
    count: missing.length,
    items: missing.map((m) => ({
      resource: 'CalendarYear',
      id: m.year,
      ticketId: null,
      ticketNumber: null,
      title: m.urgent ? `${missingYearMessage(m.year)}：本年时限正按普通工作日计算` : missingYearMessage(m.year),
      unitId: null,
      due: m.due,
      since: m.since,
      parts: { kind: 'CALENDAR_YEAR', year: m.year, urgent: m.urgent },
    })),
  };
}
