// Named prepared statements (db/prepared.ts): a short read that repeats is parsed and planned once per connection;
// writes are not prepared; a connection holds a bounded number; a prepared read that turns slow is retired for a
// while (doubling with each retirement, so a one-off stall does not cost it its plan for ever); a table
// that changes shape under a prepared statement does not break it; REXIAN_DB_PREPARED=0 turns it off. PostgreSQL only
// (PGlite runs in process).
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { FAST_RUNS, MAX_PER_CONNECTION, RETIRE_MAX_MS, RETIRE_MS, SLOW_MS, preparedClock, preparedState } from '../../src/db/prepared';


const URL_ = process.env.DATABASE_URL;
const SCHEMA = `t_prep_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;

let opened: OpenedDatabase;
let control: pg.Client;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const anyDb = () => opened.db as unknown as Kysely<any>;

/** The prepared statements of the pool's one connection, as PostgreSQL lists them. */
async function preparedOnConnection(): Promise<Array<{ name: string; statement: string }>> {
  return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements order by name`.execute(anyDb())).rows;
}

/** Runs `run` until its text is prepared (FAST_RUNS short runs; a run slowed by a busy machine does not count). */
async function untilPrepared(text: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 50 && preparedState(text) !== 'prepared'; i++) await run();
  expect(preparedState(text)).toBe('prepared');
}

