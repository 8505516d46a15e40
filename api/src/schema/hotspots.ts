// Hotspot warnings (苗头, domain.md §5; contract.md "Warnings"): `hotspots` gives one row per pair and day D the
// rule held; the board reads the stored warnings (one per run of such days) and acknowledges them. The warnings
// are derived as tickets arrive (repos/hotspots.ts) and closed by the rule, never by hand.
import { sql } from 'kysely';
import { builder } from '../builder';
import type { Context } from '../context';
import { requireUser } from '../context';
import { badInput, conflict, notFound } from '../errors';
import { writeAudit } from '../repos/audit';
import { closeStaleHotspots, loadHotspotRule } from '../repos/hotspots';
import { rowScope } from '../auth/scope';
import { addDays, dayNumber, shanghaiDate, shanghaiStartOfDay, type Day } from '../domain/time';
import { WINDOW_DAYS } from '../domain/hotspot';
import { inTransaction, objectRef, toDbId, type Row } from './resource';

/** The longest range `hotspots` / `hotspotWarnings` answer in one call. */
const MAX_RANGE_DAYS = 400;
/** The board's chart: daily tickets of the pair from this many days before the warning opened. */
const CHART_LEAD_DAYS = 27;
/** … to this many days after it closed, so the fall shows too. */
const CHART_TAIL_DAYS = 14;
const CHART_MAX_DAYS = 120;

interface HotspotRow {
  warningId: number;
  streetId: number;
  date: string;
  topic: string;
  committeeName: string | null;
  road: string | null;
  count: number;
  baseline: number;
}

interface PairRef {
  streetId: number;
  topic: string;
  committeeName: string | null;
  road: string | null;
}

/**
 * The tickets of pairs of one street received in [from, to] (a unit handler: its own unit's), each with the
 * 居委 and road it counts under. One query for all the pairs asked.
 */
async function pairTickets(ctx: Context, streetId: number, topics: string[], from: Day, to: Day) {
  if (!topics.length) return [];
  // The caller's scope (a unit handler: its own unit) applies to the ticket table alone, before the joins.
  const scoped = rowScope(
    ctx,
    'ticket',
    ctx.db
      .selectFrom('ticket')
      .selectAll()
      .where('streetId', '=', streetId)
      .where(sql<string>`trim(topic)`, 'in', topics)
      .where('receivedAt', '>=', shanghaiStartOfDay(from))
      .where('receivedAt', '<', shanghaiStartOfDay(addDays(to, 1))) as any,
  );
  const rows = (await (ctx.db as any)
    .selectFrom(scoped.as('ticket'))
    .leftJoin('unit as cu', 'cu.id', 'ticket.committeeUnitId')
    .leftJoin('ticketRoad as tr', (j: any) => j.onRef('tr.ticketId', '=', 'ticket.id').on(sql<boolean>`tr.address_hash = md5(ticket.address)`))
    .selectAll('ticket')
    .select([sql<string | null>`coalesce(cu.name, nullif(trim(ticket.committee_name), ''))`.as('pairCommittee'), 'tr.road as pairRoad'])
    .orderBy('ticket.receivedAt')
    .execute()) as Row[];
  return rows.map((r) => ({ row: r, topic: String(r.topic).trim(), committee: r.pairCommittee as string | null, road: r.pairRoad as string | null, day: shanghaiDate(r.receivedAt as Date) }));
}
type PairTicket = Awaited<ReturnType<typeof pairTickets>>[number];

const inPair = (t: PairTicket, p: PairRef) => t.topic === p.topic && (p.committeeName !== null ? t.committee === p.committeeName : t.road === p.road);

