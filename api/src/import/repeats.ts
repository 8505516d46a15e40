// 重复工单号 of the city export (domain.md §7, §2 一案一档): it must name a stored ticket or a row of the same file,
// never the row itself; chains (through the file and the store) flatten to their root master, which must be of the
// importing street.

export interface RepeatRow {
  row: number;
  number: string;
  /** 重复工单号 as written; null when empty or when the file has no such column. */
  repeatOf: string | null;
}

export interface StoredRepeat {
  streetId: number;
  repeatOfNumber: string | null;
}

export type RepeatAnswer = { root: string | null } | { error: string };

/**
 * The root master of each row (first occurrence of each number). Without the column (`hasColumn` false) a stored
 * ticket keeps its master.
 */
export function resolveRepeats(
  rows: readonly RepeatRow[],
  stored: ReadonlyMap<string, StoredRepeat>,
  streetId: number,
  hasColumn: boolean,
): Map<number, RepeatAnswer> {
  const inFile = new Map<string, string | null>(rows.map((r) => [r.number, r.repeatOf]));
  const parentOf = (n: string): string | null => (hasColumn && inFile.has(n) ? inFile.get(n)! : stored.get(n)?.repeatOfNumber ?? null);
  const known = (n: string) => inFile.has(n) || stored.has(n);
  const out = new Map<number, RepeatAnswer>();
  for (const p of rows) {
    const ref = hasColumn ? p.repeatOf : null;
    if (ref !== null) {
      if (ref === p.number) {
        out.set(p.row, { error: '重复工单号不能是本工单自己的编号' });
        continue;
      }
      if (!known(ref)) {
        out.set(p.row, { error: `重复工单号 ${ref} 既不是已有的工单，也不在本文件中` });
        continue;
      }
    }
    const path = [p.number];
    let cur = p.number;
    let cycle = false;
    for (;;) {
      const parent = parentOf(cur);
      if (parent === null || !known(parent)) break;
      path.push(parent);
      if (path.indexOf(parent) < path.length - 1) {
        cycle = true;
        break;
      }
      cur = parent;
    }
    if (cycle) {
      out.set(p.row, { error: `重复工单号形成循环：${path.join(' → ')}` });
      continue;
    }
    const root = cur === p.number ? null : cur;
    if (root !== null && !inFile.has(root) && stored.get(root)!.streetId !== streetId) {
      out.set(p.row, { error: `重复工单的主单 ${root} 属于其他街镇` });
      continue;
    }
    out.set(p.row, { root });
  }
  return out;
}
