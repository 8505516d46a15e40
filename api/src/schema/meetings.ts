// Meetings as a register (domain.md §5b): Meeting and MeetingDecision in the react-admin shape, a decision marked done
// by its owner (completeMeetingDecision), the agenda a new meeting starts from (meetingAgendaDraft) and the people of
// a street a decision may name (meetingPeople). 领导小组点评 (三.5) and 一事一议 (四(四)) are meetings of their kind.
import type { Transaction } from 'kysely';
import type { Database } from '../db/types';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { can, type Access, type Role } from '../auth/roles';
import { rowScope } from '../auth/scope';
import { badInput, conflict, forbidden, illegalTransition, notFound, type FieldErrors } from '../errors';
import { getRow } from '../repos/crud';
import { writeAudit } from '../repos/audit';
import { MEETING_KINDS, meetingAgendaDraft } from '../repos/meetings';
import { shanghaiDate } from '../domain/time';
import { date, dateTime, oneOf, ref, STREET, text, TICKET, UNIT, USER } from './fields';
import { defineResource, enumType, inTransaction, objectRef, toDbId, type Row } from './resource';

export const MeetingKind = { enum: 'MeetingKind', values: MEETING_KINDS } as const;
export const DecisionStatus = { enum: 'DecisionStatus', values: ['OPEN', 'DONE'] } as const;

/** Who keeps the register (domain.md §8: 城运中心 and the street's leaders; ADMIN is implied). */
const WRITERS: Role[] = ['OPS', 'LEADER'];
const ACCESS: Access = { read: ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'API_READER'], write: WRITERS };
const MEETING = { table: 'meeting', type: 'Meeting' };

const idList = (name: string, label: string) => ({ ...ref(name, label, TICKET), name, list: true, ref: undefined });

defineResource({
  name: 'Meeting',
  table: 'meeting',
  label: '会议',
  access: ACCESS,
  defaultSort: { field: 'heldOn', order: 'desc' },
  fields: [
    ref('street', '街镇', STREET, { required: true, createOnly: true }),
    oneOf(MeetingKind)('kind', '会议类型', { required: true }),
    date('heldOn', '会议日期', { required: true }),
    text('chair', '主持人', { search: true, maxLength: 100 }),
    text('attendees', '参会人员', { maxLength: 1000 }),
    text('agenda', '议程', { maxLength: 8000 }),
    text('minutes', '会议纪要', { search: true, maxLength: 20000 }),
    idList('ticketIds', '关联工单（一事一议）'),
  ],
  hooks: {
    prepare: async ({ trx, before, values }) => {
      if (values.ticketIds === null) values.ticketIds = [];
      const streetId = before?.streetId ?? values.streetId;
      const errors: FieldErrors = {};
      if (values.ticketIds?.length && streetId != null) {
        const tickets = await trx.selectFrom('ticket').select(['id', 'streetId']).where('id', 'in', values.ticketIds).execute();
        if (tickets.some((t) => t.streetId !== streetId)) errors.ticketIds = '关联工单须为本街镇的工单';
      }
      // A later meeting date must not pass a decision's due date.
      if (before && values.heldOn) {
        const early = await trx.selectFrom('meetingDecision').select('dueOn').where('meetingId', '=', before.id).where('dueOn', '<', values.heldOn).orderBy('dueOn').executeTakeFirst();
        if (early) errors.heldOn = `会议日期不能晚于议定事项的完成期限 ${early.dueOn}`;
      }
      if (before) Object.assign(errors, await keepHeldRecords(trx, before, values));
      return errors;
    },
  },
  extraFields: (t) => ({
    decisions: t.field({
      type: [objectRef('MeetingDecision')],
      nullable: false,
      description: '议定事项',
      resolve: (r: Row, _a: unknown, ctx: Context) => ctx.loaders.children('meetingDecision', 'meetingId').load(r.id),
    }),
    escalations: t.field({
      type: [objectRef('Escalation')],
      nullable: false,
      description: '本次会议议定的提级办理（一事一议）事项',
      resolve: (r: Row, _a: unknown, ctx: Context) => ctx.loaders.children('escalation', 'meetingId').load(r.id),
    }),
    reviews: t.field({
      type: [objectRef('Review')],
      nullable: false,
      description: '本次会议点评的分级点评',
      resolve: (r: Row, _a: unknown, ctx: Context) => ctx.loaders.children('review', 'meetingId').load(r.id),
    }),
  }),
});

/**
 * The escalations (一事一议) and reviews (分级点评) held at a meeting follow it: they take a new meeting date, and the
 * meeting cannot become a kind that does not hold them.
 */
