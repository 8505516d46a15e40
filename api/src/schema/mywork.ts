// 我的待办 (myWork) and the repeat-merge suggestions of a ticket (repeatSuggestions).
import { workingStreetOf } from './workingStreet';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { callerScope, rowScope } from '../auth/scope';
import { notFound } from '../errors';
import { myWork, repeatSuggestions, WORK_TITLE_KINDS, type RepeatSuggestion, type WorkItem, type WorkSection, type WorkTitleParts } from '../repos/mywork';
import { objectRef, toDbId, type Row } from './resource';

const MyWorkTitleKind = builder.enumType('MyWorkTitleKind', {
  values: WORK_TITLE_KINDS,
  description:
    '待办标题的种类：RECTIFICATION 约谈整改期限（unitName、dueDay）、ASSISTANCE 帮扶至（unitName、dueDay；dueDay 为空即未定结束日期）、' +
    'WARNING 重复件预警（level、day、count、topic）、UNSATISFIED_PUSH 不满意件推送（day、unitName、count、escalatedCount）、' +
    'NEGATIVE_QUOTA 负面指标配额（unitName、month、text 指标、count、allowed、exceeded、confirmed）、LATE_ACCEPTANCE 拖延接单（unitName、accepted 已迟签收）、' +
    'DIGEST_WARNING 预警摘要中的重复件（level、topic、count、specialStudy）、DIGEST_HOTSPOT 预警摘要中的苗头（topic、place、count）、' +
    'MEETING_DECISION 会议议定事项（meetingKind、day 会议日期、text、unitName、dueDay）、PROACTIVE_TASK 主动治理任务（topic、place 居委、text 任务、unitName、dueDay）、' +
    'NEW_REPORT 新生成的报表（reportKind、period、streetName）、CALENDAR_YEAR 法定节假日安排待录入（year、urgent）',
});

const MyWorkTitlePartsRef = builder.objectRef<WorkTitleParts>('MyWorkTitleParts').implement({
  description: '待办标题的组成部分，供界面按所选语言组合标题（title 仍为中文标题）；名称、主题、内容为数据原文，日期为 YYYY-MM-DD；是否逾期见 MyWorkItem.overdue',
  fields: (t) => ({
    kind: t.field({ type: MyWorkTitleKind, nullable: false, resolve: (p) => p.kind }),
    unitName: t.string({ nullable: true, description: '所涉单位的名称（事项本身所属街镇的单位）', resolve: (p) => p.unitName ?? null }),
    streetName: t.string({ nullable: true, description: '街镇名称（全区账号的新报表；全区报表为空）', resolve: (p) => p.streetName ?? null }),
    dueDay: t.field({ type: 'Date', nullable: true, description: '期限日：整改期限、帮扶结束日、议定事项或任务的完成期限', resolve: (p) => p.dueDay ?? null }),
    day: t.field({ type: 'Date', nullable: true, description: '事项的日期：预警日期、推送日、会议日期', resolve: (p) => p.day ?? null }),
    month: t.string({ nullable: true, description: '月份 YYYY-MM（负面指标配额）', resolve: (p) => p.month ?? null }),
    period: t.string({ nullable: true, description: '报表期间', resolve: (p) => p.period ?? null }),
    level: t.string({ nullable: true, description: '预警级别 RED 或 YELLOW', resolve: (p) => p.level ?? null }),
    count: t.int({ nullable: true, description: '件数', resolve: (p) => p.count ?? null }),
    escalatedCount: t.int({ nullable: true, description: '其中提级件数（不满意件推送）', resolve: (p) => p.escalatedCount ?? null }),
    allowed: t.int({ nullable: true, description: '配额允许件数', resolve: (p) => p.allowed ?? null }),
    exceeded: t.boolean({ nullable: true, description: '已超配额（否则为已达配额）', resolve: (p) => p.exceeded ?? null }),
    confirmed: t.boolean({ nullable: true, description: '超配额已确认记负面', resolve: (p) => p.confirmed ?? null }),
    accepted: t.boolean({ nullable: true, description: '拖延接单的工单已（迟）签收', resolve: (p) => p.accepted ?? null }),
    specialStudy: t.boolean({ nullable: true, description: '已提请专题研究', resolve: (p) => p.specialStudy ?? null }),
    topic: t.string({ nullable: true, description: '诉求主题', resolve: (p) => p.topic ?? null }),
    place: t.string({ nullable: true, description: '居委或道路', resolve: (p) => p.place ?? null }),
    text: t.string({ nullable: true, description: '议定事项内容、任务名称或负面指标名称', resolve: (p) => p.text ?? null }),
    meetingKind: t.string({ nullable: true, description: '会议类型（MeetingKind 的值）', resolve: (p) => p.meetingKind ?? null }),
    reportKind: t.string({ nullable: true, description: '报表类型（ReportKind 的值）', resolve: (p) => p.reportKind ?? null }),
    year: t.int({ nullable: true, description: '年份', resolve: (p) => p.year ?? null }),
    urgent: t.boolean({ nullable: true, description: '本年时限正按普通工作日计算', resolve: (p) => p.urgent ?? null }),
  }),
});

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
    parts: t.field({ type: MyWorkTitlePartsRef, nullable: true, description: '标题的组成部分（按语言组合标题用）；标题只是数据（诉求主题、申请理由）时为空', resolve: (r) => r.parts ?? null }),
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
