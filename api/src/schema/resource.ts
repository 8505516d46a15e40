// One factory for every register resource in the ra-data-graphql-simple shape (contract.md "CRUD resources"):
// X, allXs, _allXsMeta, createX, updateX, deleteX, XFilter. A resource is declared as data (fields, access,
// hooks); the rules for filters, sorting, paging, validation, versions, audit and scope live here once.
import type { Transaction } from 'kysely';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder';
import type { Context } from '../context';
import type { Database } from '../db/types';
import { RESOURCE_ACCESS, can, type Access } from '../auth/roles';
import { callerScope, requireDistrictWrite, rowScope, scopeKey } from '../auth/scope';
import { badInput, conflict, forbidden, fromDbError, notFound, unauthenticated, type FieldErrors } from '../errors';
import { deleteRow, getRow, insertRow, updateRowVersioned, type Restrict } from '../repos/crud';
import { readCount, readPage, selectedColumns } from './resource-read';
import { keepPrefetched, prefetchedOr, prefetchesFor, type ChildList } from './prefetch';
import { writeAudit } from '../repos/audit';
import { MAX_SEARCH_LENGTH } from '../security/stringLimits';

export type ScalarKind = 'ID' | 'String' | 'Int' | 'Float' | 'Boolean' | 'Date' | 'DateTime' | 'JSON';
export type Row = Record<string, any> & { id: number };
export type Trx = Transaction<Database>;

export interface FieldSpec {
  /** GraphQL name and (through the camel-case plugin) the column. */
  name: string;
  /** The column, when it is not named like the field (e.g. `decidedById` stored in `decided_by`). */
  column?: string;
  /** Chinese label, used in error messages. */
  label: string;
  type: ScalarKind | EnumSpec;
  list?: boolean;
  /** Non-null on output and required on create. */
  required?: boolean;
  /** Computed or managed elsewhere: not an argument of create/update. */
  readOnly?: boolean;
  /** Settable on create only. */
  createOnly?: boolean;
  /** The referenced table of an `xxxId` field; also exposes the relation `xxx` through a loader. */
  ref?: { table: string; type: string; field: string };
  search?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Output override (e.g. masking personal data). */
  resolve?: (row: Row, ctx: Context) => unknown;
  /** Columns besides its own that a custom `resolve` reads (undeclared: a query selecting it reads every column). */
  reads?: string[];
  /** Whether `q` and the equality filter may look at this field for a term (false: parts hidden from the caller could match). */
  searchableFor?: (ctx: Context, term: string) => boolean;
}

export interface EnumSpec {
  enum: string;
  values: readonly string[];
}

export type Op = 'create' | 'update' | 'delete';

export interface ResourceSpec {
  name: string;
  plural?: string;
  table: string;
  label: string;
  fields: FieldSpec[];
  access?: Access;
  /** Has `version` (optimistic concurrency). Default true. */
  versioned?: boolean;
  /** Has `updated_at`. Default true. */
  touch?: boolean;
  deletable?: boolean;
  defaultSort?: { field: string; order: 'asc' | 'desc' };
  /** Extra write-only arguments (e.g. a user's password), passed to the hooks in `extra`. */
  extraArgs?: Record<string, { type: ScalarKind; required?: boolean; label: string }>;
  /** Extra filter arguments with their own where-clause. */
  extraFilters?: Record<string, { type: ScalarKind | EnumSpec; list?: boolean; apply: (q: any, value: any, ctx: Context) => any }>;
  hooks?: {
    /** Adds defaults and derived columns, returns more field errors; runs inside the transaction. */
    prepare?: (a: { ctx: Context; trx: Trx; op: 'create' | 'update'; before: Row | null; values: Record<string, any>; extra: Record<string, any> }) => Promise<FieldErrors | void> | FieldErrors | void;
    /** Refuses writes the role may not make on this row (beyond the access matrix). */
    authorize?: (a: { ctx: Context; op: Op; before: Row | null; values: Record<string, any> }) => void;
    after?: (a: { ctx: Context; trx: Trx; op: Op; before: Row | null; after: Row | null }) => Promise<void>;
  };
  /** More fields on the object type (computed values, reverse relations). */
  extraFields?: (t: any) => Record<string, any>;
  /** The columns extra fields read (schema/resource-read.ts); a selected field not declared anywhere reads them all. */
  fieldReads?: Record<string, string[]>;
  /** Extra fields that list rows hanging off this one (a ticket's events): read with the row when selected (schema/prefetch.ts). */
  children?: Record<string, ChildList>;
}

