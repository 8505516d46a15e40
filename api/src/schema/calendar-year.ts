// The statutory calendar by year: which years are entered (calendarStatus), the pasted State Council notice
// previewed with the due times it moves (previewCalendarYear) and saved (saveCalendarYear, ADMIN), and the
// provisional flag of a ticket whose due time lies in a year not entered yet (Ticket.dueProvisional).
import { requireDistrictAccount } from '../auth/scope';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { badInput } from '../errors';
import { writeAudit } from '../repos/audit';
import { clearDueTimeConfig, loadDueTimeConfig } from '../repos/calendar';
import { applyCalendarYear, calendarYearRows, planCalendarYear, type CalendarYearRow, type DueChange, type StoredDay } from '../repos/calendar-year';
import { parseCalendarPaste, type PastedDay } from '../domain/calendar-paste';
import { isProvisionalDue, missingCalendarYears, missingYearMessage, provisionalHint, shanghaiYear, type MissingCalendarYear } from '../domain/calendar-years';
import { SlaConfigError } from '../domain/sla';
import { shanghaiDate } from '../domain/time';
import { inTransaction, objectRef, type Row } from './resource';

export const MIN_CALENDAR_YEAR = 2004;
export const MAX_CALENDAR_YEAR = 2100;
const MAX_TEXT = 20_000;

const TicketRef = objectRef('Ticket');

const CalendarYearRef = builder.objectRef<CalendarYearRow>('CalendarYear').implement({
  description: '已有法定节假日安排的年份：chinese-days 为软件包自带（2004–2026），manual 为管理员按国务院通知录入',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: false }),
    source: t.exposeString('source', { nullable: false, description: 'chinese-days 或 manual' }),
    confirmedBy: t.exposeString('confirmedByName', { description: '录入人（用户名）' }),
    confirmedAt: t.field({ type: 'DateTime', resolve: (r) => r.confirmedAt, description: '录入时间' }),
  }),
});

const MissingCalendarYearRef = builder.objectRef<MissingCalendarYear>('MissingCalendarYear').implement({
  description: '须录入的年度安排：当年尚未录入（urgent），或 11 月 1 日起次年尚未录入',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: false }),
    urgent: t.exposeBoolean('urgent', { nullable: false, description: '该年已开始：时限正按普通工作日计算' }),
    message: t.string({ nullable: false, resolve: (m) => missingYearMessage(m.year) }),
    hint: t.string({ nullable: false, resolve: (m) => provisionalHint(m.year) }),
  }),
});

interface CalendarStatus { today: string; years: CalendarYearRow[]; missing: MissingCalendarYear[] }

const CalendarStatusRef = builder.objectRef<CalendarStatus>('CalendarStatus').implement({
  description: '工作日历的年度状态',
  fields: (t) => ({
    today: t.field({ type: 'Date', nullable: false, resolve: (s) => s.today, description: '今天（上海时间）' }),
    years: t.field({ type: [CalendarYearRef], nullable: false, resolve: (s) => s.years }),
    missing: t.field({ type: [MissingCalendarYearRef], nullable: false, resolve: (s) => s.missing }),
  }),
});

type DayView = (PastedDay | StoredDay) & { line?: number };
const CalendarDayRef = builder.objectRef<DayView>('CalendarPasteDay').implement({
  description: '年度安排中的一天：放假（isWorkday false）或调休补班（isWorkday true）',
  fields: (t) => ({
    day: t.field({ type: 'Date', nullable: false, resolve: (d) => d.day }),
    isWorkday: t.exposeBoolean('isWorkday', { nullable: false }),
    name: t.exposeString('name'),
    line: t.field({ type: 'Int', resolve: (d) => d.line ?? null, description: '粘贴文本中的行号' }),
  }),
});

