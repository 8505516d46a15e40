// The database's half of the caller's row scope (auth/scope.ts callerScope): a confined request's GraphQL execution —
// a street account's, or a UNIT_HANDLER's — runs on one pinned connection with `rexian.street_id` (and a handler's
// `rexian.unit_id`) set, so the policies of migrations 0005 and 0015 confine even a query that forgot the
// application's scope. District accounts keep using the pool as before.
//
// Why a pinned connection and a session setting, not a transaction with set_config(..., true): mutations open their
// own transactions (Kysely has no nested ones) and a failed statement must not abort the whole request. The pinned
// connection serialises the request's queries; DataLoader batches and `ctx.db.transaction()` work on it as on the
// single-connection PGlite (code inside a transaction already uses its `trx`, never the outer db).
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';
import type { DB } from './connection';
import { createLoaders } from '../loaders';
import { callerScope } from '../auth/scope';
import { appRoleOf, registerPinned } from './connection';
import { scopeStatement } from './session-scope';
import { onReplica, replicaFor, unconfinedReaderOf } from './replica';

/** The settings a request runs under, or null for unconfined (district accounts, anonymous). */
export function confinement(ctx: Pick<Context, 'user'>): { streetId: number | null; unitId: number | null } | null {
  const scope = callerScope(ctx.user);
  return scope.streetId === null && scope.unitId === null ? null : scope;
}

/** The unit a request is confined to in the database, or null (kept for callers of the handler-only version). */
export function confinedUnit(ctx: Pick<Context, 'user'>): number | null {
  return confinement(ctx)?.unitId ?? null;
}


/** The pool behind a confined request's pinned connection (see unconfinedDb). */
const pools = new WeakMap<object, DB>();

/**
 * The unconfined database for the few computations whose result a street account may see although their input
 * spans streets — the district's street ranking, of which it sees its own row (schema/reports.ts). Only aggregates
 * computed there may leave; rows read there must never be returned.
 */
export function unconfinedDb(ctx: Context): DB {
  // During a query operation with a read replica (db/replica.ts), the replica's unconfined pool.
  return unconfinedReaderOf(ctx, pools.get(ctx) ?? ctx.db);
}

/**
 * Runs `work` with `ctx.db` swapped for a connection confined to the caller's street (and unit). The settings stay
 * with the session when it goes back to the pool (db/session-scope.ts): the next checkout that states the same scope
 * sends nothing, any other gets them changed or cleared before its first statement. The loaders are made anew on the
 * swapped context: yoga hands resolvers a copy of the built context, and the loaders made with the original would
 * still read through the pool.
 */
export async function withUnitScope<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  const scope = confinement(ctx);
  // Only the application role is bound by row-level security; the owner (PGlite, or the role disabled) is not.
  if (scope === null || !(await appRoleOf(ctx.db))) return work();
  const pooled = ctx.db;
  const loaders = ctx.loaders;
  return pooled.connection().execute(async (pinned) => {
    await pinned.executeQuery(scopeStatement(scope));
    ctx.db = pinned;
    registerPinned(pinned, pooled);
    pools.set(ctx, pooled);
    ctx.loaders = createLoaders(ctx);
    try {
      return await work();
    } finally {
      ctx.db = pooled;
      pools.delete(ctx);
      ctx.loaders = loaders;
    }
  });
}

/**
 * Yoga plugin: a confined caller's execution runs inside withUnitScope (context building, i.e. the session lookup, does
 * not). With a read replica (DATABASE_READ_URL), a query operation asking for lists or rankings also gets its reader
 * there (db/replica.ts), confined by the same settings.
 */
export function useDatabaseUnitScope(enabled = true): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const ctx = args.contextValue as unknown as Context;
      const scope = enabled ? confinement(ctx) : null;
      const replica = replicaFor(ctx.db, args.document, args.operationName);
      if (scope === null && !replica) return;
      setExecuteFn((a) => {
        const run = async () => executeFn(a);
        const read = replica ? () => onReplica(ctx, replica, scope, run) : run;
        return (scope === null ? read() : withUnitScope(ctx, read)) as ReturnType<typeof executeFn>;
      });
    },
  };
}
