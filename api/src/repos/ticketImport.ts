// The SQL of the city-export import (import/importTickets.ts): set-based reads and batched writes, so an import of
// tens of thousands of rows runs a few dozen statements, never one per row.
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, Ticket } from '../db/types';
import type { Principal } from './auth';

type Db = Kysely<Database> | Transaction<Database>;

export const BATCH_ROWS = 500;

export function chunks<T>(items: readonly T[], size = BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `send` for each part in order on the transaction's one connection, without waiting for each answer before
 * preparing the next part: the statements queue on the connection and run one after another, so PostgreSQL executes
 * one while Node builds the next one's rows and JSON (on PGlite, which runs in this thread, it changes nothing).
 * Each part should be one statement: a part's second statement would queue behind the parts sent meanwhile.
 * Resolves with every answer; rejects with the first failure (the statements after it fail too: the transaction is
 * aborted and rolls back).
 */
export async function pipelined<P, T>(parts: readonly P[], send: (part: P) => Promise<T>): Promise<T[]> {
  const sent: Promise<T>[] = [];
  for (const part of parts) {
    // At most one statement waits behind the running one: a part is built only once the statement two before it has
    // answered, so the heap holds two chunks' rows and JSON, not the whole file's (a 50k-row import: ~150 MB less).
    // After a failure nothing more is sent.
    const ahead = sent[sent.length - 2];
    if (ahead && !(await ahead.then(() => true, () => false))) break;
    const answer = send(part);
    answer.catch(() => {}); // awaited below; a failure while the next part is prepared is not "unhandled"
    sent.push(answer);
    await new Promise<void>((resolve) => setImmediate(resolve)); // the statement leaves before the next is built
  }
  return Promise.all(sent);
}

/** Imports run one at a time (any street): two imports naming the same new 工单编号 must not interleave. */
export async function lockImports(trx: Transaction<Database>) {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY}::bigint)`.execute(trx);
}
const IMPORT_LOCK_KEY = 12345_0001;

export async function streetExists(db: Db, streetId: number) {
  return !!(await db.selectFrom('street').select('id').where('id', '=', streetId).executeTakeFirst());
}

export async function loadStreetUnits(db: Db, streetId: number) {
  return db.selectFrom('unit').select(['id', 'code', 'name', 'aliases', 'peerGroup']).where('streetId', '=', streetId).execute();
}

/** What an import reads of a stored ticket: the columns it sets, and those its due times and status depend on. */
const STORED_COLUMNS = [
  'id', 'number', 'streetId', 'unitId', 'category', 'channel', 'urgent', 'topic', 'content', 'citizenName', 'citizenPhone',
  'address', 'committeeName', 'committeeUnitId', 'status', 'receivedAt', 'dispatchedAt', 'acceptedAt', 'firstContactAt',
  'closedAt', 'firstContactDue', 'completionDue', 'factFinding', 'resolution', 'unfoundedAccepted', 'repeatOfId',
  'reopenedAt', 'reopenKind', 'extensionApproved', 'importNotes', 'importDigest', 'version',
] as const;

export type StoredTicket = Pick<Selectable<Ticket>, (typeof STORED_COLUMNS)[number]> & { repeatOfNumber: string | null };

/** Stored tickets by 工单编号, with their master's number; `lock` holds them until the import commits. */
export async function loadTicketsByNumber(db: Db, numbers: readonly string[], lock: boolean): Promise<StoredTicket[]> {
  if (!numbers.length) return [];
  let q = db
    .selectFrom('ticket as t')
    .leftJoin('ticket as m', 'm.id', 't.repeatOfId')
    .select(STORED_COLUMNS.map((c) => `t.${c}` as const))
    .select('m.number as repeatOfNumber')
    // A semi-join on the unnested list: `= any(array)` compares each row with every element (quadratic).
    .where(sql<boolean>`t.number in (select unnest(${[...numbers]}::text[]))`);
  // In id order, as every batch lock is taken (schema/sheet.ts), so two writers queue instead of deadlocking.
  if (lock) q = q.orderBy('t.id').forUpdate('t');
  return (await q.execute()) as StoredTicket[];
}

/** `${ticketId}|${epoch ms}` of every callback of these tickets. */
export async function loadCallbackKeys(db: Db, ticketIds: readonly number[]): Promise<Set<string>> {
  if (!ticketIds.length) return new Set();
  const rows = await db
    .selectFrom('callback')
    .select(['ticketId', 'calledAt'])
    .where(sql<boolean>`ticket_id in (select unnest(${[...ticketIds]}::int[]))`)
    .execute();
  return new Set(rows.map((r) => callbackKey(r.ticketId, new Date(r.calledAt as Date))));
}

export const callbackKey = (ticketId: number, calledAt: Date) => `${ticketId}|${calledAt.getTime()}`;

/** The ticket columns an import sets; everything else (workflow state, flags) is left as it is. */
export const IMPORTED_COLUMNS = [
  'unitId', 'category', 'channel', 'urgent', 'topic', 'content', 'citizenName', 'citizenPhone', 'address', 'committeeName',
  'committeeUnitId', 'status', 'receivedAt', 'dispatchedAt', 'acceptedAt', 'firstContactAt', 'closedAt', 'firstContactDue',
  'completionDue', 'factFinding', 'resolution', 'unfoundedAccepted', 'repeatOfId', 'importNotes',
] as const;
export type ImportedColumn = (typeof IMPORTED_COLUMNS)[number];
export type ImportedTicket = { number: string; streetId: number } & { [K in ImportedColumn]: Insertable<Ticket>[K] };

/** SQL type of each column an import writes. */
const SQL_TYPES: Readonly<Record<string, string>> = {
  number: 'text', streetId: 'int', unitId: 'int', category: 'text', channel: 'text', urgent: 'bool', topic: 'text', content: 'text',
  citizenName: 'text', citizenPhone: 'text', address: 'text', committeeName: 'text', committeeUnitId: 'int', status: 'text',
  receivedAt: 'timestamptz', dispatchedAt: 'timestamptz', acceptedAt: 'timestamptz', firstContactAt: 'timestamptz', closedAt: 'timestamptz',
  firstContactDue: 'timestamptz', completionDue: 'timestamptz', factFinding: 'text', resolution: 'text', unfoundedAccepted: 'bool',
};
const snake = (c: string) => c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`);
/** The columns passed per row (repeat_of_id is looked up from the root's number; import notes and digest follow them). */
const ARRAY_COLUMNS = Object.keys(SQL_TYPES);
const SET_COLUMNS = [...IMPORTED_COLUMNS].map(snake);