const HotspotRef = builder.objectRef<HotspotRow & { tickets: Row[] }>('Hotspot').implement({
  description: '苗头预警的一天：(主题, 居委) 或 (主题, 道路) 在日期 D 满足规则（近 7 日件数 ≥ hotspotMin 且 ≥ hotspotRatio × 此前 56 天的 7 日均值）',
  fields: (t) => ({
    date: t.field({ type: 'Date', nullable: false, resolve: (h) => h.date }),
    topic: t.exposeString('topic', { nullable: false }),
    committeeName: t.exposeString('committeeName', { nullable: true, description: '居委（按居委统计时）' }),
    road: t.exposeString('road', { nullable: true, description: '道路（按道路统计时）' }),
    count: t.exposeInt('count', { nullable: false, description: '截至 D 的 7 日内受理件数' }),
    baseline: t.exposeFloat('baseline', { nullable: false, description: '此前 56 天的 7 日平均件数（无历史按 0.5 计）' }),
    tickets: t.field({ type: [objectRef('Ticket')], nullable: false, description: '7 日窗口内的工单（单位经办人只见本单位的）', resolve: (h) => h.tickets }),
    warningId: t.field({ type: 'ID', nullable: false, description: '所属苗头预警（hotspotWarnings）', resolve: (h) => String(h.warningId) }),
  }),
});

interface WarningRow extends PairRef {
  id: number;
  openedOn: string;
  lastDay: string;
  closedOn: string | null;
  peakCount: number;
  peakOn: string;
  baseline: number | string;
  unitIds: number[];
  status: string;
  acknowledgedBy: number | null;
  acknowledgedAt: Date | null;
  version: number;
}

const HotspotWarningRef = builder.objectRef<WarningRow>('HotspotWarning').implement({
  description: '苗头预警：一个 (主题, 居委/道路) 连续满足规则的一段日子；窗口回落到规则以下的那天自动关闭',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (w) => String(w.id) }),
    streetId: t.field({ type: 'ID', nullable: false, resolve: (w) => String(w.streetId) }),
    topic: t.exposeString('topic', { nullable: false }),
    committeeName: t.exposeString('committeeName', { nullable: true }),
    road: t.exposeString('road', { nullable: true }),
    openedOn: t.field({ type: 'Date', nullable: false, description: '首次满足规则的日期', resolve: (w) => w.openedOn }),
    lastDay: t.field({ type: 'Date', nullable: false, description: '最后一次满足规则的日期', resolve: (w) => w.lastDay }),
    closedOn: t.field({ type: 'Date', nullable: true, description: '7 日窗口回落到规则以下的日期（按规则关闭）', resolve: (w) => w.closedOn }),
    peakCount: t.exposeInt('peakCount', { nullable: false, description: '期间最高的 7 日件数' }),
    peakOn: t.field({ type: 'Date', nullable: false, resolve: (w) => w.peakOn }),
    baseline: t.float({ nullable: false, description: '开始当天的基线（此前 56 天的 7 日均值，无历史按 0.5）', resolve: (w) => Number(w.baseline) }),
    status: t.exposeString('status', { nullable: false, description: 'OPEN、ACKNOWLEDGED 或 CLOSED' }),
    acknowledgedAt: t.field({ type: 'DateTime', nullable: true, resolve: (w) => w.acknowledgedAt }),
    acknowledgedBy: t.field({
      type: 'String',
      nullable: true,
      description: '签收人',
      resolve: async (w, _a, ctx) => (w.acknowledgedBy === null ? null : ((await ctx.loaders.byId('appUser').load(w.acknowledgedBy)) as Row | null)?.displayName ?? null) as string | null,
    }),
    version: t.exposeInt('version', { nullable: false }),
    units: t.field({
      type: [objectRef('Unit')],
      nullable: false,
      description: '持有这些工单的承办单位（预警发给它们及其分管领导）',
      resolve: async (w, _a, ctx) => ((await Promise.all(w.unitIds.map((id) => ctx.loaders.byId('unit').load(id)))) as Array<Row | null>).filter((u): u is Row => !!u),
    }),
    days: t.field({
      type: [HotspotRef],
      nullable: false,
      description: '满足规则的每一天（件数与基线）',
      resolve: async (w, _a, ctx) => {
        const days = await ctx.db.selectFrom('hotspotDay').selectAll().where('warningId', '=', w.id).orderBy('day').execute();
        return days.map((d) => ({ warningId: w.id, streetId: w.streetId, date: String(d.day), topic: w.topic, committeeName: w.committeeName, road: w.road, count: d.count, baseline: Number(d.baseline), tickets: [] }));
      },
    }),
    chartFrom: t.field({ type: 'Date', nullable: false, description: '图表第一天（dailyCounts 从这天起）', resolve: (w) => addDays(w.openedOn, -CHART_LEAD_DAYS) }),
    dailyCounts: t.field({
      type: ['Int'],
      nullable: false,
      description: '该组合每天受理的件数，从 chartFrom 到关闭后 14 天（未关闭：今天），最多 120 天',
      resolve: async (w, _a, ctx) => {
        const { from, to } = chartRange(w, shanghaiDate(ctx.now()));
        const counts = new Map<string, number>();
        for (const t of (await pairTickets(ctx, w.streetId, [w.topic], from, to)).filter((x) => inPair(x, w))) counts.set(t.day, (counts.get(t.day) ?? 0) + 1);
        const out: number[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) out.push(counts.get(d) ?? 0);
        return out;
      },
    }),
    tickets: t.field({
      type: [objectRef('Ticket')],
      nullable: false,
      description: '期间（开始前 6 天至最后一天）该组合的工单（单位经办人只见本单位的）',
      resolve: async (w, _a, ctx) => (await pairTickets(ctx, w.streetId, [w.topic], addDays(w.openedOn, -(WINDOW_DAYS - 1)), w.lastDay)).filter((x) => inPair(x, w)).map((x) => x.row),
    }),
  }),
});

