// Spreadsheet registers (电子表格台账): one batch save for any register resource, built on the resource specs
// of resource.ts. A batch is all or nothing: every row is checked, every error is returned at once, and a row
// changed by someone else since it was loaded rolls the whole batch back and comes back with its current values.
// Audit: one audit row per changed row (the same request id ties the batch together).
import { sql } from 'kysely';
import type { ObjectRef } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { badInput, forbidden, fromDbError, notFound, unauthenticated, type FieldErrors } from '../errors';
import { negativeQuotaStatus, unitsMissingRoles, type MissingRolesRow, type QuotaStatusRow } from '../reports/register-flags';
import { MONTH_RE } from './fields';
import { rowScope } from '../auth/scope';
import { countRows, listRows, lockRows } from '../repos/crud';
import { shanghaiDate } from '../domain/time';
import { ownStreetOf } from './workingStreet';
import {
  buildRestrict, createStep, deleteStep, inTransaction, objectRef, pickExtra, readArgs, requireRead, requireWrite, resources, toDbId, updateStep,
  type FieldSpec, type ResourceSpec, type Row, type Trx,
} from './resource';

export const MAX_SHEET_ROWS = 500;

/**
 * The street a sheet works in (domain.md §1): names resolve inside it, and a sheet opened for it holds only its
 * rows. A street the caller may not see is NOT_FOUND, like a missing one (schema/workingStreet.ts).
 */
async function sheetStreet(ctx: Context, raw: unknown): Promise<Row | null> {
  if (raw == null || raw === '') return null;
  const id = toDbId(raw);
  const own = ownStreetOf(ctx);
  const street = id === null || (own != null && own !== id) ? null : ((await ctx.loaders.byId('street').load(id)) as Row | null);
  if (!street) throw notFound('街镇', String(raw).slice(0, 20));
  return street;
}

/** Confines a query on a register's table to one street: by its own street, or by its unit's. */
export function inStreet(spec: ResourceSpec, streetId: number): ((q: any) => any) | null {
  if (spec.table === 'street') return (q) => q.where('id', '=', streetId);
  if (spec.fields.some((f) => f.name === 'streetId')) return (q) => q.where('streetId', '=', streetId);
  const unitField = spec.fields.find((f) => f.ref?.table === 'unit' && !f.list && f.required);
  if (!unitField) return null; // street-less registers (负面清单事项) are shared by the district
  const column = unitField.column ?? unitField.name;
  return (q) => q.where((eb: any) => eb(column, 'in', eb.selectFrom('unit').select('unit.id').where('unit.streetId', '=', streetId)));
}

export interface SheetRowError { row: number; field: string | null; message: string }
export interface SheetConflict {
  row: number;
  id: string;
  current: Record<string, unknown> | null;
  /** Who last wrote the row (or deleted it), and when: from the audit log, filled in after the rollback. */
  changedByUserId?: number | null;
  changedByLabel?: string | null;
  changedAt?: Date | null;
}
export interface SheetResult {
  ok: boolean;
  created: number;
  updated: number;
  deleted: number;
  /** Of the created rows, those that replaced a filing (A/B person change: the old filing closed, kept in history). */
  replaced: number;
  rows: Record<string, unknown>[];
  errors: SheetRowError[];
  conflicts: SheetConflict[];
}

/**
 * Per-register behaviour of the sheet that the single-record mutations do not have. A/B roles (domain.md §1):
 * changing the person on a filed row closes that filing and opens a new one, so history is kept — the plain
 * updateRoleAssignment refuses such a change instead.
 */
const REPLACE_ON_UPDATE: Record<string, (before: Row, values: Record<string, any>) => boolean> = {
  RoleAssignment: (before, values) => values.personName != null && values.personName !== before.personName,
};

