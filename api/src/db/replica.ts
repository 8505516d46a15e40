// Reads from the read replica (DATABASE_READ_URL, db/connection.ts readDb): a query operation's lists, counts and
// rankings. Writes, transactions, sessions and everything a mutation reads (its result included) stay on the
// primary, and so do a query's other fields (a ticket page right after a save must show the save; a replica may lag).
//
// Row-level security holds on the replica as on the primary: its connections become the application role, and a
// confined caller's (street account, unit handler) reads run on one pinned replica connection with the same
// `rexian.street_id` / `rexian.unit_id` settings db/scope.ts gives the primary's (db/session-scope.ts).
import { getOperationAST, Kind, type DocumentNode, type SelectionNode } from 'graphql';
import type { Context } from '../context';
import { appRoleOf, readPoolOf, registerPinned, type DB } from './connection';
import { scopeStatement } from './session-scope';

/**
 * Root fields whose reads may come from the replica: the register lists and counts (allXs, _allXsMeta), the
 * ranking/KPI reports and a report's content (周报, 月报 … as reportContent; generateReport, a mutation, stays on the primary). A query operation with any of them gets a reader; the other fields of the same query still
 * read the primary (ctx.db), and nothing on the replica ever writes (personal-data logs go through ctx.db).
 */
const REPLICA_FIELDS = new Set(['unitRanking', 'streetRanking', 'kpis', 'kpiTrend', 'kpiExplain', 'gapToTarget', 'rankingStatus', 'rankingExport', 'kpiTableExport', 'reportContent']);
const readsReplica = (s: SelectionNode) =>
  s.kind === Kind.FIELD && (REPLICA_FIELDS.has(s.name.value) || /^(all[A-Z]\w*|_all[A-Z]\w*Meta)$/.test(s.name.value));

/** The reader of the current execution (confined: a pinned replica connection; else the replica's pool). */
const readers = new WeakMap<object, DB>();
/** The replica's pool behind a confined execution's pinned reader (see unconfinedReaderOf). */
const unconfined = new WeakMap<object, DB>();

/**
 * Where a list, count or ranking of this request reads: the replica during a query operation that asked for one (see
 * REPLICA_FIELDS) when DATABASE_READ_URL is set; else the request's database, the primary.
 */
export function readerOf(ctx: Pick<Context, 'db'>): DB {
  return readers.get(ctx) ?? ctx.db;
}

/**
 * The replica's unconfined pool for the computations db/scope.ts unconfinedDb serves (aggregates over streets, of
 * which a street account sees its own row), or `fallback` (the primary's) when this execution has no replica.
 */
export function unconfinedReaderOf(ctx: Pick<Context, 'db'>, fallback: DB): DB {
  return unconfined.get(ctx) ?? (readers.has(ctx) ? readers.get(ctx)! : fallback);
}

/** The replica pool a query operation should read from, or undefined (no replica, a mutation, no list or ranking). */
export function replicaFor(db: DB, document: DocumentNode, operationName?: string | null): DB | undefined {
  const pool = readPoolOf(db);
  if (!pool) return undefined;
  const op = getOperationAST(document, operationName);
  if (op?.operation !== 'query' || !op.selectionSet.selections.some(readsReplica)) return undefined;
  return pool;
}


/**
 * Runs `work` with readerOf(ctx) on the replica. `scope` (the caller's confinement, null for unconfined callers) is
 * set on one pinned replica connection for the whole execution, like db/scope.ts withUnitScope on the primary; only
 * the application role is bound by row-level security, so without it the pool is used as it is.
 */
export async function onReplica<T>(
  ctx: Pick<Context, 'db'>,
  replica: DB,
  scope: { streetId: number | null; unitId: number | null } | null,
  work: () => Promise<T>,
): Promise<T> {
  if (scope === null || !(await appRoleOf(replica))) {
    readers.set(ctx, replica);
    try {
      return await work();
    } finally {
      readers.delete(ctx);
    }
  }
  return replica.connection().execute(async (pinned) => {
    await pinned.executeQuery(scopeStatement(scope));
    registerPinned(pinned, replica);
    readers.set(ctx, pinned);
    unconfined.set(ctx, replica);
    try {
      return await work();
    } finally {
      readers.delete(ctx);
      unconfined.delete(ctx);
    }
  });
}
