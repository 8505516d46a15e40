// 周报 (domain.md §5b): the previous ISO week of a street (or the district) — received by category, the four
// indicators and 实际解决占比 vs targets and vs the week before, each unit by peer group with the cells below
// target marked, open overdue tickets, the week's 不满意 callbacks, warnings raised and the top-5 topics.
import type { Db } from '../kpis';
import type { ReportColumn, ReportDocument, ReportSection } from '../document/model';
import { shanghaiDate } from '../../domain/time';
import {
  arrowWord,
  capNote,
  chineseDate,
  indicatorTable,
  LIST_LIMIT,
  memberColumn,
  memberKpis,
  memberTables,
  para,
  pct,
  previousWeek,
  rateColumns,
  scopeKpis,
  tableBlock,
  TICKET_COLUMNS,
  weekPeriod,
  type Scope,
} from './common';
import { categoryRows, hotspotWarnings, hotspotWarningTable, openOverdue, receivedByCategory, repeatWarnings, topTopics, unsatisfiedCallbacks } from './lists';

export async function buildWeekly(db: Db, scope: Scope, week: string, now: Date): Promise<ReportDocument> {
  const p = weekPeriod(week);
  const before = weekPeriod(previousWeek(week));
  const asOf = now < p.end ? now : p.end;
  const [kpis, members, categories, overdue, unsatisfied, repeats, hotspots, topics] = await Promise.all([
    scopeKpis(db, scope, [p, before], now),
    memberKpis(db, scope, [p], now),
    receivedByCategory(db, scope, [p, before]),
    openOverdue(db, scope, asOf, LIST_LIMIT),
    unsatisfiedCallbacks(db, scope, p, LIST_LIMIT),
    repeatWarnings(db, scope, p.from, p.to),
    hotspotWarnings(db, scope, p.from, p.to),
    topTopics(db, scope, p, before, 5),
  ]);
  const k = kpis.get(p.key)!;
  const kb = kpis.get(before.key)!;
  const t = scope.scheme.targets;
  const [year, w] = week.split('-W');
  const sections: ReportSection[] = [];

  sections.push({
    heading: '总体情况',
    blocks: [
      para(
        `本周（${chineseDate(p.from)}至${chineseDate(p.to)}）共受理工单 ${k.receivedCount} 件，较上周${arrowWord(k.receivedCount - kb.receivedCount, false) || '持平'}件；办结 ${k.closedCount} 件。` +
          `先行联系率 ${pct(k.firstContactRate)}，按期完成率（及时处置率）${pct(k.onTimeRate)}，实际解决率 ${pct(k.resolutionRate)}（实际解决占比 ${pct(k.actualResolvedShare)}），满意率 ${pct(k.satisfactionRate)}。`,
      ),
      tableBlock({
        id: 'categories',
        title: '表1 受理工单分类情况',
        columns: [
          { key: 'category', label: '类别', format: 'text', width: 10 },
          { key: 'count', label: '本周', format: 'int', width: 8 },
          { key: 'before', label: '上周', format: 'int', width: 8 },
          { key: 'change', label: '变化', format: 'delta-int', width: 8 },
        ],
        rows: categoryRows(categories, p.key, before.key),
      }),
    ],
  });

  const below = (['firstContactRate', 'onTimeRate', 'resolutionRate', 'actualResolvedShare', 'satisfactionRate'] as const).filter((x) => k[x] != null && k[x]! + 1e-9 < t[x]);
  sections.push({
    heading: '四项重点指标',
    blocks: [
      tableBlock(
        indicatorTable({
          id: 'indicators',
          title: '表2 四项重点指标（与目标、上周比较）',
          scheme: scope.scheme,
          columns: [
            { key: 'now', label: '本周', kpis: k },
            { key: 'before', label: '上周', kpis: kb, deltaFrom: 'now', deltaLabel: '较上周' },
          ],
        }),
      ),
      para(below.length ? `未达目标的指标：${below.map((x) => ({ firstContactRate: '先行联系率', onTimeRate: '按期完成率', resolutionRate: '实际解决率', actualResolvedShare: '实际解决占比', satisfactionRate: '满意率' })[x]).join('、')}。` : '各项指标均达到目标。'),
    ],
  });

  const unitCols: ReportColumn[] = [
    memberColumn(scope),
    { key: 'receivedCount', label: '受理', format: 'int', width: 6 },
    { key: 'closedCount', label: '办结', format: 'int', width: 6 },
    ...rateColumns(scope.scheme),
  ];
  const byMember = members.kpis.get(p.key)!;
  sections.push({
    heading: scope.streetId === null ? '各街镇指标' : '各单位指标',
    blocks: memberTables({
      idPrefix: 'units',
      titlePrefix: `表3 ${scope.streetId === null ? '各街镇' : '各单位'}本周指标`,
      scope,
      members: members.members,
      columns: unitCols,
      row: (m) => ({ id: m.id, code: m.code, name: m.name, ...byMember.get(m.id)! }),
      note: '低于目标的指标已标出；比率分母为空时显示“—”。',
    }).map(tableBlock),
  });

  sections.push({
    heading: '超期未办结工单',
    blocks: [
      para(`截至 ${chineseDate(shanghaiDate(new Date(asOf.getTime() - 1)))}，超过办结时限仍未办结的工单 ${overdue.total} 件。`),
      ...(overdue.rows.length
        ? [
            tableBlock({
              id: 'overdue',
              title: '表4 超期未办结工单',
              columns: [...TICKET_COLUMNS, { key: 'completionDue', label: '办结时限', format: 'datetime', width: 16 }, { key: 'overdueDays', label: '超期天数', format: 'int', width: 8 }],
              rows: overdue.rows,
              note: capNote(overdue.total, overdue.rows.length),
            }),
          ]
        : []),
    ],
  });

  sections.push({
    heading: '不满意回访',
    blocks: [
      para(`本周回访结果为“不满意”的 ${unsatisfied.total} 次。`),
      ...(unsatisfied.rows.length
        ? [
            tableBlock({
              id: 'unsatisfied',
              title: '表5 本周不满意回访',
              columns: [...TICKET_COLUMNS, { key: 'calledAt', label: '回访时间', format: 'datetime', width: 16 }, { key: 'note', label: '说明', format: 'text', width: 14 }],
              rows: unsatisfied.rows,
              note: capNote(unsatisfied.total, unsatisfied.rows.length),
            }),
          ]
        : []),
    ],
  });

  sections.push({
    heading: '预警情况',
    blocks: [
      para(`本周重复来电预警 ${repeats.length} 次（红色 ${repeats.filter((r) => r.level === '红色').length} 次），苗头预警 ${hotspots.length} 个。`),
      ...(repeats.length
        ? [
            tableBlock({
              id: 'repeat-warnings',
              title: '表6 重复来电预警',
              columns: [
                { key: 'date', label: '日期', format: 'date', width: 11 },
                { key: 'level', label: '等级', format: 'text', width: 6 },
                { key: 'number', label: '主工单', format: 'text', width: 16 },
                { key: 'topic', label: '诉求主题', format: 'text', width: 12 },
                { key: 'unit', label: '承办单位', format: 'text', width: 14 },
                { key: 'count', label: '当日件数', format: 'int', width: 8 },
                { key: 'status', label: '状态', format: 'text', width: 8 },
              ],
              rows: repeats,
            }),
          ]
        : []),
      ...(hotspots.length
        ? [
            hotspotWarningTable('表7 苗头预警', hotspots),
          ]
        : []),
    ],
  });

  sections.push({
    heading: '热点诉求',
    blocks: [
      tableBlock({
        id: 'topics',
        title: '表8 本周受理量前五的诉求主题',
        columns: [
          { key: 'rank', label: '序号', format: 'int', width: 5 },
          { key: 'topic', label: '诉求主题', format: 'text', width: 14 },
          { key: 'count', label: '本周', format: 'int', width: 8 },
          { key: 'before', label: '上周', format: 'int', width: 8 },
          { key: 'change', label: '变化', format: 'delta-int', width: 8 },
        ],
        rows: topics,
      }),
    ],
  });

  return {
    kind: 'WEEKLY',
    period: week,
    streetId: scope.streetId === null ? null : String(scope.streetId),
    issuer: scope.issuer,
    title: `${scope.name}12345市民服务热线工作周报`,
    docNumber: `${year}年第${Number(w)}期`,
    subtitle: `${chineseDate(p.from)}—${chineseDate(p.to).replace(/^\d+年/, '')}`,
    date: shanghaiDate(now),
    sections,
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}
