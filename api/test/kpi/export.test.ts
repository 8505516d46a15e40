// `pnpm rexian export ranking --street <code> --month YYYY-MM <file.xlsx>` (contract.md "Process") and the sheet
// it writes: the published snapshot if there is one, else the live ranking.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addTicket, at, makeStreet } from './fixtures';
import { unitRankingWorkbook } from '../../src/reports/ranking-export';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrate';
import { seedBase } from '../../../seeds/base';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function readSheet(bytes: Buffer | Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

describe('the ranking sheet', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('none');
  });
  afterAll(() => db?.close());

  it('has one row per unit in rank order, its 统计区间, rates as percentages, 样本不足 and — where there is no value', async () => {
    const org = await makeStreet(db);
    const a = await org.unit('A');
    await org.unit('B', 'RESIDENTIAL');
    const c = await org.unit('C', 'INSTITUTION');
    const close = async (unitId: number, n: number, day: string) => {
      for (let i = 0; i < n; i++) {
        await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at(`${day} 09:00`), firstContactAt: at(`${day} 10:00`), closedAt: at(`${day} 12:00`), resolution: 'ACTUALLY_RESOLVED' });
      }
    };
    await close(a, 5, '2023-06-05');
    await close(c, 3, '2023-06-05'); // 3 in June, 2 in May: ranked over 近2月
    await close(c, 2, '2023-05-10');
    const out = await unitRankingWorkbook(db.db, { streetId: org.streetId, month: '2023-06' });
    expect(out).toMatchObject({ rows: 3, published: false });
    const sheet = await readSheet(out.bytes);
    expect(sheet.name).toBe('排名 2023-06');
    expect(sheet.rows[2]).toEqual(['名次', '考核分组', '单位代码', '单位名称', '统计区间', '受理量', '办结量', '先行联系率', '按期完成率', '实际解决率', '实际解决占比', '满意率', '基础分', '加分', '扣分', '总分']);
    expect(sheet.rows[3]).toEqual([1, '职能部门', 'A', '单位A', '当月', 5, 5, 1, 1, 1, 1, '—', 100, 0, 0, 100]);
    expect(sheet.rows[4]).toEqual([1, '事业单位·中心', 'C', '单位C', '近2月（2023-05—2023-06）', 5, 5, 1, 1, 1, 1, '—', 100, 0, 0, 100]);
    expect(sheet.rows[5]!.slice(0, 8)).toEqual(['样本不足', '居委', 'B', '单位B', '当月', 0, 0, '—']);
  });
});

describe('pnpm rexian export ranking', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rexian-export-'));
  const file = path.join(dataDir, 'ranking.xlsx');
  function rexian(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, REXIAN_DATA_DIR: dataDir, REXIAN_SEED: 'none' };
    delete env.DATABASE_URL; // the CLI on its embedded default
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/rexian.mjs'), ...args], { cwd: root, env, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  beforeAll(async () => {
    const o = await openDatabase({ dataDir });
    await migrateToLatest(o);
    await seedBase(o.db);
    const d = await o.db.insertInto('district').values({ code: 'PD', name: '浦东新区' }).returning('id').executeTakeFirstOrThrow();
    const s = await o.db.insertInto('street').values({ code: 'TQ', name: '塘桥街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow();
    await o.db.insertInto('unit').values({ code: 'CGZD', name: '城管中队', streetId: s.id, peerGroup: 'DEPARTMENT' }).execute();
    await o.close();
  }, 120_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('writes the sheet and refuses bad arguments on stderr with a non-zero exit', async () => {
    const ok = rexian('export', 'ranking', '--street', 'TQ', '--month', '2023-06', file);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/已导出 TQ 2023-06/);
    const sheet = await readSheet(fs.readFileSync(file));
    expect(sheet.rows[0]![0]).toBe('塘桥街道 2023年06月 单位绩效排名');
    expect(sheet.rows[3]!.slice(0, 4)).toEqual(['样本不足', '职能部门', 'CGZD', '城管中队']);

    for (const [args, message] of [
      [['export', 'ranking', '--street', 'TQ', '--month', '2023-13', file], /--month/],
      [['export', 'ranking', '--street', 'NOPE', '--month', '2023-06', file], /没有代码为 NOPE 的街镇/],
      [['export', 'ranking', '--street', 'TQ', '--month', '2023-06', path.join(dataDir, 'x.csv')], /\.xlsx/],
    ] as const) {
      const r = rexian(...args);
      expect(r.code, r.out).not.toBe(0);
      expect(r.err).toMatch(message);
    }
  }, 120_000);
});
