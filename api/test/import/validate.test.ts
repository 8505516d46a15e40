// Row validation of the import (domain.md §7) as a specification: every problem of every row, in Chinese, with
// its row and column; values mapped to the domain's codes; repeat chains flattened to their root.
import { describe, expect, it } from 'vitest';
import { validateRows, validateRowsInTurns, readWallTime, type StoredTicketRef, type UnitRef } from '../../src/import/validate';
import { importedStatus } from '../../src/import/importTickets';
import { COLUMNS, type Column } from '../../src/import/format';
import type { ParsedSheet } from '../../src/import/parse';
import type { Row } from './fixtures';
import { turns, type Turns } from '../../src/import/turns';
import { digestCandidates } from '../../src/import/digest';

const UNITS: UnitRef[] = [
  { id: 1, code: 'CG', name: '城管中队', aliases: ['综合行政执法队'], peerGroup: 'DEPARTMENT' },
  { id: 2, code: 'SJ', name: '市场监督管理所', aliases: ['市场监管所'], peerGroup: 'DEPARTMENT' },
  { id: 3, code: 'FG', name: '房管办事处', aliases: ['房办'], peerGroup: 'INSTITUTION' },
  { id: 4, code: 'WY', name: '物业管理事务中心', aliases: ['房办'], peerGroup: 'INSTITUTION' },
  { id: 10, code: 'R-PJL', name: '浦建路居委', aliases: [], peerGroup: 'RESIDENTIAL' },
  { id: 11, code: 'R-LC', name: '蓝村', aliases: [], peerGroup: 'RESIDENTIAL' },
];

const base: Row = { 工单编号: 'T1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队' };

function sheet(rows: Row[], columns: readonly Column[] = COLUMNS): ParsedSheet {
  return {
    format: 'csv',
    columns: [...columns],
    rows: rows.map((r, i) => ({ row: i + 2, values: Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])) })),
  };
}

function validate(rows: Row[], stored: StoredTicketRef[] = [], columns?: readonly Column[]) {
  return validateRows(sheet(rows, columns), { streetId: 1, units: UNITS, stored: new Map(stored.map((s) => [s.number, s])) });
}

describe('values', () => {
  it('maps the Chinese values to the domain codes; empty 渠道 is the hotline, empty 紧急 is 否', () => {
    const r = validate([
      { ...base, 渠道: '', 紧急: '', 事实认定: '不属实', 结案评判: '解释说明', 办结时间: '2023-06-26 16:00', 回访时间: '2023-06-27 10:00', 回访结果: '未接通' },
      { ...base, 工单编号: 'T2', 工单类型: '随申拍', 渠道: '随申拍', 紧急: '是' },
      { ...base, 工单编号: 'T3', 工单类型: '意见建议', 渠道: 'app' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.category, x.channel, x.urgent])).toEqual([
      ['COMPLAINT', 'HOTLINE', false],
      ['PHOTO_REPORT', 'PHOTO', true],
      ['SUGGESTION', 'APP', false],
    ]);
    expect(r.records[0]).toMatchObject({ factFinding: 'UNFOUNDED', resolution: 'EXPLAINED', callback: { calledAt: new Date('2023-06-27T02:00:00Z'), result: 'NOT_REACHED' } });
    expect(r.records[0]!.receivedAt.toISOString()).toBe('2023-06-21T01:12:00.000Z');
  });

  it('maps every channel and callback result of the lists', () => {
    const channels = { '12345热线': 'HOTLINE', 网站: 'WEB', APP: 'APP', 微信: 'WECHAT', 随申拍: 'PHOTO', 网格巡查: 'GRID', 领导派单: 'LEADER_DISPATCH', 市区督办: 'SUPERVISION' };
    const results = { 满意: 'SATISFIED', 基本满意: 'BASICALLY_SATISFIED', 一般: 'NEUTRAL', 不满意: 'UNSATISFIED', 未接通: 'NOT_REACHED', 拒评: 'REFUSED' };
    const rows = Object.keys(channels).map((c, i) => ({ ...base, 工单编号: `C${i}`, 渠道: c, 回访时间: '2023-07-01 10:00', 回访结果: Object.keys(results)[i % 6] }));
    const r = validate(rows);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.channel)).toEqual(Object.values(channels));
    expect(r.records.map((x) => x.callback!.result)).toEqual(Object.keys(channels).map((_, i) => Object.values(results)[i % 6]));
  });

  it('accepts / in times, single digits and seconds; refuses malformed and impossible times', () => {
    expect(readWallTime('2023/6/21 9:05')).toEqual({ value: new Date('2023-06-21T01:05:00Z') });
    expect(readWallTime('2023-06-21 09:05:07.000')).toEqual({ value: new Date('2023-06-21T01:05:07Z') });
    expect(readWallTime('2023-02-30 10:00')).toEqual({ error: '「2023-02-30 10:00」不是真实存在的日期或时刻' });
    expect(readWallTime('2023-06-21 24:00')).toEqual({ error: '「2023-06-21 24:00」不是真实存在的日期或时刻' });
    expect(readWallTime('2023-06-21')).toEqual({ error: '「2023-06-21」缺少时刻，应为 YYYY-MM-DD HH:mm[:ss]' });
    expect(readWallTime('21/06/2023 09:00')).toEqual({ error: '「21/06/2023 09:00」不是有效的时间，应为 YYYY-MM-DD HH:mm[:ss]（也可用 /）' });
  });
});

