// A to-do's title in the app's language, worded from the parts the API gives (MyWorkItem.parts, repos/mywork.ts):
// in Chinese it reads as the API's own `title`; in English the same facts in English. Names, topics and texts are
// data and stay as stored. An item without parts (a ticket's topic, a request's reason) shows its title as it is.
import type { WorkItem, WorkTitleParts } from './useMyWork';

type Text = (key: string, params?: Record<string, string | number | null | undefined>) => string;
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The fields of MyWorkItem that the 我的待办 page asks for besides the menu's (they stay out of the first download). */
export const TITLE_FIELDS =
  'overdue parts { kind unitName streetName dueDay day month period level count escalatedCount allowed exceeded confirmed accepted specialStudy topic place text meetingKind reportKind year urgent }';

export function workTitle(item: WorkItem, t: Text, translate: Translate): string | null {
  const p = item.parts;
  if (!p) return item.title;
  const k = (key: string, params?: Record<string, string | number | null | undefined>) => t(`parts.${key}`, params);
  const overdue = item.overdue ?? (item.due ? new Date(item.due).getTime() < Date.now() : false);
  const late = overdue ? k('overdue') : '';
  const opt = (key: string, value: string | number | null | undefined, name = key) => (value == null || value === '' ? '' : k(key, { [name]: value }));
  const level = (l: WorkTitleParts['level']) => (l ? k(`level.${l}`, { _: l }) : '');
  switch (p.kind) {
    case 'RECTIFICATION':
      return k('RECTIFICATION', { unit: p.unitName, due: p.dueDay }) + late;
    case 'ASSISTANCE':
      return p.dueDay ? k('ASSISTANCE', { unit: p.unitName, due: p.dueDay }) + late : k('ASSISTANCE_OPEN', { unit: p.unitName });
    case 'WARNING':
      return k('WARNING', { level: level(p.level), day: p.day, count: p.count }) + opt('topic', p.topic);
    case 'UNSATISFIED_PUSH':
      return k('UNSATISFIED_PUSH', { day: p.day, unit: p.unitName, count: p.count }) + (p.escalatedCount ? k('escalated', { n: p.escalatedCount }) : '');
    case 'NEGATIVE_QUOTA':
      return k('NEGATIVE_QUOTA', { unit: p.unitName, month: p.month, indicator: p.text, count: p.count, allowed: p.allowed })
        + k(p.exceeded ? 'exceeded' : 'reached') + (p.confirmed ? k('confirmed') : '');
    case 'LATE_ACCEPTANCE':
      return k(p.accepted ? 'LATE_ACCEPTANCE_ACCEPTED' : 'LATE_ACCEPTANCE', { unit: p.unitName });
    case 'DIGEST_WARNING':
      return k('DIGEST_WARNING', { level: level(p.level), topic: opt('topic', p.topic), count: p.count }) + (p.specialStudy ? k('specialStudy') : '');
    case 'DIGEST_HOTSPOT':
      return k('DIGEST_HOTSPOT', { topic: opt('topic', p.topic), place: opt('place', p.place), count: p.count });
    case 'MEETING_DECISION':
      return k('MEETING_DECISION', { meeting: p.meetingKind ? translate(`meetings.kind.${p.meetingKind}`, { _: p.meetingKind }) : '', day: p.day, text: p.text })
        + opt('unit', p.unitName) + late;
    case 'PROACTIVE_TASK':
      return k('PROACTIVE_TASK', { topic: p.topic, place: opt('place', p.place), text: p.text, unit: p.unitName }) + late;
    case 'NEW_REPORT':
      return opt('street', p.streetName) + k('NEW_REPORT', { kind: p.reportKind ? translate(`rexian.enum.reportKind.${p.reportKind}`, { _: p.reportKind }) : '', period: p.period });
    case 'CALENDAR_YEAR':
      return k(p.urgent ? 'CALENDAR_YEAR_URGENT' : 'CALENDAR_YEAR', { year: p.year });
    default:
      return item.title;
  }
}
