// A Rexian server in a process of its own, for tests that measure the server alone (its RSS, its event loop) while
// the test process does the client's heavy lifting. Run with `node --import tsx`; it prints one JSON line
// `{ "url": … }` once it listens, on SIGUSR2 one line `{ "loopMaxMs": … }` (the longest its event loop was blocked since
// the last such line), and stops on SIGTERM.
//   REXIAN_CHILD_TEMPLATE=<pglite template .tar.gz>   an embedded database cloned from the test template, or
//   DATABASE_URL=… REXIAN_CHILD_SCHEMA=<schema>        an already migrated PostgreSQL schema.
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/connection';
import { startServer } from '../../src/app';

const template = process.env.REXIAN_CHILD_TEMPLATE;
const opened = template
  ? await openDatabase({ loadDataDir: new Blob([fs.readFileSync(template)]) })
  : await openDatabase({ databaseUrl: process.env.DATABASE_URL!, searchPath: process.env.REXIAN_CHILD_SCHEMA!, poolMax: 5 });
const app = await startServer({ opened, port: 0, host: '127.0.0.1', seed: 'none', quiet: true, production: true, adminPassword: 'admin-password' });
process.stdout.write(`${JSON.stringify({ url: app.url })}\n`);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
process.on('SIGUSR2', () => {
  process.stdout.write(`${JSON.stringify({ loopMaxMs: Math.round(loop.max / 1e6) })}\n`);
  loop.reset();
});
process.on('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