describe('row errors: all of them, in Chinese, with row and column', () => {
  it('lists each problem of each row', () => {
    const r = validate([
      { ...base, 工单编号: '' },                                                   // row 2
      { ...base, 工单编号: 'D1' },                                                 // row 3
      { ...base, 工单编号: 'D1' },                                                 // row 4
      { ...base, 工单编号: 'B1', 受理时间: '2023-13-01 10:00', 工单类型: '表扬' },    // row 5: two problems
      { ...base, 工单编号: 'B2', 渠道: '电话', 紧急: '急', 事实认定: '真', 结案评判: '已解决', 回访时间: '2023-07-01 10:00', 回访结果: '很好' },
      { ...base, 工单编号: 'B3', 回访结果: '满意' },                                 // row 7
      { ...base, 工单编号: 'B4', 回访时间: '2023-07-01 10:00' },                     // row 8
      { ...base, 工单编号: 'B5', 派单时间: '2023-06-21 08:00', 办结时间: '2023-06-20 10:00' }, // row 9: notes only
      { ...base, 工单编号: 'B6', 承办单位: '街道办' },                               // row 10
      { ...base, 工单编号: 'B7', 重复工单号: 'NOPE' },                               // row 11
      { ...base, 工单编号: 'B8', 重复工单号: 'B8' },                                 // row 12
      { ...base, 工单编号: 'B9', 联系电话: '1.38123E+10' },                          // row 13
      { ...base, 工单编号: 'B10', 受理时间: '' , 工单类型: '' },                     // row 14
    ]);
    expect(r.records.map((x) => x.number)).toEqual(['D1', 'B5']);
    expect(r.errors).toEqual([
      { row: 2, column: '工单编号', message: '工单编号不能为空', number: null },
      { row: 4, column: '工单编号', message: '工单编号 D1 与第 3 行重复', number: 'D1' },
      { row: 5, column: '受理时间', message: '受理时间「2023-13-01 10:00」不是真实存在的日期或时刻', number: 'B1' },
      { row: 5, column: '工单类型', message: '工单类型「表扬」无效，应为：投诉、求助、咨询、意见建议、其他、随申拍', number: 'B1' },
      { row: 6, column: '渠道', message: '渠道「电话」无效，应为：12345热线、网站、APP、微信、随申拍、网格巡查、领导派单、市区督办（留空视为12345热线）', number: 'B2' },
      { row: 6, column: '紧急', message: '紧急「急」无效，应为：是、否（留空视为否）', number: 'B2' },
      { row: 6, column: '事实认定', message: '事实认定「真」无效，应为：属实、部分属实、不属实', number: 'B2' },
      { row: 6, column: '结案评判', message: '结案评判「已解决」无效，应为：实际解决、解释说明、未解决', number: 'B2' },
      { row: 6, column: '回访结果', message: '回访结果「很好」无效，应为：满意、基本满意、一般、不满意、未接通、拒评', number: 'B2' },
      { row: 7, column: '回访时间', message: '填写了回访结果，也必须填写回访时间', number: 'B3' },
      { row: 8, column: '回访结果', message: '填写了回访时间，也必须填写回访结果', number: 'B4' },
      { row: 10, column: '承办单位', message: '承办单位「街道办」在本街镇找不到（按单位代码、名称或别名匹配）', number: 'B6' },
      { row: 11, column: '重复工单号', message: '重复工单号 NOPE 既不是已有的工单，也不在本文件中', number: 'B7' },
      { row: 12, column: '重复工单号', message: '重复工单号不能是本工单自己的编号', number: 'B8' },
      { row: 13, column: '联系电话', message: '联系电话「1.38123E+10」是科学计数法，原来的号码已丢失：请在 Excel 中把该列设为文本后重新导出', number: 'B9' },
      { row: 14, column: '受理时间', message: '受理时间不能为空', number: 'B10' },
      { row: 14, column: '工单类型', message: '工单类型不能为空，应为：投诉、求助、咨询、意见建议、其他、随申拍', number: 'B10' },
    ]);
  });

  it('times out of their usual order are notes, not errors: the row is a record and carries them', () => {
    const r = validate([
      { ...base, 派单时间: '2023-06-21 10:00', 签收时间: '2023-06-21 09:30' },
      { ...base, 工单编号: 'T2', 先行联系时间: '2023-06-22 10:00', 办结时间: '2023-06-22 09:00' },
      { ...base, 工单编号: 'T3', 办结时间: '2023-06-22 09:00', 回访时间: '2023-06-22 08:00', 回访结果: '满意' },
      { ...base, 工单编号: 'T4', 派单时间: '2023-06-21 08:00', 办结时间: '2023-06-20 10:00:30' },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => x.number)).toEqual(['T1', 'T2', 'T3', 'T4']);
    expect(r.notes).toEqual([
      { row: 2, column: '签收时间', message: '签收时间（2023-06-21 09:30）早于派单时间（2023-06-21 10:00）', number: 'T1' },
      { row: 3, column: '先行联系时间', message: '先行联系时间（2023-06-22 10:00）晚于办结时间（2023-06-22 09:00）', number: 'T2' },
      { row: 4, column: '回访时间', message: '回访时间（2023-06-22 08:00）早于办结时间（2023-06-22 09:00）', number: 'T3' },
      { row: 5, column: '派单时间', message: '派单时间（2023-06-21 08:00）早于受理时间（2023-06-21 09:12）', number: 'T4' },
      { row: 5, column: '办结时间', message: '办结时间（2023-06-20 10:00:30）早于受理时间（2023-06-21 09:12）', number: 'T4' },
    ]);
    expect(r.records[1]!.importNotes).toEqual(['先行联系时间（2023-06-22 10:00）晚于办结时间（2023-06-22 09:00）']);
    expect(r.records[1]!.closedAt!.toISOString()).toBe('2023-06-22T01:00:00.000Z'); // stored as the city recorded it
  });

  it('a column the file lacks is compared with the stored time; an unusable row still lists its notes', () => {
    const cols = COLUMNS.filter((c) => c !== '办结时间');
    const stored = { number: 'S1', streetId: 1, repeatOfNumber: null, times: { 办结时间: new Date('2023-06-22T01:00:00Z') } };
    const r = validate([{ ...base, 工单编号: 'S1', 先行联系时间: '2023-06-22 10:00' }, { ...base, 工单编号: 'S2', 工单类型: '表扬', 派单时间: '2023-06-20 10:00' }], [stored], cols);
    expect(r.notes).toEqual([
      { row: 2, column: '先行联系时间', message: '先行联系时间（2023-06-22 10:00）晚于办结时间（2023-06-22 09:00）', number: 'S1' },
      { row: 3, column: '派单时间', message: '派单时间（2023-06-20 10:00）早于受理时间（2023-06-21 09:12）', number: 'S2' },
    ]);
    expect(r.errors.map((e) => [e.row, e.column, e.number])).toEqual([[3, '工单类型', 'S2']]);
  });

  it('needs 承办单位 once a ticket was dispatched, and refuses text over the register limits', () => {
    const r = validate([{ ...base, 承办单位: '', 派单时间: '2023-06-21 10:00' }, { ...base, 工单编号: 'T2', 诉求主题: '噪'.repeat(51) }]);
    expect(r.errors).toEqual([
      { row: 2, column: '承办单位', message: '已派单的工单必须填写承办单位', number: 'T1' },
      { row: 3, column: '诉求主题', message: '诉求主题不能超过 50 个字（现有 51 个）', number: 'T2' },
    ]);
    expect(validate([{ ...base, 承办单位: '' }]).records[0]!.unitId).toBeNull();
  });

  it('refuses a 工单编号 that belongs to another street', () => {
    const r = validate([base], [{ number: 'T1', streetId: 2, repeatOfNumber: null }]);
    expect(r.errors).toEqual([{ row: 2, column: '工单编号', message: '工单编号 T1 已是其他街镇的工单，不能导入本街镇', number: 'T1' }]);
  });
});

