// `pnpm rexian …` (contract.md "Process"): jobs offline, errors on stderr with a non-zero exit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-cli-'));

function rexian(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, REXIAN_DATA_DIR: dataDir, REXIAN_SEED: 'none' };
  delete env.DATABASE_URL; // the CLI is exercised on its embedded default here
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the command line', () => {
  it('migrates, creates a user and a token, and refuses bad input with a non-zero exit', () => {
    const m = rexian('migrate');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/0001_init|已是最新/);

    const u = rexian('user', 'create', 'wangmin', '--role', 'OPS', '--password', 'a-good-password');
    expect(u.code, u.err).toBe(0);
    expect(u.out).toMatch(/已创建用户 wangmin/);

    const dup = rexian('user', 'create', 'wangmin', '--role', 'OPS', '--password', 'a-good-password');
    expect(dup.code).not.toBe(0);
    expect(dup.err).toMatch(/已存在/);

    const badRole = rexian('user', 'create', 'li', '--role', 'BOSS');
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toMatch(/--role/);

    const handler = rexian('user', 'create', 'zhang', '--role', 'UNIT_HANDLER');
    expect(handler.code).not.toBe(0);
    expect(handler.err).toMatch(/--unit/);

    const t = rexian('token', 'create', 'dashboard', '--role', 'API_READER');
    expect(t.code, t.err).toBe(0);
    expect(t.out.trim()).toMatch(/^rxt_[A-Za-z0-9_-]{40,}$/);

    const unknown = rexian('frobnicate');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/未知命令/);
  }, 300_000);
});
