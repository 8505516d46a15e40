import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { raChineseMessages } from './ra-zh-CN';
import { zhApp } from './app.zh-CN';
import { enApp } from './app.en';

export const DEFAULT_LOCALE = 'zh-CN';

export const messages = {
  'zh-CN': { ...raChineseMessages, ...zhApp },
  en: { ...englishMessages, ...enApp },
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