const DueChangeRef = builder.objectRef<DueChange>('CalendarDueChange').implement({
  description: '录入年度安排后时限改变的未办结工单：原时限 → 新时限',
  fields: (t) => ({
    ticketId: t.field({ type: 'ID', nullable: false, resolve: (c) => String(c.ticketId) }),
    number: t.exposeString('number', { nullable: false }),
    status: t.exposeString('status', { nullable: false }),
    ticket: t.field({ type: TicketRef, resolve: (c, _a, ctx: Context) => ctx.loaders.byId('ticket').load(c.ticketId) as any }),
    firstContactDueBefore: t.field({ type: 'DateTime', resolve: (c) => c.firstContactDueBefore }),
    firstContactDueAfter: t.field({ type: 'DateTime', resolve: (c) => c.firstContactDueAfter }),
    completionDueBefore: t.field({ type: 'DateTime', resolve: (c) => c.completionDueBefore }),
    completionDueAfter: t.field({ type: 'DateTime', resolve: (c) => c.completionDueAfter }),
  }),
});

interface Preview {
  year: number;
  days: PastedDay[];
  warnings: string[];
  removed: StoredDay[];
  current: CalendarYearRow | null;
  changes: DueChange[];
}

const CalendarPreviewRef = builder.objectRef<Preview>('CalendarPreview').implement({
  description: '粘贴的年度安排解析结果，以及保存后时限会改变的未办结工单（尚未保存）',
  fields: (t) => ({
    year: t.exposeInt('year', { nullable: false }),
    days: t.field({ type: [CalendarDayRef], nullable: false, resolve: (p) => p.days }),
    holidays: t.int({ nullable: false, description: '放假天数', resolve: (p) => p.days.filter((d) => !d.isWorkday).length }),
    makeUpDays: t.int({ nullable: false, description: '调休补班天数', resolve: (p) => p.days.filter((d) => d.isWorkday).length }),
    warnings: t.stringList({ nullable: false, resolve: (p) => p.warnings }),
    removed: t.field({ type: [CalendarDayRef], nullable: false, description: '该年已有、保存后将删除的日历行', resolve: (p) => p.removed }),
    replaces: t.field({ type: CalendarYearRef, description: '该年已有的安排（保存将替换）', resolve: (p) => p.current }),
    changes: t.field({ type: [DueChangeRef], nullable: false, resolve: (p) => p.changes }),
  }),
});

interface SaveResult { calendarYear: CalendarYearRow; days: number; changes: DueChange[] }

const CalendarYearResultRef = builder.objectRef<SaveResult>('CalendarYearResult').implement({
  description: '保存年度安排的结果',
  fields: (t) => ({
    calendarYear: t.field({ type: CalendarYearRef, nullable: false, resolve: (r) => r.calendarYear }),
    days: t.exposeInt('days', { nullable: false, description: '写入的日历行数' }),
    ticketsUpdated: t.int({ nullable: false, resolve: (r) => r.changes.length }),
    changes: t.field({ type: [DueChangeRef], nullable: false, resolve: (r) => r.changes }),
  }),
});

/** The arguments checked and the text parsed; every bad line is named in one BAD_USER_INPUT. */
function parseArgs(year: number, text: string) {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw badInput(`年份须在 ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} 之间`, { year: '年份无效' });
  }
  if (text.length > MAX_TEXT) throw badInput(`粘贴内容过长（最多 ${MAX_TEXT} 个字符）`, { text: '过长' });
  const parsed = parseCalendarPaste(year, text);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 10).map((e) => e.message);
    const more = parsed.errors.length > shown.length ? `；另有 ${parsed.errors.length - shown.length} 处` : '';
    throw new GraphQLError(`${shown.join('；')}${more}`, {
      extensions: { code: 'BAD_USER_INPUT', fieldErrors: { text: shown[0] }, lines: parsed.errors },
    });
  }
  return parsed;
}

const slaError = (e: unknown): never => {
  if (e instanceof SlaConfigError) throw badInput(`时限规则缺失：${e.message}`);
  throw e;
};

builder.queryField('calendarStatus', (t) =>
  t.field({
    type: CalendarStatusRef,
    nullable: false,
    description: '工作日历的年度状态：已录入的年份，及须尽快录入的年份（当年未录入；11 月 1 日起次年未录入）',
    resolve: async (_root, _args, ctx: Context) => {
      requireUser(ctx);
      const now = ctx.now();
      const years = await calendarYearRows(ctx.db);
      return { today: shanghaiDate(now), years, missing: missingCalendarYears(now, new Set(years.map((y) => y.year))) };
    },
  }),
);

