// 不满意件推送 as it was sent (domain.md §5, plan 四(二)4): the rows the daily job stored in unsatisfied_push, per
// day and unit — what the unit head received (level 1) and, for tickets with two or more consecutive 不满意,
// what went up to the 分管领导 (level 2). unsatisfiedDigest (workflow.ts) is the live view; this is the record.
import { rowScope } from '../auth/scope';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import type { DigestEntry } from '../domain/callback-digest';
import { objectRef, toDbId } from './resource';

interface PushRow {
  day: string;
  unitId: number;
  streetId: number;
  unitHead: string | null;
  deputyLeader: string | null;
  level: number;
  ticketCount: number;
  escalatedCount: number;
  items: DigestEntry[];
}

const PushItem = builder.objectRef<DigestEntry>('UnsatisfiedPushItem').implement({
  description: '推送中的一件工单：首次回访标注，连续两次及以上不满意提级至分管领导',
  fields: (t) => ({
    ticketId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.ticketId) }),
    // null when the caller may no longer see the ticket (e.g. returned to another unit since).
    ticket: t.field({ type: objectRef('Ticket'), resolve: (r, _a, ctx) => ctx.loaders.byId('ticket').load(r.ticketId) as any }),
    callback: t.field({ type: objectRef('Callback'), resolve: (r, _a, ctx) => ctx.loaders.byId('callback').load(r.callbackId) as any }),
    firstCallback: t.exposeBoolean('firstCallback', { nullable: false, description: '首次回访（此前没有接通的回访）' }),
    consecutiveUnsatisfied: t.exposeInt('consecutiveUnsatisfied', { nullable: false, description: '连续不满意次数（含本次）' }),
    escalated: t.exposeBoolean('escalated', { nullable: false, description: '连续两次及以上不满意，提级至分管领导' }),
  }),
});

const Push = builder.objectRef<PushRow>('UnsatisfiedPush').implement({
  description: '不满意件每日推送（按单位）：推送给单位负责人；有提级件时（2 级）同时推送分管领导',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => `${r.day}:${r.unitId}` }),
    day: t.field({ type: 'Date', nullable: false, description: '回访日期（次日推送）', resolve: (r) => r.day }),
    unit: t.field({ type: objectRef('Unit'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('unit').load(r.unitId) as any }),
    unitId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.unitId) }),
    unitHead: t.exposeString('unitHead', { description: '单位负责人（推送时）' }),
    deputyLeader: t.exposeString('deputyLeader', { description: '分管领导（推送时）' }),
    level: t.exposeInt('level', { nullable: false, description: '1 单位负责人；2 同时推送分管领导' }),
    ticketCount: t.exposeInt('ticketCount', { nullable: false }),
    escalatedCount: t.exposeInt('escalatedCount', { nullable: false }),
    firstCallbackCount: t.int({ nullable: false, description: '其中首次回访即不满意的件数', resolve: (r) => r.items.filter((i) => i.firstCallback).length }),
    items: t.field({ type: [PushItem], nullable: false, resolve: (r) => r.items }),
  }),
});

builder.queryField('unsatisfiedPush', (t) =>
  t.field({
    type: [Push],
    nullable: false,
    description: '不满意件推送记录：某日（回访日期，本地日期）各单位的推送，提级的在前；单位经办人只看到本单位的',
    args: { date: t.arg({ type: 'Date', required: true }), unitId: t.arg.id(), streetId: t.arg.id() },
    resolve: async (_root, args, ctx: Context) => {
      const user = requireUser(ctx);
      // A street account: its street's pushes only (auth/scope.ts).
      let q = rowScope(ctx, 'unsatisfiedPush', ctx.db.selectFrom('unsatisfiedPush').selectAll().where('day', '=', args.date));
      if (user.role === 'UNIT_HANDLER') q = q.where('unitId', '=', user.unitId ?? -1);
      for (const [col, raw] of [['unitId', args.unitId], ['streetId', args.streetId]] as const) {
        if (raw == null) continue;
        const id = toDbId(raw);
        q = q.where(col, '=', id ?? -1);
      }
      const rows = await q.orderBy('level', 'desc').orderBy('escalatedCount', 'desc').orderBy('ticketCount', 'desc').orderBy('unitId').execute();
      return rows.map((r) => ({ ...r, day: String(r.day), items: (typeof r.items === 'string' ? JSON.parse(r.items) : r.items) as DigestEntry[] }));
    },
  }),
);
