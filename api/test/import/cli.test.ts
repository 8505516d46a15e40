// `pnpm rexian import tickets <file> --street <code>` (contract.md "Process"): the summary on stdout, or every
// row error on stderr with a non-zero exit. Run on the embedded database, as a user without a server would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../src/db/connection';
import { ensurePgliteTemplate } from '../helpers/db';
import { prepareDatabase } from '../../src/app';
import { SAMPLE_CSV, createStreet, toCsv } from './fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-import-cli-'));

function rexian(...args: string[]) {
  const env = { ...process.env, REXIAN_DATA_DIR: dataDir, REXIAN_SEED: 'none' } as NodeJS.ProcessEnv;
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  // The data folder starts as a copy of the migrated test template (far faster than a fresh initdb).
  const template = await PGlite.create(path.join(dataDir, 'pgdata'), { loadDataDir: new Blob([fs.readFileSync(await ensurePgliteTemplate('none'))]) });
  await template.close();
  const opened = await openDatabase({ dataDir });
  await prepareDatabase(opened, { seed: 'none', adminPassword: 'admin-password', quiet: true });
  await createStreet(opened.db, 'TQ');
  await opened.close();
}, 120_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** main() in this process (fast); its output is what the entry point prints, its result the exit code. */
async function inProcess(...args: string[]) {
  const saved = { url: process.env.DATABASE_URL, dir: process.env.REXIAN_DATA_DIR, seed: process.env.REXIAN_SEED };
  delete process.env.DATABASE_URL;
  process.env.REXIAN_DATA_DIR = dataDir;
  process.env.REXIAN_SEED = 'none';
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  try {
    const code = await main(args).catch((e: Error) => {
      err.push(e.message);
      return 2;
    });
    return { code, out, err };
  } finally {
    log.mockRestore();
    error.mockRestore();
    if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
    process.env.REXIAN_DATA_DIR = saved.dir;
    process.env.REXIAN_SEED = saved.seed;
    if (saved.dir === undefined) delete process.env.REXIAN_DATA_DIR;
    if (saved.seed === undefined) delete process.env.REXIAN_SEED;
  }
}

describe('pnpm rexian import tickets', () => {
  const bad = path.join(dataDir, 'bad.csv');

  it('imports a file and prints the summary; the same file again is all unchanged', async () => {
    const first = await inProcess('import', 'tickets', SAMPLE_CSV, '--street', 'TQ');
    expect(first).toEqual({ code: 0, out: ['导入完成：共 5 行，新增 5，更新 0，未变 0'], err: [] });
    const again = await inProcess('import', 'tickets', SAMPLE_CSV, '--street', 'TQ');
    expect(again.out).toEqual(['导入完成：共 5 行，新增 0，更新 0，未变 5']);
  });

  it('a bad file prints every row error on stderr and exits non-zero (through the real entry point)', () => {
    fs.writeFileSync(bad, toCsv([
      { 工单编号: 'CLI-1', 受理时间: '2023-06-21 09:12', 工单类型: '表扬', 承办单位: '城管中队' },
      { 工单编号: 'CLI-2', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '街道办' },
    ]));
    const failed = rexian('import', 'tickets', bad, '--street', 'TQ');
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('');
    expect(failed.err.trim().split('\n')).toEqual([
      '导入未执行，没有写入任何数据：2 行有错误（共 2 处）',
      '第 2 行（工单 CLI-1）「工单类型」：工单类型「表扬」无效，应为：投诉、求助、咨询、意见建议、其他、随申拍',
      '第 3 行（工单 CLI-2）「承办单位」：承办单位「街道办」在本街镇找不到（按单位代码、名称或别名匹配）',
    ]);
  }, 60_000);

  it('--check prints what would change and writes nothing; the import then does exactly that', async () => {
    const file = path.join(dataDir, 'check.csv');
    fs.writeFileSync(file, toCsv([
      { 工单编号: 'CLI-C1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队', 先行联系时间: '2023-06-23 10:00', 办结时间: '2023-06-22 16:00' },
      { 工单编号: 'CLI-C2', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队' },
    ]));
    const notes = [
      '数据质量提示 1 处（时间顺序异常，将照常导入并记在工单上）：',
      '第 2 行（工单 CLI-C1）「先行联系时间」：先行联系时间（2023-06-23 10:00）晚于办结时间（2023-06-22 16:00）',
    ];
    for (let i = 0; i < 2; i++) {
      const checked = await inProcess('import', 'tickets', file, '--street', 'TQ', '--check');
      expect(checked).toEqual({ code: 0, out: ['检查通过，没有写入任何数据：共 2 行，将新增 2，将更新 0，不变 0', ...notes], err: [] });
    }
    const imported = await inProcess('import', 'tickets', file, '--street', 'TQ');
    expect(imported.out).toEqual(['导入完成：共 2 行，新增 2，更新 0，未变 0', notes[0]!.replace('将照常导入', '已照常导入'), notes[1]]);
    expect((await inProcess('import', 'tickets', file, '--street', 'TQ', '--check')).out[0]).toBe('检查通过，没有写入任何数据：共 2 行，将新增 0，将更新 0，不变 2');
  });

  it('refuses a missing file, an unknown street and a missing --street', async () => {
    expect((await inProcess('import', 'tickets', path.join(dataDir, 'nope.csv'), '--street', 'TQ')).err.join()).toMatch(/文件不存在/);
    expect((await inProcess('import', 'tickets', SAMPLE_CSV, '--street', 'XX')).err.join()).toMatch(/没有代码为 XX 的街镇/);
    const usage = await inProcess('import', 'tickets', SAMPLE_CSV);
    expect(usage.code).not.toBe(0);
    expect(usage.err.join()).toMatch(/缺少 --street/);
    expect((await inProcess('import', 'users', SAMPLE_CSV)).err.join()).toMatch(/import 只支持 tickets/);
  });
});
