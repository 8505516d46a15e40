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

  it('fails with the failing statement\'s own error and keeps nothing', async () => {
    const run = db.db.transaction().execute((trx) =>
      pipelined([5, 0, 7], (d) => sql`insert into pipeline_probe (n) values (10 / ${d}::int)`.execute(trx)),
    );
    await expect(run).rejects.toThrow(/division by zero/);
    expect(await probe()).toEqual([]);
  });
});
