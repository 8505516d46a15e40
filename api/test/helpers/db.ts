// Test databases: a migrated + seeded template, cloned per suite. PGlite by default; with DATABASE_URL each
// suite gets its own PostgreSQL schema (architecture.md: "each test suite in its own schema").
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { prepareDatabase } from '../../src/app';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TEMPLATE_DIR = path.join(ROOT, '.test-data');
export type SeedKind = 'none' | 'demo';
/** The demo's live tail is dated by the seed's run day; tests fix that day so the demo is the same every run. */
export const DEMO_TODAY = '2024-01-15';

/** Changes to migrations or seeds invalidate the cached templates. */
export function templateKey(): string {
  const h = crypto.createHash('sha256');
  for (const dir of ['migrations', 'seeds']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir)).sort()) h.update(f).update(fs.readFileSync(path.join(ROOT, dir, f)));
  }
  for (const f of ['api/src/domain/calendar-seed.ts', 'api/src/domain/sla.ts', 'api/src/domain/calendar.ts']) h.update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 16);
}

export const templatePath = (seed: SeedKind) => path.join(TEMPLATE_DIR, `pglite-${seed}-${templateKey()}.tar.gz`);

/** Builds the PGlite template file once (global setup does this before the workers start). */
export async function ensurePgliteTemplate(seed: SeedKind): Promise<string> {
  const file = templatePath(seed);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const opened = await openDatabase({ memory: true });
  await prepareDatabase(opened, { seed, adminPassword: 'admin-password', quiet: true, demoToday: DEMO_TODAY });
  const blob = await opened.pglite!.dumpDataDir('gzip');
  await opened.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

export interface TestDatabase extends OpenedDatabase {
  /** Number of SQL statements run since the last reset. */
  queries: { count: number; log: string[]; reset(): void };
}

export async function createTestDatabase(seed: SeedKind = 'none'): Promise<TestDatabase> {
  const queries = { count: 0, log: [] as string[], reset() { this.count = 0; this.log = []; } };
  const log = (q: string) => {
    queries.count++;
    queries.log.push(q);
  };
  const url = process.env.DATABASE_URL;
  if (!url) {
    const file = await ensurePgliteTemplate(seed);
    const blob = new Blob([fs.readFileSync(file)]);
    const opened = await openDatabase({ loadDataDir: blob, log });
    return { ...opened, queries };
  }
  const schemaName = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schemaName}`);
  await admin.end();
  const opened = await openDatabase({ databaseUrl: url, searchPath: schemaName, log, poolMax: 5 });
  await prepareDatabase(opened, { seed, adminPassword: 'admin-password', quiet: true, demoToday: DEMO_TODAY });
  queries.reset();
  return {
    ...opened,
    queries,
    async close() {
      await opened.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schemaName} cascade`);
      await c.end();
    },
  };
}
