// Times report generation on the demo district: `npx tsx api/bench/reports.ts` (PGlite), with DATABASE_URL on
// PostgreSQL (goal, domain.md §5b: a 周报 for one street ≤ 1 s, a 月报 with charts ≤ 3 s including the .docx).
// Each figure is the median of 5 runs after one warm-up; content alone, then content + .docx (+ .xlsx).
// First, the chart pictures alone (the .docx's slow part): the first ever in this process (the wasm renderer still
// unoptimised), then uncached ones after it (a 50-label chart and the 月报's charts), then the cache.
import { createTestDatabase } from '../test/helpers/db';
import { buildReport } from '../src/reports/content';
import { renderDocx } from '../src/reports/document/docx';
import { renderXlsx } from '../src/reports/document/xlsx';
import { renderChartPng } from '../src/reports/document/charts';
import type { ReportChart, ReportKindName } from '../src/reports/document/model';

const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const t0 = performance.now();
const db = await createTestDatabase('demo');
console.log(`${engine}: demo database ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const tq = (await db.db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirstOrThrow()).id;
const now = new Date('2024-01-15T09:00:00+08:00');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(label: string, work: () => Promise<unknown>) {
  await work(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    ms.push(performance.now() - t);
  }
  console.log(`${engine} ${label}: median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}, ${RUNS} runs)`);
}

{
  const monthly = await buildReport(db.db, { kind: 'MONTHLY', streetId: tq, period: '2023-06', now });
  const charts = monthly.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : [])));
  const labels = Array.from({ length: 50 }, (_, i) => `第${i + 1}居民委员会${'甲乙丙丁戊'[i % 5]}组`);
  const big = (n: number): ReportChart => ({ id: `bench-${n}`, title: `居委会总分 ${n}`, kind: 'hbar', categories: labels, series: [{ name: '总分', data: labels.map((_, i) => 99 - i * 0.5 - n * 0.01) }] });
  const size = { width: 580, height: 290, scale: 2 };
  const ms = async (work: () => Promise<unknown>) => {
    const t = performance.now();
    await work();
    return (performance.now() - t).toFixed(0);
  };
  // Values 0.2 % lower each round: a different picture, not one from the cache.
  const nudged = (c: ReportChart, k: number): ReportChart => ({ ...c, series: c.series.map((s) => ({ ...s, data: s.data.map((v) => (v === null ? v : v * (1 - 0.002 * k))) })) });
  const all = (k: number) => Promise.all(charts.map((c) => renderChartPng(nudged(c, k), size)));
  const first = await ms(() => renderChartPng(big(0), size));
  const bigMs: string[] = [];
  for (let i = 1; i <= RUNS; i++) bigMs.push(await ms(() => renderChartPng(big(i), size)));
  const setMs: string[] = [];
  for (let i = 1; i <= 3; i++) setMs.push(await ms(() => all(i)));
  const cached = await ms(() => all(3));
  console.log(`charts: first of the process (50 labels) ${first} ms; 50-label chart again ${bigMs.join(', ')} ms; ` +
    `the 月报's ${charts.length} charts ${setMs.join(', ')} ms; cached ${cached} ms`);
}

const cases: [ReportKindName, number | null, string][] = [
  ['WEEKLY', tq, '2023-W24'],
  ['MONTHLY', tq, '2023-06'],
  ['RANKING_NOTICE', tq, '2023-06'],
  ['CAMPAIGN', tq, '2023-09-01/2023-12-09'],
  ['YEARLY', tq, '2023'],
  ['WEEKLY', null, '2023-W24'],
  ['MONTHLY', null, '2023-06'],
];
for (const [kind, streetId, period] of cases) {
  const who = streetId === null ? '全区' : '塘桥';
  const build = () => buildReport(db.db, { kind, streetId, period, now });
  await time(`${kind} ${who} ${period} content`, build);
  await time(`${kind} ${who} ${period} content + .docx`, async () => renderDocx(await build()));
  if (kind === 'MONTHLY' && streetId !== null) await time(`${kind} ${who} ${period} content + .docx + .xlsx`, async () => {
    const doc = await build();
    await Promise.all([renderDocx(doc), renderXlsx(doc)]);
  });
}
await db.close();
