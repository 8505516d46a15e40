// 年度绩效 (domain.md §5b, 四(二)6): per unit the 12 monthly totals of the ranking the screens show (a published
// month's frozen snapshot), the year's average of the months with a total, and the rank by that average inside
// the peer group (equal averages to 4 decimals share a rank, as §4).
import type { Db } from '../kpis';
import type { CellValue, ReportColumn, ReportDocument } from '../document/model';
import { shanghaiDate } from '../../domain/time';
import { scoreKey } from '../../domain/ranking';
import { memberColumn, memberTables, para, sortMembers, tableBlock, type MemberRow, type Scope } from './common';
import { rankingRowsOf } from './monthly';

export async function buildYearly(db: Db, scope: Scope, year: string, now: Date): Promise<ReportDocument> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const rankings = await rankingRowsOf(db, scope, months, now);
  const members = new Map<number, MemberRow>();
  const totals = new Map<number, (number | null)[]>();
  rankings.forEach((r, i) => {
    for (const row of r.rows) {
      if (!members.has(row.id)) members.set(row.id, { id: row.id, code: 'unitCode' in row ? row.unitCode : row.streetCode, name: row.name, peerGroup: row.peerGroup });
      if (!totals.has(row.id)) totals.set(row.id, new Array(12).fill(null));
      totals.get(row.id)![i] = row.total;
    }
  });
  const average = new Map<number, number | null>();
  for (const [id, t] of totals) {
    const xs = t.filter((x): x is number => x !== null);
    average.set(id, xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
  }
  const rank = new Map<number, number | null>();
  for (const m of members.values()) {
    const a = average.get(m.id);
    if (a == null) {
      rank.set(m.id, null);
      continue;
    }
    const ahead = [...members.values()].filter((o) => o.peerGroup === m.peerGroup && average.get(o.id) != null && scoreKey(average.get(o.id)!) > scoreKey(a)).length;
    rank.set(m.id, ahead + 1);
  }
  const list = sortMembers([...members.values()]).sort(
    (a, b) => (a.peerGroup === b.peerGroup ? (rank.get(a.id) ?? 1e9) - (rank.get(b.id) ?? 1e9) || a.code.localeCompare(b.code) : 0),
  );
  const columns: ReportColumn[] = [
    { key: 'rank', label: '名次', format: 'int', width: 5 },
    memberColumn(scope),
    ...months.map((m, i) => ({ key: `m${i + 1}`, label: `${i + 1}月`, format: 'score' as const, width: 6 })),
    { key: 'months', label: '有分月数', format: 'int' as const, width: 6 },
    { key: 'average', label: '年度平均', format: 'score' as const, width: 8 },
  ];
  return {
    kind: 'YEARLY',
    period: year,
    streetId: scope.streetId === null ? null : String(scope.streetId),
    issuer: scope.issuer,
    title: `${scope.name}${year}年度12345市民服务热线部门绩效考核汇总`,
    docNumber: null,
    subtitle: `${year}年1月—12月`,
    date: shanghaiDate(now),
    sections: [
      {
        heading: '说明',
        blocks: [
          para('各月总分取自月度绩效排名（已发布的月份为发布时冻结的结果），年度平均为有总分月份的算术平均，名次按年度平均在考核分组内排列；无总分的月份显示“—”。'),
        ],
      },
      {
        heading: '年度绩效汇总',
        blocks: memberTables({
          idPrefix: 'year',
          titlePrefix: `表1 ${year}年各月总分与年度平均`,
          scope,
          members: list,
          columns,
          row: (m): Record<string, CellValue> => {
            const t = totals.get(m.id)!;
            return {
              id: m.id,
              rank: rank.get(m.id) ?? null,
              name: m.name,
              ...Object.fromEntries(t.map((x, i) => [`m${i + 1}`, x])),
              months: t.filter((x) => x !== null).length,
              average: average.get(m.id) ?? null,
            };
          },
        }).map(tableBlock),
      },
    ],
    printedBy: scope.issuer,
    computedAt: now.toISOString(),
  };
}