const SheetRowErrorRef = builder.objectRef<SheetRowError>('SheetRowError').implement({
  description: '表格保存的行错误（row 为提交的 rows 中的行号，从 1 开始；删除行的错误 row 为 0）',
  fields: (t) => ({
    row: t.exposeInt('row'),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

const SheetConflictRef = builder.objectRef<SheetConflict>('SheetConflict').implement({
  description: '保存时已被他人修改（或删除）的行及其当前值',
  fields: (t) => ({
    row: t.exposeInt('row'),
    id: t.exposeID('id'),
    current: t.field({ type: 'JSON', nullable: true, resolve: (c) => c.current }),
    changedBy: t.string({
      description: '最后修改（或删除）这一行的人：用户的显示名，没有时为登录名',
      resolve: async (c, _a, ctx: Context) => (c.changedByUserId == null ? c.changedByLabel ?? null : ((await ctx.loaders.userName.load(c.changedByUserId)) ?? c.changedByLabel ?? null)),
    }),
    changedAt: t.field({ type: 'DateTime', description: '最后修改（或删除）这一行的时间', resolve: (c) => c.changedAt ?? null }),
  }),
});

const SheetResultRef = builder.objectRef<SheetResult>('SheetResult').implement({
  description: '表格批量保存的结果：ok 为 false 时没有写入任何内容',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    created: t.exposeInt('created'),
    updated: t.exposeInt('updated'),
    deleted: t.exposeInt('deleted'),
    replaced: t.exposeInt('replaced', { description: '新增行中更换人员的行数（A/B角：原备案终止并移入历史，新备案生效）；已计入 created' }),
    rows: t.field({ type: ['JSON'], nullable: false, resolve: (r) => r.rows }),
    errors: t.field({ type: [SheetRowErrorRef], nullable: false, resolve: (r) => r.errors }),
    conflicts: t.field({ type: [SheetConflictRef], nullable: false, resolve: (r) => r.conflicts }),
  }),
});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function validDay(s: string) {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** JSON rows skip GraphQL's input coercion: check each value's type as the scalar or enum would. */
function checkType(f: FieldSpec, v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const one = (x: unknown): string | undefined => {
    if (typeof f.type !== 'string') return typeof x === 'string' && f.type.values.includes(x) ? undefined : `${f.label}的取值无效`;
    switch (f.type) {
      case 'ID':
        return typeof x === 'string' || typeof x === 'number' ? undefined : `${f.label}的编号无效`;
      case 'String':
        return typeof x === 'string' ? undefined : `${f.label}必须是文本`;
      case 'Int':
        return typeof x === 'number' && Number.isInteger(x) ? undefined : `${f.label}必须是整数`;
      case 'Float':
        return typeof x === 'number' && Number.isFinite(x) ? undefined : `${f.label}必须是数字`;
      case 'Boolean':
        return typeof x === 'boolean' ? undefined : `${f.label}只能是“是”或“否”`;
      case 'Date':
        return typeof x === 'string' && (x === '' || validDay(x)) ? undefined : `${f.label}的日期格式应为 YYYY-MM-DD`;
      case 'DateTime':
        return typeof x === 'string' && !Number.isNaN(new Date(x).getTime()) ? undefined : `${f.label}的时间无效`;
      default:
        return undefined;
    }
  };
  if (f.list) return Array.isArray(v) ? v.map(one).find(Boolean) : `${f.label}必须是列表`;
  return one(v);
}

/** A stored row as the sheet shows it: ids as strings, the spec's fields and the version. */
export function sheetRow(spec: ResourceSpec, row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { id: String(row.id) };
  if (spec.versioned ?? true) out.version = row.version;
  for (const f of spec.fields) {
    const v = row[f.name];
    out[f.name] = f.type === 'ID' && v != null ? (Array.isArray(v) ? v.map(String) : String(v)) : (v ?? null);
  }
  return out;
}

class Rollback extends Error {}

function rowErrors(row: number, e: unknown, spec: ResourceSpec): SheetRowError[] {
  const labels = Object.fromEntries(spec.fields.map((f) => [f.name, f.label]));
  const err = e instanceof GraphQLError ? e : fromDbError(e, labels);
  if (!err) throw e;
  const fieldErrors = (err.extensions?.fieldErrors ?? {}) as FieldErrors;
  const list = Object.entries(fieldErrors).filter(([, m]) => m).map(([field, m]) => ({ row, field, message: prefixLabel(labels[field], m!) }));
  return list.length ? list : [{ row, field: null, message: err.message }];
}

/** "必填" alone says little in a list of errors: name the column unless the message already does. */
const prefixLabel = (label: string | undefined, message: string) => (label && !message.includes(label) ? `${label}：${message}` : message);

export async function saveSheet(ctx: Context, resource: string, rawRows: unknown[], deletedIds: unknown[], streetId?: unknown): Promise<SheetResult> {
  if (!ctx.user) throw unauthenticated();
  const spec = resources.get(resource);
  if (!spec) throw badInput(`没有名为「${String(resource).slice(0, 40)}」的台账`, { resource: '未知的台账' });
  requireWrite(ctx, spec);
  const street = await sheetStreet(ctx, streetId);
  const confine = street ? inStreet(spec, street.id) : null;
  if (rawRows.length + deletedIds.length > MAX_SHEET_ROWS) {
    throw badInput(`每次最多保存 ${MAX_SHEET_ROWS} 行（本次 ${rawRows.length + deletedIds.length} 行），请分批保存`, { rows: `最多 ${MAX_SHEET_ROWS} 行` });
  }
  const versioned = spec.versioned ?? true;
  const errors: SheetRowError[] = [];
  const conflicts: SheetConflict[] = [];
  const known = new Set(['id', 'version', ...spec.fields.map((f) => f.name), ...Object.keys(spec.extraArgs ?? {})]);

  // 1. Shape and field checks of every row, without the database.
  type Planned = { row: number; id: number | null; version: number | null; args: Record<string, any>; values: Record<string, any>; errors: FieldErrors };
  const planned: Planned[] = [];
  rawRows.forEach((raw, i) => {
    const row = i + 1;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      errors.push({ row, field: null, message: '行数据格式无效' });
      return;
    }
    const args = raw as Record<string, any>;
    const unknownKeys = Object.keys(args).filter((k) => !known.has(k));
    if (unknownKeys.length) errors.push({ row, field: unknownKeys[0]!, message: `未知的列：${unknownKeys.slice(0, 3).join('、')}` });
    const hasId = args.id !== undefined && args.id !== null && args.id !== '';
    const id = hasId ? toDbId(args.id) : null;
    if (hasId && id === null) errors.push({ row, field: 'id', message: '编号无效' });
    const version = typeof args.version === 'number' ? args.version : null;
    if (hasId && versioned && version === null) errors.push({ row, field: 'version', message: '缺少版本号 version：请刷新后再保存' });
    const typeErrors: FieldErrors = {};
    for (const f of spec.fields) {
      if (!(f.name in args)) continue;
      const m = checkType(f, args[f.name]);
      if (m) typeErrors[f.name] = m;
    }
    const clean = Object.fromEntries(Object.entries(args).filter(([k]) => !typeErrors[k]));
    const { values, errors: fieldErrors } = readArgs(spec, clean, hasId ? 'update' : 'create');
    planned.push({ row, id, version, args, values, errors: { ...typeErrors, ...fieldErrors } });
  });
  const deletes: Array<number> = [];
  for (const raw of deletedIds) {
    const id = toDbId(raw);
    if (id === null) errors.push({ row: 0, field: 'deletedIds', message: `要删除的编号无效：${String(raw).slice(0, 20)}` });
    else deletes.push(id);
  }
  if (deletes.length && spec.deletable === false) throw forbidden(`「${spec.label}」不能删除`);
  const seen = new Set<number>();
  for (const p of planned) {
    if (p.id === null) continue;
    if (seen.has(p.id) || deletes.includes(p.id)) errors.push({ row: p.row, field: 'id', message: '同一条记录在本次保存中出现了两次' });
    seen.add(p.id);
  }

  // 2. References must name existing rows (the sheet resolves names to ids; ids are checked here, in bulk).
  for (const f of spec.fields) {
    if (!f.ref || f.list) continue;
    const ids = [...new Set(planned.map((p) => p.values[f.name]).filter((v): v is number => typeof v === 'number'))];
    if (!ids.length) continue;
    let q = (ctx.db as any).selectFrom(f.ref.table).select('id').where('id', 'in', ids);
    // A sheet working in one street names only that street's units and tickets (another street's 城管中队 is not it).
    const local = street && (f.ref.table === 'unit' || f.ref.table === 'ticket');
    if (local) q = q.where('streetId', '=', street.id);
    const found = new Set((await q.execute()).map((r: { id: number }) => r.id));
    for (const p of planned) {
      const v = p.values[f.name];
      if (typeof v === 'number' && !found.has(v)) p.errors[f.name] = local ? `${f.label}不属于${street.name}（编号 ${v}）` : `${f.label}不存在（编号 ${v}）`;
    }
  }

  // 3. Everything else runs in one transaction that commits only when no row failed.
  const saved: Record<string, unknown>[] = [];
  const counts = { created: 0, updated: 0, deleted: 0, replaced: 0 };
  const savepoint = async <T>(trx: Trx, work: () => Promise<T>): Promise<T> => {
    // A failing statement aborts a PostgreSQL transaction: isolate each row so the others are still checked.
    await sql`savepoint sheet_row`.execute(trx);
    try {
      const out = await work();
      await sql`release savepoint sheet_row`.execute(trx);
      return out;
    } catch (e) {
      await sql`rollback to savepoint sheet_row`.execute(trx);
      throw e;
    }
  };
  try {
    await inTransaction(ctx, spec, async (trx) => {
      // Lock every row the save touches (updates and deletes) in id order in one statement before writing any —
      // never in the order the client sent them, which deadlocked two saves of the same rows in opposite orders —
      // then version-check them all, so a conflict is reported for all rows at once.
      const ids = [...planned.map((p) => p.id).filter((id): id is number => id !== null), ...deletes];
      // Rows of another street than the sheet's are not there for it: reported like rows deleted meanwhile.
      const locked = await lockRows(trx, spec.table, ids, (q) => (confine ? confine(rowScope(ctx, spec.table, q)) : rowScope(ctx, spec.table, q)));
      const befores = new Map<number, Row>();
      for (const p of planned) {
        if (p.id === null) continue;
        const before = locked.get(p.id);
        if (!before) conflicts.push({ row: p.row, id: String(p.id), current: null });
        else if (versioned && before.version !== p.version) conflicts.push({ row: p.row, id: String(p.id), current: sheetRow(spec, before) });
        else befores.set(p.id, before);
      }
      for (const id of deletes) {
        const before = locked.get(id);
        if (!before) conflicts.push({ row: 0, id: String(id), current: null });
        else {
          try {
            await savepoint(trx, () => deleteStep(ctx, trx, spec, { before, operation: `saveSheet:delete${spec.name}` }));
            counts.deleted++;
          } catch (e) {
            errors.push(...rowErrors(0, e, spec).map((x) => ({ ...x, message: `删除编号 ${id}：${x.message}` })));
          }
        }
      }
      for (const p of planned) {
        if (p.id !== null && !befores.has(p.id)) continue;
        const extra = pickExtra(spec, p.args);
        const before = p.id === null ? null : befores.get(p.id)!;
        try {
          const row = await savepoint(trx, async () => {
            if (!before) {
              spec.hooks?.authorize?.({ ctx, op: 'create', before: null, values: p.values });
              counts.created++;
              return createStep(ctx, trx, spec, { values: p.values, extra, errors: p.errors, operation: `saveSheet:create${spec.name}` });
            }
            if (REPLACE_ON_UPDATE[spec.name]?.(before, p.values)) {
              counts.created++;
              counts.replaced++;
              return replaceStep(ctx, trx, spec, before, p);
            }
            counts.updated++;
            return updateStep(ctx, trx, spec, { before, version: p.version, values: p.values, extra, errors: p.errors, operation: `saveSheet:update${spec.name}` });
          });
          saved.push(sheetRow(spec, row));
        } catch (e) {
          errors.push(...rowErrors(p.row, e, spec));
        }
      }
      if (errors.length || conflicts.length) throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    errors.sort((a, b) => a.row - b.row);
    await lastWriters(ctx, spec.table, conflicts);
    return { ok: false, created: 0, updated: 0, deleted: 0, replaced: 0, rows: [], errors, conflicts };
  }
  return { ok: true, ...counts, rows: saved, errors: [], conflicts: [] };
}

/** Fills in who last wrote each conflicting row and when, from the audit log: one statement for them all. */
async function lastWriters(ctx: Context, table: string, conflicts: SheetConflict[]) {
  if (!conflicts.length) return;
  const rows = await ctx.db
    .selectFrom('auditLog')
    .select(['entityId', 'at', 'actorUserId', 'actorLabel'])
    .distinctOn('entityId')
    .where('entity', '=', table)
    .where('entityId', 'in', [...new Set(conflicts.map((c) => c.id))])
    .orderBy('entityId')
    .orderBy('id', 'desc')
    .execute();
  const by = new Map(rows.map((r) => [r.entityId, r]));
  for (const c of conflicts) {
    const w = by.get(c.id);
    if (!w) continue;
    c.changedByUserId = w.actorUserId;
    c.changedByLabel = w.actorLabel;
    c.changedAt = w.at instanceof Date ? w.at : new Date(String(w.at));
  }
}

/**
 * A new filing in place of `before` (A/B person change): the old row is closed and a new one opened with the
 * row's values. The new filing takes effect on the date given in the row, or today when the row kept the old
 * date. Only the current filing can be replaced.
 */
async function replaceStep(ctx: Context, trx: Trx, spec: ResourceSpec, before: Row, p: { values: Record<string, any>; errors: FieldErrors; args: Record<string, any> }): Promise<Row> {
  if (before.effectiveTo != null) throw badInput('只能更换现任备案的人员：这条备案已终止', { personName: '这条备案已终止，不能更换人员' });
  const values: Record<string, any> = {};
  for (const f of spec.fields) {
    if (f.readOnly) continue;
    values[f.name] = f.name in p.values ? p.values[f.name] : before[f.name];
  }
  values.effectiveTo = null;
  if (!('effectiveFrom' in p.values) || p.values.effectiveFrom === before.effectiveFrom) values.effectiveFrom = shanghaiDate(new Date());
  const changedFrom = values.effectiveFrom as string;
  if (changedFrom <= before.effectiveFrom) {
    throw badInput('新备案的生效日期必须晚于原备案的生效日期', { effectiveFrom: `必须晚于原备案的生效日期 ${before.effectiveFrom}` });
  }
  // The create hook closes the current filing of this unit and role (effectiveTo := the new effectiveFrom).
  return createStep(ctx, trx, spec, { values, extra: pickExtra(spec, p.args), errors: p.errors, operation: `saveSheet:replace${spec.name}` });
}

builder.mutationField('saveSheet', (t) =>
  t.field({
    type: SheetResultRef,
    nullable: false,
    description: `表格批量保存：rows 中带 id 和 version 的行为修改，不带 id 的为新增；deletedIds 为删除。全部成功才写入，每次最多 ${MAX_SHEET_ROWS} 行`,
    args: {
      resource: t.arg.string({ required: true }),
      rows: t.arg({ type: ['JSON'], required: true }),
      deletedIds: t.arg({ type: ['ID'], required: false }),
      streetId: t.arg.id({ required: false, description: '表格所属街镇：行中的单位、工单必须属于该街镇，修改、删除的行也必须属于该街镇' }),
    },
    resolve: (_root, args, ctx) => saveSheet(ctx, args.resource, args.rows as unknown[], (args.deletedIds ?? []) as unknown[], args.streetId),
  }),
);



// ---- register flags: negative quotas and missing A/B handlers ----

const UnitObject = objectRef('Unit') as ObjectRef<any, Row>;

const QuotaStatusRef = builder.objectRef<QuotaStatusRow>('NegativeQuotaStatus').implement({
  description: '负面指标配额执行情况',
  fields: (t) => ({
    unitId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.unitId) }),
    unit: t.field({ type: UnitObject, nullable: false, resolve: (r, _a, ctx: Context) => ctx.loaders.byId('unit').load(r.unitId) as Promise<Row> }),
    indicator: t.exposeString('indicator'),
    allowed: t.exposeInt('allowed'),
    count: t.exposeInt('count', { nullable: true, description: '本月实际数量；系统不能自动统计的指标为空' }),
    exceeded: t.exposeBoolean('exceeded'),
  }),
});

const MissingRolesRef = builder.objectRef<MissingRolesRow>('UnitMissingRoles').implement({
  description: '缺少现任 A角或 B角的单位',
  fields: (t) => ({
    unitId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.unitId) }),
    unit: t.field({ type: UnitObject, nullable: false, resolve: (r, _a, ctx: Context) => ctx.loaders.byId('unit').load(r.unitId) as Promise<Row> }),
    missingA: t.exposeBoolean('missingA'),
    missingB: t.exposeBoolean('missingB'),
  }),
});

