// Times the city-export import: `npx tsx api/bench/import.ts [rows…]` (PGlite), with DATABASE_URL on PostgreSQL.
// Each size: a first import (all inserts), the same file again (all unchanged), a file with one bad row and one
// with 10 % of its rows changed; rows/s, the re-import's cost as a share of the first, and the process's peak RSS
// (run one size per process for a clean peak: `node --import tsx api/bench/import.ts 50000`).
//
// `--cli` (PostgreSQL): the product's own path instead — `pnpm rexian import tickets` from the compiled build
// (api/dist) in a process of its own, on a scratch database, timed from the outside with that process's peak RSS
// (/usr/bin/time): what a clerk's import costs, without this bench's generator and test helpers in the same heap.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/db';
import { createStreet, generateRows, toCsv } from '../test/import/fixtures';
import { importTickets } from '../src/import/importTickets';
import { openDatabase } from '../src/db/connection';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const cli = process.argv.includes('--cli');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');

if (cli) await viaCli(sizes.length ? sizes : [50_000]);
else await inProcess(sizes.length ? sizes : [1_000, 10_000]);

async function inProcess(list: number[]) {
  for (const n of list) {
    const db = await createTestDatabase('none');
    const street = await createStreet(db.db);
    let file: Buffer | null = toCsv(generateRows(n));
    console.log(`${engine} ${n} rows: CSV ${mb(file.byteLength)}, RSS before ${mb(process.memoryUsage().rss)} (peak so far ${mb(peakRss())})`);
    const run = async (label: string, bytes: Buffer) => {
      const t = performance.now();
      const r = await importTickets(db.db, { streetId: street.streetId, file: bytes, filename: 'bench.csv', actor: null });
      const ms = performance.now() - t;
      console.log(
        `${engine} ${n} rows ${label}: ${ms.toFixed(0)} ms, ${rate(n, ms)} rows/s ` +
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
}

async function viaCli(list: number[]) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('--cli needs DATABASE_URL (PostgreSQL)');
  const root = path.resolve(import.meta.dirname, '../..');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-api.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('api build failed');
  for (const n of list) {
    const name = `rexian_importbench_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-import-'));
    try {
      const env = { ...process.env, DATABASE_URL: url.href, NODE_ENV: 'production' };
      const rexian = (args: string[]) => {
        const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), path.join(root, 'api/dist/cli.mjs'), ...args], { env, encoding: 'utf8' });
        const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
        if (r.status !== 0) throw new Error(`rexian ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
        return { ms: seconds! * 1000, rssKb: kb!, out: r.stdout.trim() };
      };
      rexian(['seed']);
      const opened = await openDatabase({ databaseUrl: url.href });
      const street = await createStreet(opened.db);
      await opened.close();
      const file = path.join(tmp, 'bench.csv');
      fs.writeFileSync(file, toCsv(generateRows(n)));
      const idle = rexian(['migrate']);
      console.log(`cli ${n} rows: CSV ${mb(fs.statSync(file).size)}; rexian migrate (nothing to do): ${idle.ms.toFixed(0)} ms, peak RSS ${mb(idle.rssKb * 1024)}`);
      for (const label of ['first import', 're-import']) {
        const r = rexian(['import', 'tickets', file, '--street', street.code]);
        console.log(`cli ${n} rows ${label}: ${r.ms.toFixed(0)} ms whole process, ${rate(n, r.ms)} rows/s, peak RSS ${mb(r.rssKb * 1024)} — ${r.out.split('\n')[0]}`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
}
