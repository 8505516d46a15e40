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
  'reopenedAt', 'reopenKind', 'extensionApproved', 'importNotes',
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

/**
 * Upserts on 工单编号. A changed ticket's version goes up by one. Returns each row's id and whether it was new
 * (xmax = 0 only for a row this statement inserted).
 */
export async function upsertTickets(trx: Transaction<Database>, rows: readonly ImportedTicket[]) {
  const out: Array<{ id: number; number: string; inserted: boolean }> = [];
  for (const batch of chunks(rows)) {
    const result = await trx
      .insertInto('ticket')
      .values(batch as ImportedTicket[])
      .onConflict((oc) =>
        oc.column('number').doUpdateSet((eb) => ({
          ...Object.fromEntries(IMPORTED_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)])),
          version: sql`ticket.version + 1`,
          updatedAt: sql`now()`,
        })),
      )
      .returning(['id', 'number', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    out.push(...result);
  }
  return out;
}

/** Adds callbacks, keeping any with the same 回访时间 that the ticket already has. */
export async function insertImportedCallbacks(trx: Transaction<Database>, rows: ReadonlyArray<{ ticketId: number; calledAt: Date; result: string }>) {
  for (const batch of chunks(rows)) {
    await trx
      .insertInto('callback')
      .values(batch.map((r) => ({ ticketId: r.ticketId, calledAt: r.calledAt, result: r.result, source: 'IMPORT' })))
      .onConflict((oc) => oc.columns(['ticketId', 'calledAt']).doNothing())
      .execute();
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