describe('承办单位 and 所属居委', () => {
  it('matches 承办单位 by code, name or alias, and refuses an ambiguous alias', () => {
    const r = validate([
      { ...base, 承办单位: 'cg' },
      { ...base, 工单编号: 'T2', 承办单位: '市场监督管理所' },
      { ...base, 工单编号: 'T3', 承办单位: '市场监管所' },
      { ...base, 工单编号: 'T4', 承办单位: ' 综合行政执法队 ' },
      { ...base, 工单编号: 'T5', 承办单位: '房办' },
    ]);
    expect(r.records.map((x) => x.unitId)).toEqual([1, 2, 2, 1]);
    expect(r.errors).toEqual([{ row: 6, column: '承办单位', message: '承办单位「房办」同时对应多个单位：房管办事处（FG）、物业管理事务中心（WY）', number: 'T5' }]);
  });

  it('keeps 所属居委 as written and links the RESIDENTIAL unit named "X" or "X居委"', () => {
    const r = validate([
      { ...base, 所属居委: '浦建路居委' },
      { ...base, 工单编号: 'T2', 所属居委: '浦建路' },
      { ...base, 工单编号: 'T3', 所属居委: '蓝村居委' },
      { ...base, 工单编号: 'T4', 所属居委: '金浦居委' },
      { ...base, 工单编号: 'T5', 所属居委: '' },
    ]);
    expect(r.records.map((x) => [x.committeeName, x.committeeUnitId])).toEqual([['浦建路居委', 10], ['浦建路', 10], ['蓝村居委', 11], ['金浦居委', null], [null, null]]);
    expect(r.notices).toEqual(['所属居委未能对应到本街镇的居委单位（文字照常保存）：金浦居委']);
  });
});

