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

export const templatePath = (seed: SeedKind) => path.join(TEMPLATE_DIR, `pglite-${seed}-${templateKey()}.tar`);

/**
 * Builds the PGlite template file once. Global setup builds `none` before the workers start; `demo` is built by the
 * first worker that needs it while the others wait on its lock file (a seeding takes a minute; two would take two).
 */
export async function ensurePgliteTemplate(seed: SeedKind): Promise<string> {
  const file = templatePath(seed);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  const lock = `${file}.lock`;
  for (;;) {
    if (fs.existsSync(file)) return file;
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      // Another worker builds it, unless the lock is a dead process's (a run stopped midway).
      if (!lockHolderAlive(lock)) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    if (fs.existsSync(file)) return file;
    const opened = await openDatabase({ memory: true });
    await prepareDatabase(opened, { seed, adminPassword: 'admin-password', quiet: true, demoToday: DEMO_TODAY });
    // Uncompressed: every suite loads it, and gunzip costs more than the disk it saves.
    const blob = await opened.pglite!.dumpDataDir('none');
    await opened.close();
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
    // Templates of earlier migrations or seeds (or formats) are stale.
    for (const f of fs.readdirSync(TEMPLATE_DIR)) {
      if (f.startsWith(`pglite-${seed}-`) && f !== path.basename(file) && !f.endsWith('.lock') && !f.endsWith('.tmp')) fs.rmSync(path.join(TEMPLATE_DIR, f), { force: true });
    }
    return file;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function lockHolderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(lock, 'utf8').trim() || NaN);
  } catch {
    return false; // gone already
  }
  if (!Number.isInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
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
