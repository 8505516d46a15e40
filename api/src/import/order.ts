// Times out of their usual order (domain.md §7): the city platform's record as it is, so never a row error. Each
// finding is a data-quality note, listed in the import's answer and kept on the ticket for a clerk to query with the
// city. The KPI engine reads the times as they are (domain.md §3).
import { formatShanghai } from '../domain/time';
import type { Column } from './format';

export interface OrderCheck {
  /** The column the note is about (the odd time). */
  column: Column;
  other: Column;
  /** Whether the column's time is expected not earlier, or not later, than the other's. */
  expected: 'notEarlier' | 'notLater';
}

/** In the order they are checked; only the first finding per column is noted (one odd time explains the rest). */
export const ORDER_CHECKS: readonly OrderCheck[] = [
  { column: '派单时间', other: '受理时间', expected: 'notEarlier' },
  { column: '签收时间', other: '受理时间', expected: 'notEarlier' },
  { column: '签收时间', other: '派单时间', expected: 'notEarlier' },
  { column: '先行联系时间', other: '受理时间', expected: 'notEarlier' },
  { column: '先行联系时间', other: '办结时间', expected: 'notLater' },
  { column: '办结时间', other: '受理时间', expected: 'notEarlier' },
  { column: '办结时间', other: '派单时间', expected: 'notEarlier' },
  { column: '办结时间', other: '签收时间', expected: 'notEarlier' },
  { column: '回访时间', other: '受理时间', expected: 'notEarlier' },
  { column: '回访时间', other: '办结时间', expected: 'notEarlier' },
];

export interface OrderNote {
  column: Column;
  message: string;
}

/** Shanghai wall time without zero seconds: the same text whether the file was .csv or .xlsx. */
const wall = (t: Date) => formatShanghai(t).replace(/:00$/, '');

/** The notes of one ticket's times (absent or unreadable times are skipped). */
export function orderNotes(times: ReadonlyMap<Column, Date>): OrderNote[] {
  const notes: OrderNote[] = [];
  const noted = new Set<Column>();
  for (const { column, other, expected } of ORDER_CHECKS) {
    const a = times.get(column);
    const b = times.get(other);
    if (!a || !b || noted.has(column)) continue;
    const odd = expected === 'notEarlier' ? a < b : a > b;
    if (!odd) continue;
    noted.add(column);
    notes.push({ column, message: `${column}（${wall(a)}）${expected === 'notEarlier' ? '早于' : '晚于'}${other}（${wall(b)}）` });
  }
  return notes;
}
