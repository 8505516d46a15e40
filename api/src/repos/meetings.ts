// Meetings and their decisions (domain.md §5b): the decisions still open for a meeting pack, a decision marked
// done with its note, and the agenda a new meeting starts from (last week's or month's figures, open decisions).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import { nodeKpis } from '../reports/kpis';
import { addDays, isoWeekOf, isoWeekRange, monthOf, monthRange, shanghaiDate, shanghaiStartOfDay } from '../domain/time';

type Db = Kysely<Database> | Transaction<Database>;

export const MEETING_KINDS = ['WEEKLY', 'MONTHLY', 'PARTY_COMMITTEE', 'SPECIAL', 'LEADING_GROUP'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  WEEKLY: '城运周例会',
  MONTHLY: '月度例会',
  PARTY_COMMITTEE: '党工委专题汇报',
  SPECIAL: '专题会议',
  LEADING_GROUP: '领导小组会议',
};

export interface OpenDecision {
  id: number;
  meetingId: number;
  meetingKind: string;
  heldOn: string;
  text: string;
  ownerUnitId: number | null;
  ownerUnitName: string | null;
  ownerUserId: number | null;
  ownerUserName: string | null;
  dueOn: string | null;
  /** Past its due date on `asOf` (or today). */
  overdue: boolean;
}

/**
 * The decisions of a street's meetings still open on `asOf` (a local date; absent: now): decided at a meeting held
 * on or before it and not marked done by the end of that day. Earliest due first (overdue ones lead), undated last.
 * The meeting packs list these (domain.md §5b "the next pack lists the decisions still open").
 */
export async function openDecisions(db: Db, streetId: number, asOf?: string): Promise<OpenDecision[]> {
  const day = asOf ?? shanghaiDate(new Date());
  let q = db
    .selectFrom('meetingDecision as d')
    .innerJoin('meeting as m', 'm.id', 'd.meetingId')
    .leftJoin('unit as u', 'u.id', 'd.ownerUnitId')
    .leftJoin('appUser as p', 'p.id', 'd.ownerUserId')
    .where('m.streetId', '=', streetId)
    .select([
      'd.id', 'd.meetingId', 'm.kind as meetingKind', 'm.heldOn', 'd.text', 'd.ownerUnitId', 'u.name as ownerUnitName', 'd.ownerUserId',
      sql<string | null>`coalesce(p.display_name, p.username)`.as('ownerUserName'), 'd.dueOn',
    ]);
  if (asOf === undefined) q = q.where('d.status', '=', 'OPEN');
  else {
    const endOfDay = shanghaiStartOfDay(addDays(asOf, 1));
    q = q
      .where('m.heldOn', '<=', asOf)
      .where((eb) => eb.or([eb('d.status', '=', 'OPEN'), eb('d.doneAt', '>=', endOfDay)]));
  }
  const rows = await q.orderBy(sql`d.due_on asc nulls last`).orderBy('m.heldOn').orderBy('d.id').execute();
  return rows.map((r) => ({ ...r, overdue: r.dueOn != null && r.dueOn < day }));
}

/** Who owns a decision, for a line of text: 「城管中队」, 「张三」 or 「城管中队 张三」. */
export const ownerLabel = (d: { ownerUnitName: string | null; ownerUserName: string | null }) =>
  [d.ownerUnitName, d.ownerUserName].filter(Boolean).join(' ') || '未定';

