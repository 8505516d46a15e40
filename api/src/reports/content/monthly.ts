// 月报 (domain.md §5b): a month of a street (or the district) against the month before and the same month last
// year; the ranking by peer group with the change of rank; 疑难, 重复 (by group) and 应解决未解决 tickets;
// hotspot topics and areas; awards and deductions; interview and assistance candidates; 12-month trend charts.
import { sql } from 'kysely';
import type { Db } from '../kpis';
import type { CellValue, ReportChart, ReportColumn, ReportDocument, ReportSection, ReportTable } from '../document/model';
import { shanghaiDate } from '../../domain/time';
import { PEER_GROUP_ORDER } from '../../domain/ranking';
import { effectiveUnitRankings, streetRankings, type UnitRankingRow, type StreetRankingRow } from '../ranking';
import { assistanceCandidates, interviewCandidates } from '../candidates';
import {
  capNote,
  chineseMonth,
  indicatorTable,
  LIST_LIMIT,
  monthPeriod,
  para,
  PEER_GROUP_LABEL,
  pct,
  RATE_KEYS,
  RATE_LABEL,
  rateColumns,
  scopeKpis,
  shiftMonth,
  tableBlock,
  TICKET_COLUMNS,
  type Scope,
} from './common';
import { categoryRows, difficultTickets, hotspotWarnings, hotspotWarningTable, receivedByCategory, repeatGroups, topAreas, topTopics, unresolvedTickets } from './lists';

type RankRow = (UnitRankingRow | StreetRankingRow) & { name: string; id: number; peerGroup: string };

/** The ranking the screens show: a street's units (the published snapshot, if any), or the district's streets. */
export async function rankingRows(db: Db, scope: Scope, month: string, now: Date): Promise<{ rows: RankRow[]; published: boolean }> {
  return (await rankingRowsOf(db, scope, [month], now))[0]!;
}

/** `rankingRows` of several months, in the order given (two statements for a street, one for the district). */
export async function rankingRowsOf(db: Db, scope: Scope, months: string[], now: Date): Promise<{ rows: RankRow[]; published: boolean }[]> {
  if (scope.streetId !== null) {
    const r = await effectiveUnitRankings(db, { streetId: scope.streetId, months, now });
    return months.map((m) => ({ rows: r.get(m)!.rows.map((x) => ({ ...x, id: x.unitId, name: x.unitName })), published: !!r.get(m)!.snapshot }));
  }
  const r = await streetRankings(db, { districtId: scope.districtId, months, now });
  return months.map((m) => ({ rows: r.get(m)!.rows.map((x) => ({ ...x, id: x.streetId, name: x.streetName, peerGroup: '' })), published: false }));
}

export function windowLabel(r: { sampleTooSmall: boolean; windowMonths: number }): string {
  return r.sampleTooSmall ? '样本不足' : r.windowMonths > 1 ? `近${r.windowMonths}月` : '当月';
}

/** The ranking tables (one per peer group, or one of streets), with the change of rank against `before`. */
export function rankingTables(a: { scope: Scope; rows: RankRow[]; before?: RankRow[]; idPrefix: string; title: string; withBonus: boolean }): ReportTable[] {
  const prev = new Map((a.before ?? []).map((r) => [r.id, r.rank]));
  const columns: ReportColumn[] = [
    { key: 'rank', label: '名次', format: 'int', width: 5 },
    { key: 'name', label: a.scope.streetId === null ? '街镇' : '单位', format: 'text', width: 16 },
    { key: 'window', label: '统计区间', format: 'text', width: 8 },
    { key: 'closedCount', label: '办结', format: 'int', width: 6 },
    ...rateColumns(a.scope.scheme),
    { key: 'baseScore', label: '基础分', format: 'score', width: 7 },
    ...(a.withBonus
      ? ([
          { key: 'bonus', label: '加分', format: 'score', width: 6 },
          { key: 'deduction', label: '扣分', format: 'score', width: 6 },
        ] as ReportColumn[])
      : []),
    { key: 'total', label: '总分', format: 'score', width: 7 },
    ...(a.before ? ([{ key: 'rankChange', label: '名次变化', format: 'delta-int', width: 8 }] as ReportColumn[]) : []),
  ];
  const groups = a.scope.streetId === null ? [''] : PEER_GROUP_ORDER.filter((g) => a.rows.some((r) => r.peerGroup === g));
  return groups.map((g) => ({
    id: `${a.idPrefix}-${g || 'streets'}`,
    title: `${a.title}（${g ? PEER_GROUP_LABEL[g] : '各街镇'}）`,
    columns,
    peerGroup: g || undefined,
    rows: a.rows
      .filter((r) => r.peerGroup === g)
      .map((r) => {
        const p = prev.get(r.id);
        const row: Record<string, CellValue> = {
          id: r.id,
          rank: r.rank,
          name: r.name,
          window: windowLabel(r),
          closedCount: r.kpis.closedCount,
          ...Object.fromEntries(RATE_KEYS.map((k) => [k, r.kpis[k]])),
          baseScore: r.baseScore,
          total: r.total,
        };
        if (a.withBonus) Object.assign(row, { bonus: (r as UnitRankingRow).bonus, deduction: (r as UnitRankingRow).deduction });
        if (a.before) row.rankChange = r.rank != null && p != null ? p - r.rank : null;
        return row;
      }),
    note: '统计区间“近N月”：当月办结量不足最少样本量，按滚动窗口计算；“样本不足”不排名。名次变化↑为上升。',
  }));
}

