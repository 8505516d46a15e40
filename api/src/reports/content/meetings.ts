// 会议材料 (domain.md §5b): the packs for the 城运周例会 (last week's figures; difficult, unsatisfied, repeat and
// unresolved tickets; open decisions), the 月度例会 (the month's analysis and rectification proposals) and the
// 党工委专题汇报 (hotspots, difficult tickets, excellent cases). Open decisions come from the meetings register
// (repos/meetings.ts openDecisions), as they stood at the end of the period.
import { sql } from 'kysely';
import type { Db } from '../kpis';
import type { ReportBlock, ReportDocument, ReportKindName, ReportSection } from '../document/model';
import { shanghaiDate } from '../../domain/time';
import { openDecisions } from '../../repos/meetings';
import { assistanceCandidates, interviewCandidates } from '../candidates';
import {
  capNote,
  chineseDate,
  chineseMonth,
  indicatorTable,
  monthPeriod,
  para,
  previousWeek,
  scopeKpis,
  shiftMonth,
  tableBlock,
  TICKET_COLUMNS,
  weekPeriod,
  type Scope,
} from './common';
import { difficultTickets, hotspotWarnings, repeatGroups, topAreas, topTopics, unresolvedTickets, unsatisfiedCallbacks } from './lists';
import { rankingRows } from './monthly';

const PACK_LIMIT = 30;

async function decisionsSection(db: Db, scope: Scope, asOf: string): Promise<ReportSection> {
  if (scope.streetId === null) return { heading: '未办结的会议决定', blocks: [para('会议决定按街镇登记，全区材料不列出。')] };
  const open = await openDecisions(db, scope.streetId, asOf);
  return {
    heading: '未办结的会议决定',
    blocks: open.length
      ? [
          tableBlock({
            id: 'open-decisions',
            title: '上次会议以来仍未办结的决定',
            columns: [
              { key: 'heldOn', label: '会议日期', format: 'date', width: 11 },
              { key: 'text', label: '决定事项', format: 'text', width: 36 },
              { key: 'owner', label: '责任单位/人', format: 'text', width: 14 },
              { key: 'dueOn', label: '完成时限', format: 'date', width: 11 },
              { key: 'state', label: '状态', format: 'text', width: 8 },
            ],
            rows: open.map((d) => ({ id: d.id, heldOn: d.heldOn, text: d.text, owner: d.ownerUnitName ?? d.ownerUserName ?? null, dueOn: d.dueOn, state: d.overdue ? '已逾期' : '进行中' })),
            marks: Object.fromEntries(open.flatMap((d, i) => (d.overdue ? [[i, ['state']]] : []))),
          }),
        ]
      : [para('无未办结的会议决定。')],
  };
}

const ticketList = (id: string, title: string, r: { total: number; rows: Record<string, any>[] }, extra: ReportBlock[] = [], more: { key: string; label: string; format: 'datetime' | 'text' | 'int' }[] = []): ReportBlock[] =>
  r.rows.length ? [tableBlock({ id, title, columns: [...TICKET_COLUMNS, ...more], rows: r.rows, note: capNote(r.total, r.rows.length) }), ...extra] : [para('无。')];

