// The database's half of a UNIT_HANDLER's row scope: the request's GraphQL execution runs on one pinned connection
// with `rexian.unit_id` set to the handler's unit, so the ticket policy of migration 0005 confines even a query that
// forgot the application's scope (auth/scope.ts). Staff requests keep using the pool as before.
//
// Why a pinned connection and a session setting, not a transaction with set_config(..., true): mutations open their
// own transactions (Kysely has no nested ones) and a failed statement must not abort the whole request. The pinned
// connection serialises the request's queries; DataLoader batches and `ctx.db.transaction()` work on it as on the
// single-connection PGlite (code inside a transaction already uses its `trx`, never the outer db).
import { sql } from 'kysely';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import { createLoaders } from '../loaders';
import { appRoleOf } from './connection';

/** The unit a request is confined to in the database, or null for unconfined (staff, anonymous). */
export function confinedUnit(ctx: Pick<Context, 'user'>): number | null {
  const user = ctx.user;
  if (!user || user.role !== 'UNIT_HANDLER') return null;
  return user.unitId ?? -1; // a handler without a unit sees nothing, as in auth/scope.ts
}

const setUnit = (unit: string) => sql`select set_config('rexian.unit_id', ${unit}, false)`;

/**
 * Runs `work` with `ctx.db` swapped for a connection confined to the handler's unit, then clears the setting before
 * the connection goes back to the pool. The loaders are made anew on the swapped context: yoga hands resolvers a copy
 * of the built context, and the loaders made with the original would still read through the pool. Should the clearing fail the connection is broken (pg-pool drops it); a
 * setting that survived anyway could only narrow a later request's view, never widen it.
 */
export async function withUnitScope<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  const unit = confinedUnit(ctx);
  // Only the application role is bound by row-level security; the owner (PGlite, or the role disabled) is not.
  if (unit === null || !(await appRoleOf(ctx.db))) return work();
  const pooled = ctx.db;
  const loaders = ctx.loaders;
  return pooled.connection().execute(async (pinned) => {
    await setUnit(String(unit)).execute(pinned);
    ctx.db = pinned;
    ctx.loaders = createLoaders(ctx);
    try {
      return await work();
    } finally {
      ctx.db = pooled;
      ctx.loaders = loaders;
      try {
        await setUnit('').execute(pinned);
      } catch (e) {
        console.error('[db] could not clear rexian.unit_id:', (e as Error).message);
      }
    }
  });
}

/** Yoga plugin: a handler's execution runs inside withUnitScope (context building, i.e. the session lookup, does not). */
export function useDatabaseUnitScope(enabled = true): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const ctx = args.contextValue as unknown as Context;
      if (!enabled || confinedUnit(ctx) === null) return;
      setExecuteFn((a) => withUnitScope(ctx, async () => executeFn(a)) as ReturnType<typeof executeFn>);
    },
  };
}
