// The pasted State Council notice (domain/calendar-paste.ts) and the calendar-year reminders (domain/calendar-years.ts).
// The 2027 dates below are FICTIONAL test data (the 2027 notice is not out): 春节 2027-02-05..02-11, 补班 02-13/02-20.
import { describe, expect, it } from 'vitest';
import { parseCalendarPaste, type PasteResult } from '../../src/domain/calendar-paste';
import { isProvisionalDue, missingCalendarYears } from '../../src/domain/calendar-years';

const ok = (r: PasteResult) => {
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
};
const errorsOf = (r: PasteResult) => (r.ok ? [] : r.errors);
const summary = (r: PasteResult) => ok(r).ranges.map(({ name, from, to, isWorkday }) => `${name} ${from}..${to} ${isWorkday ? '上班' : '放假'}`);

describe('parseCalendarPaste', () => {
  it('reads the typed forms: name then range (至), range (~) then name, and a make-up day', () => {
    const r = parseCalendarPaste(2027, ['春节 2027-02-05 至 2027-02-11', '2027-04-03~2027-04-05 清明节', '补班 2027-02-13', '补班 2027-02-20'].join('\n'));
    expect(summary(r)).toEqual([
      '春节 2027-02-05..2027-02-11 放假',
      '清明节 2027-04-03..2027-04-05 放假',
      '春节补班 2027-02-13..2027-02-13 上班', // an unnamed make-up day takes the nearest holiday's name
      '春节补班 2027-02-20..2027-02-20 上班',
    ]);
    const days = ok(r).days;
    expect(days).toHaveLength(7 + 3 + 2);
    expect(days.map((d) => d.day).slice(0, 3)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07']);
    expect(days.find((d) => d.day === '2027-02-08')).toEqual({ day: '2027-02-08', isWorkday: false, name: '春节', line: 1 });
    expect(days.find((d) => d.day === '2027-02-13')).toMatchObject({ isWorkday: true, line: 3 });
    // Sorted by day, whatever the order of the lines.
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort());
  });

  it('reads cells pasted from Excel: header, name, from, to, 放假/上班 (to may be empty), slashes and times', () => {
    const text = ['名称\t开始日期\t结束日期\t类型', '春节\t2027/2/5\t2027/2/11\t放假', '春节\t2027/2/13\t\t上班', '劳动节\t2027-05-01 00:00:00\t2027-05-05 00:00:00\t放假', ''].join('\r\n');
    expect(summary(parseCalendarPaste(2027, text))).toEqual([
      '春节 2027-02-05..2027-02-11 放假',
      '春节补班 2027-02-13..2027-02-13 上班',
      '劳动节 2027-05-01..2027-05-05 放假',
    ]);
  });

  it('reads the notice’s own wording: 2月5日至11日放假调休，共7天 and 2月13日（星期六）上班', () => {
    const text = '一、春节：2月5日至11日放假调休，共7天。\n2月13日（星期六）、\n国庆节：10月1日至7日放假';
    const r = parseCalendarPaste(2027, text);
    // "2月13日（星期六）、" has no kind: a holiday without a name is refused rather than guessed.
    expect(errorsOf(r)).toEqual([{ line: 2, message: '第 2 行：缺少节日名称（如「春节」）' }]);
    const fixed = parseCalendarPaste(2027, text.replace('2月13日（星期六）、', '2月13日（星期六）上班'));
    expect(summary(fixed)).toEqual([
      '春节 2027-02-05..2027-02-11 放假',
      '春节补班 2027-02-13..2027-02-13 上班',
      '国庆节 2027-10-01..2027-10-07 放假',
    ]);
  });

  it('reads a holiday and its make-up days in one line, as the notice writes them (sentences, days joined by 、)', () => {
    const r = parseCalendarPaste(2027, '四、劳动节：5月1日至5日放假调休，共5天。4月25日（星期日）、5月8日（星期六）上班。');
    expect(summary(r)).toEqual([
      '劳动节 2027-05-01..2027-05-05 放假',
      '劳动节补班 2027-04-25..2027-04-25 上班',
      '劳动节补班 2027-05-08..2027-05-08 上班',
    ]);
    expect(ok(r).days.map((d) => d.line)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('names the line of every mistake, and returns nothing partial', () => {
    const cases: Array<[string, string]> = [
      ['春节 2027-02-30 至 2027-03-02', '第 1 行：日期「2027-02-30」无效'],
      ['春节', '第 1 行：没有找到日期（应为 YYYY-MM-DD，如「春节 2027-02-06 至 2027-02-12」）'],
      ['春节 2027-02-11 至 2027-02-05', '第 1 行：结束日期 2027-02-05 早于开始日期 2027-02-11'],
      ['元旦 2026-12-31 至 2027-01-01', '第 1 行：2026-12-31 不在 2027 年（每年的安排单独录入）'],
      ['春节 2027-02-01 至 2027-03-01', '第 1 行：2027-02-01 至 2027-03-01 超过 15 天，请检查日期'],
      ['2027-02-05 2027-02-06 2027-02-07', '第 1 行：一行只能写一个日期或一个日期范围，找到 3 个日期'],
      ['2027-02-05 至 2027-02-11', '第 1 行：缺少节日名称（如「春节」）'],
    ];
    for (const [text, message] of cases) expect(errorsOf(parseCalendarPaste(2027, text)), text).toEqual([{ line: 1, message }]);
    // Blank lines count, so the number is the one the administrator sees; all bad lines are listed.
    const r = parseCalendarPaste(2027, '春节 2027-02-05 至 2027-02-11\n\n国庆节 2027-10-01 至 2027-10-0x\n劳动节 五一');
    expect(errorsOf(r).map((e) => e.line)).toEqual([3, 4]);
    expect(errorsOf(r)[0]!.message).toMatch(/^第 3 行：/);
  });

  it('refuses a day listed twice, naming both lines', () => {
    const r = parseCalendarPaste(2027, '春节 2027-02-05 至 2027-02-11\n补班 2027-02-11');
    expect(errorsOf(r)).toEqual([{ line: 2, message: '第 2 行：2027-02-11 已在第 1 行出现' }]);
  });

  it('refuses an empty paste, and warns (without refusing) about a make-up day that is a weekday anyway', () => {
    expect(errorsOf(parseCalendarPaste(2027, '\n  \n'))[0]!.message).toMatch(/没有可识别的行/);
    const r = ok(parseCalendarPaste(2027, '春节 2027-02-05 至 2027-02-11\n补班 2027-02-15'));
    expect(r.warnings).toEqual(['第 2 行：2027-02-15 本是工作日（周一至周五），补班不改变它']);
  });
});

describe('missingCalendarYears', () => {
  const shanghai = (s: string) => new Date(`${s}+08:00`);
  const have = new Set([2025, 2026]);

  it('asks for next year from 1 November (Shanghai), not on 31 October', () => {
    expect(missingCalendarYears(shanghai('2026-10-31T23:59:59'), have)).toEqual([]);
    const m = missingCalendarYears(shanghai('2026-11-01T00:00:00'), have);
    expect(m).toEqual([{ year: 2027, urgent: false, since: shanghai('2026-11-01T00:00:00'), due: new Date(shanghai('2027-01-01T00:00:00').getTime() - 1) }]);
    // 2026-10-31T16:00Z is already 1 November in Shanghai.
    expect(missingCalendarYears(new Date('2026-10-31T16:00:00Z'), have).map((x) => x.year)).toEqual([2027]);
    expect(missingCalendarYears(shanghai('2026-12-06T10:00:00'), new Set([2026, 2027]))).toEqual([]);
  });

  it('asks urgently for the current year while it is missing, and for the next from November too', () => {
    expect(missingCalendarYears(shanghai('2027-01-04T09:00:00'), have)).toMatchObject([{ year: 2027, urgent: true }]);
    expect(missingCalendarYears(shanghai('2027-11-02T09:00:00'), have).map((x) => [x.year, x.urgent])).toEqual([[2027, true], [2028, false]]);
  });

  it('marks a due time provisional by its Shanghai year', () => {
    expect(isProvisionalDue(shanghai('2026-12-31T23:59:59.999'), have)).toBe(false);
    expect(isProvisionalDue(shanghai('2027-01-01T00:00:00'), have)).toBe(true);
    expect(isProvisionalDue(null, have)).toBe(false);
  });
});
