// The State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知) as pasted by an administrator: one
// holiday range or make-up working day per line, typed or copied from Excel/WPS. Pure: no I/O, errors name the line.
import { addDays, dayNumber, isValidDay, isoDow, type Day } from './time';

export interface PastedRange {
  /** 1-based line of the pasted text (blank lines count), for messages. */
  line: number;
  name: string;
  from: Day;
  to: Day;
  /** true: 调休 make-up working day (补班/上班); false: public holiday (放假). */
  isWorkday: boolean;
}

export interface PastedDay {
  day: Day;
  isWorkday: boolean;
  name: string;
  line: number;
}

export interface LineError {
  line: number;
  message: string;
}

export type PasteResult =
  | { ok: true; ranges: PastedRange[]; days: PastedDay[]; warnings: string[] }
  | { ok: false; errors: LineError[] };

/** Longer ranges are typing mistakes: the longest statutory break (春节, 国庆) is 8–9 days. */
export const MAX_RANGE_DAYS = 15;
export const MAX_PASTE_LINES = 200;

// 2027-02-06, 2027/2/6, 2027.2.6, 2027年2月6日, and 2月6日 (the notice's own style, in the year being entered).
const DATE_RE = /(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;
const WORKDAY_RE = /补班|上班|工作日/;
// Words that say the kind (not part of the name); 调休 appears in both (放假调休), so it only says "not a name".
const KIND_WORDS_RE = /调休上班|补班|上班|工作日|放假调休|放假|休息|调休|休假|假期|共\s*\d+\s*天/g;
const SAME_MONTH_END_RE = /^\s*[至到~～—–\-－]\s*(\d{1,2})\s*日/;
// The notice's "（星期六）" after a date, and its numbering "一、".
const WEEKDAY_RE = /[（(]\s*(?:星期|周)[一二三四五六日天]\s*[)）]/g;
const ENUMERATION_RE = /^\s*[一二三四五六七八九十]+\s*[、.．]/;
const RANGE_WORD_RE = /[至到~～—–－]|-\s|\s-/;
const TIME_RE = /\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
/** Cells that only say the kind: 休 / 班 in a copied table. */
const KIND_CELLS = new Set(['休', '班', '假']);
const HEADER_RE = /名称|节日|节假日|开始|结束|起|止|类型|日期/;

const pad2 = (n: string) => n.padStart(2, '0');

/** Parses the pasted notice of `year`; every problem is reported with its line (第 N 行), nothing partial. */
export function parseCalendarPaste(year: number, text: string): PasteResult {
  const errors: LineError[] = [];
  const ranges: PastedRange[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > MAX_PASTE_LINES) return { ok: false, errors: [{ line: MAX_PASTE_LINES + 1, message: `最多 ${MAX_PASTE_LINES} 行` }] };
  let seenContent = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.replace(/[\u3000\u00a0]/g, ' ').trim();
    if (!text) return;
    const first = !seenContent;
    seenContent = true;
    // The notice puts a holiday and its make-up days in one line, as sentences: each is read on its own.
    const sentences = text.split(/[。；;]/).map((x) => x.trim()).filter(Boolean);
    sentences.forEach((sentence, k) => {
      const out = parseSentence(year, line, sentence, first && k === 0);
      if (typeof out === 'string') errors.push({ line, message: `第 ${line} 行：${out}` });
      else ranges.push(...out);
    });
  });
  if (errors.length) return { ok: false, errors };
  if (ranges.length === 0) return { ok: false, errors: [{ line: 1, message: `没有可识别的行：每行写一个节日的放假日期范围，或一个补班日期` }] };

  // A make-up day without a name takes the nearest holiday's (补班 2027-02-14 → 春节补班), as the package names them.
  const holidays = ranges.filter((r) => !r.isWorkday);
  for (const r of ranges) {
    if (!r.isWorkday) continue;
    if (!r.name) {
      const n = dayNumber(r.from);
      let best: PastedRange | undefined;
      let bestGap = Infinity;
      for (const h of holidays) {
        const gap = Math.max(dayNumber(h.from) - n, n - dayNumber(h.to), 0);
        if (gap < bestGap) [best, bestGap] = [h, gap];
      }
      r.name = best ? `${best.name}补班` : '补班';
    } else if (!r.name.endsWith('补班')) r.name = `${r.name}补班`;
  }

  const days: PastedDay[] = [];
  const byDay = new Map<Day, PastedDay>();
  const warnings: string[] = [];
  for (const r of ranges) {
    for (let d = r.from; d <= r.to; d = addDays(d, 1)) {
      const prior = byDay.get(d);
      if (prior) {
        errors.push({ line: r.line, message: `第 ${r.line} 行：${d} 已在第 ${prior.line} 行出现` });
        continue;
      }
      const weekday = isoDow(dayNumber(d)) <= 5;
      if (r.isWorkday && weekday) warnings.push(`第 ${r.line} 行：${d} 本是工作日（周一至周五），补班不改变它`);
      const day: PastedDay = { day: d, isWorkday: r.isWorkday, name: r.name, line: r.line };
      byDay.set(d, day);
      days.push(day);
    }
  }
  if (errors.length) return { ok: false, errors };
  days.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { ok: true, ranges, days, warnings };
}