function chartRange(w: WarningRow, today: Day): { from: Day; to: Day } {
  const from = addDays(w.openedOn, -CHART_LEAD_DAYS);
  let to = w.closedOn ? addDays(w.closedOn, CHART_TAIL_DAYS) : today;
  if (to > today) to = today;
  if (dayNumber(to) - dayNumber(from) >= CHART_MAX_DAYS) to = addDays(from, CHART_MAX_DAYS - 1);
  return { from, to };
}

const HotspotRuleRef = builder.objectRef<{ min: number; ratio: number }>('HotspotRule').implement({
  description: '苗头规则（当前考核方案中的 hotspotMin、hotspotRatio）',
  fields: (t) => ({ min: t.exposeInt('min', { nullable: false }), ratio: t.exposeFloat('ratio', { nullable: false }) }),
});

function rangeArgs(from: string, to: string) {
  if (from > to) throw badInput('开始日期不能晚于结束日期', { from: '晚于结束日期' });
  if (dayNumber(to) - dayNumber(from) >= MAX_RANGE_DAYS) throw badInput(`日期范围最长 ${MAX_RANGE_DAYS} 天`, { to: `最长 ${MAX_RANGE_DAYS} 天` });
}

/** A unit handler sees the warnings its unit holds tickets of; everyone else who may call, all of the street's. */
function handlerUnit(ctx: Context): number | null {
  return ctx.user?.role === 'UNIT_HANDLER' ? ctx.user.unitId ?? -1 : null;
}

builder.queryField('hotspots', (t) =>
  t.field({
    type: [HotspotRef],
    nullable: false,
    description: '苗头预警：街镇内 from 到 to（含，本地日期）每个满足规则的 (主题, 居委/道路) 与日期 D 一行',
    args: { streetId: t.arg.id({ required: true }), from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx); // readers: auth/operations.ts, at the gate
      rangeArgs(args.from, args.to);
      const streetId = toDbId(args.streetId);
      if (streetId === null) return [];
      const unit = handlerUnit(ctx);
      let q = ctx.db
        .selectFrom('hotspotDay as d')
        .innerJoin('hotspotWarning as w', 'w.id', 'd.warningId')
        .select(['w.id as warningId', 'w.streetId', 'd.day', 'w.topic', 'w.committeeName', 'w.road', 'd.count', 'd.baseline'])
        .where('w.streetId', '=', streetId)
        .where('d.day', '>=', args.from)
        .where('d.day', '<=', args.to)
        .orderBy('d.day')
        .orderBy('w.topic')
        .orderBy(sql`w.committee_name nulls last`)
        .orderBy('w.road');
      if (unit !== null) q = q.where(sql<boolean>`w.unit_ids @> array[${unit}::int]`);
      const rows: HotspotRow[] = (await q.execute()).map((r) => ({ ...r, date: String(r.day), baseline: Number(r.baseline) }));
      if (!rows.length) return [];
      const tickets = await pairTickets(ctx, streetId, [...new Set(rows.map((r) => r.topic))], addDays(rows[0]!.date, -(WINDOW_DAYS - 1)), rows[rows.length - 1]!.date);
      return rows.map((r) => {
        const first = addDays(r.date, -(WINDOW_DAYS - 1));
        return { ...r, tickets: tickets.filter((x) => x.day >= first && x.day <= r.date && inPair(x, r)).map((x) => x.row) };
      });
    },
  }),
);

