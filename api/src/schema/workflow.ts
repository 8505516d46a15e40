// The ticket workflow (domain.md §2 "Lifecycle") and supervision workflows (§5) as one mutation per step.
// Each step: role (checked by the gate against auth/operations.ts), then arguments, then the row (scoped: another unit's handler gets NOT_FOUND), then its
// version (CONFLICT), then the state machine in domain/lifecycle.ts (ILLEGAL_TRANSITION naming the current
// state); only then does it write — the ticket, its event, the step's own row and one audit row, in one
// transaction. A refused step writes nothing.
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import type { Context } from '../context';
import { requireUser } from '../context';
import { STAFF } from '../auth/roles';
import { rowScope } from '../auth/scope';
import { badInput, conflict, forbidden, illegalTransition, notFound, type FieldErrors } from '../errors';
import type { Principal } from '../repos/auth';
import { writeAudit } from '../repos/audit';
import { loadDueTimeConfig, type DueTimeConfig } from '../repos/calendar';
import { appendTicketEvent, ticketDiff } from '../repos/tickets';
import { refreshWarningsForTickets } from '../repos/warnings';
import * as repo from '../repos/workflow';
import { SlaConfigError, type ReopenKind as ReopenKindValue } from '../domain/sla';
import { addDays, monthRange, shanghaiStartOfDay } from '../domain/time';
import { unsatisfiedEntries } from '../domain/callback-digest';
import {
  allowedActions,
  auditFailureSummary,
  decideReturnRequest,
  evaluateClosureAudit,
  leaderOrderDue,
  mainLeaderRequirement,
  mayCompleteLeaderOrder,
  mayRecordDisciplineFiling,
  stateLabel,
  transition,
  withDueTimes,
  type ActionType,
  type Actor,
  type ClosureOutcome,
  type Refusal,
  type TicketAction,
  type TicketFacts,
  type Transition,
} from '../domain/lifecycle';
import { defineResource, enumType, inTransaction, objectRef, toDbId, type Row, type Trx } from './resource';
import { dateTime, MONTH_RE, oneOf, ref, TICKET, UNIT, USER } from './fields';
import { CallbackResult, FactFinding, ReopenKind, Resolution } from './enums';
import { freeTextFor, personalText } from './personal';

const TicketRef = objectRef('Ticket');
const FUTURE_SKEW_MS = 5 * 60_000;

// ——— shared plumbing ———

function actorOf(user: Principal): Actor {
  return { role: user.role, unitId: user.unitId, userId: user.userId, leaderRank: user.leaderRank ?? null };
}

/** The caller's duty weeks (roster), read once per request: allowedActions on a list asks for every row. */
const dutyWeeksMemo = new WeakMap<object, Promise<Set<string>>>();
function dutyWeeks(ctx: Context, trx?: Trx): Promise<Set<string>> {
  const user = ctx.user;
  if (!user || user.role !== 'LEADER' || user.userId == null) return Promise.resolve(new Set());
  // Inside a step's transaction read on it (PGlite has one connection); outside, once per request.
  if (trx) return repo.dutyWeeksOf(trx, user.userId);
  let p = dutyWeeksMemo.get(ctx);
  if (!p) dutyWeeksMemo.set(ctx, (p = repo.dutyWeeksOf(ctx.db, user.userId)));
  return p;
}

/** Facts every step may need: whether a leader caller is the duty leader of the ticket's week. */
async function callerFacts(ctx: Context, ticket: Row, trx?: Trx): Promise<TicketFacts> {
  if (ctx.user?.role !== 'LEADER') return {};
  return { dutyLeader: repo.isDutyTicket(await dutyWeeks(ctx, trx), ticket as any) };
}

function raise(r: Refusal, what = '工单', id?: string | number): never {
  switch (r.code) {
    case 'NOT_FOUND':
      throw notFound(what, id);
    case 'FORBIDDEN':
      throw forbidden(r.reason);
    case 'BAD_USER_INPUT':
      throw badInput(r.reason, r.field ? { [r.field]: r.reason } : {});
    default:
      throw illegalTransition(r.reason, r.currentState);
  }
}


/** Trimmed text argument; records a field error when required and empty, or too long. */
function textArg(errors: FieldErrors, field: string, label: string, value: unknown, opts: { required?: boolean; max: number }): string | null {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) {
    if (opts.required) errors[field] = `${label}为必填项`;
    return null;
  }
  if (v.length > opts.max) errors[field] = `${label}不能超过 ${opts.max} 个字`;
  return v;
}

function failOnErrors(errors: FieldErrors) {
  const messages = Object.values(errors).filter(Boolean);
  if (messages.length) throw badInput(`输入有误：${messages.join('；')}`, errors);
}

function idArg(value: unknown, what: string): number {
  const id = toDbId(value);
  if (id === null) throw notFound(what, String(value));
  return id;
}

/** Columns the lifecycle writes beyond those ticketDiff tracks, so the event shows every change. */
const EXTRA_TRACKED = ['reopenedAt', 'reopenKind', 'statusBeforeReturn', 'factBasis', 'demand', 'siteVisit', 'replyText', 'reassigned', 'callbackReview'];
function stepDiff(before: Row, after: Row) {
  const d = ticketDiff(before, after);
  for (const k of EXTRA_TRACKED) {
    const x = before[k] ?? null;
    const y = after[k] ?? null;
    const same = x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
    if (!same) {
      d.before[k] = x;
      d.after[k] = y;
    }
  }
  return d;
}

/**
 * Applies a transition to the locked ticket: due times, the versioned write, the step's own rows (`record`,
 * which may return the event note), the event and the warnings that depend on the ticket's state.
 */
async function applyTransition(
  ctx: Context,
  trx: Trx,
  user: Principal,
  ticket: Row,
  step: Transition,
  now: Date,
  note: string | null,
  opts: { config?: DueTimeConfig; record?: (after: Row) => Promise<string | null | void> } = {},
) {
  const { calendar, rules } = opts.config ?? (await loadDueTimeConfig(trx, ctx.db));
  let patch: Record<string, unknown>;
  try {
    patch = { ...withDueTimes(ticket as any, step.patch, rules, calendar) };
  } catch (e) {
    if (e instanceof SlaConfigError) throw badInput(`时限规则缺失：${e.message}`);
    throw e;
  }
  const updated = await repo.updateTicket(trx, ticket.id, ticket.version, patch);
  if (!updated) throw conflict();
  const recorded = await opts.record?.(updated);
  const diff = stepDiff(ticket, updated);
  await appendTicketEvent(trx, { ticketId: ticket.id, actor: user, kind: step.event, before: diff.before, after: diff.after, note: recorded ?? note, at: now });
  await refreshWarningsForTickets(trx, [ticket.id]);
  return updated;
}

