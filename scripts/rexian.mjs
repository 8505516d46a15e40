// `pnpm rexian <command>`: the CLI from the compiled build (api/dist), compiled first if a source is newer.
import { ensureApiBuilt, API_DIST } from './build-api.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

try {
  await ensureApiBuilt();
} catch (e) {
  console.error(`[rexian] 服务端编译失败：${e.message}`);
  process.exit(1);
}
const { run } = await import(pathToFileURL(path.join(API_DIST, 'cli.mjs')).href);
await run(process.argv.slice(2));
