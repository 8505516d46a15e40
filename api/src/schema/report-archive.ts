// Reports (contract.md "Reports"; domain.md §5b): generateReport builds, renders and archives a report;
// reportContent gives the structured content without storing anything; the archive is the `reports` resource in
// the react-admin shape (Report, allReports, _allReportsMeta) with each version's download paths. The files are
// served by app.ts at /reports/<id>.docx and /reports/<id>.xlsx with the caller's session or token.
import type { ObjectRef } from '@pothos/core';
import DataLoader from 'dataloader';
import { builder } from '../builder';
import { readerOf } from '../db/replica';
import { requireUser, type Context } from '../context';
import type { Principal } from '../repos/auth';
import { callerScope } from '../auth/scope';
import { badInput, forbidden, notFound } from '../errors';
import { writeAudit } from '../repos/audit';
import { buildReport, BUILDABLE_KINDS, KIND_LABEL, type BuildableKind } from '../reports/content';
import { DISCIPLINE_KINDS, docxUrl, generateReport, META_COLUMNS, REPORT_READERS, REPORT_WRITERS, reportScope, xlsxUrl, type ReportMeta } from '../repos/reports';
import { ListMetadata, objectRef, toDbId, type Row } from './resource';
import { MAX_SEARCH_LENGTH } from '../security/stringLimits';

function reader(ctx: Context): Principal {
  const user = requireUser(ctx);
  if (!REPORT_READERS.includes(user.role)) throw forbidden('没有查看报表的权限');
  return user;
}

export const ReportKindEnum = builder.enumType('ReportKind', {
  description:
    '报表类型：WEEKLY 周报、MONTHLY 月报、RANKING_NOTICE 排名通报、CAMPAIGN 百日攻坚总结、YEARLY 年度绩效、MEETING_WEEKLY 城运周例会材料、MEETING_MONTHLY 月度例会材料、MEETING_PARTY 党工委专题汇报材料（期间：周例会为 ISO 周，另两种为月份）、' +
    'HOTSPOT 专报（期间为 主题@YYYY-MM-DD/YYYY-MM-DD，主题为 topic:诉求主题、area:居委、road:道路、group:重复工单主单ID 或 hotspot:苗头预警ID）、' +
    'WARNING_FORM 预警单（期间为 warning:预警ID 或 hotspot:苗头预警ID）、LEADER_ORDER_FORM 领导派单/督办单（期间为 ticket:工单ID 或 order:领导督办单ID）',
  values: BUILDABLE_KINDS,
});

interface GeneratedValue extends ReportMeta {}
const GeneratedReportRef = builder.objectRef<GeneratedValue>('GeneratedReport').implement({
  description: '生成的报表（归档的一个版本）',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    kind: t.field({ type: ReportKindEnum, nullable: false, resolve: (r) => r.kind as BuildableKind }),
    period: t.exposeString('period', { nullable: false }),
    version: t.exposeInt('version', { nullable: false }),
    docxUrl: t.string({ nullable: false, description: 'Word 文件下载路径（凭当前会话或令牌）', resolve: (r) => docxUrl(r.id) }),
    xlsxUrl: t.string({ nullable: false, description: 'Excel 文件下载路径（凭当前会话或令牌）', resolve: (r) => xlsxUrl(r.id) }),
  }),
});

interface AuthorValue {
  id: number;
  name: string;
}
const ReportAuthorRef = builder.objectRef<AuthorValue>('ReportAuthor').implement({
  description: '报表的生成人',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    name: t.exposeString('name', { nullable: false }),
  }),
});

type ArchiveRow = ReportMeta & { createdByName: string | null };

