// The personal-data log's group commit (db/groupCommit.ts): requests arriving while one insert runs go together in
// the next, on the first waiting request's connection, and each request is answered only once its own rows are in.
import { describe, expect, it } from 'vitest';
import { GroupCommit, MAX_BATCH_ROWS } from '../../src/db/groupCommit';

/** A write that stays open until released, recording who wrote which rows. */
function gate() {
  const writes: Array<{ by: string; rows: number[] }> = [];
  const open: Array<{ release: () => void; fail: (e: Error) => void }> = [];
  const writer = (by: string) => (rows: number[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push({ by, rows });
      open.push({ release: resolve, fail: reject });
    });
  return { writes, open, writer };
}

/** Lets the queued promise callbacks run (no timers). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('group commit of the personal-data log', () => {
  it('writes a lone request at once, with its own rows and connection', async () => {
    const log = new GroupCommit<number>();
    const g = gate();
    const done = log.append([1, 2], g.writer('a'));
    expect(g.writes).toEqual([{ by: 'a', rows: [1, 2] }]);
    g.open[0]!.release();
    await done;
    expect(log.batches).toBe(1);
  });

  it('answers nobody before its rows are written, and sends the requests that arrived meanwhile as one batch', async () => {
    const log = new GroupCommit<number>();
    const g = gate();
    const answered: string[] = [];
    const a = log.append([1], g.writer('a')).then(() => answered.push('a'));
    const b = log.append([2], g.writer('b')).then(() => answered.push('b'));
    const c = log.append([3, 4], g.writer('c')).then(() => answered.push('c'));
    await settle();
    expect(g.writes).toEqual([{ by: 'a', rows: [1] }]);
    expect(log.waiting).toBe(2);
    expect(answered).toEqual([]);
    g.open[0]!.release();
    await a;
    await settle();
    // b leads the next batch on its own connection, carrying c's rows; neither is answered before it is written.
    expect(g.writes[1]).toEqual({ by: 'b', rows: [2, 3, 4] });
    expect(answered).toEqual(['a']);
    g.open[1]!.release();
    await Promise.all([b, c]);
    expect(answered).toEqual(['a', 'b', 'c']);
    expect(log.batches).toBe(2);
  });

  it('fails every request of a failed batch, and only those: the next batch is written', async () => {
    const log = new GroupCommit<number>();
    const g = gate();
    const a = log.append([1], g.writer('a'));
    const b = log.append([2], g.writer('b'));
    const c = log.append([3], g.writer('c'));
    await settle();
    g.open[0]!.release();
    await a;
    await settle();
    g.open[1]!.fail(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(c).rejects.toThrow('connection lost');
    const d = log.append([4], g.writer('d'));
    expect(g.writes[2]).toEqual({ by: 'd', rows: [4] });
    g.open[2]!.release();
    await d;
  });

  it(`keeps a batch to ${MAX_BATCH_ROWS} rows (a larger single request still goes whole)`, async () => {
    const log = new GroupCommit<number>();
    const g = gate();
    const many = (n: number) => Array.from({ length: n }, (_, i) => i);
    const first = log.append([0], g.writer('first'));
    const big = log.append(many(MAX_BATCH_ROWS + 5), g.writer('big'));
    const small = log.append([1], g.writer('small'));
    await settle();
    g.open[0]!.release();
    await first;
    await settle();
    expect(g.writes[1]!.rows).toHaveLength(MAX_BATCH_ROWS + 5);
    g.open[1]!.release();
    await big;
    await settle();
    expect(g.writes[2]).toEqual({ by: 'small', rows: [1] });
    g.open[2]!.release();
    await small;
  });

  it('writes nothing for no rows', async () => {
    const log = new GroupCommit<number>();
    await log.append([], () => Promise.reject(new Error('not called')));
    expect(log.batches).toBe(0);
  });
});