interface TicketStep {
  /** The mutation's name, for the audit log. */
  operation: string;
  action: ActionType;
  kind?: ReopenKindValue;
  id: unknown;
  version: number | null | undefined;
  /** Argument checks that need no database (run before the transaction). */
  validate?: (errors: FieldErrors) => void;
  facts?: (trx: Trx, ticket: Row) => Promise<TicketFacts>;
  build: (ticket: Row, now: Date) => TicketAction;
  /** Checks against the database after the state machine agreed (e.g. the receiving unit). */
  verify?: (trx: Trx, ticket: Row) => Promise<void>;
  /** Writes the step's own rows; returns the event note. */
  record?: (a: { trx: Trx; before: Row; after: Row; now: Date; facts: TicketFacts }) => Promise<string | null | void>;
}

/** One ticket step, start to finish, returning the updated ticket; inside `outer` when given (a bulk step: all or nothing). */
async function runTicketStep(ctx: Context, s: TicketStep, outer?: Trx): Promise<Row> {
  // Roles: auth/operations.ts at the gate, and the state machine again (transition) with the ticket.
  const user = requireUser(ctx);
  const errors: FieldErrors = {};
  s.validate?.(errors);
  failOnErrors(errors);
  const id = idArg(s.id, '工单');
  if (s.version === undefined || s.version === null) throw badInput('缺少版本号 version：请刷新后再操作', { version: '必填' });
  const work = async (trx: Trx) => {
    const ticket = await repo.lockTicket(trx, id, (q) => rowScope(ctx, 'ticket', q));
    if (!ticket) throw notFound('工单', String(s.id));
    if (ticket.version !== s.version) throw conflict();
    const facts = { ...(await callerFacts(ctx, ticket, trx)), ...((await s.facts?.(trx, ticket)) ?? {}) };
    const now = new Date();
    const step = transition(ticket as any, s.build(ticket, now), actorOf(user), facts);
    if (!step.ok) raise(step, '工单', String(s.id));
    await s.verify?.(trx, ticket);
    const updated = await applyTransition(ctx, trx, user, ticket, step, now, null, {
      record: (after) => s.record?.({ trx, before: ticket, after, now, facts }) ?? Promise.resolve(null),
    });
    await writeAudit(trx, { actor: user, operation: s.operation, entity: 'ticket', entityId: id, before: ticket, after: updated, requestId: ctx.requestId });
    return updated;
  };
  return outer ? work(outer) : inTransaction(ctx, null, work);
}

// ——— types ———

const AuditCheckInput = builder.inputType('AuditCheckInput', {
  description: '八审八不准的一项：是否通过，及说明（不通过时必填）',
  fields: (t) => ({
    pass: t.boolean({ required: true }),
    note: t.string(),
  }),
});

const ExtensionStatus = { enum: 'ExtensionStatus', values: ['PENDING', 'APPROVED', 'REJECTED'] } as const;

defineResource({
  name: 'ExtensionRequest',
  table: 'extensionRequest',
  label: '延期申请',
  access: { read: STAFF, write: ['LEADER'] },
  deletable: false,
  defaultSort: { field: 'requestedAt', order: 'desc' },
  fields: [
    ref('ticket', '工单', TICKET, { required: true, readOnly: true }),
    ref('unit', '申请单位', UNIT, { readOnly: true }),
    personalText('extensionRequest', 'ticketId')('reason', '延期理由', { required: true, readOnly: true, search: true }),
    dateTime('requestedAt', '申请时间', { readOnly: true }),
    ref('requestedBy', '申请人', USER, { readOnly: true, column: 'requestedBy' }),
    oneOf(ExtensionStatus)('status', '状态', { readOnly: true }),
    ref('decidedBy', '审批领导', USER, { readOnly: true, column: 'decidedBy' }),
    dateTime('decidedAt', '审批时间', { readOnly: true }),
    personalText('extensionRequest', 'ticketId')('decisionNote', '审批意见', { readOnly: true }),
  ],
  hooks: {
    authorize: ({ op }) => {
      throw forbidden(op === 'create' ? '延期申请请在工单页面发起（requestExtension）' : '延期申请请用 decideExtension 审批，不能直接修改或删除');
    },
  },
});
const ExtensionRequestRef = objectRef('ExtensionRequest');

function childrenOf(table: string) {
  return (r: Row, _a: unknown, ctx: Context) => ctx.loaders.children(table, 'ticketId').load(r.id);
}

