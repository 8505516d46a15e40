// Texts of the closure audit dialog that are new since the global messages were frozen: kept in this lazily loaded
// module (the first download stays small), chosen by the app's language.
export type AuditLang = 'zh' | 'en';
const TEXT = {
  zh: {
    undecided: '还有第%{items}项未选择「通过」或「不通过」，逐项选择后才能提交',
    decided: '已逐项选择',
    failReason: '不通过原因',
    progress: '已选择 %{done}/%{total} 项',
    submitted: '办结内容（审核对象）',
    submittedHint: '以下为处置单位提交的办结内容，对照右侧八项逐项审核',
    empty: '（未填写）',
    itemsSep: '、',
  },
  en: {
    undecided: 'Checks %{items} are not decided yet: choose Pass or Fail for each check before submitting',
    decided: 'Every check decided',
    failReason: 'Why it fails',
    progress: '%{done} of %{total} checks decided',
    submitted: 'Closure as submitted',
    submittedHint: 'What the unit submitted: judge it against the eight checks on the right',
    empty: '(not filled in)',
    itemsSep: ', ',
  },
} as const;
export type AuditKey = keyof (typeof TEXT)['zh'];
export const auditText = (lang: AuditLang, key: AuditKey, vars: Record<string, string> = {}) =>
  TEXT[lang][key].replace(/%\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
export const langOf = (locale: string | undefined): AuditLang => (locale?.startsWith('zh') ? 'zh' : 'en');