const enumRefs = new Map<string, any>();
export function enumType(spec: EnumSpec) {
  let ref = enumRefs.get(spec.enum);
  if (!ref) {
    ref = builder.enumType(spec.enum, { values: spec.values as string[] });
    enumRefs.set(spec.enum, ref);
  }
  return ref;
}

const objectRefs = new Map<string, any>();
/** The object type of a resource, by GraphQL name (resolved lazily, so specs may reference each other). */
export function objectRef(name: string) {
  let ref = objectRefs.get(name);
  if (!ref) {
    ref = builder.objectRef<Row>(name);
    objectRefs.set(name, ref);
  }
  return ref;
}

export const resources = new Map<string, ResourceSpec>();

const gqlType = (f: { type: ScalarKind | EnumSpec }) => (typeof f.type === 'string' ? f.type : enumType(f.type));
const isRange = (f: FieldSpec) => typeof f.type === 'string' && ['Int', 'Float', 'Date', 'DateTime'].includes(f.type) && !f.list;
const isFilterable = (f: FieldSpec) => !f.list && f.type !== 'JSON' && (!f.resolve || !!f.searchableFor);
const MAX_PER_PAGE = 100;
const MAX_IDS = 500;

export function toDbId(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 2_147_483_647) return value;
  if (typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647) return Number(value);
  return null;
}

export function requireRead(ctx: Context, spec: ResourceSpec) {
  if (!ctx.user) throw unauthenticated();
  const access = spec.access ?? RESOURCE_ACCESS[spec.name]!;
  if (!can(ctx.user.role, access.read)) throw forbidden(`没有查看「${spec.label}」的权限`);
  return ctx.user;
}

export function requireWrite(ctx: Context, spec: ResourceSpec) {
  if (!ctx.user) throw unauthenticated();
  const access = spec.access ?? RESOURCE_ACCESS[spec.name]!;
  if (!can(ctx.user.role, access.write)) throw forbidden(`没有修改「${spec.label}」的权限`);
  return ctx.user;
}

/** Converts GraphQL arguments to column values and collects every field error at once. */
export function readArgs(spec: ResourceSpec, args: Record<string, any>, op: 'create' | 'update'): { values: Record<string, any>; errors: FieldErrors } {
  const values: Record<string, any> = {};
  const errors: FieldErrors = {};
  for (const f of spec.fields) {
    if (f.readOnly || (op === 'update' && f.createOnly)) continue;
    const present = Object.prototype.hasOwnProperty.call(args, f.name);
    let v = args[f.name];
    if (!present || v === undefined) {
      if (op === 'create' && f.required) errors[f.name] = `${f.label}为必填项`;
      continue;
    }
    if (typeof v === 'string' && f.type !== 'ID') v = v.trim();
    if (v === null || v === '') {
      if (f.required) errors[f.name] = `${f.label}为必填项`;
      else values[f.name] = null;
      continue;
    }
    if (f.type === 'ID' && !f.list) {
      const id = toDbId(v);
      if (id === null) errors[f.name] = `${f.label}的编号无效`;
      else values[f.name] = id;
      continue;
    }
    if (f.type === 'String' && !f.list) {
      const max = f.maxLength ?? 2000;
      if ((v as string).length > max) errors[f.name] = `${f.label}不能超过 ${max} 个字`;
    }
    if (f.type === 'String' && f.list) {
      v = (v as string[]).map((s) => s.trim()).filter(Boolean);
      if ((v as string[]).some((s) => s.length > (f.maxLength ?? 200))) errors[f.name] = `${f.label}中的条目过长`;
      if ((v as string[]).length > 100) errors[f.name] = `${f.label}最多 100 项`;
    }
    if (f.type === 'ID' && f.list) {
      const ids = (v as unknown[]).map(toDbId);
      if (ids.some((x) => x === null)) errors[f.name] = `${f.label}中有无效编号`;
      v = ids;
    }
    if ((f.type === 'Int' || f.type === 'Float') && typeof v === 'number') {
      if (!Number.isFinite(v)) errors[f.name] = `${f.label}必须是数字`;
      else if (f.min !== undefined && v < f.min) errors[f.name] = `${f.label}不能小于 ${f.min}`;
      else if (f.max !== undefined && v > f.max) errors[f.name] = `${f.label}不能大于 ${f.max}`;
    }
    values[f.name] = v;
  }
  return { values, errors };
}

