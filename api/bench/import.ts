// Times the city-export import: `npx tsx api/bench/import.ts [rows…]` (PGlite), with DATABASE_URL on PostgreSQL.
// Each size: a first import (all inserts), the same file again (all unchanged), a file with one bad row and one
// with 10 % of its rows changed; rows/s, the re-import's cost as a share of the first, and the process's peak RSS
// (run one size per process for a clean peak: `node --import tsx api/bench/import.ts 50000`).
import { createTestDatabase } from '../test/helpers/db';
import { createStreet, generateRows, toCsv } from '../test/import/fixtures';
import { importTickets } from '../src/import/importTickets';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [1_000, 10_000]) {
  const db = await createTestDatabase('none');
  const street = await createStreet(db.db);
  let file: Buffer | null = toCsv(generateRows(n));
  console.log(`${engine} ${n} rows: CSV ${mb(file.byteLength)}, RSS before ${mb(process.memoryUsage().rss)} (peak so far ${mb(peakRss())})`);
  const run = async (label: string, bytes: Buffer) => {
    const t = performance.now();
    const r = await importTickets(db.db, { streetId: street.streetId, file: bytes, filename: 'bench.csv', actor: null });
    const ms = performance.now() - t;
    console.log(
      `${engine} ${n} rows ${label}: ${ms.toFixed(0)} ms, ${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rows/s ` +
        `(inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, errors ${r.errors.length}); peak RSS ${mb(peakRss())}`,
    );
    return ms;
  };
  const first = await run('first import', file);
  const again = await run('re-import', file);
  console.log(`${engine} ${n} rows re-import / first import: ${((again / first) * 100).toFixed(0)} %`);
  if (!process.env.BENCH_FIRST_ONLY) {
    const rows = generateRows(n);
    file = null;
    await run('one bad row', toCsv(rows.map((r, i) => (i === n - 1 ? { ...r, 工单类型: '表扬' } : r))));
    await run('10% changed', toCsv(rows.map((r, i) => (i % 10 === 0 ? { ...r, 诉求主题: '物业维修' } : r))));
  }
  await db.close();
}
