// Fixtures of the import tests: a street shaped like the sample's (domain.md §9) and generated city exports.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/types';
import { COLUMNS, type Column } from '../../src/import/format';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** A copy of shared/samples/tickets-sample.csv, kept in the repository so a fresh clone tests on its own. */
export const SAMPLE_CSV = path.join(ROOT, 'api/test/import/fixtures/tickets-sample.csv');

export interface Street {
  streetId: number;
  code: string;
  units: Record<string, number>;
}

const UNITS: ReadonlyArray<[code: string, name: string, peerGroup: string, aliases: string[]]> = [
  ['CG', '城管中队', 'DEPARTMENT', ['综合行政执法队']],
  ['FG', '房管办事处', 'INSTITUTION', []],
  ['SJ', '市场监督管理所', 'DEPARTMENT', ['市场监管所']],
  ['SQGL', '社区管理办公室', 'DEPARTMENT', []],
  ['LH', '绿化市容所', 'INSTITUTION', []],
  ['R-PJL', '浦建路居委', 'RESIDENTIAL', []],
  ['R-NQL', '南泉路居委', 'RESIDENTIAL', []],
  ['R-TQ', '塘桥居委', 'RESIDENTIAL', []],
  ['R-LC', '蓝村', 'RESIDENTIAL', []],
];

let streets = 0;
/** A street with the units the sample names (市场监管所 only as an alias of 市场监督管理所). */
export async function createStreet(db: Kysely<Database>, code = `TQ${++streets}`): Promise<Street> {
  const d = await db.insertInto('district').values({ code: `D-${code}`, name: `浦东新区${code}` }).returning('id').executeTakeFirstOrThrow();
  const s = await db.insertInto('street').values({ code, name: `塘桥街道${code}`, districtId: d.id }).returning('id').executeTakeFirstOrThrow();
  const rows = await db
    .insertInto('unit')
    .values(UNITS.map(([c, name, peerGroup, aliases]) => ({ code: c, name, peerGroup, aliases, streetId: s.id })))
    .returning(['id', 'code'])
    .execute();
  return { streetId: s.id, code, units: Object.fromEntries(rows.map((r) => [r.code, r.id])) };
}

export type Row = Partial<Record<Column, string>>;

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function toCsv(rows: Row[], opts: { columns?: readonly string[]; bom?: boolean; eol?: string } = {}): Buffer {
  const columns = opts.columns ?? COLUMNS;
  const eol = opts.eol ?? '\r\n';
  const lines = [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(r[c as Column] ?? '')).join(','))];
  return Buffer.from((opts.bom ? '\uFEFF' : '') + lines.join(eol) + eol, 'utf8');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const CATEGORIES = ['投诉', '求助', '咨询', '意见建议', '其他', '随申拍'];
const CHANNELS = ['12345热线', '', '网站', 'APP', '微信', '随申拍', '网格巡查', '领导派单', '市区督办'];
const HANDLERS = ['城管中队', '房管办事处', '市场监管所', 'SQGL', '绿化市容所'];
const COMMITTEES = ['浦建路居委', '南泉路', '塘桥居委', '蓝村居委', '金浦居委'];
const RESULTS = ['满意', '基本满意', '一般', '不满意', '未接通', '拒评'];

/**
 * n valid rows of the export, numbered `${prefix}000001` …: received through 2023 (Shanghai wall time), every
 * third row closed with a callback, every tenth a repeat of the row before it (every fiftieth of the row after).
 */
export function generateRows(n: number, prefix = 'G'): Row[] {
  const rows: Row[] = [];
  for (let i = 1; i <= n; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const at = (h: number, m = 0) => `2023-${pad(month)}-${pad(day)} ${pad(h)}:${pad(m)}`;
    const closed = i % 3 === 0;
    const row: Row = {
      工单编号: `${prefix}${pad(i, 6)}`,
      受理时间: at(8, i % 60),
      工单类型: CATEGORIES[i % CATEGORIES.length],
      渠道: CHANNELS[i % CHANNELS.length],
      紧急: i % 17 === 0 ? '是' : i % 2 ? '否' : '',
      诉求主题: '噪声',
      诉求内容: i % 7 === 0 ? `夜间施工，"第${i}号"工地\n反复扰民, 请处理` : `诉求${i}`,
      市民姓名: `市民${i}`,
      联系电话: `138${pad(i, 8)}`,
      地址: `塘桥路${i}号`,
      所属居委: COMMITTEES[i % COMMITTEES.length],
      承办单位: HANDLERS[i % HANDLERS.length],
      派单时间: at(9),
      签收时间: i % 2 ? at(10) : '',
      先行联系时间: i % 2 ? at(11) : '',
      办结时间: closed ? at(18) : '',
      事实认定: closed ? ['属实', '部分属实', '不属实'][i % 3] : '',
      结案评判: closed ? ['实际解决', '解释说明', '未解决'][i % 3] : '',
      回访时间: closed ? at(20) : '',
      回访结果: closed ? RESULTS[i % RESULTS.length] : '',
      重复工单号: i % 10 === 0 ? `${prefix}${pad(i - 1, 6)}` : i % 50 === 1 && i + 1 <= n ? `${prefix}${pad(i + 1, 6)}` : '',
    };
    if (closed && row.先行联系时间 === '') row.先行联系时间 = at(12);
    rows.push(row);
  }
  return rows;
}