function argFields(spec: ResourceSpec, t: any, op: 'create' | 'update') {
  const out: Record<string, any> = {};
  for (const f of spec.fields) {
    if (f.readOnly || (op === 'update' && f.createOnly)) continue;
    const type = f.list ? [gqlType(f)] : gqlType(f);
    out[f.name] = t.arg({ type, required: op === 'create' && !!f.required ? true : false });
  }
  for (const [name, a] of Object.entries(spec.extraArgs ?? {})) {
    out[name] = t.arg({ type: a.type, required: op === 'create' && !!a.required });
  }
  return out;
}

function labels(spec: ResourceSpec) {
  return Object.fromEntries(spec.fields.map((f) => [f.name, f.label]));
}

/** Runs a write in one transaction and maps constraint violations to field errors. */
export async function inTransaction<T>(ctx: Context, spec: { fields: FieldSpec[] } | null, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (e) {
    const mapped = fromDbError(e, spec ? Object.fromEntries(spec.fields.map((f) => [f.name, f.label])) : {});
    if (mapped) throw mapped;
    throw e;
  }
}

/** The field a filter key compares (`receivedAt_gte`: receivedAt, `>=`), if the key names one. */
function fieldFilter(spec: ResourceSpec, key: string): { field: FieldSpec | undefined; op: string } {
  const m = /^(.*?)(_lt|_lte|_gt|_gte)?$/.exec(key)!;
  return { field: spec.fields.find((f) => f.name === m[1]), op: { _lt: '<', _lte: '<=', _gt: '>', _gte: '>=' }[m[2] as '_lt'] ?? '=' };
}

export function buildRestrict(spec: ResourceSpec, ctx: Context, filter: Record<string, any> | null | undefined): Restrict {
  return (q: any) => {
    q = rowScope(ctx, spec.table, q);
    if (!filter) return q;
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined || value === null) continue;
      if (key === 'q') {
        const text = String(value).trim();
        if (!text) continue;
        // The request plugin refuses a longer q before anything runs; this covers callers that skip it.
        if (text.length > MAX_SEARCH_LENGTH) throw badInput(`“搜索”过长：最多 ${MAX_SEARCH_LENGTH} 个字符`, { q: `最多 ${MAX_SEARCH_LENGTH} 个字符` });
        const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const cols = spec.fields.filter((f) => f.search && (f.searchableFor?.(ctx, text) ?? true)).map((f) => f.name);
        q = q.where((eb: any) => (cols.length ? eb.or(cols.map((c) => eb(c, 'ilike', pattern))) : eb.lit(false)));
        continue;
      }
      if (key === 'ids') {
        const ids = (value as unknown[]).map(toDbId).filter((x): x is number => x !== null);
        if ((value as unknown[]).length > MAX_IDS) throw badInput(`ids 最多 ${MAX_IDS} 个`);
        q = ids.length ? q.where('id', 'in', ids) : q.where((eb: any) => eb.lit(false));
        continue;
      }
      const extra = spec.extraFilters?.[key];
      if (extra) {
        q = extra.apply(q, value, ctx);
        continue;
      }
      const { field: f, op } = fieldFilter(spec, key);
      if (!f) continue;
      if (f.searchableFor && !f.searchableFor(ctx, String(value))) {
        q = q.where((eb: any) => eb.lit(false));
        continue;
      }
      let v = value;
      if (f.type === 'ID' || f.name === 'id') {
        v = toDbId(value);
        if (v === null) {
          q = q.where((eb: any) => eb.lit(false));
          continue;
        }
      }
      q = q.where(f.column ?? f.name, op, v);
    }
    return q;
  };
}

