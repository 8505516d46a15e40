// Times the city-export import: `npx tsx api/bench/import.ts [rows…]` (PGlite), with DATABASE_URL on PostgreSQL.
// Each size: a first import (all inserts), the same file again (all unchanged), and a file with one bad row.
import { createTestDatabase } from '../test/helpers/db';
import { createStreet, generateRows, toCsv } from '../test/import/fixtures';
import { importTickets } from '../src/import/importTickets';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [1_000, 10_000]) {
  const db = await createTestDatabase('none');
  const street = await createStreet(db.db);
  const rows = generateRows(n);
  const file = toCsv(rows);
  const run = async (label: string, bytes: Buffer) => {
    const t = performance.now();
    const r = await importTickets(db.db, { streetId: street.streetId, file: bytes, filename: 'bench.csv', actor: null });
    const ms = performance.now() - t;
    console.log(`${process.env.DATABASE_URL ? 'postgres' : 'pglite'} ${n} rows ${label}: ${ms.toFixed(0)} ms (inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, errors ${r.errors.length})`);
  };
  await run('first import', file);
  await run('re-import', file);
  const bad = rows.map((r, i) => (i === n - 1 ? { ...r, 工单类型: '表扬' } : r));
  await run('one bad row', toCsv(bad));
  const changed = rows.map((r, i) => (i % 10 === 0 ? { ...r, 诉求主题: '物业维修' } : r));
  await run('10% changed', toCsv(changed));
  await db.close();
}
