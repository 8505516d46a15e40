// English mode's texts without a browser (issue #15): the English messages of every file carry no Chinese and no
// full-width punctuation (besides the few that quote what a clerk pastes or reads in a Chinese file), the due badge
// has a short English form, and a history sentence reads as English: fixed event sources translated, ASCII stops.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { describe, expect, it } from 'vitest';
import { enMessages } from '../src/i18n/en';
import { enWarningPages } from '../src/warnings/pageMessages';
import { enTicket } from '../src/resources/Ticket/ticketMessages';
import { enRankingMeeting } from '../src/reports/ranking/messages';
import { enRankingDiff } from '../src/reports/rankingDiffMessages';
import { enDashboard } from '../src/reports/dashboardMessages';
import { workingSpan } from '../src/common/DueBadge';
import { actorText, headline, joinSentence } from '../src/resources/Ticket/eventSentences';
import { enMyWork, zhMyWork } from '../src/work/myWorkMessages';
import { fill, lookup } from '../src/work/pageText';
import { workTitle } from '../src/work/workTitle';
import type { WorkItem, WorkTitleParts } from '../src/work/useMyWork';
import { zhMessages } from '../src/i18n';

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** English texts that quote Chinese on purpose: a holiday notice's example and the words (放假/上班) to paste, a city-export column. */
const QUOTES = ['calendar.page.placeholder', 'calendar.page.intro', 'rexian.street.importTo'];

