// Two databases, one code path (issue "Foundation" item 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NO_MIGRATIONS, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, openDatabase } from '../../src/db/connection';
import { migrateToLatest, migrator } from '../../src/db/migrate';
import { createTestDatabase } from '../helpers/db';

describe('the embedded database', () => {
  it('refuses a second process on the same data directory with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-lock-'));
    const release = acquireDataDirLock(dir);
    // Pretend another live process holds it: our parent's pid is alive.
    fs.writeFileSync(path.join(dir, 'rexian.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(/正被另一个 Rexian 进程/);
    fs.writeFileSync(path.join(dir, 'rexian.lock'), String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'rexian.lock'))).toBe(false);
  });

  it('takes over a stale lock left by a process that died', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-lock-'));
    fs.writeFileSync(path.join(dir, 'rexian.lock'), '999999');
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'rexian.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('creates a missing data directory, including its parents', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-dir-')), 'a', 'b');
    const opened = await openDatabase({ dataDir: dir });
    const r = await sql<{ one: number }>`select 1 as one`.execute(opened.db);
    expect(r.rows[0]!.one).toBe(1);
    await opened.close();
    expect(fs.existsSync(path.join(dir, 'pgdata'))).toBe(true);
  }, 60_000);
});

describe('migrations', () => {
  it('run down to nothing and up again on this engine', async () => {
    const db = await createTestDatabase('none');
    try {
      const m = migrator(db);
      const down = await m.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = current_schema() and table_name = 'ticket'`.execute(db.db);
      expect(tables.rows[0]!.n).toBe(0);
      expect((await migrateToLatest(db)).length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it('returns the same JS types from both engines (counts and numerics as numbers, dates as strings)', async () => {
    const db = await createTestDatabase('none');
    try {
      const r = await sql<{ n: number; x: number; d: string }>`select count(*) as n, 1.25::numeric as x, '2023-06-21'::date as d from work_calendar`.execute(db.db);
      expect(typeof r.rows[0]!.n).toBe('number');
      expect(r.rows[0]!.x).toBe(1.25);
      expect(r.rows[0]!.d).toBe('2023-06-21');
    } finally {
      await db.close();
    }
  });
});

describe.runIf(!!process.env.DATABASE_URL)('PostgreSQL', () => {
  it('survives its connections being killed (as in a server restart) and serves the next request', async () => {
    const opened = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolMax: 3 });
    try {
      // Only this pool's own connections: other suites share the database and must not lose theirs.
      const held = await Promise.all([1, 2, 3].map(() => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(opened.db)));
      const pids = [...new Set(held.map((r) => r.rows[0]!.pid))];
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const killed = await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 100));
      // A request may see the dead connection once; the pool replaces it and the process lives on.
      let ok = false;
      for (let i = 0; i < 5 && !ok; i++) {
        ok = await sql`select 1`.execute(opened.db).then(() => true, () => false);
      }
      expect(ok).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('kills a runaway statement at the statement timeout', async () => {
    const opened = await openDatabase({ databaseUrl: process.env.DATABASE_URL, statementTimeoutMs: 200 });
    try {
      await expect(sql`select pg_sleep(2)`.execute(opened.db)).rejects.toThrow(/statement timeout/);
    } finally {
      await opened.close();
    }
  });
});
