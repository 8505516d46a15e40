// Reading the city export (domain.md §7): CSV in its real-world shapes and .xlsx with typed cells.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IN_THREAD_CSV_BYTES, parseImportFile, splitCsv } from '../../src/import/parse';
import { COLUMNS } from '../../src/import/format';
import { SAMPLE_CSV, generateRows, toCsv } from './fixtures';

const HEADER = '工单编号,受理时间,工单类型,承办单位';

describe('CSV', () => {
  it('reads the shared sample: 21 known columns, one row per ticket, row 2 first', async () => {
    const r = await parseImportFile(fs.readFileSync(SAMPLE_CSV), 'tickets-sample.csv');
    expect(r.errors).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.sheet!.columns).toEqual([...COLUMNS]);
    expect(r.sheet!.rows.map((x) => x.row)).toEqual([2, 3, 4, 5, 6]);
    expect(r.sheet!.rows[0]!.values).toMatchObject({ 工单编号: '2306210001', 受理时间: '2023-06-21 09:12', 联系电话: '13812345678', 重复工单号: '' });
    expect(r.sheet!.rows[3]!.values.重复工单号).toBe('2306220003');
  });

  it('handles a BOM, CRLF, and quoted fields holding commas, line breaks and doubled quotes', async () => {
    const text =
      '\uFEFF工单编号,诉求内容,受理时间,工单类型,承办单位\r\n' +
      'A1,"噪声, 夜间施工\r\n第二行 ""原话""",2023-06-21 09:12,投诉,城管中队\r\n' +
      'A2,"",2023/6/21 9:05:30,咨询,"城管中队"\r\n';
    const r = await parseImportFile(Buffer.from(text, 'utf8'), 'x.csv');
    expect(r.errors).toEqual([]);
    expect(r.sheet!.rows).toEqual([
      { row: 2, values: { 工单编号: 'A1', 诉求内容: '噪声, 夜间施工\n第二行 "原话"', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队' } },
      { row: 3, values: { 工单编号: 'A2', 诉求内容: '', 受理时间: '2023/6/21 9:05:30', 工单类型: '咨询', 承办单位: '城管中队' } },
    ]);
  });

  it('reads LF files without a final line break, skips blank lines and keeps spreadsheet row numbers', async () => {
    const r = await parseImportFile(Buffer.from(`${HEADER}\nA1,2023-06-21 09:12,投诉,CG\n\n , , , \nA2,2023-06-21 09:13,投诉,CG`), 'x.csv');
    expect(r.sheet!.rows.map((x) => [x.row, x.values.工单编号])).toEqual([[2, 'A1'], [5, 'A2']]);
  });

  it('takes columns in any order, ignores unknown ones and says so', async () => {
    const r = await parseImportFile(Buffer.from('承办单位,备注,工单类型, 工单编号 ,受理时间,内部编号\nCG,x,投诉,A1,2023-06-21 09:12,9\n'), 'x.csv');
    expect(r.errors).toEqual([]);
    expect(r.notices[0]).toBe('已忽略 2 个无法识别的列：备注、内部编号');
    expect(r.sheet!.rows[0]!.values).toEqual({ 承办单位: 'CG', 工单类型: '投诉', 工单编号: 'A1', 受理时间: '2023-06-21 09:12' });
    expect(r.sheet!.columns).toEqual(['工单编号', '受理时间', '工单类型', '承办单位']);
  });

  it('refuses a file missing required columns, naming each (row 1, the header)', async () => {
    const r = await parseImportFile(Buffer.from('工单编号,工单类型\nA1,投诉\n'), 'x.csv');
    expect(r.sheet).toBeNull();
    expect(r.errors).toEqual([
      { row: 1, column: '受理时间', message: '缺少必需的列「受理时间」（第一行应为表头）' },
      { row: 1, column: '承办单位', message: '缺少必需的列「承办单位」（第一行应为表头）' },
    ]);
  });

  it('refuses a repeated header, a file without data rows, and an unclosed quote', async () => {
    expect((await parseImportFile(Buffer.from(`${HEADER},工单编号\n`), 'x.csv')).errors[0]!.message).toMatch(/「工单编号」出现了不止一次/);
    expect((await parseImportFile(Buffer.from(`${HEADER}\r\n\r\n`), 'x.csv')).errors).toEqual([{ row: 0, column: null, message: expect.stringMatching(/没有数据行/) }]);
    expect((await parseImportFile(Buffer.from(''), 'x.csv')).errors[0]!.message).toMatch(/空的/);
    expect((await parseImportFile(Buffer.from(`${HEADER}\nA1,"2023-06-21,投诉,CG\n`), 'x.csv')).errors[0]!.message).toBe('从第 2 行开始的引号没有闭合，文件可能不完整');
  });

  it('reads a GBK file saved by Chinese Excel, with a notice', async () => {
    const gbk = Buffer.from([
      ...Buffer.from('\xb9\xa4\xb5\xa5\xb1\xe0\xba\xc5,', 'latin1'), // 工单编号
      ...Buffer.from('\xca\xdc\xc0\xed\xca\xb1\xbc\xe4,', 'latin1'), // 受理时间
      ...Buffer.from('\xb9\xa4\xb5\xa5\xc0\xe0\xd0\xcd,', 'latin1'), // 工单类型
      ...Buffer.from('\xb3\xd0\xb0\xec\xb5\xa5\xce\xbb\n', 'latin1'), // 承办单位
      ...Buffer.from('A1,2023-06-21 09:12,\xcd\xb6\xcb\xdf,CG\n', 'latin1'), // 投诉
    ]);
    const r = await parseImportFile(gbk, 'x.csv');
    expect(r.errors).toEqual([]);
    expect(r.sheet!.rows[0]!.values.工单类型).toBe('投诉');
    expect(r.notices.join()).toMatch(/GB18030/);
  });

  it('refuses files over 100 MB or 200,000 data rows with a clear message, and old .xls', async () => {
    const big = await parseImportFile(new Uint8Array(100 * 1024 * 1024 + 1), 'x.csv');
    expect(big.errors[0]!.message).toMatch(/^文件过大（100\.0 MB），一次最多导入 100\.0 MB/);
    const many = await parseImportFile(Buffer.from(`${HEADER}\n${'A,2023-06-21 09:12,投诉,CG\n'.repeat(200_001)}`), 'x.csv');
    expect(many.errors).toEqual([{ row: 0, column: null, message: '数据行过多（超过 200,000 行），请拆分后分批导入' }]);
    const exactly = await parseImportFile(Buffer.from(`${HEADER}\n${'A,2023-06-21 09:12,投诉,CG\n'.repeat(200_000)}`), 'x.csv');
    expect(exactly.errors).toEqual([]);
    expect(exactly.sheet!.rows).toHaveLength(200_000);
    expect(exactly.sheet!.rows[199_999]).toEqual({ row: 200_001, values: { 工单编号: 'A', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: 'CG' } });
    const xls = await parseImportFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.xls');
    expect(xls.errors[0]!.message).toMatch(/不支持旧版 \.xls/);
  }, 60_000);

  it('splits records the way RFC 4180 says', () => {
    expect(splitCsv('a,"b,c",d\r\n"e\r\nf","g""h",\n').records).toEqual([['a', 'b,c', 'd'], ['e\r\nf', 'g"h', '']]);
    expect(splitCsv('x\ny').records).toEqual([['x'], ['y']]);
  });

  it('round-trips generated exports', async () => {
    const rows = generateRows(50);
    const r = await parseImportFile(toCsv(rows, { bom: true }), 'g.csv');
    expect(r.sheet!.rows.map((x) => x.values)).toEqual(rows.map((row) => Object.fromEntries(COLUMNS.map((c) => [c, row[c] ?? '']))));
  });
});

// The CLI reads a CSV on its own thread (parseImportFile csvInThread); the server hands it to the worker.
describe('where a CSV is read', () => {
  it('a CSV read in the worker and on the calling thread (the CLI) gives the same sheet', async () => {
    const file = toCsv(generateRows(3_000));
    expect(file.byteLength).toBeGreaterThan(IN_THREAD_CSV_BYTES); // so the default goes to the worker
    const inWorker = await parseImportFile(file, 'x.csv');
    const inThread = await parseImportFile(file, 'x.csv', undefined, { csvInThread: true });
    expect(inWorker.errors).toEqual([]);
    expect(inWorker.sheet!.rows).toHaveLength(3_000);
    expect(inThread).toEqual(inWorker);
  });
});

describe('.xlsx', () => {
  async function workbook(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    build(wb.addWorksheet('工单'), wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads date cells as Shanghai wall time and numbers as their digits', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['工单编号', '受理时间', '工单类型', '承办单位', '联系电话', '办结时间', '诉求内容', '紧急', '派单时间']);
      // A date cell has no zone: exceljs writes the Date's UTC fields as the wall time shown.
      ws.addRow([2306210001, new Date(Date.UTC(2023, 5, 21, 9, 12)), '投诉', '城管中队', 13812345678, new Date(Date.UTC(2023, 5, 26, 16, 0, 0, 999.6)),
        { richText: [{ text: '夜间' }, { font: { bold: true }, text: '施工' }] }, false, 45098.5]);
      ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('F2').numFmt = 'yyyy/m/d h:mm';
      ws.addRow([]);
      ws.addRow(['A3', '2023-06-21 10:00', '咨询', { formula: 'CONCATENATE("S","J")', result: 'SJ' }, '']);
    });
    const r = await parseImportFile(bytes, 'export.xlsx');
    expect(r.errors).toEqual([]);
    expect(r.sheet!.format).toBe('xlsx');
    expect(r.sheet!.rows).toEqual([
      { row: 2, values: { 工单编号: '2306210001', 受理时间: '2023-06-21 09:12:00', 工单类型: '投诉', 承办单位: '城管中队', 联系电话: '13812345678', 办结时间: '2023-06-26 16:00:01', 诉求内容: '夜间施工', 紧急: '否', 派单时间: '2023-06-21 12:00:00' } },
      { row: 4, values: { 工单编号: 'A3', 受理时间: '2023-06-21 10:00', 工单类型: '咨询', 承办单位: 'SJ', 联系电话: '', 办结时间: '', 诉求内容: '', 紧急: '', 派单时间: '' } },
    ]);
  });

  it('reads only the first sheet, with a notice, and reports unknown columns by name', async () => {
    const bytes = await workbook((ws, wb) => {
      ws.addRow(['工单编号', '受理时间', '工单类型', '承办单位', '坐席']);
      ws.addRow(['A1', '2023-06-21 09:12', '投诉', 'CG', '07']);
      wb.addWorksheet('统计').addRow(['x']);
    });
    const r = await parseImportFile(bytes, 'export.xlsx');
    expect(r.notices).toEqual(['只读取第一个工作表「工单」，已忽略其余 1 个工作表', '已忽略 1 个无法识别的列：坐席', expect.stringMatching(/^文件中没有这些列/)]);
    expect(r.sheet!.rows).toHaveLength(1);
  });

  it('reads a generated 5,000-row export cell for cell, as the CSV of the same rows', async () => {
    const rows = generateRows(5000);
    const bytes = await workbook((ws) => {
      ws.addRow([...COLUMNS]);
      for (const row of rows) ws.addRow(COLUMNS.map((c) => row[c] ?? ''));
    });
    const [xlsx, csv] = await Promise.all([parseImportFile(bytes, 'g.xlsx'), parseImportFile(toCsv(rows), 'g.csv')]);
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.notices).toEqual([]);
    expect(xlsx.sheet!.columns).toEqual([...COLUMNS]);
    expect(xlsx.sheet!.rows.map((x) => x.row)).toEqual(rows.map((_, i) => i + 2));
    expect(xlsx.sheet!.rows).toEqual(csv.sheet!.rows);
    expect(xlsx.sheet!.rows.map((x) => x.values)).toEqual(rows.map((row) => Object.fromEntries(COLUMNS.map((c) => [c, (row[c] ?? '').replace(/\r\n?/g, '\n').trim()]))));
   }, 120_000);

  it('refuses a workbook whose first row is not a header, or that is damaged', async () => {
    const empty = await workbook((ws) => {
      ws.getCell('A3').value = '工单编号';
    });
    expect((await parseImportFile(empty, 'x.xlsx')).errors[0]!.message).toMatch(/第一行应为表头/);
    const broken = await parseImportFile(Buffer.from('PK\x03\x04 not really a zip'), 'x.xlsx');
    expect(broken.errors[0]!.message).toMatch(/无法读取 \.xlsx/);
  });
});
