// A pooled connection killed while it is checked out but before its first statement (as in a restart racing a new
// request): a read is retried once on a fresh connection; a write is not replayed. PostgreSQL only — the shared
// server is never restarted; we terminate our own pool's backend (application_name tags it).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';

const URL_ = process.env.DATABASE_URL;
const TAG = `rexian_stale_${process.pid}`;
const SCHEMA = `t_stale_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;

let opened: OpenedDatabase;
let control: pg.Client;

describe.skipIf(!URL_)('a pooled connection killed before its first statement', () => {
  beforeAll(async () => {
    control = new pg.Client({ connectionString: URL_! });
    await control.connect();
    await control.query(`create schema ${SCHEMA}`);
    await control.query(`create table ${SCHEMA}.note (id serial primary key, text text not null)`);
    const url = `${URL_!}${URL_!.includes('?') ? '&' : '?'}application_name=${TAG}`;
    // One connection, so the statement after the kill is certain to reach the killed session.
    opened = await openDatabase({ databaseUrl: url, searchPath: SCHEMA, poolMax: 1, appRole: '' });
  });

  afterAll(async () => {
    await opened?.close();
    await control?.query(`drop schema if exists ${SCHEMA} cascade`);
    await control?.end();
  });

  /** Checks the pool's one connection out, kills its backend, waits until the client has noticed, then runs `work`. */
  async function onKilledConnection<T>(work: (db: OpenedDatabase['db']) => Promise<T>): Promise<T> {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db); // now a reused connection
    return opened.db.connection().execute(async (conn) => {
      await control.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((r) => setTimeout(r, 200));
      return work(conn);
    });
  }

  it('retries a read on a fresh connection and answers it', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const answer = await onKilledConnection((db) => sql<{ one: number }>`select 1 as one`.execute(db));
    errors.mockRestore();
    expect(answer.rows[0]!.one).toBe(1);
    // The pool still works afterwards.
    expect((await sql<{ n: number }>`select 2 as n`.execute(opened.db)).rows[0]!.n).toBe(2);
  });

  it('does not replay a write whose fate it cannot know: the caller gets the error, and the row is written at most once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(onKilledConnection((db) => db.insertInto('note' as never).values({ text: 'once' } as never).execute())).rejects.toThrow();
    errors.mockRestore();
    const { rows } = await control.query(`select count(*)::int as n from ${SCHEMA}.note where text = 'once'`);
    expect(rows[0].n).toBeLessThanOrEqual(1);
    expect(rows[0].n).toBe(0); // the session was gone before the statement was sent
  });
});
