// The import's write statements are pipelined on the transaction's connection (repos/ticketImport.ts `pipelined`):
// answers come back in the order sent, and a failing statement fails the whole run with its own error — the
// statements after it do not run on, and nothing the transaction wrote is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { pipelined } from '../../src/repos/ticketImport';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('none');
  await sql`create table pipeline_probe (n int not null)`.execute(db.db);
});
afterAll(() => db?.close());

const probe = async () => (await sql<{ n: number }>`select n from pipeline_probe order by n`.execute(db.db)).rows.map((r) => r.n);

describe('pipelined statements', () => {
  it('runs every part in order and answers in that order', async () => {
    // One statement a part, as the import sends them: the count in RETURNING sees the parts sent before it.
    const answers = await db.db.transaction().execute((trx) =>
      pipelined([3, 1, 2], async (n) =>
        (await sql<{ seen: number }>`insert into pipeline_probe (n) values (${n}::int) returning (select count(*)::int from pipeline_probe) as seen`.execute(trx)).rows[0]!.seen * 10 + n,
      ),
    );
    expect(answers).toEqual([3, 11, 22]);
    expect(await probe()).toEqual([1, 2, 3]);
    await sql`delete from pipeline_probe`.execute(db.db);
  });

  it('fails with the failing statement\'s own error, sends nothing after it and keeps nothing', async () => {
    const sent: number[] = [];
    const run = db.db.transaction().execute((trx) =>
      pipelined([5, 0, 7, 9, 11], (d) => {
        sent.push(d);
        return sql`insert into pipeline_probe (n) values (10 / ${d}::int)`.execute(trx);
      }),
    );
    await expect(run).rejects.toThrow(/division by zero/);
    expect(sent).toEqual([5, 0, 7]); // 9 would wait for 0's answer: the run stops there
    expect(await probe()).toEqual([]);
  });

  it('builds a part only when at most one statement is ahead of it', async () => {
    // Answers slower than the hand-over between parts (a statement at work in PostgreSQL): unbounded, all six would be
    // built at once; bounded, the running one and the one built behind it.
    let started = 0;
    let answered = 0;
    let most = 0;
    await pipelined([1, 2, 3, 4, 5, 6], async () => {
      most = Math.max(most, ++started - answered);
      await new Promise((resolve) => setTimeout(resolve, 5));
      answered++;
    });
    expect(started).toBe(6);
    expect(most).toBe(2);
  });
});
