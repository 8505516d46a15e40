// 我的待办 (myWork) and the repeat-merge suggestions of a ticket (repeatSuggestions).
import { workingStreetOf } from './workingStreet';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { callerScope, rowScope } from '../auth/scope';
import { notFound } from '../errors';
import { myWork, repeatSuggestions, type RepeatSuggestion, type WorkItem, type WorkSection } from '../repos/mywork';
import { objectRef, toDbId, type Row } from './resource';

const MyWorkItem = builder.objectRef<WorkItem>('MyWorkItem').implement({
  description: '待办中的一项：所在资源（Ticket、ReturnRequest、ExtensionRequest、LeaderOrder、Warning、Interview、Assistance，或 CalendarYear：id 为年份，或 Report：报表）及其编号',
  fields: (t) => ({
    resource: t.exposeString('resource', { nullable: false }),
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    ticketId: t.field({ type: 'ID', resolve: (r) => (r.ticketId == null ? null : String(r.ticketId)) }),
    ticketNumber: t.exposeString('ticketNumber'),
    title: t.exposeString('title', { description: '诉求主题、申请理由或预警摘要' }),
    unitId: t.field({ type: 'ID', resolve: (r) => (r.unitId == null ? null : String(r.unitId)) }),
    due: t.field({ type: 'DateTime', resolve: (r) => r.due, description: '时限（有时限的待办）' }),
    since: t.field({ type: 'DateTime', resolve: (r) => r.since, description: '开始等待的时间' }),
    overdue: t.boolean({ nullable: false, description: '已过时限', resolve: (r, _a, ctx) => r.due != null && r.due.getTime() < ctx.now().getTime() }),
  }),
});

const MyWorkSection = builder.objectRef<WorkSection>('MyWorkSection').implement({
  description:
    '一类待办：toAccept 待签收、toContact 待先行联系、redo 退回重办、overdue 已超期、dueSoon 1 个工作日内到期（剩余工作时间不超过 24 小时，周末和节假日不计，与工单时限标记变红一致）、toDispatch 待派单、toAudit 待办结审核、newWarnings 新预警、returnsDeputy 待分管领导审批的退单、returnsMain 待主要领导审批的退单、returnsToFile 待纪检备案的退单、extensions 待审批的延期、leaderOrders 未办结的领导督办单、redWarnings 红色预警（主要领导）、specialStudy 提请主要领导专题研究的预警、unsatisfiedPush 今日不满意件推送（经办人：本单位；分管领导：提级件）、interviewFollowUps 待跟踪整改的约谈、assistanceFollowUps 进行中的帮扶、calendarYears 尚未录入的年度法定节假日安排（当年未录入，或 11 月 1 日起次年未录入；管理员、城运中心）、newReports 定时生成的新报表（近 7 天的周报、月报；城运中心）、proactiveTasks 未办结的主动治理任务（经办人：本单位；城运中心：本街镇；有任务时才列出）',
  fields: (t) => ({
    key: t.exposeString('key', { nullable: false }),
    resource: t.exposeString('resource', { nullable: false }),
    count: t.exposeInt('count', { nullable: false }),
    items: t.field({ type: [MyWorkItem], nullable: false, description: '最早的几项', resolve: (r) => r.items }),
  }),
});

builder.queryField('myWork', (t) =>
  t.field({
    type: [MyWorkSection],
    nullable: false,
    description: '我的待办：按当前用户的角色列出等待处理的事项（单位经办人只含本单位的工单）',
    args: { limit: t.arg.int({ description: '每类返回的条数，默认 5，最多 20' }) },
    resolve: async (_root, args, ctx: Context) => {
      const user = requireUser(ctx);
      const limit = Math.min(Math.max(args.limit ?? 5, 0), 20);
      // A district account works in one street at a time (the app bar's choice); none picked yet: every street.
      const streetId = callerScope(user).streetId ?? (await workingStreetOf(ctx));
      return myWork(ctx.db, { role: user.role, unitId: user.unitId, userId: user.userId, leaderRank: user.leaderRank ?? null, streetId }, ctx.now(), limit);
    },
  }),
);

const TicketRef = objectRef('Ticket');

const RepeatSuggestionRef = builder.objectRef<RepeatSuggestion>('RepeatSuggestion').implement({
  description: '可能的重复件主单：同一街镇 7 天内同一地址或同一诉求主题的工单',
  fields: (t) => ({
    ticket: t.field({ type: TicketRef, nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('ticket').load(r.ticketId) as any }),
    sameAddress: t.exposeBoolean('sameAddress', { nullable: false }),
    sameTopic: t.exposeBoolean('sameTopic', { nullable: false }),
  }),
});

builder.queryField('repeatSuggestions', (t) =>
  t.field({
    type: [RepeatSuggestionRef],
    nullable: false,
    description: '重复件合并建议：与该工单同一地址或同一诉求主题、受理时间相差 7 天以内的其他主单（地址相同的在前）',
    args: { ticketId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx: Context) => {
      requireUser(ctx);
      const id = toDbId(args.ticketId);
      const ticket = id === null ? undefined : ((await rowScope(ctx, 'ticket', ctx.db.selectFrom('ticket').selectAll().where('id', '=', id)).executeTakeFirst()) as Row | undefined);
      if (!ticket) throw notFound('工单', String(args.ticketId));
      return repeatSuggestions(ctx.db, ticket as any, (q) => rowScope(ctx, 'ticket', q));
    },
  }),
);