/** The content of each listed report, read in one query per request (not with the list: it can be large). */
const contentLoaders = new WeakMap<object, DataLoader<number, unknown>>();
function contentLoader(ctx: Context): DataLoader<number, unknown> {
  let l = contentLoaders.get(ctx.loaders);
  if (!l) {
    l = new DataLoader(async (ids: readonly number[]) => {
      const rows = await ctx.db.selectFrom('report').select(['id', 'content']).where('id', 'in', [...ids]).execute();
      const byId = new Map(rows.map((r) => [r.id, typeof r.content === 'string' ? JSON.parse(r.content) : r.content]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    contentLoaders.set(ctx.loaders, l);
  }
  return l;
}

type Types = typeof builder.$inferSchemaTypes;
const StreetRef = objectRef('Street') as ObjectRef<Types, Row>;

const ReportRef = builder.objectRef<ArchiveRow>('Report').implement({
  description: '报表归档：每次生成为一个新版本，旧版本保留',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    kind: t.field({ type: ReportKindEnum, nullable: false, resolve: (r) => r.kind as BuildableKind }),
    kindLabel: t.string({ nullable: false, description: '类型名称（周报、月报…）', resolve: (r) => KIND_LABEL[r.kind as BuildableKind] ?? r.kind }),
    period: t.exposeString('period', { nullable: false, description: '期间：YYYY-Www、YYYY-MM、YYYY 或 YYYY-MM-DD/YYYY-MM-DD；专报、预警单、领导派单/督办单为其对象（见 ReportKind）' }),
    streetId: t.field({ type: 'ID', nullable: true, description: '街镇；为空表示全区', resolve: (r) => (r.streetId == null ? null : String(r.streetId)) }),
    street: t.field({ type: StreetRef, nullable: true, resolve: (r, _a, ctx) => (r.streetId == null ? null : ctx.loaders.byId('street').load(r.streetId)) }),
    version: t.exposeInt('version', { nullable: false }),
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (r) => r.createdAt }),
    createdBy: t.field({
      type: ReportAuthorRef,
      nullable: true,
      description: '生成人；定时任务生成的为空',
      resolve: (r) => (r.createdBy == null ? null : { id: r.createdBy, name: r.createdByName ?? String(r.createdBy) }),
    }),
    scheduled: t.boolean({ nullable: false, description: '由定时任务生成', resolve: (r) => r.createdBy == null }),
    sha256: t.exposeString('sha256', { nullable: false, description: '内容摘要（区分版本）' }),
    docxUrl: t.string({ nullable: false, resolve: (r) => docxUrl(r.id) }),
    xlsxUrl: t.string({ nullable: false, resolve: (r) => xlsxUrl(r.id) }),
    content: t.field({ type: 'JSON', nullable: false, description: '报表的结构化内容（与 Word、Excel 相同的数字）', resolve: (r, _a, ctx) => contentLoader(ctx).load(r.id) }),
  }),
});

const ReportFilter = builder.inputType('ReportFilter', {
  fields: (t) => ({
    q: t.string({ description: '按期间搜索' }),
    ids: t.idList(),
    id: t.id(),
    kind: t.field({ type: ReportKindEnum }),
    period: t.string(),
    streetId: t.id({ description: '街镇' }),
    district: t.boolean({ description: 'true：只列全区报表' }),
    createdAt_gte: t.field({ type: 'DateTime' }),
    createdAt_lte: t.field({ type: 'DateTime' }),
  }),
});

type FilterValue = {
  q?: string | null;
  ids?: (string | number)[] | null;
  id?: string | number | null;
  kind?: string | null;
  period?: string | null;
  streetId?: string | number | null;
  district?: boolean | null;
  createdAt_gte?: Date | null;
  createdAt_lte?: Date | null;
};

const SORTABLE: Record<string, string> = { id: 'report.id', createdAt: 'report.createdAt', period: 'report.period', kind: 'report.kind', version: 'report.version', streetId: 'report.streetId' };
const none = (q: any) => q.where((eb: any) => eb.lit(false));

