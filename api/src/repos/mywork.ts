// "My work" (我的待办): what waits for the caller, by role — counts and the first items of each list.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/types';
import type { LeaderRank, Role } from '../auth/roles';
import { sectionsForCaller, supervisionSections } from './mywork-supervision';
import { addDays, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import { DUE_SOON_WORKING_MS, workingCutoff } from '../domain/countdown';
import type { WorkCalendar } from '../domain/calendar';
import { loadDueTimeConfig } from './calendar';
import { overdueCondition } from './overdue';
import { calendarYearsSection } from './mywork-calendar';
import { keepWarningSection, warningSectionKeys, warningSections } from './mywork-warnings';
import { newReportsSection } from './mywork-reports';
import { keepMeetingSection, meetingSections } from './mywork-meetings';
import { keepSeasonSection, seasonSections } from './mywork-season';

type Db = Kysely<Database> | Transaction<Database>;

export interface WorkItem {
  /** The react-admin resource the row opens in, and its id. */
  resource: string;
  id: number;
  ticketId: number | null;
  ticketNumber: string | null;
  title: string | null;
  unitId: number | null;
  /** The deadline the item is measured against, when it has one. */
  due: Date | null;
  /** When the item started waiting. */
  since: Date | null;
  /** What `title` is made of, for a client that words it in its own language; absent when the title is data only. */
  parts?: WorkTitleParts | null;
}

/** Which sentence a to-do's title is (issue #15: the admin words it in English too; `title` stays the Chinese one). */
export const WORK_TITLE_KINDS = [
  'RECTIFICATION', 'ASSISTANCE', 'WARNING', 'UNSATISFIED_PUSH', 'NEGATIVE_QUOTA', 'LATE_ACCEPTANCE', 'DIGEST_WARNING',
  'DIGEST_HOTSPOT', 'MEETING_DECISION', 'PROACTIVE_TASK', 'NEW_REPORT', 'CALENDAR_YEAR',
] as const;
export type WorkTitleKind = (typeof WORK_TITLE_KINDS)[number];

/** The pieces of a title: names and texts as stored (data), days as YYYY-MM-DD, kinds and levels as codes. */
export interface WorkTitleParts {
  kind: WorkTitleKind;
  unitName?: string | null;
  streetName?: string | null;
  dueDay?: string | null;
  day?: string | null;
  month?: string | null;
  period?: string | null;
  level?: string | null;
  count?: number | null;
  escalatedCount?: number | null;
  allowed?: number | null;
  exceeded?: boolean | null;
  confirmed?: boolean | null;
  accepted?: boolean | null;
  specialStudy?: boolean | null;
  topic?: string | null;
  place?: string | null;
  text?: string | null;
  meetingKind?: string | null;
  reportKind?: string | null;
  year?: number | null;
  urgent?: boolean | null;
}

export interface WorkSection {
  key: string;
  resource: string;
  count: number;
  items: WorkItem[];
}

const OPEN_HELD = ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED'];

/** Which lists each role sees (ADMIN sees the OPS and LEADER ones). */
export const SECTIONS_BY_ROLE: Partial<Record<Role, string[]>> = {
  UNIT_HANDLER: ['toAccept', 'toContact', 'redo', 'overdue', 'dueSoon', 'leaderOrders', 'unsatisfiedPush', 'meetingDecisions', 'proactiveTasks'],
  OPS: ['toDispatch', 'toAudit', 'newWarnings', 'overdue', 'interviewFollowUps', 'assistanceFollowUps', 'calendarYears', 'meetingDecisions', 'newReports', 'proactiveTasks'],
  // Split by rank (mywork-supervision.ts RANK_ONLY): 分管领导 and 主要领导 each get their own.
  LEADER: ['returnsDeputy', 'returnsMain', 'redWarnings', 'specialStudy', 'newWarnings', 'unsatisfiedPush', 'extensions', 'leaderOrders', 'interviewFollowUps', 'meetingDecisions'],
  DISCIPLINE: ['returnsToFile', 'meetingDecisions'],
  ADMIN: ['toDispatch', 'toAudit', 'newWarnings', 'overdue', 'returnsDeputy', 'returnsMain', 'extensions', 'leaderOrders', 'interviewFollowUps', 'assistanceFollowUps', 'specialStudy', 'unsatisfiedPush', 'calendarYears', 'meetingDecisions', 'newReports', 'proactiveTasks'],
  PARTY_OFFICE: ['meetingDecisions'],
};

/** `streetId`: the caller's street (auth/scope.ts callerScope); null = every street. */
interface Caller { role: Role; unitId: number | null; userId: number | null; leaderRank?: LeaderRank | null; streetId?: number | null }

/** `calendar`: the request's working-day calendar (read from the database when not given). */
export async function myWork(db: Db, caller: Caller, now: Date, limit = 5, calendar?: WorkCalendar): Promise<WorkSection[]> {
  const keys = sectionsForCaller([...(SECTIONS_BY_ROLE[caller.role] ?? []), ...warningSectionKeys(caller)], caller);
  const unit = caller.role === 'UNIT_HANDLER' ? (caller.unitId ?? -1) : null;
  const street = caller.streetId ?? null;
  const tickets = () => {
    let q = db.selectFrom('ticket');
    if (unit !== null) q = q.where('ticket.unitId', '=', unit);
    if (street !== null) q = q.where('ticket.streetId', '=', street);
    return q;
  };
  const ticketSection = async (key: string, where: (q: any) => any, dueCol: 'completionDue' | 'firstContactDue', sinceCol: string, order: 'due' | 'since' = 'due') => {
    const base = where(tickets());
    const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['ticket.id', 'ticket.number', 'ticket.topic', 'ticket.unitId', `ticket.${dueCol} as due`, `ticket.${sinceCol} as since`])
      .orderBy(order === 'due' ? `ticket.${dueCol}` : `ticket.${sinceCol}`)
      .orderBy('ticket.id')
      .limit(limit)
      .execute();
    return {
      key,
      resource: 'Ticket',
      count: Number(n),
      items: rows.map((r: any) => ({ resource: 'Ticket', id: r.id, ticketId: r.id, ticketNumber: r.number, title: r.topic, unitId: r.unitId, due: r.due, since: r.since })),
    };
  };
  const childSection = async (key: string, table: 'returnRequest' | 'extensionRequest' | 'leaderOrder', where: (q: any) => any, sinceCol: string, dueCol?: string, titleCol = 'reason') => {
    let base = where(db.selectFrom(`${table} as x` as any).innerJoin('ticket', 'ticket.id', 'x.ticketId' as any));
    if (unit !== null) base = base.where('ticket.unitId', '=', unit);
    if (street !== null) base = base.where('ticket.streetId', '=', street);
    const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['x.id', 'ticket.id as ticketId', 'ticket.number', 'ticket.unitId', `x.${titleCol} as title`, `x.${sinceCol} as since`, ...(dueCol ? [`x.${dueCol} as due`] : ['ticket.completionDue as due'])])
      .orderBy(`x.${sinceCol}`)
      .orderBy('x.id')
      .limit(limit)
      .execute();
    const resource = table === 'returnRequest' ? 'ReturnRequest' : table === 'extensionRequest' ? 'ExtensionRequest' : 'LeaderOrder';
    return {
      key,
      resource,
      count: Number(n),
      items: rows.map((r: any) => ({ resource, id: r.id, ticketId: r.ticketId, ticketNumber: r.number, title: r.title, unitId: r.unitId, due: r.due, since: r.since })),
    };
  };

  const build: Record<string, () => Promise<WorkSection>> = {
    toAccept: () => ticketSection('toAccept', (q) => q.where('ticket.status', '=', 'DISPATCHED'), 'firstContactDue', 'dispatchedAt'),
    toContact: () => ticketSection('toContact', (q) => q.where('ticket.status', '=', 'ACCEPTED').where('ticket.firstContactAt', 'is', null), 'firstContactDue', 'acceptedAt'),
    redo: () =>
      ticketSection('redo', (q) => q.where('ticket.status', '=', 'IN_PROGRESS').where((eb: any) => eb.or([eb('ticket.redoCount', '>', 0), eb('ticket.reopenedAt', 'is not', null)])), 'completionDue', 'updatedAt'),
    overdue: () =>
      ticketSection('overdue', (q) => q.where(overdueCondition(now)), 'completionDue', 'receivedAt'),
    // 1 个工作日内到期: at most one working day left, as the red due badge counts it (domain/countdown.ts) — the
    // cut-off is found on the calendar once, so a weekend or holiday in between does not hide Monday's deadlines.
    dueSoon: async () => {
      const cutoff = workingCutoff(now, DUE_SOON_WORKING_MS, calendar ?? (await loadDueTimeConfig(db)).calendar);
      return ticketSection('dueSoon', (q) => q.where('ticket.status', 'in', OPEN_HELD).where('ticket.completionDue', '>=', now).where('ticket.completionDue', '<=', cutoff), 'completionDue', 'receivedAt');
    },
    toDispatch: () => ticketSection('toDispatch', (q) => q.where('ticket.status', '=', 'RECEIVED'), 'firstContactDue', 'receivedAt'),
    // Earliest deadline first: the audit that must be done soonest (issue #15).
    toAudit: () => ticketSection('toAudit', (q) => q.where('ticket.status', '=', 'SUBMITTED'), 'completionDue', 'submittedAt'),
    returnsDeputy: () => childSection('returnsDeputy', 'returnRequest', (q) => q.where('x.status', '=', 'PENDING'), 'requestedAt'),
    returnsMain: () =>
      childSection('returnsMain', 'returnRequest', (q) => {
        const r = q.where('x.status', '=', 'AWAITING_MAIN_LEADER');
        // The 主要领导's step must be taken by another leader than the 分管领导 who approved the first level.
        return caller.role === 'LEADER' && caller.userId != null ? r.where((eb: any) => eb.or([eb('x.decidedBy', 'is', null), eb('x.decidedBy', '<>', caller.userId)])) : r;
      }, 'decidedAt'),
    returnsToFile: () => childSection('returnsToFile', 'returnRequest', (q) => q.where('x.status', '=', 'AWAITING_MAIN_LEADER').where('x.disciplineFilingRef', 'is', null), 'decidedAt'),
    extensions: () => childSection('extensions', 'extensionRequest', (q) => q.where('x.status', '=', 'PENDING'), 'requestedAt'),
    leaderOrders: () => childSection('leaderOrders', 'leaderOrder', (q) => q.where('x.completedAt', 'is', null), 'issuedAt', 'dueAt'),
    newWarnings: async () => {
      let base = db.selectFrom('warning').innerJoin('ticket', 'ticket.id', 'warning.masterTicketId').where('warning.status', '=', 'OPEN');
      if (street !== null) base = base.where('warning.streetId', '=', street);
      const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select(['warning.id', 'warning.masterTicketId', 'ticket.number', 'warning.unitId', 'warning.level', 'warning.count', 'warning.date', 'warning.createdAt', 'ticket.topic'])
        .orderBy(sql`case warning.level when 'RED' then 0 else 1 end`)
        .orderBy('warning.date', 'desc')
        .limit(limit)
        .execute();
      return {
        key: 'newWarnings',
        resource: 'Warning',
        count: Number(n),
        items: rows.map((r) => ({
          resource: 'Warning', id: r.id, ticketId: r.masterTicketId, ticketNumber: r.number,
          title: `${r.level === 'RED' ? '红色' : '黄色'} · ${r.date} · ${r.count} 件${r.topic ? ` · ${r.topic}` : ''}`,
          unitId: r.unitId, due: null, since: r.createdAt,
          parts: { kind: 'WARNING', level: r.level, day: String(r.date), count: r.count, topic: r.topic ?? null },
        })),
      };
    },
  };
  Object.assign(build, followUpSections(db, caller, now, limit));
  Object.assign(build, supervisionSections(db, caller, now, limit));
  build.calendarYears = () => calendarYearsSection(db, now);
  build.newReports = () => newReportsSection(db, street, now, limit);
  Object.assign(build, meetingSections(db, caller, now, limit));
  Object.assign(build, seasonSections(db, caller, now, limit));
  Object.assign(build, warningSections(db, caller, now, limit));
  const out: WorkSection[] = [];
  for (const k of keys) {
    const section = await build[k]!();
    if (!keepMeetingSection(caller.role, section) || !keepWarningSection(section) || !keepSeasonSection(section)) continue;
    out.push(section);
  }
  return out;
}