describe('重复工单号: chains flatten to the root master', () => {
  it('accepts a master later in the same file, and flattens chains through the file and the store', () => {
    const r = validate(
      [
        { ...base, 工单编号: 'C1', 重复工单号: 'M1' }, // forward reference
        { ...base, 工单编号: 'M1' },
        { ...base, 工单编号: 'C2', 重复工单号: 'C1' }, // C2 → C1 → M1
        { ...base, 工单编号: 'C3', 重复工单号: 'S-CHILD' }, // stored child of S-ROOT
      ],
      [
        { number: 'S-CHILD', streetId: 1, repeatOfNumber: 'S-ROOT' },
        { number: 'S-ROOT', streetId: 1, repeatOfNumber: null },
      ],
    );
    expect(r.errors).toEqual([]);
    expect(r.records.map((x) => [x.number, x.repeatRootNumber])).toEqual([['C1', 'M1'], ['M1', null], ['C2', 'M1'], ['C3', 'S-ROOT']]);
  });

  it('follows the file over the store: a stored master named as a child moves its group', () => {
    const r = validate([{ ...base, 工单编号: 'OLD', 重复工单号: 'NEW' }, { ...base, 工单编号: 'NEW' }], [{ number: 'OLD', streetId: 1, repeatOfNumber: null }]);
    expect(r.records.map((x) => x.repeatRootNumber)).toEqual(['NEW', null]);
  });

  it('refuses a loop and a master in another street', () => {
    const r = validate(
      [
        { ...base, 工单编号: 'A', 重复工单号: 'B' },
        { ...base, 工单编号: 'B', 重复工单号: 'A' },
        { ...base, 工单编号: 'X', 重复工单号: 'FAR' },
      ],
      [{ number: 'FAR', streetId: 9, repeatOfNumber: null }],
    );
    expect(r.errors).toEqual([
      { row: 2, column: '重复工单号', message: '重复工单号形成循环：A → B → A', number: 'A' },
      { row: 3, column: '重复工单号', message: '重复工单号形成循环：B → A → B', number: 'B' },
      { row: 4, column: '重复工单号', message: '重复工单的主单 FAR 属于其他街镇', number: 'X' },
    ]);
  });

  it('without the column, a stored ticket keeps its master', () => {
    const cols = COLUMNS.filter((c) => c !== '重复工单号');
    const r = validate([{ ...base, 工单编号: 'S1' }], [{ number: 'S1', streetId: 1, repeatOfNumber: 'S0' }, { number: 'S0', streetId: 1, repeatOfNumber: null }], cols);
    expect(r.records[0]!.repeatRootNumber).toBe('S0');
    expect(r.records[0]!.topic).toBeNull();
  });
});