/** Readers of the register behind the report: auth/operations.ts, at the gate. */
async function staffStreet(ctx: Context, rawId: string) {
  requireUser(ctx);
  const id = toDbId(rawId);
  const street = id === null ? null : await ctx.loaders.byId('street').load(id);
  if (!street) throw notFound('街镇', rawId);
  return street as Row;
}

builder.queryField('negativeQuotaStatus', (t) =>
  t.field({
    type: [QuotaStatusRef],
    nullable: false,
    description: '街镇各单位本月负面指标（不满意件、重复件）与配额的比较，exceeded 为超出配额',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      const street = await staffStreet(ctx, String(args.streetId));
      if (!MONTH_RE.test(args.month)) throw badInput('月份格式应为 YYYY-MM', { month: '月份格式应为 YYYY-MM，例如 2023-06' });
      return negativeQuotaStatus(ctx.db, street.id, args.month);
    },
  }),
);

builder.queryField('unitsMissingRoles', (t) =>
  t.field({
    type: [MissingRolesRef],
    nullable: false,
    description: '街镇内缺少现任 A角或 B角备案的在用单位',
    args: { streetId: t.arg.id({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const street = await staffStreet(ctx, String(args.streetId));
      return unitsMissingRoles(ctx.db, street.id, shanghaiDate(new Date()));
    },
  }),
);

// ---- opening a whole sheet in one request ----

/** Rows a sheet opens with at most; the CRUD lists keep their 100-row pages (contract.md). */
export const MAX_SHEET_LOAD = 5_000;
/**
 * The registers a sheet may load whole: plain stored columns only (no computed or masked field, no personal data),
 * so a row's JSON is exactly what saveSheet takes back.
 */
export const SHEET_RESOURCES = new Set(['NegativeItem', 'NegativeRecord', 'NegativeQuota', 'Award', 'RoleAssignment', 'Unit', 'Street', 'Interview', 'Assistance']);

interface SheetRowsResult { rows: Record<string, unknown>[]; total: number; ticketNumbers: Record<string, string> }

const SheetRowsRef = builder.objectRef<SheetRowsResult>('SheetRows').implement({
  description: `整表读取的结果：按编号排序的前 ${MAX_SHEET_LOAD} 行、符合条件的总行数，以及行中引用的工单编号（工单 id → 工单编号）`,
  fields: (t) => ({
    rows: t.field({ type: ['JSON'], nullable: false, resolve: (r) => r.rows }),
    total: t.exposeInt('total'),
    ticketNumbers: t.field({ type: 'JSON', nullable: false, resolve: (r) => r.ticketNumbers }),
  }),
});

/** A request loads one whole sheet at most: aliases cannot multiply a 5,000-row read. */
const sheetReads = new WeakSet<object>();

const SCALAR = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export async function sheetRows(ctx: Context, resource: string, filter: unknown, streetId?: unknown): Promise<SheetRowsResult> {
  if (!ctx.user) throw unauthenticated();
  const spec = resources.get(resource);
  if (!spec || !SHEET_RESOURCES.has(resource)) throw badInput(`「${String(resource).slice(0, 40)}」不能整表读取`, { resource: '不支持整表读取的台账' });
  requireRead(ctx, spec);
  if (sheetReads.has(ctx)) throw badInput('每次请求只能整表读取一个台账', { resource: '每次请求只能读取一个台账' });
  sheetReads.add(ctx);
  if (filter != null && (typeof filter !== 'object' || Array.isArray(filter))) throw badInput('筛选条件格式无效', { filter: '应为对象' });
  const f = (filter ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(f)) {
    const ok = k === 'ids' ? Array.isArray(v) && v.every(SCALAR) : SCALAR(v);
    if (!ok) throw badInput(`筛选条件「${k.slice(0, 40)}」的值无效`, { filter: k });
  }
  const street = await sheetStreet(ctx, streetId);
  const confine = street ? inStreet(spec, street.id) : null;
  const base = buildRestrict(spec, ctx, f);
  const restrict = confine ? (q: any) => confine(base(q)) : base;
  const [total, rows] = await Promise.all([
    countRows(ctx.db, spec.table, restrict),
    listRows(ctx.db, spec.table, { restrict, sortField: 'id', sortOrder: 'asc', limit: MAX_SHEET_LOAD, offset: 0 }),
  ]);
  // Ticket columns show the 工单编号, not the id: one query for every ticket the rows name.
  const ticketFields = spec.fields.filter((x) => x.ref?.table === 'ticket' && !x.list);
  const ticketIds = [...new Set(rows.flatMap((r) => ticketFields.map((x) => r[x.column ?? x.name]).filter((v): v is number => typeof v === 'number')))];
  const ticketNumbers: Record<string, string> = {};
  for (let i = 0; i < ticketIds.length; i += 1000) {
    const found = await rowScope(ctx, 'ticket', (ctx.db as any).selectFrom('ticket').select(['id', 'number']).where('id', 'in', ticketIds.slice(i, i + 1000))).execute();
    for (const t of found as Array<{ id: number; number: string }>) ticketNumbers[String(t.id)] = t.number;
  }
  return { rows: rows.map((r) => sheetRow(spec, r)), total, ticketNumbers };
}

builder.queryField('sheetRows', (t) =>
  t.field({
    type: SheetRowsRef,
    nullable: false,
    description: `表格整表读取：一次返回台账（按编号排序）的前 ${MAX_SHEET_LOAD} 行，筛选条件同 all<资源> 的 filter；每次请求限一个台账`,
    args: {
      resource: t.arg.string({ required: true }),
      filter: t.arg({ type: 'JSON', required: false }),
      streetId: t.arg.id({ required: false, description: '只读取该街镇的行（按行本身或其单位所属的街镇）' }),
    },
    resolve: (_root, args, ctx) => sheetRows(ctx, args.resource, args.filter, args.streetId),
  }),
);

interface TicketNumberMatch { id: number; number: string; unitId: number | null }

const TicketNumberMatchRef = builder.objectRef<TicketNumberMatch>('TicketNumberMatch').implement({
  description: '按工单编号找到的工单',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    number: t.exposeString('number'),
    unitId: t.field({ type: 'ID', nullable: true, resolve: (r) => (r.unitId == null ? null : String(r.unitId)) }),
  }),
});

builder.queryField('ticketsByNumber', (t) =>
  t.field({
    type: [TicketNumberMatchRef],
    nullable: false,
    description: `按工单编号查找工单（表格粘贴时把编号换成工单）：找不到或无权查看的编号不返回；每次最多 ${MAX_SHEET_ROWS} 个`,
    args: { numbers: t.arg.stringList({ required: true }), streetId: t.arg.id({ required: false, description: '只查找该街镇的工单' }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      if (args.numbers.length > MAX_SHEET_ROWS) throw badInput(`每次最多查找 ${MAX_SHEET_ROWS} 个工单编号`, { numbers: `最多 ${MAX_SHEET_ROWS} 个` });
      const street = await sheetStreet(ctx, args.streetId);
      const numbers = [...new Set(args.numbers.map((n) => n.trim()).filter(Boolean))];
      if (!numbers.length) return [];
      let q = rowScope(ctx, 'ticket', (ctx.db as any).selectFrom('ticket').select(['id', 'number', 'unitId']).where('number', 'in', numbers));
      if (street) q = q.where('streetId', '=', street.id);
      return q.orderBy('number').execute();
    },
  }),
);
