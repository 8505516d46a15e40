// Tickets (工单, domain.md §2) and their callbacks. Lifecycle actions come in their own module; here the
// register view: create, correct and read, with due times recomputed on every write.
import { sql } from 'kysely';
import { GraphQLError } from 'graphql';
import { builder } from '../builder';
import type { Context } from '../context';
import { defineResource, objectRef, resources, type Row } from './resource';
import { bool, dateTime, json, oneOf, ref, STREET, text, TICKET, UNIT, USER, int } from './fields';
import { CallbackResult, CallbackSource, FactFinding, ReopenKind, Resolution, TicketCategory, TicketChannel, TicketStatus } from './enums';
import { maskAddress, maskFreeText, maskPhone } from '../domain/personal';
import { keepHiddenPersonalData, personalText } from './personal';
import { scrubForAudit } from '../repos/audit';
import { RESOURCE_ACCESS, can } from '../auth/roles';
import { computeDueTimes, SlaConfigError, slaTicketOf } from '../domain/sla';
import { loadDueTimeConfig } from '../repos/calendar';
import { appendTicketEvent, repeatRoot, repointChildren, ticketDiff } from '../repos/tickets';
import { forbidden } from '../errors';
import { refreshWarningsForTickets } from '../repos/warnings';
import { refreshHotspotsForTickets } from '../repos/hotspots';
import { overdueCondition } from '../repos/overdue';
import { prefetchedOr } from './prefetch';

/** The ticket fields a hotspot warning depends on (repos/hotspots.ts). */
const HOTSPOT_INPUTS = ['topic', 'address', 'committeeName', 'committeeUnitId', 'unitId', 'receivedAt', 'streetId'] as const;

/** What a unit handler may change on its own unit's ticket through the register (the rest is workflow). */
const HANDLER_EDITABLE = new Set(['firstContactAt', 'demand', 'siteVisit', 'replyText', 'factFinding', 'factBasis', 'resolution']);
/** Texts that may repeat the citizen's phone or house number: masked like them (schema/personal.ts). */
const FREE_TEXT = ['content', 'demand', 'siteVisit', 'replyText', 'factBasis'] as const;
const ticketText = personalText('ticket', 'id');

