// `pnpm bench`: Rexian's ticket lists and ticket page against PostGraphile v5 on the same PostgreSQL database
// (api/bench/lists.ts; arguments are passed on). PostGraphile is not a dependency of Rexian: it is installed on
// demand into api/bench/peer (its own package.json, outside the pnpm workspace); without it the bench measures
// Rexian alone and says so.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const peer = path.join(root, 'api', 'bench', 'peer');
const args = process.argv.slice(2);
if (!args.includes('--no-peer') && !fs.existsSync(path.join(peer, 'node_modules', 'postgraphile', 'package.json'))) {
  console.log('[bench] installing PostGraphile v5 into api/bench/peer (npm install --prefix api/bench/peer) …');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', peer, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit', timeout: 300_000 });
  if (r.status !== 0) console.log('[bench] PostGraphile could not be installed: the bench measures Rexian only.');
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'api', 'bench', 'lists.ts'), ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
