// Rexian for `pnpm bench` (api/bench/lists.ts): the production server without scheduled jobs, counting the SQL
// statements it sends; a line "stats" on stdin prints the count.
import { openDatabase } from '../src/db/connection';
import { startServer } from '../src/app';
import { boundHeapGrowth } from '../src/heap';

boundHeapGrowth(); // as the production server (server.ts) does
let statements = 0;
const opened = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, log: () => { statements++; } });
const app = await startServer({ port: Number(process.env.PORT), opened, seed: 'none', production: true, jobs: false, quiet: true });
console.log(`listening ${app.url}`);
process.stdin.on('data', (d) => {
  if (String(d).includes('stats')) console.log(`statements ${statements}`);
});
const close = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