/**
 * Rows one write statement carries: few statements for a large file (20 for 50k rows, each a few ms of overhead), and
 * a chunk's JSON text (~4 MB of UTF-16 for 2,500 rows) and row copies small enough that the two chunks in flight
 * (`pipelined`) keep a 50k-row import under 300 MB RSS.
 */
export const WRITE_CHUNK_ROWS = 2_500;

/** A ticket as an import writes it: the repeat master by its 工单编号 (its id may not exist before this statement). */
export type WrittenTicket = {
  number: string;
  streetId: number;
  repeatRootNumber: string | null;
  importNotes?: string[];
  wasStored: boolean;
  /** The file row's digest (import/digest.ts), stored with the version this write gives the ticket; null: none. */
  importDigest?: string | null;
} & {
  [K in Exclude<ImportedColumn, 'repeatOfId' | 'importNotes'>]: Insertable<Ticket>[K];
};

/** The column definition list of a batch read by json_to_recordset: each key of the row objects with its SQL type. */
const RECORD_COLUMNS = sql.raw(
  [...ARRAY_COLUMNS.map((c) => `"${c}" ${SQL_TYPES[c]}`), '"repeatRootNumber" text', '"importNotes" text[]', '"importDigest" text'].join(', '),
);
const RECORD_NAMES = sql.raw([...ARRAY_COLUMNS.map(snake), 'root_number', 'notes', 'digest', 'ord'].join(', '));

/**
 * Upserts on 工单编号 in one statement per chunk: the rows go in as one JSON text that PostgreSQL reads with
 * json_to_recordset — serialised by V8's JSON.stringify in one pass, where a bind array per column costs the driver an
 * escaping pass over every value. A root master is found by its number, so rows naming a master written earlier in
 * the same import run after it. A changed ticket's version goes up by one. Returns each written ticket's id and the
 * root of its repeat group as written, and the numbers whose ticket appeared or vanished meanwhile (inserted although
 * stored when read, or the other way round).
 */