builder.objectField(TicketRef, 'returnRequests', (t: any) =>
  t.field({ type: [objectRef('ReturnRequest')], nullable: false, description: '退单申请及审批经过', resolve: childrenOf('returnRequest') }),
);
builder.objectField(TicketRef, 'closureAudits', (t: any) =>
  t.field({ type: [objectRef('ClosureAudit')], nullable: false, description: '办结审核（八审八不准）记录', resolve: childrenOf('closureAudit') }),
);
builder.objectField(TicketRef, 'leaderOrders', (t: any) =>
  t.field({ type: [objectRef('LeaderOrder')], nullable: false, description: '领导督办单', resolve: childrenOf('leaderOrder') }),
);
builder.objectField(TicketRef, 'extensionRequests', (t: any) =>
  t.field({ type: [ExtensionRequestRef], nullable: false, description: '延期申请', resolve: childrenOf('extensionRequest') }),
);
builder.objectField(TicketRef, 'redoReason', (t: any) =>
  t.string({
    description: '最近一次办结审核未通过的原因（退回重办时显示）',
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      const audits = (await ctx.loaders.children('closureAudit', 'ticketId').load(r.id)) as Row[];
      const last = audits[audits.length - 1];
      if (!last || last.passed) return null;
      return freeTextFor(ctx, { ...r, redoReason: auditFailureSummary(last.checks as any[], last.note) }, 'redoReason', 'id', 'ticket');
    },
  }),
);
builder.objectField(TicketRef, 'leaderInstruction', (t: any) =>
  t.string({ description: '值班领导派单的批示', resolve: (r: Row, _a: unknown, ctx: Context) => freeTextFor(ctx, r, 'leaderInstruction', 'id', 'ticket') }),
);
builder.objectField(TicketRef, 'completionNote', (t: any) =>
  t.string({ description: '书面办结说明（领导派单工单办结前必填）', resolve: (r: Row, _a: unknown, ctx: Context) => freeTextFor(ctx, r, 'completionNote', 'id', 'ticket') }),
);
builder.objectField(TicketRef, 'dutyLeaderMay', (t: any) =>
  t.boolean({
    nullable: false,
    description: '当前用户是该工单受理当周的值班领导（可先行联系、带批示派单、办结前回访）',
    resolve: async (r: Row, _a: unknown, ctx: Context) => !!(await callerFacts(ctx, r)).dutyLeader,
  }),
);
builder.objectField(TicketRef, 'allowedActions', (t: any) =>
  t.field({
    type: ['String'],
    nullable: false,
    description: '当前用户此刻可对该工单执行的流程操作（mutation 名称）',
    resolve: async (r: Row, _a: unknown, ctx: Context) => {
      if (!ctx.user) return [];
      const [returns, extensions, orders] = (await Promise.all([
        ctx.loaders.children('returnRequest', 'ticketId').load(r.id),
        ctx.loaders.children('extensionRequest', 'ticketId').load(r.id),
        ctx.loaders.children('leaderOrder', 'ticketId').load(r.id),
      ])) as [Row[], Row[], Row[]];
      const open = returns.find((x) => x.status === 'PENDING' || x.status === 'AWAITING_MAIN_LEADER');
      return allowedActions(r as any, actorOf(ctx.user), {
        ...(await callerFacts(ctx, r)),
        extensionPending: extensions.some((x) => x.status === 'PENDING'),
        openReturn: open ? { status: open.status, decidedBy: open.decidedBy, disciplineFilingRef: open.disciplineFilingRef } : null,
        openLeaderOrder: orders.some((x) => !x.completedAt),
      });
    },
  }),
);

builder.objectField(objectRef('ReturnRequest'), 'mainLeaderNote', (t: any) =>
  t.string({ description: '主要领导审批意见', resolve: (r: Row, _a: unknown, ctx: Context) => freeTextFor(ctx, r, 'mainLeaderNote', 'ticketId', 'returnRequest') }),
);
builder.objectField(objectRef('LeaderOrder'), 'overdue', (t: any) =>
  t.boolean({
    nullable: false,
    description: '超过办理期限（已办结的按办结时间，未办结的按当前时间）',
    resolve: (r: Row) => (r.completedAt ?? new Date()).getTime() > new Date(r.dueAt).getTime(),
  }),
);

// ——— ticket steps ———

const idVersion = (t: any) => ({ id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) });

/** The dispatch step (派单) of one ticket to a unit of its own street. */
async function dispatchStep(ctx: Context, args: { id: unknown; version: number | null | undefined; unitId: unknown; instruction?: unknown }, operation = 'dispatchTicket'): Promise<TicketStep> {
  const unitId = toDbId(args.unitId);
  const user = requireUser(ctx);
  let instruction: string | null = null;
  // 领导派单 carries the leader's name (ticket.leaderName, as the city export has it).
  const leaderName = user.role === 'LEADER' ? ((await repo.displayNameOf(ctx.db, user.userId)) ?? user.username) : null;
  return {
    operation,
    action: 'dispatch',
    id: args.id,
    version: args.version,
    validate: (e) => {
      if (unitId === null) e.unitId = '承办单位的编号无效';
      // Required of the duty leader: the state machine says so after the role (a leader off duty is FORBIDDEN first).
      instruction = textArg(e, 'instruction', '批示', args.instruction, { max: 2000 });
      if (instruction && user.role !== 'LEADER') e.instruction = '批示由值班领导派单时填写';
    },
    build: (_t, now) => ({
      type: 'dispatch',
      unitId: unitId!,
      at: now,
      ...(leaderName ? { leader: { name: leaderName, userId: user.userId, instruction: instruction ?? '' } } : {}),
    }),
    verify: async (trx, ticket) => {
      const unit = await repo.findUnit(trx, unitId!);
      if (!unit) throw badInput('承办单位不存在', { unitId: '承办单位不存在' });
      if (unit.streetId !== ticket.streetId) throw badInput('承办单位不属于该工单的街镇', { unitId: '不属于该工单的街镇' });
      if (!unit.active) throw badInput('承办单位已停用', { unitId: '已停用' });
    },
  };
}

builder.mutationField('dispatchTicket', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '派单：把待派单的工单派给处置单位（城运中心）',
    args: { ...idVersion(t), unitId: t.arg.id({ required: true }), instruction: t.arg.string({ description: '批示（值班领导派单时必填）' }) },
    resolve: async (_r: unknown, args: any, ctx: Context) => runTicketStep(ctx, await dispatchStep(ctx, args)),
  }),
);

const MAX_BULK = 100;

