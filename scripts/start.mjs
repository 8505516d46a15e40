// `pnpm start`: build the admin app if it has not been built, then run the server in this process's place.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

// The server runs as a child with tsx's loader; signals are forwarded so Ctrl-C and kill stop it cleanly.
const { spawn } = await import('node:child_process');
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'api', 'src', 'server.ts')], { stdio: 'inherit', cwd: process.cwd() });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