// ——— 约谈整改、帮扶跟踪 (domain.md §6) ———

/** The end (23:59:59.999 Shanghai) of a local date: a register's due date is met on that whole day. */
const endOfDay = (day: string) => new Date(shanghaiStartOfDay(addDays(day, 1)).getTime() - 1);

/**
 * Interviews whose rectification is due with no follow-up outcome recorded yet (a leader sees the ones they held:
 * the interviewer is their name or user name), and assistance still planned or ongoing, by its period end.
 * The earliest due first; one already past its date is overdue.
 */
function followUpSections(db: Db, caller: Caller, now: Date, limit: number): Record<string, () => Promise<WorkSection>> {
  const today = shanghaiDate(now);
  const section = async (key: string, resource: string, kind: WorkTitleKind, scoped: any, dueCol: string, sinceCol: string, title: (r: any) => string): Promise<WorkSection> => {
    const base = caller.streetId != null ? scoped.where('unit.streetId', '=', caller.streetId) : scoped;
    const { n } = await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select(['x.id', 'x.unitId', 'unit.name as unitName', `x.${dueCol} as dueDay`, `x.${sinceCol} as sinceDay`])
      .orderBy(sql`${sql.ref(`x.${dueCol}`)} asc nulls last`)
      .orderBy('x.id')
      .limit(limit)
      .execute();
    return {
      key,
      resource,
      count: Number(n),
      items: rows.map((r: any) => ({
        resource, id: r.id, ticketId: null, ticketNumber: null, title: title(r), unitId: r.unitId,
        due: r.dueDay ? endOfDay(r.dueDay) : null, since: r.sinceDay ? shanghaiStartOfDay(r.sinceDay) : null,
        // The unit is the row's own (unit names repeat across streets); overdue is the item's `overdue` (due < now).
        parts: { kind, unitName: r.unitName, dueDay: r.dueDay ?? null },
      })),
    };
  };
  return {
    interviewFollowUps: () => {
      let q = db
        .selectFrom('interview as x')
        .innerJoin('unit', 'unit.id', 'x.unitId')
        .where('x.rectificationDue', 'is not', null)
        .where((eb) => eb.or([eb('x.followUp', 'is', null), eb(sql`trim(x.follow_up)`, '=', '')]));
      if (caller.role === 'LEADER') {
        // interviewer is free text ("张三、李四"): the leader's display name or user name as one of its names.
        q = q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('appUser as me')
              .select('me.id')
              .where('me.id', '=', caller.userId ?? -1)
              .where(sql<boolean>`array[me.username, coalesce(me.display_name, me.username)] && regexp_split_to_array(trim(coalesce(x.interviewer, '')), '[、,，;；/ ]+')`),
          ),
        );
      }
      return section('interviewFollowUps', 'Interview', 'RECTIFICATION', q, 'rectificationDue', 'date', (r) => `${r.unitName} · 整改期限 ${r.dueDay}${r.dueDay < today ? ' · 已逾期' : ''}`);
    },
    assistanceFollowUps: () => {
      const q = db.selectFrom('assistance as x').innerJoin('unit', 'unit.id', 'x.unitId').where('x.status', 'in', ['PLANNED', 'ONGOING']);
      return section('assistanceFollowUps', 'Assistance', 'ASSISTANCE', q, 'periodTo', 'periodFrom', (r) =>
        `${r.unitName} · ${r.dueDay ? `帮扶至 ${r.dueDay}${r.dueDay < today ? ' · 已逾期' : ''}` : '未定结束日期'}`);
    },
  };
}