/**
 * What buildRestrict's clauses depend on, when that is only the caller's row scope and the filter's plain field
 * values (the statement may then be kept by shape, db/statementCache.ts); undefined for a search, an id list, an
 * extra filter or a field searchable only for some callers, which may depend on more (the time, the caller).
 */
export function restrictKey(spec: ResourceSpec, ctx: Context, filter: Record<string, any> | null | undefined): string | undefined {
  const scope = scopeKey(ctx);
  if (!filter) return scope;
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    if (key === 'q' || key === 'ids' || spec.extraFilters?.[key]) return undefined;
    if (fieldFilter(spec, key).field?.searchableFor) return undefined;
  }
  return `${scope}|${JSON.stringify(filter)}`;
}

export function defineResource(spec: ResourceSpec) {
  resources.set(spec.name, spec);
  const plural = spec.plural ?? `${spec.name}s`;
  const versioned = spec.versioned ?? true;
  const touch = spec.touch ?? true;
  const ref = objectRef(spec.name);
  const fieldLabels = labels(spec);

  ref.implement({
    description: spec.label,
    fields: (t: any) => {
      const out: Record<string, any> = {
        id: t.field({ type: 'ID', nullable: false, resolve: (r: Row) => String(r.id) }),
      };
      if (versioned) out.version = t.field({ type: 'Int', nullable: false, resolve: (r: Row) => r.version });
      for (const f of spec.fields) {
        const type = f.list ? [gqlType(f)] : gqlType(f);
        out[f.name] = t.field({
          type,
          nullable: f.list ? { list: !f.required, items: false } : !f.required,
          description: f.label,
          resolve: (r: Row, _a: unknown, ctx: Context) => {
            if (f.resolve) return f.resolve(r, ctx);
            const v = r[f.column ?? f.name];
            if (f.type === 'ID' && v != null) return Array.isArray(v) ? v.map(String) : String(v);
            return v;
          },
        });
        if (f.ref) {
          const target = f.ref;
          out[target.field] = t.field({
            type: objectRef(target.type),
            nullable: !f.required,
            resolve: (r: Row, _a: unknown, ctx: Context) => {
              const id = r[f.column ?? f.name];
              if (id == null) return null;
              return prefetchedOr(r, target.field, () => ctx.loaders.byId(target.table).load(id));
            },
          });
        }
      }
      if (touch) out.updatedAt = t.field({ type: 'DateTime', resolve: (r: Row) => r.updatedAt });
      return { ...out, ...(spec.extraFields?.(t) ?? {}) };
    },
  });

  const filterRef = builder.inputType(`${spec.name}Filter`, {
    fields: (t: any) => {
      const out: Record<string, any> = { q: t.string(), ids: t.field({ type: ['ID'], required: { list: false, items: false } }), id: t.id() };
      for (const f of spec.fields) {
        if (!isFilterable(f)) continue;
        out[f.name] = t.field({ type: gqlType(f) });
        if (isRange(f)) for (const s of ['_lt', '_lte', '_gt', '_gte']) out[f.name + s] = t.field({ type: gqlType(f) });
      }
      for (const [name, x] of Object.entries(spec.extraFilters ?? {})) out[name] = t.field(x.list ? { type: [gqlType(x)], required: { list: false, items: true } } : { type: gqlType(x) });
      return out;
    },
  });

  const sortable = new Set(['id', ...spec.fields.filter((f) => isFilterable(f)).map((f) => f.name), ...(touch ? ['updatedAt'] : [])]);
  const listArgs = (t: any) => ({
    page: t.arg.int(),
    perPage: t.arg.int(),
    sortField: t.arg.string(),
    sortOrder: t.arg.string(),
    filter: t.arg({ type: filterRef }),
  });

  builder.queryField(spec.name, (t: any) =>
    t.field({
      type: ref,
      nullable: true,
      description: `${spec.label}：按编号读取`,
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root: unknown, args: { id: string }, ctx: Context, info: GraphQLResolveInfo) => {
        requireRead(ctx, spec);
        const id = toDbId(args.id);
        const columns = selectedColumns(spec, info);
        // The street, unit, events … it asks for come in the same statement (one round trip for the page's two levels).
        const prefetches = id === null ? [] : prefetchesFor(ctx, spec, info);
        const relations = prefetches.map((p) => p.relation);
        const row = id === null ? undefined : await getRow(ctx.db, spec.table, id, (q) => rowScope(ctx, spec.table, q), false, columns, relations, scopeKey(ctx));
        if (!row) throw notFound(spec.label, args.id);
        return keepPrefetched(row, prefetches);
      },
    }),
  );

  builder.queryField(`all${plural}`, (t: any) =>
    t.field({
      type: [ref],
      nullable: { list: true, items: false },
      args: listArgs(t),
      resolve: async (_root: unknown, args: any, ctx: Context, info: GraphQLResolveInfo) => {
        requireRead(ctx, spec);
        const perPage = args.perPage ?? (args.filter?.ids ? MAX_IDS : 25);
        if (perPage < 0 || (perPage > MAX_PER_PAGE && !args.filter?.ids)) throw badInput(`每页最多 ${MAX_PER_PAGE} 条`, { perPage: `最多 ${MAX_PER_PAGE}` });
        const page = args.page ?? 0;
        if (page < 0 || page > 1_000_000) throw badInput('页码无效', { page: '页码无效' });
        const sortField = args.sortField ?? spec.defaultSort?.field ?? 'id';
        if (!sortable.has(sortField)) throw badInput(`不能按「${sortField}」排序`, { sortField: '不支持的排序字段' });
        const order = (args.sortOrder ?? spec.defaultSort?.order ?? 'asc').toLowerCase();
        if (order !== 'asc' && order !== 'desc') throw badInput('排序方向只能是 ASC 或 DESC', { sortOrder: 'ASC 或 DESC' });
        // The units (…) of the page's rows come in the page's statement, not in a round trip of their own.
        const prefetches = prefetchesFor(ctx, spec, info);
        const rows = await readPage(ctx, spec, args.filter, buildRestrict(spec, ctx, args.filter), restrictKey(spec, ctx, args.filter), {
          sortField: spec.fields.find((f) => f.name === sortField)?.column ?? sortField,
          sortOrder: order,
          limit: perPage,
          offset: page * perPage,
          columns: selectedColumns(spec, info),
          relations: prefetches.map((p) => p.relation),
        });
        return rows.map((r) => keepPrefetched(r, prefetches));
      },
    }),
  );

  builder.queryField(`_all${plural}Meta`, (t: any) =>
    t.field({
      type: ListMetadata,
      args: listArgs(t),
      resolve: async (_root: unknown, args: any, ctx: Context) => {
        requireRead(ctx, spec);
        return { count: await readCount(ctx, spec, args.filter, buildRestrict(spec, ctx, args.filter), restrictKey(spec, ctx, args.filter)) };
      },
    }),
  );

  builder.mutationField(`create${spec.name}`, (t: any) =>
    t.field({
      type: ref,
      args: argFields(spec, t, 'create'),
      resolve: async (_root: unknown, args: any, ctx: Context) => {
        requireWrite(ctx, spec);
        const { values, errors } = readArgs(spec, args, 'create');
        const extra = pickExtra(spec, args);
        spec.hooks?.authorize?.({ ctx, op: 'create', before: null, values });
        return inTransaction(ctx, spec, (trx) => createStep(ctx, trx, spec, { values, extra, errors, operation: `create${spec.name}` }));
      },
    }),
  );

  builder.mutationField(`update${spec.name}`, (t: any) =>
    t.field({
      type: ref,
      args: { id: t.arg.id({ required: true }), ...(versioned ? { version: t.arg.int() } : {}), ...argFields(spec, t, 'update') },
      resolve: async (_root: unknown, args: any, ctx: Context) => {
        requireWrite(ctx, spec);
        const id = toDbId(args.id);
        if (id === null) throw notFound(spec.label, args.id);
        if (versioned && (args.version === undefined || args.version === null)) {
          throw badInput('缺少版本号 version：请刷新后再保存', { version: '必填' });
        }
        const { values, errors } = readArgs(spec, args, 'update');
        const extra = pickExtra(spec, args);
        return inTransaction(ctx, spec, async (trx) => {
          const before = await getRow(trx, spec.table, id, (q) => rowScope(ctx, spec.table, q), true);
          if (!before) throw notFound(spec.label, args.id);
          if (versioned && before.version !== args.version) throw conflict();
          return updateStep(ctx, trx, spec, { before, version: args.version, values, extra, errors, operation: `update${spec.name}` });
        });
      },
    }),
  );

  builder.mutationField(`delete${spec.name}`, (t: any) =>
    t.field({
      type: ref,
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root: unknown, args: any, ctx: Context) => {
        requireWrite(ctx, spec);
        if (spec.deletable === false) throw forbidden(`「${spec.label}」不能删除`);
        const id = toDbId(args.id);
        if (id === null) throw notFound(spec.label, args.id);
        return inTransaction(ctx, spec, async (trx) => {
          const before = await getRow(trx, spec.table, id, (q) => rowScope(ctx, spec.table, q), true);
          if (!before) throw notFound(spec.label, args.id);
          return deleteStep(ctx, trx, spec, { before, operation: `delete${spec.name}` });
        });
      },
    }),
  );
  void fieldLabels;
  return ref;
}

