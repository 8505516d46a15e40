// How the register resources read: only the columns a query selects, and a list page with its count in one
// statement when the query asks for both (the admin's list sends allXs and _allXsMeta together).
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Context } from '../context';
import { countRows, countStatement, listRows, listRowsWithCount, type ListOptions, type Restrict } from '../repos/crud';
import type { ResourceSpec, Row } from './resource';
import { readerOf } from '../db/replica';
import { confinement } from '../db/scope';
import type { DB } from '../db/connection';
import { COUNTED_TABLES, readsOnly } from '../live/countCache';

/** Columns every row carries whatever is selected: resolvers, loaders and the access checks key on the id. */
const ALWAYS = ['id'];

const readsBySpec = new WeakMap<ResourceSpec, Map<string, string[] | undefined>>();

/** What each field of a resource's object reads: its columns, or undefined for "every column" (an undeclared resolver). */
export function readsOf(spec: ResourceSpec): Map<string, string[] | undefined> {
  let byName = readsBySpec.get(spec);
  if (!byName) readsBySpec.set(spec, (byName = readsOfFields(spec)));
  return byName;
}

function readsOfFields(spec: ResourceSpec): Map<string, string[] | undefined> {
  const byName = new Map<string, string[] | undefined>();
  byName.set('__typename', []);
  byName.set('id', []);
  if (spec.versioned ?? true) byName.set('version', ['version']);
  if (spec.touch ?? true) byName.set('updatedAt', ['updatedAt']);
  for (const f of spec.fields) {
    const column = f.column ?? f.name;
    byName.set(f.name, f.resolve && !f.reads ? undefined : [column, ...(f.reads ?? [])]);
    if (f.ref) byName.set(f.ref.field, [column]);
  }
  for (const [name, reads] of Object.entries(spec.fieldReads ?? {})) byName.set(name, reads);
  return byName;
}

/**
 * The columns the selection of `info` reads on a resource's rows, or undefined when it selects a field whose
 * reads are not declared (a field another module adds, a custom resolver without `reads`): then every column.
 */
export function selectedColumns(spec: ResourceSpec, info: GraphQLResolveInfo): string[] | undefined {
  return columnsRead(readsOf(spec), info.fieldNodes, info.fragments);
}

/** The columns the selections of `nodes` read, by the fields' declared reads; undefined: every column. */
export function columnsRead(
  byName: Map<string, string[] | undefined>,
  nodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): string[] | undefined {
  const columns = new Set(ALWAYS);
  const visit = (set: SelectionSetNode | undefined): boolean => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        if (!byName.has(s.name.value)) return false;
        const reads = byName.get(s.name.value);
        if (!reads) return false;
        for (const c of reads) columns.add(c);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(s.selectionSet)) return false;
      } else {
        const fragment = fragments[s.name.value];
        if (!fragment || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const node of nodes) if (!visit(node.selectionSet)) return undefined;
  return [...columns];
}

interface Waiting<T> {
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}
interface Batch {
  table: string;
  restrict: Restrict;
  restrictKey: string | undefined;
  pages: Array<Waiting<Row[]> & { opts: Omit<ListOptions, 'restrict' | 'restrictKey'> }>;
  counts: Waiting<number>[];
}

/** Per request: the list pages and counts asked for in the current tick, by resource and filter. */
const pending = new WeakMap<object, Map<string, Batch>>();

function enqueue(ctx: Context, spec: ResourceSpec, filter: unknown, restrict: Restrict, restrictKey: string | undefined, add: (b: Batch) => void) {
  let batches = pending.get(ctx);
  if (!batches) {
    batches = new Map();
    pending.set(ctx, batches);
    // Like DataLoader: after the resolvers of this level have all been called (they are, in one synchronous pass).
    const mine = batches;
    void Promise.resolve().then(() =>
      process.nextTick(() => {
        pending.delete(ctx);
        void flush(ctx, mine);
      }),
    );
  }
  const key = `${spec.name}:${JSON.stringify(filter ?? null)}`;
  let b = batches.get(key);
  if (!b) batches.set(key, (b = { table: spec.table, restrict, restrictKey, pages: [], counts: [] }));
  add(b);
}

async function flush(ctx: Context, batches: Map<string, Batch>) {
  // One after another: a request's statements share one connection (db/connection.ts onOneConnection). With a read
  // replica, a query operation's lists and counts read there (db/replica.ts); a mutation's stay on the primary.
  const db = readerOf(ctx);
  for (const b of batches.values()) {
    const table = b.table;
    try {
      const [first, ...rest] = b.pages;
      const cached = b.counts.length ? cachedCount(ctx, db, b) : null;
      if (cached?.count !== undefined) {
        for (const c of b.counts) c.resolve(cached.count);
        if (first) first.resolve(await listRows(db, table, { ...first.opts, restrict: b.restrict, restrictKey: b.restrictKey }));
      } else if (first && b.counts.length) {
        const { rows, count } = await listRowsWithCount(db, table, { ...first.opts, restrict: b.restrict, restrictKey: b.restrictKey });
        cached?.keep(count);
        first.resolve(rows);
        for (const c of b.counts) c.resolve(count);
      } else if (first) {
        first.resolve(await listRows(db, table, { ...first.opts, restrict: b.restrict, restrictKey: b.restrictKey }));
      } else {
        const count = await countRows(db, table, b.restrict, b.restrictKey);
        cached?.keep(count);
        for (const c of b.counts) c.resolve(count);
      }
      for (const p of rest) p.resolve(await listRows(db, table, { ...p.opts, restrict: b.restrict, restrictKey: b.restrictKey }));
    } catch (e) {
      for (const w of [...b.pages, ...b.counts]) w.reject(e);
    }
  }
}

/**
 * A batch's count from the count cache (live/countCache.ts), or how to keep the one about to be read; null when this
 * count is not cached (PGlite, no listener, another table, a filter reading other tables).
 */
function cachedCount(ctx: Context, db: DB, b: Batch): { count: number | undefined; keep: (n: number) => void } | null {
  const counts = ctx.live?.counts;
  if (!counts?.active || !COUNTED_TABLES.has(b.table)) return null;
  const statement = countStatement(db, b.table, b.restrict, b.restrictKey);
  if (!readsOnly(statement.sql, b.table)) return null;
  // The statement holds the filter and the application's scope; the session's row scope (db/scope.ts) is the caller's.
  const key = `${b.table}|${JSON.stringify(confinement(ctx))}|${statement.sql}|${JSON.stringify(statement.parameters)}`;
  const count = counts.get(key);
  const ticket = count === undefined ? counts.begin(b.table) : null;
  return { count, keep: (n) => counts.set(key, b.table, ticket, n) };
}

/** A page of a resource's rows (allXs); shares its statement with a count of the same filter asked for at once. */
export function readPage(
  ctx: Context,
  spec: ResourceSpec,
  filter: unknown,
  restrict: Restrict,
  restrictKey: string | undefined,
  opts: Omit<ListOptions, 'restrict' | 'restrictKey'>,
): Promise<Row[]> {
  return new Promise((resolve, reject) => enqueue(ctx, spec, filter, restrict, restrictKey, (b) => b.pages.push({ resolve, reject, opts })));
}

/** The number of a resource's rows matching a filter (_allXsMeta). */
export function readCount(ctx: Context, spec: ResourceSpec, filter: unknown, restrict: Restrict, restrictKey: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => enqueue(ctx, spec, filter, restrict, restrictKey, (b) => b.counts.push({ resolve, reject })));
}