builder.queryField('hotspotWarnings', (t) =>
  t.field({
    type: [HotspotWarningRef],
    nullable: false,
    description: '苗头预警看板：街镇内与 from–to（含）有交集的苗头预警；status 可选 OPEN、ACKNOWLEDGED、CLOSED',
    args: {
      streetId: t.arg.id({ required: true }),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      status: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      rangeArgs(args.from, args.to);
      if (args.status != null && !STATUSES.includes(args.status)) throw badInput('状态只能是 OPEN、ACKNOWLEDGED 或 CLOSED', { status: '无效' });
      const streetId = toDbId(args.streetId);
      if (streetId === null) return [];
      // Time closes a warning too: one whose last 苗头 day has passed is decided again up to today first.
      if (handlerUnit(ctx) === null) await closeStaleHotspots(ctx.db, streetId, ctx.now());
      let q = warnings(ctx)
        .where('streetId', '=', streetId)
        .where('openedOn', '<=', args.to)
        .where(sql<boolean>`coalesce(closed_on, last_day) >= ${args.from}::date`)
        .orderBy('openedOn', 'desc')
        .orderBy('peakCount', 'desc');
      if (args.status) q = q.where('status', '=', args.status);
      return (await q.execute()) as WarningRow[];
    },
  }),
);

builder.queryField('hotspotWarning', (t) =>
  t.field({
    type: HotspotWarningRef,
    nullable: false,
    description: '一条苗头预警',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => findWarning(ctx, args.id),
  }),
);

builder.queryField('hotspotRule', (t) =>
  t.field({
    type: HotspotRuleRef,
    nullable: false,
    description: '当前的苗头规则（在考核方案中设置）',
    resolve: async (_root, _args, ctx) => {
      requireUser(ctx);
      return loadHotspotRule(ctx.db);
    },
  }),
);

builder.mutationField('acknowledgeHotspot', (t) =>
  t.field({
    type: HotspotWarningRef,
    nullable: false,
    description: '签收苗头预警（城运中心、领导，或持有其工单的单位）；关闭仍由规则决定',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const user = requireUser(ctx);
      const before = await findWarning(ctx, args.id);
      if (before.status === 'CLOSED') throw badInput('该苗头预警已按规则关闭，无需签收', { id: '已关闭' });
      return inTransaction(ctx, null, async (trx) => {
        const now = ctx.now();
        const after = await trx
          .updateTable('hotspotWarning')
          .set({ status: 'ACKNOWLEDGED', acknowledgedBy: user.userId, acknowledgedAt: now, version: sql`version + 1` as never, updatedAt: now })
          .where('id', '=', before.id)
          .where('acknowledgedAt', 'is', null)
          .where('status', '=', 'OPEN')
          .returningAll()
          .executeTakeFirst();
        if (!after) throw conflict('该苗头预警已被签收或已关闭，请刷新');
        await writeAudit(trx, {
          actor: user,
          operation: 'acknowledgeHotspot',
          entity: 'hotspot_warning',
          entityId: before.id,
          before: { status: before.status },
          after: { status: after.status, acknowledgedAt: now },
          requestId: ctx.requestId,
        });
        return after as unknown as WarningRow;
      });
    },
  }),
);

const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'];

function warnings(ctx: Context) {
  let q = ctx.db.selectFrom('hotspotWarning').selectAll();
  const unit = handlerUnit(ctx);
  if (unit !== null) q = q.where(sql<boolean>`unit_ids @> array[${unit}::int]`);
  return q;
}

/** The warning, if the caller may see it: another street's (a street account) or another unit's (a handler) is NOT_FOUND. */
async function findWarning(ctx: Context, rawId: string | number): Promise<WarningRow> {
  const user = requireUser(ctx);
  const id = toDbId(rawId);
  const w = id === null ? undefined : await warnings(ctx).where('id', '=', id).executeTakeFirst();
  if (!w || (user.streetId != null && w.streetId !== user.streetId)) throw notFound('苗头预警', String(rawId));
  return w as unknown as WarningRow;
}