function strings(o: unknown, path: string, out: Array<[string, string]>) {
  if (typeof o === 'string') out.push([path, o]);
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

describe('English mode texts', () => {
  it('has no Chinese or full-width punctuation in the English messages', () => {
    const all = strings({ ...enMessages, warningPages: enWarningPages, myWork: enMyWork, ticket: enTicket, rankingMeeting: enRankingMeeting, rankingDiff: enRankingDiff, dashboard: enDashboard }, '', []);
    expect(all.length).toBeGreaterThan(500);
    const chinese = all.filter(([k, v]) => CJK.test(v) && !QUOTES.includes(k));
    expect(chinese).toEqual([]);
  });

  it('gives the due badge a short English form, the full one for its tooltip', () => {
    const t = polyglotI18nProvider(() => enMessages, 'en').translate as any;
    const overdue = (s: string) => t('rexian.due.overdue', { time: s });
    expect(overdue(workingSpan(-(725 * 1440 + 10 * 60), t, { badge: true }))).toBe('Overdue 725 wd');
    expect(overdue(workingSpan(-(725 * 1440 + 10 * 60), t))).toBe('Overdue 725 working days 10 h');
    expect(overdue(workingSpan(-(2 * 1440 + 3 * 60), t, { badge: true }))).toBe('Overdue 2 wd 3 h');
    expect(overdue(workingSpan(-(1440 + 5), t))).toBe('Overdue 1 working day');
  });

  it('reads a history sentence as English', () => {
    expect(headline('en', 'RECEIVED', { source: actorText('en', '12345平台') })).toBe('Ticket received from the 12345 platform');
    expect(actorText('en', '市热线回访')).toBe('City hotline callback');
    expect(actorText('en', '领导派单 王伟')).toBe('Leader dispatch 王伟');
    expect(actorText('en', '城运中心 王敏')).toBe('城运中心 王敏'); // a person's label is data
    expect(actorText('zh', '12345平台')).toBe('12345平台');
    expect(joinSentence('en', 'A closed the ticket', ['status changed', 'Closed: “x”'])).toBe('A closed the ticket. Status changed; Closed: “x”.');
    expect(joinSentence('zh', 'A 办结了工单', ['状态由「甲」改为「乙」', '办结时间为「x」'])).toBe('A 办结了工单，状态由「甲」改为「乙」；办结时间为「x」。');
    expect(joinSentence('en', 'A accepted the ticket', [])).toBe('A accepted the ticket.');
  });

  it('words 我的待办 titles from their parts: as the API’s title in Chinese, with no Chinese word of its own in English', () => {
    const page = (dict: object) => (key: string, params?: Record<string, string | number | null | undefined>) => fill(lookup(dict, key) ?? (params?._ != null ? String(params._) : key), params as never);
    const app = (messages: object, locale: string) => polyglotI18nProvider(() => messages as any, locale).translate as any;
    const none = { unitName: null, streetName: null, dueDay: null, day: null, month: null, period: null, level: null, count: null, escalatedCount: null, allowed: null,
      exceeded: null, confirmed: null, accepted: null, specialStudy: null, topic: null, place: null, text: null, meetingKind: null, reportKind: null, year: null, urgent: null };
    const item = (title: string, parts: Partial<WorkTitleParts> & { kind: string }, overdue = false): WorkItem =>
      ({ resource: 'X', id: '1', ticketId: null, ticketNumber: null, title, unitId: null, due: null, since: null, overdue, parts: { ...none, ...parts } });
    // The API's titles (api/test/workflow/mywork-parts.test.ts, followups.test.ts, leaders.test.ts, mywork-digest.test.ts), names as data.
    const cases: WorkItem[] = [
      item('城管中队 · 整改期限 2023-06-30 · 已逾期', { kind: 'RECTIFICATION', unitName: '城管中队', dueDay: '2023-06-30' }, true),
      item('房管办事处 · 整改期限 2099-12-31', { kind: 'RECTIFICATION', unitName: '房管办事处', dueDay: '2099-12-31' }),
      item('城管中队 · 帮扶至 2023-08-31 · 已逾期', { kind: 'ASSISTANCE', unitName: '城管中队', dueDay: '2023-08-31' }, true),
      item('市场监督管理所 · 未定结束日期', { kind: 'ASSISTANCE', unitName: '市场监督管理所' }),
      item('黄色 · 2023-09-04 · 5 件 · 噪声', { kind: 'WARNING', level: 'YELLOW', day: '2023-09-04', count: 5, topic: '噪声' }),
      item('2023-08-03 · 房管办事处 · 1 件（提级 1 件）', { kind: 'UNSATISFIED_PUSH', day: '2023-08-03', unitName: '房管办事处', count: 1, escalatedCount: 1 }),
      item('城管中队 · 2023-06 不满意件 3/2 件 · 已超配额 · 已确认', { kind: 'NEGATIVE_QUOTA', unitName: '城管中队', month: '2023-06', text: '不满意件', count: 3, allowed: 2, exceeded: true, confirmed: true }),
      item('城管中队 · 拖延接单（仍未签收）', { kind: 'LATE_ACCEPTANCE', unitName: '城管中队', accepted: false }),
      item('红色 · 重复件 · 占道经营 · 11 件', { kind: 'DIGEST_WARNING', level: 'RED', topic: '占道经营', count: 11, specialStudy: false }),
      item('苗头 · 占道经营 · 东方路 · 6 件', { kind: 'DIGEST_HOTSPOT', topic: '占道经营', place: '东方路', count: 6 }),
      item('城运周例会 2023-06-05 · 清理南泉路占道 · 城管中队 · 已逾期', { kind: 'MEETING_DECISION', meetingKind: 'WEEKLY', day: '2023-06-05', text: '清理南泉路占道', unitName: '城管中队', dueDay: '2023-06-20' }, true),
      item('噪声 · 塘桥居委 · 夜间施工巡查 · 城管中队', { kind: 'PROACTIVE_TASK', topic: '噪声', place: '塘桥居委', text: '夜间施工巡查', unitName: '城管中队', dueDay: '2099-07-31' }),
      item('塘桥街道 · 月报 2023-06 已生成', { kind: 'NEW_REPORT', reportKind: 'MONTHLY', period: '2023-06', streetName: '塘桥街道' }),
      item('2027 年法定节假日安排尚未录入', { kind: 'CALENDAR_YEAR', year: 2027, urgent: false }),
    ];
    const zh = app(zhMessages, 'zh-CN');
    for (const c of cases) expect(workTitle(c, page(zhMyWork), zh)).toBe(c.title);
    const en = app(enMessages, 'en');
    const data = /城管中队|房管办事处|市场监督管理所|噪声|不满意件|占道经营|东方路|清理南泉路占道|塘桥居委|夜间施工巡查|塘桥街道/g;
    for (const c of cases) {
      const text = workTitle(c, page(enMyWork), en)!;
      expect(text.replace(data, 'X'), text).not.toMatch(CJK);
    }
    expect(workTitle(cases[0]!, page(enMyWork), en)).toBe('城管中队 · rectification due 2023-06-30 · overdue');
    expect(workTitle(cases[3]!, page(enMyWork), en)).toBe('市场监督管理所 · no end date set');
    expect(workTitle(cases[4]!, page(enMyWork), en)).toBe('Yellow · 2023-09-04 · 5 tickets · 噪声');
    // An item whose title is data (a ticket's topic) keeps it.
    expect(workTitle({ ...cases[0]!, title: '垃圾清运', parts: null }, page(enMyWork), en)).toBe('垃圾清运');
  });
});
