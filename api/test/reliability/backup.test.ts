// `pnpm rexian backup <file>` / `restore <file>` for the embedded database: a round trip keeps every table's rows.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-backup-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function rexian(dataDir: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, REXIAN_DATA_DIR: dataDir, REXIAN_SEED: 'none' };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function summary(dataDir: string) {
  const o = await openDatabase({ dataDir });
  try {
    const tables = (await o.pglite!.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).rows.map((r) => r.t);
    const out: Record<string, string> = {};
    for (const t of tables) {
      const r = await o.pglite!.query<{ n: number; h: string }>(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${t} x`);
      out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
    }
    return out;
  } finally {
    await o.close();
  }
}

describe('embedded backup and restore', () => {
  it('round-trips through the CLI with equal per-table counts and checksums', async () => {
    const t0 = Date.now();
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    const file = path.join(work, 'rexian.tar.gz');
    expect(rexian(a, 'seed').code).toBe(0);
    const backup = rexian(a, 'backup', file);
    expect(backup.code, backup.err).toBe(0);
    const restore = rexian(b, 'restore', file);
    expect(restore.code, restore.err).toBe(0);
    const [sa, sb] = [await summary(a), await summary(b)];
    expect(sb).toEqual(sa);
    expect(sa.app_user).toMatch(/^1:/); // the admin created by seed
    expect(Number(sa.work_calendar!.split(':')[0])).toBeGreaterThan(300);
    // Restoring over an existing database keeps the old one aside.
    const again = rexian(b, 'restore', file);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/before-restore/);
    expect(rexian(b, 'restore', path.join(work, 'missing.tar.gz')).code).toBe(2);
    console.log(JSON.stringify({ scenario: 'pglite-backup-restore', tables: Object.keys(sa).length, equal: true, backupBytes: fs.statSync(file).size, ms: Date.now() - t0 }));
  }, 120_000);

  it('refuses to back up PostgreSQL (pg_dump is the tool there)', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), 'backup', path.join(work, 'x')], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('pg_dump');
  });
});