interface FoundDate { day: Day; raw: string; start: number; end: number }

/** One sentence of a line: its ranges, or the reason it cannot be read (without the line prefix). */
function parseSentence(year: number, line: number, text: string, mayBeHeader: boolean): PastedRange[] | string {
  const dates: FoundDate[] = [];
  let bad: string | null = null;
  for (const m of text.matchAll(DATE_RE)) {
    const [whole, y, mo, d] = m;
    // "2-6" inside free text is only a date when it has a year or the 月/日 of the notice's style.
    if (!y && !/月/.test(whole)) continue;
    const day = `${y ?? year}-${pad2(mo!)}-${pad2(d!)}`;
    if (!isValidDay(day)) bad ??= whole.trim();
    dates.push({ day, raw: whole.trim(), start: m.index!, end: m.index! + whole.length });
  }
  if (dates.length === 0) {
    // A header row copied with the table (名称 / 开始日期 / 结束日期 / 类型) is skipped.
    if (mayBeHeader && HEADER_RE.test(text)) return [];
    return `没有找到日期（应为 YYYY-MM-DD，如「春节 ${year}-02-06 至 ${year}-02-12」）`;
  }
  if (bad) return `日期「${bad}」无效`;
  // The notice writes a range within one month as 2月6日至12日.
  const last = dates[dates.length - 1]!;
  const sameMonth = dates.length === 1 ? SAME_MONTH_END_RE.exec(text.slice(last.end)) : null;
  if (sameMonth) {
    const day = `${last.day.slice(0, 8)}${pad2(sameMonth[1]!)}`;
    if (!isValidDay(day)) return `日期「${sameMonth[0].trim()}」无效`;
    dates.push({ day, raw: sameMonth[0].trim(), start: last.end, end: last.end + sameMonth[0].length });
  }
  // Dates joined by 、 or a comma are single days (4月25日（星期日）、5月8日（星期六）上班); otherwise two dates are a range.
  const listed = dates.length >= 2 && dates.slice(1).every((d, j) => /[、,，]/.test(text.slice(dates[j]!.end, d.start)) && !RANGE_WORD_RE.test(text.slice(dates[j]!.end, d.start)));
  if (!listed && dates.length > 2) return `一行只能写一个日期或一个日期范围，找到 ${dates.length} 个日期`;
  const spans: Array<[Day, Day]> = listed ? dates.map((d) => [d.day, d.day]) : [[dates[0]!.day, dates[dates.length - 1]!.day]];
  for (const [from, to] of spans) {
    if (to < from) return `结束日期 ${to} 早于开始日期 ${from}`;
    for (const d of [from, to]) if (!d.startsWith(`${year}-`)) return `${d} 不在 ${year} 年（每年的安排单独录入）`;
    if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS) return `${from} 至 ${to} 超过 ${MAX_RANGE_DAYS} 天，请检查日期`;
  }
  // What is left once the dates, the range words and the kind words are gone is the name (春节, 国庆节…).
  let rest = text;
  for (const d of dates) rest = rest.replace(d.raw, ' ');
  const isWorkday = WORKDAY_RE.test(rest);
  const name = rest
    .replace(TIME_RE, ' ')
    .replace(WEEKDAY_RE, ' ')
    .replace(ENUMERATION_RE, ' ')
    .replace(KIND_WORDS_RE, ' ')
    .replace(/[至到~～—–\-－,，:：;；()（）|。.]/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^、+|、+$/g, ''))
    .filter((w) => w && !KIND_CELLS.has(w))
    .join(' ');
  if (name.length > 40) return `名称「${name.slice(0, 20)}…」过长（最多 40 个字）`;
  if (!name && !isWorkday) return '缺少节日名称（如「春节」）';
  return spans.map(([from, to]) => ({ line, name, from, to, isWorkday }));
}