/**
 * The 12 months ending `month`: one line chart per indicator with its target. A month without any data (nothing
 * received, closed or due — e.g. before the street's first import) is a gap in every chart, never a 0 bar or point.
 */
export function trendCharts(scope: Scope, months: string[], kpis: Map<string, import('../../domain/kpi').Kpis>): ReportChart[] {
  const labels = months.map((m) => `${Number(m.slice(5))}月`);
  const empty = (m: string) => {
    const k = kpis.get(m)!;
    return k.receivedCount === 0 && k.closedCount === 0 && RATE_KEYS.every((r) => k[r] === null);
  };
  const value = (m: string, f: (k: import('../../domain/kpi').Kpis) => number | null) => (empty(m) ? null : f(kpis.get(m)!));
  const received: ReportChart = {
    id: 'trend-received',
    title: '图1 近12个月受理量与办结量',
    kind: 'bar',
    categories: labels,
    series: [
      { name: '受理量', data: months.map((m) => value(m, (k) => k.receivedCount)) },
      { name: '办结量', data: months.map((m) => value(m, (k) => k.closedCount)) },
    ],
  };
  return [
    received,
    ...RATE_KEYS.map((k, i) => ({
      id: `trend-${k}`,
      title: `图${i + 2} ${RATE_LABEL[k]}近12个月走势`,
      kind: 'line' as const,
      categories: labels,
      series: [{ name: RATE_LABEL[k], data: months.map((m) => value(m, (x) => x[k])) }],
      target: { name: '目标', value: scope.scheme.targets[k] }, // the chart writes the value after the name
      percent: true,
    })),
  ];
}

export async function awardsAndDeductions(db: Db, scope: Scope, month: string): Promise<{ awards: Record<string, CellValue>[]; deductions: Record<string, CellValue>[] }> {
  if (scope.streetId === null) return { awards: [], deductions: [] };
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const [awards, deductions] = await Promise.all([
    sql<Record<string, unknown>>`
      select a.id, u.name as unit_name, a.kind, a.points, a.amount, t.number, a.nomination
      from award a join unit u on u.id = a.unit_id left join ticket t on t.id = a.ticket_id
      where u.street_id = ${scope.streetId}::int and u.active and a.status = 'SELECTED' and a.month = ${month}
      order by u.code, a.id`.execute(db),
    sql<Record<string, unknown>>`
      select n.id, u.name as unit_name, i.code, i.title, n.points, n.date, t.number, n.note
      from negative_record n join unit u on u.id = n.unit_id join negative_item i on i.id = n.item_id left join ticket t on t.id = n.ticket_id
      where u.street_id = ${scope.streetId}::int and u.active and n.date >= ${first}::date and n.date < ${next}::date
      order by n.date, n.id`.execute(db),
  ]);
  return {
    awards: awards.rows.map((r) => ({ unit: String(r.unitName), kind: r.kind === 'DEMONSTRATION' ? '示范案例' : '优秀案例', number: (r.number as string) ?? null, points: Number(r.points), amount: Number(r.amount) })),
    deductions: deductions.rows.map((r) => ({ unit: String(r.unitName), date: String(r.date).slice(0, 10), item: `${r.code} ${r.title}`, number: (r.number as string) ?? null, points: Number(r.points) })),
  };
}

