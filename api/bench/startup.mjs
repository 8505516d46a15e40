// Times an embedded restart (process start → "已启动", i.e. listening) and a CLI start, a few runs each.
//   node api/bench/startup.mjs --data-dir <a demo data dir that has been started once> [--runs 5] [--port 4317]
//                              [--only <text in the case labels, e.g. restart or CLI>]
// The server runs from the compiled build (`api/dist`, as `pnpm start` runs it) and, for comparison, from the
// TypeScript sources under tsx. Loopback only; each server is stopped with SIGTERM before the next run.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({
  options: { 'data-dir': { type: 'string' }, runs: { type: 'string', default: '5' }, port: { type: 'string', default: '4317' }, only: { type: 'string' } },
});
if (!opts['data-dir']) {
  console.error('--data-dir is required (start the server once with REXIAN_DATA_DIR=<dir> so the demo is seeded)');
  process.exit(2);
}
const RUNS = Number(opts.runs);
const env = { ...process.env, REXIAN_DATA_DIR: path.resolve(opts['data-dir']), PORT: opts.port, DATABASE_URL: '' };
delete env.DATABASE_URL;

/** Milliseconds from spawn to the "已启动" line; the server is then stopped and awaited (it holds the data dir's lock). */
function timeServer(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let ms = null;
    const limit = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (ms === null && out.includes('已启动')) {
        ms = performance.now() - t0;
        child.kill('SIGTERM');
      }
    });
    child.on('exit', () => {
      clearTimeout(limit);
      ms === null ? reject(new Error(`server did not start:\n${out}`)) : resolve(ms);
    });
  });
}

function timeCli(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
  return performance.now() - t0;
}

function summary(label, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${label.padEnd(44)} best ${sorted[0].toFixed(0).padStart(5)} ms   median ${median.toFixed(0).padStart(5)} ms   (${RUNS} runs)`);
}

// Make sure the build is current first, so the first compiled run does not include a rebuild.
spawnSync(process.execPath, [path.join(root, 'scripts/build-api.mjs'), '--if-stale'], { cwd: root, stdio: 'inherit' });

const cases = [
  ['restart, compiled (node api/dist/server.mjs)', () => timeServer([path.join(root, 'api/dist/server.mjs')])],
  ['restart, tsx (node --import tsx server.ts)', () => timeServer(['--import', 'tsx', path.join(root, 'api/src/server.ts')])],
  ['CLI --help, compiled (scripts/rexian.mjs)', () => timeCli([path.join(root, 'scripts/rexian.mjs'), '--help'])],
  ['CLI --help, before (tsx api/src/cli.ts)', () => timeCli([path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'api/src/cli.ts'), '--help'])],
  ['CLI --help, tsx (node --import tsx cli.ts)', () => timeCli(['--import', 'tsx', path.join(root, 'api/src/cli.ts'), '--help'])],
  ['CLI audit verify, compiled', () => timeCli([path.join(root, 'scripts/rexian.mjs'), 'audit', 'verify'])],
  ['CLI audit verify, tsx', () => timeCli(['--import', 'tsx', path.join(root, 'api/src/cli.ts'), 'audit', 'verify'])],
];
for (const [label, run] of cases.filter(([label]) => !opts.only || label.includes(opts.only))) {
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await run()); // interleaving would not change much: runs are sequential
  summary(label, times);
}
