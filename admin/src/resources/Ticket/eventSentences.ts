// A ticket event as a sentence a clerk reads: who did what, to which unit, with which result — names instead of ids
// and logins, status names instead of codes, one date format (YYYY-MM-DD HH:mm, Shanghai). The texts live here, in
// the lazily loaded ticket module, not in the global messages (the first download stays small).

export type Lang = 'zh' | 'en';

type Vars = Record<string, string>;
const fill = (s: string, v: Vars) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** Headlines by event kind. {actor} is the person's name (or 系统), {source} the same without the space a Chinese
 *  sentence puts after a name; {unit}, {result}, {reopenKind}, {dueKind}, {dueAt} as found. */
const HEADLINE: Record<Lang, Record<string, string>> = {
  zh: {
    CREATED: '{actor}新建了工单',
    RECEIVED: '受理{source}转来的工单',
    IMPORTED: '{actor}从市平台导入了工单',
    IMPORT_UPDATED: '{actor}从市平台导入时更新了工单',
    EDITED: '{actor}修改了工单',
    DISPATCHED: '{actor}将工单派给{unit}',
    DISPATCHED_NO_UNIT: '{actor}派发了工单',
    ACCEPTED: '{actor}签收了工单',
    FIRST_CONTACT: '{actor}登记了先行联系',
    SUBMITTED: '{actor}提交办结，等待城运中心审核',
    AUDIT_FAILED: '{actor}办结审核不通过，退回重办',
    CLOSED: '{actor}办结审核通过，工单办结',
    REOPENED: '{actor}将工单重新办理（{reopenKind}）',
    REOPENED_PLAIN: '{actor}将工单重新办理',
    RETURN_REQUESTED: '{actor}申请退单',
    RETURN_APPROVED: '{actor}同意退单，改派{unit}',
    RETURN_APPROVED_PLAIN: '{actor}同意退单',
    RETURN_REJECTED: '{actor}驳回了退单申请',
    RETURN_AWAITING_MAIN_LEADER: '{actor}同意退单（改派{unit}），待主要领导审批',
    RETURN_DISCIPLINE_FILED: '{actor}登记了纪检备案',
    EXTENSION_REQUESTED: '{actor}申请延期',
    EXTENSION_APPROVED: '{actor}同意延期',
    EXTENSION_REJECTED: '{actor}驳回了延期申请',
    CALLBACK: '{actor}登记回访，结果为「{result}」',
    LEADER_ORDER_COMPLETED: '{actor}办结了领导督办单',
    OVERDUE: '工单超过{dueKind}时限（{dueAt}）',
    DUE_RECOMPUTED: '{actor}按节假日安排重算了时限',
    UNDERCOVER_VISIT: '{actor}登记了暗访结果',
    TRANSITION: '{actor}变更了工单状态',
    OTHER: '{actor}：{kind}',
  },
  en: {
    CREATED: '{actor} created the ticket',
    RECEIVED: 'Ticket received from {source}',
    IMPORTED: '{actor} imported the ticket from the city platform',
    IMPORT_UPDATED: '{actor} updated the ticket from a city platform import',
    EDITED: '{actor} edited the ticket',
    DISPATCHED: '{actor} dispatched the ticket to {unit}',
    DISPATCHED_NO_UNIT: '{actor} dispatched the ticket',
    ACCEPTED: '{actor} accepted the ticket',
    FIRST_CONTACT: '{actor} recorded the first contact',
    SUBMITTED: '{actor} submitted the closure for audit',
    AUDIT_FAILED: '{actor} failed the closure audit and sent the ticket back for redo',
    CLOSED: '{actor} passed the closure audit; the ticket is closed',
    REOPENED: '{actor} reopened the ticket ({reopenKind})',
    REOPENED_PLAIN: '{actor} reopened the ticket',
    RETURN_REQUESTED: '{actor} asked to return the ticket',
    RETURN_APPROVED: '{actor} approved the return and reassigned the ticket to {unit}',
    RETURN_APPROVED_PLAIN: '{actor} approved the return',
    RETURN_REJECTED: '{actor} rejected the return request',
    RETURN_AWAITING_MAIN_LEADER: '{actor} approved the return (to {unit}); the main leader must approve too',
    RETURN_DISCIPLINE_FILED: '{actor} recorded the discipline filing',
    EXTENSION_REQUESTED: '{actor} asked for an extension',
    EXTENSION_APPROVED: '{actor} approved the extension',
    EXTENSION_REJECTED: '{actor} rejected the extension',
    CALLBACK: '{actor} recorded a callback: {result}',
    LEADER_ORDER_COMPLETED: '{actor} completed the leader order',
    OVERDUE: 'The ticket missed its {dueKind} deadline ({dueAt})',
    DUE_RECOMPUTED: '{actor} recomputed the deadlines for the holiday schedule',
    UNDERCOVER_VISIT: '{actor} recorded an undercover visit',
    TRANSITION: '{actor} changed the ticket status',
    OTHER: '{actor}: {kind}',
  },
};

