// 排名通报 (domain.md §4, §5b): a month's unit ranking as published — the frozen snapshot — with a 文号, its date and
// 抄送 纪检监察室. A month not yet published is printed from the live computation and says so.
import type { Db } from '../kpis';
import type { ReportDocument, ReportSection } from '../document/model';
import { shanghaiDate } from '../../domain/time';
import { badInput } from '../../errors';
import { effectiveUnitRanking } from '../ranking';
import { chineseDate, chineseMonth, monthPeriod, para, pct, scopeKpis, shiftMonth, tableBlock, type Scope } from './common';
import { rankingRows, rankingTables } from './monthly';
import { docNumber } from './doc-number';


export async function buildRankingNotice(db: Db, scope: Scope, month: string, now: Date): Promise<ReportDocument> {
  if (scope.streetId === null) throw badInput('排名通报按街镇生成：请选择街镇', { streetId: '请选择街镇' });
  const [effective, before, kpis] = await Promise.all([
    effectiveUnitRanking(db, { streetId: scope.streetId, month, now }),
    rankingRows(db, scope, shiftMonth(month, -1), now),
    scopeKpis(db, scope, [monthPeriod(month)], now),
  ]);
  const rows = effective.rows.map((x) => ({ ...x, id: x.unitId, name: x.unitName }));
  const k = kpis.get(month)!;
  const published = effective.snapshot?.publishedAt ?? null;
  const date = shanghaiDate(published ?? now);
  const [y, m] = month.split('-').map(Number);
  const ranked = rows.filter((r) => r.rank != null);
  const short = rows.filter((r) => r.sampleTooSmall);
  const sections: ReportSection[] = [
    {
      heading: '总体情况',
      blocks: [
        para(
          `${chineseMonth(month)}，${scope.name}共办结工单 ${k.closedCount} 件，先行联系率 ${pct(k.firstContactRate)}，按期完成率 ${pct(k.onTimeRate)}，` +
            `实际解决率 ${pct(k.resolutionRate)}（实际解决占比 ${pct(k.actualResolvedShare)}），满意率 ${pct(k.satisfactionRate)}。` +
            `参加排名单位 ${ranked.length} 个${short.length ? `，样本不足不排名 ${short.length} 个` : ''}。`,
        ),
        para(
          published
            ? `本排名经城运中心于 ${chineseDate(date)} 发布并冻结，以下为发布时的结果。`
            : '本月排名尚未发布，以下为按当前数据计算的结果，发布后以冻结结果为准。',
        ),
      ],
    },
    {
      heading: '排名结果',
      blocks: rankingTables({ scope, rows, before: before.rows, idPrefix: 'ranking', title: `表1 ${chineseMonth(month)}各单位绩效排名`, withBonus: true }).map(tableBlock),
    },
    {
      heading: '有关要求',
      blocks: [
        para('各部门、各单位、各居民区要对照排名查找差距，组内排名靠后的单位要分析原因、制定整改措施；连续两个月排名组内后三位的单位，由城运中心提请约谈。'),
        para('排名结果同时抄送纪检监察室，作为部门绩效考核的依据。'),
      ],
    },
  ];
  return {
    kind: 'RANKING_NOTICE',
    period: month,
    streetId: String(scope.streetId),
    issuer: scope.issuer,
    title: `关于${y}年${m}月12345市民服务热线绩效排名情况的通报`,
    docNumber: docNumber(scope.name, '城运', y!, m!),
    subtitle: null,
    date,
    sections,
    copyTo: ['纪检监察室'],
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}
