import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS and ESM builds; Node (and so yoga and Pothos) load the CJS one, so the test runner must
// too, or errors created by our code fail graphql's instanceof checks.
const graphqlCjs = createRequire(new URL('./api/package.json', import.meta.url)).resolve('graphql');

const UNIT = ['api/test/**/*.test.ts', 'admin/test/**/*.test.ts'];
export const MODULE_MOCKS = ['api/test/security/rls.test.ts'];

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    // CI asks for a JSON report (REXIAN_TEST_REPORT=path) to print its closing "N passed, N failed" line.
    ...(process.env.REXIAN_TEST_REPORT
      ? { reporters: ['default', 'json'], outputFile: { json: process.env.REXIAN_TEST_REPORT } }
      : {}),
    // `pnpm test` runs `unit` and `unit-mocks` (the API and the admin's own tests), `pnpm test:browser` the Chromium
    // walks, which CI adds (.ci/run) and which take as long again; `vitest run` alone runs both.
    projects: [
      // The unit files share their worker's module cache (isolate: false) — a fresh module graph per file cost about
      // a quarter of the run. A file that replaces one of our modules with vi.mock needs its own graph, or the
      // modules loaded by an earlier file keep the real one: those are listed in MODULE_MOCKS and run isolated.
      { extends: true, test: { name: 'unit', isolate: false, include: UNIT, exclude: ['**/node_modules/**', '**/*.browser.test.ts', ...MODULE_MOCKS] } },
      { extends: true, test: { name: 'unit-mocks', include: MODULE_MOCKS } },
      { extends: true, test: { name: 'browser', include: ['admin/test/**/*.browser.test.ts'] } },
    ],
    // PGlite starts in seconds, not milliseconds (setup.md).
    testTimeout: 30_000,
    hookTimeout: 300_000, // the first demo suite of a run seeds the shared template
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['api/test/helpers/global-setup.ts'],
    // The admin's GraphQL stack is browser-first ESM; let Vite resolve it instead of Node.
    server: { deps: { inline: ['ra-data-graphql', 'ra-data-graphql-simple', '@apollo/client'] } },
  },
});