builder.mutationField('dispatchTickets', (t: any) =>
  t.field({
    type: [TicketRef],
    nullable: false,
    description: `批量派单：把几张待派单的工单派给同一处置单位（城运中心）。全部成功或全部不变：任一张不能派单时不写入任何一张，错误信息写明是哪一张工单。最多 ${MAX_BULK} 张`,
    args: {
      ticketIds: t.arg({ type: ['ID'], required: { list: true, items: true }, description: '工单' }),
      versions: t.arg({ type: ['Int'], required: { list: true, items: true }, description: '各工单读取时的版本号（与 ticketIds 一一对应）' }),
      unitId: t.arg.id({ required: true }),
    },
    resolve: async (_r: unknown, args: { ticketIds: string[]; versions: number[]; unitId: string }, ctx: Context) => {
      requireUser(ctx);
      const { ticketIds, versions } = args;
      if (ticketIds.length === 0) throw badInput('请至少选择一张工单', { ticketIds: '至少选择一张工单' });
      if (ticketIds.length > MAX_BULK) throw badInput(`批量派单一次最多 ${MAX_BULK} 张工单`, { ticketIds: `最多 ${MAX_BULK} 张` });
      if (versions.length !== ticketIds.length) throw badInput('版本号 versions 须与工单 ticketIds 一一对应', { versions: '与工单数量不一致' });
      if (new Set(ticketIds.map(String)).size !== ticketIds.length) throw badInput('所选工单有重复', { ticketIds: '有重复' });
      const steps = await Promise.all(ticketIds.map((id, i) => dispatchStep(ctx, { id, version: versions[i], unitId: args.unitId }, 'dispatchTickets')));
      // The numbers the refusals name, read within the caller's scope (another street's ticket stays unnamed: NOT_FOUND).
      const dbIds = ticketIds.map(toDbId).filter((x): x is number => x !== null);
      const numbers = new Map<string, string>();
      if (dbIds.length) {
        const rows = await rowScope(ctx, 'ticket', ctx.db.selectFrom('ticket').select(['id', 'number']).where('id', 'in', dbIds)).execute();
        for (const r of rows as Array<{ id: number; number: string }>) numbers.set(String(r.id), r.number);
      }
      return inTransaction(ctx, null, async (trx) => {
        const out: Row[] = [];
        for (let i = 0; i < steps.length; i++) {
          try {
            out.push(await runTicketStep(ctx, steps[i]!, trx));
          } catch (e) {
            if (!(e instanceof GraphQLError)) throw e;
            const id = String(ticketIds[i]);
            const number = numbers.get(id);
            const which = number ? `工单 ${number}` : `第 ${i + 1} 张工单`;
            throw new GraphQLError(`${which}不能派单：${e.message}（全部未派单）`, {
              extensions: { ...e.extensions, ticketId: id, ticketNumber: number ?? null, index: i },
            });
          }
        }
        return out;
      });
    },
  }),
);

builder.mutationField('acceptTicket', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '签收（处置单位）',
    args: idVersion(t),
    resolve: (_r: unknown, args: any, ctx: Context) =>
      runTicketStep(ctx, { operation: 'acceptTicket', action: 'accept', id: args.id, version: args.version, build: (_t, now) => ({ type: 'accept', at: now }),
        // 拖延接单: accepted after its window — flagged at once (the job flags those still waiting).
        record: async ({ trx, after, now }) => {
          const { calendar } = await loadDueTimeConfig(trx, ctx.db);
          await repo.flagLateAcceptances(trx, [after as any], now, await repo.acceptWithinWorkdays(trx), calendar);
        } }),
  }),
);

builder.mutationField('recordFirstContact', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '登记先行联系（处置单位）：at 为与市民联系的时间',
    args: { ...idVersion(t), at: t.arg({ type: 'DateTime', required: true }), note: t.arg.string() },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let note: string | null = null;
      return runTicketStep(ctx, {
        operation: 'recordFirstContact',
        action: 'recordFirstContact',
        id: args.id,
        version: args.version,
        validate: (e) => {
          note = textArg(e, 'note', '联系情况', args.note, { max: 2000 });
        },
        build: (_t, now) => ({ type: 'recordFirstContact', at: args.at, now }),
        record: async () => note,
      });
    },
  }),
);

builder.mutationField('submitClosure', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '提交办结（处置单位）：事实认定、认定依据、结案评判、诉求认定、现场处置、答复内容',
    args: {
      ...idVersion(t),
      factFinding: t.arg({ type: enumType(FactFinding), required: true }),
      factBasis: t.arg.string({ required: true }),
      resolution: t.arg({ type: enumType(Resolution), required: true }),
      demand: t.arg.string({ required: true }),
      siteVisit: t.arg.string(),
      replyText: t.arg.string({ required: true }),
      completionNote: t.arg.string({ description: '书面办结说明（领导派单工单必填）' }),
    },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let outcome: ClosureOutcome;
      return runTicketStep(ctx, {
        operation: 'submitClosure',
        action: 'submitClosure',
        id: args.id,
        version: args.version,
        validate: (e) => {
          outcome = {
            factFinding: args.factFinding,
            factBasis: textArg(e, 'factBasis', '认定依据', args.factBasis, { required: true, max: 2000 })!,
            resolution: args.resolution,
            demand: textArg(e, 'demand', '诉求认定', args.demand, { required: true, max: 2000 })!,
            siteVisit: textArg(e, 'siteVisit', '现场处置情况', args.siteVisit, { max: 2000 }),
            replyText: textArg(e, 'replyText', '答复内容', args.replyText, { required: true, max: 4000 })!,
            completionNote: textArg(e, 'completionNote', '书面办结说明', args.completionNote, { max: 4000 }),
          };
        },
        build: (_t, now) => ({ type: 'submitClosure', at: now, outcome }),
      });
    },
  }),
);

builder.mutationField('auditClosure', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '办结审核「八审八不准」（城运中心）：8 项逐项通过/不通过；任一项不通过即退回重办',
    args: { ...idVersion(t), checks: t.arg({ type: [AuditCheckInput], required: true }), note: t.arg.string() },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let evaluation: Extract<ReturnType<typeof evaluateClosureAudit>, { ok: true }>;
      let note: string | null = null;
      return runTicketStep(ctx, {
        operation: 'auditClosure',
        action: 'auditClosure',
        id: args.id,
        version: args.version,
        validate: (e) => {
          note = textArg(e, 'note', '审核意见', args.note, { max: 2000 });
          const r = evaluateClosureAudit(args.checks);
          if (!r.ok) Object.assign(e, r.fieldErrors);
          else evaluation = r;
        },
        facts: async (trx, ticket) => ({ openLeaderOrder: await repo.hasOpenLeaderOrder(trx, ticket.id) }),
        build: (_t, now) => ({ type: 'auditClosure', passed: evaluation.passed, at: now }),
        record: async ({ trx, before, now }) => {
          await repo.insertClosureAudit(trx, {
            ticketId: before.id,
            submittedAt: before.submittedAt,
            auditedAt: now,
            auditorId: ctx.user!.userId,
            checks: evaluation.checks,
            passed: evaluation.passed,
            note,
          });
          return evaluation.passed ? (note ?? '八审八不准审核通过') : auditFailureSummary(evaluation.checks, note);
        },
      });
    },
  }),
);