defineResource({
  name: 'Ticket',
  table: 'ticket',
  label: '工单',
  deletable: false,
  defaultSort: { field: 'receivedAt', order: 'desc' },
  fields: [
    text('number', '工单编号', { required: true, search: true, maxLength: 40, createOnly: true }),
    ref('street', '所属街镇', STREET, { required: true, createOnly: true }),
    ref('unit', '承办单位', UNIT),
    oneOf(TicketCategory)('category', '工单类型', { required: true }),
    oneOf(TicketChannel)('channel', '渠道'),
    bool('urgent', '紧急'),
    text('topic', '诉求主题', { search: true, maxLength: 50 }),
    ticketText('content', '诉求内容', { search: true, maxLength: 4000 }),
    text('citizenName', '市民姓名', { maxLength: 50 }),
    text('citizenPhone', '联系电话', { maxLength: 40, resolve: (r, ctx) => phoneFor(r, ctx), reads: [] }),
    text('address', '地址', { maxLength: 200, resolve: (r, ctx) => addressFor(r, ctx), reads: [] }),
    text('committeeName', '所属居委', { maxLength: 100 }),
    ref('committeeUnit', '所属居委（单位）', UNIT, { readOnly: true }),
    oneOf(TicketStatus)('status', '状态', { readOnly: true }),
    dateTime('receivedAt', '受理时间', { required: true }),
    dateTime('dispatchedAt', '派单时间'),
    dateTime('acceptedAt', '签收时间'),
    dateTime('firstContactAt', '先行联系时间'),
    dateTime('submittedAt', '提交办结时间', { readOnly: true }),
    dateTime('closedAt', '办结时间', { readOnly: true }),
    dateTime('reopenedAt', '重办时间', { readOnly: true }),
    oneOf(ReopenKind)('reopenKind', '重办原因', { readOnly: true }),
    dateTime('firstContactDue', '先行联系时限', { readOnly: true }),
    dateTime('completionDue', '办结时限', { readOnly: true }),
    bool('extensionApproved', '已批准延期', { readOnly: true }),
    oneOf(FactFinding)('factFinding', '事实认定'),
    ticketText('factBasis', '认定依据', { maxLength: 2000 }),
    bool('unfoundedAccepted', '不属实认定已采纳'),
    oneOf(Resolution)('resolution', '结案评判'),
    ticketText('demand', '诉求认定', { maxLength: 2000 }),
    ticketText('siteVisit', '现场处置情况', { maxLength: 2000 }),
    ticketText('replyText', '答复内容', { maxLength: 4000 }),
    bool('difficult', '疑难件'),
    bool('concentrated', '集中投诉'),
    bool('callbackReview', '市区回访复核'),
    bool('reassigned', '重新交办'),
    bool('escalated', '提级办理', { readOnly: true }),
    text('leaderName', '派单领导', { maxLength: 50 }),
    int('redoCount', '重办次数', { readOnly: true }),
    ref('repeatOf', '重复工单的主单', TICKET),
  ],
  extraFilters: {
    // 状态（多选）: any of the given states (the list's 「全部未办结」 sends every open state); an empty list matches nothing.
    statuses: {
      type: TicketStatus,
      list: true,
      apply: (q, v: string[]) => (v.length ? q.where('status', 'in', [...new Set(v)]) : q.where((eb: any) => eb.lit(false))),
    },
    // 已超期: past its completion due and waiting on the unit, as 我的待办 counts it (repos/overdue.ts).
    overdue: {
      type: 'Boolean',
      apply: (q, v: boolean, ctx) => {
        const late = overdueCondition(ctx.now());
        return q.where(v ? late : sql<boolean>`not ${late}`);
      },
    },
    // 有预警: its repeat group has a warning that is not closed.
    hasWarning: {
      type: 'Boolean',
      apply: (q, v: boolean) => {
        const open = sql<boolean>`exists (select 1 from warning w where w.status <> 'CLOSED' and w.master_ticket_id = coalesce(ticket.repeat_of_id, ticket.id))`;
        return q.where(v ? open : sql<boolean>`not ${open}`);
      },
    },
  },
  hooks: {
    authorize: ({ ctx, op, before, values }) => {
      // A client that read masked values and sends the whole record back must not overwrite the real ones.
      if (before) keepHiddenPersonalData(ctx, before, values, FREE_TEXT);
      if (ctx.user?.role !== 'UNIT_HANDLER') return;
      if (op !== 'update' || !before) throw forbidden('单位经办人不能新建或删除工单');
      refuseHandlerChanges(before, values);
    },
    prepare: async ({ ctx, trx, op, before, values }) => {
      const merged = { ...(before ?? {}), ...values } as Row;
      if (op === 'create') {
        values.channel ??= 'HOTLINE';
        values.urgent ??= false;
        values.status = values.unitId ? 'DISPATCHED' : 'RECEIVED';
        if (values.unitId && !values.dispatchedAt) values.dispatchedAt = values.receivedAt;
        Object.assign(merged, values);
      }
      const errors: Record<string, string> = {};
      if (values.unitId != null) {
        const unit = await trx.selectFrom('unit').select(['streetId']).where('id', '=', values.unitId).executeTakeFirst();
        if (!unit) errors.unitId = '承办单位不存在';
        else if (unit.streetId !== merged.streetId) errors.unitId = '承办单位不属于该工单的街镇';
      }
      if ('committeeName' in values) {
        const c = values.committeeName
          ? await trx.selectFrom('unit').select('id').where('streetId', '=', merged.streetId).where('peerGroup', '=', 'RESIDENTIAL')
              .where((eb) => eb.or([eb('name', '=', values.committeeName), eb('name', '=', `${values.committeeName}居委`)])).executeTakeFirst()
          : undefined;
        values.committeeUnitId = c?.id ?? null;
      }
      if (values.repeatOfId != null) {
        const root = await repeatRoot(trx, values.repeatOfId);
        if (!root) errors.repeatOfId = '重复工单的主单不存在';
        else if (before && root.id === before.id) errors.repeatOfId = '不能把工单标记为自己的重复件';
        else values.repeatOfId = root.id;
      }
      for (const [k, label] of [['firstContactAt', '先行联系时间'], ['acceptedAt', '签收时间'], ['dispatchedAt', '派单时间']] as const) {
        const v = merged[k] as Date | null;
        if (v && merged.receivedAt && v < merged.receivedAt) errors[k] = `${label}不能早于受理时间`;
      }
      if (Object.keys(errors).length) return errors;
      const { calendar, rules } = await loadDueTimeConfig(trx, ctx.db);
      try {
        const due = computeDueTimes(slaTicketOf(merged), rules, calendar);
        values.firstContactDue = due.firstContactDue;
        values.completionDue = due.completionDue;
      } catch (e) {
        if (e instanceof SlaConfigError) return { category: `时限规则缺失：${e.message}` };
        throw e;
      }
    },
    after: async ({ ctx, trx, op, before, after }) => {
      if (!after) return;
      if (before && after.repeatOfId != null && before.repeatOfId !== after.repeatOfId) await repointChildren(trx, after.id, after.repeatOfId);
      const diff = ticketDiff(before, after);
      if (op === 'create' || diff.changed) {
        await appendTicketEvent(trx, { ticketId: after.id, actor: ctx.user, kind: op === 'create' ? 'CREATED' : 'EDITED', before: diff.before, after: diff.after });
      }
      await refreshWarningsForTickets(trx, [after.id, before?.repeatOfId ?? null].filter((x): x is number => x != null));
      // 苗头 warnings (domain.md §5): a new ticket, or one whose topic, place, unit or day changed.
      if (!before || HOTSPOT_INPUTS.some((k) => String(before[k]) !== String(after[k]))) {
        await refreshHotspotsForTickets(trx, (before ? [after, before] : [after]) as unknown as Array<{ streetId: number; receivedAt: Date }>, ctx.now());
      }
    },
  },
  // Columns read by the Ticket fields other modules add (countdown.ts, calendar-year.ts, import.ts, workflow.ts); a
  // field missing here (dutyLeaderMay, allowedActions…) makes a query read every column.
  fieldReads: {
    writableFields: [],
    events: [],
    callbacks: [],
    completionWorkingMinutesLeft: ['status', 'completionDue'],
    firstContactWorkingMinutesLeft: ['status', 'firstContactAt', 'firstContactDue', 'category', 'channel', 'urgent', 'receivedAt', 'extensionApproved', 'reopenedAt', 'reopenKind'],
    dueProvisional: ['status', 'firstContactDue', 'completionDue'],
    dueProvisionalYear: ['status', 'firstContactDue', 'completionDue'],
    importNotes: ['importNotes'],
    returnRequests: [],
    closureAudits: [],
    leaderOrders: [],
    extensionRequests: [],
  },
  // Read with the ticket when the page asks for them (schema/prefetch.ts), else through the loaders.
  children: {
    events: {
      table: 'ticketEvent',
      foreignKey: 'ticketId',
      reads: { id: [], at: ['at'], kind: ['kind'], actorLabel: ['actorLabel'], actorName: ['actorUserId', 'actorLabel'], before: ['before'], after: ['after'], note: ['note'] },
      dateTimes: ['at'],
    },
    callbacks: { table: 'callback', foreignKey: 'ticketId', resource: 'Callback' },
  },
  extraFields: (t) => ({
    writableFields: t.stringList({
      nullable: false,
      description: '当前用户用 updateTicket 可修改的字段（单位经办人只能填写办理情况）',
      resolve: (_r: Row, _a: unknown, ctx: Context) => ticketWritableFields(ctx),
    }),
    events: t.field({
      type: [TicketEventRef],
      nullable: false,
      description: '处理经过（只增不改）',
      resolve: (r: Row, _a: unknown, ctx: Context) => prefetchedOr(r, 'events', () => ctx.loaders.children('ticketEvent', 'ticketId').load(r.id)),
    }),
    callbacks: t.field({
      type: [objectRef('Callback')],
      nullable: false,
      resolve: (r: Row, _a: unknown, ctx: Context) => prefetchedOr(r, 'callbacks', () => ctx.loaders.children('callback', 'ticketId').load(r.id)),
    }),
  }),
});