function doc(kind: ReportKindName, scope: Scope, period: string, title: string, subtitle: string, sections: ReportSection[], now: Date): ReportDocument {
  return {
    kind,
    period,
    streetId: scope.streetId === null ? null : String(scope.streetId),
    issuer: scope.issuer,
    title,
    docNumber: null,
    subtitle,
    date: shanghaiDate(now),
    sections,
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}

/** 城运周例会 (分管领导): the week `week`. */
export async function buildWeeklyMeetingPack(db: Db, scope: Scope, week: string, now: Date): Promise<ReportDocument> {
  const p = weekPeriod(week);
  const before = weekPeriod(previousWeek(week));
  const [kpis, difficult, unsatisfied, repeats, unresolved, decisions] = await Promise.all([
    scopeKpis(db, scope, [p, before], now),
    difficultTickets(db, scope, p, PACK_LIMIT),
    unsatisfiedCallbacks(db, scope, p, PACK_LIMIT),
    repeatGroups(db, scope, p, PACK_LIMIT),
    unresolvedTickets(db, scope, p, PACK_LIMIT),
    decisionsSection(db, scope, p.to),
  ]);
  const ind = indicatorTable({ id: 'indicators', title: '上周四项重点指标', scheme: scope.scheme, columns: [{ key: 'now', label: '上周', kpis: kpis.get(p.key)! }, { key: 'before', label: '前一周', kpis: kpis.get(before.key)!, deltaFrom: 'now', deltaLabel: '变化' }] });
  return doc('MEETING_WEEKLY', scope, week, `${scope.name}城运周例会材料`, `${chineseDate(p.from)}—${chineseDate(p.to).replace(/^\d+年/, '')}`, [
    { heading: '上周指标', blocks: [para(`上周受理 ${kpis.get(p.key)!.receivedCount} 件，办结 ${kpis.get(p.key)!.closedCount} 件。`), tableBlock(ind)] },
    { heading: `疑难工单（${difficult.total} 件）`, blocks: ticketList('difficult', '疑难工单', difficult, [], [{ key: 'resolution', label: '结案评判', format: 'text' }]) },
    { heading: `不满意工单（${unsatisfied.total} 次）`, blocks: ticketList('unsatisfied', '不满意回访', unsatisfied, [], [{ key: 'note', label: '说明', format: 'text' }]) },
    { heading: `重复工单（${repeats.total} 组）`, blocks: ticketList('repeat-groups', '重复工单（按一案一档）', repeats, [], [{ key: 'count', label: '本周件数', format: 'int' }]) },
    { heading: `未解决工单（${unresolved.total} 件）`, blocks: ticketList('unresolved', '应解决未解决工单', unresolved, [para('请责任单位逐件说明原因。')]) },
    decisions,
  ], now);
}

/** 月度例会 (主要领导): the month's analysis and rectification proposals. */
export async function buildMonthlyMeetingPack(db: Db, scope: Scope, month: string, now: Date): Promise<ReportDocument> {
  const p = monthPeriod(month);
  const prev = shiftMonth(month, -1);
  const last = shanghaiDate(new Date(p.end.getTime() - 1));
  const isStreet = scope.streetId !== null;
  const [kpis, ranking, topics, interviews, assistance, decisions] = await Promise.all([
    scopeKpis(db, scope, [p, monthPeriod(prev)], now),
    rankingRows(db, scope, month, now),
    topTopics(db, scope, p, monthPeriod(prev), 5),
    isStreet ? interviewCandidates(db, { streetId: scope.streetId!, month, now }) : Promise.resolve([]),
    isStreet ? assistanceCandidates(db, { streetId: scope.streetId!, month, now }) : Promise.resolve([]),
    decisionsSection(db, scope, last),
  ]);
  const names = new Map(ranking.rows.map((r) => [r.id, r.name]));
  const short = ranking.rows.filter((r) => r.total != null && (Object.entries(scope.scheme.targets) as [keyof typeof scope.scheme.targets, number][]).some(([k, t]) => r.kpis[k] != null && r.kpis[k]! + 1e-9 < t));
  const ind = indicatorTable({ id: 'indicators', title: '本月四项重点指标', scheme: scope.scheme, columns: [{ key: 'now', label: '本月', kpis: kpis.get(month)! }, { key: 'previous', label: '上月', kpis: kpis.get(prev)!, deltaFrom: 'now', deltaLabel: '较上月' }] });
  return doc('MEETING_MONTHLY', scope, month, `${scope.name}${chineseMonth(month)}热线工作月度例会材料`, chineseMonth(month), [
    { heading: '本月情况分析', blocks: [tableBlock(ind), para(`受理量前五的诉求：${topics.map((t) => `${t.topic}（${t.count} 件）`).join('、') || '无'}。`), para(`有未达标指标的${isStreet ? '单位' : '街镇'} ${short.length} 个。`)] },
    {
      heading: '整改建议',
      blocks: [
        ...(interviews.length ? [para('建议约谈：'), { type: 'list' as const, items: interviews.map((c) => `${names.get(c.unitId) ?? c.unitId}：${c.explanations.join('；')}`) }] : [para('本月无建议约谈的单位。')]),
        ...(assistance.length ? [para('建议帮扶：'), { type: 'list' as const, items: assistance.map((c) => `${names.get(c.unitId) ?? c.unitId}：${c.explanation}`) }] : [para('本月无建议帮扶的单位。')]),
      ],
    },
    decisions,
  ], now);
}

/** 党工委专题汇报: hotspots, difficult tickets and excellent cases of the month. */
export async function buildPartyMeetingPack(db: Db, scope: Scope, month: string, now: Date): Promise<ReportDocument> {
  const p = monthPeriod(month);
  const last = shanghaiDate(new Date(p.end.getTime() - 1));
  const [topics, areas, hotspots, difficult, cases, decisions] = await Promise.all([
    topTopics(db, scope, p, monthPeriod(shiftMonth(month, -1)), 5),
    topAreas(db, scope, p, 5),
    hotspotWarnings(db, scope, `${month}-01`, last),
    difficultTickets(db, scope, p, PACK_LIMIT),
    scope.streetId === null
      ? Promise.resolve({ rows: [] as Record<string, unknown>[] })
      : sql<Record<string, unknown>>`
          select a.id, u.name as unit_name, a.kind, a.status, a.nomination, t.number
          from award a join unit u on u.id = a.unit_id left join ticket t on t.id = a.ticket_id
          where u.street_id = ${scope.streetId}::int and a.month = ${month} and a.status <> 'REJECTED'
          order by a.kind desc, a.id`.execute(db),
    decisionsSection(db, scope, last),
  ]);
  return doc('MEETING_PARTY', scope, month, `${scope.name}12345热线工作党工委专题汇报材料`, chineseMonth(month), [
    { heading: '热点问题', blocks: [para(`热点诉求：${topics.map((t) => `${t.topic} ${t.count} 件`).join('、') || '无'}；高发区域：${areas.map((a) => `${a.area} ${a.count} 件`).join('、') || '无'}；苗头预警 ${hotspots.length} 个。`)] },
    { heading: `疑难工单（${difficult.total} 件）`, blocks: ticketList('difficult', '疑难工单', difficult, [], [{ key: 'resolution', label: '结案评判', format: 'text' }]) },
    {
      heading: '优秀案例',
      blocks: cases.rows.length
        ? [{ type: 'list', items: cases.rows.map((c) => `${c.unitName}${c.number ? `（工单 ${c.number}）` : ''}：${c.kind === 'DEMONSTRATION' ? '示范案例' : '优秀案例'}，${c.status === 'SELECTED' ? '已评选' : '提名'}${c.nomination ? `——${c.nomination}` : ''}`) }]
        : [para('本月无提名的优秀案例。')],
    },
    decisions,
  ], now);
}