builder.mutationField('reopenTicket', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '重办已办结的工单（城运中心）：回访不满意、市区复核或重新交办；领导督办请用 issueLeaderOrder',
    args: { ...idVersion(t), kind: t.arg({ type: enumType(ReopenKind), required: true }), note: t.arg.string({ required: true }) },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let note: string | null = null;
      return runTicketStep(ctx, {
        operation: 'reopenTicket',
        action: 'reopen',
        id: args.id,
        version: args.version,
        validate: (e) => {
          if (args.kind === 'LEADER_SUPERVISION') e.kind = '领导督办请使用「下达领导督办单」（issueLeaderOrder），须写明督办领导和事由';
          note = textArg(e, 'note', '重办原因', args.note, { required: true, max: 2000 });
        },
        build: (_t, now) => ({ type: 'reopen', kind: args.kind, at: now }),
        record: async () => note,
      });
    },
  }),
);

builder.mutationField('requestReturn', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '申请退单（处置单位）：原则上不退单；由城运分管领导审批，再次申请或被指定单位申请还须主要领导审批及纪检备案',
    args: { ...idVersion(t), reason: t.arg.string({ required: true }) },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let reason: string | null = null;
      let mainLeaderWhy: string | null = null;
      return runTicketStep(ctx, {
        operation: 'requestReturn',
        action: 'requestReturn',
        id: args.id,
        version: args.version,
        validate: (e) => {
          reason = textArg(e, 'reason', '退单理由', args.reason, { required: true, max: 2000 });
        },
        build: (_t, now) => ({ type: 'requestReturn', at: now }),
        verify: async (trx, ticket) => {
          mainLeaderWhy = mainLeaderRequirement(await repo.returnHistory(trx, ticket.id), ticket.unitId);
        },
        record: async ({ trx, before, now }) => {
          await repo.insertReturnRequest(trx, {
            ticketId: before.id,
            fromUnitId: before.unitId,
            reason: reason!,
            requestedAt: now,
            requestedBy: ctx.user!.userId,
            needsMainLeader: mainLeaderWhy !== null,
          });
          return mainLeaderWhy ? `${reason}（${mainLeaderWhy}，须主要领导审批并纪检备案）` : reason;
        },
      });
    },
  }),
);

builder.mutationField('requestExtension', (t: any) =>
  t.field({
    type: TicketRef,
    nullable: false,
    description: '申请延期（处置单位，复杂件）：领导批准后办结时限为受理起 15 个工作日',
    args: { ...idVersion(t), reason: t.arg.string({ required: true }) },
    resolve: (_r: unknown, args: any, ctx: Context) => {
      let reason: string | null = null;
      return runTicketStep(ctx, {
        operation: 'requestExtension',
        action: 'requestExtension',
        id: args.id,
        version: args.version,
        validate: (e) => {
          reason = textArg(e, 'reason', '延期理由', args.reason, { required: true, max: 2000 });
        },
        facts: async (trx, ticket) => ({ extensionPending: await repo.hasPendingExtension(trx, ticket.id) }),
        build: () => ({ type: 'requestExtension' }),
        record: async ({ trx, before, now }) => {
          await repo.insertExtensionRequest(trx, { ticketId: before.id, unitId: before.unitId, reason: reason!, requestedAt: now, requestedBy: ctx.user!.userId });
          return reason;
        },
      });
    },
  }),
);

// ——— steps on a request (return, extension, leader order) and callbacks ———

/** Reads a request row (scoped), then locks its ticket before the request: tickets are always locked first. */
async function lockRequestAndTicket(ctx: Context, trx: Trx, table: 'returnRequest' | 'extensionRequest' | 'leaderOrder', id: number, what: string, rawId: string) {
  const scoped = (q: any) => rowScope(ctx, table, q);
  const peek = (await scoped((trx as any).selectFrom(table).select(['id', 'ticketId']).where('id', '=', id)).executeTakeFirst()) as { ticketId: number } | undefined;
  if (!peek) throw notFound(what, rawId);
  const ticket = await repo.lockTicket(trx, peek.ticketId, (q) => rowScope(ctx, 'ticket', q));
  if (!ticket) throw notFound(what, rawId);
  const row =
    table === 'returnRequest' ? await repo.lockReturnRequest(trx, id, scoped)
    : table === 'extensionRequest' ? await repo.lockExtensionRequest(trx, id)
    : await repo.lockLeaderOrder(trx, id, scoped);
  if (!row) throw notFound(what, rawId);
  return { ticket, row };
}

