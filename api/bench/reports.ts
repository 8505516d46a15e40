// Times report generation on the demo district: `npx tsx api/bench/reports.ts` (PGlite), with DATABASE_URL on
// PostgreSQL (goal, domain.md §5b: a 周报 for one street ≤ 1 s, a 月报 with charts ≤ 3 s including the .docx).
// Each figure is the median of 5 runs after one warm-up; content alone, then content + .docx (+ .xlsx).
import { createTestDatabase } from '../test/helpers/db';
import { buildReport } from '../src/reports/content';
import { renderDocx } from '../src/reports/document/docx';
import { renderXlsx } from '../src/reports/document/xlsx';
import type { ReportKindName } from '../src/reports/document/model';

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