describe.skipIf(!URL_)('named prepared statements', () => {
  beforeAll(async () => {
    control = new pg.Client({ connectionString: URL_! });
    await control.connect();
    await control.query(`create schema ${SCHEMA}`);
    await control.query(`create table ${SCHEMA}.note (id serial primary key, street int not null, text text not null)`);
    await control.query(`insert into ${SCHEMA}.note (street, text) select g % 3, 'note ' || g from generate_series(1, 30) g`);
    // One connection: every statement below reaches the same session and its prepared statements.
    opened = await openDatabase({ databaseUrl: URL_!, searchPath: SCHEMA, poolMax: 1, appRole: '' });
  });

  afterEach(() => {
    delete process.env.REXIAN_DB_PREPARED;
  });

  afterAll(async () => {
    await opened?.close();
    await control?.query(`drop schema if exists ${SCHEMA} cascade`);
    await control?.end();
  });

  it('prepares a short read after it ran short unnamed, then only binds it, with the right rows for each parameter', async () => {
    const query = (street: number) => anyDb().selectFrom('note').select(['id', 'text']).where('street', '=', street).orderBy('id');
    const mine = async () => (await preparedOnConnection()).filter((p) => p.statement.includes('"note"') && p.statement.includes('"street" = $1'));
    await query(0).execute();
    expect(await mine()).toEqual([]); // unnamed at first: reports and rankings never get further
    await untilPrepared(query(0).compile().sql, () => query(0).execute());
    const first = await query(1).execute();
    const second = await query(2).execute();
    expect(first.map((r) => r.id)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect(second.map((r) => r.id)).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
    expect(await mine()).toHaveLength(1);
    expect((await mine())[0]!.name).toMatch(/^rx_[0-9a-f]{24}$/);
  });

  it('retires a prepared read that turns slow: it runs unnamed, with a plan for its own parameters, for a while', async () => {
    const nap = (seconds: number) => sql<{ napped: string }>`select pg_sleep(${seconds}::float8)::text as napped`;
    const text = nap(0).compile(anyDb()).sql;
    await untilPrepared(text, () => nap(0).execute(anyDb()));
    await nap((SLOW_MS * 1.5) / 1000).execute(anyDb());
    expect(preparedState(text)).toBe('retired');
    expect((await nap(0).execute(anyDb())).rows).toEqual([{ napped: '' }]);
    expect(preparedState(text)).toBe('retired'); // short runs meanwhile do not bring it back
  });

  it('prepares a retired read again after its retirement, which doubles each time (a stall is not for ever)', async () => {
    const realNow = preparedClock.now;
    let now = realNow();
    preparedClock.now = () => now;
    try {
      const nap = (seconds: number) => sql<{ napped: string }>`select pg_sleep(${seconds}::float8)::text as napped, 'stall' as why`;
      const text = nap(0).compile(anyDb()).sql;
      const slow = () => nap((SLOW_MS * 1.5) / 1000).execute(anyDb());
      await untilPrepared(text, () => nap(0).execute(anyDb()));
      await slow();
      // First retirement: RETIRE_MS.
      now += RETIRE_MS - 1;
      await nap(0).execute(anyDb());
      expect(preparedState(text)).toBe('retired');
      now += 1;
      expect(preparedState(text)).toBe('warming'); // short unnamed runs again before it is prepared again
      await untilPrepared(text, () => nap(0).execute(anyDb()));
      // Slow again: twice as long.
      await slow();
      now += 2 * RETIRE_MS - 1;
      expect(preparedState(text)).toBe('retired');
      now += 1;
      await untilPrepared(text, () => nap(0).execute(anyDb()));
      // Never longer than RETIRE_MAX_MS.
      for (let i = 0; i < 10; i++) {
        await slow();
        now += RETIRE_MAX_MS;
        await untilPrepared(text, () => nap(0).execute(anyDb()));
      }
      expect((await nap(0).execute(anyDb())).rows).toEqual([{ napped: '', why: 'stall' }]);
    } finally {
      preparedClock.now = realNow;
    }
  });

  it('does not prepare writes', async () => {
    await anyDb().insertInto('note').values({ street: 9, text: 'written' }).execute();
    await anyDb().updateTable('note').set({ text: 'rewritten' }).where('street', '=', 9).execute();
    const writes = (await preparedOnConnection()).filter((p) => /^\s*(insert|update)/i.test(p.statement));
    expect(writes).toEqual([]);
    await anyDb().deleteFrom('note').where('street', '=', 9).execute();
  });

  it('keeps a read working when its table changes shape under the prepared statement', async () => {
    const query = () => anyDb().selectFrom('note').selectAll().where('id', '=', 1);
    const readAll = () => query().execute();
    await untilPrepared(query().compile().sql, readAll);
    expect(Object.keys((await readAll())[0]!)).toEqual(['id', 'street', 'text']);
    await control.query(`alter table ${SCHEMA}.note add column flag boolean not null default true`);
    // PostgreSQL refuses the cached plan ("must not change result type"): run again unnamed, then always unnamed.
    expect((await readAll())[0]).toEqual({ id: 1, street: 1, text: 'note 1', flag: true });
    expect((await readAll())[0]).toEqual({ id: 1, street: 1, text: 'note 1', flag: true });
    await control.query(`alter table ${SCHEMA}.note drop column flag`);
    expect(Object.keys((await readAll())[0]!)).toEqual(['id', 'street', 'text']);
  });

  it(`holds at most ${MAX_PER_CONNECTION} prepared statements on a connection; the rest run unnamed`, async () => {
    for (let i = 0; i < MAX_PER_CONNECTION + 20; i++) {
      const query = () => anyDb().selectFrom('note').select(sql<number>`${sql.lit(i)}::int`.as('n')).where('id', '=', 1);
      await untilPrepared(query().compile().sql, () => query().execute());
      expect((await query().execute())[0]!.n).toBe(i);
    }
    const named = (await preparedOnConnection()).filter((p) => p.name.startsWith('rx_'));
    expect(named.length).toBe(MAX_PER_CONNECTION);
  });

  it('prepares nothing with REXIAN_DB_PREPARED=0', async () => {
    process.env.REXIAN_DB_PREPARED = '0';
    const before = (await preparedOnConnection()).length;
    for (let i = 0; i <= FAST_RUNS + 1; i++) await anyDb().selectFrom('note').select('id').where('text', '=', 'only with the switch off').execute();
    expect((await preparedOnConnection()).length).toBe(before);
    expect((await preparedOnConnection()).some((p) => p.statement.includes('"text" = $1'))).toBe(false);
  });
});
