import polyglotI18nProvider from 'ra-i18n-polyglot';
import { raChineseMessages } from './ra-zh-CN';
import { zhApp } from './app.zh-CN';
import { zhReports } from '../reports/messages';
import { zhReportDocs } from '../reports/documents/messages';
import { zhSheets } from '../sheets/messages';
import { zhWork } from '../work/messages';
import { zhCalendar } from '../resources/WorkCalendarDay/messages';
import { zhMeetings } from '../resources/Meeting/messages';

export const DEFAULT_LOCALE = 'zh-CN';

export const zhMessages = { ...raChineseMessages, ...zhApp, reports: zhReports, reportDocs: zhReportDocs, work: zhWork, sheets: zhSheets, calendar: zhCalendar, meetings: zhMeetings };

/** The languages in the order the switch lists them; Chinese first, the default. English loads when chosen. */
export const LOCALES = [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'en', name: 'English' },
] as const;

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? import('./en').then((m) => m.enMessages) : zhMessages) as typeof zhMessages,
  DEFAULT_LOCALE,
  [...LOCALES],
  { allowMissing: false },
);
