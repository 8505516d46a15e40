// Seed rows for `work_calendar` from the chinese-days package (statutory holidays and 调休, 2004–2026).
import { createRequire } from 'node:module';
import type { CalendarOverride } from './calendar';

/** Shape of chinese-days' dist/chinese-days.json: day → "English,中文,days". */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The package ships its tables as JSON; reading them directly avoids its dayjs-based per-day API.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;

export const CHINESE_DAYS_FIRST_YEAR = 2004;
// chinese-days 1.5.7 (published 2026-05-08, the newest on the registry as of 2026-12) ends with the 2026 National
// Day holiday and has no 2027 days, so no package update can supply 2027: later years are entered by an
// administrator from the State Council notice (粘贴录入, domain/calendar-paste.ts) and recorded in calendar_year.
export const CHINESE_DAYS_LAST_YEAR = 2026;

export type CalendarSeedRow = CalendarOverride & { name: string };

const chineseName = (label: string) => label.split(',')[1]?.trim() || label;

/**
 * The override rows for years [fromYear, toYear], sorted by day: public holidays (isWorkday false,
 * named e.g. '春节', weekend holidays included so the table names them) and make-up working days
 * (isWorkday true, named e.g. '春节补班').
 */
export function calendarOverridesFromChineseDays(
  fromYear = CHINESE_DAYS_FIRST_YEAR,
  toYear = CHINESE_DAYS_LAST_YEAR,
): CalendarSeedRow[] {
  const inRange = (day: string) => {
    const y = +day.slice(0, 4);
    return y >= fromYear && y <= toYear;
  };
  const rows: CalendarSeedRow[] = [];
  for (const [day, label] of Object.entries(data.holidays)) {
    if (inRange(day)) rows.push({ day, isWorkday: false, name: chineseName(label) });
  }
  for (const [day, label] of Object.entries(data.workdays)) {
    if (inRange(day)) rows.push({ day, isWorkday: true, name: `${chineseName(label)}补班` });
  }
  return rows.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
