// Messages that only a lazily loaded page uses stay in that page's chunk (issue #12: the first download is at its
// 400 kB limit, and the Chinese messages of the i18n provider are part of it). A page gives its Chinese and
// English dictionaries (the same keys, by type) and translates with the app's current language.
import { useCallback } from 'react';
import { useLocaleState } from 'react-admin';

type Params = Record<string, string | number | null | undefined> & { _?: string };

/** `%{name}` placeholders filled from params, as the app's polyglot messages do. */
export function fill(text: string, params?: Params): string {
  return params ? text.replace(/%\{(\w+)\}/g, (m, k: string) => (params[k] != null ? String(params[k]) : m)) : text;
}

/** A value of a nested dictionary by its dotted key, if it is a string. */
export function lookup(dict: object, key: string): string | undefined {
  const v = key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), dict);
  return typeof v === 'string' ? v : undefined;
}

export function usePageText<T extends object>(zh: T, en: T) {
  const [locale] = useLocaleState();
  const dict = locale === 'en' ? en : zh;
  return useCallback((key: string, params?: Params) => fill(lookup(dict, key) ?? params?._ ?? key, params), [dict]);
}
