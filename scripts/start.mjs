// `pnpm start`: build the admin app and compile the server if a source is newer than their builds, then serve.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { API_DIST, ensureApiBuilt } from './build-api.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const adminDir = path.join(root, 'admin');
const built = path.join(adminDir, 'dist', 'index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestMtime(path.join(adminDir, 'src'))) {
  console.log('[rexian] 正在构建管理界面（首次启动约需一分钟）…');
  const vite = path.join(adminDir, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: adminDir, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[rexian] 管理界面构建失败');
    process.exit(r.status ?? 1);
  }
}

// The server runs from the compiled build in this process (no tsx transform at start); it stops on SIGINT/SIGTERM.
try {
  await ensureApiBuilt();
} catch (e) {
  console.error(`[rexian] 服务端编译失败：${e.message}`);
  process.exit(1);
}
await import(pathToFileURL(path.join(API_DIST, 'server.mjs')).href);
