// Re-importing rows that did not change skips them by their digest (import/digest.ts, migration 0027): no ticket row
// written, no event, no callback; a row with one changed field is still applied; a ticket changed since its import,
// or a callback removed since, takes the long way again; tickets without a digest get one the first time round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { importTickets } from '../../src/import/importTickets';
import type { Principal } from '../../src/repos/auth';
import { createStreet, generateRows, toCsv, type Row, type Street } from './fixtures';

let db: TestDatabase;
let street: Street;
const actor: Principal = { userId: null, tokenId: null, username: 'ops-digest', role: 'OPS', unitId: null, streetId: null, canReadPersonalData: true };
const N = 120;
let rows: Row[];
let file: Buffer;

beforeAll(async () => {
  db = await createTestDatabase('none');
  street = await createStreet(db.db);
  rows = generateRows(N, 'D');
  file = toCsv(rows);
});
afterAll(() => db?.close());

const run = (bytes: Uint8Array) => importTickets(db.db, { streetId: street.streetId, file: bytes, filename: 'digest.csv', actor });

/** Every ticket of the file as stored, down to the row version PostgreSQL keeps (xmin moves on any write). */
async function snapshot() {
  const r = await sql<{ number: string; xmin: string; version: number; importDigest: string | null }>`
    select number, xmin::text as xmin, version, import_digest as "importDigest" from ticket where number like 'D%' order by number`.execute(db.db);
  return r.rows;
}
async function counts() {
  const [e, c] = await Promise.all(
    (['ticketEvent', 'callback'] as const).map((t) => db.db.selectFrom(t).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()),
  );
  return { events: e!.n, callbacks: c!.n };
}
const TICKET_WRITE = /insert into "?ticket"?[\s(]|update "?ticket"?\s/i;

/** The result of one import and the statements it ran. */
async function measured(bytes: Uint8Array) {
  const before = db.queries.log.length;
  const result = await run(bytes);
  return { result, sql: db.queries.log.slice(before) };
}

describe('a re-import with no change', () => {
  it('writes no ticket row, no event and no callback, and still counts every row unchanged', async () => {
    const first = await run(file);
    expect(first).toMatchObject({ inserted: N, updated: 0, errors: [] });
    const stored = await snapshot();
    expect(stored).toHaveLength(N);
    expect(stored.every((t) => t.importDigest && t.importDigest.endsWith(`:${t.version}`))).toBe(true);
    const before = await counts();

    const again = await measured(file);
    expect(again.result).toMatchObject({ inserted: 0, updated: 0, unchanged: N, rows: N, errors: [] });
    expect(await snapshot()).toEqual(stored); // not one ticket row written (xmin, version, digest all as they were)
    expect(await counts()).toEqual(before);
    expect(again.sql.filter((s) => TICKET_WRITE.test(s))).toEqual([]);
    // Skipped before the long way: no ticket loaded for update, no callbacks read for planning.
    expect(again.sql.filter((s) => /for update/i.test(s))).toEqual([]);
    console.log(JSON.stringify({ scenario: 're-import unchanged', rows: N, statements: again.sql.length }));
  });

  it('applies a one-field change, to that ticket only', async () => {
    const before = await snapshot();
    const events = (await counts()).events;
    const changed = rows.map((r, i) => (i === 4 ? { ...r, 诉求主题: '物业维修' } : r));
    const r = await run(toCsv(changed));
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: N - 1, errors: [] });
    const after = await snapshot();
    const moved = after.filter((t, i) => t.xmin !== before[i]!.xmin).map((t) => t.number);
    expect(moved).toEqual([rows[4]!.工单编号]);
    const t = await db.db.selectFrom('ticket').select(['topic', 'version', 'importDigest']).where('number', '=', rows[4]!.工单编号!).executeTakeFirstOrThrow();
    expect(t.topic).toBe('物业维修');
    expect(t.importDigest).toMatch(new RegExp(`:${t.version}$`));
    expect((await counts()).events).toBe(events + 1);
    // And the file as it was before restores it, again only that ticket.
    const back = await run(file);
    expect(back).toMatchObject({ updated: 1, unchanged: N - 1 });
  });

  it('takes the long way for a ticket changed since its import, and for a callback removed since', async () => {
    const target = rows[6]!.工单编号!; // i = 7: open, no callback
    await db.db.updateTable('ticket').set({ topic: '本地修改', version: sql`version + 1` }).where('number', '=', target).execute();
    const closed = rows[8]!.工单编号!; // i = 9: closed, with a callback
    const ticket = await db.db.selectFrom('ticket').select('id').where('number', '=', closed).executeTakeFirstOrThrow();
    await db.db.deleteFrom('callback').where('ticketId', '=', ticket.id).execute();
    const r = await run(file);
    expect(r).toMatchObject({ inserted: 0, updated: 2, unchanged: N - 2, errors: [] });
    expect((await db.db.selectFrom('ticket').select('topic').where('number', '=', target).executeTakeFirstOrThrow()).topic).toBe('噪声');
    expect(await db.db.selectFrom('callback').select('id').where('ticketId', '=', ticket.id).execute()).toHaveLength(1);
  });

  it('records the digest of tickets imported before digests were kept, without a new version, then skips them', async () => {
    await sql`update ticket set import_digest = null where number like 'D%'`.execute(db.db);
    const before = await snapshot();
    const r = await run(file);
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: N });
    const after = await snapshot();
    expect(after.map((t) => t.version)).toEqual(before.map((t) => t.version));
    expect(after.every((t) => t.importDigest?.endsWith(`:${t.version}`))).toBe(true);
    const again = await measured(file);
    expect(again.result).toMatchObject({ unchanged: N });
    expect(again.sql.filter((s) => TICKET_WRITE.test(s))).toEqual([]);
    expect(await snapshot()).toEqual(after);
  });

  it('keeps a repeat with its master: a master moved since sends its stored child back with it', async () => {
    // D000010 names D000009 (every tenth row repeats the row before). Made a child of D000002 by hand, the master's
    // own children follow it there (repointChildren does not move their versions).
    const master = await db.db.selectFrom('ticket').select('id').where('number', '=', 'D000009').executeTakeFirstOrThrow();
    const other = await db.db.selectFrom('ticket').select('id').where('number', '=', 'D000002').executeTakeFirstOrThrow();
    await db.db.updateTable('ticket').set({ repeatOfId: other.id, version: sql`version + 1` }).where('id', '=', master.id).execute();
    await db.db.updateTable('ticket').set({ repeatOfId: other.id }).where('repeatOfId', '=', master.id).execute();
    const r = await run(file);
    expect(r.errors).toEqual([]);
    const child = await db.db.selectFrom('ticket').select('repeatOfId').where('number', '=', 'D000010').executeTakeFirstOrThrow();
    expect(child.repeatOfId).toBe(master.id);
    expect((await db.db.selectFrom('ticket').select('repeatOfId').where('id', '=', master.id).executeTakeFirstOrThrow()).repeatOfId).toBeNull();
  });
});