// The per-row steps of create/update/delete, shared by the single-record mutations and the batch sheet save
// (sheet.ts). Each runs inside the caller's transaction, throws BAD_USER_INPUT / CONFLICT like the mutations,
// and writes its own audit row.

/** Id lists that reference rows of another table (the `idList` fields of the registers). */
const LIST_REFS: Record<string, string> = { ticketIds: 'ticket', returnRequestIds: 'returnRequest', visitIds: 'undercoverVisit' };

/**
 * A confined caller (street account, handler) may point a row only at rows it sees: a unit, ticket, street or user
 * of another street is NOT_FOUND, as if it did not exist (auth/scope.ts), and nothing is written. Runs before the
 * prepare hook, which may already write (an escalation flags its tickets).
 */
export async function requireVisibleReferences(ctx: Context, trx: Trx, spec: ResourceSpec, values: Record<string, any>) {
  const scope = callerScope(ctx.user);
  if (scope.streetId === null && scope.unitId === null) return; // unconfined: the foreign keys report missing rows
  for (const f of spec.fields) {
    const table = f.ref?.table ?? LIST_REFS[f.name];
    const raw = values[f.name];
    if (!table || raw == null) continue;
    const ids = [...new Set((Array.isArray(raw) ? raw : [raw]).filter((x): x is number => typeof x === 'number'))];
    if (!ids.length) continue;
    const seen = new Set<number>();
    for (let i = 0; i < ids.length; i += 1000) {
      const part = ids.slice(i, i + 1000);
      const rows = await rowScope(ctx, table, (trx as any).selectFrom(table).select('id').where('id', 'in', part)).execute();
      for (const r of rows as Array<{ id: number }>) seen.add(r.id);
    }
    const missing = ids.find((id) => !seen.has(id));
    if (missing !== undefined) throw notFound(f.label, missing);
  }
}

