// Per-request DataLoaders, scoped to the caller: a handler's ticket loader never returns another unit's row.
// The batches of one level (the personal-data log of what a page shows, relations not read with their record —
// schema/prefetch.ts reads a page's street, unit, events and callbacks with it) are sent together: one round trip per
// level on the request's connection (db/connection.ts runTogether).
import DataLoader from 'dataloader';
import type { CompiledQuery } from 'kysely';
import type { Context } from './context';
import { rowScope } from './auth/scope';
import { isPinned, poolOf, runTogether } from './db/connection';
import { GroupCommit } from './db/groupCommit';

type Row = Record<string, unknown> & { id: number };

export interface Loaders {
  /** Rows of a table by id, after the caller's row scope. Missing or hidden ids load as null. */
  byId(table: string): DataLoader<number, Row | null>;
  /** Child rows of a table by a foreign key (e.g. a ticket's callbacks), after the caller's row scope. */
  children(table: string, foreignKey: string): DataLoader<number, Row[]>;
  /**
   * Records "this caller read this personal field" — batched into one insert per tick; on a request's own connection
   * grouped with other requests' inserts of the moment (db/groupCommit.ts), in a transaction written with it.
   */
  personalDataRead: DataLoader<string, true>;
  /** A user's display name (falling back to the login) by id, for who did what in a ticket's history. */
  userName: DataLoader<number, string | null>;
}

/** Statements submitted by the loaders in one tick, run together once every loader of the level has dispatched. */
function levelBatcher(ctx: Context) {
  let pending: Array<{ query: CompiledQuery; resolve: (rows: any[]) => void; reject: (e: unknown) => void }> = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const results = await runTogether(ctx.db, batch.map((b) => b.query));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  };
  return <R>(query: CompiledQuery): Promise<R[]> =>
    new Promise((resolve, reject) => {
      // DataLoaders dispatch on process.nextTick; setImmediate runs after all of them.
      if (!pending.length) setImmediate(() => void flush());
      pending.push({ query, resolve, reject });
    });
}

type PersonalRead = { userId: number | null; ticketId: number; field: string; reason: null };
const personalDataLogs = new WeakMap<object, GroupCommit<PersonalRead>>();
/** The personal-data log's group commit of a database (one per pool, shared by its requests). */
export function personalDataLog(db: Context['db']): GroupCommit<PersonalRead> {
  const pool = poolOf(db);
  let log = personalDataLogs.get(pool);
  if (!log) personalDataLogs.set(pool, (log = new GroupCommit<PersonalRead>()));
  return log;
}

export function createLoaders(ctx: Context): Loaders {
  const cache = new Map<string, DataLoader<number, any>>();
  const run = levelBatcher(ctx);
  const memo = <V>(key: string, make: () => DataLoader<number, V>) => {
    let l = cache.get(key);
    if (!l) cache.set(key, (l = make()));
    return l as DataLoader<number, V>;
  };
  return {
    byId: (table) =>
      memo(`id:${table}`, () =>
        new DataLoader<number, Row | null>(
          async (ids) => {
            const q = rowScope(ctx, table, (ctx.db as any).selectFrom(table).selectAll().where('id', 'in', [...ids]));
            const rows = await run<Row>(q.compile());
            const byId = new Map(rows.map((r) => [r.id, r]));
            return ids.map((id) => byId.get(id) ?? null);
          },
          { maxBatchSize: 500 },
        ),
      ),
    children: (table, fk) =>
      memo(`fk:${table}.${fk}`, () =>
        new DataLoader<number, Row[]>(
          async (ids) => {
            const q = rowScope(ctx, table, (ctx.db as any).selectFrom(table).selectAll().where(fk, 'in', [...ids]).orderBy('id'));
            const rows = await run<Row>(q.compile());
            const groups = new Map<number, Row[]>();
            for (const r of rows) {
              const k = r[fk] as number;
              if (!groups.has(k)) groups.set(k, []);
              groups.get(k)!.push(r);
            }
            return ids.map((id) => groups.get(id) ?? []);
          },
          { maxBatchSize: 500 },
        ),
      ),
    personalDataRead: new DataLoader<string, true>(async (keys) => {
      const rows = keys.map((k) => {
        const [ticketId, field] = k.split(':');
        return { userId: ctx.user?.userId ?? null, ticketId: Number(ticketId), field: field!, reason: null };
      });
      // Logged before it is shown: the values are returned only after this insert has committed.
      const db = ctx.db;
      if (isPinned(db) && !db.isTransaction) {
        await personalDataLog(db).append(rows, async (batch) => void (await db.insertInto('personalDataAccess').values(batch).execute()));
      } else {
        await run(db.insertInto('personalDataAccess').values(rows).compile());
      }
      return keys.map(() => true as const);
    }),
    userName: new DataLoader<number, string | null>(async (ids) => {
      // Only the name: every role reads a ticket's history, not the user list.
      const rows = await run<{ id: number; displayName: string | null; username: string }>(
        ctx.db.selectFrom('appUser').select(['id', 'displayName', 'username']).where('id', 'in', [...ids]).compile(),
      );
      const byId = new Map(rows.map((r) => [r.id, r.displayName?.trim() || r.username]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
