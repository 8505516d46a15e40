// Live updates (issue 12 item 6): GraphQL subscriptions over server-sent events (POST or GET /graphql with
// `Accept: text/event-stream`). The events come from the database (live/feed.ts), so a change made through any API
// process, a job or an import reaches subscribers on every process. Subscriptions do not pass the operation gate's
// onExecute hook, so each field checks the caller itself, with the same table (auth/operations.ts).
import type { ObjectRef } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { filter, map, pipe } from 'graphql-yoga';
import { builder } from '../builder';
import type { Context } from '../context';
import { principalMayCall, operationAccess } from '../auth/operations';
import { createLoaders } from '../loaders';
import { notFound, unauthenticated } from '../errors';
import type { Principal } from '../repos/auth';
import type { Change } from '../live/feed';
import { changeFor } from '../live/scope';
import { objectRef, toDbId, type Row } from './resource';

const LiveTable = builder.enumType('LiveTable', {
  description: '发生变化的数据',
  values: { TICKET: { value: 'ticket', description: '工单' }, WARNING: { value: 'warning', description: '预警' } } as const,
});

const LiveChangeRef = builder.objectRef<Change>('LiveChange').implement({
  description: '一次已提交的变化（只含调用者可见街镇的；不含记录内容，按需重新查询）',
  fields: (t) => ({
    table: t.field({ type: LiveTable, nullable: false, resolve: (c) => c.table }),
    ids: t.idList({ nullable: true, description: '变化的记录；为空表示范围较大，应全部刷新', resolve: (c) => c.ids?.map(String) ?? null }),
    streetIds: t.idList({ nullable: true, description: '涉及的街镇', resolve: (c) => c.streets?.map(String) ?? null }),
  }),
});

/** The gate's decision (auth/gate.ts) for a subscription field, taken when it starts. */
function allowedCaller(ctx: Context, field: string): Principal {
  if (!ctx.user) throw unauthenticated();
  const operation = `Subscription.${field}`;
  if (!principalMayCall(ctx.user, operation)) {
    throw new GraphQLError(`没有「${operationAccess(operation)?.label ?? field}」的权限`, { extensions: { code: 'FORBIDDEN', reason: 'ROLE', operation } });
  }
  return ctx.user;
}

function feedOf(ctx: Context) {
  if (!ctx.live) throw new GraphQLError('此服务未开启实时更新', { extensions: { code: 'UNAVAILABLE' } });
  return ctx.live;
}

/** The caller's view of each change, skipping those that are none of theirs. */
function changesFor(ctx: Context, principal: Principal, keep: (c: Change) => boolean = () => true): AsyncIterable<Change> {
  return pipe(
    feedOf(ctx).subscribe(),
    map((change: Change) => changeFor(principal, change)),
    filter((change: Change | null): change is Change => change !== null && keep(change)),
  );
}

builder.subscriptionField('changes', (t) =>
  t.field({
    type: LiveChangeRef,
    nullable: false,
    description: '工单和预警的变化（我的待办、预警和列表据此刷新）：只推送调用者所在街镇（处置单位：本单位）的',
    subscribe: (_root, _args, ctx) => changesFor(ctx, allowedCaller(ctx, 'changes')),
    resolve: (change: Change) => change,
  }),
);

builder.subscriptionField('ticketChanged', (t) =>
  t.field({
    type: objectRef('Ticket') as ObjectRef<any, Row>,
    nullable: true,
    description: '一张工单每次变化后的内容（打开的工单页据此刷新）；null：工单已删除或不再可见',
    args: { id: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const principal = allowedCaller(ctx, 'ticketChanged');
      const id = toDbId(args.id);
      // The street boundary: another street's (or unit's) ticket is NOT_FOUND, as for Query.Ticket.
      if (id === null || !(await ctx.loaders.byId('ticket').load(id))) throw notFound('工单');
      return changesFor(ctx, principal, (c) => c.table === 'ticket' && (c.ids === null || c.ids.includes(id)));
    },
    // Fresh loaders for each event: the subscription's context lives as long as the stream, its cache would not.
    resolve: async (_change: Change, args, ctx) => {
      ctx.loaders = createLoaders(ctx);
      return ((await ctx.loaders.byId('ticket').load(Number(args.id))) as Row | null) ?? null;
    },
  }),
);
