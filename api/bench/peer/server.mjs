// PostGraphile v5 with the amber preset on Rexian's database, for `pnpm bench` only (api/bench/lists.ts).
// PEER_DATABASE_URL carries `options=-c role=rexian_app`, so it reads as the application role like Rexian does.
import './polyfill.mjs';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.PEER_DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
await pgl.getSchema(); // introspect before the first timed request
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`listening ${process.env.PORT}`));
const close = async () => {
  server.close();
  await pgl.release();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
