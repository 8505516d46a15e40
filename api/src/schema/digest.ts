// 每日预警汇总 (domain.md §5): the lists written at 08:30 on working days (jobs/warning-tasks.ts), read per level —
// a unit head its unit's, a 分管领导 its units', the 主要领导 the RED and special-study items; OPS and ADMIN all.
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { callerScope } from '../auth/scope';
import { badInput } from '../errors';
import { digestFor, type DigestItem } from '../repos/digest';
import { shanghaiDate } from '../domain/time';
import { objectRef, toDbId } from './resource';

const WarningDigestItem = builder.objectRef<DigestItem>('WarningDigestItem').implement({
  description: '汇总中的一条预警：重复件预警（YELLOW/RED）或苗头预警（HOTSPOT）',
  fields: (t) => ({
    kind: t.exposeString('kind', { nullable: false, description: 'REPEAT 重复件预警 / HOTSPOT 苗头预警' }),
    id: t.field({ type: 'ID', nullable: false, description: 'Warning 或 HotspotWarning 的编号', resolve: (r) => String(r.id) }),
    level: t.exposeString('level', { nullable: false, description: 'YELLOW、RED 或 HOTSPOT' }),
    date: t.exposeString('date', { nullable: false }),
    count: t.exposeInt('count', { nullable: false }),
    title: t.exposeString('title', { nullable: false }),
    specialStudy: t.exposeBoolean('specialStudy', { nullable: false }),
    ticketNumber: t.exposeString('ticketNumber'),
    ticketId: t.field({ type: 'ID', resolve: (r) => (r.ticketId == null ? null : String(r.ticketId)) }),
    units: t.field({ type: [objectRef('Unit')], nullable: false, resolve: async (r, _a, ctx) => (await Promise.all(r.unitIds.map((id) => ctx.loaders.byId('unit').load(id)))).filter(Boolean) as any }),
  }),
});

interface DigestRow { id: number; streetId: number; day: string; audience: string; recipient: string; unitId: number | null; itemCount: number; createdAt: Date; items: DigestItem[] }

const WarningDigestList = builder.objectRef<DigestRow>('WarningDigestList').implement({
  description: '某日某收件人的预警汇总：UNIT 单位负责人、DEPUTY 分管领导（recipient 为其姓名）、MAIN 主要领导',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    street: t.field({ type: objectRef('Street'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('street').load(r.streetId) as any }),
    day: t.field({ type: 'Date', nullable: false, resolve: (r) => String(r.day) }),
    audience: t.exposeString('audience', { nullable: false }),
    recipient: t.string({ nullable: false, description: '单位名称、分管领导姓名或「主要领导」', resolve: async (r, _a, ctx) => {
      if (r.audience === 'UNIT' && r.unitId != null) return ((await ctx.loaders.byId('unit').load(r.unitId)) as any)?.name ?? r.recipient;
      return r.audience === 'MAIN' ? '主要领导' : r.recipient;
    } }),
    unit: t.field({ type: objectRef('Unit'), resolve: (r, _a, ctx) => (r.unitId == null ? null : (ctx.loaders.byId('unit').load(r.unitId) as any)) }),
    itemCount: t.exposeInt('itemCount', { nullable: false }),
    createdAt: t.field({ type: 'DateTime', nullable: false, resolve: (r) => r.createdAt }),
    items: t.field({ type: [WarningDigestItem], nullable: false, resolve: (r) => r.items }),
  }),
});

builder.queryField('warningDigest', (t) =>
  t.field({
    type: [WarningDigestList],
    nullable: false,
    description: '每日预警汇总（工作日 08:30 生成）：当前用户所在层级收到的清单；day 缺省为今天（本地日期）',
    args: { streetId: t.arg.id(), day: t.arg({ type: 'Date' }) },
    resolve: async (_root, args, ctx: Context) => {
      const user = requireUser(ctx);
      const own = callerScope(user).streetId;
      let streetId = args.streetId == null ? own : toDbId(args.streetId);
      if (args.streetId != null && streetId === null) throw badInput('街镇编号无效', { streetId: '编号无效' });
      if (own !== null) streetId = own;
      const day = (args.day as string | null) ?? shanghaiDate(ctx.now());
      return (await digestFor(ctx.db, { role: user.role, unitId: user.unitId, userId: user.userId, leaderRank: user.leaderRank ?? null }, streetId, day)) as any;
    },
  }),
);