async function decideReturnStep(ctx: Context, args: any, level: 'DEPUTY' | 'MAIN') {
  const operation = level === 'DEPUTY' ? 'decideReturn' : 'approveReturnAsMainLeader';
  const user = requireUser(ctx);
  const errors: FieldErrors = {};
  const note = textArg(errors, 'note', '审批意见', args.note, { required: !args.approve, max: 2000 });
  const filingRef = level === 'MAIN' ? textArg(errors, 'disciplineFilingRef', '纪检备案号', args.disciplineFilingRef, { max: 100 }) : null;
  let toUnitId: number | null = null;
  if (level === 'DEPUTY' && args.toUnitId != null) {
    toUnitId = toDbId(args.toUnitId);
    if (toUnitId === null) errors.toUnitId = '接收单位的编号无效';
  }
  failOnErrors(errors);
  const id = idArg(args.returnRequestId, '退单申请');
  return inTransaction(ctx, null, async (trx) => {
    const { ticket, row: req } = await lockRequestAndTicket(ctx, trx, 'returnRequest', id, '退单申请', String(args.returnRequestId));
    const actor = actorOf(user);
    const step = decideReturnRequest(
      req as any,
      level === 'DEPUTY' ? { level, approve: args.approve, toUnitId } : { level, approve: args.approve, disciplineFilingRef: req.disciplineFilingRef ?? null },
      actor,
    );
    if (!step.ok) raise(step, '退单申请', String(args.returnRequestId));
    // The filing is DISCIPLINE's record (recordDisciplineFiling): a number typed here must be the one on file.
    if (filingRef && filingRef !== req.disciplineFilingRef) {
      throw badInput('纪检备案号由纪检登记，主要领导不能填写或更改', { disciplineFilingRef: req.disciplineFilingRef ? `与纪检登记的备案号（${req.disciplineFilingRef}）不一致` : '尚未由纪检登记' });
    }
    if (ticket.status !== 'RETURN_PENDING') throw illegalTransition(`工单当前状态为「${stateLabel(ticket.status)}」，没有待审批的退单`, ticket.status);
    if (level === 'DEPUTY' && args.approve) {
      const unit = await repo.findUnit(trx, toUnitId!);
      if (!unit) throw badInput('接收单位不存在', { toUnitId: '接收单位不存在' });
      if (unit.streetId !== ticket.streetId) throw badInput('接收单位不属于该工单的街镇', { toUnitId: '不属于该工单的街镇' });
      if (!unit.active) throw badInput('接收单位已停用', { toUnitId: '已停用' });
    }
    const now = new Date();
    const values: Record<string, unknown> =
      level === 'DEPUTY'
        ? { status: step.status, toUnitId: step.toUnitId, decidedBy: user.userId, decidedAt: now, decisionNote: note }
        : { status: step.status, mainLeaderBy: user.userId, mainLeaderAt: now, mainLeaderNote: note };
    const updated = await repo.updateReturnRequest(trx, id, values);
    if (!updated) throw conflict();
    const who = level === 'DEPUTY' ? '分管领导' : '主要领导';
    const filed = level === 'MAIN' ? req.disciplineFilingRef : null;
    const eventNote = [`${who}${args.approve ? '批准' : '驳回'}退单`, note, filed ? `纪检备案号 ${filed}` : null].filter(Boolean).join('：');
    if (step.final) {
      const move = transition(ticket as any, { type: 'decideReturn', approve: step.status === 'APPROVED', toUnitId: step.toUnitId, at: now }, actor);
      if (!move.ok) raise(move, '工单', ticket.id);
      await applyTransition(ctx, trx, user, ticket, move, now, eventNote);
    } else {
      await appendTicketEvent(trx, {
        ticketId: ticket.id,
        actor: user,
        kind: 'RETURN_AWAITING_MAIN_LEADER',
        before: { returnStatus: req.status },
        after: { returnStatus: updated.status, toUnitId: updated.toUnitId },
        note: `${eventNote}（须主要领导审批并纪检备案后生效）`,
        at: now,
      });
    }
    await writeAudit(trx, { actor: user, operation, entity: 'return_request', entityId: id, before: req, after: updated, requestId: ctx.requestId });
    return updated;
  });
}

builder.mutationField('decideReturn', (t: any) =>
  t.field({
    type: objectRef('ReturnRequest'),
    nullable: false,
    description: '城运分管领导（领导职级 DEPUTY）审批退单：批准须指定接收单位，驳回须写明意见；需主要领导审批的申请批准后转「待主要领导审批」',
    args: { returnRequestId: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }), toUnitId: t.arg.id(), note: t.arg.string() },
    resolve: (_r: unknown, args: any, ctx: Context) => decideReturnStep(ctx, args, 'DEPUTY'),
  }),
);

builder.mutationField('approveReturnAsMainLeader', (t: any) =>
  t.field({
    type: objectRef('ReturnRequest'),
    nullable: false,
    description: '街道主要领导（领导职级 MAIN）审批退单（再次申请或被指定单位申请时）：批准须待纪检登记备案（recordDisciplineFiling）；disciplineFilingRef 可省略，填写时须与纪检登记的一致；须由作第一级审批者以外的人作出',
    args: {
      returnRequestId: t.arg.id({ required: true }),
      disciplineFilingRef: t.arg.string(),
      approve: t.arg.boolean({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_r: unknown, args: any, ctx: Context) => decideReturnStep(ctx, args, 'MAIN'),
  }),
);

builder.mutationField('recordDisciplineFiling', (t: any) =>
  t.field({
    type: objectRef('ReturnRequest'),
    nullable: false,
    description: '纪检登记退单备案（纪检）：待主要领导审批的退单须先由纪检登记备案号，主要领导方可批准',
    args: { returnRequestId: t.arg.id({ required: true }), disciplineFilingRef: t.arg.string({ required: true }), note: t.arg.string() },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const filingRef = textArg(errors, 'disciplineFilingRef', '纪检备案号', args.disciplineFilingRef, { required: true, max: 100 });
      const note = textArg(errors, 'note', '备注', args.note, { max: 2000 });
      failOnErrors(errors);
      const id = idArg(args.returnRequestId, '退单申请');
      return inTransaction(ctx, null, async (trx) => {
        const { ticket, row: req } = await lockRequestAndTicket(ctx, trx, 'returnRequest', id, '退单申请', String(args.returnRequestId));
        const refused = mayRecordDisciplineFiling(req as any, actorOf(user));
        if (refused) raise(refused, '退单申请', String(args.returnRequestId));
        const now = new Date();
        const updated = await repo.updateReturnRequest(trx, id, { disciplineFilingRef: filingRef, disciplineFiledBy: user.userId, disciplineFiledAt: now });
        if (!updated) throw conflict();
        await appendTicketEvent(trx, {
          ticketId: ticket.id,
          actor: user,
          kind: 'RETURN_DISCIPLINE_FILED',
          after: { returnRequestId: id, disciplineFilingRef: filingRef },
          note: [`纪检备案 ${filingRef}`, note].filter(Boolean).join('：'),
          at: now,
        });
        await writeAudit(trx, { actor: user, operation: 'recordDisciplineFiling', entity: 'return_request', entityId: id, before: req, after: updated, requestId: ctx.requestId });
        return updated;
      });
    },
  }),
);

builder.mutationField('decideExtension', (t: any) =>
  t.field({
    type: ExtensionRequestRef,
    nullable: false,
    description: '领导审批延期申请：批准后办结时限按延期规则重算；驳回须写明意见',
    args: { extensionRequestId: t.arg.id({ required: true }), approve: t.arg.boolean({ required: true }), note: t.arg.string() },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const note = textArg(errors, 'note', '审批意见', args.note, { required: !args.approve, max: 2000 });
      failOnErrors(errors);
      const id = idArg(args.extensionRequestId, '延期申请');
      return inTransaction(ctx, null, async (trx) => {
        const { ticket, row: req } = await lockRequestAndTicket(ctx, trx, 'extensionRequest', id, '延期申请', String(args.extensionRequestId));
        if (req.status !== 'PENDING') {
          throw illegalTransition(`延期申请当前状态为「${req.status === 'APPROVED' ? '已批准' : '已驳回'}」，不能再审批`, req.status);
        }
        const now = new Date();
        const eventNote = [`${args.approve ? '批准' : '驳回'}延期`, note].filter(Boolean).join('：');
        if (args.approve) {
          const step = transition(ticket as any, { type: 'approveExtension', approve: true }, actorOf(user));
          if (!step.ok) raise(step, '延期申请', String(args.extensionRequestId));
          await applyTransition(ctx, trx, user, ticket, step, now, eventNote);
        } else {
          // A refusal changes nothing on the ticket; it is only recorded.
          await appendTicketEvent(trx, { ticketId: ticket.id, actor: user, kind: 'EXTENSION_REJECTED', note: eventNote, at: now });
        }
        const updated = await repo.updateExtensionRequest(trx, id, { status: args.approve ? 'APPROVED' : 'REJECTED', decidedBy: user.userId, decidedAt: now, decisionNote: note });
        if (!updated) throw conflict();
        await writeAudit(trx, { actor: user, operation: 'decideExtension', entity: 'extension_request', entityId: id, before: req, after: updated, requestId: ctx.requestId });
        return updated;
      });
    },
  }),
);