async function keepHeldRecords(trx: Transaction<Database>, before: Row, values: Record<string, any>): Promise<FieldErrors> {
  const [esc, rev] = await Promise.all([
    trx.selectFrom('escalation').select(({ fn }) => fn.countAll<number>().as('n')).where('meetingId', '=', before.id).executeTakeFirstOrThrow(),
    trx.selectFrom('review').select(({ fn }) => fn.countAll<number>().as('n')).where('meetingId', '=', before.id).executeTakeFirstOrThrow(),
  ]);
  const kind = values.kind ?? before.kind;
  if (Number(rev.n) && kind !== 'LEADING_GROUP') return { kind: `本会议有 ${rev.n} 条分级点评，会议类型须为领导小组会议` };
  if (Number(esc.n) && kind !== 'SPECIAL' && kind !== 'LEADING_GROUP') return { kind: `本会议议定了 ${esc.n} 项一事一议，会议类型须为专题会议或领导小组会议` };
  if (Number(esc.n) && values.heldOn && values.heldOn !== before.heldOn) {
    await trx
      .updateTable('escalation')
      .set((eb) => ({ meetingDate: values.heldOn, version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('meetingId', '=', before.id)
      .execute();
  }
  return {};
}

defineResource({
  name: 'MeetingDecision',
  table: 'meetingDecision',
  label: '会议议定事项',
  access: ACCESS,
  defaultSort: { field: 'dueOn', order: 'asc' },
  fields: [
    ref('meeting', '会议', MEETING, { required: true, createOnly: true }),
    text('text', '议定事项', { required: true, search: true, maxLength: 2000 }),
    ref('ownerUnit', '责任单位', UNIT),
    ref('ownerUser', '责任人', USER),
    date('dueOn', '完成期限'),
    oneOf(DecisionStatus)('status', '状态'),
    text('doneNote', '办结说明', { maxLength: 4000 }),
    dateTime('doneAt', '办结时间', { readOnly: true }),
    ref('doneBy', '办结人', USER, { readOnly: true, column: 'doneBy' }),
  ],
  hooks: {
    prepare: async ({ ctx, trx, before, values }) => {
      const m = { ...(before ?? {}), ...values };
      const errors: FieldErrors = {};
      const meeting = m.meetingId == null ? undefined : await trx.selectFrom('meeting').select(['streetId', 'heldOn']).where('id', '=', m.meetingId).executeTakeFirst();
      if (m.meetingId != null && !meeting) errors.meetingId = '会议不存在';
      if (m.ownerUnitId == null && m.ownerUserId == null) errors.ownerUnitId = '请指定责任单位或责任人';
      if (meeting) {
        if (values.ownerUnitId != null) {
          const unit = await trx.selectFrom('unit').select('streetId').where('id', '=', values.ownerUnitId).executeTakeFirst();
          if (!unit) errors.ownerUnitId = '责任单位不存在';
          else if (unit.streetId !== meeting.streetId) errors.ownerUnitId = '责任单位不属于会议所在街镇';
        }
        if (values.ownerUserId != null) {
          const user = await trx.selectFrom('appUser').select('streetId').where('id', '=', values.ownerUserId).executeTakeFirst();
          if (!user) errors.ownerUserId = '责任人不存在';
          else if (user.streetId !== meeting.streetId) errors.ownerUserId = '责任人不属于会议所在街镇';
        }
        if (m.dueOn != null && m.dueOn < meeting.heldOn) errors.dueOn = `完成期限不能早于会议日期 ${meeting.heldOn}`;
      }
      if (values.status === null || (!before && values.status === undefined)) values.status = 'OPEN';
      const status = values.status ?? before?.status;
      if (status === 'DONE') {
        if (!m.doneNote || !String(m.doneNote).trim()) errors.doneNote = '标记办结须填写办结说明';
        if (before?.status !== 'DONE') {
          values.doneAt = ctx.now();
          values.doneBy = ctx.user?.userId ?? null;
        }
      } else if (before?.status === 'DONE') {
        // Reopened: the record of who closed it stays in the audit log.
        values.doneAt = null;
        values.doneBy = null;
      }
      return errors;
    },
  },
  extraFields: (t) => ({
    overdue: t.boolean({
      nullable: false,
      description: '未办结且已过完成期限',
      resolve: (r: Row, _a: unknown, ctx: Context) => r.status === 'OPEN' && r.dueOn != null && r.dueOn < shanghaiDate(ctx.now()),
    }),
  }),
});

builder.mutationField('completeMeetingDecision', (t: any) =>
  t.field({
    type: objectRef('MeetingDecision'),
    nullable: false,
    description: '办结会议议定事项：须填写办结说明；责任单位的经办人、责任人本人、城运中心或街道领导可办结',
    args: { id: t.arg.id({ required: true }), note: t.arg.string({ required: true }) },
    resolve: async (_r: unknown, args: { id: string; note: string }, ctx: Context) => {
      const user = requireUser(ctx);
      const note = (args.note ?? '').trim();
      if (!note) throw badInput('输入有误：办结说明为必填项', { note: '办结说明为必填项' });
      if (note.length > 4000) throw badInput('输入有误：办结说明不能超过 4000 个字', { note: '不能超过 4000 个字' });
      const id = toDbId(args.id);
      if (id === null) throw notFound('会议议定事项', args.id);
      return inTransaction(ctx, null, async (trx) => {
        const before = await getRow(trx, 'meetingDecision', id, (q) => rowScope(ctx, 'meetingDecision', q), true);
        const owner = !!before && ((user.userId != null && before.ownerUserId === user.userId) || (user.role === 'UNIT_HANDLER' && user.unitId != null && before.ownerUnitId === user.unitId));
        // A handler sees only its unit's decisions: another's is as if it did not exist.
        if (!before || (user.role === 'UNIT_HANDLER' && !owner)) throw notFound('会议议定事项', args.id);
        if (!owner && !can(user.role, WRITERS)) throw forbidden('只有责任单位、责任人、城运中心或街道领导可以办结该事项');
        if (before.status === 'DONE') throw illegalTransition('该议定事项已办结，不能重复办结', 'DONE');
        const after = await trx
          .updateTable('meetingDecision')
          .set((eb) => ({ status: 'DONE', doneNote: note, doneAt: ctx.now(), doneBy: user.userId, version: eb('version', '+', 1), updatedAt: new Date() }))
          .where('id', '=', id)
          .where('version', '=', before.version)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw conflict();
        await writeAudit(trx, { actor: user, operation: 'completeMeetingDecision', entity: 'meetingDecision', entityId: id, before, after, requestId: ctx.requestId });
        return after;
      });
    },
  }),
);

builder.queryField('meetingAgendaDraft', (t: any) =>
  t.field({
    type: ['String'],
    nullable: false,
    description: '会议议程草稿：上周（周例会）或上月的指标、不满意回访与超期未办结件数，以及以往会议尚未办结的议定事项，每行一项',
    args: { kind: t.arg({ type: enumType(MeetingKind), required: true }), streetId: t.arg.id({ required: true }), date: t.arg({ type: 'Date', required: true }) },
    resolve: async (_r: unknown, args: { kind: string; streetId: string; date: string }, ctx: Context) => {
      requireUser(ctx);
      const streetId = toDbId(args.streetId);
      const street = streetId === null ? undefined : await rowScope(ctx, 'street', ctx.db.selectFrom('street').select('id').where('id', '=', streetId)).executeTakeFirst();
      if (!street) throw notFound('街镇', args.streetId);
      return meetingAgendaDraft(ctx.db, { kind: args.kind, streetId: street.id, date: args.date, now: ctx.now() });
    },
  }),
);

interface Person { id: number; name: string; role: string; unitId: number | null }
const MeetingPerson = builder.objectRef<Person>('MeetingPerson').implement({
  description: '可作为议定事项责任人的本街镇人员',
  fields: (t) => ({
    id: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.id) }),
    name: t.exposeString('name', { nullable: false }),
    role: t.exposeString('role', { nullable: false }),
    unitId: t.field({ type: 'ID', resolve: (r) => (r.unitId == null ? null : String(r.unitId)) }),
  }),
});

builder.queryField('meetingPeople', (t: any) =>
  t.field({
    type: [MeetingPerson],
    nullable: false,
    description: '街镇的人员（姓名、角色、单位），供选择议定事项的责任人；不含接口只读账号',
    args: { streetId: t.arg.id({ required: true }) },
    resolve: async (_r: unknown, args: { streetId: string }, ctx: Context) => {
      requireUser(ctx);
      const streetId = toDbId(args.streetId);
      if (streetId === null) throw notFound('街镇', args.streetId);
      const rows = await ctx.db
        .selectFrom('appUser')
        .select(['id', 'username', 'displayName', 'role', 'unitId'])
        .where('streetId', '=', streetId)
        .where('role', '<>', 'API_READER')
        .where('active', '=', true)
        .orderBy('role')
        .orderBy('username')
        .limit(500)
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.displayName ?? r.username, role: r.role, unitId: r.unitId }));
    },
  }),
);