/** Authorization already checked; `errors` are readArgs' errors, completed by the prepare hook. */
export async function createStep(ctx: Context, trx: Trx, spec: ResourceSpec, a: { values: Record<string, any>; extra: Record<string, any>; errors: FieldErrors; operation: string }): Promise<Row> {
  const { values, extra, errors } = a;
  requireDistrictWrite(ctx, spec.table, spec.label);
  await requireVisibleReferences(ctx, trx, spec, values);
  Object.assign(errors, (await spec.hooks?.prepare?.({ ctx, trx, op: 'create', before: null, values, extra })) ?? {});
  if (Object.keys(errors).length) throw badInput(summarize(errors), errors);
  const row = await insertRow(trx, spec.table, values);
  await spec.hooks?.after?.({ ctx, trx, op: 'create', before: null, after: row });
  await writeAudit(trx, { actor: ctx.user, operation: a.operation, entity: spec.table, entityId: row.id, after: redact(row), requestId: ctx.requestId });
  return row;
}

/** `before` was read FOR UPDATE and its version checked by the caller. */
export async function updateStep(ctx: Context, trx: Trx, spec: ResourceSpec, a: { before: Row; version: number | null | undefined; values: Record<string, any>; extra: Record<string, any>; errors: FieldErrors; operation: string }): Promise<Row> {
  const versioned = spec.versioned ?? true;
  const touch = spec.touch ?? true;
  const { before, values, extra, errors } = a;
  requireDistrictWrite(ctx, spec.table, spec.label);
  spec.hooks?.authorize?.({ ctx, op: 'update', before, values });
  await requireVisibleReferences(ctx, trx, spec, values);
  Object.assign(errors, (await spec.hooks?.prepare?.({ ctx, trx, op: 'update', before, values, extra })) ?? {});
  if (Object.keys(errors).length) throw badInput(summarize(errors), errors);
  const row = await updateRowVersioned(trx, spec.table, before.id, versioned ? (a.version ?? null) : null, values, { versioned, touch });
  if (!row) throw conflict();
  await spec.hooks?.after?.({ ctx, trx, op: 'update', before, after: row });
  await writeAudit(trx, { actor: ctx.user, operation: a.operation, entity: spec.table, entityId: before.id, before: redact(before), after: redact(row), requestId: ctx.requestId });
  return row;
}