export async function upsertTickets(
  trx: Transaction<Database>,
  rows: readonly WrittenTicket[],
): Promise<{ written: Array<{ id: number; root: number }>; raced: string[] }> {
  const raced: string[] = [];
  const written: Array<{ id: number; root: number }> = [];
  for (const batch of chunks(rows, WRITE_CHUNK_ROWS)) {
    // Keys the record does not name (wasStored) are ignored; dates become ISO instants.
    const json = JSON.stringify(batch);
    // A new ticket has version 1; an updated one version + 1: its digest names the version this statement gives it.
    const r = await sql<{ number: string; id: number; root: number; inserted: boolean }>`
      with src as (
        select u.*, m.id as repeat_of_id, coalesce(u.notes, '{}'::text[]) as import_notes
        from rows from (json_to_recordset(${json}::json) as (${RECORD_COLUMNS})) with ordinality as u(${RECORD_NAMES})
        left join ticket m on m.number = u.root_number
      ), written as (
        insert into ticket (number, street_id, ${sql.raw(SET_COLUMNS.join(', '))}, import_digest)
        select number, street_id, ${sql.raw(SET_COLUMNS.join(', '))}, digest || ':1' from src order by ord -- new ids in file order
        on conflict (number) do update set
          ${sql.raw(SET_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '))},
          import_digest = split_part(excluded.import_digest, ':', 1) || ':' || (ticket.version + 1),
          version = ticket.version + 1, updated_at = now()
        returning number, id, coalesce(repeat_of_id, id) as root, (xmax = 0) as inserted
      )
      select number, id, root, inserted from written`.execute(trx);
    // Compared here rather than joined in SQL: a join of two CTEs is planned blind and can go quadratic.
    const inserted = new Set<string>();
    for (const x of r.rows) {
      if (x.inserted) inserted.add(x.number);
      written.push({ id: x.id, root: x.root });
    }
    for (const row of batch) if (inserted.has(row.number) === row.wasStored) raced.push(row.number);
  }
  return { written, raced };
}

/**
 * The rows of a re-import that change nothing (import/digest.ts): the stored ticket of this street was last written
 * from a row with the same digest and has not changed since (same version), and has the row's callback if it names
 * one. One statement for the whole file; returns each such ticket's stored import notes and master's number.
 */
export async function unchangedRows(
  db: Db,
  streetId: number,
  rows: ReadonlyArray<{ number: string; digest: string; calledAt: Date | null }>,
): Promise<Map<string, { importNotes: string[]; repeatOfNumber: string | null }>> {
  const out = new Map<string, { importNotes: string[]; repeatOfNumber: string | null }>();
  for (const batch of chunks(rows, 50_000)) {
    const r = await sql<{ number: string; importNotes: string[]; repeatOfNumber: string | null }>`
      select t.number, t.import_notes as "importNotes", (select m.number from ticket m where m.id = t.repeat_of_id) as "repeatOfNumber"
      from unnest(${batch.map((x) => x.number)}::text[], ${batch.map((x) => x.digest)}::text[],
                  ${batch.map((x) => x.calledAt?.toISOString() ?? null)}::timestamptz[]) as u(number, digest, called_at)
      join ticket t on t.number = u.number
      where t.street_id = ${streetId}::int and t.import_digest = u.digest || ':' || t.version
        and (u.called_at is null or exists (select 1 from callback c where c.ticket_id = t.id and c.called_at = u.called_at))`.execute(db);
    for (const x of r.rows) out.set(x.number, { importNotes: x.importNotes ?? [], repeatOfNumber: x.repeatOfNumber });
  }
  return out;
}

/**
 * Records the digest of rows that matched their ticket the long way (tickets written before migration 0027, or by
 * hand since): the next re-import skips them. Neither the version nor the update time moves.
 */