builder.mutationField('recordCallback', (t: any) =>
  t.field({
    type: objectRef('Callback'),
    nullable: false,
    description: '登记回访（城运中心）：已办结工单的回访结果；不满意件进入当日推送，连续两次不满意提级至分管领导',
    args: {
      ticketId: t.arg.id({ required: true }),
      calledAt: t.arg({ type: 'DateTime', required: true }),
      result: t.arg({ type: enumType(CallbackResult), required: true }),
      note: t.arg.string(),
    },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const note = textArg(errors, 'note', '备注', args.note, { max: 2000 });
      if ((args.calledAt as Date).getTime() > Date.now() + FUTURE_SKEW_MS) errors.calledAt = '回访时间不能晚于当前时间';
      failOnErrors(errors);
      const id = idArg(args.ticketId, '工单');
      return inTransaction(ctx, null, async (trx) => {
        const ticket = await repo.lockTicket(trx, id, (q) => rowScope(ctx, 'ticket', q));
        if (!ticket) throw notFound('工单', String(args.ticketId));
        const step = transition(ticket as any, { type: 'recordCallback' }, actorOf(user), await callerFacts(ctx, ticket, trx));
        if (!step.ok) raise(step, '工单', String(args.ticketId));
        if (ticket.closedAt && args.calledAt < ticket.closedAt) throw badInput('回访时间不能早于办结时间', { calledAt: '早于办结时间' });
        const same = await trx.selectFrom('callback').select('id').where('ticketId', '=', id).where('calledAt', '=', args.calledAt).executeTakeFirst();
        if (same) throw badInput('该工单在此时间已有回访记录', { calledAt: '已有回访记录' });
        const callback = await repo.insertCallback(trx, { ticketId: id, calledAt: args.calledAt, result: args.result, caller: user.username, note });
        await appendTicketEvent(trx, { ticketId: id, actor: user, kind: step.event, after: { callbackId: callback.id, calledAt: callback.calledAt, result: callback.result }, note, at: new Date() });
        await writeAudit(trx, { actor: user, operation: 'recordCallback', entity: 'callback', entityId: callback.id, after: callback, requestId: ctx.requestId });
        return callback;
      });
    },
  }),
);

builder.mutationField('issueLeaderOrder', (t: any) =>
  t.field({
    type: objectRef('LeaderOrder'),
    nullable: false,
    description: '下达领导督办单（领导）：已办结工单重办，自督办起 2 个工作日内办结（期限可配置）',
    args: { ticketId: t.arg.id({ required: true }), leaderName: t.arg.string({ required: true }), reason: t.arg.string({ required: true }), version: t.arg.int() },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const leaderName = textArg(errors, 'leaderName', '督办领导', args.leaderName, { required: true, max: 50 });
      const reason = textArg(errors, 'reason', '督办事由', args.reason, { required: true, max: 2000 });
      failOnErrors(errors);
      const id = idArg(args.ticketId, '工单');
      return inTransaction(ctx, null, async (trx) => {
        const ticket = await repo.lockTicket(trx, id, (q) => rowScope(ctx, 'ticket', q));
        if (!ticket) throw notFound('工单', String(args.ticketId));
        if (args.version != null && ticket.version !== args.version) throw conflict();
        const now = new Date();
        const step = transition(ticket as any, { type: 'reopen', kind: 'LEADER_SUPERVISION', at: now }, actorOf(user));
        if (!step.ok) raise(step, '工单', String(args.ticketId));
        const config = await loadDueTimeConfig(trx, ctx.db);
        await applyTransition(ctx, trx, user, ticket, step, now, `领导督办单（${leaderName}）：${reason}`, { config });
        const order = await repo.insertLeaderOrder(trx, {
          ticketId: id,
          leaderName: leaderName!,
          issuedAt: now,
          dueAt: leaderOrderDue(now, ticket.category, config.rules, config.calendar),
          reason: reason!,
          issuedBy: user.userId,
        });
        await writeAudit(trx, { actor: user, operation: 'issueLeaderOrder', entity: 'leader_order', entityId: order.id, after: order, requestId: ctx.requestId });
        return order;
      });
    },
  }),
);

