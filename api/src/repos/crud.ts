// Generic SQL for the register resources: list, count, get, insert, update (version-checked) and delete.
// Tables and columns come from the resource specs in schema/, never from client input.
import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { keptStatement } from '../db/statementCache';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, any> & { id: number };
/** Applies the caller's where-clauses (filters and row scope) to a select. */
export type Restrict = (q: any) => any;

export interface ListOptions {
  restrict: Restrict;
  sortField: string;
  sortOrder: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** The columns to read (the GraphQL selection's); absent: all. */
  columns?: readonly string[];
  /** Related rows read in the same statement, as JSON columns of each row (schema/prefetch.ts). */
  relations?: readonly Relation[];
  /**
   * Everything `restrict` and the relations' restrictions depend on (auth/scope.ts scopeKey, the filter), when that
   * is all they depend on: the statement is then compiled once per shape (db/statementCache.ts). Absent: built anew.
   */
  restrictKey?: string;
}

/** The key of a statement's shape: the table, the columns and relations read, and what restricts them. */
function shapeKey(kind: string, table: string, restrictKey: string, columns: readonly string[] | undefined, relations: readonly Relation[] | undefined, ...rest: unknown[]) {
  const rel = (relations ?? []).map((r) => `${r.alias}=${r.table}(${r.columns.join(',')})${'column' in r.on ? `@${r.on.column}` : `<${r.on.foreignKey}`}`);
  return `${kind}|${table}|${restrictKey}|${columns ? columns.join(',') : '*'}|${rel.join(';')}|${rest.join('|')}`;
}

/** Runs `build(values)`, through a kept statement when `restrictKey` says what it depends on. */
function run<R>(db: Db, key: (() => string) | undefined, values: readonly unknown[], build: (values: readonly any[]) => { compile(): CompiledQuery; execute(): Promise<unknown[]> }): Promise<R[]> {
  if (!key) return build(values).execute() as Promise<R[]>;
  return db.executeQuery<R>(keptStatement(key(), values, build) as CompiledQuery<R>).then((r) => r.rows);
}

/**
 * Rows related to the one read, as one JSON column `alias` of it: the row a reference points to (`column`: the
 * outer row's column holding its id; null when absent or out of the caller's scope), or the rows whose `foreignKey`
 * is the outer row's id (a list in id order, like the per-request loaders return them).
 */
export interface Relation {
  alias: string;
  table: string;
  columns: readonly string[];
  on: { column: string } | { foreignKey: string };
  /** The caller's row scope on `table` (auth/scope.ts rowScope), as for any other read of it; a kept statement's restrictKey covers it. */
  restrict: Restrict;
}

/** Correlated to `outer` (the table being read, unaliased); the related table is aliased, so a table may relate to itself. */
function relationColumn(outer: string, r: Relation) {
  return (eb: any) => {
    const object = sql`jsonb_build_object(${sql.join(r.columns.flatMap((c) => [sql`${c}::text`, sql.ref(`rexianRel.${c}`)]))})`;
    const from = eb.selectFrom(`${r.table} as rexianRel`);
    const q = 'column' in r.on
      ? from.select(object.as('related')).where('rexianRel.id', '=', eb.ref(`${outer}.${r.on.column}`))
      : from
          .select(sql`coalesce(jsonb_agg(${object} order by ${sql.ref('rexianRel.id')}), '[]'::jsonb)`.as('related'))
          .where(`rexianRel.${r.on.foreignKey}`, '=', eb.ref(`${outer}.id`));
    return r.restrict(q).as(r.alias);
  };
}

function selectColumns(q: any, columns: readonly string[] | undefined, table?: string, relations?: readonly Relation[]) {
  q = columns ? q.select([...columns]) : q.selectAll();
  for (const r of relations ?? []) q = q.select(relationColumn(table!, r));
  return q;
}

function pageQuery(db: Db, table: string, opts: ListOptions) {
  let q = opts.restrict(selectColumns((db as Kysely<any>).selectFrom(table), opts.columns, table, opts.relations));
  q = q.orderBy(opts.sortField, opts.sortOrder);
  // Stable pages; ties broken in the sort's direction so that one (column, id) index serves ASC and DESC (0017).
  if (opts.sortField !== 'id') q = q.orderBy('id', opts.sortOrder);
  return q.limit(opts.limit).offset(opts.offset);
}

const pageKey = (table: string, opts: ListOptions, kind = 'page') =>
  opts.restrictKey === undefined ? undefined : () => shapeKey(kind, table, opts.restrictKey!, opts.columns, opts.relations, opts.sortField, opts.sortOrder);

export async function listRows(db: Db, table: string, opts: ListOptions): Promise<Row[]> {
  return run<Row>(db, pageKey(table, opts), [opts.limit, opts.offset], ([limit, offset]) => pageQuery(db, table, { ...opts, limit, offset }));
}

/**
 * A page and the total count in ONE statement (the admin asks for both at once: allXs and _allXsMeta): the count
 * row joined to the page laterally, so an empty page still brings its count. The count is exact; on an indexed
 * filter PostgreSQL answers it with an index-only scan.
 */
export async function listRowsWithCount(db: Db, table: string, opts: ListOptions): Promise<{ rows: Row[]; count: number }> {
  const build = ([limit, offset]: readonly any[]) => {
    const k = db as Kysely<any>;
    const columns = opts.columns && [...new Set([...opts.columns, 'id', opts.sortField])];
    const counted = opts.restrict(k.selectFrom(table).select((eb: any) => eb.fn.countAll().as('rexianTotal'))).as('c');
    let q = k
      .selectFrom(counted)
      .leftJoinLateral(pageQuery(db, table, { ...opts, columns, limit, offset }).as('p'), (join: any) => join.onTrue())
      .select('c.rexianTotal')
      .orderBy(`p.${opts.sortField}`, opts.sortOrder);
    q = columns ? q.select([...columns, ...(opts.relations ?? []).map((r) => r.alias)].map((c) => `p.${c}`)) : q.selectAll('p');
    if (opts.sortField !== 'id') q = q.orderBy('p.id', opts.sortOrder);
    return q;
  };
  const result = await run<Row & { rexianTotal: number }>(db, pageKey(table, opts, 'counted page'), [opts.limit, opts.offset], build);
  const count = Number(result[0]?.rexianTotal ?? 0);
  const rows = result.filter((r) => r.id !== null).map(({ rexianTotal, ...row }) => (void rexianTotal, row as Row));
  return { rows, count };
}

const countQuery = (db: Db, table: string, restrict: Restrict) =>
  restrict((db as Kysely<any>).selectFrom(table).select((eb: any) => eb.fn.countAll().as('count')));

export async function countRows(db: Db, table: string, restrict: Restrict, restrictKey?: string): Promise<number> {
  const statement = countStatement(db, table, restrict, restrictKey);
  const row = (await db.executeQuery<{ count: string | number }>(statement)).rows[0];
  return Number(row?.count ?? 0);
}

/** The count statement of a table under a restriction, compiled (what a cached count is keyed by). */
export function countStatement(db: Db, table: string, restrict: Restrict, restrictKey?: string): CompiledQuery {
  if (restrictKey === undefined) return countQuery(db, table, restrict).compile();
  return keptStatement(shapeKey('count', table, restrictKey, undefined, undefined), [], () => countQuery(db, table, restrict));
}

export async function getRow(
  db: Db,
  table: string,
  id: number,
  restrict: Restrict,
  forUpdate = false,
  columns?: readonly string[],
  relations?: readonly Relation[],
  restrictKey?: string,
): Promise<Row | undefined> {
  const key = restrictKey === undefined ? undefined : () => shapeKey('row', table, restrictKey, columns, relations, forUpdate);
  const rows = await run<Row>(db, key, [id], ([id]) => {
    const q = restrict(selectColumns((db as Kysely<any>).selectFrom(table), columns, table, relations).where('id', '=', id));
    return forUpdate ? q.forUpdate() : q;
  });
  return rows[0];
}

/**
 * Locks every row of a batch in ONE statement, in id order, and returns them by id (missing or out-of-scope ids are
 * absent). Two batches over the same rows then queue on the lowest id instead of each holding some rows the other
 * waits for — the deadlock of locking row by row in the order a client sent them.
 */
export async function lockRows(db: Db, table: string, ids: readonly number[], restrict: Restrict): Promise<Map<number, Row>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows: Row[] = await restrict((db as Kysely<any>).selectFrom(table).selectAll().where('id', 'in', unique)).orderBy('id').forUpdate().execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function insertRow(db: Db, table: string, values: Record<string, unknown>): Promise<Row> {
  return (await (db as Kysely<any>).insertInto(table).values(values).returningAll().executeTakeFirstOrThrow()) as Row;
}

/** Updates only when the row still has `version`; returns undefined when it changed since (a conflict). */
export async function updateRowVersioned(
  db: Db,
  table: string,
  id: number,
  version: number | null,
  values: Record<string, unknown>,
  opts: { versioned: boolean; touch: boolean },
): Promise<Row | undefined> {
  const set: Record<string, unknown> = { ...values };
  const k = db as Kysely<any>;
  if (opts.versioned) set.version = (eb: any) => eb('version', '+', 1);
  if (opts.touch) set.updatedAt = new Date();
  let q = k.updateTable(table).set(set).where('id', '=', id);
  if (opts.versioned && version !== null) q = q.where('version', '=', version);
  return (await q.returningAll().executeTakeFirst()) as Row | undefined;
}

export async function deleteRow(db: Db, table: string, id: number): Promise<Row | undefined> {
  return (await (db as Kysely<any>).deleteFrom(table).where('id', '=', id).returningAll().executeTakeFirst()) as Row | undefined;
}
