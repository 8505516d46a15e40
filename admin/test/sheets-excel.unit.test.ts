// The sheet's Excel habits as rules: fill down, fill a block, clipboard parsing, what a paste overwrites, and
// column widths that fit a header on one line.
import { describe, expect, it } from 'vitest';
import { applyPaste, CELL_PAD, fillBlock, fillDown, fitWidths, HEAD_PAD, parseClipboard, planPaste, textWidth, widen } from '../src/sheets/excel';
import type { GridRow } from '../src/sheets/cells';

const row = (key: string, v: Record<string, string | null>): GridRow => ({ _key: key, ...v });
const rows = () => [row('a', { unit: '微山新村居委', note: '甲', pts: '1' }), row('b', { unit: '南泉路居委', note: null, pts: '2' }), row('c', { unit: '', note: '', pts: '' })];
const all = () => true;

describe('Ctrl+D fills down', () => {
  it('copies the block’s first row into the rows below it, in the block’s columns only', () => {
    const out = fillDown(rows(), { fromRow: 0, toRow: 2, fields: ['note'] }, all)!;
    expect(out.map((r) => r.note)).toEqual(['甲', '甲', '甲']);
    expect(out.map((r) => r.pts)).toEqual(['1', '2', '']);
  });
  it('a single row takes the row above (as Excel), and the first row has nothing to take', () => {
    expect(fillDown(rows(), { fromRow: 1, toRow: 1, fields: ['unit', 'note'] }, all)![1]).toMatchObject({ unit: '微山新村居委', note: '甲', pts: '2' });
    expect(fillDown(rows(), { fromRow: 0, toRow: 0, fields: ['note'] }, all)).toBeNull();
  });
  it('leaves read-only columns alone', () => {
    const out = fillDown(rows(), { fromRow: 0, toRow: 1, fields: ['note', 'pts'] }, (f) => f !== 'pts')!;
    expect(out[1]).toMatchObject({ note: '甲', pts: '2' });
  });
});

describe('Ctrl+Enter fills a block', () => {
  it('puts the text in every cell of the block', () => {
    const out = fillBlock(rows(), { fromRow: 1, toRow: 2, fields: ['note', 'pts'] }, '乙', all);
    expect(out.map((r) => [r.note, r.pts])).toEqual([['甲', '1'], ['乙', '乙'], ['乙', '乙']]);
  });
});

describe('pasting a block from Excel/WPS', () => {
  it('reads tabs, CRLF and quoted cells with line breaks', () => {
    expect(parseClipboard('a\tb\r\n"x\ny"\t"He said ""hi"""\r\n')).toEqual([['a', 'b'], ['x\ny', 'He said "hi"']]);
  });
  it('knows which filled rows a paste would overwrite; blank rows and identical text do not count', () => {
    const data = parseClipboard('南泉路居委\tX\n新居委\tY\n新居委\tZ\n新居委\tW\n');
    expect(planPaste(rows(), { row: 0, field: 'unit' }, ['unit', 'note', 'pts'], data)).toEqual({ overwrites: [0, 1], added: 1 });
    // 南泉路居委 over 南泉路居委, X into an empty 说明: nothing is lost.
    expect(planPaste(rows(), { row: 1, field: 'unit' }, ['unit', 'note', 'pts'], data)).toEqual({ overwrites: [], added: 2 });
  });
  it('overwrites in place (adding rows past the end) or inserts new rows, skipping read-only columns', () => {
    const data = [['新居委', '丙', '9']];
    const over = applyPaste(rows(), { row: 2, field: 'unit' }, ['unit', 'note', 'pts'], [...data, ['另一', '丁', '8']], 'overwrite', (f) => f !== 'pts', () => row('new', { unit: null, note: null, pts: null }));
    expect(over.map((r) => r.unit)).toEqual(['微山新村居委', '南泉路居委', '新居委', '另一']);
    expect(over[2]!.pts).toBe('');
    const ins = applyPaste(rows(), { row: 1, field: 'note' }, ['unit', 'note', 'pts'], data, 'insert', all, () => row('new', { unit: null, note: null, pts: null }));
    expect(ins.map((r) => [r.unit, r.note, r.pts])).toEqual([['微山新村居委', '甲', '1'], [null, '新居委', '丙'], ['南泉路居委', null, '2'], ['', '', '']]);
  });
});

describe('column widths', () => {
  it('fit the header on one line (with the required mark and the sort arrow) and the longest text, within bounds', () => {
    expect(textWidth('领导批示或媒体采用')).toBe(9 * 14);
    const w = fitWidths([{ field: 'unit', title: '单位', required: true }, { field: 'note', title: '领导批示或媒体采用' }, { field: 'pts', title: '奖金（元）', width: 60 }], [row('a', { unit: '浦东新区塘桥街道社区管理办公室', note: 'x', pts: '200' })]);
    expect(w.get('unit')).toBe(15 * 14 + CELL_PAD);
    expect(w.get('note')).toBe(textWidth('领导批示或媒体采用 ▲') + HEAD_PAD);
    expect(w.get('pts')).toBe(textWidth('奖金（元） ▲') + HEAD_PAD);
    // A long text stops at the most; an empty column keeps the least.
    const capped = fitWidths([{ field: 'note', title: '说明' }, { field: 'pts', title: '分' }], [row('a', { note: '长'.repeat(60), pts: null })]);
    expect([capped.get('note'), capped.get('pts')]).toEqual([360, 72]);
  });
  it('measure with the given fonts: headers and cells each in their own', () => {
    const w = fitWidths([{ field: 'kind', title: '类别', required: true }], [row('a', { kind: '优秀案例' })], { measure: (t) => t.length * 20, measureHead: (t) => t.length * 10 });
    expect(w.get('kind')).toBe(Math.max('类别 * ▲'.length * 10 + HEAD_PAD, 4 * 20 + CELL_PAD));
  });
  it('only widen: a column keeps its width unless the new fit is wider, and nothing changed is the same map', () => {
    const old = new Map([['a', 100], ['b', 200]]);
    expect(widen(old, new Map([['a', 90], ['b', 200]]))).toBe(old);
    expect([...widen(old, new Map([['a', 150], ['b', 120]]))]).toEqual([['a', 150], ['b', 200]]);
  });
});
