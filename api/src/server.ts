// `pnpm start`: serve Rexian with the configuration from the environment.
import { readConfig } from './config';
import { startServer } from './app';
import { boundHeapGrowth } from './heap';

boundHeapGrowth();

const config = readConfig();
try {
  const app = await startServer({
    port: config.port,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: config.seed,
    adminPassword: config.adminPassword,
    production: config.production,
    trustProxy: config.trustProxy,
    allowedOrigins: config.allowedOrigins,
  });
  console.log(`[rexian] 已启动：${app.url}/ （数据库：${app.opened.kind === 'pglite' ? `内嵌 PGlite ${config.dataDir}` : 'PostgreSQL'}）`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`[rexian] 启动失败：${(e as Error).message}`);
  process.exit(1);
}
