// 百日攻坚 campaign summary (domain.md §5b): the campaign window against the same length just before it and
// against the targets; each unit before and after, the most improved, those still short and their gap.
import type { Db } from '../kpis';
import type { CellValue, ReportDocument, ReportSection } from '../document/model';
import { addDays, shanghaiDate } from '../../domain/time';
import { baseScore } from '../../domain/ranking';
import {
  chineseDate,
  dayDiff,
  dayPeriod,
  delta,
  indicatorTable,
  memberColumn,
  memberKpis,
  memberTables,
  para,
  pct,
  RATE_KEYS,
  RATE_LABEL,
  rateColumns,
  scopeKpis,
  tableBlock,
  type Scope,
} from './common';

export async function buildCampaign(db: Db, scope: Scope, period: string, now: Date): Promise<ReportDocument> {
  const [from, to] = period.split('/') as [string, string];
  const days = dayDiff(from, to) + 1;
  const window = dayPeriod('campaign', from, to);
  const before = dayPeriod('before', addDays(from, -days), addDays(from, -1));
  const [kpis, members] = await Promise.all([scopeKpis(db, scope, [window, before], now), memberKpis(db, scope, [window, before], now)]);
  const k = kpis.get('campaign')!;
  const kb = kpis.get('before')!;
  const t = scope.scheme.targets;
  const indicators = indicatorTable({
    id: 'indicators',
    title: '表1 攻坚期与攻坚前四项重点指标',
    scheme: scope.scheme,
    columns: [
      { key: 'now', label: '攻坚期', kpis: k },
      { key: 'before', label: '攻坚前同期长度', kpis: kb, deltaFrom: 'now', deltaLabel: '提升' },
    ],
  });
  indicators.columns.push({ key: 'gap', label: '与目标差距', format: 'delta-percent', width: 14 });
  for (const r of indicators.rows) r.gap = delta(r.now as number | null, r.target as number);

  const w = members.kpis.get('campaign')!;
  const b = members.kpis.get('before')!;
  const score = (id: number, m: typeof w) => baseScore(m.get(id)!, scope.scheme);
  const rows = members.members.map((m) => {
    const after = score(m.id, w);
    const prior = score(m.id, b);
    const short = RATE_KEYS.filter((x) => w.get(m.id)![x] != null && w.get(m.id)![x]! + 1e-9 < t[x]);
    return { m, after, prior, change: after != null && prior != null ? after - prior : null, short };
  });
  const byId = new Map(rows.map((r) => [r.m.id, r]));
  const improved = rows.filter((r) => r.change != null && r.change > 0).sort((x, y) => y.change! - x.change! || x.m.code.localeCompare(y.m.code)).slice(0, 5);
  const stillShort = rows.filter((r) => r.short.length);

  const sections: ReportSection[] = [
    {
      heading: '总体情况',
      blocks: [
        para(
          `攻坚期（${chineseDate(from)}至${chineseDate(to)}，共 ${days} 天）受理工单 ${k.receivedCount} 件，办结 ${k.closedCount} 件；` +
            `先行联系率 ${pct(k.firstContactRate)}，按期完成率 ${pct(k.onTimeRate)}，实际解决率 ${pct(k.resolutionRate)}（实际解决占比 ${pct(k.actualResolvedShare)}），满意率 ${pct(k.satisfactionRate)}。` +
            `对照期为攻坚前同样长度的 ${chineseDate(addDays(from, -days))}至${chineseDate(addDays(from, -1))}。`,
        ),
        tableBlock(indicators),
      ],
    },
    {
      heading: scope.streetId === null ? '各街镇攻坚前后' : '各单位攻坚前后',
      blocks: memberTables({
        idPrefix: 'units',
        titlePrefix: '表2 攻坚期指标与基础分变化',
        scope,
        members: members.members,
        columns: [
          memberColumn(scope),
          { key: 'closedCount', label: '办结', format: 'int', width: 6 },
          ...rateColumns(scope.scheme),
          { key: 'beforeScore', label: '攻坚前基础分', format: 'score', width: 8 },
          { key: 'score', label: '攻坚期基础分', format: 'score', width: 8 },
          { key: 'change', label: '变化', format: 'score', width: 7 },
        ],
        row: (m): Record<string, CellValue> => {
          const r = byId.get(m.id)!;
          return { id: m.id, name: m.name, ...w.get(m.id)!, beforeScore: r.prior, score: r.after, change: r.change };
        },
        note: '基础分按现行考核方案计算（不含加减分）；低于目标的指标已标出。',
      }).map(tableBlock),
    },
    {
      heading: '提升最快',
      blocks: improved.length ? [{ type: 'list', items: improved.map((r) => `${r.m.name}：基础分由 ${r.prior!.toFixed(2)} 提高到 ${r.after!.toFixed(2)}（+${r.change!.toFixed(2)}）`) }] : [para('没有基础分提高的单位。')],
    },
    {
      heading: '仍未达标',
      blocks: stillShort.length
        ? [
            {
              type: 'list',
              items: stillShort.map((r) => `${r.m.name}：${r.short.map((x) => `${RATE_LABEL[x]} ${pct(w.get(r.m.id)![x])}（目标 ${pct(t[x])}，差 ${((t[x] - w.get(r.m.id)![x]!) * 100).toFixed(2)} 个百分点）`).join('；')}`),
            },
          ]
        : [para('各单位攻坚期指标均已达标。')],
    },
  ];
  return {
    kind: 'CAMPAIGN',
    period,
    streetId: scope.streetId === null ? null : String(scope.streetId),
    issuer: scope.issuer,
    title: `${scope.name}12345市民服务热线绩效提升“百日攻坚行动”总结`,
    docNumber: null,
    subtitle: `${chineseDate(from)}—${chineseDate(to)}`,
    date: shanghaiDate(now),
    sections,
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}
