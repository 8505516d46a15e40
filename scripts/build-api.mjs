// Compiles the server and the CLI (api/src, seeds) to plain JavaScript in api/dist, so that `pnpm start` and
// `pnpm rexian` start without tsx's on-the-fly TypeScript transform (about a second of every start).
//   node scripts/build-api.mjs              build now
//   node scripts/build-api.mjs --if-stale   build only if a source is newer than the build
// Tests keep running from the TypeScript sources under vitest; only the launchers use api/dist.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_DIST = path.join(root, 'api', 'dist');
const STAMP = path.join(API_DIST, '.built');
const SOURCES = [path.join(root, 'api', 'src'), path.join(root, 'seeds'), fileURLToPath(import.meta.url), path.join(root, 'api', 'package.json')];

function newestMtime(p) {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted or renamed file changes its directory's mtime
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

export function apiBuildIsStale() {
  const built = fs.statSync(STAMP, { throwIfNoEntry: false });
  return !built || built.mtimeMs < Math.max(...SOURCES.map(newestMtime));
}

/**
 * The bundle lives in api/dist, one level below api/ like api/src, but a module's code lands in an entry or chunk
 * file at api/dist's top, not at its source's depth. Paths a module derives from its own location
 * (`fileURLToPath(import.meta.url)`: migrations, the admin build) are therefore rewritten to the source file's
 * location, relative to the output file so that a moved checkout still works.
 */
const sourceLocation = {
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      const relative = path.relative(API_DIST, args.path).split(path.sep).join('/');
      const contents = source.replaceAll('fileURLToPath(import.meta.url)', `fileURLToPath(new URL(${JSON.stringify(relative)}, import.meta.url))`);
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/**
 * Packages stay in node_modules (argon2 is native, PGlite finds its wasm beside itself), imported as the sources
 * name them — except a deep import into a package without an `exports` map (`graphql/execution/values`), which
 * tsx resolves like require() but Node's ESM loader only with the file's extension: it is written out in full.
 */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (name === args.path) return { path: args.path, external: true };
      try {
        const require = createRequire(args.importer);
        const manifest = require.resolve(`${name}/package.json`);
        if (JSON.parse(fs.readFileSync(manifest, 'utf8')).exports) return { path: args.path, external: true };
        const file = path.relative(path.dirname(manifest), require.resolve(args.path)).split(path.sep).join('/');
        return { path: `${name}/${file}`, external: true };
      } catch {
        return { path: args.path, external: true };
      }
    });
  },
};

export async function buildApi({ quiet = false } = {}) {
  const started = performance.now();
  // esbuild comes with tsx (a root devDependency) and vite; pnpm does not hoist it, so it is reached through tsx.
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
  // Built beside and swapped in, so a process starting meanwhile never sees half a build.
  const tmp = `${API_DIST}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: {
        server: 'api/src/server.ts',
        cli: 'api/src/cli.ts',
        // parse.ts starts it as `new URL('./parse-worker.mjs', import.meta.url)`: beside the chunk holding parse.ts.
        'parse-worker': 'api/src/import/parse-worker.mjs',
      },
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]', // every output at the top of api/dist: see sourceLocation
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      keepNames: true,
      define: { REXIAN_COMPILED: 'true' },
      plugins: [externalPackages, sourceLocation],
      logLevel: 'warning',
    });
    fs.writeFileSync(path.join(tmp, '.built'), new Date().toISOString());
    fs.rmSync(API_DIST, { recursive: true, force: true });
    fs.renameSync(tmp, API_DIST);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!quiet) console.error(`[rexian] 已编译服务端到 api/dist（${Math.round(performance.now() - started)} ms）`);
}

/** Builds when a source is newer than api/dist; the launchers call this before importing the build. */
export async function ensureApiBuilt(opts) {
  if (apiBuildIsStale()) await buildApi(opts);
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const ifStale = process.argv.includes('--if-stale');
  try {
    await (ifStale ? ensureApiBuilt() : buildApi());
  } catch (e) {
    console.error(`[rexian] 服务端编译失败：${e.message}`);
    process.exit(1);
  }
}