/** The update arguments the caller may change: none without write access, the handling fields for a unit handler. */
function ticketWritableFields(ctx: Context): string[] {
  const user = ctx.user;
  if (!user || !can(user.role, RESOURCE_ACCESS.Ticket!.write)) return [];
  const fields = resources.get('Ticket')!.fields.filter((f) => !f.readOnly && !f.createOnly).map((f) => f.name);
  return user.role === 'UNIT_HANDLER' ? fields.filter((f) => HANDLER_EDITABLE.has(f)) : fields;
}

/** The same value as stored, as the API read it back (an unchanged field in a whole record sent back). */
function sameValue(stored: unknown, sent: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : typeof v === 'string' ? v.trim() : v instanceof Date ? v.getTime() : v);
  const a = norm(stored);
  const b = norm(sent);
  if (typeof a === 'number' && typeof b === 'string') return a === new Date(b).getTime() || String(a) === b;
  return a === b;
}

/**
 * A unit handler fills in the handling (HANDLER_EDITABLE); fields sent back unchanged are no change, any other
 * change is refused naming each field: 「“承办单位”不能由处置单位修改」.
 */
function refuseHandlerChanges(before: Row, values: Record<string, any>) {
  const labels = new Map(resources.get('Ticket')!.fields.map((f) => [f.name, f.label]));
  const fieldErrors: Record<string, string> = {};
  for (const k of Object.keys(values)) {
    if (HANDLER_EDITABLE.has(k)) continue;
    if (sameValue(before[k], values[k])) delete values[k];
    else fieldErrors[k] = `“${labels.get(k) ?? k}”不能由处置单位修改`;
  }
  if (Object.keys(fieldErrors).length) {
    throw new GraphQLError(Object.values(fieldErrors).join('；'), { extensions: { code: 'FORBIDDEN', fieldErrors } });
  }
}

