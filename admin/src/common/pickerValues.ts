// The values of the month, date, week, year and date-time fields (pickers.tsx) as ISO text: what is a whole value,
// how loosely typed text reads, ISO weeks. Pure functions, shared with the calendar (pickerCalendar.tsx).

/** month 2023-06 · date 2023-06-15 · week 2023-W24 (ISO) · year 2023 · datetime 2023-06-15 09:30 (a wall time). */
export type PickerKind = 'month' | 'date' | 'week' | 'year' | 'datetime';

const PATTERN: Record<PickerKind, RegExp> = {
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  week: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  year: /^\d{4}$/,
  datetime: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/,
};
export const BOUNDS: Record<PickerKind, [string, string]> = {
  month: ['2000-01', '2100-12'],
  date: ['2000-01-01', '2100-12-31'],
  week: ['2000-W01', '2100-W52'],
  year: ['2000', '2100'],
  datetime: ['2000-01-01 00:00', '2100-12-31 23:59'],
};
export const MAX_LENGTH: Record<PickerKind, number> = { month: 12, date: 14, week: 14, year: 6, datetime: 22 };

const pad = (n: number | string) => String(n).padStart(2, '0');

function realDay(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** The ISO week of a day ('2023-06-15' → '2023-W24'; '2021-01-01' → '2020-W53'). */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7)); // the Thursday of its week decides the year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${pad(week)}`;
}

/** 52 or 53: the week of 28 December. */
export const weeksInYear = (year: number) => Number(isoWeekOf(`${year}-12-28`).slice(6));

/** The Monday and Sunday of an ISO week, 'YYYY-MM-DD'. */
export function weekDays(week: string): [string, string] {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (n - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return [monday.toISOString().slice(0, 10), sunday.toISOString().slice(0, 10)];
}

/** Whether text is a whole, real value of its kind in its ISO form (2023-02-30 and 2023-W53 are not). */
export function isIsoValue(kind: PickerKind, text: string): boolean {
  if (!PATTERN[kind].test(text)) return false;
  if (kind === 'date' || kind === 'datetime') {
    const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    return realDay(y, m, d);
  }
  if (kind === 'week') return Number(text.slice(6)) <= weeksInYear(Number(text.slice(0, 4)));
  return true;
}

/** A value typed whole in an unambiguous form, as ISO text: the canonical form, or 2023-06-15T09:30 (the old input's). */
export function exactIso(kind: PickerKind, text: string): string | null {
  if (isIsoValue(kind, text)) return text;
  if (kind === 'datetime') {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/.exec(text);
    if (m && isIsoValue(kind, `${m[1]} ${m[2]}`)) return `${m[1]} ${m[2]}`;
  }
  if (kind === 'week' && /^\d{4}-w\d{2}$/.test(text)) return isIsoValue(kind, text.toUpperCase()) ? text.toUpperCase() : null;
  return null;
}

/**
 * A loosely typed value as ISO text, or null: months 2023/6, 202306, 2023年6月; days 2023.6.5, 20230605,
 * 2023年6月5日; weeks 2023W24, 2023-24, 2023年第24周 or a day (its week); years 2023年; date-times
 * 2023/6/5 9:05, 2023-06-05T09:05, 202306050905.
 */
export function normalizeIso(kind: PickerKind, text: string): string | null {
  const t = text.trim();
  const exact = exactIso(kind, t);
  if (exact) return exact;
  const parts = t.match(/\d+/g) ?? [];
  const ok = (iso: string) => (isIsoValue(kind, iso) ? iso : null);
  const fourDigitYear = (p: string | undefined) => !!p && p.length === 4;
  switch (kind) {
    case 'year':
      return parts.length === 1 && fourDigitYear(parts[0]) ? ok(parts[0]!) : null;
    case 'week': {
      if (parts.length === 1 && parts[0]!.length === 6) return ok(`${parts[0]!.slice(0, 4)}-W${parts[0]!.slice(4)}`);
      if (parts.length === 2 && fourDigitYear(parts[0]) && parts[1]!.length <= 2) return ok(`${parts[0]}-W${pad(parts[1]!)}`);
      const day = normalizeIso('date', t); // a day stands for its week
      return day ? isoWeekOf(day) : null;
    }
    case 'datetime': {
      let p: string[] = parts;
      if (p.length === 1 && p[0]!.length === 12) p = [p[0]!.slice(0, 4), p[0]!.slice(4, 6), p[0]!.slice(6, 8), p[0]!.slice(8, 10), p[0]!.slice(10, 12)];
      if ((p.length !== 5 && p.length !== 6) || !fourDigitYear(p[0]) || p.slice(1, 5).some((x) => x.length > 2)) return null;
      return ok(`${p[0]}-${pad(p[1]!)}-${pad(p[2]!)} ${pad(p[3]!)}:${pad(p[4]!)}`);
    }
    default: {
      const n = kind === 'month' ? 2 : 3;
      let p: string[] = parts;
      if (p.length === 1 && p[0]!.length === (kind === 'month' ? 6 : 8)) p = [p[0]!.slice(0, 4), p[0]!.slice(4, 6), p[0]!.slice(6, 8)].slice(0, n);
      if (p.length !== n || !fourDigitYear(p[0]) || p.slice(1).some((x) => x.length > 2)) return null;
      return ok(p.map((x, i) => (i ? pad(x) : x)).join('-'));
    }
  }
}

/** What is wrong with text as a value of kind between lo and hi: null, 'invalid' or 'range'. */
export function judgeText(kind: PickerKind, text: string, lo = BOUNDS[kind][0], hi = BOUNDS[kind][1]): null | 'invalid' | 'range' {
  if (!isIsoValue(kind, text)) return 'invalid';
  return text < lo || text > hi ? 'range' : null;
}
