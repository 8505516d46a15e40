// Asia/Shanghai calendar arithmetic. Shanghai has been UTC+8 without DST since 1991, so a fixed
// offset is exact for every date this system handles, and far cheaper than Intl.

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. */
export type Day = string;

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function utcDayNumber(y: number, m: number, d: number): number {
  // Date.UTC maps years 0–99 to 1900+; setUTCFullYear avoids that.
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return Math.floor(t.getTime() / DAY_MS);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** True for a real calendar date written exactly 'YYYY-MM-DD'. */
export function isValidDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  return !!m && validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01 (epoch day number); throws on a malformed or impossible date. */
export function dayNumber(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m || !validYmd(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`invalid day '${day}', expected YYYY-MM-DD`);
  return utcDayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Inverse of dayNumber. */
export function dayFromNumber(n: number): Day {
  const t = new Date(n * DAY_MS);
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(t: Date): Day {
  return dayFromNumber(shanghaiDayNumber(t));
}

/** Epoch day number of the instant's Asia/Shanghai date. */
export function shanghaiDayNumber(t: Date): number {
  const ms = t.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** 00:00:00.000 Asia/Shanghai of the day. */
export function shanghaiStartOfDay(day: Day): Date {
  return new Date(dayNumber(day) * DAY_MS - SHANGHAI_OFFSET_MS);
}

/** 23:59:59.999 Asia/Shanghai of the day. */
export function shanghaiEndOfDay(day: Day): Date {
  return new Date((dayNumber(day) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

/** Start (00:00 Shanghai) of an epoch day number, in epoch ms. */
export function startOfDayNumberMs(n: number): number {
  return n * DAY_MS - SHANGHAI_OFFSET_MS;
}

const WALL_RE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Parses Asia/Shanghai wall time 'YYYY-MM-DD HH:mm[:ss]' (also with '/', single-digit month, day
 * or hour as Excel writes them). Returns null for anything malformed or impossible (2023-02-30, 24:00).
 */
export function parseShanghaiWallTime(s: string): Date | null {
  const m = WALL_RE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, sec] = [Number(m[1]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), m[7] === undefined ? 0 : Number(m[7])];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  return new Date(startOfDayNumberMs(utcDayNumber(y, mo, d)) + ((h * 60 + mi) * 60 + sec) * 1000);
}

/** Formats an instant as Asia/Shanghai wall time 'YYYY-MM-DD HH:mm:ss'. */
export function formatShanghai(t: Date): string {
  const s = new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** `day` shifted by n calendar days. */
export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(day: Day): number {
  return isoDow(dayNumber(day));
}

/** ISO day of week of an epoch day number (1970-01-01 was a Thursday). */
export function isoDow(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

/** [start, end) of a calendar month 'YYYY-MM' in Asia/Shanghai. */
export function monthRange(month: string): [Date, Date] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`invalid month '${month}', expected YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const start = utcDayNumber(y, mo, 1);
  return [new Date(startOfDayNumberMs(start)), new Date(startOfDayNumberMs(start + daysInMonth(y, mo)))];
}

/** Monday (epoch day number) of ISO week 1 of an ISO year: the week holding 4 January. */
function isoWeekOneMonday(isoYear: number): number {
  const jan4 = utcDayNumber(isoYear, 1, 4);
  return jan4 - (isoDow(jan4) - 1);
}

/** [start, end) of an ISO week 'YYYY-Www' (Monday 00:00 to next Monday 00:00, Asia/Shanghai). */
export function isoWeekRange(week: string): [Date, Date] {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  const y = m ? Number(m[1]) : NaN;
  const w = m ? Number(m[2]) : NaN;
  const weeks = m ? (isoWeekOneMonday(y + 1) - isoWeekOneMonday(y)) / 7 : 0;
  if (!m || w < 1 || w > weeks) throw new RangeError(`invalid ISO week '${week}', expected YYYY-Www`);
  const monday = isoWeekOneMonday(y) + (w - 1) * 7;
  return [new Date(startOfDayNumberMs(monday)), new Date(startOfDayNumberMs(monday + 7))];
}

/** The ISO week 'YYYY-Www' holding a day. */
export function isoWeekOf(day: Day): string {
  const n = dayNumber(day);
  const thursday = n - isoDow(n) + 4; // the ISO year is the year of the week's Thursday
  const isoYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const w = (thursday - isoWeekOneMonday(isoYear) - 3) / 7 + 1;
  return `${isoYear}-W${pad2(w)}`;
}

/** The month 'YYYY-MM' holding a day. */
export function monthOf(day: Day): string {
  dayNumber(day);
  return day.slice(0, 7);
}
