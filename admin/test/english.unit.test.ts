// English mode's texts without a browser (issue #15): the English messages of every file carry no Chinese and no
// full-width punctuation (besides the few that quote what a clerk pastes or reads in a Chinese file), the due badge
// has a short English form, and a history sentence reads as English: fixed event sources translated, ASCII stops.
import polyglotI18nProvider from 'ra-i18n-polyglot';
import { describe, expect, it } from 'vitest';
import { enMessages } from '../src/i18n/en';
import { enWarningPages } from '../src/warnings/pageMessages';
import { enMyWork } from '../src/work/myWorkMessages';
import { enTicket } from '../src/resources/Ticket/ticketMessages';
import { enRankingMeeting } from '../src/reports/ranking/messages';
import { enRankingDiff } from '../src/reports/rankingDiffMessages';
import { enDashboard } from '../src/reports/dashboardMessages';
import { workingSpan } from '../src/common/DueBadge';
import { actorText, headline, joinSentence } from '../src/resources/Ticket/eventSentences';

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
});