function applyFilter(q: any, f: FilterValue | null | undefined): any {
  if (!f) return q;
  if (f.q?.trim()) {
    const text = f.q.trim();
    if (text.length > MAX_SEARCH_LENGTH) throw badInput(`“搜索”过长：最多 ${MAX_SEARCH_LENGTH} 个字符`, { q: `最多 ${MAX_SEARCH_LENGTH} 个字符` });
    q = q.where('report.period', 'ilike', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.ids) {
    const ids = f.ids.map(toDbId).filter((x): x is number => x !== null);
    q = ids.length ? q.where('report.id', 'in', ids) : none(q);
  }
  if (f.id != null) {
    const id = toDbId(f.id);
    q = id === null ? none(q) : q.where('report.id', '=', id);
  }
  if (f.kind) q = q.where('report.kind', '=', f.kind);
  if (f.period) q = q.where('report.period', '=', f.period.trim());
  if (f.streetId != null) {
    const id = toDbId(f.streetId);
    q = id === null ? none(q) : q.where('report.streetId', '=', id);
  }
  if (f.district) q = q.where('report.streetId', 'is', null);
  if (f.createdAt_gte) q = q.where('report.createdAt', '>=', f.createdAt_gte);
  if (f.createdAt_lte) q = q.where('report.createdAt', '<=', f.createdAt_lte);
  return q;
}

function archiveQuery(ctx: Context, user: Principal, filter: FilterValue | null | undefined) {
  const q = ctx.db.selectFrom('report').leftJoin('appUser', 'appUser.id', 'report.createdBy');
  return applyFilter(reportScope(user, q), filter);
}

const listArgs = (t: any) => ({
  page: t.arg.int(),
  perPage: t.arg.int(),
  sortField: t.arg.string(),
  sortOrder: t.arg.string(),
  filter: t.arg({ type: ReportFilter }),
});

const selectMeta = (q: any) => q.select([...META_COLUMNS]).select((eb: any) => eb.fn.coalesce('appUser.displayName', 'appUser.username').as('createdByName'));

builder.queryField('allReports', (t) =>
  t.field({
    type: [ReportRef],
    nullable: { list: true, items: false },
    description: '报表归档列表（本街镇的；全区账号为全部），默认最新的在前',
    args: listArgs(t),
    resolve: async (_r, args: any, ctx) => {
      const user = reader(ctx);
      const perPage = args.perPage ?? 25;
      if (perPage < 0 || perPage > 100) throw badInput('每页最多 100 条', { perPage: '最多 100' });
      const page = args.page ?? 0;
      if (page < 0 || page > 1_000_000) throw badInput('页码无效', { page: '页码无效' });
      const sortField = SORTABLE[args.sortField ?? 'createdAt'];
      if (!sortField) throw badInput(`不能按「${args.sortField}」排序`, { sortField: '不支持的排序字段' });
      const order = String(args.sortOrder ?? 'DESC').toLowerCase();
      if (order !== 'asc' && order !== 'desc') throw badInput('排序方向只能是 ASC 或 DESC', { sortOrder: 'ASC 或 DESC' });
      return selectMeta(archiveQuery(ctx, user, args.filter))
        .orderBy(sortField, order)
        .orderBy('report.id', order)
        .limit(perPage)
        .offset(page * perPage)
        .execute();
    },
  }),
);

builder.queryField('_allReportsMeta', (t) =>
  t.field({
    type: ListMetadata,
    args: listArgs(t),
    resolve: async (_r, args: any, ctx) => {
      const user = reader(ctx);
      const row = await archiveQuery(ctx, user, args.filter).select((eb: any) => eb.fn.countAll().as('count')).executeTakeFirst();
      return { count: Number(row?.count ?? 0) };
    },
  }),
);

async function oneReport(ctx: Context, rawId: string): Promise<ArchiveRow> {
  const user = reader(ctx);
  const id = toDbId(rawId);
  const row = id === null ? undefined : await selectMeta(archiveQuery(ctx, user, null)).where('report.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('报表', rawId);
  return row;
}

builder.queryField('Report', (t) =>
  t.field({ type: ReportRef, nullable: true, description: '报表：按编号读取（含结构化内容）', args: { id: t.arg.id({ required: true }) }, resolve: (_r, args, ctx) => oneReport(ctx, String(args.id)) }),
);
builder.queryField('report', (t) =>
  t.field({ type: ReportRef, nullable: true, description: '报表：按编号读取（同 Report）', args: { id: t.arg.id({ required: true }) }, resolve: (_r, args, ctx) => oneReport(ctx, String(args.id)) }),
);

/** The street a report is for: a street account's own (another street is NOT_FOUND), null = the district. */
async function reportStreet(ctx: Context, user: Principal, raw: unknown): Promise<number | null> {
  const own = callerScope(user).streetId;
  if (raw == null || raw === '') {
    if (own !== null) throw notFound('区', '');
    return null;
  }
  const id = toDbId(raw);
  const street = id === null ? null : await ctx.loaders.byId('street').load(id);
  if (!street || (own !== null && street.id !== own)) throw notFound('街镇', String(raw));
  return street.id;
}

function checkKind(user: Principal, kind: string) {
  if (user.role === 'DISCIPLINE' && !DISCIPLINE_KINDS.includes(kind)) throw forbidden('纪检只能查看排名通报');
}

builder.queryField('reportContent', (t) =>
  t.field({
    type: 'JSON',
    nullable: false,
    description: '报表的结构化内容（不归档）：与生成的 Word、Excel 数字相同；streetId 为空表示全区（全区账号）',
    args: { kind: t.arg({ type: ReportKindEnum, required: true }), streetId: t.arg.id(), period: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const user = reader(ctx);
      checkKind(user, args.kind);
      const streetId = await reportStreet(ctx, user, args.streetId);
      return buildReport(readerOf(ctx), { kind: args.kind, streetId, period: args.period, now: ctx.now() });
    },
  }),
);

builder.mutationField('generateReport', (t) =>
  t.field({
    type: GeneratedReportRef,
    nullable: false,
    description: '生成报表并归档（Word 与 Excel）；同一类型、街镇、期间再次生成为新版本，旧版本保留',
    args: { kind: t.arg({ type: ReportKindEnum, required: true }), streetId: t.arg.id({ required: true }), period: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx);
      if (!REPORT_WRITERS.includes(user.role)) throw forbidden('没有生成报表的权限');
      const streetId = await reportStreet(ctx, user, args.streetId);
      const out = await generateReport(ctx.db, { kind: args.kind, streetId, period: args.period, now: ctx.now(), createdBy: user.userId });
      await writeAudit(ctx.db, {
        actor: user,
        operation: 'generateReport',
        entity: 'report',
        entityId: out.id,
        after: { kind: out.kind, period: out.period, streetId: out.streetId, version: out.version, sha256: out.sha256 },
        requestId: ctx.requestId,
      });
      const { doc, ...meta } = out;
      void doc;
      return meta;
    },
  }),
);