export interface AgendaPeriod {
  label: string;
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The period a meeting of `kind` held on `date` looks back on: the previous ISO week for 周例会, else the previous month. */
export function agendaPeriod(kind: string, date: string): AgendaPeriod {
  if (kind === 'WEEKLY') {
    const [start, end] = isoWeekRange(isoWeekOf(addDays(date, -7)));
    return { label: '上周', from: shanghaiDate(start), to: addDays(shanghaiDate(end), -1), start, end };
  }
  const month = monthOf(addDays(`${date.slice(0, 7)}-01`, -1));
  const [start, end] = monthRange(month);
  return { label: `${Number(month.slice(5))} 月`, from: shanghaiDate(start), to: addDays(shanghaiDate(end), -1), start, end };
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七'];
const pct = (r: number | null) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * The agenda a new meeting starts from, one line per item: the period's figures (the same engine as `kpis`), the
 * 不满意 callbacks of the period and the tickets overdue and still open at its end, and the decisions still open.
 */
export async function meetingAgendaDraft(db: Db, a: { kind: string; streetId: number; date: string; now: Date }): Promise<string[]> {
  const p = agendaPeriod(a.kind, a.date);
  const asOf = a.now.getTime() < p.end.getTime() ? a.now : p.end;
  const [k] = await nodeKpis(db, { node: { type: 'STREET', id: a.streetId }, periods: [{ key: 'p', start: p.start, end: p.end }], now: a.now });
  const kpis = k!.kpis;
  const { unsatisfied } = await db
    .selectFrom('callback as c')
    .innerJoin('ticket as t', 't.id', 'c.ticketId')
    .where('t.streetId', '=', a.streetId)
    .where('c.result', '=', 'UNSATISFIED')
    .where('c.calledAt', '>=', p.start)
    .where('c.calledAt', '<', p.end)
    .select(sql<number>`count(*)::int`.as('unsatisfied'))
    .executeTakeFirstOrThrow();
  const { overdue } = await db
    .selectFrom('ticket as t')
    .where('t.streetId', '=', a.streetId)
    .where('t.receivedAt', '<', asOf)
    .where('t.completionDue', '<', asOf)
    .where((eb) => eb.or([eb('t.closedAt', 'is', null), eb('t.closedAt', '>', asOf)]))
    .select(sql<number>`count(*)::int`.as('overdue'))
    .executeTakeFirstOrThrow();
  // Drafted now: what is still open today, of the meetings before this one; overdue by this meeting's day.
  const open = (await openDecisions(db, a.streetId)).filter((d) => d.heldOn < a.date).map((d) => ({ ...d, overdue: d.dueOn != null && d.dueOn < a.date }));
  const lines = [
    `一、${p.label}（${p.from} 至 ${p.to}）指标：受理 ${kpis.receivedCount} 件，办结 ${kpis.closedCount} 件；先行联系率 ${pct(kpis.firstContactRate)}，按期完成率 ${pct(kpis.onTimeRate)}，实际解决率 ${pct(kpis.resolutionRate)}（实际解决占比 ${pct(kpis.actualResolvedShare)}），满意率 ${pct(kpis.satisfactionRate)}。`,
    `二、${p.label}不满意回访 ${unsatisfied} 件；截至 ${shanghaiDate(new Date(asOf.getTime() - 1))} 超期未办结工单 ${overdue} 件。`,
    `三、以往会议议定事项未办结 ${open.length} 项${open.length ? '：' : '。'}`,
    ...open.slice(0, 10).map((d, i) => `  ${i + 1}. ${d.text}（${ownerLabel(d)}${d.dueOn ? `，期限 ${d.dueOn}` : ''}${d.overdue ? '，已逾期' : ''}）`),
    ...(open.length > 10 ? [`  …另有 ${open.length - 10} 项`] : []),
  ];
  // A 专题会议 or the 领导小组 takes up the escalations not yet decided (一事一议); the 领导小组 the reviews awaiting its
  // comment (分级点评): each item is then linked to the meeting on its own record.
  if (a.kind === 'SPECIAL' || a.kind === 'LEADING_GROUP') {
    const pending = await db
      .selectFrom('escalation')
      .where('streetId', '=', a.streetId)
      .where('meetingId', 'is', null)
      .where((eb) => eb.or([eb('decision', 'is', null), eb(sql`trim(decision)`, '=', '')]))
      .select(['title', sql<number>`cardinality(ticket_ids)`.as('tickets')])
      .orderBy('id')
      .execute();
    lines.push(`${NUMERALS[lines.filter((l) => !l.startsWith(' ')).length + 1]}、提级办理（一事一议）待议定事项 ${pending.length} 项${pending.length ? '：' : '。'}`);
    lines.push(...pending.slice(0, 10).map((e, i) => `  ${i + 1}. ${e.title}${e.tickets ? `（关联工单 ${e.tickets} 件）` : ''}`));
    if (pending.length > 10) lines.push(`  …另有 ${pending.length - 10} 项`);
  }
  if (a.kind === 'LEADING_GROUP') {
    const reviews = await db
      .selectFrom('review as r')
      .innerJoin('unit as u', 'u.id', 'r.unitId')
      .where('u.streetId', '=', a.streetId)
      .where('r.meetingId', 'is', null)
      .where((eb) => eb.or([eb('r.leadingGroupComment', 'is', null), eb(sql`trim(r.leading_group_comment)`, '=', '')]))
      .select(['u.name', 'r.period'])
      .orderBy('r.id')
      .execute();
    lines.push(`${NUMERALS[lines.filter((l) => !l.startsWith(' ')).length + 1]}、分级点评待领导小组点评 ${reviews.length} 份${reviews.length ? '：' : '。'}`);
    lines.push(...reviews.slice(0, 10).map((r, i) => `  ${i + 1}. ${r.name}（${r.period}）`));
    if (reviews.length > 10) lines.push(`  …另有 ${reviews.length - 10} 份`);
  }
  lines.push(`${NUMERALS[lines.filter((l) => !l.startsWith(' ')).length + 1]}、其他事项。`);
  return lines;
}