export async function deleteStep(ctx: Context, trx: Trx, spec: ResourceSpec, a: { before: Row; operation: string }): Promise<Row | undefined> {
  const { before } = a;
  requireDistrictWrite(ctx, spec.table, spec.label);
  spec.hooks?.authorize?.({ ctx, op: 'delete', before, values: {} });
  const row = await deleteRow(trx, spec.table, before.id).catch((e) => {
    if ((e as { code?: string }).code === '23503') throw badInput(`该${spec.label}仍被其他记录引用，不能删除`);
    throw e;
  });
  await spec.hooks?.after?.({ ctx, trx, op: 'delete', before, after: null });
  await writeAudit(trx, { actor: ctx.user, operation: a.operation, entity: spec.table, entityId: before.id, before: redact(before), requestId: ctx.requestId });
  return row;
}

export function pickExtra(spec: ResourceSpec, args: Record<string, any>) {
  return Object.fromEntries(Object.keys(spec.extraArgs ?? {}).map((k) => [k, args[k]]));
}

function summarize(errors: FieldErrors) {
  return `输入有误：${Object.values(errors).join('；')}`;
}

/** Secrets never reach the audit log. */
export function redact(row: Row) {
  const { passwordHash, tokenHash, ...rest } = row;
  void passwordHash;
  void tokenHash;
  return rest;
}

export const ListMetadata = builder.objectRef<{ count: number }>('ListMetadata').implement({
  fields: (t) => ({ count: t.exposeInt('count') }),
});