builder.mutationField('completeLeaderOrder', (t: any) =>
  t.field({
    type: objectRef('LeaderOrder'),
    nullable: false,
    description: '办结领导督办单：须填写书面办结说明，且工单已提交办结或已办结',
    args: { id: t.arg.id({ required: true }), completionNote: t.arg.string({ required: true }) },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const completionNote = textArg(errors, 'completionNote', '办结说明', args.completionNote, { required: true, max: 4000 });
      failOnErrors(errors);
      const id = idArg(args.id, '领导督办单');
      return inTransaction(ctx, null, async (trx) => {
        const { ticket, row: order } = await lockRequestAndTicket(ctx, trx, 'leaderOrder', id, '领导督办单', String(args.id));
        if (order.completedAt) throw illegalTransition('领导督办单当前状态为「已办结」，不能重复办结', 'COMPLETED');
        const refused = mayCompleteLeaderOrder(ticket as any, actorOf(user));
        if (refused) raise(refused, '领导督办单', String(args.id));
        const now = new Date();
        const updated = await repo.updateLeaderOrder(trx, id, { completionNote, completedAt: now, completedBy: user.userId });
        if (!updated) throw conflict();
        const late = now > updated.dueAt;
        await appendTicketEvent(trx, {
          ticketId: ticket.id,
          actor: user,
          kind: 'LEADER_ORDER_COMPLETED',
          after: { leaderOrderId: id, completedAt: now, overdue: late },
          note: completionNote,
          at: now,
        });
        await writeAudit(trx, { actor: user, operation: 'completeLeaderOrder', entity: 'leader_order', entityId: id, before: order, after: updated, requestId: ctx.requestId });
        return updated;
      });
    },
  }),
);

// ——— supervision reports ———

interface ReturnCount { unitId: number; requested: number; approved: number; rejected: number; pending: number }
const ReturnCountRow = builder.objectRef<ReturnCount>('ReturnCountRow').implement({
  description: '某单位当月退单情况：申请数（按申请时间）、批准数与驳回数（按最终审批时间）、当月申请仍在审批中的数量',
  fields: (t) => ({
    unit: t.field({ type: objectRef('Unit'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('unit').load(r.unitId) as any }),
    requested: t.exposeInt('requested', { nullable: false }),
    approved: t.exposeInt('approved', { nullable: false }),
    rejected: t.exposeInt('rejected', { nullable: false }),
    pending: t.exposeInt('pending', { nullable: false }),
  }),
});

builder.queryField('returnCounts', (t) =>
  t.field({
    type: [ReturnCountRow],
    nullable: false,
    description: '退单统计：街镇内各单位某月（YYYY-MM）的退单申请、批准、驳回数（约谈依据）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      if (!MONTH_RE.test(args.month)) throw badInput('月份格式应为 YYYY-MM', { month: '格式应为 YYYY-MM' });
      const streetId = toDbId(args.streetId);
      if (streetId === null) return [];
      const [from, to] = monthRange(args.month);
      return repo.returnCountsByUnit(ctx.db, streetId, from, to);
    },
  }),
);

interface DigestItem { ticketId: number; callbackId: number; firstCallback: boolean; consecutiveUnsatisfied: number; escalated: boolean; level: number }
interface DigestGroup { unitId: number; items: DigestItem[] }

const UnsatisfiedDigestItem = builder.objectRef<DigestItem>('UnsatisfiedDigestItem').implement({
  description: '当日回访不满意的一件工单',
  fields: (t) => ({
    ticket: t.field({ type: TicketRef, nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('ticket').load(r.ticketId) as any }),
    callback: t.field({ type: objectRef('Callback'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('callback').load(r.callbackId) as any }),
    firstCallback: t.exposeBoolean('firstCallback', { nullable: false, description: '首次回访（此前没有接通的回访）' }),
    consecutiveUnsatisfied: t.exposeInt('consecutiveUnsatisfied', { nullable: false, description: '连续不满意次数（含本次）' }),
    escalated: t.exposeBoolean('escalated', { nullable: false, description: '连续两次及以上不满意，提级至分管领导' }),
    level: t.exposeInt('level', { nullable: false, description: '推送级别：1 单位负责人，2 分管领导' }),
  }),
});

const UnsatisfiedDigestGroup = builder.objectRef<DigestGroup>('UnsatisfiedDigestGroup').implement({
  description: '不满意件每日推送：一个单位（推送给单位负责人，提级件同时推送分管领导）',
  fields: (t) => ({
    unit: t.field({ type: objectRef('Unit'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('unit').load(r.unitId) as any }),
    unitHead: t.string({ description: '单位负责人', resolve: async (r, _a, ctx) => ((await ctx.loaders.byId('unit').load(r.unitId)) as Row | null)?.head ?? null }),
    deputyLeader: t.string({ description: '分管领导', resolve: async (r, _a, ctx) => ((await ctx.loaders.byId('unit').load(r.unitId)) as Row | null)?.deputyLeader ?? null }),
    escalatedCount: t.int({ nullable: false, resolve: (r) => r.items.filter((i) => i.escalated).length }),
    items: t.field({ type: [UnsatisfiedDigestItem], nullable: false, resolve: (r) => r.items }),
  }),
});

builder.queryField('unsatisfiedDigest', (t) =>
  t.field({
    type: [UnsatisfiedDigestGroup],
    nullable: false,
    description: '不满意件每日推送：街镇内某日（本地日期）回访不满意的工单，按承办单位分组；首次回访标注，连续两次不满意提级',
    args: { streetId: t.arg.id({ required: true }), date: t.arg({ type: 'Date', required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      const streetId = toDbId(args.streetId);
      if (streetId === null) return [];
      const dayStart = shanghaiStartOfDay(args.date);
      const dayEnd = shanghaiStartOfDay(addDays(args.date, 1));
      const { tickets, callbacks } = await repo.digestInputs(ctx.db, streetId, dayStart, dayEnd, (q) => rowScope(ctx, 'ticket', q));
      const unitOf = new Map(tickets.map((t) => [t.id, t.unitId]));
      const groups = new Map<number, DigestItem[]>();
      for (const e of unsatisfiedEntries(callbacks, dayStart, dayEnd)) {
        const unitId = unitOf.get(e.ticketId)!;
        if (!groups.has(unitId)) groups.set(unitId, []);
        groups.get(unitId)!.push(e);
      }
      return [...groups.entries()]
        .map(([unitId, items]) => ({ unitId, items }))
        .sort((a, b) => b.items.filter((i) => i.escalated).length - a.items.filter((i) => i.escalated).length || b.items.length - a.items.length || a.unitId - b.unitId);
    },
  }),
);