builder.queryField('previewCalendarYear', (t) =>
  t.field({
    type: CalendarPreviewRef,
    nullable: false,
    description: '预览粘贴的国务院节假日安排：解析出的放假和补班日期，及保存后时限会改变的未办结工单（原时限 → 新时限）',
    args: {
      year: t.arg.int({ required: true }),
      text: t.arg.string({ required: true, description: '每行一项：「春节 2027-02-06 至 2027-02-12」「补班 2027-02-14」，或从 Excel 粘贴的 名称/开始/结束/放假或上班 四列' }),
    },
    resolve: async (_root, args, ctx: Context) => {
      requireUser(ctx);
      const parsed = parseArgs(args.year, args.text);
      const plan = await planCalendarYear(ctx.db, args.year, parsed.days).catch(slaError);
      return { year: args.year, days: parsed.days, warnings: parsed.warnings, removed: plan.removed, current: plan.current, changes: plan.changes };
    },
  }),
);

builder.mutationField('saveCalendarYear', (t) =>
  t.field({
    type: CalendarYearResultRef,
    nullable: false,
    description: '保存一年的法定节假日安排：替换该年的工作日历行、记为已录入，并重算受影响的未办结工单的时限（每件一条处理经过），一次完成',
    args: { year: t.arg.int({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx: Context) => {
      const user = requireUser(ctx);
      // The statutory calendar is the whole district's configuration (auth/scope.ts DISTRICT_CONFIG).
      requireDistrictAccount(ctx, '录入年度节假日安排');
      const parsed = parseArgs(args.year, args.text);
      const at = new Date();
      const result = await inTransaction(ctx, null, async (trx) => {
        const plan = await planCalendarYear(trx, args.year, parsed.days, { lock: true }).catch(slaError);
        await applyCalendarYear(trx, plan, parsed.days, { userId: user.userId, username: user.username }, at);
        const calendarYear = (await calendarYearRows(trx)).find((y) => y.year === args.year)!;
        await writeAudit(trx, {
          actor: user,
          operation: 'saveCalendarYear',
          entity: 'calendar_year',
          entityId: args.year,
          before: { calendarYear: plan.current, removed: plan.removed },
          after: {
            calendarYear,
            holidays: parsed.days.filter((d) => !d.isWorkday).map((d) => d.day),
            makeUpDays: parsed.days.filter((d) => d.isWorkday).map((d) => d.day),
            ticketsUpdated: plan.changes.map((c) => c.ticketId),
          },
          requestId: ctx.requestId,
        });
        return { calendarYear, days: parsed.days.length, changes: plan.changes };
      });
      clearDueTimeConfig(ctx.db);
      return result;
    },
  }),
);

builder.objectField(TicketRef, 'dueProvisional', (t: any) =>
  t.boolean({
    nullable: false,
    description: '时限暂定：未办结，且先行联系时限或办结时限落在尚未录入法定节假日安排的年份（按普通工作日计算，录入后重算）',
    // The confirmed years come with the cached due-time configuration: one read for the whole list, not per row.
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      if (r.status === 'CLOSED') return false;
      const { calendarYears } = await loadDueTimeConfig(ctx.db, ctx.db);
      return isProvisionalDue(r.firstContactDue as Date | null, calendarYears) || isProvisionalDue(r.completionDue as Date | null, calendarYears);
    },
  }),
);

builder.objectField(TicketRef, 'dueProvisionalYear', (t: any) =>
  t.int({
    description: '时限暂定时，尚未录入安排的年份（否则为 null）',
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      if (r.status === 'CLOSED') return null;
      const { calendarYears } = await loadDueTimeConfig(ctx.db, ctx.db);
      for (const due of [r.completionDue, r.firstContactDue] as Array<Date | null>) if (isProvisionalDue(due, calendarYears)) return shanghaiYear(due!);
      return null;
    },
  }),
);
