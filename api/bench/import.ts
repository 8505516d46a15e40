// Times the city-export import: `npx tsx api/bench/import.ts [rows…]` (PGlite), with DATABASE_URL on PostgreSQL.
// Each size: a first import (all inserts), the same file again (all unchanged), a file with one bad row and one
// with 10 % of its rows changed; rows/s, the re-import's cost as a share of the first, and the process's peak RSS
// (run one size per process for a clean peak: `node --import tsx api/bench/import.ts 50000`).
//
// `--cli` (PostgreSQL): the product's own path instead — `pnpm rexian import tickets` from the compiled build
// (api/dist) in a process of its own, on a scratch database, timed from the outside with that process's peak RSS
// (/usr/bin/time): what a clerk's import costs, without this bench's generator and test helpers in the same heap.
//
// `--server` (PostgreSQL): the admin's path — the compiled server (NODE_ENV=production, so as `rexian_app` under
// row-level security) on a scratch database, the file uploaded as the GraphQL multipart request the admin sends; the
// server's own peak RSS (VmHWM).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../test/helpers/db';
import { createStreet, generateRows, toCsv } from '../test/import/fixtures';
import { importTickets } from '../src/import/importTickets';
import { openDatabase } from '../src/db/connection';
import { prepareDatabase } from '../src/app';
import { cpuDuring, postgresCpuMs } from './cpu';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
const cli = process.argv.includes('--cli');
const server = process.argv.includes('--server');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
/**
 * Whose CPU an import took: Node's process and PostgreSQL's (all its processes, /proc), in all and per row. A row
 * costs the import at least the larger of the two per-row figures, whatever the overlap: the goal's 20,000 rows/s is
 * 50 µs a row.
 */
const cpuSplit = (n: number, wallMs: number, nodeMs: number, who: string, postgresMs: number) =>
  `CPU: ${who} ${(nodeMs / 1000).toFixed(1)} s (${((nodeMs * 1000) / n).toFixed(0)} µs a row), PostgreSQL ${(postgresMs / 1000).toFixed(1)} s ` +
  `(${((postgresMs * 1000) / n).toFixed(0)} µs a row); wall ${(wallMs / 1000).toFixed(1)} s (${((wallMs * 1000) / n).toFixed(0)} µs a row)`;

if (cli) await viaCli(sizes.length ? sizes : [50_000]);
else if (server) await viaServer(sizes.length ? sizes : [20_000]);
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

/** The compiled build (api/dist, rebuilt when a source is newer) that `pnpm rexian` and `pnpm start` run: the repo's root. */
function compiledBuild(): string {
  const root = path.resolve(import.meta.dirname, '../..');
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build-api.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('api build failed');
  return root;
}

/** A scratch database on DATABASE_URL's server for one size, dropped afterwards. */
async function withScratchDatabase(mode: string, work: (url: URL) => Promise<void>) {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error(`${mode} needs DATABASE_URL (PostgreSQL)`);
  const name = `rexian_importbench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await work(url);
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function viaCli(list: number[]) {
  const root = compiledBuild();
  for (const n of list) await withScratchDatabase('--cli', async (url) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-import-'));
    try {
      const env = { ...process.env, DATABASE_URL: url.href, NODE_ENV: 'production' };
      const rexian = (args: string[]) => {
        const pg0 = postgresCpuMs();
        const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), path.join(root, 'api/dist/cli.mjs'), ...args], { env, encoding: 'utf8' });
        const postgresMs = postgresCpuMs() - pg0;
        const [seconds, kb, user, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
        if (r.status !== 0) throw new Error(`rexian ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
        return { ms: seconds! * 1000, rssKb: kb!, out: r.stdout.trim(), cpu: { cli: (user! + sys!) * 1000, postgres: postgresMs } };
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
        console.log(`  ${cpuSplit(n, r.ms, r.cpu.cli, 'the CLI', r.cpu.postgres)}`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

async function viaServer(list: number[]) {
  const root = compiledBuild();
  const password = 'bench-password-1';
  for (const n of list) await withScratchDatabase('--server', async (url) => {
    let child: ReturnType<typeof spawn> | null = null;
    try {
      const opened = await openDatabase({ databaseUrl: url.href });
      await prepareDatabase(opened, { seed: 'none', adminPassword: password, quiet: true });
      const street = await createStreet(opened.db);
      await opened.close();
      const file = toCsv(generateRows(n));
      const port = 4790 + (process.pid % 100);
      child = spawn(process.execPath, [path.join(root, 'api/dist/server.mjs')], {
        env: { ...process.env, DATABASE_URL: url.href, PORT: String(port), REXIAN_SEED: 'none', NODE_ENV: 'production' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve, reject) => {
        child!.stdout!.on('data', (d) => String(d).includes('已启动') && resolve());
        child!.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
      const endpoint = `http://127.0.0.1:${port}/graphql`;
      const login = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($u:String!,$p:String!){ login(username:$u, password:$p){ id } }', variables: { u: 'admin', p: password } }),
      });
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const upload = async () => {
        const body = new FormData();
        body.append('operations', JSON.stringify({ query: 'mutation($s: ID!, $f: File!) { importTickets(streetId: $s, file: $f) { inserted unchanged errors { message } } }', variables: { s: String(street.streetId), f: null } }));
        body.append('map', JSON.stringify({ 0: ['variables.f'] }));
        body.append('0', new Blob([new Uint8Array(file)]), 'bench.csv');
        const t = performance.now();
        const r = (await (await fetch(endpoint, { method: 'POST', headers: { cookie, 'x-graphql-yoga-csrf': '1' }, body })).json()) as any;
        const ms = performance.now() - t;
        const out = r.data?.importTickets;
        if (!out || out.errors.length) throw new Error(`import failed: ${JSON.stringify(r).slice(0, 300)}`);
        return { ms, out };
      };
      const hwm = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child!.pid}/status`, 'utf8'))![1]) * 1024;
      console.log(`server ${n} rows: CSV ${mb(file.byteLength)}, as rexian_app`);
      const measured = async () => {
        const { result, cpu } = await cpuDuring(child!.pid!, upload);
        return { ...result, server: cpu.process, postgres: cpu.postgres };
      };
      const first = await measured();
      console.log(`server ${n} rows first import: ${first.ms.toFixed(0)} ms, ${rate(n, first.ms)} rows/s (inserted ${first.out.inserted}); server peak RSS ${mb(hwm())}`);
      console.log(`  ${cpuSplit(n, first.ms, first.server, 'the server', first.postgres)}`);
      const again = await measured();
      console.log(`server ${n} rows re-import: ${again.ms.toFixed(0)} ms (unchanged ${again.out.unchanged}); server peak RSS ${mb(hwm())}`);
      console.log(`  ${cpuSplit(n, again.ms, again.server, 'the server', again.postgres)}`);
      console.log(`server ${n} rows re-import / first import: ${((again.ms / first.ms) * 100).toFixed(0)} %`);
    } finally {
      child?.kill('SIGTERM');
      if (child) await new Promise((resolve) => child!.once('exit', resolve));
    }
  });
}