export async function buildMonthly(db: Db, scope: Scope, month: string, now: Date): Promise<ReportDocument> {
  const months13 = Array.from({ length: 13 }, (_, i) => shiftMonth(month, i - 12));
  const prevMonth = shiftMonth(month, -1);
  const lastYear = shiftMonth(month, -12);
  const p = monthPeriod(month);
  const pp = monthPeriod(prevMonth);
  const isStreet = scope.streetId !== null;
  const [kpis, ranking, rankingBefore, categories, difficult, repeats, unresolved, topics, areas, hotspots, bonus, interviews, assistance] = await Promise.all([
    scopeKpis(db, scope, months13.map(monthPeriod), now),
    rankingRows(db, scope, month, now),
    rankingRows(db, scope, prevMonth, now),
    receivedByCategory(db, scope, [p, pp]),
    difficultTickets(db, scope, p, LIST_LIMIT),
    repeatGroups(db, scope, p, LIST_LIMIT),
    unresolvedTickets(db, scope, p, LIST_LIMIT),
    topTopics(db, scope, p, pp, 10),
    topAreas(db, scope, p, 10),
    hotspotWarnings(db, scope, `${month}-01`, shanghaiDate(new Date(p.end.getTime() - 1))),
    awardsAndDeductions(db, scope, month),
    isStreet ? interviewCandidates(db, { streetId: scope.streetId!, month, now }) : Promise.resolve([]),
    isStreet ? assistanceCandidates(db, { streetId: scope.streetId!, month, now }) : Promise.resolve([]),
  ]);
  const k = kpis.get(month)!;
  const kp = kpis.get(prevMonth)!;
  const ky = kpis.get(lastYear)!;
  const names = new Map(ranking.rows.map((r) => [r.id, r.name]));
  const sections: ReportSection[] = [];

  sections.push({
    heading: '总体情况',
    blocks: [
      para(
        `${chineseMonth(month)}共受理工单 ${k.receivedCount} 件（上月 ${kp.receivedCount} 件，去年同期 ${ky.receivedCount} 件），办结 ${k.closedCount} 件。` +
          `先行联系率 ${pct(k.firstContactRate)}，按期完成率 ${pct(k.onTimeRate)}，实际解决率 ${pct(k.resolutionRate)}（实际解决占比 ${pct(k.actualResolvedShare)}），满意率 ${pct(k.satisfactionRate)}。`,
      ),
      tableBlock(
        indicatorTable({
          id: 'indicators',
          title: '表1 四项重点指标（与上月、去年同期比较）',
          scheme: scope.scheme,
          columns: [
            { key: 'now', label: '本月', kpis: k },
            { key: 'previous', label: '上月', kpis: kp, deltaFrom: 'now', deltaLabel: '较上月' },
            { key: 'lastYear', label: '去年同期', kpis: ky, deltaFrom: 'now', deltaLabel: '较去年同期' },
          ],
        }),
      ),
      tableBlock({
        id: 'categories',
        title: '表2 受理工单分类情况',
        columns: [
          { key: 'category', label: '类别', format: 'text', width: 10 },
          { key: 'count', label: '本月', format: 'int', width: 8 },
          { key: 'before', label: '上月', format: 'int', width: 8 },
          { key: 'change', label: '变化', format: 'delta-int', width: 8 },
        ],
        rows: categoryRows(categories, p.key, pp.key),
      }),
    ],
  });

  sections.push({
    heading: isStreet ? '绩效排名' : '街镇排名',
    blocks: [
      ...(ranking.published ? [para('本月排名已发布，以下为发布时冻结的结果。')] : []),
      ...rankingTables({ scope, rows: ranking.rows, before: rankingBefore.rows, idPrefix: 'ranking', title: `表3 ${chineseMonth(month)}${isStreet ? '单位' : '街镇'}绩效排名`, withBonus: isStreet }).map(tableBlock),
    ],
  });

  const list = (id: string, title: string, extra: ReportColumn[], r: { total: number; rows: Record<string, CellValue>[] }, empty: string) =>
    r.rows.length ? [tableBlock({ id, title, columns: [...TICKET_COLUMNS, ...extra], rows: r.rows, note: capNote(r.total, r.rows.length) })] : [para(empty)];
  sections.push({
    heading: '重点工单',
    blocks: [],
    subsections: [
      { heading: `疑难工单（${difficult.total} 件）`, blocks: list('difficult', '表4 疑难工单', [{ key: 'closedAt', label: '办结时间', format: 'datetime', width: 16 }, { key: 'resolution', label: '结案评判', format: 'text', width: 8 }], difficult, '本月无疑难工单。') },
      { heading: `重复工单（${repeats.total} 组）`, blocks: list('repeat-groups', '表5 重复工单（按一案一档）', [{ key: 'count', label: '本月件数', format: 'int', width: 8 }, { key: 'allCount', label: '累计件数', format: 'int', width: 8 }, { key: 'status', label: '主单状态', format: 'text', width: 8 }], repeats, '本月无重复工单。') },
      { heading: `应解决未解决工单（${unresolved.total} 件）`, blocks: list('unresolved', '表6 应解决未解决工单', [{ key: 'closedAt', label: '办结时间', format: 'datetime', width: 16 }], unresolved, '本月无未解决工单。') },
    ],
  });

  sections.push({
    heading: '热点问题',
    blocks: [
      tableBlock({
        id: 'topics',
        title: '表7 热点诉求主题',
        columns: [
          { key: 'rank', label: '序号', format: 'int', width: 5 },
          { key: 'topic', label: '诉求主题', format: 'text', width: 14 },
          { key: 'count', label: '本月', format: 'int', width: 8 },
          { key: 'before', label: '上月', format: 'int', width: 8 },
          { key: 'change', label: '变化', format: 'delta-int', width: 8 },
        ],
        rows: topics,
      }),
      tableBlock({
        id: 'areas',
        title: '表8 高发区域（居委）',
        columns: [
          { key: 'rank', label: '序号', format: 'int', width: 5 },
          { key: 'area', label: '区域', format: 'text', width: 14 },
          { key: 'count', label: '本月', format: 'int', width: 8 },
          { key: 'topics', label: '涉及主题', format: 'text', width: 30 },
        ],
        rows: areas,
      }),
      ...(hotspots.length
        ? [
            hotspotWarningTable('表9 本月苗头预警', hotspots),
          ]
        : [para('本月无苗头预警。')]),
    ],
  });

  if (isStreet) {
    sections.push({
      heading: '立功竞赛与负面清单',
      blocks: [
        bonus.awards.length
          ? tableBlock({
              id: 'awards',
              title: '表10 本月评选通过的案例（加分）',
              columns: [
                { key: 'unit', label: '单位', format: 'text', width: 16 },
                { key: 'kind', label: '类别', format: 'text', width: 8 },
                { key: 'number', label: '工单编号', format: 'text', width: 16 },
                { key: 'points', label: '加分', format: 'score', width: 6 },
                { key: 'amount', label: '奖励（元）', format: 'int', width: 8 },
              ],
              rows: bonus.awards,
            })
          : para('本月无评选通过的优秀、示范案例。'),
        bonus.deductions.length
          ? tableBlock({
              id: 'deductions',
              title: '表11 本月负面清单记录（扣分）',
              columns: [
                { key: 'unit', label: '单位', format: 'text', width: 16 },
                { key: 'date', label: '日期', format: 'date', width: 11 },
                { key: 'item', label: '负面清单事项', format: 'text', width: 24 },
                { key: 'number', label: '工单编号', format: 'text', width: 16 },
                { key: 'points', label: '扣分', format: 'score', width: 6 },
              ],
              rows: bonus.deductions,
            })
          : para('本月无负面清单记录。'),
      ],
    });
    sections.push({
      heading: '约谈与帮扶建议',
      blocks: [
        para(interviews.length ? '建议约谈的单位：' : '本月无建议约谈的单位。'),
        ...(interviews.length ? [{ type: 'list' as const, items: interviews.map((c) => `${names.get(c.unitId) ?? c.unitId}：${c.explanations.join('；')}${c.interviewId ? '（本月已约谈）' : ''}`) }] : []),
        para(assistance.length ? '建议帮扶的单位：' : '本月无建议帮扶的单位。'),
        ...(assistance.length ? [{ type: 'list' as const, items: assistance.map((c) => `${names.get(c.unitId) ?? c.unitId}：${c.explanation}`) }] : []),
      ],
    });
  }

  const trend = months13.slice(1);
  sections.push({ heading: '近12个月走势', blocks: trendCharts(scope, trend, kpis).map((chart) => ({ type: 'chart' as const, chart })) });

  return {
    kind: 'MONTHLY',
    period: month,
    streetId: isStreet ? String(scope.streetId) : null,
    issuer: scope.issuer,
    title: `${scope.name}12345市民服务热线工作月报`,
    docNumber: `${month.slice(0, 4)}年第${Number(month.slice(5))}期`,
    subtitle: chineseMonth(month),
    date: shanghaiDate(now),
    sections,
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}