const WORDS: Record<Lang, Vars> = {
  zh: {
    system: '系统', changed: '{field}由「{before}」改为「{after}」', set: '{field}为「{after}」', cleared: '清空了{field}',
    note: '说明：{note}', sep: '；', end: '。', empty: '（空）', yes: '是', no: '否',
    COMPLETION: '办结', FIRST_CONTACT: '先行联系', failed: '第{item}项「{label}」不通过：{note}', auditNote: '审核意见：{note}',
    time: '时间', what: '经过', dueAt: '时限', kind: '类型',
    unit: '单位', fromUnit: '原单位', toUnit: '改派单位', number: '工单编号',
  },
  en: {
    system: 'System', changed: '{field} changed from “{before}” to “{after}”', set: '{field}: “{after}”', cleared: '{field} cleared',
    note: 'Note: {note}', sep: '; ', end: '.', empty: '(empty)', yes: 'yes', no: 'no',
    COMPLETION: 'completion', FIRST_CONTACT: 'first-contact', failed: 'Check {item} “{label}” failed: {note}', auditNote: 'Audit note: {note}',
    time: 'Time', what: 'What happened', dueAt: 'Deadline', kind: 'Kind',
    unit: 'Unit', fromUnit: 'From unit', toUnit: 'To unit', number: 'Ticket number',
  },
};

export const word = (lang: Lang, key: string, v: Vars = {}) => fill(WORDS[lang][key] ?? key, v);

/**
 * The fixed labels the city platform's and the demo's events carry instead of a user (where a ticket came from, who
 * called back), in English; a leader's name after 领导派单 / 领导回访 stays as it is. Anything else (a person's name,
 * a login) is data and shows as stored.
 */
const ACTOR_EN: Record<string, string> = {
  '12345平台': 'the 12345 platform', '市平台': 'the city platform', 网格巡查: 'grid patrol', 系统: 'System',
  市热线回访: 'City hotline callback', 城运中心回访: 'Operations center callback', 街道回访: 'Street callback',
};
const ACTOR_PREFIX_EN: Array<[string, string]> = [['领导派单', 'Leader dispatch'], ['领导回访', 'Leader callback']];

export function actorText(lang: Lang, label: string): string {
  if (lang === 'zh') return label;
  const fixed = ACTOR_EN[label.trim()];
  if (fixed) return fixed;
  for (const [zh, en] of ACTOR_PREFIX_EN) if (label.startsWith(zh)) return `${en}${label.slice(zh.length)}`;
  return label;
}

/** A sentence's head and its clauses: 「…，a；b。」 in Chinese, "…. A; b." in English. */
export function joinSentence(lang: Lang, head: string, clauses: string[]): string {
  if (!clauses.length) return `${head}${word(lang, 'end')}`;
  if (lang === 'zh') return `${head}，${clauses.join(word(lang, 'sep'))}${word(lang, 'end')}`;
  const [first, ...rest] = clauses;
  return `${head}. ${first!.charAt(0).toUpperCase()}${first!.slice(1)}${rest.length ? `; ${rest.join('; ')}` : ''}.`;
}

/** 2023-05-25 07:47 in Shanghai (no daylight saving there: a fixed +8 h). */
export function shanghaiMinute(value: unknown): string {
  if (value == null || value === '') return '';
  const d = new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value);
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export function headline(lang: Lang, kind: string, v: Vars): string {
  const h = HEADLINE[lang];
  let key = kind in h ? kind : 'OTHER';
  if (key === 'DISPATCHED' && !v.unit) key = 'DISPATCHED_NO_UNIT';
  if (key === 'REOPENED' && !v.reopenKind) key = 'REOPENED_PLAIN';
  if (key === 'RETURN_APPROVED' && !v.unit) key = 'RETURN_APPROVED_PLAIN';
  return fill(h[key]!, v);
}

/** The failed checks in an audit's stored summary (「第7项「…」不通过：…；…。审核意见：…」), to show with today's labels. */
export function parseAuditSummary(note: string): { failed: Array<{ item: number; note: string }>; auditNote: string | null } | null {
  const [checksPart, auditNote] = note.split('。审核意见：');
  const failed: Array<{ item: number; note: string }> = [];
  for (const part of (checksPart ?? '').split('；')) {
    const m = /^第(\d+)项「[^」]*」不通过：([\s\S]*)$/.exec(part.trim());
    if (!m) return null;
    failed.push({ item: Number(m[1]), note: m[2]!.trim() });
  }
  return failed.length ? { failed, auditNote: auditNote?.trim() || null } : null;
}
