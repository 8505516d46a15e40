import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { raChineseMessages } from './ra-zh-CN';
import { zhApp } from './app.zh-CN';
import { enApp } from './app.en';
import { enReports, zhReports } from '../reports/messages';
import { enSheets, zhSheets } from '../sheets/messages';
import { enWork, zhWork } from '../work/messages';
import { enCalendar, zhCalendar } from '../resources/WorkCalendarDay/messages';

export const DEFAULT_LOCALE = 'zh-CN';

export const messages = {
  'zh-CN': { ...raChineseMessages, ...zhApp, reports: zhReports, work: zhWork, sheets: zhSheets, calendar: zhCalendar },
  en: { ...englishMessages, ...enApp, reports: enReports, work: enWork, sheets: enSheets, calendar: enCalendar },
} as const;

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? messages.en : messages['zh-CN']),
  DEFAULT_LOCALE,
  [
    { locale: 'zh-CN', name: '中文' },
    { locale: 'en', name: 'English' },
  ],
  { allowMissing: false },
);
