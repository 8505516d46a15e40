// Which years have a statutory calendar (table calendar_year): a year without one still counts Monday–Friday as
// working days, so its due times are provisional (暂定) until an administrator enters the State Council notice.
import { shanghaiDate, shanghaiStartOfDay } from './time';

/** The reminder for next year's notice starts on 1 November (Asia/Shanghai); the notice usually comes out then. */
export const REMIND_FROM_MONTH_DAY = '11-01';

/** The Asia/Shanghai year of an instant. */
export const shanghaiYear = (t: Date): number => Number(shanghaiDate(t).slice(0, 4));

export interface MissingCalendarYear {
  year: number;
  /** The year has begun without its calendar: due times are being set on plain Monday–Friday weeks now. */
  urgent: boolean;
  /** When the reminder started (1 November of the year before). */
  since: Date;
  /** The calendar is needed before this instant (the year's first moment). */
  due: Date;
}

/**
 * The years an administrator must enter now: the current year when it has no calendar (urgent), and from
 * 1 November on the next year when it has none.
 */
export function missingCalendarYears(now: Date, years: ReadonlySet<number>): MissingCalendarYear[] {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const entry = (y: number, urgent: boolean): MissingCalendarYear => ({
    year: y,
    urgent,
    since: shanghaiStartOfDay(`${y - 1}-${REMIND_FROM_MONTH_DAY}`),
    due: new Date(shanghaiStartOfDay(`${y}-01-01`).getTime() - 1),
  });
  const out: MissingCalendarYear[] = [];
  if (!years.has(year)) out.push(entry(year, true));
  if (today.slice(5) >= REMIND_FROM_MONTH_DAY && !years.has(year + 1)) out.push(entry(year + 1, false));
  return out;
}

/** A due time in a year without a statutory calendar is provisional (its holidays may move it). */
export function isProvisionalDue(due: Date | null | undefined, years: ReadonlySet<number>): boolean {
  return due != null && !years.has(shanghaiYear(due));
}

export const missingYearMessage = (year: number) => `${year} 年法定节假日安排尚未录入`;
export const provisionalHint = (year: number) => `${year} 年节假日安排尚未录入，时限按普通工作日计算`;
