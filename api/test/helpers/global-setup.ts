// Before the test workers start: the CLI's compiled build (the suites spawn `pnpm rexian` as users run it, from
// api/dist, rebuilt here once if a source is newer, not by each spawn racing the others) and the cached PGlite
// template the suites clone.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePgliteTemplate } from './db';

export default async function setup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const { ensureApiBuilt } = await import(pathToFileURL(path.join(root, 'scripts/build-api.mjs')).href);
  await ensureApiBuilt();
  if (process.env.DATABASE_URL) return;
  await ensurePgliteTemplate('none');
}