describe('status of an imported ticket', () => {
  const t = (over: Partial<Record<'dispatchedAt' | 'acceptedAt' | 'firstContactAt' | 'closedAt', Date | null>> = {}) => ({
    dispatchedAt: null, acceptedAt: null, firstContactAt: null, closedAt: null, ...over,
  });
  const d = (s: string) => new Date(`2023-06-${s}:00+08:00`);

  it('a new ticket takes what its timestamps say', () => {
    expect(importedStatus(null, t())).toBe('RECEIVED');
    expect(importedStatus(null, t({ dispatchedAt: d('21T10:00') }))).toBe('DISPATCHED');
    expect(importedStatus(null, t({ dispatchedAt: d('21T10:00'), acceptedAt: d('21T11:00') }))).toBe('ACCEPTED');
    expect(importedStatus(null, t({ firstContactAt: d('21T12:00') }))).toBe('IN_PROGRESS');
    expect(importedStatus(null, t({ firstContactAt: d('21T12:00'), closedAt: d('22T12:00') }))).toBe('CLOSED');
  });

  it('a stored ticket keeps local workflow steps unless the city moved it on', () => {
    const stored = { ...t({ firstContactAt: d('21T12:00') }), status: 'SUBMITTED', reopenedAt: null };
    expect(importedStatus(stored, t({ firstContactAt: d('21T12:00') }))).toBe('SUBMITTED');
    expect(importedStatus(stored, t({ acceptedAt: d('21T11:00'), firstContactAt: d('21T12:00') }))).toBe('SUBMITTED');
    expect(importedStatus(stored, t({ firstContactAt: d('21T12:00'), closedAt: d('23T12:00') }))).toBe('CLOSED');
    const reopened = { ...t({ closedAt: d('22T12:00') }), status: 'IN_PROGRESS', reopenedAt: d('24T09:00') };
    expect(importedStatus(reopened, t({ closedAt: d('22T12:00') }))).toBe('IN_PROGRESS');
    expect(importedStatus(reopened, t({ closedAt: d('23T12:00') }))).toBe('IN_PROGRESS');
    expect(importedStatus(reopened, t({ closedAt: d('25T12:00') }))).toBe('CLOSED');
    const closed = { ...t({ firstContactAt: d('21T12:00'), closedAt: d('22T12:00') }), status: 'CLOSED', reopenedAt: null };
    expect(importedStatus(closed, t({ firstContactAt: d('21T12:00') }))).toBe('IN_PROGRESS');
  });
});

// A 200,000-row file validated for 2 s in one piece on the server's event loop; the import now gives the loop a turn
// once a slice of rows has run (import/turns.ts), with the same answer as in one piece.
describe('validation in turns', () => {
  /** A turn every `every` rows, counted. */
  const everyRows = (every: number): Turns & { taken: number } => {
    let rows = 0;
    const t = {
      taken: 0,
      due: () => ++rows % every === 0,
      next: () => new Promise<void>((resolve) => setImmediate(() => { t.taken++; resolve(); })),
    };
    return t;
  };
  const rows: Row[] = Array.from({ length: 500 }, (_, i) => ({
    ...base,
    工单编号: i === 17 ? 'N5' : `N${i}`, // row 19 repeats row 7's number
    工单类型: i % 97 === 3 ? '表扬' : '投诉', // a few unknown types
    承办单位: i % 5 === 4 ? '房办' : '城管中队', // 房办 is ambiguous
    重复工单号: i % 50 === 10 ? `N${i - 9}` : i === 499 ? 'N499' : '', // repeats of earlier rows, and a loop
    办结时间: i % 7 === 0 ? '2023-06-20 09:00' : '', // closed before received: a note
  }));
  const ctx = { streetId: 1, units: UNITS, stored: new Map<string, StoredTicketRef>([['N1', { number: 'N1', streetId: 2, repeatOfNumber: null }]]) };

  it('answers exactly what validating in one piece answers, and takes a turn every slice', async () => {
    const whole = validateRows(sheet(rows), ctx);
    expect(whole.errors.length).toBeGreaterThan(0);
    expect(whole.notes.length).toBeGreaterThan(0);
    expect(whole.records.some((r) => r.repeatRootNumber !== null)).toBe(true);
    const turn = everyRows(50);
    expect(await validateRowsInTurns(sheet(rows), ctx, turn)).toEqual(whole);
    expect(turn.taken).toBe(10);
  });

  it('digests the same rows with and without turns', async () => {
    const turn = everyRows(25);
    const inTurns = await digestCandidates(sheet(rows), 1, 'units', turn);
    expect(inTurns).toEqual(await digestCandidates(sheet(rows), 1, 'units'));
    expect(inTurns.length).toBe(498); // N5 twice is not a candidate
    expect(turn.taken).toBeGreaterThanOrEqual(19);
  });

  it('a slice ends only once its time is up, looked at every 64 rows', () => {
    const spent = turns(0);
    const dues = Array.from({ length: 256 }, () => spent.due());
    expect(dues.filter(Boolean)).toHaveLength(4);
    expect(dues[63]).toBe(true);
    const fresh = turns(60_000);
    expect(Array.from({ length: 256 }, () => fresh.due()).some(Boolean)).toBe(false);
  });
});