export interface RepeatSuggestion { ticketId: number; sameAddress: boolean; sameTopic: boolean }

/**
 * Likely masters for a ticket (重复件合并): other roots of its street received within 7 days before or after it
 * with the same address, or the same topic (then same residential committee first). Its own group is left out.
 */
export async function repeatSuggestions(db: Db, ticket: { id: number; streetId: number; address: string | null; topic: string | null; receivedAt: Date; repeatOfId: number | null }, restrict: (q: any) => any, limit = 10): Promise<RepeatSuggestion[]> {
  const address = ticket.address?.trim() || null;
  const topic = ticket.topic?.trim() || null;
  if (!address && !topic) return [];
  const week = 7 * 86_400_000;
  const own = ticket.repeatOfId ?? ticket.id;
  const rows = await restrict(
    db
      .selectFrom('ticket')
      .select(['ticket.id'])
      .select(sql<boolean>`coalesce(trim(ticket.address) = ${address}, false)`.as('sameAddress'))
      .select(sql<boolean>`coalesce(trim(ticket.topic) = ${topic}, false)`.as('sameTopic'))
      .where('ticket.streetId', '=', ticket.streetId)
      .where('ticket.repeatOfId', 'is', null)
      .where('ticket.id', '<>', own)
      .where('ticket.receivedAt', '>=', new Date(ticket.receivedAt.getTime() - week))
      .where('ticket.receivedAt', '<=', new Date(ticket.receivedAt.getTime() + week))
      .where((eb: any) => eb.or([...(address ? [eb(sql`trim(ticket.address)`, '=', address)] : []), ...(topic ? [eb(sql`trim(ticket.topic)`, '=', topic)] : [])]))
      .orderBy(sql`coalesce(trim(ticket.address) = ${address}, false)`, 'desc')
      .orderBy(sql`abs(extract(epoch from ticket.received_at - ${ticket.receivedAt}::timestamptz))`)
      .limit(limit),
  ).execute();
  return rows.map((r: any) => ({ ticketId: r.id, sameAddress: !!r.sameAddress, sameTopic: !!r.sameTopic }));
}
