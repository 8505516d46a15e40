// The `period` of the reports about one matter rather than one period of a street (domain.md §5b): the 专报
// (HOTSPOT) names its subject and its date range, the forms (预警单, 领导派单/督办单) the record they print.
// The subject is part of the period so that each subject keeps its own versions in the archive
// (kind, street, period, version), and an external tool names it the same way:
//
//   HOTSPOT            topic:<诉求主题>@YYYY-MM-DD/YYYY-MM-DD   a topic of the street's tickets
//                      area:<居委名称>@…                          a residential committee (所属居委)
//                      road:<道路>@…                              a road parsed from the addresses
//                      group:<主单 ticket id>@…                   a repeat group (一案一档, the repeat warning's group)
//                      hotspot:<苗头预警 id>@…                     a hotspot warning's (topic, 居委 or road) pair
//   WARNING_FORM       warning:<重复预警 id> | hotspot:<苗头预警 id>
//   LEADER_ORDER_FORM  ticket:<工单 id> (领导派单, with its 督办单 and 提级办理) | order:<领导督办单 id>
import { badInput } from '../../errors';
import { isValidDay, type Day } from '../../domain/time';

export type HotspotSubject =
  | { type: 'topic'; name: string }
  | { type: 'area'; name: string }
  | { type: 'road'; name: string }
  | { type: 'group'; id: number }
  | { type: 'hotspot'; id: number };

export interface HotspotPeriod {
  subject: HotspotSubject;
  from: Day;
  to: Day;
}

export type FormSubject = { type: 'warning' | 'hotspot' | 'ticket' | 'order'; id: number };

/** The archive's period column holds at most 40 characters (migrations/0023). */
export const MAX_PERIOD_LENGTH = 40;

const periodError = (msg: string) => badInput(msg, { period: msg });
const ID_RE = /^[1-9]\d{0,9}$/;
const RANGE_RE = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

function id(raw: string, what: string): number {
  if (!ID_RE.test(raw) || Number(raw) > 2_147_483_647) throw periodError(`${what}编号无效：${raw}`);
  return Number(raw);
}

export const HOTSPOT_PERIOD_HELP = '专报的期间应为 主题:值@YYYY-MM-DD/YYYY-MM-DD，主题为 topic:诉求主题、area:居委、road:道路、group:重复工单主单编号 或 hotspot:苗头预警编号，例如 topic:餐饮油烟@2023-05-01/2023-08-31';

export function parseHotspotPeriod(period: string): HotspotPeriod {
  const p = period.trim();
  if (p.length > MAX_PERIOD_LENGTH) throw periodError(`专报的期间最长 ${MAX_PERIOD_LENGTH} 个字符（主题名称过长）`);
  const at = p.lastIndexOf('@');
  if (at < 0) throw periodError(HOTSPOT_PERIOD_HELP);
  const head = p.slice(0, at);
  const range = RANGE_RE.exec(p.slice(at + 1));
  if (!range || !isValidDay(range[1]!) || !isValidDay(range[2]!)) throw periodError(HOTSPOT_PERIOD_HELP);
  const [from, to] = [range[1]!, range[2]!];
  if (to < from) throw periodError('专报的开始日期不能晚于结束日期');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > 366) throw periodError('专报的期间最长一年');
  const colon = head.indexOf(':');
  const type = colon < 0 ? '' : head.slice(0, colon);
  const value = colon < 0 ? '' : head.slice(colon + 1).trim();
  if (!value) throw periodError(HOTSPOT_PERIOD_HELP);
  switch (type) {
    case 'topic':
    case 'area':
    case 'road':
      return { subject: { type, name: value }, from, to };
    case 'group':
      return { subject: { type, id: id(value, '重复工单主单') }, from, to };
    case 'hotspot':
      return { subject: { type, id: id(value, '苗头预警') }, from, to };
    default:
      throw periodError(HOTSPOT_PERIOD_HELP);
  }
}

export function parseFormPeriod(kind: 'WARNING_FORM' | 'LEADER_ORDER_FORM', period: string): FormSubject {
  const p = period.trim();
  const help = kind === 'WARNING_FORM' ? '预警单的期间应为 warning:重复预警编号 或 hotspot:苗头预警编号' : '领导派单/督办单的期间应为 ticket:工单编号 或 order:领导督办单编号';
  const m = /^([a-z]+):(\S+)$/.exec(p);
  if (!m) throw periodError(help);
  const allowed = kind === 'WARNING_FORM' ? ['warning', 'hotspot'] : ['ticket', 'order'];
  if (!allowed.includes(m[1]!)) throw periodError(help);
  const label = { warning: '预警', hotspot: '苗头预警', ticket: '工单', order: '领导督办单' }[m[1] as FormSubject['type']];
  return { type: m[1] as FormSubject['type'], id: id(m[2]!, label) };
}

/** The canonical period string (trimmed as parsed). */
export function hotspotPeriodString(h: HotspotPeriod): string {
  const s = h.subject;
  return `${s.type}:${'name' in s ? s.name : s.id}@${h.from}/${h.to}`;
}
