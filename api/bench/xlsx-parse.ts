// Times reading a generated .xlsx export: `npx tsx api/bench/xlsx-parse.ts [rows]`.
import ExcelJS from 'exceljs';
import { COLUMNS } from '../src/import/format';
import { parseImportFile } from '../src/import/parse';
import { generateRows } from '../test/import/fixtures';

const n = Number(process.argv[2] ?? 10_000);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('工单');
ws.addRow([...COLUMNS]);
for (const r of generateRows(n)) ws.addRow(COLUMNS.map((c) => r[c] ?? ''));
const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
const t = performance.now();
const parsed = await parseImportFile(bytes, 'bench.xlsx');
console.log(`xlsx ${n} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB: parsed ${parsed.sheet?.rows.length} rows in ${(performance.now() - t).toFixed(0)} ms`);