async function phoneFor(r: Row, ctx: Context) {
  if (!r.citizenPhone) return r.citizenPhone ?? null;
  if (ctx.user?.canReadPersonalData) {
    // Logged before it is shown: an unlogged read of personal data must not happen.
    await ctx.loaders.personalDataRead.load(`${r.id}:citizenPhone`);
    return r.citizenPhone;
  }
  return maskPhone(r.citizenPhone);
}

/** House numbers are personal data too (浦建路100弄5号 → 浦建路***); revealTicketPersonalData shows them with a reason. */
async function addressFor(r: Row, ctx: Context) {
  if (!r.address) return r.address ?? null;
  if (ctx.user?.canReadPersonalData) {
    await ctx.loaders.personalDataRead.load(`${r.id}:address`);
    return r.address;
  }
  return maskAddress(r.address);
}

const TicketEventRef = builder.objectRef<Row>('TicketEvent').implement({
  description: '工单处理经过中的一步',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    at: t.field({ type: 'DateTime', nullable: false, resolve: (r) => r.at }),
    kind: t.string({ nullable: false, resolve: (r) => r.kind }),
    actorLabel: t.string({ resolve: (r) => r.actorLabel }),
    actorName: t.string({
      description: '操作人的姓名（用户的显示名，没有时为登录名）；系统操作为空',
      resolve: async (r, _a, ctx) => (r.actorUserId == null ? r.actorLabel ?? null : ((await ctx.loaders.userName.load(Number(r.actorUserId))) ?? r.actorLabel ?? null)),
    }),
    // Stored scrubbed (repos/tickets.ts); older rows are masked on the way out for readers without the permission.
    before: t.field({ type: 'JSON', resolve: (r, _a, ctx) => (ctx.user?.canReadPersonalData ? r.before : scrubForAudit(r.before)) }),
    after: t.field({ type: 'JSON', resolve: (r, _a, ctx) => (ctx.user?.canReadPersonalData ? r.after : scrubForAudit(r.after)) }),
    note: t.string({ resolve: (r, _a, ctx) => (ctx.user?.canReadPersonalData ? r.note : maskFreeText(r.note)) }),
  }),
});

defineResource({
  name: 'Callback',
  table: 'callback',
  label: '回访',
  touch: false,
  defaultSort: { field: 'calledAt', order: 'desc' },
  fields: [
    ref('ticket', '工单', TICKET, { required: true, createOnly: true }),
    dateTime('calledAt', '回访时间', { required: true }),
    oneOf(CallbackResult)('result', '回访结果', { required: true }),
    bool('reached', '已接通', { readOnly: true }),
    text('caller', '回访人', { maxLength: 50 }),
    oneOf(CallbackSource)('source', '来源', { readOnly: true }),
    personalText('callback', 'ticketId')('note', '备注', { maxLength: 2000, search: true }),
  ],
  hooks: {
    // A callback belongs to a closed ticket and may reopen the matter: recordCallback checks that in one place.
    authorize: ({ op }) => {
      if (op === 'create') throw forbidden('回访请在工单页面登记（recordCallback）');
    },
  },
});

void json;
void USER;