export async function recordDigests(trx: Transaction<Database>, rows: ReadonlyArray<{ id: number; digest: string }>) {
  for (const batch of chunks(rows, WRITE_CHUNK_ROWS * 5)) {
    await sql`
      update ticket t set import_digest = u.digest || ':' || t.version
      from unnest(${batch.map((x) => x.id)}::int[], ${batch.map((x) => x.digest)}::text[]) as u(id, digest)
      where t.id = u.id`.execute(trx);
  }
}

/** Adds callbacks (of tickets named by number), keeping any with the same 回访时间 that the ticket already has. */
export async function insertImportedCallbacks(trx: Transaction<Database>, rows: ReadonlyArray<{ number: string; calledAt: Date; result: string }>) {
  for (const batch of chunks(rows, WRITE_CHUNK_ROWS * 5)) {
    await sql`
      insert into callback (ticket_id, called_at, result, source)
      select t.id, u.called_at, u.result, 'IMPORT'
      from unnest(${batch.map((r) => r.number)}::text[], ${batch.map((r) => r.calledAt.toISOString())}::timestamptz[], ${batch.map((r) => r.result)}::text[])
           with ordinality as u(number, called_at, result, ord)
      join ticket t on t.number = u.number
      order by u.ord
      on conflict (ticket_id, called_at) do nothing`.execute(trx);
  }
}

/**
 * The import's events, one per written ticket named by number, in row order (one JSON text per chunk, read by
 * json_to_recordset). `repeatChanged` adds the ticket's repeat master as written (its id is known only now) to `after`.
 */
export async function insertImportEvents(
  trx: Transaction<Database>,
  actor: Principal | null,
  events: ReadonlyArray<{ number: string; kind: string; before: object | null; after: object; note: string; repeatChanged: boolean }>,
  at = new Date(),
) {
  for (const batch of chunks(events, WRITE_CHUNK_ROWS)) {
    await sql`
      insert into ticket_event (ticket_id, at, actor_user_id, actor_label, kind, before, after, note)
      select t.id, ${at.toISOString()}::timestamptz, ${actor?.userId ?? null}::int, ${actor?.username ?? null}::text, u.kind, u.before,
             case when u.repeat_changed then u.after || jsonb_build_object('repeatOfId', t.repeat_of_id) else u.after end, u.note
      from rows from (json_to_recordset(${JSON.stringify(batch)}::json)
             as ("number" text, kind text, before jsonb, after jsonb, note text, "repeatChanged" bool))
           with ordinality as u(number, kind, before, after, note, repeat_changed, ord)
      join ticket t on t.number = u.number
      order by u.ord`.execute(trx);
  }
}

/**
 * When masters become children, their stored children move to the new root so groups stay one level deep.
 * Returns the moved tickets with the master they left.
 */
export async function moveRepeatChildren(trx: Transaction<Database>, moves: ReadonlyArray<{ fromMasterId: number; toRootId: number }>) {
  const out: Array<{ id: number; fromMasterId: number; toRootId: number }> = [];
  for (const batch of chunks(moves)) {
    const values = sql.join(batch.map((m) => sql`(${m.fromMasterId}::int, ${m.toRootId}::int)`));
    const r = await sql<{ id: number; fromMasterId: number; toRootId: number }>`
      update ticket t set repeat_of_id = v.to_root, version = t.version + 1, updated_at = now()
      from (values ${values}) as v(from_master, to_root)
      where t.repeat_of_id = v.from_master
      returning t.id, v.from_master as "fromMasterId", v.to_root as "toRootId"`.execute(trx);
    out.push(...r.rows);
  }
  return out;
}

export async function insertTicketEvents(
  trx: Transaction<Database>,
  actor: Principal | null,
  events: ReadonlyArray<{ ticketId: number; kind: string; before: unknown; after: unknown; note: string | null }>,
  at = new Date(),
) {
  for (const batch of chunks(events)) {
    await trx
      .insertInto('ticketEvent')
      .values(
        batch.map((e) => ({
          ticketId: e.ticketId,
          at,
          actorUserId: actor?.userId ?? null,
          actorLabel: actor?.username ?? null,
          kind: e.kind,
          before: e.before == null ? null : JSON.stringify(e.before),
          after: e.after == null ? null : JSON.stringify(e.after),
          note: e.note,
        })),
      )
      .execute();
  }
}
