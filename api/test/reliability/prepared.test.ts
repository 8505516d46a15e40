// Named prepared statements (db/prepared.ts): a repeated read is parsed and planned once per connection; writes and
// long texts are not prepared; a connection holds a bounded number; a table that changes shape under a prepared
// statement does not break it; REXIAN_DB_PREPARED=0 turns it off. PostgreSQL only (PGlite runs in process).
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';
import { MAX_PER_CONNECTION } from '../../src/db/prepared';

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

  it('parses a repeated read once and then only binds it, with the right rows for each parameter', async () => {
    const read = (street: number) => anyDb().selectFrom('note').select(['id', 'text']).where('street', '=', street).orderBy('id').execute();
    const first = await read(1);
    const second = await read(2);
    expect(first.map((r) => r.id)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
    expect(second.map((r) => r.id)).toEqual([2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
    const mine = (await preparedOnConnection()).filter((p) => p.statement.includes('"note"') && p.statement.includes('"street" = $1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^rx_[0-9a-f]{24}$/);
  });

  it('does not prepare writes', async () => {
    await anyDb().insertInto('note').values({ street: 9, text: 'written' }).execute();
    await anyDb().updateTable('note').set({ text: 'rewritten' }).where('street', '=', 9).execute();
    const writes = (await preparedOnConnection()).filter((p) => /^\s*(insert|update)/i.test(p.statement));
    expect(writes).toEqual([]);
    await anyDb().deleteFrom('note').where('street', '=', 9).execute();
  });

  it('keeps a read working when its table changes shape under the prepared statement', async () => {
    const readAll = () => anyDb().selectFrom('note').selectAll().where('id', '=', 1).execute();
    expect(Object.keys((await readAll())[0]!)).toEqual(['id', 'street', 'text']);
    await readAll(); // prepared by now
    await control.query(`alter table ${SCHEMA}.note add column flag boolean not null default true`);
    // PostgreSQL refuses the cached plan ("must not change result type"): run again unnamed, then always unnamed.
    expect((await readAll())[0]).toEqual({ id: 1, street: 1, text: 'note 1', flag: true });
    expect((await readAll())[0]).toEqual({ id: 1, street: 1, text: 'note 1', flag: true });
    await control.query(`alter table ${SCHEMA}.note drop column flag`);
    expect(Object.keys((await readAll())[0]!)).toEqual(['id', 'street', 'text']);
  });

  it(`holds at most ${MAX_PER_CONNECTION} prepared statements on a connection; the rest run unnamed`, async () => {
    for (let i = 0; i < MAX_PER_CONNECTION + 20; i++) {
      const rows = await anyDb().selectFrom('note').select(sql<number>`${sql.lit(i)}::int`.as('n')).where('id', '=', 1).execute();
      expect(rows[0]!.n).toBe(i);
    }
    const named = (await preparedOnConnection()).filter((p) => p.name.startsWith('rx_'));
    expect(named.length).toBe(MAX_PER_CONNECTION);
  });

  it('prepares nothing with REXIAN_DB_PREPARED=0', async () => {
    process.env.REXIAN_DB_PREPARED = '0';
    const before = (await preparedOnConnection()).length;
    await anyDb().selectFrom('note').select('id').where('text', '=', 'only with the switch off').execute();
    await anyDb().selectFrom('note').select('id').where('text', '=', 'only with the switch off').execute();
    expect((await preparedOnConnection()).length).toBe(before);
    expect((await preparedOnConnection()).some((p) => p.statement.includes('"text" = $1'))).toBe(false);
  });
});
